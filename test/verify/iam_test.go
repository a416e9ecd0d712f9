package verify

import (
	"context"
	"errors"
	"net/url"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
)

// fakeIAM serves roles by name, their trust policies URL-encoded as IAM does.
type fakeIAM struct {
	roles map[string]string // name -> trust policy JSON
	arns  map[string]string // name -> ARN override
	err   error
	asked []string
}

func (f *fakeIAM) GetRole(_ context.Context, in *iam.GetRoleInput, _ ...func(*iam.Options)) (*iam.GetRoleOutput, error) {
	name := aws.ToString(in.RoleName)
	f.asked = append(f.asked, name)
	if f.err != nil {
		return nil, f.err
	}
	doc, ok := f.roles[name]
	if !ok {
		return nil, &types.NoSuchEntityException{Message: aws.String("The role with name " + name + " cannot be found.")}
	}
	arn := "arn:aws:iam::111122223333:role/" + name
	if a, ok := f.arns[name]; ok {
		arn = a
	}
	return &iam.GetRoleOutput{Role: &types.Role{RoleName: aws.String(name), Arn: aws.String(arn), AssumeRolePolicyDocument: aws.String(url.PathEscape(doc))}}, nil
}

// The shape terraform's aws_iam_policy_document renders for modules/step-functions.
const sfnTrust = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"Service":"states.amazonaws.com"},"Condition":{"StringEquals":{"aws:SourceAccount":"111122223333"}}}]}`

func TestCheckRoleTrust(t *testing.T) {
	const arn = "arn:aws:iam::111122223333:role/mfabc-sfn"
	tests := []struct {
		name      string
		arn       string
		principal string
		policy    string
		fake      *fakeIAM
		wantErr   string
	}{
		{name: "states role", arn: arn, principal: StatesPrincipal, policy: sfnTrust},
		{name: "service list and action list", arn: arn, principal: EventsPrincipal,
			policy: `{"Statement":[{"Effect":"Allow","Action":["sts:TagSession","sts:AssumeRole"],"Principal":{"Service":["lambda.amazonaws.com","events.amazonaws.com"]}}]}`},
		{name: "single statement object", arn: arn, principal: StatesPrincipal,
			policy: `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"Service":"states.amazonaws.com"}}}`},
		{name: "path in the ARN", arn: "arn:aws:iam::111122223333:role/metaflow/mfabc-sfn", principal: StatesPrincipal, policy: sfnTrust,
			fake: &fakeIAM{roles: map[string]string{"mfabc-sfn": sfnTrust}, arns: map[string]string{"mfabc-sfn": "arn:aws:iam::111122223333:role/metaflow/mfabc-sfn"}}},
		{name: "wrong trust principal", arn: arn, principal: EventsPrincipal, policy: sfnTrust, wantErr: "does not allow sts:AssumeRole to events.amazonaws.com (it trusts services [states.amazonaws.com])"},
		{name: "principal only in a Deny", arn: arn, principal: StatesPrincipal,
			policy: strings.Replace(sfnTrust, `"Allow"`, `"Deny"`, 1), wantErr: "does not allow"},
		{name: "unconditional deny wins", arn: arn, principal: StatesPrincipal,
			policy: `{"Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"Service":"states.amazonaws.com"}},{"Effect":"Deny","Action":"sts:*","Principal":{"Service":"states.amazonaws.com"}}]}`, wantErr: "denies sts:AssumeRole"},
		{name: "other action only", arn: arn, principal: StatesPrincipal,
			policy: `{"Statement":[{"Effect":"Allow","Action":"sts:AssumeRoleWithWebIdentity","Principal":{"Service":"states.amazonaws.com"}}]}`, wantErr: "does not allow"},
		{name: "anyone may assume", arn: arn, principal: StatesPrincipal,
			policy: `{"Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"Service":"states.amazonaws.com"}},{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"AWS":"*"}}]}`, wantErr: "any principal"},
		{name: "principal star", arn: arn, principal: StatesPrincipal,
			policy: `{"Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":"*"}]}`, wantErr: "any principal"},
		{name: "role missing", arn: arn, principal: StatesPrincipal, fake: &fakeIAM{}, wantErr: "role mfabc-sfn does not exist"},
		{name: "api error", arn: arn, principal: StatesPrincipal, fake: &fakeIAM{err: errors.New("AccessDenied")}, wantErr: "AccessDenied"},
		{name: "ARN of another account", arn: "arn:aws:iam::444455556666:role/mfabc-sfn", principal: StatesPrincipal, policy: sfnTrust, wantErr: "has ARN arn:aws:iam::111122223333:role/mfabc-sfn"},
		{name: "not a role ARN", arn: "arn:aws:iam::111122223333:user/mfabc-sfn", principal: StatesPrincipal, wantErr: "not an IAM role ARN"},
		{name: "garbage policy", arn: arn, principal: StatesPrincipal, policy: `{"Statement":`, wantErr: "not JSON"},
		{name: "no statement", arn: arn, principal: StatesPrincipal, policy: `{"Version":"2012-10-17"}`, wantErr: "no Statement"},
		{name: "bad principal", arn: arn, principal: StatesPrincipal, policy: `{"Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":"states.amazonaws.com"}]}`, wantErr: "principal"},
		{name: "no principal to check", arn: arn, principal: "", policy: sfnTrust, wantErr: "no service principal"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := tc.fake
			if f == nil {
				f = &fakeIAM{roles: map[string]string{"mfabc-sfn": tc.policy}}
			}
			err := CheckRoleTrust(context.Background(), f, tc.arn, tc.principal)
			checkErr(t, err, tc.wantErr, false)
			if err == nil && (len(f.asked) != 1 || f.asked[0] != "mfabc-sfn") {
				t.Fatalf("asked for roles %v, want [mfabc-sfn]", f.asked)
			}
		})
	}
}

