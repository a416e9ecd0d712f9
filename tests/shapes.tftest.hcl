# One run per supported deployment shape. Every run is a plan with mock
# providers: it proves the shape's count logic, module wiring and validations
# evaluate without indexing a module that is off, and asserts which
# components exist and what the outputs that are known at plan hold.

mock_provider "aws" {
  mock_data "aws_caller_identity" {
    defaults = {
      account_id = "123456789012"
    }
  }

  mock_data "aws_region" {
    defaults = {
      region = "eu-west-1"
    }
  }

  mock_data "aws_availability_zones" {
    defaults = {
      names = ["eu-west-1a", "eu-west-1b", "eu-west-1c"]
    }
  }
}

mock_provider "archive" {}
mock_provider "random" {}
mock_provider "helm" {}
mock_provider "kubernetes" {}

# The registry modules are stood in by the outputs the root reads from them.
override_module {
  target = module.vpc
  outputs = {
    vpc_id          = "vpc-0123456789abcdef0"
    private_subnets = ["subnet-0000000000000000a", "subnet-0000000000000000b", "subnet-0000000000000000c"]
    public_subnets  = ["subnet-0000000000000000d", "subnet-0000000000000000e", "subnet-0000000000000000f"]
  }
}

override_module {
  target = module.eks
  outputs = {
    cluster_name                       = "mf-eks-test"
    cluster_endpoint                   = "https://0123456789ABCDEF.gr7.eu-west-1.eks.amazonaws.com"
    cluster_certificate_authority_data = "Y2VydGlmaWNhdGU="
    oidc_provider                      = "oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF"
    oidc_provider_arn                  = "arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF"
    node_security_group_id             = "sg-0123456789abcdef0"
  }
}

variables {
  resource_prefix = "mf"
  resource_suffix = "test"
  tags            = { team = "ml" }

  # Existing networking, used by the shapes that do not create a VPC.
  existing_vpc_id             = "vpc-0fedcba9876543210"
  existing_vpc_cidr_blocks    = ["10.20.0.0/16"]
  existing_private_subnet_ids = ["subnet-01111111111111111", "subnet-02222222222222222"]
  existing_public_subnet_ids  = ["subnet-03333333333333333", "subnet-04444444444444444"]
}

run "byo_vpc" {
  command = plan

  assert {
    condition     = length(module.vpc) == 0 && length(module.eks) == 0
    error_message = "Existing networking must not create a VPC or a cluster."
  }

  assert {
    condition     = length(module.datastore) == 1 && length(module.computation) == 1 && length(module.metadata_service) == 1
    error_message = "The default shape runs the datastore, Batch and the ECS metadata service."
  }

  assert {
    condition     = length(module.ui) == 0 && length(module.step_functions) == 0 && length(aws_ecr_repository.batch) == 0
    error_message = "UI, Step Functions and ECR are off by default."
  }

  assert {
    condition     = output.vpc_id == "vpc-0fedcba9876543210"
    error_message = "The existing VPC must be used."
  }

  assert {
    condition     = tolist(module.common.subnet_ids.batch) == tolist(var.existing_private_subnet_ids) && tolist(module.common.subnet_ids.database) == tolist(var.existing_private_subnet_ids)
    error_message = "With private subnets given, Batch and the database must use them."
  }

  assert {
    condition     = !module.common.assign_public_ip
    error_message = "Components in private subnets get no public IP."
  }

  assert {
    condition     = output.ui_alb_arn == "" && output.ui_alb_dns_name == "" && output.METAFLOW_SFN_IAM_ROLE == "" && output.metaflow_batch_container_image == ""
    error_message = "Outputs of components that are off must be empty strings."
  }

  assert {
    condition     = output.resource_prefix == "mf" && aws_iam_role.metaflow_task.name == "mf-batch-s3-task-test"
    error_message = "A given prefix must be used as is in names."
  }

  assert {
    condition     = length(random_string.prefix) == 0
    error_message = "No random prefix is drawn when one is given."
  }

  assert {
    condition     = join(",", keys(output.batch_job_queue_arns)) == "default" && join(",", keys(output.batch_compute_environment_arns)) == "default"
    error_message = "By default there is one compute environment and one queue, as before."
  }
}

run "create_vpc" {
  command = plan

  variables {
    create_vpc      = true
    resource_prefix = ""
  }

  assert {
    condition     = length(module.vpc) == 1
    error_message = "create_vpc must create the VPC."
  }

  assert {
    condition     = tolist(module.common.private_subnet_cidrs) == tolist(["10.0.0.0/20", "10.0.16.0/20", "10.0.32.0/20"]) && tolist(module.common.public_subnet_cidrs) == tolist(["10.0.48.0/20", "10.0.64.0/20", "10.0.80.0/20"])
    error_message = "Three private and three public /20 subnets must be carved from 10.0.0.0/16."
  }

  assert {
    condition     = tolist(local.azs) == tolist(["eu-west-1a", "eu-west-1b", "eu-west-1c"])
    error_message = "Empty azs must use the region's first three zones."
  }

  assert {
    condition     = tolist(module.common.subnet_ids.ecs_services) == tolist(["subnet-0000000000000000a", "subnet-0000000000000000b", "subnet-0000000000000000c"])
    error_message = "Services must run in the created VPC's private subnets."
  }

  assert {
    condition     = output.vpc_id == "vpc-0123456789abcdef0"
    error_message = "The created VPC must be used."
  }

  assert {
    condition     = length(random_string.prefix) == 1
    error_message = "An empty prefix must draw a random one."
  }
}

