# Named after the Metaflow configuration key it carries, as the root interface does.
# tflint-ignore: terraform_naming_convention # named after the Metaflow configuration key, as in the contract
variable "METAFLOW_DATASTORE_SYSROOT_S3" {
  description = "Metaflow datastore root the backend reads artifacts and logs from, e.g. s3://BUCKET/metaflow."
  type        = string

  validation {
    condition     = can(regex("^s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/.*)?$", var.METAFLOW_DATASTORE_SYSROOT_S3))
    error_message = "METAFLOW_DATASTORE_SYSROOT_S3 must be an s3:// URL of a bucket and optional prefix, such as s3://my-bucket/metaflow; got \"${var.METAFLOW_DATASTORE_SYSROOT_S3}\"."
  }
}

variable "alb_internal" {
  description = "Keep the UI load balancer internal to the VPC; false makes it internet-facing (put it in public alb_subnet_ids then)."
  type        = bool
  default     = true
}

variable "alb_subnet_ids" {
  description = "Subnets of the UI load balancer, in at least two AZs: public subnets when alb_internal is false."
  type        = list(string)

  validation {
    condition     = length(var.alb_subnet_ids) >= 2 && alltrue([for id in var.alb_subnet_ids : can(regex("^subnet-[0-9a-f]{8,17}$", id))])
    error_message = "alb_subnet_ids must hold at least two subnet IDs (an ALB spans two or more AZs), such as subnet-0123456789abcdef0; got ${jsonencode(var.alb_subnet_ids)}."
  }
}

variable "assign_public_ip" {
  description = "Give the UI tasks public IPs. Only for public subnets without a NAT gateway, where the tasks need one to pull their images."
  type        = bool
  default     = false
}

variable "certificate_arn" {
  description = "ARN of the ACM (or IAM server) certificate the HTTPS listener presents."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:(acm:[a-z0-9-]+:[0-9]{12}:certificate/.+|iam::[0-9]{12}:server-certificate/.+)$", var.certificate_arn))
    error_message = "certificate_arn must be an ACM certificate ARN (arn:PARTITION:acm:REGION:ACCOUNT:certificate/ID) or an IAM server certificate ARN; got \"${var.certificate_arn}\"."
  }
}

variable "database_host" {
  description = "Host name of the PostgreSQL server holding the Metaflow metadata (no port)."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9][A-Za-z0-9.-]*$", var.database_host))
    error_message = "database_host must be a host name or IP address without port or scheme; got \"${var.database_host}\"."
  }
}

variable "database_name" {
  description = "Name of the PostgreSQL database holding the metadata."
  type        = string
  default     = "metaflow"

  validation {
    condition     = can(regex("^[A-Za-z_][A-Za-z0-9_]{0,62}$", var.database_name))
    error_message = "database_name must be 1-63 letters, digits or underscores, not starting with a digit; got \"${var.database_name}\"."
  }
}

variable "database_password_secret_arn" {
  description = "ARN of the Secrets Manager secret whose plain string value is the database password; ECS injects it into the backend container. The password must not contain \"/\": the metadata service passes it to its migration tool in a URL without escaping \"/\", and migrations then fail (this module gets only the ARN, so it cannot check; the root module checks database_password)."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:.+$", var.database_password_secret_arn))
    error_message = "database_password_secret_arn must be a Secrets Manager secret ARN (arn:PARTITION:secretsmanager:REGION:ACCOUNT:secret:NAME); got \"${var.database_password_secret_arn}\"."
  }
}

variable "database_password_secret_kms_key_arn" {
  description = "ARN of the customer managed KMS key encrypting the password secret, or \"\" when it uses the AWS managed key."
  type        = string
  default     = ""

  validation {
    condition     = var.database_password_secret_kms_key_arn == "" || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$", var.database_password_secret_kms_key_arn))
    error_message = "database_password_secret_kms_key_arn must be \"\" or a KMS key ARN (arn:PARTITION:kms:REGION:ACCOUNT:key/ID); got \"${var.database_password_secret_kms_key_arn}\"."
  }
}

variable "database_port" {
  description = "TCP port of the PostgreSQL server."
  type        = number
  default     = 5432

  validation {
    condition     = var.database_port == floor(var.database_port) && var.database_port >= 1 && var.database_port <= 65535
    error_message = "database_port must be a whole number from 1 to 65535; got ${var.database_port}."
  }
}

