package upgrade

import (
	"encoding/json"
	"fmt"
)

func (w *world) nlbARN() string {
	return arn("elasticloadbalancing", "loadbalancer/net/"+w.n("nlb")+"/"+fakeToken("nlb-arn:"+w.n("nlb"), 16))
}

func (w *world) tgARN(kind, name string) string {
	return arn("elasticloadbalancing", "targetgroup/"+name+"/"+fakeToken(kind+":"+name, 16))
}

func (w *world) rootResourceID() string { return fakeToken("root-resource:"+w.n("api"), 10) }
func (w *world) vpcLinkID() string      { return fakeToken("vpclink:"+w.n("vpclink"), 6) }
func (w *world) deploymentID() string   { return fakeToken("deployment:"+w.n("api"), 6) }
func (w *world) apiKeyID() string       { return fakeToken("api-key:"+w.n("key"), 10) }
func (w *world) usagePlanID() string    { return fakeToken("usage-plan:"+w.n("usage-plan"), 6) }
func (w *world) resourceID(part string) string {
	return fakeToken("resource:"+part+":"+w.n("api"), 6)
}

func (w *world) metadataImage() string {
	if w.v012 {
		return "netflixoss/metaflow_metadata_service:v2.3.0"
	}
	return "netflixoss/metaflow_metadata_service:v2.4.13"
}

func containerDefinitions(defs ...map[string]any) string {
	b, _ := json.Marshal(defs)
	return string(b)
}

func envList(pairs ...string) []any {
	var out []any
	for i := 0; i+1 < len(pairs); i += 2 {
		out = append(out, map[string]any{"name": pairs[i], "value": pairs[i+1]})
	}
	return out
}

func (w *world) taskDefinition(family string, containers string, cpu, memory string, taskRole string, extra map[string]any) map[string]any {
	a := map[string]any{
		"id": family, "family": family, "arn": arn("ecs", "task-definition/"+family+":3"), "arn_without_revision": arn("ecs", "task-definition/"+family),
		"revision": 3, "container_definitions": containers, "cpu": cpu, "memory": memory, "network_mode": "awsvpc",
		"requires_compatibilities": []any{"FARGATE"}, "task_role_arn": w.roleARN(taskRole), "execution_role_arn": w.roleARN(w.n("ecs-execution-role")),
		"ipc_mode": "", "pid_mode": "", "skip_destroy": false, "track_latest": false, "enable_fault_injection": false,
		"tags": w.tags("Metaflow", "true"), "tags_all": w.tags("Metaflow", "true"),
	}
	for k, v := range extra {
		a[k] = v
	}
	return a
}

func (w *world) ecsService(name string, taskDef map[string]any, groups []any, publicIP bool, lbs []any) map[string]any {
	return map[string]any{
		"id": arn("ecs", "service/"+w.s.stackName()+"/"+name), "name": name, "cluster": w.ecsClusterARN(),
		"task_definition": taskDef["arn"], "desired_count": 1, "launch_type": "FARGATE", "platform_version": "LATEST",
		"scheduling_strategy": "REPLICA", "deployment_maximum_percent": 200, "deployment_minimum_healthy_percent": 100,
		"enable_ecs_managed_tags": false, "enable_execute_command": false, "health_check_grace_period_seconds": 0,
		"propagate_tags": "NONE", "iam_role": "/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS", "wait_for_steady_state": false,
		"availability_zone_rebalancing": "DISABLED", "triggers": map[string]any{},
		"network_configuration":      []any{map[string]any{"subnets": w.subnetIDs(), "security_groups": groups, "assign_public_ip": publicIP}},
		"load_balancer":              lbs,
		"deployment_circuit_breaker": []any{map[string]any{"enable": false, "rollback": false}},
		"deployment_controller":      []any{map[string]any{"type": "ECS"}},
		"tags":                       w.tags(), "tags_all": w.tags(),
	}
}

func lbAttachment(tg, container string, port int) map[string]any {
	return map[string]any{"target_group_arn": tg, "container_name": container, "container_port": port, "elb_name": ""}
}

