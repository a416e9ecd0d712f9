package verify

import (
	"context"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/acm"
	acmtypes "github.com/aws/aws-sdk-go-v2/service/acm/types"
)

type fakeACM struct {
	imported   *acm.ImportCertificateInput
	importErr  error
	noARN      bool
	deleteErrs []error // one per call; past the end: success
	deletes    int
}

func (f *fakeACM) ImportCertificate(_ context.Context, in *acm.ImportCertificateInput, _ ...func(*acm.Options)) (*acm.ImportCertificateOutput, error) {
	f.imported = in
	if f.importErr != nil {
		return nil, f.importErr
	}
	if f.noARN {
		return &acm.ImportCertificateOutput{}, nil
	}
	return &acm.ImportCertificateOutput{CertificateArn: aws.String("arn:aws:acm:us-west-2:000000000000:certificate/1234")}, nil
}

func (f *fakeACM) DeleteCertificate(_ context.Context, _ *acm.DeleteCertificateInput, _ ...func(*acm.Options)) (*acm.DeleteCertificateOutput, error) {
	f.deletes++
	if f.deletes <= len(f.deleteErrs) {
		return nil, f.deleteErrs[f.deletes-1]
	}
	return &acm.DeleteCertificateOutput{}, nil
}

func TestNewSelfSigned(t *testing.T) {
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	c, err := NewSelfSigned("ui.mfdt-x.example.com", now, 24*time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	block, _ := pem.Decode(c.CertPEM)
	if block == nil || block.Type != "CERTIFICATE" {
		t.Fatalf("certificate is not PEM: %q", c.CertPEM)
	}
	cert, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	if err := cert.VerifyHostname("ui.mfdt-x.example.com"); err != nil {
		t.Errorf("certificate does not cover its name: %v", err)
	}
	if !cert.NotBefore.Before(now) || !cert.NotAfter.Equal(now.Add(24*time.Hour)) {
		t.Errorf("validity %s..%s, want around now+24h", cert.NotBefore, cert.NotAfter)
	}
	if cert.PublicKeyAlgorithm != x509.RSA {
		t.Errorf("key %v, want RSA (every ALB policy serves it)", cert.PublicKeyAlgorithm)
	}
	if kb, _ := pem.Decode(c.KeyPEM); kb == nil || kb.Type != "RSA PRIVATE KEY" {
		t.Fatal("key is not a PEM RSA private key")
	} else if _, err := x509.ParsePKCS1PrivateKey(kb.Bytes); err != nil {
		t.Fatal(err)
	}
	if _, err := NewSelfSigned("", now, time.Hour); err == nil {
		t.Error("empty name accepted")
	}
}

func TestImportTestCertificate(t *testing.T) {
	f := &fakeACM{}
	arn, err := ImportTestCertificate(context.Background(), f, "ui.example.com", map[string]string{"metaflow-test-run": "mfdt-x"}, time.Now())
	if err != nil || !strings.HasPrefix(arn, "arn:aws:acm:") {
		t.Fatalf("arn %q err %v", arn, err)
	}
	if len(f.imported.Tags) != 1 || aws.ToString(f.imported.Tags[0].Key) != "metaflow-test-run" || aws.ToString(f.imported.Tags[0].Value) != "mfdt-x" {
		t.Errorf("tags %+v, want the run tag (the leak audit finds the certificate by it)", f.imported.Tags)
	}
	if len(f.imported.Certificate) == 0 || len(f.imported.PrivateKey) == 0 || f.imported.CertificateChain != nil {
		t.Error("import must carry the certificate and key and no chain")
	}

	for name, f := range map[string]*fakeACM{
		"import refused": {importErr: errors.New("LimitExceededException")},
		"no ARN":         {noARN: true},
	} {
		if _, err := ImportTestCertificate(context.Background(), f, "ui.example.com", nil, time.Now()); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestDeleteCertificateWhenFree(t *testing.T) {
	inUse := &acmtypes.ResourceInUseException{Message: aws.String("certificate is in use by a listener")}
	tests := []struct {
		name        string
		errs        []error
		timeout     time.Duration
		wantDeletes int
		wantErr     string
	}{
		{name: "free at once", wantDeletes: 1},
		{name: "in use twice, then deleted", errs: []error{inUse, inUse}, wantDeletes: 3},
		{name: "already gone", errs: []error{&acmtypes.ResourceNotFoundException{Message: aws.String("gone")}}, wantDeletes: 1},
		{name: "access denied is not retried", errs: []error{errors.New("AccessDeniedException")}, wantDeletes: 1, wantErr: "AccessDenied"},
		{name: "in use until the deadline", errs: []error{inUse, inUse, inUse, inUse, inUse, inUse, inUse, inUse, inUse, inUse}, timeout: 25 * time.Millisecond, wantErr: "still in use"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := &fakeACM{deleteErrs: tc.errs}
			timeout := tc.timeout
			if timeout == 0 {
				timeout = 5 * time.Second
			}
			ctx, cancel := context.WithTimeout(context.Background(), timeout)
			defer cancel()
			err := DeleteCertificateWhenFree(ctx, f, "arn:aws:acm:us-west-2:000000000000:certificate/1234", 10*time.Millisecond, t.Logf)
			checkErr(t, err, tc.wantErr, false)
			if tc.wantDeletes != 0 && f.deletes != tc.wantDeletes {
				t.Errorf("DeleteCertificate called %d times, want %d", f.deletes, tc.wantDeletes)
			}
		})
	}
	if err := DeleteCertificateWhenFree(context.Background(), &fakeACM{}, "", time.Millisecond, nil); err != nil {
		t.Errorf("no certificate: %v", err)
	}
}
