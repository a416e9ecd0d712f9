package upgrade

func (w *world) albARN() string {
	return arn("elasticloadbalancing", "loadbalancer/app/"+w.n("alb")+"/"+fakeToken("alb-arn:"+w.n("alb"), 16))
}

// truncate32 is the UI target groups' names: the old line cut them to 32.
func truncate32(s string) string {
	if len(s) > 32 {
		return s[:32]
	}
	return s
}

func (w *world) uiTaskDefinition(role, image, cpu, memory string, port int, env []any, command []any, ephemeral bool) map[string]any {
	def := map[string]any{
		"name": w.n(role), "image": image, "essential": true, "cpu": atoi(cpu), "memory": atoi(memory),
		"portMappings": []any{map[string]any{"containerPort": port, "hostPort": port, "protocol": "tcp"}},
		"environment":  env, "mountPoints": []any{}, "volumesFrom": []any{}, "systemControls": []any{},
		"logConfiguration": map[string]any{"logDriver": "awslogs", "options": map[string]any{"awslogs-group": w.n("ui"), "awslogs-region": Region, "awslogs-stream-prefix": role}},
	}
	if command != nil {
		def["command"] = command
	}
	extra := map[string]any{}
	if ephemeral {
		extra["ephemeral_storage"] = []any{map[string]any{"size_in_gib": 100}}
	}
	return w.taskDefinition(w.n(role), containerDefinitions(def), cpu, memory, w.n("ui-ecs-task"), extra)
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}

func (w *world) uiBackendTaskDefinition() map[string]any {
	sysroot := "s3://" + w.bucket() + "/metaflow"
	env := envList("LOGLEVEL", "DEBUG", "METAFLOW_DATASTORE_SYSROOT_S3", sysroot, "METAFLOW_DEFAULT_DATASTORE", "s3", "METAFLOW_DEFAULT_METADATA", "service",
		"METAFLOW_SERVICE_URL", "http://localhost:8083/api/metadata", "MF_DATASTORE_ROOT", sysroot, "MF_METADATA_DB_HOST", w.dbEndpointHost(),
		"MF_METADATA_DB_NAME", "metaflow", "MF_METADATA_DB_PORT", "5432", "MF_METADATA_DB_PSWD", w.password(), "MF_METADATA_DB_USER", "metaflow", "PATH_PREFIX", "/api/")
	return w.uiTaskDefinition("ui_backend", w.metadataImage(), "2048", "16384", 8083, env,
		[]any{"/opt/latest/bin/python3", "-m", "services.ui_backend_service.ui_server"}, true)
}

func (w *world) uiStaticTaskDefinition() map[string]any {
	image := "public.ecr.aws/outerbounds/metaflow_ui:v1.1.2"
	if !w.v012 {
		image = "" // the refresh root passed the raw input, "" by default
	}
	return w.uiTaskDefinition("ui_static", image, "512", "1024", 3000, []any{}, nil, false)
}

