# The example plans with mock providers. The registry modules the stack
# builds are stood in by the outputs the stack reads; the module configures
# helm and kubernetes itself, and a test can only mock the caller's provider
# configurations, so the Kubernetes objects are overridden instead.

mock_provider "aws" {
  mock_data "aws_availability_zones" {
    defaults = {
      names = ["us-west-2a", "us-west-2b", "us-west-2c"]
    }
  }

  mock_data "aws_caller_identity" {
    defaults = {
      account_id = "123456789012"
    }
  }

  mock_data "aws_region" {
    defaults = {
      region = "us-west-2"
    }
  }
}

mock_provider "archive" {}
mock_provider "helm" {}
mock_provider "kubernetes" {}
mock_provider "local" {}
mock_provider "random" {}

override_module {
  target = module.metaflow.module.vpc
  outputs = {
    vpc_id          = "vpc-0123456789abcdef0"
    private_subnets = ["subnet-0000000000000000a", "subnet-0000000000000000b", "subnet-0000000000000000c"]
    public_subnets  = ["subnet-0000000000000000d", "subnet-0000000000000000e", "subnet-0000000000000000f"]
  }
}

override_module {
  target = module.metaflow.module.eks
  outputs = {
    cluster_name                       = "metaflow-eks"
    cluster_endpoint                   = "https://0123456789ABCDEF.gr7.us-west-2.eks.amazonaws.com"
    cluster_certificate_authority_data = "Y2VydGlmaWNhdGU="
    oidc_provider                      = "oidc.eks.us-west-2.amazonaws.com/id/0123456789ABCDEF"
    oidc_provider_arn                  = "arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/0123456789ABCDEF"
    node_security_group_id             = "sg-0123456789abcdef0"
  }
}

override_resource {
  target = module.metaflow.module.services.kubernetes_namespace_v1.this
}

override_resource {
  target = module.metaflow.module.services.kubernetes_service_account_v1.task
}

override_resource {
  target = module.metaflow.module.services.kubernetes_secret_v1.db_password
}

override_resource {
  target = module.metaflow.module.services.helm_release.metaflow_service
}

override_resource {
  target = module.metaflow.module.services.helm_release.metaflow_ui
}

override_resource {
  target = module.metaflow.module.services.helm_release.cluster_autoscaler
}

override_resource {
  target = module.metaflow.module.services.helm_release.argo_workflows
}

override_resource {
  target = module.metaflow.module.services.kubernetes_role_v1.argo
}

override_resource {
  target = module.metaflow.module.services.kubernetes_role_binding_v1.argo
}

override_data {
  target = module.metaflow.module.services.data.kubernetes_service_v1.argo_server
}

# The internal load balancers' host names, as EKS would report them.
override_resource {
  target          = module.metaflow.module.services.kubernetes_service_v1.exposed["metadata"]
  override_during = plan
  values = {
    status = [{ load_balancer = [{ ingress = [{ hostname = "a111-metadata.elb.us-west-2.amazonaws.com", ip = "" }] }] }]
  }
}

override_resource {
  target          = module.metaflow.module.services.kubernetes_service_v1.exposed["ui_backend"]
  override_during = plan
  values = {
    status = [{ load_balancer = [{ ingress = [{ hostname = "a222-ui-backend.elb.us-west-2.amazonaws.com", ip = "" }] }] }]
  }
}

override_resource {
  target          = module.metaflow.module.services.kubernetes_service_v1.exposed["ui_static"]
  override_during = plan
  values = {
    status = [{ load_balancer = [{ ingress = [{ hostname = "a333-ui.elb.us-west-2.amazonaws.com", ip = "" }] }] }]
  }
}

run "plans" {
  command = plan

  assert {
    condition     = module.metaflow.eks_cluster_name == "metaflow-eks" && module.metaflow.kubernetes_namespace == "metaflow-service"
    error_message = "The example must run the cluster and the Metaflow namespace."
  }

  assert {
    condition     = module.metaflow.METAFLOW_BATCH_JOB_QUEUE == "" && module.metaflow.migration_function_arn == ""
    error_message = "The EKS example has no Batch and no ECS metadata service."
  }

  assert {
    condition     = module.metaflow.METAFLOW_SERVICE_INTERNAL_URL == "http://metaflow-service.metaflow-service.svc.cluster.local:8080/"
    error_message = "Pods must call the in-cluster service; got ${module.metaflow.METAFLOW_SERVICE_INTERNAL_URL}."
  }

  assert {
    condition = (
      module.metaflow.METAFLOW_SERVICE_URL == "http://a111-metadata.elb.us-west-2.amazonaws.com:8080/"
      && module.metaflow.metaflow_ui_url == "http://a333-ui.elb.us-west-2.amazonaws.com:3000/"
    )
    error_message = "The example exposes the services: the profile's METAFLOW_SERVICE_URL and the UI URL must be the internal load balancers'; got ${module.metaflow.METAFLOW_SERVICE_URL}."
  }

}
