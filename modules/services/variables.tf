variable "cluster_name" {
  description = "Name of the EKS cluster the services run in; the cluster autoscaler discovers the cluster's node groups by it. Required when deploy_cluster_autoscaler is true."
  type        = string
  default     = ""

  validation {
    condition     = !var.deploy_cluster_autoscaler || can(regex("^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$", var.cluster_name))
    error_message = "cluster_name must be the name of the EKS cluster (1-100 letters, digits, hyphens or underscores) when deploy_cluster_autoscaler is true; got \"${var.cluster_name}\"."
  }
}

variable "cluster_oidc_provider_arn" {
  description = "ARN of the cluster's IAM OIDC provider (IRSA). The cluster autoscaler's role trusts only this provider's token for the autoscaler's service account. Required when deploy_cluster_autoscaler is true."
  type        = string
  default     = ""

  validation {
    condition     = !var.deploy_cluster_autoscaler || can(regex("^arn:[a-z-]+:iam::[0-9]{12}:oidc-provider/.+$", var.cluster_oidc_provider_arn))
    error_message = "cluster_oidc_provider_arn must be an IAM OIDC provider ARN (arn:PARTITION:iam::ACCOUNT:oidc-provider/HOST/PATH) when deploy_cluster_autoscaler is true; got \"${var.cluster_oidc_provider_arn}\"."
  }
}

variable "create_namespace" {
  description = "Create the Kubernetes namespace Metaflow uses and, in it, the service account Metaflow's step pods run as (annotated with metaflow_task_role_arn for IRSA)."
  type        = bool
  default     = true
}

variable "database_host" {
  description = "Host name of the PostgreSQL server of the metadata service and the UI backend."
  type        = string
  default     = ""

  validation {
    condition     = !var.deploy_metaflow_services || var.database_host != ""
    error_message = "database_host must be set when deploy_metaflow_services is true."
  }
}

variable "database_name" {
  description = "Name of the metadata database on the PostgreSQL server."
  type        = string
  default     = "metaflow"
}

variable "database_password_secret_arn" {
  description = "ARN of the Secrets Manager secret holding the database password as a bare string. It is copied into a Kubernetes secret the pods read; the password never appears in Helm values. Required when deploy_metaflow_services is true. The password must not contain \"/\": the metadata service passes it to its migration tool in a URL without escaping \"/\", and migrations then fail (this module gets only the ARN, so it cannot check; the root module checks database_password)."
  type        = string
  default     = ""

  validation {
    condition     = !var.deploy_metaflow_services || can(regex("^arn:[a-z-]+:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:.+$", var.database_password_secret_arn))
    error_message = "database_password_secret_arn must be a Secrets Manager secret ARN when deploy_metaflow_services is true; got \"${var.database_password_secret_arn}\"."
  }
}

variable "database_port" {
  description = "TCP port of the PostgreSQL server."
  type        = number
  default     = 5432

  validation {
    condition     = var.database_port >= 1 && var.database_port <= 65535 && floor(var.database_port) == var.database_port
    error_message = "database_port must be a whole number from 1 to 65535; got ${var.database_port}."
  }
}

variable "database_ssl_mode" {
  description = "libpq sslmode used by the metadata service (and its migration init container) and the UI backend to connect to PostgreSQL: disable, allow, prefer (TLS when the server offers it, which RDS PostgreSQL 15 and later require by default) or require (TLS always). verify-ca and verify-full are not offered: the metadata service image reads the CA certificate they need only from a file in the container (MF_METADATA_DB_SSL_ROOT_CERT_PATH) that no image we run has."
  type        = string
  default     = "prefer"
  nullable    = false
}

variable "database_username" {
  description = "User the metadata service and the UI backend log in to PostgreSQL as."
  type        = string
  default     = "metaflow"
}

variable "datastore_sysroot_s3" {
  description = "S3 URL under which Metaflow stores artifacts (such as s3://BUCKET/metaflow); the UI backend reads run artifacts from it."
  type        = string
  default     = ""

  validation {
    condition     = !var.deploy_metaflow_services || can(regex("^s3://[^/]+(/.*)?$", var.datastore_sysroot_s3))
    error_message = "datastore_sysroot_s3 must be an S3 URL such as s3://my-bucket/metaflow when deploy_metaflow_services is true; got \"${var.datastore_sysroot_s3}\"."
  }
}

variable "deploy_cluster_autoscaler" {
  description = "Install the Kubernetes cluster autoscaler (Helm chart) into kube-system, with an IAM role only its service account can assume."
  type        = bool
  default     = false
}

variable "deploy_metaflow_services" {
  description = "Install the Metaflow metadata service and UI (Helm charts) into kubernetes_namespace."
  type        = bool
  default     = false
}

variable "iam_partition" {
  description = "AWS partition used in the ARNs this module builds: aws, aws-us-gov or aws-cn."
  type        = string
  default     = "aws"

  validation {
    condition     = contains(["aws", "aws-cn", "aws-us-gov"], var.iam_partition)
    error_message = "iam_partition must be one of aws, aws-cn, aws-us-gov; got \"${var.iam_partition}\"."
  }
}

variable "iam_path" {
  description = "Path of every IAM role this module creates: \"/\" (AWS's default) or a path such as \"/metaflow/\". Checked by modules/common."
  type        = string
  default     = "/"
  nullable    = false
}

variable "iam_permissions_boundary" {
  description = "ARN of the IAM policy set as permissions boundary of every IAM role this module creates, or null for none. Checked by modules/common."
  type        = string
  default     = null
}

