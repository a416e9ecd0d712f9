locals {
  # One entry per AWS name the module tree generates: the role word between
  # prefix and suffix, and the longest name AWS accepts for that resource type
  # (less room where the name is used as a name_prefix or gets a suffix).
  # legacy is the role word outerbounds/metaflow/aws gave the same resource
  # ("" for its stack name, prefix and suffix alone), where it had one; it
  # shortened only the UI target group names (legacy_max).
  # Keys are "<module>_<resource>"; keep them sorted.
  name_specs = {
    computation_batch_compute_environment = { role = "batch", max = 100, legacy = "cpu" } # name_prefix: AWS appends 26 characters to reach 128
    computation_batch_job_queue           = { role = "batch-queue", max = 128, legacy = "" }
    computation_batch_security_group      = { role = "batch", max = 255, legacy = "batch-compute-environment-security-group" }
    computation_batch_service_role        = { role = "batch-service", max = 64, legacy = "batch-execution-role" }
    computation_ecs_execution_role        = { role = "ecs-execution", max = 64, legacy = "ecs-execution-role" }
    computation_ecs_instance_profile      = { role = "ecs-instance", max = 128, legacy = "ecs-iam-role" }
    computation_ecs_instance_role         = { role = "ecs-instance", max = 64, legacy = "ecs-iam-role" }
    computation_launch_template           = { role = "batch", max = 100, legacy = "batch-launch-tmpl-cpu-100gb" } # name_prefix
    computation_spot_fleet_role           = { role = "spot-fleet", max = 64 }
    datastore_db_cluster_instance         = { role = "db", max = 61, legacy = "metaflow" }                       # "-N" is appended
    datastore_db_final_snapshot           = { role = "db-final", max = 200, legacy = "metaflow-final-snapshot" } # a random pet is appended
    datastore_db_identifier               = { role = "db", max = 63, legacy = "metaflow" }
    datastore_db_secret                   = { role = "db-password", max = 480 }
    datastore_db_security_group           = { role = "db", max = 255, legacy = "rds-security-group" }
    datastore_db_subnet_group             = { role = "db", max = 255, legacy = "main" }
    datastore_kms_rds                     = { role = "rds", max = 250 } # alias/NAME
    datastore_kms_s3                      = { role = "s3", max = 250 }  # alias/NAME
    datastore_s3_bucket                   = { role = "s3", max = 63, legacy = "s3" }
    metadata_api_access_log_group         = { role = "metadata-api-access", max = 480 }
    metadata_api_gateway                  = { role = "metadata-api", max = 1024, legacy = "api" }
    metadata_api_gateway_cloudwatch_role  = { role = "apigw-cloudwatch", max = 64 }
    metadata_api_key                      = { role = "metadata-api-key", max = 1024, legacy = "key" }
    metadata_ecs_cluster                  = { role = "metadata", max = 255, legacy = "" }
    metadata_ecs_service                  = { role = "metadata-service", max = 255, legacy = "metadata-service" }
    metadata_execution_role               = { role = "metadata-execution", max = 64 }
    metadata_log_group                    = { role = "metadata-service", max = 480, legacy = "metadata" }
    metadata_migration_lambda             = { role = "db-migrate", max = 64, legacy = "db_migrate" }
    metadata_migration_lambda_role        = { role = "db-migrate-lambda", max = 64, legacy = "lambda_ecs_execute" }
    metadata_migration_security_group     = { role = "db-migrate", max = 255 }
    metadata_nlb                          = { role = "nlb", max = 32, legacy = "nlb" }
    metadata_nlb_security_group           = { role = "metadata-nlb", max = 255 }
    metadata_nlb_tg_api                   = { role = "md-api", max = 32, legacy = "mdtg" }
    metadata_nlb_tg_migration             = { role = "md-migrate", max = 32, legacy = "dbtg" }
    metadata_security_group               = { role = "metadata-service", max = 255, legacy = "metadata-service-security-group" }
    metadata_task_family                  = { role = "metadata-service", max = 255, legacy = "service" }
    metadata_task_role                    = { role = "metadata-task", max = 64, legacy = "metadata-ecs-task" }
    metadata_usage_plan                   = { role = "metadata-usage-plan", max = 255, legacy = "usage-plan" }
    metadata_vpc_link                     = { role = "metadata-vpc-link", max = 255, legacy = "vpclink" }
    root_byo_db_password_secret           = { role = "external-db-password", max = 400 } # name_prefix
    root_ecr_repository                   = { role = "batch", max = 256, legacy = "batch" }
    root_eks_cluster                      = { role = "eks", max = 100 }
    root_metaflow_task_role               = { role = "batch-s3-task", max = 64, legacy = "batch_s3_task_role" }
    root_vpc                              = { role = "vpc", max = 255 }
    root_vpc_endpoint_security_group      = { role = "vpc-endpoints", max = 255 }
    services_cluster_autoscaler_role      = { role = "cluster-autoscaler", max = 64 }
    services_namespace                    = { role = "service", max = 63 } # Kubernetes DNS label
    sfn_dynamodb_table                    = { role = "sfn-state", max = 255, legacy = "step_functions_state" }
    sfn_eventbridge_role                  = { role = "eventbridge-sfn", max = 64, legacy = "eventbridge_role" }
    sfn_role                              = { role = "sfn", max = 64, legacy = "step_functions_role" }
    sfn_state_machine_prefix              = { role = "sfn", max = 60, legacy = "" } # Metaflow appends the flow name (state machine names: 80)
    ui_alb                                = { role = "ui", max = 32, legacy = "alb" }
    ui_alb_security_group                 = { role = "ui-alb", max = 255, legacy = "alb-sg" }
    ui_backend_security_group             = { role = "ui-backend", max = 255, legacy = "ui-backend-sg" }
    ui_backend_service                    = { role = "ui-backend", max = 255, legacy = "ui_backend" }
    ui_ecs_cluster                        = { role = "ui", max = 255, legacy = "" }
    ui_execution_role                     = { role = "ui-execution", max = 64 }
    ui_log_group                          = { role = "ui", max = 480, legacy = "ui" }
    ui_static_security_group              = { role = "ui-static", max = 255 }
    ui_static_service                     = { role = "ui-static", max = 255, legacy = "ui_static" }
    ui_task_role                          = { role = "ui-task", max = 64, legacy = "ui-ecs-task" }
    ui_task_security_group                = { role = "ui-task", max = 255 }
    ui_tg_backend                         = { role = "ui-backend", max = 32, legacy = "ui-backend", legacy_max = 32 }
    ui_tg_static                          = { role = "ui-static", max = 32, legacy = "ui-static", legacy_max = 32 }
  }

  # prefix-role-suffix, with runs of "-" collapsed (a prefix may already end in
  # "-") and no "-" at either end, which RDS and S3 reject.
  full_names = {
    for key, spec in local.name_specs :
    key => trim(replace(join("-", compact([var.resource_prefix, spec.role, var.resource_suffix])), "/-{2,}/", "-"), "-")
  }

  # A name over its limit keeps its role word whole, so the console still shows
  # what the resource is: as much of the prefix as fits, the role word, then 8
  # hex characters of the full name's hash (which covers the suffix), so two
  # long names that share a start stay distinct. The prefix keeps at least its
  # first character, a letter, which RDS requires at the start.
  default_names = {
    for key, name in local.full_names :
    key => length(name) <= local.name_specs[key].max ? name : trim(replace(format(
      "%s-%s-%s",
      substr(var.resource_prefix, 0, max(1, local.name_specs[key].max - length(local.name_specs[key].role) - 10)),
      local.name_specs[key].role,
      substr(md5(name), 0, 8),
    ), "/-{2,}/", "-"), "-")
  }
}

locals {
  # A stack built by outerbounds/metaflow/aws keeps the names it has, which
  # its deployed flows and its data point at: prefix, role word and suffix
  # with that line's dashes (v0.12 put "-" after a prefix, the refresh branch
  # took the prefix as it was; both put "-" before a suffix), nothing
  # collapsed or shortened beyond what the line did. Resources the line did
  # not have are named by the rule above.
  legacy_prefix = var.upgrade_from == "v0.12" && var.resource_prefix != "" ? "${var.resource_prefix}-" : var.resource_prefix
  legacy_suffix = var.resource_suffix == "" ? "" : "-${var.resource_suffix}"
  legacy_names = {
    for key, spec in local.name_specs : key => (
      spec.legacy == ""
      ? replace("${local.legacy_prefix}${local.legacy_suffix}", "--", "-")
      : substr("${local.legacy_prefix}${spec.legacy}${local.legacy_suffix}", 0, try(spec.legacy_max, -1))
    ) if try(spec.legacy, null) != null
  }

  names = var.upgrade_from == null ? local.default_names : merge(local.default_names, local.legacy_names)
}
