package offline

// Cases for modules/computation's variables.tf.

func computationCases() moduleValidations {
	return moduleValidations{
		dir:  "modules/computation",
		base: map[string]any{"resource_prefix": "metaflow", "metaflow_vpc_id": vpcID, "subnet_ids": []any{subnetA}},
		cases: []validationCase{
			{name: "minimal"},
			{name: "gpu_on_ec2", vars: map[string]any{"enable_gpu": true, "gpu_instance_types": []any{"g5.xlarge", "p4d"}}},
			{name: "gpu_on_fargate", vars: map[string]any{"enable_gpu": true, "batch_type": "fargate"},
				errors: []wantError{{"enable_gpu", `enable_gpu needs batch_type "ec2": Batch on Fargate has no GPUs; got batch_type "fargate".`}}},
			{name: "gpu_type_unsupported_by_ami", vars: map[string]any{"gpu_instance_types": []any{"g5.xlarge", "p3.2xlarge"}},
				errors: []wantError{{"gpu_instance_types", `gpu_instance_types must hold NVIDIA GPU instance types or families of the g/p series from g4dn/p4 on, such as "g5.xlarge" or "p4d" (not g3, p3, g4ad or g5g); got ["g5.xlarge","p3.2xlarge"].`}}},
			{name: "desired_over_max", vars: map[string]any{"compute_environment_desired_vcpus": 100},
				errors: []wantError{{"compute_environment_desired_vcpus", "compute_environment_desired_vcpus must be a whole number from compute_environment_min_vcpus (0) to compute_environment_max_vcpus (64); got 100."}}},
			{name: "vcpus_all_equal", vars: map[string]any{"compute_environment_min_vcpus": 4, "compute_environment_desired_vcpus": 4, "compute_environment_max_vcpus": 4}},
			{name: "max_below_min", vars: map[string]any{"compute_environment_min_vcpus": 8, "compute_environment_desired_vcpus": 8, "compute_environment_max_vcpus": 4},
				errors: []wantError{{"compute_environment_max_vcpus", "compute_environment_max_vcpus must be a whole number of at least 1 and at least compute_environment_min_vcpus (8); got 4."}}},
			{name: "allocation_spot", vars: map[string]any{"compute_environment_allocation_strategy": "SPOT_CAPACITY_OPTIMIZED"},
				errors: []wantError{{"compute_environment_allocation_strategy", `compute_environment_allocation_strategy must be "BEST_FIT" or "BEST_FIT_PROGRESSIVE" (the SPOT_* strategies need a Spot compute environment, which this module does not create); got "SPOT_CAPACITY_OPTIMIZED".`}}},
			{name: "root_volume_30", vars: map[string]any{"compute_environment_root_volume_size": 30}},
			{name: "root_volume_29", vars: map[string]any{"compute_environment_root_volume_size": 29},
				errors: []wantError{{"compute_environment_root_volume_size", "compute_environment_root_volume_size must be a whole number of GiB from 30 (the ECS-optimized AMI's own size) to 16384; got 29."}}},
			{name: "ami_not_an_id", vars: map[string]any{"launch_template_image_id": "amazon-linux"},
				errors: []wantError{{"launch_template_image_id", `launch_template_image_id must be null or an AMI id of the form ami-0123456789abcdef0; got "amazon-linux".`}}},
			{name: "no_subnets", vars: map[string]any{"subnet_ids": []any{}},
				errors: []wantError{{"subnet_ids", "subnet_ids must hold at least one subnet id of the form subnet-0123456789abcdef0; got []."}}},
			{name: "no_egress", vars: map[string]any{"compute_environment_egress_cidr_blocks": []any{}},
				errors: []wantError{{"compute_environment_egress_cidr_blocks", `compute_environment_egress_cidr_blocks must hold at least one CIDR block such as "0.0.0.0/0" or "10.0.0.0/16" (without egress the instances cannot join the cluster); got [].`}}},
			{name: "hop_limit_65", vars: map[string]any{"launch_template_http_put_response_hop_limit": 65}, errors: []wantError{{"launch_template_http_put_response_hop_limit", "launch_template_http_put_response_hop_limit must be a whole number from 1 to 64; got 65."}}},
			{name: "vpc_not_an_id", vars: map[string]any{"metaflow_vpc_id": "default"},
				errors: []wantError{{"metaflow_vpc_id", `metaflow_vpc_id must be a VPC id of the form vpc-0123456789abcdef0; got "default".`}}},
			{name: "many_bad_values", vars: map[string]any{
				"iam_partition": "aws-iso", "launch_template_http_endpoint": "on", "launch_template_http_tokens": "v2",
				"compute_environment_additional_security_group_ids": []any{"default"},
				"compute_environment_instance_types":                []any{"C5.LARGE"}, "compute_environment_min_vcpus": -1,
			}, errors: []wantError{
				{"iam_partition", `iam_partition must be "aws", "aws-cn" or "aws-us-gov"; got "aws-iso".`},
				{"launch_template_http_endpoint", `launch_template_http_endpoint must be "enabled" or "disabled"; got "on".`},
				{"launch_template_http_tokens", `launch_template_http_tokens must be "optional" or "required"; got "v2".`},
				{"compute_environment_additional_security_group_ids", `compute_environment_additional_security_group_ids must hold security group ids of the form sg-0123456789abcdef0; got ["default"].`},
				{"compute_environment_instance_types", `compute_environment_instance_types must hold instance types such as "c5.large", families such as "c5", or "optimal"; got ["C5.LARGE"].`},
				{"compute_environment_min_vcpus", "compute_environment_min_vcpus must be a whole number of at least 0; got -1."},
			}},
			{name: "batch_type_spot", vars: map[string]any{"batch_type": "spot"},
				errors: []wantError{{"batch_type", `batch_type must be "ec2" or "fargate"; got "spot".`}}},
			{name: "instance_types_empty_for_ec2", vars: map[string]any{"compute_environment_instance_types": []any{}},
				errors: []wantError{{"compute_environment_instance_types", `compute_environment_instance_types must not be empty when batch_type is "ec2".`}}},
			{name: "gpu_without_types", vars: map[string]any{"enable_gpu": true, "gpu_instance_types": []any{}},
				errors: []wantError{{"gpu_instance_types", "gpu_instance_types must not be empty when enable_gpu is on."}}},
		},
	}
}
