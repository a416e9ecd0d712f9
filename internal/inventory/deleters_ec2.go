package inventory

import (
	"context"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

// EC2 and VPC deleters. AWS answers DependencyViolation while something
// (a network interface a service is still releasing) holds the resource;
// those calls are retried within Clients.Timeout.

func terminateInstance(ctx context.Context, c *Clients, r Resource) error {
	if _, err := c.EC2.TerminateInstances(ctx, &ec2.TerminateInstancesInput{InstanceIds: []string{r.ID}}); err != nil {
		return err
	}
	return waitGone(ctx, c, "instance "+r.ID, func(ctx context.Context) (bool, error) {
		out, err := c.EC2.DescribeInstances(ctx, &ec2.DescribeInstancesInput{InstanceIds: []string{r.ID}})
		if err != nil {
			return false, err
		}
		for _, res := range out.Reservations {
			for _, in := range res.Instances {
				if in.State == nil || in.State.Name != ec2types.InstanceStateNameTerminated {
					return false, nil
				}
			}
		}
		return true, nil
	})
}

func deleteNATGateway(ctx context.Context, c *Clients, r Resource) error {
	if _, err := c.EC2.DeleteNatGateway(ctx, &ec2.DeleteNatGatewayInput{NatGatewayId: &r.ID}); err != nil {
		return err
	}
	// Its Elastic IP and subnet stay in use until it is deleted.
	return waitGone(ctx, c, "NAT gateway "+r.ID, func(ctx context.Context) (bool, error) {
		out, err := c.EC2.DescribeNatGateways(ctx, &ec2.DescribeNatGatewaysInput{NatGatewayIds: []string{r.ID}})
		if err != nil {
			return false, err
		}
		for _, g := range out.NatGateways {
			if g.State != ec2types.NatGatewayStateDeleted {
				return false, nil
			}
		}
		return true, nil
	})
}

func deleteVPCEndpoint(ctx context.Context, c *Clients, r Resource) error {
	out, err := c.EC2.DeleteVpcEndpoints(ctx, &ec2.DeleteVpcEndpointsInput{VpcEndpointIds: []string{r.ID}})
	if err != nil {
		return err
	}
	// DeleteVpcEndpoints reports a refused endpoint in the answer, not as an
	// error; one already gone is reported so too (InvalidVpcEndpointId.NotFound).
	for _, u := range out.Unsuccessful {
		if u.Error != nil {
			code := aws.ToString(u.Error.Code)
			if strings.Contains(code, "NotFound") {
				return nil
			}
			return fmt.Errorf("deleting VPC endpoint %s: %s: %s", r.ID, code, aws.ToString(u.Error.Message))
		}
	}
	// An interface endpoint's network interfaces stay in its subnets and
	// security group until it is gone.
	return waitGone(ctx, c, "VPC endpoint "+r.ID, func(ctx context.Context) (bool, error) {
		out, err := c.EC2.DescribeVpcEndpoints(ctx, &ec2.DescribeVpcEndpointsInput{VpcEndpointIds: []string{r.ID}})
		if isGone(err) {
			return true, nil
		}
		if err != nil {
			return false, err
		}
		for _, e := range out.VpcEndpoints {
			if e.State != ec2types.StateDeleted {
				return false, nil
			}
		}
		return true, nil
	})
}

func releaseAddress(ctx context.Context, c *Clients, r Resource) error {
	out, err := c.EC2.DescribeAddresses(ctx, &ec2.DescribeAddressesInput{AllocationIds: []string{r.ID}})
	if err != nil {
		return err
	}
	for _, a := range out.Addresses {
		if a.AssociationId != nil {
			if _, err := c.EC2.DisassociateAddress(ctx, &ec2.DisassociateAddressInput{AssociationId: a.AssociationId}); err != nil && !isGone(err) {
				return fmt.Errorf("disassociating: %w", err)
			}
		}
	}
	return retryIf(ctx, c, "Elastic IP "+r.ID+" to be free", func(ctx context.Context) error {
		_, err := c.EC2.ReleaseAddress(ctx, &ec2.ReleaseAddressInput{AllocationId: &r.ID})
		return err
	}, func(err error) bool {
		// While the NAT gateway that used it is still being deleted, EC2
		// refuses the release with AuthFailure "You do not have permission
		// to access the specified resource." (kubernetes/kops#938 and
		// #1604, eformat/sno-for-100#5: gone once the gateway is). Any
		// other AuthFailure (bad credentials) is final.
		return hasCode(err, "InvalidIPAddress.InUse") ||
			hasCodeMessage(err, "AuthFailure", "You do not have permission to access the specified resource")
	})
}

func deleteNetworkInterface(ctx context.Context, c *Clients, r Resource) error {
	out, err := c.EC2.DescribeNetworkInterfaces(ctx, &ec2.DescribeNetworkInterfacesInput{NetworkInterfaceIds: []string{r.ID}})
	if err != nil {
		return err
	}
	for _, ni := range out.NetworkInterfaces {
		if ni.Attachment != nil && ni.Attachment.AttachmentId != nil && ni.Status != ec2types.NetworkInterfaceStatusAvailable {
			if _, err := c.EC2.DetachNetworkInterface(ctx, &ec2.DetachNetworkInterfaceInput{AttachmentId: ni.Attachment.AttachmentId, Force: aws.Bool(true)}); err != nil {
				return fmt.Errorf("detaching: %w", err)
			}
		}
	}
	return retryWhile(ctx, c, "network interface "+r.ID+" to detach", func(ctx context.Context) error {
		_, err := c.EC2.DeleteNetworkInterface(ctx, &ec2.DeleteNetworkInterfaceInput{NetworkInterfaceId: &r.ID})
		return err
	}, "InvalidNetworkInterface.InUse")
}

func describeSecurityGroup(ctx context.Context, c *Clients, id string) (*ec2types.SecurityGroup, error) {
	out, err := c.EC2.DescribeSecurityGroups(ctx, &ec2.DescribeSecurityGroupsInput{GroupIds: []string{id}})
	if err != nil {
		return nil, err
	}
	if len(out.SecurityGroups) == 0 {
		return nil, nil
	}
	return &out.SecurityGroups[0], nil
}

// revokeSecurityGroupRules empties a group before any group is deleted, so
// groups of the run that reference each other (NLB <-> service, DB <- app)
// no longer block each other's deletion.
func revokeSecurityGroupRules(ctx context.Context, c *Clients, r Resource) error {
	sg, err := describeSecurityGroup(ctx, c, r.ID)
	if err != nil || sg == nil || aws.ToString(sg.GroupName) == "default" {
		return err
	}
	if len(sg.IpPermissions) > 0 {
		if _, err := c.EC2.RevokeSecurityGroupIngress(ctx, &ec2.RevokeSecurityGroupIngressInput{GroupId: &r.ID, IpPermissions: sg.IpPermissions}); err != nil {
			return fmt.Errorf("revoking ingress: %w", err)
		}
	}
	if len(sg.IpPermissionsEgress) > 0 {
		if _, err := c.EC2.RevokeSecurityGroupEgress(ctx, &ec2.RevokeSecurityGroupEgressInput{GroupId: &r.ID, IpPermissions: sg.IpPermissionsEgress}); err != nil {
			return fmt.Errorf("revoking egress: %w", err)
		}
	}
	return nil
}

// deleteSecurityGroup waits for the network interfaces that use the group
// (Lambda's VPC interfaces linger for minutes after the function is gone),
// deleting those already detached, then deletes the group. The VPC's
// default group goes with the VPC. An "available" interface whose delete
// fails (still settling after its release) counts as in use until the
// bound, whose error then names it and the last failure.
func deleteSecurityGroup(ctx context.Context, c *Clients, r Resource) error {
	sg, err := describeSecurityGroup(ctx, c, r.ID)
	if err != nil || sg == nil || aws.ToString(sg.GroupName) == "default" {
		return err
	}
	var lastENIErr error
	err = waitFor(ctx, c, "network interfaces of "+r.ID+" to be released", func(ctx context.Context) (bool, error) {
		out, err := c.EC2.DescribeNetworkInterfaces(ctx, &ec2.DescribeNetworkInterfacesInput{
			Filters: []ec2types.Filter{{Name: aws.String("group-id"), Values: []string{r.ID}}},
		})
		if err != nil {
			return false, err
		}
		inUse := 0
		for _, ni := range out.NetworkInterfaces {
			if ni.Status == ec2types.NetworkInterfaceStatusAvailable {
				_, err := c.EC2.DeleteNetworkInterface(ctx, &ec2.DeleteNetworkInterfaceInput{NetworkInterfaceId: ni.NetworkInterfaceId})
				if err == nil || isGone(err) {
					continue
				}
				lastENIErr = fmt.Errorf("deleting its detached interface %s: %w", aws.ToString(ni.NetworkInterfaceId), err)
			}
			inUse++
		}
		return inUse == 0, nil
	})
	if err != nil {
		if lastENIErr != nil {
			return fmt.Errorf("%w (last error: %v)", err, lastENIErr)
		}
		return err
	}
	return retryWhile(ctx, c, "security group "+r.ID+" to be free", func(ctx context.Context) error {
		_, err := c.EC2.DeleteSecurityGroup(ctx, &ec2.DeleteSecurityGroupInput{GroupId: &r.ID})
		return err
	}, "DependencyViolation")
}

func deleteLaunchTemplate(ctx context.Context, c *Clients, r Resource) error {
	_, err := c.EC2.DeleteLaunchTemplate(ctx, &ec2.DeleteLaunchTemplateInput{LaunchTemplateId: &r.ID})
	return err
}

func deleteVolume(ctx context.Context, c *Clients, r Resource) error {
	return retryWhile(ctx, c, "volume "+r.ID+" to detach", func(ctx context.Context) error {
		_, err := c.EC2.DeleteVolume(ctx, &ec2.DeleteVolumeInput{VolumeId: &r.ID})
		return err
	}, "VolumeInUse")
}

func deleteSubnet(ctx context.Context, c *Clients, r Resource) error {
	return retryWhile(ctx, c, "subnet "+r.ID+" to be free", func(ctx context.Context) error {
		_, err := c.EC2.DeleteSubnet(ctx, &ec2.DeleteSubnetInput{SubnetId: &r.ID})
		return err
	}, "DependencyViolation")
}

func deleteRouteTable(ctx context.Context, c *Clients, r Resource) error {
	out, err := c.EC2.DescribeRouteTables(ctx, &ec2.DescribeRouteTablesInput{RouteTableIds: []string{r.ID}})
	if err != nil {
		return err
	}
	for _, rt := range out.RouteTables {
		for _, a := range rt.Associations {
			if aws.ToBool(a.Main) {
				return nil // the VPC's main table goes with the VPC
			}
		}
		for _, a := range rt.Associations {
			if _, err := c.EC2.DisassociateRouteTable(ctx, &ec2.DisassociateRouteTableInput{AssociationId: a.RouteTableAssociationId}); err != nil && !isGone(err) {
				return fmt.Errorf("disassociating %s: %w", aws.ToString(a.RouteTableAssociationId), err)
			}
		}
	}
	_, err = c.EC2.DeleteRouteTable(ctx, &ec2.DeleteRouteTableInput{RouteTableId: &r.ID})
	return err
}

func deleteNetworkACL(ctx context.Context, c *Clients, r Resource) error {
	out, err := c.EC2.DescribeNetworkAcls(ctx, &ec2.DescribeNetworkAclsInput{NetworkAclIds: []string{r.ID}})
	if err != nil {
		return err
	}
	for _, acl := range out.NetworkAcls {
		if aws.ToBool(acl.IsDefault) {
			return nil // goes with the VPC
		}
	}
	_, err = c.EC2.DeleteNetworkAcl(ctx, &ec2.DeleteNetworkAclInput{NetworkAclId: &r.ID})
	return err
}

func deleteInternetGateway(ctx context.Context, c *Clients, r Resource) error {
	out, err := c.EC2.DescribeInternetGateways(ctx, &ec2.DescribeInternetGatewaysInput{InternetGatewayIds: []string{r.ID}})
	if err != nil {
		return err
	}
	for _, g := range out.InternetGateways {
		for _, a := range g.Attachments {
			vpc := a.VpcId
			// Refused while public addresses are still mapped in the VPC.
			if err := retryWhile(ctx, c, "internet gateway "+r.ID+" to detach", func(ctx context.Context) error {
				_, err := c.EC2.DetachInternetGateway(ctx, &ec2.DetachInternetGatewayInput{InternetGatewayId: &r.ID, VpcId: vpc})
				return err
			}, "DependencyViolation"); err != nil && !hasCode(err, "Gateway.NotAttached") {
				return fmt.Errorf("detaching from %s: %w", aws.ToString(vpc), err)
			}
		}
	}
	_, err = c.EC2.DeleteInternetGateway(ctx, &ec2.DeleteInternetGatewayInput{InternetGatewayId: &r.ID})
	return err
}

func deleteVPC(ctx context.Context, c *Clients, r Resource) error {
	return retryWhile(ctx, c, "VPC "+r.ID+" to be empty", func(ctx context.Context) error {
		_, err := c.EC2.DeleteVpc(ctx, &ec2.DeleteVpcInput{VpcId: &r.ID})
		return err
	}, "DependencyViolation")
}

func deleteDHCPOptions(ctx context.Context, c *Clients, r Resource) error {
	_, err := c.EC2.DeleteDhcpOptions(ctx, &ec2.DeleteDhcpOptionsInput{DhcpOptionsId: &r.ID})
	return err
}
