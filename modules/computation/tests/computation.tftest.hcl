# Offline: every provider is mocked, so these runs check this module's own
# logic (which resources exist for which inputs, and how they are wired), not
# AWS behaviour.

# The offline schemas cannot tell which optional arguments the provider
# computes, so ids that the module wires into other resources get mock values
# here; otherwise they would be null and comparisons on them meaningless.
mock_provider "aws" {
  mock_data "aws_caller_identity" {
    defaults = {
      account_id = "123456789012"
    }
  }

  mock_resource "aws_security_group" {
    defaults = {
      id = "sg-0aaaaaaaaaaaaaaa1"
    }
  }

  mock_resource "aws_launch_template" {
    defaults = {
      id = "lt-0aaaaaaaaaaaaaaa1"
    }
  }
}

variables {
  resource_prefix = "mf-test"
  metaflow_vpc_id = "vpc-0123456789abcdef0"
  subnet_ids      = ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"]
}

run "ec2_compute_environment_by_default" {
  command = apply

  assert {
    condition     = aws_batch_compute_environment.this.type == "MANAGED" && aws_batch_compute_environment.this.compute_resources[0].type == "EC2"
    error_message = "batch_type \"ec2\" must create a managed EC2 compute environment."
  }

  assert {
    condition     = startswith(aws_batch_compute_environment.this.name_prefix, "mf-test-batch")
    error_message = "The compute environment must be named by a prefix from the name key."
  }

  assert {
    condition     = aws_batch_compute_environment.this.compute_resources[0].instance_role == aws_iam_instance_profile.ecs_instance[0].arn
    error_message = "EC2 instances must get the module's instance profile."
  }

  assert {
    condition     = toset(aws_batch_compute_environment.this.compute_resources[0].instance_type) == toset(["c5.large", "c5.xlarge", "c5.2xlarge", "c5.4xlarge", "c5.9xlarge"])
    error_message = "Without GPUs the instance types must be exactly compute_environment_instance_types."
  }

  assert {
    condition     = [for c in aws_batch_compute_environment.this.compute_resources[0].ec2_configuration : c.image_type] == ["ECS_AL2023", "ECS_AL2023_NVIDIA"]
    error_message = "The compute environment must map CPU types to the ECS-optimized Amazon Linux 2023 AMI and GPU types to its NVIDIA variant, even with enable_gpu off."
  }

  assert {
    condition     = aws_batch_compute_environment.this.compute_resources[0].launch_template[0].launch_template_id == aws_launch_template.this[0].id && aws_batch_compute_environment.this.compute_resources[0].launch_template[0].version == tostring(aws_launch_template.this[0].latest_version)
    error_message = "The compute environment must use the latest version of the module's launch template."
  }

  assert {
    condition     = contains(aws_batch_compute_environment.this.compute_resources[0].security_group_ids, aws_security_group.this.id) && length(aws_batch_compute_environment.this.compute_resources[0].security_group_ids) == 1
    error_message = "The compute environment must use the module's security group and nothing else by default."
  }

  assert {
    condition     = aws_batch_compute_environment.this.service_role == aws_iam_role.batch_service.arn
    error_message = "The compute environment must run under the module's Batch service role."
  }

  assert {
    condition     = aws_batch_job_queue.this.compute_environment_order[0].compute_environment == aws_batch_compute_environment.this.arn && aws_batch_job_queue.this.state == "ENABLED" && aws_batch_job_queue.this.priority == 1
    error_message = "The job queue must be enabled, priority 1, and feed the compute environment."
  }

  assert {
    condition     = output.METAFLOW_BATCH_JOB_QUEUE == aws_batch_job_queue.this.arn && output.batch_job_queue_arn == aws_batch_job_queue.this.arn
    error_message = "METAFLOW_BATCH_JOB_QUEUE must be the job queue ARN."
  }

  assert {
    condition     = output.ecs_instance_role_arn == aws_iam_role.ecs_instance[0].arn && output.ecs_execution_role_arn == aws_iam_role.ecs_execution.arn
    error_message = "The role outputs must point at the module's roles."
  }
}

