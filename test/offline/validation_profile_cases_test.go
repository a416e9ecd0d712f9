package offline

// Cases for modules/profile's variables.tf.

func profileCases() moduleValidations {
	return moduleValidations{
		dir:  "modules/profile",
		base: map[string]any{},
		cases: []validationCase{
			{name: "all_empty"},
			{name: "urls_valid", vars: map[string]any{
				"datastore_sysroot_s3": "s3://my-bucket/metaflow",
				"datatools_s3root":     "s3://my-bucket/data",
				"service_url":          "https://abc123.execute-api.us-east-1.amazonaws.com/api/",
				"service_internal_url": "http://internal-nlb.elb.us-east-1.amazonaws.com/",
				"ui_url":               "https://metaflow-ui.example.com/",
			}},
			{name: "argo_settings", vars: map[string]any{"argo_workflows_ui_url": "http://argo.internal:2746", "argo_events": map[string]any{"EVENT_BUS": "default", "WEBHOOK_URL": "http://hook:12000/metaflow-event"}}},
			{name: "argo_ui_url_without_scheme", vars: map[string]any{"argo_workflows_ui_url": "argo.internal:2746"},
				errors: []wantError{{"argo_workflows_ui_url", `argo_workflows_ui_url must be empty or an http(s) URL; got "argo.internal:2746".`}}},
			{name: "argo_events_unknown_key", vars: map[string]any{"argo_events": map[string]any{"EVENTBUS": "default"}},
				errors: []wantError{{"argo_events", `argo_events keys must be among EVENT_BUS, EVENT_SOURCE, EVENT, SERVICE_ACCOUNT, SENSOR_NAMESPACE, WEBHOOK_URL, INTERNAL_WEBHOOK_URL (each a METAFLOW_ARGO_EVENTS_ key without its prefix); got ["EVENTBUS"].`}}},
			{name: "sysroot_without_scheme", vars: map[string]any{"datastore_sysroot_s3": "my-bucket/metaflow"},
				errors: []wantError{{"datastore_sysroot_s3", `datastore_sysroot_s3 must be empty or an S3 URL such as s3://my-bucket/metaflow; got "my-bucket/metaflow".`}}},
			{name: "datatools_bucket_uppercase", vars: map[string]any{"datatools_s3root": "s3://My-Bucket/data"},
				errors: []wantError{{"datatools_s3root", `datatools_s3root must be empty or an S3 URL such as s3://my-bucket/data; got "s3://My-Bucket/data".`}}},
			{name: "service_url_not_http", vars: map[string]any{"service_url": "ftp://metadata"},
				errors: []wantError{{"service_url", `service_url must be empty or an http(s) URL; got "ftp://metadata".`}}},
			{name: "internal_and_ui_urls_without_scheme", vars: map[string]any{"service_internal_url": "metaflow-nlb.internal/", "ui_url": "metaflow-ui.example.com"},
				errors: []wantError{
					{"service_internal_url", `service_internal_url must be empty or an http(s) URL; got "metaflow-nlb.internal/".`},
					{"ui_url", `ui_url must be empty or an http(s) URL; got "metaflow-ui.example.com".`},
				}},
		},
	}
}
