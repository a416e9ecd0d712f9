package verify

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"path"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
)

// Service principals the Step Functions module's roles trust (modules/step-functions/iam.tf).
const (
	// StatesPrincipal assumes METAFLOW_SFN_IAM_ROLE.
	StatesPrincipal = "states.amazonaws.com"
	// EventsPrincipal assumes METAFLOW_EVENTS_SFN_ACCESS_IAM_ROLE.
	EventsPrincipal = "events.amazonaws.com"
)

// IAMAPI is the part of the IAM client CheckRoleTrust needs.
type IAMAPI interface {
	GetRole(ctx context.Context, in *iam.GetRoleInput, optFns ...func(*iam.Options)) (*iam.GetRoleOutput, error)
}

// RoleNameFromARN returns the role name of arn:PARTITION:iam::ACCOUNT:role[/PATH]/NAME.
func RoleNameFromARN(arn string) (string, error) {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" || parts[2] != "iam" || !strings.HasPrefix(parts[5], "role/") {
		return "", fmt.Errorf("iam: %q is not an IAM role ARN", arn)
	}
	name := path.Base(parts[5])
	if name == "" || name == "role" {
		return "", fmt.Errorf("iam: %q has no role name", arn)
	}
	return name, nil
}

// CheckRoleTrust checks the role exists and its trust policy lets the AWS
// service servicePrincipal call sts:AssumeRole (an Allow statement naming it,
// and no Deny statement that would cancel it). Conditions such as
// aws:SourceAccount are allowed: they narrow who may act, not which service.
func CheckRoleTrust(ctx context.Context, api IAMAPI, roleARN, servicePrincipal string) error {
	if servicePrincipal == "" {
		return errors.New("iam: no service principal to check the trust of")
	}
	name, err := RoleNameFromARN(roleARN)
	if err != nil {
		return err
	}
	out, err := api.GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String(name)})
	var nse *types.NoSuchEntityException
	switch {
	case errors.As(err, &nse):
		return fmt.Errorf("iam: role %s does not exist: %w", name, err)
	case err != nil:
		return fmt.Errorf("iam: reading role %s: %w", name, err)
	case out.Role == nil:
		return fmt.Errorf("iam: role %s: empty answer", name)
	}
	if got := aws.ToString(out.Role.Arn); got != "" && got != roleARN {
		return fmt.Errorf("iam: role %s has ARN %s, want %s", name, got, roleARN)
	}
	doc, err := ParseTrustPolicy(aws.ToString(out.Role.AssumeRolePolicyDocument))
	if err != nil {
		return fmt.Errorf("iam: role %s: %w", name, err)
	}
	if doc.denies(servicePrincipal) {
		return fmt.Errorf("iam: role %s trust policy denies sts:AssumeRole to %s", name, servicePrincipal)
	}
	if doc.trustsAnyone() {
		return fmt.Errorf("iam: role %s trust policy lets any principal assume it", name)
	}
	if !doc.allows(servicePrincipal) {
		return fmt.Errorf("iam: role %s trust policy does not allow sts:AssumeRole to %s (it trusts services %v)", name, servicePrincipal, doc.services())
	}
	return nil
}

// TrustPolicy is an IAM role trust policy, with the shorthand forms (a single
// statement, a single string for a list) normalised to lists.
type TrustPolicy struct {
	Version   string
	Statement []TrustStatement
}

// TrustStatement is one statement of a trust policy.
type TrustStatement struct {
	Sid    string
	Effect string
	Action stringList
	// Principal is "*" (AllPrincipals) or a map such as {"Service": [...]}.
	Principal principal
	Condition json.RawMessage
}