func (w *world) targetGroup(kind, name string, port int, protocol string, health map[string]any) map[string]any {
	return map[string]any{
		"id": w.tgARN(kind, name), "arn": w.tgARN(kind, name), "arn_suffix": "targetgroup/" + name, "name": name, "name_prefix": "",
		"port": port, "protocol": protocol, "target_type": "ip", "vpc_id": VPCID, "ip_address_type": "ipv4",
		"deregistration_delay": "300", "slow_start": 0, "proxy_protocol_v2": false, "connection_termination": false,
		"preserve_client_ip": "false", "lambda_multi_value_headers_enabled": false, "load_balancing_algorithm_type": "round_robin",
		"load_balancing_cross_zone_enabled": "use_load_balancer_configuration", "load_balancing_anomaly_mitigation": "off",
		"protocol_version": "", "load_balancer_arns": []any{},
		"health_check": []any{health},
		"stickiness":   []any{map[string]any{"enabled": false, "type": "source_ip", "cookie_duration": 0, "cookie_name": ""}},
		"tags":         w.tags(), "tags_all": w.tags(),
	}
}

func healthCheck(protocol string, port string, path string, healthy, unhealthy int) map[string]any {
	matcher := ""
	if protocol == "HTTP" {
		matcher = "200"
	}
	return map[string]any{"enabled": true, "protocol": protocol, "port": port, "path": path, "interval": 10, "timeout": 10,
		"healthy_threshold": healthy, "unhealthy_threshold": unhealthy, "matcher": matcher}
}

func (w *world) listener(kind, lb string, port int, protocol, tg, cert string) map[string]any {
	id := lb + "/" + fakeToken("listener:"+kind, 16)
	return map[string]any{
		"id": id, "arn": id, "load_balancer_arn": lb, "port": port, "protocol": protocol, "certificate_arn": cert, "ssl_policy": "", "alpn_policy": "",
		"default_action": []any{map[string]any{"type": "forward", "target_group_arn": tg, "order": 1}},
		"tags":           w.tags(), "tags_all": w.tags(),
	}
}