run "public_subnets_only" {
  command = plan

  variables {
    create_vpc                 = true
    create_public_subnets_only = true
    azs                        = ["eu-west-1a", "eu-west-1b"]
  }

  override_module {
    target = module.vpc
    outputs = {
      vpc_id          = "vpc-0123456789abcdef0"
      private_subnets = []
      public_subnets  = ["subnet-0000000000000000d", "subnet-0000000000000000e"]
    }
  }

  assert {
    condition     = length(module.common.private_subnet_cidrs) == 0 && length(module.common.public_subnet_cidrs) == 2
    error_message = "A public-only VPC must plan no private subnets."
  }

  assert {
    condition     = module.common.assign_public_ip && tolist(module.common.subnet_ids.batch) == tolist(["subnet-0000000000000000d", "subnet-0000000000000000e"])
    error_message = "Without private subnets, components must use the public ones with a public IP."
  }

  assert {
    condition     = length(data.aws_availability_zones.available) == 0
    error_message = "Given zones must not be looked up."
  }
}

run "private_no_nat" {
  command = plan

  variables {
    create_vpc                  = true
    create_private_subnets_only = true
    create_vpc_endpoints        = true
    create_step_functions       = true
    create_managed_metaflow_ui  = true
    ui_certificate_arn          = "arn:aws:acm:eu-west-1:123456789012:certificate/01234567-89ab-cdef-0123-456789abcdef"
    ui_allow_list               = ["10.0.0.0/16"]
    azs                         = ["eu-west-1a", "eu-west-1b"]
  }

  override_module {
    target = module.vpc
    outputs = {
      vpc_id                  = "vpc-0123456789abcdef0"
      private_subnets         = ["subnet-0000000000000000a", "subnet-0000000000000000b"]
      public_subnets          = []
      private_route_table_ids = ["rtb-0000000000000000a", "rtb-0000000000000000b"]
    }
  }

  assert {
    condition     = length(module.common.public_subnet_cidrs) == 0 && length(module.common.private_subnet_cidrs) == 2
    error_message = "A private-only VPC must plan private subnets and no public one."
  }

  assert {
    condition     = !module.common.vpc_gateways.internet && !module.common.vpc_gateways.nat
    error_message = "A private-only VPC must get neither an internet gateway nor a NAT gateway: nothing may route to 0.0.0.0/0."
  }

  assert {
    condition     = !module.common.assign_public_ip && tolist(module.common.subnet_ids.ui_load_balancer) == tolist(["subnet-0000000000000000a", "subnet-0000000000000000b"])
    error_message = "No component may get a public IP, and the UI load balancer must be internal, in the private subnets."
  }

  assert {
    condition = toset(keys(aws_vpc_endpoint.interface)) == toset([
      "ecr.api", "ecr.dkr", "logs", "sts", "secretsmanager", "kms", "ecs", "ecs-agent", "ecs-telemetry", "batch", "states",
    ])
    error_message = "The interface endpoints must cover ECR, Logs, STS, Secrets Manager, KMS, ECS, Batch and Step Functions."
  }

  assert {
    condition = alltrue([
      for e in aws_vpc_endpoint.interface :
      e.private_dns_enabled && e.vpc_endpoint_type == "Interface" && startswith(e.service_name, "com.amazonaws.eu-west-1.") &&
      toset(e.subnet_ids) == toset(["subnet-0000000000000000a", "subnet-0000000000000000b"])
    ])
    error_message = "Interface endpoints must sit in the private subnets with private DNS, for the stack's region."
  }

  assert {
    condition     = toset(keys(aws_vpc_endpoint.gateway)) == toset(["s3", "dynamodb"]) && alltrue([for e in aws_vpc_endpoint.gateway : toset(e.route_table_ids) == toset(["rtb-0000000000000000a", "rtb-0000000000000000b"])])
    error_message = "S3 and DynamoDB must be reached through gateway endpoints in the private route tables."
  }

  assert {
    condition     = [for r in aws_vpc_security_group_ingress_rule.vpc_endpoints : "${r.ip_protocol}/${r.from_port}-${r.to_port} ${r.cidr_ipv4}"] == ["tcp/443-443 10.0.0.0/16"]
    error_message = "The endpoints' security group must admit HTTPS from the VPC and nothing else."
  }
}

