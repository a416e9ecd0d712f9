package deploy

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

// SubnetAPI is the part of the EC2 client PrivateSubnets needs.
type SubnetAPI interface {
	DescribeSubnets(ctx context.Context, in *ec2.DescribeSubnetsInput, optFns ...func(*ec2.Options)) (*ec2.DescribeSubnetsOutput, error)
	DescribeRouteTables(ctx context.Context, in *ec2.DescribeRouteTablesInput, optFns ...func(*ec2.Options)) (*ec2.DescribeRouteTablesOutput, error)
}

// PrivateSubnets lists (sorted) the subnets of vpcID whose route table, the
// explicitly associated one or else the VPC's main one, has no route to an
// internet gateway: the subnets the module puts its database in. The root
// module has no subnet output, so the RDS check derives them this way.
func PrivateSubnets(ctx context.Context, api SubnetAPI, vpcID string) ([]string, error) {
	if vpcID == "" {
		return nil, fmt.Errorf("ec2: no VPC id (is the vpc_id output set?)")
	}
	filter := []ec2types.Filter{{Name: aws.String("vpc-id"), Values: []string{vpcID}}}
	subnets, err := api.DescribeSubnets(ctx, &ec2.DescribeSubnetsInput{Filters: filter})
	if err != nil {
		return nil, fmt.Errorf("ec2:DescribeSubnets in %s: %w", vpcID, err)
	}
	tables, err := api.DescribeRouteTables(ctx, &ec2.DescribeRouteTablesInput{Filters: filter})
	if err != nil {
		return nil, fmt.Errorf("ec2:DescribeRouteTables in %s: %w", vpcID, err)
	}
	public := map[string]bool{} // subnet id (or "main") -> routes to an IGW
	for _, rt := range tables.RouteTables {
		toIGW := slices.ContainsFunc(rt.Routes, func(r ec2types.Route) bool {
			return strings.HasPrefix(aws.ToString(r.GatewayId), "igw-")
		})
		for _, a := range rt.Associations {
			switch {
			case aws.ToBool(a.Main):
				public["main"] = toIGW
			case a.SubnetId != nil:
				public[aws.ToString(a.SubnetId)] = toIGW
			}
		}
	}
	var private []string
	for _, s := range subnets.Subnets {
		id := aws.ToString(s.SubnetId)
		isPublic, explicit := public[id]
		if !explicit {
			isPublic = public["main"]
		}
		if !isPublic {
			private = append(private, id)
		}
	}
	if len(private) == 0 {
		return nil, fmt.Errorf("ec2: VPC %s has no private subnet (%d subnets, all routed to an internet gateway)", vpcID, len(subnets.Subnets))
	}
	slices.Sort(private)
	return private, nil
}