variable "database_ssl_mode" {
  description = "libpq sslmode used by the UI backend to connect to PostgreSQL: disable, allow, prefer (TLS when the server offers it, which RDS PostgreSQL 15 and later require by default) or require (TLS always). verify-ca and verify-full are not offered: the metadata service image reads the CA certificate they need only from a file in the container (MF_METADATA_DB_SSL_ROOT_CERT_PATH) that no image we run has."
  type        = string
  default     = "prefer"
  nullable    = false
}

variable "database_username" {
  description = "PostgreSQL user the backend connects as."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z_][A-Za-z0-9_]{0,62}$", var.database_username))
    error_message = "database_username must be 1-63 letters, digits or underscores, not starting with a digit; got \"${var.database_username}\"."
  }
}

variable "datastore_s3_bucket_kms_key_arn" {
  description = "ARN of the KMS key encrypting the datastore bucket, or \"\" when the bucket uses S3-managed keys."
  type        = string

  validation {
    condition     = var.datastore_s3_bucket_kms_key_arn == "" || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$", var.datastore_s3_bucket_kms_key_arn))
    error_message = "datastore_s3_bucket_kms_key_arn must be \"\" or a KMS key ARN (arn:PARTITION:kms:REGION:ACCOUNT:key/ID); got \"${var.datastore_s3_bucket_kms_key_arn}\"."
  }
}

variable "extra_ui_backend_env_vars" {
  description = "Environment variables added to the UI backend container; they override the module's defaults of the same name. Not for secrets."
  type        = map(string)
  default     = {}

  validation {
    condition     = alltrue([for name in keys(var.extra_ui_backend_env_vars) : can(regex("^[A-Za-z_][A-Za-z0-9_]*$", name)) && name != "MF_METADATA_DB_PSWD"])
    error_message = "extra_ui_backend_env_vars keys must be environment variable names (letters, digits, underscores, not starting with a digit) and must not set MF_METADATA_DB_PSWD, which comes from database_password_secret_arn; got keys ${jsonencode(keys(var.extra_ui_backend_env_vars))}."
  }
}

variable "extra_ui_static_env_vars" {
  description = "Environment variables added to the UI static frontend container; they override the module's defaults of the same name."
  type        = map(string)
  default     = {}

  validation {
    condition     = alltrue([for name in keys(var.extra_ui_static_env_vars) : can(regex("^[A-Za-z_][A-Za-z0-9_]*$", name))])
    error_message = "extra_ui_static_env_vars keys must be environment variable names (letters, digits, underscores, not starting with a digit); got keys ${jsonencode(keys(var.extra_ui_static_env_vars))}."
  }
}

variable "iam_partition" {
  description = "AWS partition used to build ARNs: aws, aws-cn or aws-us-gov."
  type        = string
  default     = "aws"

  validation {
    condition     = contains(["aws", "aws-cn", "aws-us-gov"], var.iam_partition)
    error_message = "iam_partition must be one of aws, aws-cn, aws-us-gov; got \"${var.iam_partition}\"."
  }
}

variable "iam_path" {
  description = "Path of every IAM role this module creates: \"/\" (AWS's default) or a path such as \"/metaflow/\". Checked by modules/common."
  type        = string
  default     = "/"
  nullable    = false
}

variable "iam_permissions_boundary" {
  description = "ARN of the IAM policy set as permissions boundary of every IAM role this module creates, or null for none. Checked by modules/common."
  type        = string
  default     = null
}

variable "log_retention_in_days" {
  description = "Days CloudWatch keeps the UI logs; 0 keeps them for ever."
  type        = number
  default     = 30

  validation {
    condition     = contains([0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_in_days)
    error_message = "log_retention_in_days must be a CloudWatch Logs retention: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653, or 0 to keep logs for ever; got ${var.log_retention_in_days}."
  }
}

variable "metaflow_vpc_id" {
  description = "ID of the VPC the UI load balancer and tasks live in."
  type        = string

  validation {
    condition     = can(regex("^vpc-[0-9a-f]{8,17}$", var.metaflow_vpc_id))
    error_message = "metaflow_vpc_id must be a VPC ID such as vpc-0123456789abcdef0; got \"${var.metaflow_vpc_id}\"."
  }
}

variable "resource_prefix" {
  description = "Start of every resource name: lowercase letters, digits and hyphens, beginning with a letter, at most 32 characters. modules/common checks it."
  type        = string
}

variable "resource_suffix" {
  description = "End of every resource name (empty for none): lowercase letters, digits and hyphens, at most 16 characters. modules/common checks it."
  type        = string
  default     = ""
}

variable "s3_bucket_arn" {
  description = "ARN of the Metaflow datastore bucket the backend may read."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.s3_bucket_arn))
    error_message = "s3_bucket_arn must be an S3 bucket ARN (arn:PARTITION:s3:::BUCKET, no object path); got \"${var.s3_bucket_arn}\"."
  }
}

