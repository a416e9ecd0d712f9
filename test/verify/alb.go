package verify

import (
	"context"
	"fmt"
	"regexp"

	"github.com/aws/aws-sdk-go-v2/aws"
	elb "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2"
	"github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2/types"
)

// ELBAPI is the part of the ELBv2 client CheckUIALB needs.
type ELBAPI interface {
	DescribeLoadBalancers(ctx context.Context, in *elb.DescribeLoadBalancersInput, optFns ...func(*elb.Options)) (*elb.DescribeLoadBalancersOutput, error)
	DescribeListeners(ctx context.Context, in *elb.DescribeListenersInput, optFns ...func(*elb.Options)) (*elb.DescribeListenersOutput, error)
	DescribeLoadBalancerAttributes(ctx context.Context, in *elb.DescribeLoadBalancerAttributesInput, optFns ...func(*elb.Options)) (*elb.DescribeLoadBalancerAttributesOutput, error)
}

// modernTLSPolicy matches ELB security policies whose minimum is TLS 1.2 or
// 1.3 (TLS13-1-2/1-3, TLS-1-2, FS-1-2 families). The TLS13-1-0/1-1 and 2016-08
// policies still accept TLS 1.0/1.1 and do not match.
var modernTLSPolicy = regexp.MustCompile(`^ELBSecurityPolicy-(TLS13-1-[23]|TLS-1-2|FS-1-2)-`)

// ALBExpectations tunes CheckUIALB.
type ALBExpectations struct {
	// TLSPolicy, when set, must equal the HTTPS listener's policy exactly;
	// otherwise any TLS 1.2+ policy passes.
	TLSPolicy string
}

// ALBReport describes a UI load balancer that passed.
type ALBReport struct {
	DNSName   string
	Public    bool
	TLSPolicy string
}

// CheckUIALB checks the UI's application load balancer: active, an HTTPS
// listener on 443 with a TLS 1.2+ policy, an HTTP listener on 80 that only
// redirects to HTTPS with a 301, and invalid header fields dropped.
func CheckUIALB(ctx context.Context, api ELBAPI, arn string, want ALBExpectations) (ALBReport, error) {
	if arn == "" {
		return ALBReport{}, fmt.Errorf("ui alb: ARN is empty (is ui_alb_arn set by this example?)")
	}
	out, err := api.DescribeLoadBalancers(ctx, &elb.DescribeLoadBalancersInput{LoadBalancerArns: []string{arn}})
	if err != nil {
		return ALBReport{}, fmt.Errorf("ui alb: describing %s: %w", arn, err)
	}
	if len(out.LoadBalancers) != 1 {
		return ALBReport{}, fmt.Errorf("ui alb: %s: found %d load balancers, want 1", arn, len(out.LoadBalancers))
	}
	lb := out.LoadBalancers[0]
	name := aws.ToString(lb.LoadBalancerName)
	if lb.Type != types.LoadBalancerTypeEnumApplication {
		return ALBReport{}, fmt.Errorf("ui alb: %s is a %s load balancer, want application", name, lb.Type)
	}
	if lb.State == nil {
		return ALBReport{}, notReady("ui alb: %s has no state yet", name)
	}
	switch lb.State.Code {
	case types.LoadBalancerStateEnumActive:
	case types.LoadBalancerStateEnumProvisioning:
		return ALBReport{}, notReady("ui alb: %s is provisioning", name)
	default:
		return ALBReport{}, fmt.Errorf("ui alb: %s state is %s: %s", name, lb.State.Code, aws.ToString(lb.State.Reason))
	}
	report := ALBReport{DNSName: aws.ToString(lb.DNSName), Public: lb.Scheme == types.LoadBalancerSchemeEnumInternetFacing}

	ls, err := api.DescribeListeners(ctx, &elb.DescribeListenersInput{LoadBalancerArn: aws.String(arn)})
	if err != nil {
		return ALBReport{}, fmt.Errorf("ui alb: listeners of %s: %w", name, err)
	}
	var https, http *types.Listener
	for i := range ls.Listeners {
		l := &ls.Listeners[i]
		switch {
		case l.Protocol == types.ProtocolEnumHttps && aws.ToInt32(l.Port) == 443:
			https = l
		case l.Protocol == types.ProtocolEnumHttp && aws.ToInt32(l.Port) == 80:
			http = l
		case l.Protocol == types.ProtocolEnumHttp:
			return ALBReport{}, fmt.Errorf("ui alb: %s serves plain HTTP on port %d", name, aws.ToInt32(l.Port))
		}
	}
	if https == nil {
		return ALBReport{}, fmt.Errorf("ui alb: %s has no HTTPS listener on 443", name)
	}
	report.TLSPolicy = aws.ToString(https.SslPolicy)
	switch {
	case want.TLSPolicy != "" && report.TLSPolicy != want.TLSPolicy:
		return ALBReport{}, fmt.Errorf("ui alb: %s HTTPS listener policy is %q, want %q", name, report.TLSPolicy, want.TLSPolicy)
	case want.TLSPolicy == "" && !modernTLSPolicy.MatchString(report.TLSPolicy):
		return ALBReport{}, fmt.Errorf("ui alb: %s HTTPS listener policy %q allows TLS below 1.2", name, report.TLSPolicy)
	}
	if http == nil {
		return ALBReport{}, fmt.Errorf("ui alb: %s has no HTTP listener on 80 redirecting to HTTPS", name)
	}
	if err := checkHTTPSRedirect(http.DefaultActions); err != nil {
		return ALBReport{}, fmt.Errorf("ui alb: %s HTTP listener: %w", name, err)
	}

	attrs, err := api.DescribeLoadBalancerAttributes(ctx, &elb.DescribeLoadBalancerAttributesInput{LoadBalancerArn: aws.String(arn)})
	if err != nil {
		return ALBReport{}, fmt.Errorf("ui alb: attributes of %s: %w", name, err)
	}
	drop := ""
	for _, a := range attrs.Attributes {
		if aws.ToString(a.Key) == "routing.http.drop_invalid_header_fields.enabled" {
			drop = aws.ToString(a.Value)
		}
	}
	if drop != "true" {
		return ALBReport{}, fmt.Errorf("ui alb: %s routing.http.drop_invalid_header_fields.enabled is %q, want \"true\"", name, drop)
	}
	return report, nil
}

func checkHTTPSRedirect(actions []types.Action) error {
	if len(actions) != 1 {
		return fmt.Errorf("has %d default actions, want exactly one redirect", len(actions))
	}
	a := actions[0]
	if a.Type != types.ActionTypeEnumRedirect || a.RedirectConfig == nil {
		return fmt.Errorf("default action is %s, want redirect", a.Type)
	}
	rc := a.RedirectConfig
	if aws.ToString(rc.Protocol) != "HTTPS" || aws.ToString(rc.Port) != "443" || rc.StatusCode != types.RedirectActionStatusCodeEnumHttp301 {
		return fmt.Errorf("redirects to %s port %s with %s, want HTTPS port 443 with HTTP_301",
			aws.ToString(rc.Protocol), aws.ToString(rc.Port), rc.StatusCode)
	}
	return nil
}
