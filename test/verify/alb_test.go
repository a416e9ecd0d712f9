package verify

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	elb "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2"
	"github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2/types"
)

type fakeELB struct {
	lbs       []types.LoadBalancer
	listeners []types.Listener
	attrs     map[string]string
}

func (f *fakeELB) DescribeLoadBalancers(context.Context, *elb.DescribeLoadBalancersInput, ...func(*elb.Options)) (*elb.DescribeLoadBalancersOutput, error) {
	return &elb.DescribeLoadBalancersOutput{LoadBalancers: f.lbs}, nil
}

func (f *fakeELB) DescribeListeners(context.Context, *elb.DescribeListenersInput, ...func(*elb.Options)) (*elb.DescribeListenersOutput, error) {
	return &elb.DescribeListenersOutput{Listeners: f.listeners}, nil
}

func (f *fakeELB) DescribeLoadBalancerAttributes(context.Context, *elb.DescribeLoadBalancerAttributesInput, ...func(*elb.Options)) (*elb.DescribeLoadBalancerAttributesOutput, error) {
	var out []types.LoadBalancerAttribute
	for k, v := range f.attrs {
		out = append(out, types.LoadBalancerAttribute{Key: aws.String(k), Value: aws.String(v)})
	}
	return &elb.DescribeLoadBalancerAttributesOutput{Attributes: out}, nil
}

const albARN = "arn:aws:elasticloadbalancing:us-west-2:000000000000:loadbalancer/app/mfabc-ui/1"

func goodELB() fakeELB {
	return fakeELB{
		lbs: []types.LoadBalancer{{
			LoadBalancerArn: aws.String(albARN), LoadBalancerName: aws.String("mfabc-ui"),
			DNSName: aws.String("mfabc-ui-1.us-west-2.elb.amazonaws.com"),
			Type:    types.LoadBalancerTypeEnumApplication, Scheme: types.LoadBalancerSchemeEnumInternetFacing,
			State: &types.LoadBalancerState{Code: types.LoadBalancerStateEnumActive},
		}},
		listeners: []types.Listener{
			{Port: aws.Int32(443), Protocol: types.ProtocolEnumHttps, SslPolicy: aws.String("ELBSecurityPolicy-TLS13-1-2-2021-06"),
				DefaultActions: []types.Action{{Type: types.ActionTypeEnumForward}}},
			{Port: aws.Int32(80), Protocol: types.ProtocolEnumHttp, DefaultActions: []types.Action{{
				Type:           types.ActionTypeEnumRedirect,
				RedirectConfig: &types.RedirectActionConfig{Protocol: aws.String("HTTPS"), Port: aws.String("443"), StatusCode: types.RedirectActionStatusCodeEnumHttp301},
			}}},
		},
		attrs: map[string]string{"routing.http.drop_invalid_header_fields.enabled": "true", "idle_timeout.timeout_seconds": "60"},
	}
}