variable "subnet_ids" {
  description = "Subnets of the UI tasks; use private subnets when there are any."
  type        = list(string)

  validation {
    condition     = length(var.subnet_ids) > 0 && alltrue([for id in var.subnet_ids : can(regex("^subnet-[0-9a-f]{8,17}$", id))])
    error_message = "subnet_ids must hold at least one subnet ID such as subnet-0123456789abcdef0; got ${jsonencode(var.subnet_ids)}."
  }
}

variable "tags" {
  description = "Tags added to every resource that accepts them."
  type        = map(string)
  default     = {}
}

variable "ui_allow_list" {
  description = "CIDR blocks (IPv4 or IPv6) allowed to reach the UI load balancer, e.g. your VPN. Empty: nobody can reach it (a check warns)."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for cidr in var.ui_allow_list : can(cidrhost(cidr, 0))])
    error_message = "ui_allow_list must hold CIDR blocks such as 203.0.113.0/24 or 2001:db8::/32; got ${jsonencode(var.ui_allow_list)}."
  }
}

variable "ui_authentication" {
  description = "Require a login on the UI's HTTPS listener, in front of both target groups: exactly one of oidc (an OpenID Connect identity provider: issuer, authorization_endpoint, token_endpoint and user_info_endpoint as https:// URLs, client_id, and client_secret_arn, the ARN of a Secrets Manager secret whose plain string value is the client secret, or else ui_authentication_client_secret) or cognito (an existing Cognito user pool: user_pool_arn, user_pool_client_id of an app client that has a client secret, and user_pool_domain, its domain prefix or custom domain). Both take scope (default \"openid\"), session_timeout (seconds, 1-604800, default 604800), session_cookie_name (default \"AWSELBAuthSessionCookie\"), on_unauthenticated_request (\"authenticate\", the default, redirects to the login; \"deny\" answers 401) and authentication_request_extra_params (up to 10 query parameters of the authorization request). The identity provider must accept the redirect URL https://HOST/oauth2/idpresponse for the UI's host name, and the load balancer reaches its endpoints over HTTPS (the module opens 443 out of its security group). The OIDC client secret is stored in the Terraform state: the provider keeps it in the listener and the rule, and with client_secret_arn the data source reading it holds it too. null (the default): no login, as before."
  type = object({
    oidc = optional(object({
      issuer                 = string
      authorization_endpoint = string
      token_endpoint         = string
      user_info_endpoint     = string
      client_id              = string
      client_secret_arn      = optional(string)
    }))
    cognito = optional(object({
      user_pool_arn       = string
      user_pool_client_id = string
      user_pool_domain    = string
    }))
    scope                               = optional(string, "openid")
    session_timeout                     = optional(number, 604800)
    session_cookie_name                 = optional(string, "AWSELBAuthSessionCookie")
    on_unauthenticated_request          = optional(string, "authenticate")
    authentication_request_extra_params = optional(map(string), {})
  })
  default = null

  validation {
    condition     = var.ui_authentication == null ? true : (var.ui_authentication.oidc == null) != (var.ui_authentication.cognito == null)
    error_message = "ui_authentication must set exactly one of oidc (an OpenID Connect identity provider) and cognito (an existing Cognito user pool); got ${var.ui_authentication == null ? "null" : (var.ui_authentication.oidc == null ? "neither" : "both")}."
  }

  validation {
    condition = try(var.ui_authentication.oidc, null) == null ? true : alltrue([
      for url in values({ for k, v in var.ui_authentication.oidc : k => v if k != "client_id" && k != "client_secret_arn" }) : can(regex("^https://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[^\\s]*)?$", url))
    ])
    error_message = "ui_authentication.oidc issuer, authorization_endpoint, token_endpoint and user_info_endpoint must be https:// URLs (the load balancer reaches the identity provider over TLS only), such as https://example.okta.com/oauth2/v1/token; invalid: ${try(jsonencode({ for k, v in var.ui_authentication.oidc : k => v if k != "client_id" && k != "client_secret_arn" && !can(regex("^https://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[^\\s]*)?$", v)) }), "")}."
  }

  validation {
    condition     = try(var.ui_authentication.oidc, null) == null ? true : can(regex("^[^\\s]+$", var.ui_authentication.oidc.client_id))
    error_message = "ui_authentication.oidc.client_id must be the identity provider's client ID for the UI's app, non-empty and without spaces; got ${try(jsonencode(var.ui_authentication.oidc.client_id), "")}."
  }

  validation {
    condition     = try(var.ui_authentication.oidc.client_secret_arn, null) == null ? true : can(regex("^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:.+$", var.ui_authentication.oidc.client_secret_arn))
    error_message = "ui_authentication.oidc.client_secret_arn must be null or a Secrets Manager secret ARN (arn:PARTITION:secretsmanager:REGION:ACCOUNT:secret:NAME) whose plain string value is the client secret; got ${try(jsonencode(var.ui_authentication.oidc.client_secret_arn), "")}."
  }

  # Only whether the secret is set is read here, never its value, so the
  # error cannot show it (checks on its value are preconditions in alb.tf).
  validation {
    condition     = try(var.ui_authentication.oidc, null) == null ? true : (var.ui_authentication.oidc.client_secret_arn == null) != (var.ui_authentication_client_secret == null)
    error_message = "ui_authentication.oidc needs the client secret from exactly one of oidc.client_secret_arn (a Secrets Manager secret) and ui_authentication_client_secret; ${try(var.ui_authentication.oidc.client_secret_arn, null) == null ? "neither is set" : "both are set"}."
  }

  validation {
    condition     = try(var.ui_authentication.oidc, null) != null || var.ui_authentication_client_secret == null
    error_message = "ui_authentication_client_secret is the client secret of an OpenID Connect provider, set only with ui_authentication.oidc (with cognito the load balancer reads the app client's secret from the user pool itself); ui_authentication ${var.ui_authentication == null ? "is null" : "has no oidc"}."
  }

  validation {
    condition     = try(var.ui_authentication.cognito, null) == null ? true : can(regex("^arn:aws[a-z-]*:cognito-idp:[a-z0-9-]+:[0-9]{12}:userpool/[a-z0-9-]+_[0-9A-Za-z]+$", var.ui_authentication.cognito.user_pool_arn))
    error_message = "ui_authentication.cognito.user_pool_arn must be a Cognito user pool ARN (arn:PARTITION:cognito-idp:REGION:ACCOUNT:userpool/REGION_ID); got ${try(jsonencode(var.ui_authentication.cognito.user_pool_arn), "")}."
  }

  validation {
    condition     = try(var.ui_authentication.cognito, null) == null ? true : can(regex("^[\\w+]{1,128}$", var.ui_authentication.cognito.user_pool_client_id))
    error_message = "ui_authentication.cognito.user_pool_client_id must be the ID of an app client of the user pool (1-128 letters, digits, _ or +); got ${try(jsonencode(var.ui_authentication.cognito.user_pool_client_id), "")}."
  }

  validation {
    condition     = try(var.ui_authentication.cognito, null) == null ? true : can(regex("^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$", var.ui_authentication.cognito.user_pool_domain))
    error_message = "ui_authentication.cognito.user_pool_domain must be the user pool's domain prefix (such as metaflow-login) or its custom domain (such as auth.example.com), without https://; got ${try(jsonencode(var.ui_authentication.cognito.user_pool_domain), "")}."
  }

  validation {
    condition     = var.ui_authentication == null ? true : (var.ui_authentication.session_timeout == floor(var.ui_authentication.session_timeout) && var.ui_authentication.session_timeout >= 1 && var.ui_authentication.session_timeout <= 604800)
    error_message = "ui_authentication.session_timeout must be a whole number of seconds from 1 to 604800 (7 days); got ${try(var.ui_authentication.session_timeout, "")}."
  }

  validation {
    condition     = var.ui_authentication == null ? true : contains(["authenticate", "deny"], var.ui_authentication.on_unauthenticated_request)
    error_message = "ui_authentication.on_unauthenticated_request must be \"authenticate\" (redirect to the login) or \"deny\" (answer 401); \"allow\" is refused, it would let anyone in; got ${try(jsonencode(var.ui_authentication.on_unauthenticated_request), "")}."
  }

  validation {
    condition     = var.ui_authentication == null ? true : can(regex("^[^\\s]+( [^\\s]+)*$", var.ui_authentication.scope))
    error_message = "ui_authentication.scope must be one or more scopes separated by single spaces, such as \"openid email\"; got ${try(jsonencode(var.ui_authentication.scope), "")}."
  }

  validation {
    condition     = var.ui_authentication == null ? true : can(regex("^[A-Za-z0-9!#$%&'*+.^_|~-]+$", var.ui_authentication.session_cookie_name))
    error_message = "ui_authentication.session_cookie_name must be a cookie name (letters, digits and !#$%&'*+.^_|~-, no spaces, = or ;); got ${try(jsonencode(var.ui_authentication.session_cookie_name), "")}."
  }

  validation {
    condition     = var.ui_authentication == null ? true : length(var.ui_authentication.authentication_request_extra_params) <= 10
    error_message = "ui_authentication.authentication_request_extra_params may hold at most 10 query parameters; got ${try(length(var.ui_authentication.authentication_request_extra_params), "")}."
  }
}