var uiResources = map[string]template{
	"aws_cloudwatch_log_group.this": func(w *world) map[string]any { return logGroup(w.n("ui"), w.tags()) },
	"aws_security_group.fargate_security_group": func(w *world) map[string]any {
		return w.securityGroup(w.n("ui-backend-sg"), "Security Group for Fargate which runs the UI Backend.",
			[]any{
				sgRule(0, 0, "-1", nil, []any{w.sgID(w.n("alb-sg"))}, false, ""),
				sgRule(0, 0, "-1", nil, nil, true, "Internal communication"),
			},
			[]any{sgRule(0, 0, "-1", []any{"0.0.0.0/0"}, nil, false, "Allow all external communication")},
			w.tags("Metaflow", "true"))
	},
	"aws_security_group.ui_lb_security_group": func(w *world) map[string]any {
		return w.securityGroup(w.n("alb-sg"), "Security Group for ALB",
			[]any{
				sgRule(443, 443, "tcp", []any{"203.0.113.0/24"}, nil, false, "Allow public HTTPS"),
				sgRule(0, 0, "-1", nil, nil, true, "Internal communication"),
			},
			[]any{sgRule(0, 0, "-1", []any{"0.0.0.0/0"}, nil, false, "Allow all external communication")},
			w.tags("Metaflow", "true"))
	},
	"aws_lb.this": func(w *world) map[string]any {
		lb := w.albARN()
		// v0.12: internet-facing unless ui_alb_internal; refresh: internal
		// unless metaflow_ui_is_public (both at their defaults here).
		return map[string]any{
			"id": lb, "arn": lb, "arn_suffix": "app/" + w.n("alb") + "/x", "name": w.n("alb"), "name_prefix": "", "internal": !w.v012,
			"load_balancer_type": "application", "subnets": w.subnetIDs(), "security_groups": []any{w.sgID(w.n("alb-sg"))},
			"dns_name": w.albDNS(), "zone_id": "Z32O12XQLNTSW2", "vpc_id": VPCID, "ip_address_type": "ipv4",
			"enable_cross_zone_load_balancing": true, "enable_deletion_protection": false, "idle_timeout": 60, "enable_http2": true,
			"drop_invalid_header_fields": false, "desync_mitigation_mode": "defensive", "enable_waf_fail_open": false,
			"enable_xff_client_port": false, "preserve_host_header": false, "xff_header_processing_mode": "append", "client_keep_alive": 3600,
			"enable_tls_version_and_cipher_suite_headers": false, "dns_record_client_routing_policy": nil,
			"enforce_security_group_inbound_rules_on_private_link_traffic": "", "enable_zonal_shift": false, "customer_owned_ipv4_pool": "",
			"subnet_mapping": []any{
				map[string]any{"subnet_id": SubnetIDs[0], "allocation_id": "", "ipv6_address": "", "outpost_id": "", "private_ipv4_address": ""},
				map[string]any{"subnet_id": SubnetIDs[1], "allocation_id": "", "ipv6_address": "", "outpost_id": "", "private_ipv4_address": ""},
			},
			"access_logs": []any{map[string]any{"bucket": "", "enabled": false, "prefix": ""}},
			"tags":        w.tags(), "tags_all": w.tags(),
		}
	},
	"aws_lb_target_group.ui_backend": func(w *world) map[string]any {
		tg := w.targetGroup("tg-ui-backend", truncate32(w.n("ui-backend")), 8083, "HTTP", healthCheck("HTTP", "8083", "/api/ping", 2, 2))
		tg["protocol_version"] = "HTTP1"
		return tg
	},
	"aws_lb_target_group.ui_static": func(w *world) map[string]any {
		tg := w.targetGroup("tg-ui-static", truncate32(w.n("ui-static")), 3000, "HTTP", healthCheck("HTTP", "traffic-port", "/", 5, 2))
		tg["protocol_version"] = "HTTP1"
		return tg
	},
	"aws_lb_listener.this": func(w *world) map[string]any {
		l := w.listener("ui", w.albARN(), 443, "HTTPS", w.tgARN("tg-ui-static", truncate32(w.n("ui-static"))), CertificateARN)
		l["ssl_policy"] = "ELBSecurityPolicy-2016-08"
		return l
	},
	"aws_lb_listener_rule.ui_backend": func(w *world) map[string]any {
		listener := w.albARN() + "/" + fakeToken("listener:ui", 16)
		id := listener + "/" + fakeToken("rule:ui", 16)
		return map[string]any{"id": id, "arn": id, "listener_arn": listener, "priority": 1,
			"action":    []any{map[string]any{"type": "forward", "target_group_arn": w.tgARN("tg-ui-backend", truncate32(w.n("ui-backend"))), "order": 1}},
			"condition": []any{map[string]any{"path_pattern": []any{map[string]any{"values": []any{"/api/*"}}}}},
			"tags":      map[string]any{}, "tags_all": map[string]any{}}
	},
	// The UI's cluster had the metadata service's cluster's name: one ECS
	// cluster, known to both modules.
	"aws_ecs_cluster.this": func(w *world) map[string]any {
		name := w.s.stackName()
		tags := w.tags("Name", name, "Metaflow", "true")
		return map[string]any{"id": w.ecsClusterARN(), "arn": w.ecsClusterARN(), "name": name,
			"setting": []any{map[string]any{"name": "containerInsights", "value": "disabled"}}, "configuration": []any{}, "service_connect_defaults": []any{},
			"tags": tags, "tags_all": tags}
	},
	"aws_ecs_task_definition.ui_backend": func(w *world) map[string]any { return w.uiBackendTaskDefinition() },
	"aws_ecs_service.ui_backend": func(w *world) map[string]any {
		return w.ecsService(w.n("ui_backend"), w.uiBackendTaskDefinition(),
			[]any{w.sgID(w.n("ui-backend-sg")), w.sgID(w.n("metadata-service-security-group"))}, true,
			[]any{lbAttachment(w.tgARN("tg-ui-backend", truncate32(w.n("ui-backend"))), w.n("ui_backend"), 8083)})
	},
	"aws_ecs_task_definition.ui_static": func(w *world) map[string]any { return w.uiStaticTaskDefinition() },
	"aws_ecs_service.ui_static": func(w *world) map[string]any {
		return w.ecsService(w.n("ui_static"), w.uiStaticTaskDefinition(), []any{w.sgID(w.n("ui-backend-sg"))}, true,
			[]any{lbAttachment(w.tgARN("tg-ui-static", truncate32(w.n("ui-static"))), w.n("ui_static"), 3000)})
	},
	"aws_iam_role.metadata_ui_ecs_task_role": func(w *world) map[string]any {
		return w.role(w.n("ui-ecs-task"), "This role is passed to AWS ECS' task definition as the `task_role`. This allows the running of the Metaflow Metadata Service to have the proper permissions to speak to other AWS resources.", "ecs-tasks.amazonaws.com")
	},
}

