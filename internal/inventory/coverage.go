package inventory

// TypeCoverage is how the inventory handles one Terraform resource type.
type TypeCoverage struct {
	Keys []string
	Note string
}

// Coverage maps every Terraform resource type the module tree can create
// (this repository's *.tf and modules/*, the examples, and the pinned
// terraform-aws-modules vpc 6.6.0 and eks 21.19.0 modules) to how the
// inventory handles it: Keys are the Resource.Key() values it shows up as
// (found and deleted, or left to AWS per leftToAWS); with no Keys, Note says
// why nothing is needed. A test fails when the HCL gains a resource type not
// listed here.
//
// Not findable by tag, released by AWS with their owner (the security group
// deleter waits for them): network interfaces of Lambda in a VPC, ECS awsvpc
// tasks, load balancers, the API Gateway VPC link and the EKS control plane.
// Batch-launched EC2 instances carry the run tag through the compute
// environment's tags and are terminated by the Batch deletion (or the
// ec2:instance step); EKS node instances belong to the node group's Auto
// Scaling group, which EKS deletes with the node group; the ECS cluster
// Batch creates (AWSBatch-...) goes with the compute environment. The
// account-wide /aws/batch/job log group is shared by every Batch job and is
// never deleted.
func Coverage() map[string]TypeCoverage {
	return map[string]TypeCoverage{
		// API Gateway
		"aws_api_gateway_account":         {Note: "region-wide setting (CloudWatch role ARN), shared by every API; not deleted"},
		"aws_api_gateway_api_key":         {Keys: []string{"apigateway:apikeys"}},
		"aws_api_gateway_deployment":      {Note: "part of the REST API, deleted with it"},
		"aws_api_gateway_integration":     {Note: "part of the REST API, deleted with it"},
		"aws_api_gateway_method":          {Note: "part of the REST API, deleted with it"},
		"aws_api_gateway_resource":        {Note: "part of the REST API, deleted with it"},
		"aws_api_gateway_rest_api":        {Keys: []string{"apigateway:restapis"}},
		"aws_api_gateway_rest_api_policy": {Note: "part of the REST API, deleted with it"},
		"aws_api_gateway_stage":           {Keys: []string{"apigateway:restapis/stages"}},
		"aws_api_gateway_usage_plan":      {Keys: []string{"apigateway:usageplans"}},
		"aws_api_gateway_usage_plan_key":  {Note: "link between key and plan, deleted with either"},
		"aws_api_gateway_vpc_link":        {Keys: []string{"apigateway:vpclinks"}},
		// Batch
		"aws_batch_compute_environment": {Keys: []string{"batch:compute-environment"}},
		"aws_batch_job_queue":           {Keys: []string{"batch:job-queue"}},
		// Logs
		"aws_cloudwatch_log_group": {Keys: []string{"logs:log-group"}},
		// RDS
		"aws_db_instance":          {Keys: []string{"rds:db"}},
		"aws_db_subnet_group":      {Keys: []string{"rds:subgrp"}},
		"aws_rds_cluster":          {Keys: []string{"rds:cluster"}},
		"aws_rds_cluster_instance": {Keys: []string{"rds:db"}},
		// final snapshots (db_skip_final_snapshot = false) are found by their
		// copied tags: rds:snapshot, rds:cluster-snapshot.
		// DynamoDB, ECR
		"aws_dynamodb_table": {Keys: []string{"dynamodb:table"}},
		"aws_ecr_repository": {Keys: []string{"ecr:repository"}},
		// ECS
		"aws_ecs_cluster":         {Keys: []string{"ecs:cluster"}},
		"aws_ecs_service":         {Keys: []string{"ecs:service"}},
		"aws_ecs_task_definition": {Keys: []string{"ecs:task-definition"}},
		// IAM
		"aws_iam_instance_profile":          {Keys: []string{"iam:instance-profile"}},
		"aws_iam_role":                      {Keys: []string{"iam:role"}},
		"aws_iam_role_policy":               {Note: "inline policy, deleted by the role deleter"},
		"aws_iam_role_policy_attachment":    {Note: "detached by the role and policy deleters"},
		"aws_iam_policy":                    {Keys: []string{"iam:policy"}},
		"aws_iam_openid_connect_provider":   {Keys: []string{"iam:oidc-provider"}},
		"aws_eks_access_policy_association": {Note: "part of the access entry, deleted with the EKS cluster"},
		// KMS
		"aws_kms_key":   {Keys: []string{"kms:key"}},
		"aws_kms_alias": {Note: "not taggable; the key deleter deletes the key's aliases"},
		// Lambda
		"aws_lambda_function": {Keys: []string{"lambda:function"}},
		// Load balancing
		"aws_lb":               {Keys: []string{"elasticloadbalancing:loadbalancer"}},
		"aws_lb_listener":      {Keys: []string{"elasticloadbalancing:listener"}},
		"aws_lb_listener_rule": {Keys: []string{"elasticloadbalancing:listener-rule"}},
		"aws_lb_target_group":  {Keys: []string{"elasticloadbalancing:targetgroup"}},
		// Route 53
		"aws_route53_record": {Note: "only with ui_route53_zone_id, in the caller's own hosted zone, which no deploy example sets; records carry no tags, so a leaked one would be found by its name (ui_hostname) in that zone"},
		// S3
		"aws_s3_bucket":                                      {Keys: []string{"s3:bucket"}},
		"aws_s3_bucket_ownership_controls":                   {Note: "bucket setting, gone with the bucket"},
		"aws_s3_bucket_policy":                               {Note: "bucket setting, gone with the bucket"},
		"aws_s3_bucket_public_access_block":                  {Note: "bucket setting, gone with the bucket"},
		"aws_s3_bucket_server_side_encryption_configuration": {Note: "bucket setting, gone with the bucket"},
		// Secrets Manager
		"aws_secretsmanager_secret":         {Keys: []string{"secretsmanager:secret"}},
		"aws_secretsmanager_secret_version": {Note: "part of the secret"},
		// EC2 and VPC (this module, and the vpc module)
		"aws_security_group":                  {Keys: []string{"ec2:security-group"}},
		"aws_vpc_security_group_egress_rule":  {Keys: []string{"ec2:security-group-rule"}},
		"aws_vpc_security_group_ingress_rule": {Keys: []string{"ec2:security-group-rule"}},
		"aws_security_group_rule":             {Note: "untaggable rule, revoked/deleted with its security group"},
		"aws_launch_template":                 {Keys: []string{"ec2:launch-template"}},
		"aws_vpc":                             {Keys: []string{"ec2:vpc"}},
		"aws_subnet":                          {Keys: []string{"ec2:subnet"}},
		"aws_route_table":                     {Keys: []string{"ec2:route-table"}},
		"aws_route":                           {Note: "entry of a route table, deleted with it"},
		"aws_route_table_association":         {Note: "removed by the route table deleter"},
		"aws_internet_gateway":                {Keys: []string{"ec2:internet-gateway"}},
		"aws_nat_gateway":                     {Keys: []string{"ec2:natgateway"}},
		"aws_vpc_endpoint":                    {Keys: []string{"ec2:vpc-endpoint"}},
		"aws_eip":                             {Keys: []string{"ec2:elastic-ip"}},
		"aws_default_security_group":          {Keys: []string{"ec2:security-group"}},
		"aws_default_network_acl":             {Keys: []string{"ec2:network-acl"}},
		"aws_default_route_table":             {Keys: []string{"ec2:route-table"}},
		// EKS (the eks module)
		"aws_eks_cluster":      {Keys: []string{"eks:cluster"}},
		"aws_eks_node_group":   {Keys: []string{"eks:nodegroup"}},
		"aws_eks_addon":        {Keys: []string{"eks:addon"}},
		"aws_eks_access_entry": {Keys: []string{"eks:access-entry"}},
		// Not AWS resources
		"helm_release":                  {Note: "inside the EKS cluster, gone with it"},
		"kubernetes_namespace_v1":       {Note: "inside the EKS cluster, gone with it"},
		"kubernetes_secret_v1":          {Note: "inside the EKS cluster, gone with it"},
		"kubernetes_service_account_v1": {Note: "inside the EKS cluster, gone with it"},
		"kubernetes_role_v1":            {Note: "inside the EKS cluster, gone with it"},
		"kubernetes_role_binding_v1":    {Note: "inside the EKS cluster, gone with it"},
		// A LoadBalancer service's NLB is made by EKS's cloud provider, which
		// puts the module's tags on it (aws-load-balancer-additional-resource-tags).
		"kubernetes_service_v1": {Keys: []string{"elasticloadbalancing:loadbalancer"}},
		"random_password":       {Note: "Terraform state only"},
		"random_pet":            {Note: "Terraform state only"},
		"random_string":         {Note: "Terraform state only"},
		"local_file":            {Note: "a file on the machine running Terraform"},
		"local_sensitive_file":  {Note: "a file on the machine running Terraform"},
		"time_sleep":            {Note: "Terraform state only"},
		"null_resource":         {Note: "Terraform state only"},
		"terraform_data":        {Note: "Terraform state only"},
	}
}