# The private_no_nat shape with a private metadata API: the execute-api
# endpoint joins the others (private DNS off: the API's endpoint-specific
# name serves it), and METAFLOW_SERVICE_URL (the profile's, as
# TestProfileWiring ties them) is that name, which answers only inside the
# VPC.
run "private_api" {
  command = plan

  variables {
    create_vpc                         = true
    create_private_subnets_only        = true
    create_vpc_endpoints               = true
    create_step_functions              = true
    create_managed_metaflow_ui         = true
    ui_certificate_arn                 = "arn:aws:acm:eu-west-1:123456789012:certificate/01234567-89ab-cdef-0123-456789abcdef"
    ui_allow_list                      = ["10.0.0.0/16"]
    azs                                = ["eu-west-1a", "eu-west-1b"]
    metadata_service_api_endpoint_type = "PRIVATE"
  }

  override_module {
    target = module.vpc
    outputs = {
      vpc_id                  = "vpc-0123456789abcdef0"
      private_subnets         = ["subnet-0000000000000000a", "subnet-0000000000000000b"]
      public_subnets          = []
      private_route_table_ids = ["rtb-0000000000000000a", "rtb-0000000000000000b"]
    }
  }

  override_resource {
    target          = aws_vpc_endpoint.interface["execute-api"]
    override_during = plan
    values = {
      id = "vpce-0aaaaaaaaaaaaaaaa"
    }
  }

  override_resource {
    target          = module.metadata_service[0].aws_api_gateway_rest_api.this[0]
    override_during = plan
    values = {
      id            = "abcde12345"
      execution_arn = "arn:aws:execute-api:eu-west-1:123456789012:abcde12345"
    }
  }

  override_resource {
    target          = module.metadata_service[0].aws_api_gateway_stage.this[0]
    override_during = plan
    values = {
      invoke_url = "https://abcde12345.execute-api.eu-west-1.amazonaws.com/api"
    }
  }

  assert {
    condition = toset(keys(aws_vpc_endpoint.interface)) == toset([
      "ecr.api", "ecr.dkr", "logs", "sts", "secretsmanager", "kms", "ecs", "ecs-agent", "ecs-telemetry", "batch", "states", "execute-api",
    ])
    error_message = "A private API must add the execute-api endpoint to the stack's interface endpoints."
  }

  assert {
    condition = (
      aws_vpc_endpoint.interface["execute-api"].service_name == "com.amazonaws.eu-west-1.execute-api" && !aws_vpc_endpoint.interface["execute-api"].private_dns_enabled &&
      alltrue([for k, e in aws_vpc_endpoint.interface : e.private_dns_enabled if k != "execute-api"]) &&
      toset(aws_vpc_endpoint.interface["execute-api"].subnet_ids) == toset(["subnet-0000000000000000a", "subnet-0000000000000000b"])
    )
    error_message = "The execute-api endpoint must sit in the services' subnets with private DNS off by default (the other endpoints keep theirs on)."
  }

  assert {
    condition     = output.metadata_service_api_vpc_endpoint_id == "vpce-0aaaaaaaaaaaaaaaa"
    error_message = "metadata_service_api_vpc_endpoint_id must name the endpoint the module created; got \"${output.metadata_service_api_vpc_endpoint_id}\"."
  }

  assert {
    condition     = output.METAFLOW_SERVICE_URL == "https://abcde12345-vpce-0aaaaaaaaaaaaaaaa.execute-api.eu-west-1.amazonaws.com/api/"
    error_message = "A private API's METAFLOW_SERVICE_URL must be its endpoint-specific name; got ${output.METAFLOW_SERVICE_URL}."
  }

  assert {
    condition     = !module.common.vpc_gateways.internet && !module.common.vpc_gateways.nat && !module.common.assign_public_ip
    error_message = "The private API does not change the private-only network: no internet or NAT gateway, no public IP."
  }
}

# A private API through the caller's endpoint in a VPC with a NAT gateway:
# no endpoint (and no endpoint security group) is created.
run "private_api_through_existing_endpoint" {
  command = plan

  variables {
    metadata_service_api_endpoint_type   = "PRIVATE"
    metadata_service_api_vpc_endpoint_id = "vpce-0bbbbbbbbbbbbbbbb"
  }

  assert {
    condition     = length(aws_vpc_endpoint.interface) == 0 && length(aws_security_group.vpc_endpoints) == 0 && length(aws_vpc_security_group_ingress_rule.vpc_endpoints) == 0
    error_message = "With metadata_service_api_vpc_endpoint_id the module must create no endpoint and no endpoint security group."
  }

  assert {
    condition     = output.metadata_service_api_vpc_endpoint_id == "vpce-0bbbbbbbbbbbbbbbb"
    error_message = "metadata_service_api_vpc_endpoint_id must be the given endpoint."
  }
}

# Only the execute-api endpoint, without create_vpc_endpoints: a stack with
# a NAT gateway needs no other.
run "private_api_endpoint_alone" {
  command = plan

  variables {
    metadata_service_api_endpoint_type            = "PRIVATE"
    metadata_service_api_vpc_endpoint_private_dns = true
  }

  assert {
    condition     = toset(keys(aws_vpc_endpoint.interface)) == toset(["execute-api"]) && length(aws_vpc_endpoint.gateway) == 0
    error_message = "A private API without create_vpc_endpoints must create the execute-api endpoint alone."
  }

  assert {
    condition     = aws_vpc_endpoint.interface["execute-api"].private_dns_enabled
    error_message = "metadata_service_api_vpc_endpoint_private_dns = true must turn private DNS on for the execute-api endpoint."
  }

  assert {
    condition     = [for r in aws_vpc_security_group_ingress_rule.vpc_endpoints : "${r.ip_protocol}/${r.from_port}-${r.to_port} ${r.cidr_ipv4}"] == ["tcp/443-443 10.20.0.0/16"] && aws_vpc_endpoint.interface["execute-api"].vpc_id == "vpc-0fedcba9876543210"
    error_message = "The execute-api endpoint must be in the stack's VPC, behind the endpoints' security group admitting HTTPS from the VPC only."
  }
}

