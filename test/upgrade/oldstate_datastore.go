package upgrade

import (
	"fmt"
	"strings"
)

func (w *world) kmsKeyResource(which, description string) map[string]any {
	id, keyARN := w.kmsKey(which)
	return map[string]any{
		"id": id, "key_id": id, "arn": keyARN, "description": description, "enable_key_rotation": false,
		"is_enabled": true, "key_usage": "ENCRYPT_DECRYPT", "customer_master_key_spec": "SYMMETRIC_DEFAULT",
		"multi_region": false, "deletion_window_in_days": nil, "bypass_policy_lockout_safety_check": false,
		"policy":                  policyJSON(map[string]any{"Sid": "Enable IAM User Permissions", "Effect": "Allow", "Principal": map[string]any{"AWS": iamARN("root")}, "Action": "kms:*", "Resource": "*"}),
		"rotation_period_in_days": 0, "custom_key_store_id": "", "xks_key_id": "",
		"tags": w.tags(), "tags_all": w.tags(),
	}
}

func (w *world) petID() string { return "fine-gecko" }

func (w *world) dbEndpointHost() string {
	return fmt.Sprintf("%s.%s.%s.rds.amazonaws.com", w.n("metaflow"), fakeToken("rds-host:"+w.s.Name, 12), Region)
}

