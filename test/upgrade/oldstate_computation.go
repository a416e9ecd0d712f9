package upgrade

func (w *world) instanceTypes() []any {
	if w.v012 {
		return []any{"c4.large", "c4.xlarge", "c4.2xlarge", "c4.4xlarge", "c4.8xlarge"}
	}
	return []any{"c5.large", "c5.xlarge", "c5.2xlarge", "c5.4xlarge", "c5.9xlarge"}
}

func (w *world) launchTemplateID() string { return fakeID("lt-", w.n("batch-launch-tmpl-cpu-100gb")) }

func (w *world) instanceProfileARN() string { return iamARN("instance-profile/" + w.n("ecs-iam-role")) }

// ceName is the compute environment's name: its prefix and the 26
// characters AWS's unique-id suffix adds.
func (w *world) ceName() string { return w.n("cpu") + "20230504102030405000000001" }

var computationResources = map[string]template{
	"aws_batch_compute_environment.this": func(w *world) map[string]any {
		name := w.ceName()
		return map[string]any{
			"id": arn("batch", "compute-environment/"+name), "arn": arn("batch", "compute-environment/"+name),
			"compute_environment_name": name, "compute_environment_name_prefix": w.n("cpu"),
			"ecs_cluster_arn": arn("ecs", "cluster/"+name+"_Batch_"+fakeUUID("ce:"+name)),
			"service_role":    w.roleARN(w.n("batch-execution-role")), "type": "MANAGED", "state": "ENABLED",
			"status": "VALID", "status_reason": "ComputeEnvironment Healthy",
			"tags": map[string]any{}, "tags_all": map[string]any{},
			"compute_resources": []any{map[string]any{
				"type": "EC2", "allocation_strategy": "BEST_FIT", "instance_type": w.instanceTypes(),
				"instance_role": w.instanceProfileARN(), "max_vcpus": 64, "min_vcpus": 8, "desired_vcpus": 8,
				"security_group_ids": []any{w.sgID(w.n("batch-compute-environment-security-group"))},
				"subnets":            w.subnetIDs(), "tags": w.tags(), "bid_percentage": 0, "ec2_key_pair": "", "image_id": "",
				"placement_group": "", "spot_iam_fleet_role": "",
				"ec2_configuration": []any{map[string]any{"image_type": "ECS_AL2", "image_id_override": "", "image_kubernetes_version": ""}},
				"launch_template":   []any{map[string]any{"launch_template_id": w.launchTemplateID(), "launch_template_name": "", "version": "1"}},
			}},
			"update_policy": []any{}, "eks_configuration": []any{},
		}
	},
	"aws_batch_job_queue.this": func(w *world) map[string]any {
		return map[string]any{
			"id": w.queueARN(), "arn": w.queueARN(), "name": w.s.stackName(), "state": "ENABLED", "priority": 1,
			"scheduling_policy_arn": nil, "compute_environments": nil,
			"compute_environment_order": []any{map[string]any{"order": 1, "compute_environment": arn("batch", "compute-environment/"+w.ceName())}},
			"tags":                      w.tags(), "tags_all": w.tags(),
		}
	},
	"aws_launch_template.cpu": func(w *world) map[string]any {
		name := w.n("batch-launch-tmpl-cpu-100gb")
		return map[string]any{
			"id": w.launchTemplateID(), "arn": arn("ec2", "launch-template/"+w.launchTemplateID()), "name": name, "name_prefix": "",
			"default_version": 1, "latest_version": 1, "update_default_version": nil, "description": "",
			"image_id": "", "instance_type": "", "key_name": "", "user_data": "", "ebs_optimized": "",
			"security_group_names": []any{}, "vpc_security_group_ids": []any{},
			"disable_api_stop": false, "disable_api_termination": false, "instance_initiated_shutdown_behavior": "", "kernel_id": "", "ram_disk_id": "",
			"iam_instance_profile": []any{map[string]any{"arn": w.instanceProfileARN(), "name": ""}},
			"block_device_mappings": []any{map[string]any{
				"device_name": "/dev/xvda", "no_device": "", "virtual_name": "",
				"ebs": []any{map[string]any{"volume_size": 100, "delete_on_termination": "true", "encrypted": "true", "iops": 0, "throughput": 0, "kms_key_id": "", "snapshot_id": "", "volume_type": "", "volume_initialization_rate": 0}},
			}},
			"metadata_options": []any{map[string]any{"http_endpoint": "enabled", "http_tokens": "optional", "http_put_response_hop_limit": 2, "http_protocol_ipv6": "", "instance_metadata_tags": ""}},
			"tags":             w.tags(), "tags_all": w.tags(),
		}
	},
	"aws_iam_instance_profile.ecs_instance_role": func(w *world) map[string]any {
		name := w.n("ecs-iam-role")
		return map[string]any{"id": name, "name": name, "name_prefix": "", "arn": w.instanceProfileARN(), "path": "/", "role": name,
			"unique_id": "AIPA" + fakeToken("ip:"+name, 17), "create_date": "2023-05-04T10:20:30Z", "tags": map[string]any{}, "tags_all": map[string]any{}}
	},
	"aws_security_group.this": func(w *world) map[string]any {
		return w.securityGroup(w.n("batch-compute-environment-security-group"), "Managed by Terraform",
			[]any{sgRule(0, 0, "-1", nil, nil, true, "internal traffic")},
			[]any{sgRule(0, 0, "-1", []any{"0.0.0.0/0"}, nil, false, "")}, map[string]any{})
	},
	"aws_iam_role.batch_execution_role": func(w *world) map[string]any {
		return w.role(w.n("batch-execution-role"), "This role is passed to AWS Batch as a `service_role`. This allows AWS Batch to make calls to other AWS services on our behalf.", "batch.amazonaws.com")
	},
	"aws_iam_role_policy.grant_iam_pass_role": func(w *world) map[string]any {
		return inlinePolicy(w.n("batch-execution-role"), "iam_pass_role", allow([]string{"iam:PassRole"}, "*"))
	},
	"aws_iam_role_policy.grant_custom_access_policy": func(w *world) map[string]any {
		return inlinePolicy(w.n("batch-execution-role"), "custom_access", allow([]string{"ec2:DescribeInstances", "ec2:RunInstances", "ecs:CreateCluster"}, "*"))
	},
	"aws_iam_role_policy.grant_iam_custom_policies": func(w *world) map[string]any {
		return inlinePolicy(w.n("batch-execution-role"), "iam_custom", allow([]string{"iam:CreateServiceLinkedRole"}, "*"))
	},
	"aws_iam_role_policy.grant_ec2_custom_policies": func(w *world) map[string]any {
		return inlinePolicy(w.n("batch-execution-role"), "ec2_custom", allow([]string{"ec2:CreateTags"}, "*"))
	},
	"aws_iam_role.ecs_execution_role": func(w *world) map[string]any {
		return w.role(w.n("ecs-execution-role"), "This role is passed to our AWS ECS' task definition as the `execution_role`. This allows things like the correct image to be pulled and logs to be stored.",
			"ec2.amazonaws.com", "ecs.amazonaws.com", "ecs-tasks.amazonaws.com", "batch.amazonaws.com")
	},
	"aws_iam_role_policy.grant_ecs_access": func(w *world) map[string]any {
		return inlinePolicy(w.n("ecs-execution-role"), "ecs_access", allow([]string{"ecr:GetAuthorizationToken", "ecr:BatchGetImage", "logs:CreateLogStream", "logs:PutLogEvents"}, "*"))
	},
	"aws_iam_role.ecs_instance_role": func(w *world) map[string]any {
		r := w.role(w.n("ecs-iam-role"), "This role is passed to AWS Batch as a `instance_role`. This allows our Metaflow Batch jobs to execute with proper permissions.", "ec2.amazonaws.com")
		r["tags"], r["tags_all"] = map[string]any{}, map[string]any{}
		return r
	},
	"aws_iam_role_policy_attachment.ecs_instance_role": func(w *world) map[string]any {
		return attachment(w.n("ecs-iam-role"), "arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role")(w)
	},
}