run "byo_vpc_with_endpoints" {
  command = plan

  variables {
    create_vpc_endpoints             = true
    existing_private_route_table_ids = ["rtb-01111111111111111"]
  }

  assert {
    condition     = length(aws_vpc_endpoint.interface) == 10 && length(aws_vpc_endpoint.gateway) == 1 && tolist(aws_vpc_endpoint.gateway["s3"].route_table_ids) == tolist(["rtb-01111111111111111"])
    error_message = "Endpoints in an existing VPC must join the given route tables (no Step Functions: no states or DynamoDB endpoint)."
  }

  assert {
    condition     = alltrue([for e in aws_vpc_endpoint.interface : e.vpc_id == "vpc-0fedcba9876543210" && toset(e.subnet_ids) == toset(var.existing_private_subnet_ids)])
    error_message = "Endpoints in an existing VPC must sit in its private subnets."
  }
}

run "aws_managed_without_ui" {
  command = plan

  variables {
    create_vpc                          = true
    metadata_service_enable_api_gateway = false
  }

  assert {
    condition     = length(module.computation) == 1 && length(module.metadata_service) == 1 && length(module.ui) == 0
    error_message = "Batch and the metadata service run, the UI does not."
  }

  assert {
    condition     = output.metaflow_api_gateway_rest_api_id == "" && output.api_gateway_rest_api_id_key_id == ""
    error_message = "Without API Gateway, its ids must be empty."
  }

  assert {
    condition     = output.metaflow_ui_url == "" && output.ui_alb_arn == ""
    error_message = "Without the UI, its outputs must be empty."
  }

  assert {
    condition     = length(data.aws_iam_policy_document.metaflow_task.source_policy_documents) == 0
    error_message = "Without Step Functions, the task role gets no run-state table policy."
  }
}

run "aws_managed_with_ui" {
  command = plan

  variables {
    create_vpc                 = true
    create_managed_metaflow_ui = true
    metaflow_ui_is_public      = true
    ui_certificate_arn         = "arn:aws:acm:eu-west-1:123456789012:certificate/01234567-89ab-cdef-0123-456789abcdef"
    ui_allow_list              = ["203.0.113.0/24"]
  }

  assert {
    condition     = length(module.ui) == 1 && module.ui[0].authentication == null
    error_message = "create_managed_metaflow_ui must create the UI, with no login unless ui_authentication asks for one."
  }

  assert {
    condition     = tolist(module.common.subnet_ids.ui_load_balancer) == tolist(["subnet-0000000000000000d", "subnet-0000000000000000e", "subnet-0000000000000000f"])
    error_message = "A public UI load balancer must sit in the public subnets."
  }

  assert {
    condition     = tolist(module.common.subnet_ids.ecs_services) == tolist(["subnet-0000000000000000a", "subnet-0000000000000000b", "subnet-0000000000000000c"])
    error_message = "The UI tasks stay in the private subnets."
  }
}

run "aws_managed_with_ui_at_its_hostname" {
  command = plan

  variables {
    create_vpc                 = true
    create_managed_metaflow_ui = true
    ui_certificate_arn         = "arn:aws:acm:eu-west-1:123456789012:certificate/01234567-89ab-cdef-0123-456789abcdef"
    ui_allow_list              = ["203.0.113.0/24"]
    ui_hostname                = "metaflow.example.com"
    ui_route53_zone_id         = "Z0123456789ABCDEFGHIJ"
  }

  assert {
    condition     = output.metaflow_ui_url == "https://metaflow.example.com/"
    error_message = "With ui_hostname, the UI's URL (and METAFLOW_UI_URL, which TestProfileWiring ties to it) must use it, so the run links Metaflow prints match the certificate."
  }
}

# A login in front of the UI (README, "UI authentication"): the root passes
# ui_authentication to modules/ui, whose output says what the listener asks
# for (modules/ui/tests/ui.tftest.hcl checks the actions themselves).
run "aws_managed_with_ui_oidc" {
  command = plan

  variables {
    create_vpc                 = true
    create_managed_metaflow_ui = true
    ui_certificate_arn         = "arn:aws:acm:eu-west-1:123456789012:certificate/01234567-89ab-cdef-0123-456789abcdef"
    ui_allow_list              = ["203.0.113.0/24"]
    ui_hostname                = "metaflow.example.com"
    ui_authentication = {
      oidc = {
        issuer                 = "https://example.okta.com/oauth2/default"
        authorization_endpoint = "https://example.okta.com/oauth2/default/v1/authorize"
        token_endpoint         = "https://example.okta.com/oauth2/default/v1/token"
        user_info_endpoint     = "https://example.okta.com/oauth2/default/v1/userinfo"
        client_id              = "0oa1example2client3"
        client_secret_arn      = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:metaflow-ui-oidc-AbCdEf"
      }
      session_timeout = 28800
    }
  }

  assert {
    condition     = length(module.ui) == 1 && module.ui[0].authentication == "oidc"
    error_message = "With ui_authentication.oidc the UI's listener must ask for an OIDC login."
  }

  assert {
    condition     = output.metaflow_ui_url == "https://metaflow.example.com/"
    error_message = "The login changes nothing of the UI's URL (the identity provider redirects back to https://metaflow.example.com/oauth2/idpresponse)."
  }
}