variable "ui_authentication_client_secret" {
  description = "Client secret of ui_authentication.oidc, when it does not come from a Secrets Manager secret (oidc.client_secret_arn). Sensitive: never shown in plans or errors, but stored in the Terraform state, in the listener and rule that use it."
  type        = string
  default     = null
  sensitive   = true
}

variable "ui_backend_container_image" {
  description = "Image of the UI backend (the metadata service image); \"\" uses the pinned default from the common module."
  type        = string
  default     = ""

  validation {
    condition     = var.ui_backend_container_image == "" || can(regex("^[^\\s]+$", var.ui_backend_container_image))
    error_message = "ui_backend_container_image must be \"\" or an image reference without spaces; got \"${var.ui_backend_container_image}\"."
  }
}

variable "ui_backend_cpu" {
  description = "CPU units of the UI backend's Fargate task (1024 = 1 vCPU): 256, 512, 1024, 2048, 4096, 8192 or 16384. modules/common checks it with ui_backend_memory."
  type        = number
  default     = 1024
  nullable    = false
}

variable "ui_backend_memory" {
  description = "Memory (MiB) of the UI backend's Fargate task; must be a size Fargate offers for ui_backend_cpu (1024 takes 2048-8192 in steps of 1024; the root README lists every pair). modules/common checks it."
  type        = number
  default     = 4096
  nullable    = false
}