variable "kubernetes_namespace" {
  description = "Kubernetes namespace of the Metaflow services and of Metaflow's step pods."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$", var.kubernetes_namespace))
    error_message = "kubernetes_namespace must be a DNS label: 1-63 lowercase letters, digits or hyphens, starting and ending with a letter or digit; got \"${var.kubernetes_namespace}\"."
  }
}

variable "metadata_service_container_image" {
  description = "Image of the metadata service and the UI backend, as REPOSITORY:TAG. Empty uses the module's pinned default."
  type        = string
  default     = ""
}

variable "metaflow_helm_values" {
  description = "Values merged (deeply, by Helm) over this module's values of the Metaflow charts: the object under the key \"metaflow-service\" goes to the metadata service chart, the one under \"metaflow-ui\" to the UI chart."
  type        = any
  default     = {}

  validation {
    condition     = can(keys(var.metaflow_helm_values)) && alltrue([for k in try(keys(var.metaflow_helm_values), []) : contains(["metaflow-service", "metaflow-ui"], k)])
    error_message = "metaflow_helm_values must be an object whose keys are \"metaflow-service\" and/or \"metaflow-ui\" (one values object per chart); got keys ${jsonencode(try(keys(var.metaflow_helm_values), []))}."
  }
}

variable "metaflow_task_role_arn" {
  description = "ARN of the IAM role Metaflow's step pods and the UI backend assume through IRSA; its trust policy must admit the task and UI service accounts of kubernetes_namespace. Empty leaves the service accounts without a role."
  type        = string
  default     = ""
}

variable "region" {
  description = "AWS region of the cluster, for the cluster autoscaler."
  type        = string
  default     = ""

  validation {
    condition     = !var.deploy_cluster_autoscaler || can(regex("^[a-z]{2}(-[a-z]+)+-[0-9]+$", var.region))
    error_message = "region must be an AWS region such as us-east-1 when deploy_cluster_autoscaler is true; got \"${var.region}\"."
  }
}

variable "resource_prefix" {
  description = "Start of every AWS resource name: lowercase letters, digits and hyphens, beginning with a letter, at most 32 characters. modules/common checks it."
  type        = string
}

variable "resource_suffix" {
  description = "End of every AWS resource name (empty for none): lowercase letters, digits and hyphens, at most 16 characters. modules/common checks it."
  type        = string
  default     = ""
}

variable "tags" {
  description = "Tags added to every AWS resource this module creates, the load balancers of expose_services included (EKS's cloud provider takes them as key=value pairs separated by commas, so with expose_services no key or value may contain \",\" or \"=\")."
  type        = map(string)
  default     = {}

  validation {
    condition     = !var.expose_services || alltrue([for k, v in var.tags : !strcontains("${k}${v}", ",") && !strcontains("${k}${v}", "=")])
    error_message = "With expose_services, tags keys and values must not contain \",\" or \"=\" (the load balancers' tag annotation separates pairs with them); got ${jsonencode([for k, v in var.tags : k if strcontains("${k}${v}", ",") || strcontains("${k}${v}", "=")])}."
  }
}

variable "task_service_account_name" {
  description = "Name of the service account Metaflow's step pods run as (METAFLOW_KUBERNETES_SERVICE_ACCOUNT)."
  type        = string
  default     = "metaflow-task"
}

variable "ui_service_account_name" {
  description = "Name of the service account of the UI pods; annotated with metaflow_task_role_arn so the UI backend can read artifacts."
  type        = string
  default     = "metaflow-ui"
}

variable "ui_static_container_image" {
  description = "Image of the UI frontend, as REPOSITORY:TAG. Empty uses the module's pinned default."
  type        = string
  default     = ""
}

variable "expose_services" {
  description = "Put the metadata service, the UI (frontend and backend) and, with deploy_argo_workflows, the Argo Workflows server behind internal Network Load Balancers (Kubernetes LoadBalancer services) that admit only load_balancer_source_cidr_blocks, so clients in the VPC or on its VPN reach them without kubectl port-forward. The private subnets must carry the tag kubernetes.io/role/internal-elb=1 (the module-built VPC has it)."
  type        = bool
  default     = false
}

variable "load_balancer_source_cidr_blocks" {
  description = "IPv4 CIDR blocks allowed through the load balancers of expose_services, such as the VPC's CIDR and your VPN's. Required (non-empty) when expose_services is true, so no load balancer is ever open to any address."
  type        = list(string)
  default     = []

  validation {
    condition     = !var.expose_services || length(var.load_balancer_source_cidr_blocks) > 0
    error_message = "load_balancer_source_cidr_blocks must hold at least one CIDR block (such as the VPC's) when expose_services is true."
  }
}

variable "deploy_argo_workflows" {
  description = "Install Argo Workflows (the argo-workflows chart of the Argo project) into kubernetes_namespace, restricted to that namespace, so `python flow.py argo-workflows create` deploys flows to it. Metaflow's workflow pods run as task_service_account_name, which gets the Kubernetes permissions they need."
  type        = bool
  default     = false
}

variable "deploy_argo_events" {
  description = "Install Argo Events (the argo-events chart of the Argo project) into kubernetes_namespace with a JetStream event bus, a webhook event source and a service account for Metaflow's sensors, so flows can be triggered by events (@trigger, @trigger_on_finish). Requires deploy_argo_workflows."
  type        = bool
  default     = false

  validation {
    condition     = !var.deploy_argo_events || var.deploy_argo_workflows
    error_message = "deploy_argo_events needs Argo Workflows, whose workflows the sensors start: set deploy_argo_workflows = true."
  }
}
