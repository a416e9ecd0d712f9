# The database only answers; it never opens connections, so the group has no
# egress rule at all (security groups are stateful).
resource "aws_security_group" "db" {
  name        = local.names.datastore_db_security_group
  description = local.legacy ? "Managed by Terraform" : "Metaflow metadata database: PostgreSQL from the allowed security groups and CIDR blocks"
  vpc_id      = var.metaflow_vpc_id

  # An upgraded stack's group keeps its rules inline, as the old module wrote
  # them (separate rule resources would duplicate them, which AWS refuses),
  # and its description, which cannot change in place. null leaves a new
  # group's rules to the resources below.
  ingress = local.legacy ? [{
    description      = "", protocol = "tcp", from_port = local.db_port, to_port = local.db_port, self = false
    security_groups  = var.allowed_security_group_ids, prefix_list_ids = []
    cidr_blocks      = [for c in var.vpc_cidr_blocks : c if !strcontains(c, ":")]
    ipv6_cidr_blocks = [for c in var.vpc_cidr_blocks : c if strcontains(c, ":")]
  }] : null
  # The old group's egress stays: the database never opens connections, and
  # removing it would only be one more change to an upgraded database.
  egress = local.legacy ? [{
    description = "", protocol = "-1", from_port = 0, to_port = 0, self = false
    cidr_blocks = ["0.0.0.0/0"], ipv6_cidr_blocks = [], prefix_list_ids = [], security_groups = []
  }] : null

  tags = merge(var.tags, { Name = local.names.datastore_db_security_group })
}

# count, not for_each: the ids are often outputs of resources created in the
# same apply, and for_each cannot key on unknown values.
resource "aws_vpc_security_group_ingress_rule" "db_from_security_groups" {
  count = local.legacy ? 0 : length(var.allowed_security_group_ids)

  security_group_id            = aws_security_group.db.id
  description                  = "PostgreSQL from an allowed security group"
  ip_protocol                  = "tcp"
  from_port                    = local.db_port
  to_port                      = local.db_port
  referenced_security_group_id = var.allowed_security_group_ids[count.index]

  tags = var.tags
}

resource "aws_vpc_security_group_ingress_rule" "db_from_cidr_blocks" {
  count = local.legacy ? 0 : length(var.vpc_cidr_blocks)

  security_group_id = aws_security_group.db.id
  description       = "PostgreSQL from an allowed CIDR block"
  ip_protocol       = "tcp"
  from_port         = local.db_port
  to_port           = local.db_port
  cidr_ipv4         = strcontains(var.vpc_cidr_blocks[count.index], ":") ? null : var.vpc_cidr_blocks[count.index]
  cidr_ipv6         = strcontains(var.vpc_cidr_blocks[count.index], ":") ? var.vpc_cidr_blocks[count.index] : null

  tags = var.tags
}