func TestCheckUIALB(t *testing.T) {
	tests := []struct {
		name         string
		mut          func(*fakeELB)
		want         ALBExpectations
		wantErr      string
		wantNotReady bool
		wantPublic   bool
	}{
		{name: "good public ALB", wantPublic: true},
		{name: "exact policy wanted and set", want: ALBExpectations{TLSPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06"}, wantPublic: true},
		{name: "internal ALB passes, not public", mut: func(f *fakeELB) { f.lbs[0].Scheme = types.LoadBalancerSchemeEnumInternal }},
		{name: "provisioning", mut: func(f *fakeELB) { f.lbs[0].State.Code = types.LoadBalancerStateEnumProvisioning }, wantErr: "provisioning", wantNotReady: true},
		{name: "failed", mut: func(f *fakeELB) {
			f.lbs[0].State = &types.LoadBalancerState{Code: types.LoadBalancerStateEnumFailed, Reason: aws.String("subnet full")}
		}, wantErr: "subnet full"},
		{name: "network load balancer", mut: func(f *fakeELB) { f.lbs[0].Type = types.LoadBalancerTypeEnumNetwork }, wantErr: "want application"},
		{name: "not found", mut: func(f *fakeELB) { f.lbs = nil }, wantErr: "found 0"},
		{name: "no HTTPS listener", mut: func(f *fakeELB) { f.listeners = f.listeners[1:] }, wantErr: "no HTTPS listener"},
		{name: "default 2016 policy allows TLS 1.0", mut: func(f *fakeELB) { f.listeners[0].SslPolicy = aws.String("ELBSecurityPolicy-2016-08") }, wantErr: "allows TLS below 1.2"},
		{name: "TLS13-1-0 policy allows TLS 1.0", mut: func(f *fakeELB) { f.listeners[0].SslPolicy = aws.String("ELBSecurityPolicy-TLS13-1-0-2021-06") }, wantErr: "allows TLS below 1.2"},
		{name: "TLS13-1-2 restricted (the ui module's) passes", mut: func(f *fakeELB) { f.listeners[0].SslPolicy = aws.String("ELBSecurityPolicy-TLS13-1-2-Res-2021-06") }, wantPublic: true},
		{name: "TLS13-1-1 policy allows TLS 1.1", mut: func(f *fakeELB) { f.listeners[0].SslPolicy = aws.String("ELBSecurityPolicy-TLS13-1-1-2021-06") }, wantErr: "allows TLS below 1.2"},
		{name: "TLS-1-2 family passes", mut: func(f *fakeELB) { f.listeners[0].SslPolicy = aws.String("ELBSecurityPolicy-TLS-1-2-Ext-2018-06") }, wantPublic: true},
		{name: "other policy than wanted", want: ALBExpectations{TLSPolicy: "ELBSecurityPolicy-TLS13-1-3-2021-06"}, wantErr: `want "ELBSecurityPolicy-TLS13-1-3-2021-06"`},
		{name: "no HTTP listener", mut: func(f *fakeELB) { f.listeners = f.listeners[:1] }, wantErr: "no HTTP listener on 80"},
		{name: "HTTP forwards instead of redirecting", mut: func(f *fakeELB) { f.listeners[1].DefaultActions = []types.Action{{Type: types.ActionTypeEnumForward}} }, wantErr: "want redirect"},
		{name: "temporary redirect", mut: func(f *fakeELB) {
			f.listeners[1].DefaultActions[0].RedirectConfig.StatusCode = types.RedirectActionStatusCodeEnumHttp302
		}, wantErr: "HTTP_302"},
		{name: "plain HTTP on another port", mut: func(f *fakeELB) {
			f.listeners = append(f.listeners, types.Listener{Port: aws.Int32(8080), Protocol: types.ProtocolEnumHttp})
		}, wantErr: "plain HTTP on port 8080"},
		{name: "invalid headers kept", mut: func(f *fakeELB) { f.attrs["routing.http.drop_invalid_header_fields.enabled"] = "false" }, wantErr: "drop_invalid_header_fields"},
		{name: "invalid header attribute missing", mut: func(f *fakeELB) { delete(f.attrs, "routing.http.drop_invalid_header_fields.enabled") }, wantErr: "drop_invalid_header_fields"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := goodELB()
			if tc.mut != nil {
				tc.mut(&f)
			}
			report, err := CheckUIALB(context.Background(), &f, albARN, tc.want)
			checkErr(t, err, tc.wantErr, tc.wantNotReady)
			if tc.wantErr == "" {
				if report.Public != tc.wantPublic {
					t.Fatalf("Public = %t, want %t", report.Public, tc.wantPublic)
				}
				if report.DNSName == "" {
					t.Fatal("DNS name not reported")
				}
			}
		})
	}
	if _, err := CheckUIALB(context.Background(), &fakeELB{}, "", ALBExpectations{}); err == nil {
		t.Fatal("empty ARN: want an error")
	}
}
