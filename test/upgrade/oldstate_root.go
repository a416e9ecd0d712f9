package upgrade

// The old root module's own resources, and (refresh) its services module,
// which it called even without a cluster.

var rootResources = map[string]template{
	"/random_string.alphanumeric": func(w *world) map[string]any {
		return map[string]any{
			"id": w.s.Random, "result": w.s.Random, "length": 5, "special": false, "upper": false,
			"lower": true, "numeric": true, "number": true, "min_lower": 0, "min_upper": 0, "min_numeric": 0, "min_special": 0,
			"keepers": nil, "override_special": nil,
		}
	},
	"/aws_ecr_repository.metaflow_batch_image": func(w *world) map[string]any {
		name := w.n("batch")
		return map[string]any{
			"id": name, "name": name, "arn": arn("ecr", "repository/"+name), "registry_id": Account, "repository_url": w.ecrURL(),
			"image_tag_mutability": "MUTABLE", "force_delete": nil,
			"encryption_configuration":     []any{map[string]any{"encryption_type": "AES256", "kms_key": ""}},
			"image_scanning_configuration": []any{map[string]any{"scan_on_push": false}},
			"tags":                         w.tags(), "tags_all": w.tags(),
		}
	},
	"/aws_iam_role.batch_s3_task_role": func(w *world) map[string]any {
		return w.role(w.n("batch_s3_task_role"), "Role for AWS Batch to Access Amazon S3 [METAFLOW_ECS_S3_ACCESS_IAM_ROLE]", "ecs-tasks.amazonaws.com")
	},
	"/aws_iam_role_policy.grant_custom_s3_list_batch": func(w *world) map[string]any {
		return inlinePolicy(w.n("batch_s3_task_role"), "s3_list", allow([]string{"s3:ListBucket"}, "arn:aws:s3:::"+w.bucket()))
	},
	"/aws_iam_role_policy.grant_custom_s3_batch": func(w *world) map[string]any {
		return inlinePolicy(w.n("batch_s3_task_role"), "custom_s3", allow([]string{"s3:PutObject", "s3:GetObject", "s3:DeleteObject"}, "arn:aws:s3:::"+w.bucket()+"/*"))
	},
	"/aws_iam_role_policy.grant_s3_kms": func(w *world) map[string]any {
		_, key := w.kmsKey("s3")
		return inlinePolicy(w.n("batch_s3_task_role"), "s3_kms", allow([]string{"kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"}, key))
	},
	"/aws_iam_role_policy.grant_deny_presigned_batch": func(w *world) map[string]any {
		return inlinePolicy(w.n("batch_s3_task_role"), "deny_presigned", map[string]any{
			"Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": map[string]any{"StringNotEquals": map[string]any{"s3:authType": "REST-HEADER"}},
		})
	},
	"/aws_iam_role_policy.grant_allow_sagemaker": func(w *world) map[string]any {
		return inlinePolicy(w.n("batch_s3_task_role"), "sagemaker", allow([]string{"sagemaker:CreateTrainingJob", "sagemaker:DescribeTrainingJob"}, arn("sagemaker", "training-job/*")))
	},
	"/aws_iam_role_policy.grant_iam_pass_role": func(w *world) map[string]any {
		return inlinePolicy(w.n("batch_s3_task_role"), "iam_pass_role", allow([]string{"iam:PassRole"}, "*"))
	},
	"/aws_iam_role_policy.grant_cloudwatch": func(w *world) map[string]any {
		return inlinePolicy(w.n("batch_s3_task_role"), "cloudwatch", allow([]string{"logs:CreateLogStream", "logs:PutLogEvents"}, "*"))
	},
	"/aws_iam_role_policy.grant_dynamodb": func(w *world) map[string]any {
		return inlinePolicy(w.n("batch_s3_task_role"), "dynamodb", allow([]string{"dynamodb:PutItem", "dynamodb:GetItem", "dynamodb:UpdateItem"}, arn("dynamodb", "table/"+w.n("step_functions_state"))))
	},
}

// The refresh branch's services module made its autoscaler role whether or
// not there was a cluster: "-cluster-autoscaler" without one.
var servicesResources = map[string]template{
	"aws_iam_role.cluster_autoscaler": func(w *world) map[string]any {
		return w.role("-cluster-autoscaler", "", "eks.amazonaws.com")
	},
	"aws_iam_role_policy.cluster_autoscaler": func(w *world) map[string]any {
		return inlinePolicy("-cluster-autoscaler", "terraform-20240101000000000000000001", allow([]string{"autoscaling:DescribeAutoScalingGroups"}, "*"))
	},
	"aws_iam_role_policy_attachment.cluster_autoscaler":            attachment("-cluster-autoscaler", "arn:aws:iam::aws:policy/AutoScalingFullAccess"),
	"aws_iam_role_policy_attachment.cluster_autoscaler_ec2":        attachment("-cluster-autoscaler", "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly"),
	"aws_iam_role_policy_attachment.cluster_autoscaler_eks":        attachment("-cluster-autoscaler", "arn:aws:iam::aws:policy/AmazonEKSClusterPolicy"),
	"aws_iam_role_policy_attachment.cluster_autoscaler_eks_worker": attachment("-cluster-autoscaler", "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy"),
}

func attachment(role, policy string) template {
	return func(*world) map[string]any {
		return map[string]any{"id": role + "-" + fakeToken(policy, 26), "role": role, "policy_arn": policy}
	}
}