var metadataResources = map[string]template{
	"aws_api_gateway_rest_api_policy.this": func(w *world) map[string]any {
		id := w.restAPIID()
		res := fmt.Sprintf("arn:aws:execute-api:%s:%s:%s/*/*/*", Region, Account, id)
		return map[string]any{"id": id, "rest_api_id": id, "policy": policyJSON(
			map[string]any{"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": res},
			map[string]any{"Effect": "Deny", "Principal": "*", "Action": "execute-api:Invoke", "Resource": res, "Condition": map[string]any{"NotIpAddress": map[string]any{"aws:SourceIp": []any{"198.51.100.0/24"}}}},
		)}
	},
	"aws_api_gateway_rest_api.this": func(w *world) map[string]any {
		id := w.restAPIID()
		return map[string]any{
			"id": id, "name": w.n("api"), "description": "Allows access to the Metadata service RDS instance",
			"arn": fmt.Sprintf("arn:aws:apigateway:%s::/restapis/%s", Region, id), "execution_arn": arn("execute-api", id),
			"root_resource_id": w.rootResourceID(), "created_date": "2023-05-04T10:20:30Z", "api_key_source": "HEADER",
			"binary_media_types": []any{}, "minimum_compression_size": "", "disable_execute_api_endpoint": false, "policy": "",
			"endpoint_configuration": []any{map[string]any{"types": []any{"EDGE"}, "vpc_endpoint_ids": []any{}}},
			"tags":                   w.tags(), "tags_all": w.tags(),
		}
	},
	"aws_api_gateway_resource.this": func(w *world) map[string]any {
		return map[string]any{"id": w.resourceID("proxy"), "rest_api_id": w.restAPIID(), "parent_id": w.rootResourceID(), "path_part": "{proxy+}", "path": "/{proxy+}"}
	},
	"aws_api_gateway_resource.db": func(w *world) map[string]any {
		return map[string]any{"id": w.resourceID("db"), "rest_api_id": w.restAPIID(), "parent_id": w.rootResourceID(), "path_part": "db_schema_status", "path": "/db_schema_status"}
	},
	"aws_api_gateway_vpc_link.this": func(w *world) map[string]any {
		return map[string]any{"id": w.vpcLinkID(), "name": w.n("vpclink"), "description": "", "target_arns": []any{w.nlbARN()},
			"arn": fmt.Sprintf("arn:aws:apigateway:%s::/vpclinks/%s", Region, w.vpcLinkID()), "tags": w.tags(), "tags_all": w.tags()}
	},
	"aws_api_gateway_method.this": func(w *world) map[string]any {
		return map[string]any{"id": "agm-" + w.restAPIID() + "-" + w.resourceID("proxy") + "-ANY", "rest_api_id": w.restAPIID(), "resource_id": w.resourceID("proxy"),
			"http_method": "ANY", "authorization": "NONE", "api_key_required": true, "request_parameters": map[string]any{"method.request.path.proxy": true},
			"authorization_scopes": []any{}, "authorizer_id": "", "operation_name": "", "request_models": map[string]any{}, "request_validator_id": ""}
	},
	"aws_api_gateway_method.db": func(w *world) map[string]any {
		return map[string]any{"id": "agm-" + w.restAPIID() + "-" + w.resourceID("db") + "-GET", "rest_api_id": w.restAPIID(), "resource_id": w.resourceID("db"),
			"http_method": "GET", "authorization": "NONE", "api_key_required": true, "request_parameters": map[string]any{},
			"authorization_scopes": []any{}, "authorizer_id": "", "operation_name": "", "request_models": map[string]any{}, "request_validator_id": ""}
	},
	"aws_api_gateway_integration_response.this": func(w *world) map[string]any {
		return map[string]any{"id": "agir-" + w.restAPIID() + "-" + w.resourceID("proxy") + "-ANY-200", "rest_api_id": w.restAPIID(), "resource_id": w.resourceID("proxy"),
			"http_method": "ANY", "status_code": "200", "content_handling": "", "response_parameters": map[string]any{}, "response_templates": map[string]any{}, "selection_pattern": ""}
	},
	"aws_api_gateway_integration.this": func(w *world) map[string]any {
		return map[string]any{"id": "agi-" + w.restAPIID() + "-" + w.resourceID("proxy") + "-ANY", "rest_api_id": w.restAPIID(), "resource_id": w.resourceID("proxy"),
			"http_method": "ANY", "type": "HTTP_PROXY", "integration_http_method": "ANY", "uri": "http://" + w.nlbDNS() + "/{proxy}",
			"connection_type": "VPC_LINK", "connection_id": w.vpcLinkID(), "passthrough_behavior": "WHEN_NO_MATCH",
			"request_parameters":   map[string]any{"integration.request.path.proxy": "method.request.path.proxy"},
			"cache_key_parameters": []any{}, "cache_namespace": w.resourceID("proxy"), "content_handling": "", "credentials": "",
			"request_templates": map[string]any{}, "timeout_milliseconds": 29000, "tls_config": []any{}}
	},
	"aws_api_gateway_integration.db": func(w *world) map[string]any {
		return map[string]any{"id": "agi-" + w.restAPIID() + "-" + w.resourceID("db") + "-GET", "rest_api_id": w.restAPIID(), "resource_id": w.resourceID("db"),
			"http_method": "GET", "type": "HTTP_PROXY", "integration_http_method": "GET", "uri": "http://" + w.nlbDNS() + ":8082/db_schema_status",
			"connection_type": "VPC_LINK", "connection_id": w.vpcLinkID(), "passthrough_behavior": "WHEN_NO_MATCH",
			"request_parameters": map[string]any{}, "cache_key_parameters": []any{}, "cache_namespace": w.resourceID("db"), "content_handling": "", "credentials": "",
			"request_templates": map[string]any{}, "timeout_milliseconds": 29000, "tls_config": []any{}}
	},
	"aws_api_gateway_method_response.this": func(w *world) map[string]any {
		return map[string]any{"id": "agmr-" + w.restAPIID() + "-" + w.resourceID("proxy") + "-ANY-200", "rest_api_id": w.restAPIID(), "resource_id": w.resourceID("proxy"),
			"http_method": "ANY", "status_code": "200", "response_models": map[string]any{}, "response_parameters": map[string]any{}}
	},
	"aws_api_gateway_method_response.db": func(w *world) map[string]any {
		return map[string]any{"id": "agmr-" + w.restAPIID() + "-" + w.resourceID("db") + "-GET-200", "rest_api_id": w.restAPIID(), "resource_id": w.resourceID("db"),
			"http_method": "GET", "status_code": "200", "response_models": map[string]any{}, "response_parameters": map[string]any{}}
	},
	"aws_api_gateway_deployment.this": func(w *world) map[string]any {
		return map[string]any{"id": w.deploymentID(), "rest_api_id": w.restAPIID(), "created_date": "2023-05-04T10:20:30Z", "description": "",
			"execution_arn": arn("execute-api", w.restAPIID()+"/"), "invoke_url": fmt.Sprintf("https://%s.execute-api.%s.amazonaws.com/", w.restAPIID(), Region),
			"stage_description": nil, "stage_name": nil, "triggers": nil, "variables": nil, "canary_settings": []any{}}
	},
	"aws_api_gateway_stage.this": func(w *world) map[string]any {
		id := w.restAPIID()
		return map[string]any{"id": "ags-" + id + "-api", "rest_api_id": id, "stage_name": "api", "deployment_id": w.deploymentID(),
			"arn":           fmt.Sprintf("arn:aws:apigateway:%s::/restapis/%s/stages/api", Region, id),
			"execution_arn": arn("execute-api", id+"/api"), "invoke_url": fmt.Sprintf("https://%s.execute-api.%s.amazonaws.com/api", id, Region),
			"cache_cluster_enabled": false, "cache_cluster_size": "", "client_certificate_id": "", "description": "", "documentation_version": "",
			"variables": map[string]any{}, "web_acl_arn": "", "xray_tracing_enabled": false, "access_log_settings": []any{}, "canary_settings": []any{},
			"tags": w.tags(), "tags_all": w.tags()}
	},
	"aws_api_gateway_api_key.this": func(w *world) map[string]any {
		return map[string]any{"id": w.apiKeyID(), "name": w.n("key"), "description": "Managed by Terraform", "enabled": true, "value": w.apiKeyValue(),
			"arn": fmt.Sprintf("arn:aws:apigateway:%s::/apikeys/%s", Region, w.apiKeyID()), "created_date": "2023-05-04T10:20:30Z",
			"last_updated_date": "2023-05-04T10:20:30Z", "customer_id": "", "tags": w.tags(), "tags_all": w.tags()}
	},
	"aws_api_gateway_usage_plan.this": func(w *world) map[string]any {
		return map[string]any{"id": w.usagePlanID(), "name": w.n("usage-plan"), "description": "", "product_code": "",
			"arn":            fmt.Sprintf("arn:aws:apigateway:%s::/usageplans/%s", Region, w.usagePlanID()),
			"api_stages":     []any{map[string]any{"api_id": w.restAPIID(), "stage": "api", "throttle": []any{}}},
			"quota_settings": []any{}, "throttle_settings": []any{}, "tags": w.tags(), "tags_all": w.tags()}
	},
	"aws_api_gateway_usage_plan_key.this": func(w *world) map[string]any {
		return map[string]any{"id": w.apiKeyID(), "key_id": w.apiKeyID(), "key_type": "API_KEY", "usage_plan_id": w.usagePlanID(), "name": w.n("key"), "value": w.apiKeyValue()}
	},
	"aws_cloudwatch_log_group.this": func(w *world) map[string]any { return logGroup(w.n("metadata"), w.tags()) },
	"aws_security_group.metadata_service_security_group": func(w *world) map[string]any {
		name := w.n("metadata-service-security-group")
		return w.securityGroup(name, "Security Group for Fargate which runs the Metadata Service.",
			[]any{
				sgRule(8080, 8080, "tcp", []any{VPCCIDR}, nil, false, "Allow API calls internally"),
				sgRule(8082, 8082, "tcp", []any{VPCCIDR}, nil, false, "Allow API calls internally"),
				sgRule(0, 0, "-1", nil, nil, true, "Internal communication"),
			},
			[]any{sgRule(0, 0, "-1", []any{"0.0.0.0/0"}, nil, false, "Allow all external communication")},
			w.tags("Metaflow", "true"))
	},
	"aws_lb.this": func(w *world) map[string]any {
		lb := w.nlbARN()
		return map[string]any{
			"id": lb, "arn": lb, "arn_suffix": "net/" + w.n("nlb") + "/x", "name": w.n("nlb"), "name_prefix": "", "internal": true,
			"load_balancer_type": "network", "subnets": w.subnetIDs(), "security_groups": []any{}, "dns_name": w.nlbDNS(),
			"zone_id": "Z2IFOLAFXWLO4F", "vpc_id": VPCID, "ip_address_type": "ipv4", "enable_cross_zone_load_balancing": false,
			"enable_deletion_protection": false, "idle_timeout": nil, "enable_http2": nil, "drop_invalid_header_fields": nil,
			"desync_mitigation_mode": nil, "enable_waf_fail_open": nil, "enable_xff_client_port": nil, "preserve_host_header": nil,
			"xff_header_processing_mode": nil, "client_keep_alive": nil, "enable_tls_version_and_cipher_suite_headers": nil,
			"dns_record_client_routing_policy": "any_availability_zone", "enforce_security_group_inbound_rules_on_private_link_traffic": "",
			"enable_zonal_shift": false, "customer_owned_ipv4_pool": "",
			"subnet_mapping": []any{
				map[string]any{"subnet_id": SubnetIDs[0], "allocation_id": "", "ipv6_address": "", "outpost_id": "", "private_ipv4_address": ""},
				map[string]any{"subnet_id": SubnetIDs[1], "allocation_id": "", "ipv6_address": "", "outpost_id": "", "private_ipv4_address": ""},
			},
			"access_logs": []any{map[string]any{"bucket": "", "enabled": false, "prefix": ""}},
			"tags":        w.tags(), "tags_all": w.tags(),
		}
	},
	"aws_lb_target_group.this": func(w *world) map[string]any {
		return w.targetGroup("tg-api", w.n("mdtg"), 8080, "TCP", healthCheck("TCP", "traffic-port", "", 2, 2))
	},
	"aws_lb_target_group.db_migrate": func(w *world) map[string]any {
		return w.targetGroup("tg-db", w.n("dbtg"), 8082, "TCP", healthCheck("TCP", "8080", "", 2, 2))
	},
	"aws_lb_listener.this": func(w *world) map[string]any {
		return w.listener("api", w.nlbARN(), 80, "TCP", w.tgARN("tg-api", w.n("mdtg")), "")
	},
	"aws_lb_listener.db_migrate": func(w *world) map[string]any {
		return w.listener("db", w.nlbARN(), 8082, "TCP", w.tgARN("tg-db", w.n("dbtg")), "")
	},
	"aws_ecs_cluster.this": func(w *world) map[string]any {
		name := w.s.stackName()
		tags := w.tags("Name", name, "Metaflow", "true")
		return map[string]any{"id": w.ecsClusterARN(), "arn": w.ecsClusterARN(), "name": name,
			"setting": []any{map[string]any{"name": "containerInsights", "value": "disabled"}}, "configuration": []any{}, "service_connect_defaults": []any{},
			"tags": tags, "tags_all": tags}
	},
	"aws_ecs_task_definition.this": func(w *world) map[string]any { return w.metadataTaskDefinition() },
	"aws_ecs_service.this": func(w *world) map[string]any {
		return w.ecsService(w.n("metadata-service"), w.metadataTaskDefinition(), []any{w.sgID(w.n("metadata-service-security-group"))}, false, []any{
			lbAttachment(w.tgARN("tg-api", w.n("mdtg")), w.n("service"), 8080),
			lbAttachment(w.tgARN("tg-db", w.n("dbtg")), w.n("service"), 8082),
		})
	},
}

