package verify

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"slices"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/acm"
	acmtypes "github.com/aws/aws-sdk-go-v2/service/acm/types"
)

// ACMAPI is the part of the ACM client the deploy tests use to lend the UI
// listener a certificate for one run.
type ACMAPI interface {
	ImportCertificate(ctx context.Context, in *acm.ImportCertificateInput, optFns ...func(*acm.Options)) (*acm.ImportCertificateOutput, error)
	DeleteCertificate(ctx context.Context, in *acm.DeleteCertificateInput, optFns ...func(*acm.Options)) (*acm.DeleteCertificateOutput, error)
}

// SelfSigned is a PEM certificate and its private key.
type SelfSigned struct {
	CertPEM, KeyPEM []byte
	NotAfter        time.Time
}

// NewSelfSigned makes a self-signed RSA 2048 server certificate for
// dnsName, valid from an hour before now for validFor. RSA 2048 because ACM
// imports it and every ALB TLS policy offers RSA suites.
func NewSelfSigned(dnsName string, now time.Time, validFor time.Duration) (SelfSigned, error) {
	if dnsName == "" || validFor <= 0 {
		return SelfSigned{}, errors.New("self-signed certificate: need a DNS name and a positive validity")
	}
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return SelfSigned{}, fmt.Errorf("self-signed certificate: key: %w", err)
	}
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 62))
	if err != nil {
		return SelfSigned{}, fmt.Errorf("self-signed certificate: serial: %w", err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          serial,
		Subject:               pkix.Name{CommonName: dnsName, Organization: []string{"terraform-aws-metaflow deploy test"}},
		DNSNames:              []string{dnsName},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.Add(validFor),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageKeyEncipherment,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return SelfSigned{}, fmt.Errorf("self-signed certificate: %w", err)
	}
	return SelfSigned{
		CertPEM:  pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}),
		KeyPEM:   pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(key)}),
		NotAfter: tmpl.NotAfter,
	}, nil
}

// ImportTestCertificate imports a fresh self-signed certificate for dnsName
// into ACM, tagged with tags (the run tag, so a leak audit finds it), and
// returns its ARN.
func ImportTestCertificate(ctx context.Context, api ACMAPI, dnsName string, tags map[string]string, now time.Time) (string, error) {
	cert, err := NewSelfSigned(dnsName, now, 7*24*time.Hour)
	if err != nil {
		return "", err
	}
	in := &acm.ImportCertificateInput{Certificate: cert.CertPEM, PrivateKey: cert.KeyPEM}
	keys := make([]string, 0, len(tags))
	for k := range tags {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		in.Tags = append(in.Tags, acmtypes.Tag{Key: aws.String(k), Value: aws.String(tags[k])})
	}
	out, err := api.ImportCertificate(ctx, in)
	if err != nil {
		return "", fmt.Errorf("acm:ImportCertificate for %s: %w", dnsName, err)
	}
	if aws.ToString(out.CertificateArn) == "" {
		return "", fmt.Errorf("acm:ImportCertificate for %s returned no ARN", dnsName)
	}
	return aws.ToString(out.CertificateArn), nil
}

// DeleteCertificateWhenFree deletes the certificate, retrying every interval
// while ACM answers ResourceInUseException (a load balancer listener still
// holds it for a while after terraform destroy removed it) until ctx ends.
// A certificate that is already gone counts as deleted.
func DeleteCertificateWhenFree(ctx context.Context, api ACMAPI, arn string, interval time.Duration, logf func(string, ...any)) error {
	if arn == "" {
		return nil
	}
	for attempt := 1; ; attempt++ {
		_, err := api.DeleteCertificate(ctx, &acm.DeleteCertificateInput{CertificateArn: aws.String(arn)})
		var notFound *acmtypes.ResourceNotFoundException
		var inUse *acmtypes.ResourceInUseException
		switch {
		case err == nil, errors.As(err, &notFound):
			return nil
		case !errors.As(err, &inUse):
			return fmt.Errorf("acm:DeleteCertificate %s: %w", arn, err)
		}
		if logf != nil {
			logf("acm: certificate still in use (attempt %d), retrying in %s", attempt, interval)
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("acm:DeleteCertificate %s: still in use after %d attempts: %w", arn, attempt, context.Cause(ctx))
		case <-time.After(interval):
		}
	}
}