var stepFunctionsResources = map[string]template{
	"aws_dynamodb_table.step_functions_state_table": func(w *world) map[string]any {
		name := w.n("step_functions_state")
		return map[string]any{
			"id": name, "name": name, "arn": arn("dynamodb", "table/"+name), "billing_mode": "PAY_PER_REQUEST", "hash_key": "pathspec",
			"range_key": nil, "read_capacity": 0, "write_capacity": 0, "stream_enabled": false, "stream_view_type": "", "stream_arn": "", "stream_label": "",
			"table_class": "STANDARD", "deletion_protection_enabled": false,
			"attribute":              []any{map[string]any{"name": "pathspec", "type": "S"}},
			"ttl":                    []any{map[string]any{"attribute_name": "ttl", "enabled": true}},
			"server_side_encryption": []any{map[string]any{"enabled": true, "kms_key_arn": arn("kms", "key/"+fakeUUID("aws/dynamodb"))}},
			"point_in_time_recovery": []any{map[string]any{"enabled": false, "recovery_period_in_days": 0}},
			"global_secondary_index": []any{}, "local_secondary_index": []any{}, "replica": []any{},
			"tags": w.tags(), "tags_all": w.tags(),
		}
	},
	"aws_iam_role.eventbridge_role": func(w *world) map[string]any {
		return w.role(w.n("eventbridge_role"), "IAM role for Amazon EventBridge to access AWS Step Functions.", "events.amazonaws.com")
	},
	"aws_iam_role_policy.eventbridge_step_functions_policy": func(w *world) map[string]any {
		return inlinePolicy(w.n("eventbridge_role"), "step_functions", allow([]string{"states:StartExecution"}, arn("states", "stateMachine:*")))
	},
	"aws_iam_role.step_functions_role": func(w *world) map[string]any {
		return w.role(w.n("step_functions_role"), "IAM role for AWS Step Functions to access AWS resources (AWS Batch, AWS DynamoDB).", "states.amazonaws.com")
	},
	"aws_iam_role_policy.step_functions_batch": func(w *world) map[string]any {
		return inlinePolicy(w.n("step_functions_role"), "aws_batch", allow([]string{"batch:SubmitJob"}, w.queueARN()))
	},
	"aws_iam_role_policy.step_functions_s3": func(w *world) map[string]any {
		return inlinePolicy(w.n("step_functions_role"), "s3", allow([]string{"s3:ListBucket"}, "arn:aws:s3:::"+w.bucket()))
	},
	"aws_iam_role_policy.step_functions_cloudwatch": func(w *world) map[string]any {
		return inlinePolicy(w.n("step_functions_role"), "cloudwatch", allow([]string{"logs:CreateLogDelivery"}, "*"))
	},
	"aws_iam_role_policy.step_functions_eventbridge": func(w *world) map[string]any {
		return inlinePolicy(w.n("step_functions_role"), "event_bridge", allow([]string{"events:PutTargets"}, arn("events", "rule/StepFunctionsGetEventsForBatchJobsRule")))
	},
	"aws_iam_role_policy.step_functions_dynamodb": func(w *world) map[string]any {
		return inlinePolicy(w.n("step_functions_role"), "dynamodb", allow([]string{"dynamodb:PutItem"}, arn("dynamodb", "table/"+w.n("step_functions_state"))))
	},
}