func (w *world) metadataTaskDefinition() map[string]any {
	env := []string{"MF_METADATA_DB_HOST", w.dbEndpointHost(), "MF_METADATA_DB_NAME", "metaflow", "MF_METADATA_DB_PORT", "5432",
		"MF_METADATA_DB_PSWD", w.password(), "MF_METADATA_DB_USER", "metaflow"}
	if w.v012 {
		env = append(env, "MF_METADATA_DB_SSL_MODE", "disable")
	}
	c := containerDefinitions(map[string]any{
		"name": w.n("service"), "image": w.metadataImage(), "essential": true, "cpu": 512, "memory": 1024,
		"portMappings": []any{map[string]any{"containerPort": 8080, "hostPort": 8080, "protocol": "tcp"}, map[string]any{"containerPort": 8082, "hostPort": 8082, "protocol": "tcp"}},
		"environment":  envList(env...), "mountPoints": []any{}, "volumesFrom": []any{}, "systemControls": []any{},
		"logConfiguration": map[string]any{"logDriver": "awslogs", "options": map[string]any{"awslogs-group": w.n("metadata"), "awslogs-region": Region, "awslogs-stream-prefix": "metadata"}},
	})
	return w.taskDefinition(w.n("service"), c, "512", "1024", w.n("metadata-ecs-task"), nil)
}

