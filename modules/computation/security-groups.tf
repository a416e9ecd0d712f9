# A name prefix: the compute environment is created before it is destroyed,
# and that ordering carries over to this group, so a replacement must not
# collide with the old group's name.
resource "aws_security_group" "this" {
  name        = local.legacy ? local.names.computation_batch_security_group : null
  name_prefix = local.legacy ? null : "${local.names.computation_batch_security_group}-"
  description = local.legacy ? "Managed by Terraform" : "Metaflow AWS Batch compute environment: egress to the allowed CIDR blocks, all traffic within the group"
  vpc_id      = var.metaflow_vpc_id

  # An upgraded stack's group keeps its rules inline, as the old module wrote
  # them (with separate rule resources AWS would refuse the duplicates); the
  # name, description and rules are what the compute environment's instances
  # run with. null leaves a new group's rules to the resources below.
  ingress = local.legacy ? [local.legacy_rule_from_self] : null
  egress  = local.legacy ? [local.legacy_rule_to_cidrs, local.legacy_rule_to_self] : null

  tags = merge(var.tags, { Name = local.names.computation_batch_security_group })

  lifecycle {
    create_before_destroy = true
  }
}

# Instances pull images from ECR and talk to the ECS, Batch, S3 and CloudWatch
# Logs endpoints; without VPC endpoints those are public addresses.
#trivy:ignore:AVD-AWS-0104 Egress to the internet is the contract default: Batch jobs reach ECR, S3 and the ECS/Batch endpoints through NAT; narrow compute_environment_egress_cidr_blocks when VPC endpoints serve them.
resource "aws_vpc_security_group_egress_rule" "to_cidr_blocks" {
  count = local.legacy ? 0 : length(var.compute_environment_egress_cidr_blocks)

  security_group_id = aws_security_group.this.id
  description       = "All traffic to an allowed CIDR block (AWS APIs, ECR, S3, package indexes)"
  ip_protocol       = "-1"
  cidr_ipv4         = strcontains(var.compute_environment_egress_cidr_blocks[count.index], ":") ? null : var.compute_environment_egress_cidr_blocks[count.index]
  cidr_ipv6         = strcontains(var.compute_environment_egress_cidr_blocks[count.index], ":") ? var.compute_environment_egress_cidr_blocks[count.index] : null

  tags = var.tags
}

# Nodes of a multi-node parallel job (@parallel) talk to each other on
# arbitrary ports, whatever the egress CIDR blocks are.
resource "aws_vpc_security_group_egress_rule" "to_self" {
  count = local.legacy ? 0 : 1

  security_group_id            = aws_security_group.this.id
  description                  = "All traffic to other members of this group"
  ip_protocol                  = "-1"
  referenced_security_group_id = aws_security_group.this.id

  tags = var.tags
}

resource "aws_vpc_security_group_ingress_rule" "from_self" {
  count = local.legacy ? 0 : 1

  security_group_id            = aws_security_group.this.id
  description                  = "All traffic from other members of this group"
  ip_protocol                  = "-1"
  referenced_security_group_id = aws_security_group.this.id

  tags = var.tags
}

locals {
  # The inline rules of an upgraded stack's group: the old module's two
  # (all traffic within the group, all traffic to the egress CIDR blocks) and
  # the egress within the group that @parallel jobs need.
  legacy_rule_from_self = {
    description = "internal traffic", protocol = "-1", from_port = 0, to_port = 0, self = true
    cidr_blocks = [], ipv6_cidr_blocks = [], prefix_list_ids = [], security_groups = []
  }
  legacy_rule_to_self = merge(local.legacy_rule_from_self, { description = "All traffic to other members of this group" })
  legacy_rule_to_cidrs = {
    description      = "", protocol = "-1", from_port = 0, to_port = 0, self = false, prefix_list_ids = [], security_groups = []
    cidr_blocks      = [for c in var.compute_environment_egress_cidr_blocks : c if !strcontains(c, ":")]
    ipv6_cidr_blocks = [for c in var.compute_environment_egress_cidr_blocks : c if strcontains(c, ":")]
  }
}