variable "ui_hostname" {
  description = "Host name users reach the UI at, one the certificate covers (such as metaflow.example.com). It makes the UI's URL (output url, and METAFLOW_UI_URL in the profile); with ui_route53_zone_id the module also creates its DNS record. Empty: the load balancer's own DNS name, which the certificate does not cover."
  type        = string
  default     = ""
  nullable    = false
}

variable "ui_route53_zone_id" {
  description = "Id of the Route 53 hosted zone (such as Z0123456789ABCDEFGHIJ) in which to create ui_hostname as an alias of the UI load balancer. Empty: no record; point your DNS at output alb_dns_name yourself."
  type        = string
  default     = ""
  nullable    = false
}

variable "ui_static_container_image" {
  description = "Image of the UI static frontend; \"\" uses the pinned default from the common module."
  type        = string
  default     = ""

  validation {
    condition     = var.ui_static_container_image == "" || can(regex("^[^\\s]+$", var.ui_static_container_image))
    error_message = "ui_static_container_image must be \"\" or an image reference without spaces; got \"${var.ui_static_container_image}\"."
  }
}

variable "ui_static_cpu" {
  description = "CPU units of the UI static frontend's Fargate task (1024 = 1 vCPU): 256, 512, 1024, 2048, 4096, 8192 or 16384. modules/common checks it with ui_static_memory."
  type        = number
  default     = 256
  nullable    = false
}

variable "ui_static_memory" {
  description = "Memory (MiB) of the UI static frontend's Fargate task; must be a size Fargate offers for ui_static_cpu (256 takes 512, 1024 or 2048; the root README lists every pair). modules/common checks it."
  type        = number
  default     = 512
  nullable    = false
}

variable "upgrade_from" {
  description = "The line of outerbounds/metaflow/aws (\"v0.12\" or \"refresh\") that built the resources this module takes over, so they keep their names and the settings whose change would replace them (UPGRADING.md); null for new resources."
  type        = string
  default     = null
}

variable "vpc_cidr_blocks" {
  description = "IPv4 CIDR blocks of the VPC, where the backend reaches the database. Empty: the backend may reach the database port at any address."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for cidr in var.vpc_cidr_blocks : can(cidrnetmask(cidr))])
    error_message = "vpc_cidr_blocks must hold IPv4 CIDR blocks such as 10.0.0.0/16; got ${jsonencode(var.vpc_cidr_blocks)}."
  }
}
