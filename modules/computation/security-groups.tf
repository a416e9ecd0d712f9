# A name prefix: the compute environment is created before it is destroyed,
# and that ordering carries over to this group, so a replacement must not
# collide with the old group's name.
resource "aws_security_group" "this" {
  name_prefix = "${local.names.computation_batch_security_group}-"
  description = "Metaflow AWS Batch compute environment: egress to the allowed CIDR blocks, all traffic within the group"
  vpc_id      = var.metaflow_vpc_id

  tags = merge(var.tags, { Name = local.names.computation_batch_security_group })

  lifecycle {
    create_before_destroy = true
  }
}

# Instances pull images from ECR and talk to the ECS, Batch, S3 and CloudWatch
# Logs endpoints; without VPC endpoints those are public addresses.
#trivy:ignore:AVD-AWS-0104 Egress to the internet is the contract default: Batch jobs reach ECR, S3 and the ECS/Batch endpoints through NAT; narrow compute_environment_egress_cidr_blocks when VPC endpoints serve them.
resource "aws_vpc_security_group_egress_rule" "to_cidr_blocks" {
  count = length(var.compute_environment_egress_cidr_blocks)

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
  security_group_id            = aws_security_group.this.id
  description                  = "All traffic to other members of this group"
  ip_protocol                  = "-1"
  referenced_security_group_id = aws_security_group.this.id

  tags = var.tags
}

resource "aws_vpc_security_group_ingress_rule" "from_self" {
  security_group_id            = aws_security_group.this.id
  description                  = "All traffic from other members of this group"
  ip_protocol                  = "-1"
  referenced_security_group_id = aws_security_group.this.id

  tags = var.tags
}