run "tags_reach_resources_and_instances" {
  command = plan

  variables {
    tags = { team = "ml" }
  }

  assert {
    condition     = aws_batch_compute_environment.this.compute_resources[0].tags == tomap({ team = "ml", Name = "mf-test-batch" })
    error_message = "The EC2 instances Batch launches must carry the tags and a Name."
  }

  assert {
    condition     = aws_batch_job_queue.this.tags["team"] == "ml" && aws_iam_role.batch_service.tags["team"] == "ml" && aws_security_group.this.tags["team"] == "ml"
    error_message = "tags must reach the queue, the roles and the security group."
  }
}

run "launch_template_has_encrypted_root_and_imds_settings" {
  command = plan

  assert {
    condition = anytrue([
      for m in aws_launch_template.this[0].block_device_mappings :
      m.device_name == "/dev/xvda" && anytrue([for e in m.ebs : e.encrypted == "true" && e.volume_size == 100 && e.delete_on_termination == "true"])
    ])
    error_message = "The launch template must give /dev/xvda a 100 GiB encrypted root volume deleted with the instance."
  }

  assert {
    condition     = aws_launch_template.this[0].metadata_options[0].http_tokens == "required" && aws_launch_template.this[0].metadata_options[0].http_endpoint == "enabled" && aws_launch_template.this[0].metadata_options[0].http_put_response_hop_limit == 2
    error_message = "The launch template must default to IMDSv2 with a hop limit of 2."
  }
}

run "imds_inputs_reach_the_launch_template" {
  command = plan

  variables {
    launch_template_http_tokens                 = "optional"
    launch_template_http_put_response_hop_limit = 1
    compute_environment_root_volume_size        = 250
  }

  assert {
    condition     = aws_launch_template.this[0].metadata_options[0].http_tokens == "optional" && aws_launch_template.this[0].metadata_options[0].http_put_response_hop_limit == 1
    error_message = "launch_template_http_tokens and the hop limit must reach the launch template."
  }

  assert {
    condition     = anytrue([for m in aws_launch_template.this[0].block_device_mappings : anytrue([for e in m.ebs : e.volume_size == 250])])
    error_message = "compute_environment_root_volume_size must reach the root volume."
  }
}

run "gpu_adds_instance_types_and_the_nvidia_ami" {
  command = plan

  variables {
    enable_gpu               = true
    gpu_instance_types       = ["g5.xlarge", "p4d.24xlarge"]
    launch_template_image_id = "ami-0123456789abcdef0"
  }

  assert {
    condition     = toset(aws_batch_compute_environment.this.compute_resources[0].instance_type) == toset(["c5.large", "c5.xlarge", "c5.2xlarge", "c5.4xlarge", "c5.9xlarge", "g5.xlarge", "p4d.24xlarge"])
    error_message = "With GPUs on, the GPU instance types must join the CPU ones."
  }

  assert {
    condition     = [for c in aws_batch_compute_environment.this.compute_resources[0].ec2_configuration : c.image_type] == ["ECS_AL2023", "ECS_AL2023_NVIDIA"]
    error_message = "With GPUs on, the compute environment must map GPU instances to the ECS GPU-optimized AMI."
  }

  assert {
    condition     = aws_batch_compute_environment.this.compute_resources[0].ec2_configuration[0].image_id_override == "ami-0123456789abcdef0" && aws_batch_compute_environment.this.compute_resources[0].ec2_configuration[1].image_id_override != "ami-0123456789abcdef0"
    error_message = "A custom AMI must apply to the CPU instances only; GPU instances keep the GPU-optimized AMI."
  }
}

