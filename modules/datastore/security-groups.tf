# The database only answers; it never opens connections, so the group has no
# egress rule at all (security groups are stateful).
resource "aws_security_group" "db" {
  name        = local.names.datastore_db_security_group
  description = "Metaflow metadata database: PostgreSQL from the allowed security groups and CIDR blocks"
  vpc_id      = var.metaflow_vpc_id

  tags = merge(var.tags, { Name = local.names.datastore_db_security_group })
}

# count, not for_each: the ids are often outputs of resources created in the
# same apply, and for_each cannot key on unknown values.
resource "aws_vpc_security_group_ingress_rule" "db_from_security_groups" {
  count = length(var.allowed_security_group_ids)

  security_group_id            = aws_security_group.db.id
  description                  = "PostgreSQL from an allowed security group"
  ip_protocol                  = "tcp"
  from_port                    = local.db_port
  to_port                      = local.db_port
  referenced_security_group_id = var.allowed_security_group_ids[count.index]

  tags = var.tags
}

resource "aws_vpc_security_group_ingress_rule" "db_from_cidr_blocks" {
  count = length(var.vpc_cidr_blocks)

  security_group_id = aws_security_group.db.id
  description       = "PostgreSQL from an allowed CIDR block"
  ip_protocol       = "tcp"
  from_port         = local.db_port
  to_port           = local.db_port
  cidr_ipv4         = strcontains(var.vpc_cidr_blocks[count.index], ":") ? null : var.vpc_cidr_blocks[count.index]
  cidr_ipv6         = strcontains(var.vpc_cidr_blocks[count.index], ":") ? var.vpc_cidr_blocks[count.index] : null

  tags = var.tags
}
