package deploy

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

type fakeSubnets struct {
	subnets []string
	tables  []ec2types.RouteTable
	err     error
}

func (f fakeSubnets) DescribeSubnets(_ context.Context, in *ec2.DescribeSubnetsInput, _ ...func(*ec2.Options)) (*ec2.DescribeSubnetsOutput, error) {
	if f.err != nil {
		return nil, f.err
	}
	if len(in.Filters) != 1 || in.Filters[0].Values[0] != "vpc-1" {
		return nil, errors.New("subnets must be filtered by the VPC")
	}
	out := &ec2.DescribeSubnetsOutput{}
	for _, s := range f.subnets {
		out.Subnets = append(out.Subnets, ec2types.Subnet{SubnetId: aws.String(s)})
	}
	return out, nil
}

func (f fakeSubnets) DescribeRouteTables(context.Context, *ec2.DescribeRouteTablesInput, ...func(*ec2.Options)) (*ec2.DescribeRouteTablesOutput, error) {
	return &ec2.DescribeRouteTablesOutput{RouteTables: f.tables}, nil
}

func routeTable(gateway string, main bool, subnets ...string) ec2types.RouteTable {
	rt := ec2types.RouteTable{Routes: []ec2types.Route{{DestinationCidrBlock: aws.String("10.0.0.0/16"), GatewayId: aws.String("local")}}}
	if gateway != "" {
		rt.Routes = append(rt.Routes, ec2types.Route{DestinationCidrBlock: aws.String("0.0.0.0/0"), GatewayId: aws.String(gateway)})
	}
	if main {
		rt.Associations = append(rt.Associations, ec2types.RouteTableAssociation{Main: aws.Bool(true)})
	}
	for _, s := range subnets {
		rt.Associations = append(rt.Associations, ec2types.RouteTableAssociation{SubnetId: aws.String(s)})
	}
	return rt
}

func TestPrivateSubnets(t *testing.T) {
	nat := ec2types.RouteTable{Routes: []ec2types.Route{{DestinationCidrBlock: aws.String("0.0.0.0/0"), NatGatewayId: aws.String("nat-1")}},
		Associations: []ec2types.RouteTableAssociation{{SubnetId: aws.String("subnet-priv-b")}}}
	tests := []struct {
		name    string
		api     fakeSubnets
		want    []string
		wantErr string
	}{
		{name: "vpc module layout: public via IGW, private via NAT, main table unused",
			api: fakeSubnets{subnets: []string{"subnet-pub-a", "subnet-priv-b", "subnet-priv-a"},
				tables: []ec2types.RouteTable{routeTable("igw-1", false, "subnet-pub-a"), nat, routeTable("", true)}},
			want: []string{"subnet-priv-a", "subnet-priv-b"}},
		{name: "main table routes to the IGW: unassociated subnets are public",
			api:  fakeSubnets{subnets: []string{"subnet-a", "subnet-priv-b"}, tables: []ec2types.RouteTable{routeTable("igw-1", true), nat}},
			want: []string{"subnet-priv-b"}},
		{name: "all public", api: fakeSubnets{subnets: []string{"subnet-a"}, tables: []ec2types.RouteTable{routeTable("igw-1", true)}}, wantErr: "no private subnet"},
		{name: "API error", api: fakeSubnets{err: errors.New("UnauthorizedOperation")}, wantErr: "UnauthorizedOperation"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := PrivateSubnets(context.Background(), tc.api, "vpc-1")
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("error %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil || !slices.Equal(got, tc.want) {
				t.Fatalf("got %v, %v; want %v", got, err, tc.want)
			}
		})
	}
	if _, err := PrivateSubnets(context.Background(), fakeSubnets{}, ""); err == nil {
		t.Fatal("empty VPC id accepted")
	}
}