run "fargate_has_no_ec2_parts" {
  command = apply

  variables {
    batch_type = "fargate"
  }

  assert {
    condition     = aws_batch_compute_environment.this.compute_resources[0].type == "FARGATE"
    error_message = "batch_type \"fargate\" must create a Fargate compute environment."
  }

  assert {
    condition     = length(aws_launch_template.this) == 0 && length(aws_iam_role.ecs_instance) == 0 && length(aws_iam_instance_profile.ecs_instance) == 0
    error_message = "Fargate must not create a launch template or an instance role/profile."
  }

  assert {
    condition     = length(aws_batch_compute_environment.this.compute_resources[0].ec2_configuration) == 0 && length(aws_batch_compute_environment.this.compute_resources[0].launch_template) == 0
    error_message = "Fargate must not get an AMI configuration or a launch template."
  }

  assert {
    condition     = output.ecs_instance_role_arn == null && output.ecs_execution_role_arn == aws_iam_role.ecs_execution.arn
    error_message = "On Fargate there is no instance role, but the execution role remains."
  }
}

run "roles_trust_only_their_service" {
  command = apply

  assert {
    condition = (
      jsondecode(aws_iam_role.batch_service.assume_role_policy).Statement[0].Principal.Service == "batch.amazonaws.com" &&
      jsondecode(aws_iam_role.batch_service.assume_role_policy).Statement[0].Condition.StringEquals["aws:SourceAccount"] == "123456789012"
    )
    error_message = "The Batch service role must trust batch.amazonaws.com from this account only."
  }

  assert {
    condition = (
      jsondecode(aws_iam_role.ecs_execution.assume_role_policy).Statement[0].Principal.Service == "ecs-tasks.amazonaws.com" &&
      jsondecode(aws_iam_role.ecs_execution.assume_role_policy).Statement[0].Condition.StringEquals["aws:SourceAccount"] == "123456789012"
    )
    error_message = "The execution role must trust ecs-tasks.amazonaws.com from this account only."
  }

  assert {
    condition     = jsondecode(aws_iam_role.ecs_instance[0].assume_role_policy).Statement[0].Principal.Service == "ec2.amazonaws.com"
    error_message = "The instance role must trust ec2.amazonaws.com."
  }

  assert {
    condition = (
      aws_iam_role_policy_attachment.batch_service.policy_arn == "arn:aws:iam::aws:policy/service-role/AWSBatchServiceRole" &&
      aws_iam_role_policy_attachment.ecs_instance[0].policy_arn == "arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role" &&
      aws_iam_role_policy_attachment.ecs_execution.policy_arn == "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
    )
    error_message = "Each role must hold its AWS managed policy."
  }
}

run "partition_reaches_policy_arns" {
  command = plan

  variables {
    iam_partition = "aws-us-gov"
  }

  assert {
    condition     = aws_iam_role_policy_attachment.batch_service.policy_arn == "arn:aws-us-gov:iam::aws:policy/service-role/AWSBatchServiceRole"
    error_message = "Managed policy ARNs must use iam_partition."
  }
}

run "security_group_egress_and_self_traffic" {
  command = apply

  variables {
    compute_environment_egress_cidr_blocks            = ["10.0.0.0/8", "::/0"]
    compute_environment_additional_security_group_ids = ["sg-0123456789abcdef0"]
  }

  assert {
    condition     = length(aws_vpc_security_group_egress_rule.to_cidr_blocks) == 2 && aws_vpc_security_group_egress_rule.to_cidr_blocks[0].cidr_ipv4 == "10.0.0.0/8" && aws_vpc_security_group_egress_rule.to_cidr_blocks[1].cidr_ipv6 == "::/0"
    error_message = "There must be one egress rule per CIDR block, IPv4 and IPv6 in their own fields."
  }

  assert {
    condition     = aws_vpc_security_group_ingress_rule.from_self[0].ip_protocol == "-1" && aws_vpc_security_group_egress_rule.to_self[0].ip_protocol == "-1"
    error_message = "Members of the group must reach each other on every protocol."
  }

  assert {
    condition     = contains(aws_batch_compute_environment.this.compute_resources[0].security_group_ids, "sg-0123456789abcdef0")
    error_message = "Additional security groups must be attached to the compute environment."
  }
}