// ParseTrustPolicy reads a trust policy as IAM returns it: URL-encoded JSON
// (plain JSON is accepted too).
func ParseTrustPolicy(doc string) (TrustPolicy, error) {
	if doc == "" {
		return TrustPolicy{}, errors.New("trust policy is empty")
	}
	var raw struct {
		Version   string
		Statement json.RawMessage
	}
	if !strings.HasPrefix(strings.TrimSpace(doc), "{") {
		// IAM encodes per RFC 3986 (space as %20): PathUnescape keeps a
		// literal "+" a "+". Form encoding (space as "+") is the fallback.
		dec, err := url.PathUnescape(doc)
		if err != nil {
			return TrustPolicy{}, fmt.Errorf("trust policy is not URL-encoded JSON: %w", err)
		}
		if json.Unmarshal([]byte(dec), &raw) != nil {
			if form, ferr := url.QueryUnescape(doc); ferr == nil {
				dec = form
			}
		}
		doc = dec
	}
	if err := json.Unmarshal([]byte(doc), &raw); err != nil {
		return TrustPolicy{}, fmt.Errorf("trust policy is not JSON: %w", err)
	}
	p := TrustPolicy{Version: raw.Version}
	st := strings.TrimSpace(string(raw.Statement))
	switch {
	case strings.HasPrefix(st, "["):
		if err := json.Unmarshal(raw.Statement, &p.Statement); err != nil {
			return TrustPolicy{}, fmt.Errorf("trust policy statements: %w", err)
		}
	case strings.HasPrefix(st, "{"):
		var one TrustStatement
		if err := json.Unmarshal(raw.Statement, &one); err != nil {
			return TrustPolicy{}, fmt.Errorf("trust policy statement: %w", err)
		}
		p.Statement = []TrustStatement{one}
	default:
		return TrustPolicy{}, errors.New("trust policy has no Statement")
	}
	return p, nil
}

func (p TrustPolicy) allows(service string) bool {
	return slices.ContainsFunc(p.Statement, func(s TrustStatement) bool {
		return strings.EqualFold(s.Effect, "Allow") && s.matches(service)
	})
}

func (p TrustPolicy) denies(service string) bool {
	return slices.ContainsFunc(p.Statement, func(s TrustStatement) bool {
		return strings.EqualFold(s.Effect, "Deny") && s.matches(service) && len(s.Condition) == 0
	})
}

func (p TrustPolicy) trustsAnyone() bool {
	return slices.ContainsFunc(p.Statement, func(s TrustStatement) bool {
		return strings.EqualFold(s.Effect, "Allow") && (s.Principal.All || slices.Contains(s.Principal.AWS, "*"))
	})
}

func (p TrustPolicy) services() []string {
	var all []string
	for _, s := range p.Statement {
		all = append(all, s.Principal.Service...)
	}
	return all
}

func (s TrustStatement) matches(service string) bool {
	action := slices.ContainsFunc(s.Action, func(a string) bool {
		a = strings.ToLower(a)
		return a == "sts:assumerole" || a == "sts:*" || a == "*"
	})
	return action && (s.Principal.All || slices.Contains(s.Principal.Service, service))
}

// stringList is a policy element that may be one string or a list of them.
type stringList []string

func (l *stringList) UnmarshalJSON(b []byte) error {
	var one string
	if err := json.Unmarshal(b, &one); err == nil {
		*l = stringList{one}
		return nil
	}
	var many []string
	if err := json.Unmarshal(b, &many); err != nil {
		return fmt.Errorf("want a string or a list of strings, got %s", b)
	}
	*l = many
	return nil
}

// principal is a policy Principal: "*" or {"Service"|"AWS"|"Federated": string or list}.
type principal struct {
	All       bool
	Service   stringList
	AWS       stringList
	Federated stringList
}

func (p *principal) UnmarshalJSON(b []byte) error {
	var star string
	if err := json.Unmarshal(b, &star); err == nil {
		if star != "*" {
			return fmt.Errorf("principal %q: want \"*\" or an object", star)
		}
		p.All = true
		return nil
	}
	var m struct {
		Service   stringList
		AWS       stringList
		Federated stringList
	}
	if err := json.Unmarshal(b, &m); err != nil {
		return fmt.Errorf("principal: %w", err)
	}
	p.Service, p.AWS, p.Federated = m.Service, m.AWS, m.Federated
	return nil
}