run "aws_managed_with_ui_cognito" {
  command = plan

  variables {
    create_vpc                 = true
    create_managed_metaflow_ui = true
    ui_certificate_arn         = "arn:aws:acm:eu-west-1:123456789012:certificate/01234567-89ab-cdef-0123-456789abcdef"
    ui_allow_list              = ["203.0.113.0/24"]
    ui_authentication = {
      cognito = {
        user_pool_arn       = "arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_AbCdEfGhI"
        user_pool_client_id = "1example23456789abcdefghij"
        user_pool_domain    = "metaflow-login"
      }
    }
  }

  assert {
    condition     = length(module.ui) == 1 && module.ui[0].authentication == "cognito"
    error_message = "With ui_authentication.cognito the UI's listener must ask for a Cognito login."
  }
}

run "aws_managed_with_step_functions" {
  command = plan

  variables {
    create_step_functions = true
  }

  assert {
    condition     = length(module.step_functions) == 1 && length(module.computation) == 1
    error_message = "create_step_functions must create the Step Functions resources next to Batch."
  }

  assert {
    condition     = length(data.aws_iam_policy_document.metaflow_task.source_policy_documents) == 1
    error_message = "With Step Functions, the task role must reach the run-state table."
  }
}

run "batch_on_demand_and_spot_queues" {
  command = plan

  variables {
    create_step_functions = true
    compute_environments = {
      spot = { type = "SPOT", max_vcpus = 256, instance_types = ["c5", "m5", "r5"], bid_percentage = 80 }
    }
    batch_job_queues = {
      spot = { compute_environments = ["spot", "default"], priority = 10 }
    }
  }

  assert {
    condition     = join(",", keys(output.batch_job_queue_arns)) == "default,spot" && join(",", keys(output.batch_compute_environment_arns)) == "default,spot"
    error_message = "Two queues over an on-demand and a Spot environment must be listed by name in the outputs."
  }
}

run "batch_gpu_environment" {
  command = plan

  variables {
    enable_gpu = true
    compute_environments = {
      gpu = { type = "EC2", gpu = true, max_vcpus = 64, root_volume_size = 300 }
    }
    batch_job_queues = {
      gpu = { compute_environments = ["gpu"] }
    }
  }

  assert {
    condition     = join(",", keys(output.batch_job_queue_arns)) == "default,gpu" && join(",", keys(output.batch_compute_environment_arns)) == "default,gpu"
    error_message = "A GPU environment with its own queue must be listed next to the default ones."
  }
}

run "batch_fargate_spot" {
  command = plan

  variables {
    batch_type           = "fargate"
    compute_environments = { spot = { type = "FARGATE_SPOT", max_vcpus = 32 } }
    batch_job_queues     = { default = { compute_environments = ["spot", "default"] } }
  }

  assert {
    condition     = join(",", keys(output.batch_job_queue_arns)) == "default" && join(",", keys(output.batch_compute_environment_arns)) == "default,spot"
    error_message = "Fargate Spot in front of Fargate on the default queue must add an environment and no queue."
  }
}

run "metadata_service_without_managed_compute" {
  command = plan

  variables {
    create_managed_compute = false
  }

  assert {
    condition     = length(module.computation) == 0 && length(module.metadata_service) == 1
    error_message = "The ECS metadata service must plan without Batch."
  }

  assert {
    condition     = output.METAFLOW_BATCH_JOB_QUEUE == "" && output.batch_compute_environment_security_group_id == ""
    error_message = "Without managed compute, the Batch outputs must be empty (not switched by the metadata service)."
  }

  assert {
    condition     = local.batch_job_queue_arn == ""
    error_message = "Without managed compute, the profile's job queue must be empty (and so left out)."
  }
}

run "eks_exposed" {
  command = plan

  variables {
    create_vpc                               = true
    create_eks_cluster                       = true
    deploy_metaflow_services_in_eks          = true
    expose_metaflow_services_in_eks          = true
    access_list_cidr_blocks                  = ["192.168.10.0/24"]
    create_managed_compute                   = false
    create_managed_metaflow_metadata_service = false
  }

  override_resource {
    target          = module.services.kubernetes_service_v1.exposed["metadata"]
    override_during = plan
    values = {
      status = [{ load_balancer = [{ ingress = [{ hostname = "a111.elb.eu-west-1.amazonaws.com", ip = "" }] }] }]
    }
  }

  assert {
    condition     = output.METAFLOW_SERVICE_URL == "http://a111.elb.eu-west-1.amazonaws.com:8080/" && output.METAFLOW_SERVICE_INTERNAL_URL == "http://metaflow-service.mf-service-test.svc.cluster.local:8080/"
    error_message = "Exposed, clients call the internal load balancer and pods the in-cluster service; got ${output.METAFLOW_SERVICE_URL}."
  }
}