run "spot_queue_next_to_the_on_demand_one" {
  command = apply

  variables {
    compute_environments = {
      spot = { type = "SPOT", max_vcpus = 128, instance_types = ["m5", "c5"] }
    }
    batch_job_queues = {
      spot = { compute_environments = ["spot", "default"], priority = 10 }
    }
  }

  assert {
    condition     = aws_batch_compute_environment.additional["spot"].compute_resources[0].type == "SPOT" && aws_batch_compute_environment.additional["spot"].compute_resources[0].allocation_strategy == "SPOT_PRICE_CAPACITY_OPTIMIZED"
    error_message = "A SPOT environment must default to the SPOT_PRICE_CAPACITY_OPTIMIZED strategy."
  }

  assert {
    condition     = aws_batch_compute_environment.additional["spot"].compute_resources[0].spot_iam_fleet_role == aws_iam_role.spot_fleet[0].arn && jsondecode(aws_iam_role.spot_fleet[0].assume_role_policy).Statement[0].Principal.Service == "spotfleet.amazonaws.com" && jsondecode(aws_iam_role.spot_fleet[0].assume_role_policy).Statement[0].Condition.StringEquals["aws:SourceAccount"] == "123456789012"
    error_message = "A SPOT environment must get the module's Spot Fleet role, which trusts spotfleet.amazonaws.com from this account only."
  }

  assert {
    condition     = aws_iam_role_policy_attachment.spot_fleet[0].policy_arn == "arn:aws:iam::aws:policy/service-role/AmazonEC2SpotFleetTaggingRole"
    error_message = "The Spot Fleet role must hold the AWS managed Spot Fleet tagging policy and nothing broader."
  }

  assert {
    condition     = startswith(aws_batch_compute_environment.additional["spot"].name_prefix, "mf-test-batch-spot-") && aws_batch_job_queue.additional["spot"].name == "mf-test-batch-queue-spot"
    error_message = "Further environments and queues must be named after the module's names and their key."
  }

  assert {
    condition = (
      aws_batch_job_queue.additional["spot"].priority == 10 &&
      [for o in aws_batch_job_queue.additional["spot"].compute_environment_order : o.compute_environment] == [aws_batch_compute_environment.additional["spot"].arn, aws_batch_compute_environment.this.arn] &&
      [for o in aws_batch_job_queue.additional["spot"].compute_environment_order : o.order] == [1, 2]
    )
    error_message = "The spot queue must try Spot first, then the default environment, at its priority."
  }

  assert {
    condition     = aws_batch_compute_environment.additional["spot"].compute_resources[0].launch_template[0].launch_template_id == aws_launch_template.additional["spot"].id && aws_batch_compute_environment.additional["spot"].compute_resources[0].instance_role == aws_iam_instance_profile.ecs_instance[0].arn
    error_message = "A SPOT environment's instances must use its own launch template and the module's instance profile."
  }

  assert {
    condition     = anytrue([for m in aws_launch_template.additional["spot"].block_device_mappings : anytrue([for e in m.ebs : e.volume_size == 100 && e.encrypted == "true"])]) && aws_launch_template.additional["spot"].metadata_options[0].http_tokens == "required"
    error_message = "A further launch template must have the encrypted root volume and the IMDS settings of the default one."
  }

  assert {
    condition     = output.METAFLOW_BATCH_JOB_QUEUE == aws_batch_job_queue.this.arn && length(output.batch_job_queue_arns) == 2 && output.batch_job_queue_arns["default"] == aws_batch_job_queue.this.arn && output.batch_job_queue_arns["spot"] == aws_batch_job_queue.additional["spot"].arn
    error_message = "METAFLOW_BATCH_JOB_QUEUE must stay the default queue, and batch_job_queue_arns must hold both queues."
  }

  assert {
    condition     = length(output.batch_compute_environment_arns) == 2 && output.batch_compute_environment_arns["default"] == aws_batch_compute_environment.this.arn && output.batch_compute_environment_arns["spot"] == aws_batch_compute_environment.additional["spot"].arn
    error_message = "batch_compute_environment_arns must hold both environments."
  }

  assert {
    condition     = aws_batch_job_queue.this.priority == 1 && length(aws_batch_job_queue.this.compute_environment_order) == 1 && aws_batch_job_queue.this.compute_environment_order[0].compute_environment == aws_batch_compute_environment.this.arn
    error_message = "The default queue must stay as it was."
  }
}