var metadataIAMResources = map[string]template{
	"aws_iam_role.metadata_svc_ecs_task_role": func(w *world) map[string]any {
		return w.role(w.n("metadata-ecs-task"), "This role is passed to AWS ECS' task definition as the `task_role`. This allows the running of the Metaflow Metadata Service to have the proper permissions to speak to other AWS resources.", "ecs-tasks.amazonaws.com")
	},
	"aws_iam_role.lambda_ecs_execute_role": func(w *world) map[string]any {
		return w.role(w.n("lambda_ecs_execute"), "", "lambda.amazonaws.com")
	},
	"aws_iam_role_policy.grant_lambda_ecs_cloudwatch": func(w *world) map[string]any {
		return inlinePolicy(w.n("lambda_ecs_execute"), "cloudwatch", allow([]string{"logs:CreateLogGroup"}, arn("logs", "*")))
	},
	"aws_iam_role_policy.grant_lambda_ecs_vpc": func(w *world) map[string]any {
		return inlinePolicy(w.n("lambda_ecs_execute"), "ecs_task_execute", allow([]string{"ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DeleteNetworkInterface"}, "*"))
	},
	"aws_lambda_function.db_migrate_lambda": func(w *world) map[string]any {
		name := w.n("db_migrate")
		runtime := "python3.12"
		if w.v012 {
			runtime = "python3.9"
		}
		fn := arn("lambda", "function:"+name)
		return map[string]any{
			"id": name, "function_name": name, "arn": fn, "qualified_arn": fn + ":$LATEST", "invoke_arn": "arn:aws:apigateway:" + Region + ":lambda:path/2015-03-31/functions/" + fn + "/invocations",
			"qualified_invoke_arn": "", "handler": "index.handler", "runtime": runtime, "memory_size": 128, "timeout": 900,
			"description": "Trigger DB Migration", "role": w.roleARN(w.n("lambda_ecs_execute")), "filename": "db_migrate_lambda.zip",
			"source_code_hash": "bW9kdWxlLWRiLW1pZ3JhdGUtdjAuMTIuMQ==", "code_sha256": "bW9kdWxlLWRiLW1pZ3JhdGUtdjAuMTIuMQ==", "source_code_size": 612,
			"package_type": "Zip", "publish": false, "version": "$LATEST", "architectures": []any{"x86_64"}, "layers": []any{},
			"reserved_concurrent_executions": -1, "skip_destroy": false, "replace_security_groups_on_destroy": nil,
			"last_modified":     "2023-05-04T10:20:30.000+0000",
			"environment":       []any{map[string]any{"variables": map[string]any{"MD_LB_ADDRESS": "http://" + w.nlbDNS() + ":8082"}}},
			"vpc_config":        []any{map[string]any{"subnet_ids": w.subnetIDs(), "security_group_ids": []any{w.sgID(w.n("metadata-service-security-group"))}, "vpc_id": VPCID, "ipv6_allowed_for_dual_stack": false}},
			"ephemeral_storage": []any{map[string]any{"size": 512}},
			"logging_config":    []any{map[string]any{"log_format": "Text", "log_group": "/aws/lambda/" + name, "application_log_level": "", "system_log_level": ""}},
			"tracing_config":    []any{map[string]any{"mode": "PassThrough"}},
			"tags":              w.tags(), "tags_all": w.tags(),
		}
	},
}