var datastoreResources = map[string]template{
	"aws_kms_key.s3": func(w *world) map[string]any {
		return w.kmsKeyResource("s3", "This key is used to encrypt and decrypt the S3 bucket used to store blobs.")
	},
	"aws_kms_key.rds": func(w *world) map[string]any {
		return w.kmsKeyResource("rds", "This key is used to encrypt and decrypt the RDS database used to store flow execution data.")
	},
	"aws_db_subnet_group.this": func(w *world) map[string]any {
		name := w.n("main")
		tags := w.tags("Name", name, "Metaflow", "true")
		return map[string]any{
			"id": name, "name": name, "name_prefix": "", "arn": arn("rds", "subgrp:"+name), "description": "Managed by Terraform",
			"subnet_ids": w.subnetIDs(), "vpc_id": VPCID, "supported_network_types": []any{"IPV4"}, "tags": tags, "tags_all": tags,
		}
	},
	"aws_security_group.rds_security_group": func(w *world) map[string]any {
		ingress := []any{sgRule(5432, 5432, "tcp", nil, []any{w.sgID(w.n("metadata-service-security-group"))}, false, "")}
		if !w.v012 {
			ingress = append(ingress, sgRule(5432, 5432, "tcp", []any{VPCCIDR}, nil, false, ""))
		}
		egress := []any{sgRule(0, 0, "-1", []any{"0.0.0.0/0"}, nil, false, "")}
		return w.securityGroup(w.n("rds-security-group"), "Managed by Terraform", ingress, egress, w.tags())
	},
	"random_password.this": func(w *world) map[string]any {
		return map[string]any{
			"id": "none", "result": w.password(), "bcrypt_hash": "$2a$10$Nf0yPpzvK4mXo0a9m3n7eOQyqS1gS6j8n1J5w0pZr2c4b6d8f0h2i",
			"length": 64, "special": true, "override_special": "!#$%&*()-_=+[]{}<>:?",
			"lower": true, "upper": true, "numeric": true, "number": true,
			"min_lower": 0, "min_upper": 0, "min_numeric": 0, "min_special": 0, "keepers": nil,
		}
	},
	"random_pet.final_snapshot_id": func(w *world) map[string]any {
		return map[string]any{"id": w.petID(), "length": 2, "separator": "-", "prefix": nil, "keepers": nil}
	},
	"aws_db_instance.this": func(w *world) map[string]any {
		name := w.n("metaflow")
		_, rdsKey := w.kmsKey("rds")
		// The provider keeps the version the configuration gave (the old
		// lines' defaults "11" and "14") and records the running one apart.
		version, actual, class := "11", "11.22", "db.t2.small"
		if !w.v012 {
			version, actual, class = "14", "14.15", "db.t3.small"
		}
		tags := w.tags("Name", name, "Metaflow", "true")
		return map[string]any{
			"id": "db-" + strings.ToUpper(fakeToken("db:"+name, 26)), "resource_id": "db-" + strings.ToUpper(fakeToken("db:"+name, 26)),
			"identifier": name, "identifier_prefix": "", "arn": arn("rds", "db:"+name),
			"address": w.dbEndpointHost(), "endpoint": w.dbEndpointHost() + ":5432", "port": 5432, "hosted_zone_id": "Z29XKXDKYMONMX",
			"engine": "postgres", "engine_version": version, "engine_version_actual": actual, "instance_class": class,
			"allocated_storage": 20, "max_allocated_storage": 1000, "storage_type": "gp2", "storage_encrypted": true, "kms_key_id": rdsKey,
			"iops": 0, "storage_throughput": 0,
			"db_name": "metaflow", "username": "metaflow", "password": w.password(),
			"db_subnet_group_name": w.n("main"), "vpc_security_group_ids": []any{w.sgID(w.n("rds-security-group"))},
			"publicly_accessible": false, "multi_az": true, "availability_zone": Region + "a",
			"final_snapshot_identifier": w.n("metaflow-final-snapshot") + "-" + w.petID(), "skip_final_snapshot": false,
			"backup_retention_period": 1, "backup_window": "03:00-03:30", "maintenance_window": "sun:04:00-sun:04:30",
			"deletion_protection": false, "copy_tags_to_snapshot": false, "auto_minor_version_upgrade": true,
			"allow_major_version_upgrade": nil, "apply_immediately": false, "iam_database_authentication_enabled": false,
			"parameter_group_name": "default.postgres" + strings.Split(version, ".")[0], "option_group_name": "default:postgres-" + strings.Split(version, ".")[0],
			"ca_cert_identifier": "rds-ca-rsa2048-g1", "license_model": "postgresql-license", "network_type": "IPV4",
			"monitoring_interval": 0, "performance_insights_enabled": false, "performance_insights_retention_period": 0,
			"delete_automated_backups": true, "customer_owned_ip_enabled": false, "manage_master_user_password": nil,
			"engine_lifecycle_support": "open-source-rds-extended-support", "dedicated_log_volume": false, "status": "available",
			"database_insights_mode": "standard", "upgrade_storage_config": nil,
			"tags": tags, "tags_all": tags,
		}
	},
	"aws_s3_bucket.this": func(w *world) map[string]any {
		name := w.bucket()
		_, s3Key := w.kmsKey("s3")
		tags := w.tags("Metaflow", "true")
		a := map[string]any{
			"id": name, "bucket": name, "bucket_prefix": "", "arn": "arn:aws:s3:::" + name,
			"bucket_domain_name": name + ".s3.amazonaws.com", "bucket_regional_domain_name": name + ".s3." + Region + ".amazonaws.com",
			"hosted_zone_id": "Z1BKCTXD74EZPE", "region": Region, "force_destroy": !w.v012, "object_lock_enabled": false,
			"request_payer": "BucketOwner", "acceleration_status": "", "policy": "",
			"server_side_encryption_configuration": []any{map[string]any{"rule": []any{map[string]any{
				"bucket_key_enabled":                      false,
				"apply_server_side_encryption_by_default": []any{map[string]any{"kms_master_key_id": s3Key, "sse_algorithm": "aws:kms"}},
			}}}},
			"versioning": []any{map[string]any{"enabled": false, "mfa_delete": false}},
			"tags":       tags, "tags_all": tags,
		}
		if w.v012 {
			a["acl"] = "private"
		}
		return a
	},
	"aws_s3_bucket_public_access_block.this": func(w *world) map[string]any {
		return map[string]any{"id": w.bucket(), "bucket": w.bucket(), "block_public_acls": true, "block_public_policy": true, "ignore_public_acls": true, "restrict_public_buckets": true}
	},
	"aws_s3_bucket_server_side_encryption_configuration.this": func(w *world) map[string]any {
		_, s3Key := w.kmsKey("s3")
		return map[string]any{"id": w.bucket(), "bucket": w.bucket(), "expected_bucket_owner": "", "rule": []any{map[string]any{
			"bucket_key_enabled":                      nil,
			"apply_server_side_encryption_by_default": []any{map[string]any{"kms_master_key_id": s3Key, "sse_algorithm": "aws:kms"}},
		}}}
	},
	"aws_s3_bucket_ownership_controls.metaflow-datastore": func(w *world) map[string]any {
		return map[string]any{"id": w.bucket(), "bucket": w.bucket(), "rule": []any{map[string]any{"object_ownership": "BucketOwnerEnforced"}}}
	},
}