run "eks_with_services" {
  command = plan

  # The profile is built from values known only after apply; pinning them at
  # plan lets the run assert the profile itself.
  override_module {
    target = module.datastore
    outputs = {
      METAFLOW_DATASTORE_SYSROOT_S3        = "s3://mf-s3-test/metaflow"
      METAFLOW_DATATOOLS_S3ROOT            = "s3://mf-s3-test/data"
      s3_bucket_name                       = "mf-s3-test"
      s3_bucket_arn                        = "arn:aws:s3:::mf-s3-test"
      datastore_s3_bucket_kms_key_arn      = "arn:aws:kms:eu-west-1:123456789012:key/01234567-89ab-cdef-0123-456789abcdef"
      database_host                        = "mf-db-test.abcdefgh.eu-west-1.rds.amazonaws.com"
      database_port                        = 5432
      database_name                        = "metaflow"
      database_username                    = "metaflow"
      database_password_secret_arn         = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:mf-db-password-test-AbCdEf"
      database_password_secret_kms_key_arn = "arn:aws:kms:eu-west-1:123456789012:key/11111111-89ab-cdef-0123-456789abcdef"
    }
  }

  override_resource {
    target          = aws_iam_role.metaflow_task
    override_during = plan
    values = {
      arn = "arn:aws:iam::123456789012:role/mf-batch-s3-task-test"
    }
  }

  variables {
    create_vpc                               = true
    create_eks_cluster                       = true
    deploy_metaflow_services_in_eks          = true
    deploy_cluster_autoscaler                = true
    create_managed_compute                   = false
    create_managed_metaflow_metadata_service = false
    deploy_argo_events                       = true
    enable_custom_batch_container_registry   = true
    metaflow_helm_values = {
      "metaflow-service" = { replicaCount = 2 }
    }
  }

  override_resource {
    target          = aws_ecr_repository.batch
    override_during = plan
    values = {
      repository_url = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/mf-batch-test"
    }
  }

  assert {
    condition = (
      jsondecode(output.metaflow_aws_managed_profile_json).METAFLOW_KUBERNETES_CONTAINER_IMAGE == "123456789012.dkr.ecr.eu-west-1.amazonaws.com/mf-batch-test"
      && jsondecode(output.metaflow_aws_managed_profile_json).METAFLOW_KUBERNETES_CONTAINER_REGISTRY == "123456789012.dkr.ecr.eu-west-1.amazonaws.com"
    )
    error_message = "Kubernetes steps must run the stack's image, as Batch steps do."
  }

  assert {
    condition = (
      jsondecode(output.metaflow_aws_managed_profile_json).METAFLOW_ARGO_EVENTS_EVENT_BUS == "default"
      && jsondecode(output.metaflow_aws_managed_profile_json).METAFLOW_ARGO_EVENTS_SERVICE_ACCOUNT == "metaflow-argo-events"
      && jsondecode(output.metaflow_aws_managed_profile_json).METAFLOW_ARGO_EVENTS_SENSOR_NAMESPACE == "mf-service-test"
      && jsondecode(output.metaflow_aws_managed_profile_json).METAFLOW_ARGO_EVENTS_INTERNAL_WEBHOOK_URL == "http://argo-events-webhook-eventsource-svc.mf-service-test.svc.cluster.local:12000/metaflow-event"
    )
    error_message = "With Argo Events on, the profile must name its event bus, sensor account and namespace, and webhook."
  }

  assert {
    condition     = !contains(keys(jsondecode(output.metaflow_aws_managed_profile_json)), "METAFLOW_ARGO_WORKFLOWS_UI_URL") && output.METAFLOW_SERVICE_URL == ""
    error_message = "Without exposure no load balancer URL reaches the profile (the README's port-forward reaches the services)."
  }


  assert {
    condition     = length(module.eks) == 1 && length(module.computation) == 0 && length(module.metadata_service) == 0
    error_message = "The EKS shape runs a cluster and no Batch or ECS metadata service."
  }

  assert {
    condition     = length(module.services.kubernetes_namespace) > 0 && output.kubernetes_namespace == "mf-service-test"
    error_message = "The services namespace must come from the naming rule."
  }

  assert {
    condition     = output.METAFLOW_SERVICE_INTERNAL_URL == "http://metaflow-service.mf-service-test.svc.cluster.local:8080/"
    error_message = "The internal URL must point at the in-cluster metadata service; got ${output.METAFLOW_SERVICE_INTERNAL_URL}."
  }

  assert {
    condition     = output.METAFLOW_SERVICE_URL == "" && output.migration_function_arn == "" && output.METAFLOW_BATCH_JOB_QUEUE == ""
    error_message = "ECS and Batch outputs must be empty on the EKS shape."
  }

  assert {
    condition     = jsondecode(output.metaflow_aws_managed_profile_json).METAFLOW_KUBERNETES_NAMESPACE == "mf-service-test" && jsondecode(output.metaflow_aws_managed_profile_json).METAFLOW_KUBERNETES_SERVICE_ACCOUNT == "metaflow-task"
    error_message = "The profile must name the namespace and service account of Metaflow's pods."
  }

  assert {
    condition     = jsondecode(output.metaflow_aws_managed_profile_json).METAFLOW_SERVICE_URL == output.METAFLOW_SERVICE_INTERNAL_URL
    error_message = "Without an ECS service URL, the profile must use the in-cluster URL."
  }

  assert {
    condition     = local.deploy_services && local.deploy_autoscaler
    error_message = "The Helm services and the cluster autoscaler must be switched on in modules/services."
  }

  assert {
    condition     = output.eks_cluster_name == "mf-eks-test" && output.eks_cluster_endpoint != ""
    error_message = "The cluster outputs must be set."
  }

  assert {
    condition     = anytrue([for s in data.aws_iam_policy_document.metaflow_task_assume.statement : s.sid == "KubernetesServiceAccounts"])
    error_message = "With a cluster, the task role must trust Metaflow's service accounts through IRSA."
  }

  assert {
    condition = alltrue([
      for name, group in local.eks_node_groups : !contains(keys(group), "iam_role_policy_statements")
    ]) && contains(keys(local.eks_node_groups), "default")
    error_message = "The default node group must exist and nodes must get no inline S3/KMS policy."
  }

  # The EKS module tags node instances, volumes and ENIs with its tags only
  # through the launch template it creates; turning that off would leave the
  # nodes without the caller's tags (a test run's tag included).
  assert {
    condition = alltrue([
      for name, group in local.eks_node_groups : try(group.create_launch_template, true) && try(group.use_custom_launch_template, true)
    ])
    error_message = "Every node group must keep the EKS module's launch template, which puts the tags on the nodes."
  }
}