run "gpu_environment_with_its_own_queue" {
  command = apply

  variables {
    compute_environments = {
      gpu = { type = "EC2", gpu = true, max_vcpus = 32, root_volume_size = 500, image_id = "ami-0123456789abcdef0", security_group_ids = ["sg-0123456789abcdef0"] }
    }
    batch_job_queues        = { gpu = { compute_environments = ["gpu"] } }
    default_batch_job_queue = "gpu"
  }

  assert {
    condition     = toset(aws_batch_compute_environment.additional["gpu"].compute_resources[0].instance_type) == toset(["g4dn.xlarge", "g4dn.2xlarge", "g5.xlarge", "g5.2xlarge"]) && aws_batch_compute_environment.additional["gpu"].compute_resources[0].allocation_strategy == "BEST_FIT_PROGRESSIVE"
    error_message = "A GPU environment must default to gpu_instance_types and an EC2 one to BEST_FIT_PROGRESSIVE."
  }

  assert {
    condition = (
      [for c in aws_batch_compute_environment.additional["gpu"].compute_resources[0].ec2_configuration : c.image_type] == ["ECS_AL2023", "ECS_AL2023_NVIDIA"] &&
      aws_batch_compute_environment.additional["gpu"].compute_resources[0].ec2_configuration[0].image_id_override == "ami-0123456789abcdef0" &&
      aws_batch_compute_environment.additional["gpu"].compute_resources[0].ec2_configuration[1].image_id_override != "ami-0123456789abcdef0"
    )
    error_message = "A GPU environment must boot GPU types from the ECS GPU-optimized AMI; image_id applies to CPU types only."
  }

  assert {
    condition     = anytrue([for m in aws_launch_template.additional["gpu"].block_device_mappings : anytrue([for e in m.ebs : e.volume_size == 500])])
    error_message = "root_volume_size must reach the environment's launch template."
  }

  assert {
    condition     = aws_batch_compute_environment.additional["gpu"].compute_resources[0].security_group_ids == toset([aws_security_group.this.id, "sg-0123456789abcdef0"])
    error_message = "security_group_ids must be attached next to the module's group."
  }

  assert {
    condition     = length(aws_iam_role.spot_fleet) == 0
    error_message = "Without a SPOT environment there must be no Spot Fleet role."
  }

  assert {
    condition     = output.METAFLOW_BATCH_JOB_QUEUE == aws_batch_job_queue.additional["gpu"].arn && output.batch_job_queue_name == "mf-test-batch-queue-gpu"
    error_message = "default_batch_job_queue must pick the queue Metaflow submits to."
  }
}

run "fargate_spot_next_to_fargate" {
  command = apply

  variables {
    batch_type           = "fargate"
    compute_environments = { spot = { type = "FARGATE_SPOT", max_vcpus = 16 } }
    batch_job_queues     = { default = { compute_environments = ["spot", "default"], priority = 5 } }
  }

  assert {
    condition = (
      aws_batch_compute_environment.additional["spot"].compute_resources[0].type == "FARGATE_SPOT" &&
      length(aws_batch_compute_environment.additional["spot"].compute_resources[0].launch_template) == 0
    )
    error_message = "A FARGATE_SPOT environment must have no launch template."
  }

  assert {
    condition     = length(aws_launch_template.additional) == 0 && length(aws_iam_role.ecs_instance) == 0 && length(aws_iam_role.spot_fleet) == 0 && length(aws_batch_job_queue.additional) == 0
    error_message = "Fargate Spot needs no instance role, Spot Fleet role, launch template or further queue."
  }

  assert {
    condition     = aws_batch_job_queue.this.priority == 5 && [for o in aws_batch_job_queue.this.compute_environment_order : o.compute_environment] == [aws_batch_compute_environment.additional["spot"].arn, aws_batch_compute_environment.this.arn]
    error_message = "An entry \"default\" in batch_job_queues must set the default queue's environments and priority."
  }
}