func TestParseTrustPolicyKeepsPlus(t *testing.T) {
	// A literal "+" (encoded %2B) must not turn into a space.
	p, err := ParseTrustPolicy(url.PathEscape(`{"Statement":[{"Sid":"a+b","Effect":"Allow","Action":"sts:AssumeRole","Principal":{"Service":"states.amazonaws.com"}}]}`))
	if err != nil {
		t.Fatal(err)
	}
	if p.Statement[0].Sid != "a+b" {
		t.Fatalf("Sid %q, want a+b", p.Statement[0].Sid)
	}
	if !p.allows(StatesPrincipal) || p.allows(EventsPrincipal) {
		t.Fatal("allows() does not follow the principal")
	}
}

func TestParseTrustPolicyEncodings(t *testing.T) {
	doc := `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"Service": "events.amazonaws.com"}}]}`
	for name, enc := range map[string]string{
		"RFC 3986 (IAM)":      url.PathEscape(doc),
		"form (space as +)":   url.QueryEscape(doc),
		"plain JSON":          doc,
		"plain JSON indented": "\n  " + doc,
	} {
		p, err := ParseTrustPolicy(enc)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if !p.allows(EventsPrincipal) {
			t.Errorf("%s: parsed %+v does not allow events", name, p)
		}
	}
	if _, err := ParseTrustPolicy("%zz"); err == nil {
		t.Error("a bad escape must fail")
	}
	if _, err := ParseTrustPolicy(""); err == nil {
		t.Error("an empty policy must fail")
	}
}

func TestRoleNameFromARN(t *testing.T) {
	tests := []struct{ arn, want, wantErr string }{
		{arn: "arn:aws:iam::111122223333:role/mfabc-sfn", want: "mfabc-sfn"},
		{arn: "arn:aws-us-gov:iam::111122223333:role/a/b/c-role", want: "c-role"},
		{arn: "arn:aws:iam::111122223333:role/", wantErr: "no role name"},
		{arn: "arn:aws:sts::111122223333:assumed-role/x/y", wantErr: "not an IAM role ARN"},
		{arn: "mfabc-sfn", wantErr: "not an IAM role ARN"},
	}
	for _, tc := range tests {
		got, err := RoleNameFromARN(tc.arn)
		checkErr(t, err, tc.wantErr, false)
		if got != tc.want {
			t.Errorf("RoleNameFromARN(%q) = %q, want %q", tc.arn, got, tc.want)
		}
	}
}