run "byo_datastore" {
  command = plan

  variables {
    create_datastore               = false
    database_endpoint              = "metaflow-db.example.internal:5433"
    database_name                  = "metaflow"
    database_username              = "metaflow"
    database_password              = "not-a-real-password"
    metaflow_s3_bucket_arn         = "arn:aws:s3:::my-metaflow-bucket"
    metaflow_s3_bucket_kms_key_arn = "arn:aws:kms:eu-west-1:123456789012:key/01234567-89ab-cdef-0123-456789abcdef"
    metaflow_s3_sys_root           = "s3://my-metaflow-bucket/metaflow"
  }

  assert {
    condition     = length(module.datastore) == 0 && length(aws_secretsmanager_secret.byo_database_password) == 1
    error_message = "A caller's database must get a password secret instead of a datastore."
  }

  assert {
    condition     = local.database_host == "metaflow-db.example.internal" && local.database_port == 5433
    error_message = "host:port of database_endpoint must be split."
  }

  assert {
    condition     = output.metaflow_s3_bucket_name == "my-metaflow-bucket" && output.metaflow_s3_bucket_arn == var.metaflow_s3_bucket_arn
    error_message = "The caller's bucket must be reported."
  }

  assert {
    condition     = output.METAFLOW_DATASTORE_SYSROOT_S3 == "s3://my-metaflow-bucket/metaflow" && output.METAFLOW_DATATOOLS_S3ROOT == "s3://my-metaflow-bucket/data"
    error_message = "The datastore URLs must come from the caller's inputs."
  }

  assert {
    condition     = output.datastore_s3_bucket_kms_key_arn == var.metaflow_s3_bucket_kms_key_arn
    error_message = "The caller's KMS key must be reported."
  }

  assert {
    condition     = length(output.database_client_security_group_ids) == 1
    error_message = "The metadata service's security group must be reported for the caller's database to admit."
  }
}

run "custom_ecr" {
  command = plan

  variables {
    enable_custom_batch_container_registry = true
  }

  assert {
    condition     = length(aws_ecr_repository.batch) == 1 && aws_ecr_repository.batch[0].name == "mf-batch-test"
    error_message = "The ECR repository must be created with the naming rule's name."
  }

  assert {
    condition     = aws_ecr_repository.batch[0].image_scanning_configuration[0].scan_on_push
    error_message = "Images must be scanned on push."
  }
}

# Every optional component off: what remains is the always-on part, the
# Metaflow task role and its policy (and the random prefix when none is
# given).
run "all_optional_components_off" {
  command = plan

  override_resource {
    target          = aws_iam_role.metaflow_task
    override_during = plan
    values = {
      arn = "arn:aws:iam::123456789012:role/mf-batch-s3-task-test"
    }
  }

  variables {
    create_datastore                         = false
    create_managed_compute                   = false
    create_managed_metaflow_metadata_service = false
    database_endpoint                        = "metaflow-db.example.internal"
    database_name                            = "metaflow"
    database_username                        = "metaflow"
    database_password                        = "not-a-real-password"
    metaflow_s3_bucket_arn                   = "arn:aws:s3:::my-metaflow-bucket"
    metaflow_s3_bucket_kms_key_arn           = "arn:aws:kms:eu-west-1:123456789012:key/01234567-89ab-cdef-0123-456789abcdef"
    metaflow_s3_sys_root                     = "s3://my-metaflow-bucket/metaflow"
  }

  assert {
    condition = (
      length(module.vpc) + length(module.eks) + length(module.datastore) + length(module.computation)
      + length(module.metadata_service) + length(module.ui) + length(module.step_functions) == 0
    )
    error_message = "No component module may be instantiated."
  }

  assert {
    condition = (
      length(aws_ecr_repository.batch) + length(aws_secretsmanager_secret.byo_database_password)
      + length(aws_secretsmanager_secret_version.byo_database_password) + length(random_string.prefix) == 0
    )
    error_message = "No optional root resource may be created (the password secret has no reader)."
  }

  assert {
    condition     = length(output.database_client_security_group_ids) == 0
    error_message = "Nothing connects to the database when every component is off."
  }

  assert {
    condition     = aws_iam_role.metaflow_task.name == "mf-batch-s3-task-test" && aws_iam_role_policy.metaflow_task.name == "metaflow-datastore"
    error_message = "The task role and its policy are the always-on resources."
  }

  assert {
    condition = alltrue([
      output.METAFLOW_BATCH_JOB_QUEUE == "", output.METAFLOW_EVENTS_SFN_ACCESS_IAM_ROLE == "",
      output.METAFLOW_SERVICE_INTERNAL_URL == "", output.METAFLOW_SERVICE_URL == "",
      output.METAFLOW_SFN_DYNAMO_DB_TABLE == "", output.METAFLOW_SFN_IAM_ROLE == "",
      output.api_gateway_rest_api_id_key_id == "", output.batch_compute_environment_security_group_id == "",
      output.metadata_svc_ecs_task_role_arn == "", output.metaflow_api_gateway_rest_api_id == "",
      output.metaflow_batch_container_image == "", output.migration_function_arn == "",
      output.ui_alb_arn == "", output.ui_alb_dns_name == "", output.eks_cluster_name == "",
      output.database_password_secret_arn == "", output.kubernetes_namespace == "",
    ])
    error_message = "Every output of a component that is off must be an empty string."
  }

  assert {
    condition     = !can(jsondecode(output.metaflow_aws_managed_profile_json).METAFLOW_SERVICE_URL) && jsondecode(output.metaflow_aws_managed_profile_json).METAFLOW_DATASTORE_SYSROOT_S3 == "s3://my-metaflow-bucket/metaflow"
    error_message = "The profile must hold the datastore and no service URL."
  }
}