run "fargate_default_next_to_an_ec2_environment" {
  command = apply

  variables {
    batch_type           = "fargate"
    compute_environments = { cpu = { type = "EC2" } }
    batch_job_queues     = { cpu = { compute_environments = ["cpu"] } }
  }

  assert {
    condition     = length(aws_iam_instance_profile.ecs_instance) == 1 && aws_batch_compute_environment.additional["cpu"].compute_resources[0].instance_role == aws_iam_instance_profile.ecs_instance[0].arn
    error_message = "An EC2 environment next to a Fargate default needs the instance profile."
  }
}

run "rejects_gpu_on_fargate" {
  command = plan

  variables {
    compute_environments = { gpu = { type = "FARGATE", gpu = true } }
  }

  expect_failures = [var.compute_environments]
}

run "rejects_a_queue_over_an_unknown_environment" {
  command = plan

  variables {
    batch_job_queues = { spot = { compute_environments = ["spot"] } }
  }

  expect_failures = [var.batch_job_queues]
}

run "rejects_a_queue_mixing_ec2_and_fargate" {
  command = plan

  variables {
    compute_environments = { fspot = { type = "FARGATE_SPOT" } }
    batch_job_queues     = { mixed = { compute_environments = ["default", "fspot"] } }
  }

  expect_failures = [var.batch_job_queues]
}

run "rejects_an_unknown_default_queue" {
  command = plan

  variables {
    default_batch_job_queue = "spot"
  }

  expect_failures = [var.default_batch_job_queue]
}

# IAM guard rails: with an EC2 and a SPOT environment every role of the module
# exists (Batch service, ECS instance, ECS execution, Spot Fleet), and each
# one and the instance profile get the path and permissions boundary.
run "iam_path_and_boundary_reach_every_role_and_the_instance_profile" {
  command = plan

  variables {
    iam_path                 = "/metaflow/batch/"
    iam_permissions_boundary = "arn:aws:iam::123456789012:policy/boundaries/MetaflowBoundary"
    compute_environments = {
      spot = { type = "SPOT", max_vcpus = 16 }
    }
  }

  assert {
    condition     = length(concat([aws_iam_role.batch_service, aws_iam_role.ecs_execution], aws_iam_role.ecs_instance, aws_iam_role.spot_fleet)) == 4
    error_message = "This shape must create all four roles of the module, so the assertions below cover each."
  }

  assert {
    condition = alltrue([
      for r in concat([aws_iam_role.batch_service, aws_iam_role.ecs_execution], aws_iam_role.ecs_instance, aws_iam_role.spot_fleet) :
      r.path == "/metaflow/batch/" && r.permissions_boundary == "arn:aws:iam::123456789012:policy/boundaries/MetaflowBoundary"
    ])
    error_message = "Every role of the module must get iam_path and iam_permissions_boundary."
  }

  assert {
    condition     = aws_iam_instance_profile.ecs_instance[0].path == "/metaflow/batch/"
    error_message = "The ECS instance profile must get iam_path too."
  }
}

run "iam_defaults_keep_roles_and_profile_at_the_root_path" {
  command = plan

  variables {
    compute_environments = {
      spot = { type = "SPOT", max_vcpus = 16 }
    }
  }

  assert {
    condition = alltrue([
      for r in concat([aws_iam_role.batch_service, aws_iam_role.ecs_execution], aws_iam_role.ecs_instance, aws_iam_role.spot_fleet, aws_iam_instance_profile.ecs_instance) :
      r.path == "/"
    ])
    error_message = "By default every role and the instance profile must sit at AWS's \"/\", as on a stack from before the guard rails (a path change replaces them)."
  }

  # A null boundary is unknown in a mocked plan (the offline schema marks it
  # computed), so the default is held where the roles read it.
  assert {
    condition     = module.common.iam_permissions_boundary == null
    error_message = "By default the roles must get no permissions boundary."
  }
}
