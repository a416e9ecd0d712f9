package offline

// Cases for modules/services's variables.tf.

func servicesCases() moduleValidations {
	return moduleValidations{
		dir:  "modules/services",
		base: map[string]any{"resource_prefix": "metaflow", "kubernetes_namespace": "metaflow-service"},
		cases: []validationCase{
			{name: "minimal"},
			{name: "services_complete", vars: map[string]any{"deploy_metaflow_services": true, "database_host": "metaflow-db.example.internal", "database_password_secret_arn": secretARN, "datastore_sysroot_s3": "s3://my-metaflow-bucket/metaflow"}},
			{name: "services_missing_database_and_datastore", vars: map[string]any{"deploy_metaflow_services": true},
				errors: []wantError{
					{"database_host", "database_host must be set when deploy_metaflow_services is true."},
					{"database_password_secret_arn", `database_password_secret_arn must be a Secrets Manager secret ARN when deploy_metaflow_services is true; got "".`},
					{"datastore_sysroot_s3", `datastore_sysroot_s3 must be an S3 URL such as s3://my-bucket/metaflow when deploy_metaflow_services is true; got "".`},
				}},
			{name: "autoscaler_complete", vars: map[string]any{"deploy_cluster_autoscaler": true, "cluster_name": "metaflow-eks", "region": "us-gov-west-1",
				"cluster_oidc_provider_arn": "arn:aws:iam::" + docAccount + ":oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE"}},
			{name: "autoscaler_missing_cluster", vars: map[string]any{"deploy_cluster_autoscaler": true},
				errors: []wantError{
					{"cluster_name", `cluster_name must be the name of the EKS cluster (1-100 letters, digits, hyphens or underscores) when deploy_cluster_autoscaler is true; got "".`},
					{"cluster_oidc_provider_arn", `cluster_oidc_provider_arn must be an IAM OIDC provider ARN (arn:PARTITION:iam::ACCOUNT:oidc-provider/HOST/PATH) when deploy_cluster_autoscaler is true; got "".`},
					{"region", `region must be an AWS region such as us-east-1 when deploy_cluster_autoscaler is true; got "".`},
				}},
			{name: "helm_values_per_chart", vars: map[string]any{"metaflow_helm_values": map[string]any{"metaflow-ui": map[string]any{"replicaCount": 2}}}},
			{name: "helm_values_not_keyed_by_chart", vars: map[string]any{"metaflow_helm_values": map[string]any{"replicaCount": 2}},
				errors: []wantError{{"metaflow_helm_values", `metaflow_helm_values must be an object whose keys are "metaflow-service" and/or "metaflow-ui" (one values object per chart); got keys ["replicaCount"].`}}},
			{name: "namespace_not_dns_label", vars: map[string]any{"kubernetes_namespace": "Metaflow_Services"},
				errors: []wantError{{"kubernetes_namespace", `kubernetes_namespace must be a DNS label: 1-63 lowercase letters, digits or hyphens, starting and ending with a letter or digit; got "Metaflow_Services".`}}},
			{name: "exposed_with_source_ranges_and_plain_tags", vars: map[string]any{"expose_services": true, "load_balancer_source_cidr_blocks": []string{"10.0.0.0/16"}, "tags": map[string]any{"team": "ml", "cost-center": "42"}}},
			{name: "exposed_without_source_ranges", vars: map[string]any{"expose_services": true},
				errors: []wantError{{"load_balancer_source_cidr_blocks", "load_balancer_source_cidr_blocks must hold at least one CIDR block (such as the VPC's) when expose_services is true."}}},
			{name: "exposed_with_tags_the_annotation_cannot_carry", vars: map[string]any{"expose_services": true, "load_balancer_source_cidr_blocks": []string{"10.0.0.0/16"}, "tags": map[string]any{"owners": "a,b", "ok": "fine"}},
				errors: []wantError{{"tags", `With expose_services, tags keys and values must not contain "," or "=" (the load balancers' tag annotation separates pairs with them); got ["owners"].`}}},
			{name: "tags_with_separators_when_not_exposed", vars: map[string]any{"tags": map[string]any{"owners": "a,b", "formula": "x=y"}}},
			{name: "argo_events_with_workflows", vars: map[string]any{"deploy_argo_workflows": true, "deploy_argo_events": true}},
			{name: "argo_events_without_workflows", vars: map[string]any{"deploy_argo_events": true},
				errors: []wantError{{"deploy_argo_events", "deploy_argo_events needs Argo Workflows, whose workflows the sensors start: set deploy_argo_workflows = true."}}},
			{name: "many_bad_values", vars: map[string]any{"iam_partition": "aws-iso", "database_port": 0},
				errors: []wantError{partitionError("aws-iso"),
					{"database_port", "database_port must be a whole number from 1 to 65535; got 0."}}},
		},
	}
}