# The ECS services sized from the root, and the migration run without the
# Lambda (enable_migration_lambda = false).
run "small_services_no_migration_lambda" {
  command = plan

  variables {
    create_managed_metaflow_ui         = true
    ui_certificate_arn                 = "arn:aws:acm:eu-west-1:123456789012:certificate/01234567-89ab-cdef-0123-456789abcdef"
    ui_allow_list                      = ["203.0.113.0/24"]
    enable_migration_lambda            = false
    metadata_service_cpu               = 256
    metadata_service_memory            = 2048
    metadata_service_desired_count     = 2
    metadata_service_ephemeral_storage = 30
    ui_backend_cpu                     = 512
    ui_backend_memory                  = 2048
    ui_static_cpu                      = 256
    ui_static_memory                   = 1024
  }

  assert {
    condition     = length(module.metadata_service) == 1 && length(module.ui) == 1
    error_message = "The ECS metadata service and UI must exist in this shape."
  }

  assert {
    condition     = output.migration_function_arn == "" && module.metadata_service[0].migration_function_arn == ""
    error_message = "enable_migration_lambda = false: migration_function_arn must be \"\"; got \"${output.migration_function_arn}\"."
  }

  assert {
    condition = jsonencode(module.common.fargate_services) == jsonencode({
      metadata_service = { cpu = 256, memory = 2048, ephemeral_storage = 30, desired_count = 2 }
      ui_backend       = { cpu = 512, memory = 2048, ephemeral_storage = null, desired_count = null }
      ui_static        = { cpu = 256, memory = 1024, ephemeral_storage = null, desired_count = null }
    })
    error_message = "The root's size inputs must reach modules/common under the keys their names start with (its errors name them); got ${jsonencode(module.common.fargate_services)}."
  }
}

# IAM guard rails, with every component that creates a role on (Batch with a
# SPOT environment, the metadata service and its migration Lambda, the UI,
# Step Functions, EKS with the cluster autoscaler). The root can assert its
# own role and what the EKS module gets; each submodule's tests assert its
# roles, and test/static's TestIAMGuardRails that no role in the tree is left
# out of them.
run "iam_guard_rails_on_every_component" {
  command = plan

  variables {
    create_vpc                      = true
    create_step_functions           = true
    create_eks_cluster              = true
    deploy_metaflow_services_in_eks = true
    deploy_cluster_autoscaler       = true
    ui_certificate_arn              = "arn:aws:acm:eu-west-1:123456789012:certificate/01234567-89ab-cdef-0123-456789abcdef"
    compute_environments = {
      spot = { type = "SPOT", max_vcpus = 16 }
    }
    node_groups = {
      gpu = { instance_types = ["g5.xlarge"], iam_role_path = "/elsewhere/" }
    }
    iam_path                 = "/metaflow/"
    iam_permissions_boundary = "arn:aws:iam::123456789012:policy/boundaries/MetaflowBoundary"
  }

  assert {
    condition     = aws_iam_role.metaflow_task.path == "/metaflow/" && aws_iam_role.metaflow_task.permissions_boundary == "arn:aws:iam::123456789012:policy/boundaries/MetaflowBoundary"
    error_message = "The Metaflow task role must get iam_path and iam_permissions_boundary."
  }

  assert {
    condition = alltrue([
      for name, group in local.eks_node_groups :
      group.iam_role_path == "/metaflow/" && group.iam_role_permissions_boundary == "arn:aws:iam::123456789012:policy/boundaries/MetaflowBoundary"
    ]) && length(local.eks_node_groups) == 2
    error_message = "Every EKS node group, one that sets its own iam_role_path included, must get iam_path and iam_permissions_boundary."
  }
}

run "iam_guard_rails_off_by_default" {
  command = plan

  variables {
    create_vpc         = true
    create_eks_cluster = true
    node_groups = {
      gpu = { instance_types = ["g5.xlarge"], iam_role_path = "/elsewhere/" }
    }
  }

  assert {
    condition     = aws_iam_role.metaflow_task.path == "/"
    error_message = "By default the Metaflow task role must sit at AWS's \"/\", as on a stack from before the guard rails (a path change replaces it)."
  }

  assert {
    condition     = module.common.iam_permissions_boundary == null
    error_message = "By default the roles must get no permissions boundary."
  }

  assert {
    condition     = local.eks_node_groups["gpu"].iam_role_path == "/elsewhere/" && !contains(keys(local.eks_node_groups["default"]), "iam_role_path") && !contains(keys(local.eks_node_groups["default"]), "iam_role_permissions_boundary")
    error_message = "At their defaults the guard rails must leave the node groups as they were: a group's own iam_role_path stays, the others get the EKS module's defaults."
  }
}
