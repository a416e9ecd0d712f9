package versiongap

// AWS5 lists every difference between hashicorp/aws 6.x and 5.x that our HCL
// meets, so that a temporary copy of it can be planned with the 5.x binary
// the machine has. Compare fails on any other difference, and on an entry
// here that no use needs any more.
var AWS5 = []Rename{
	{
		Kind: Data, Type: "aws_region", Path: "region", To: "name",
		Why: "6.0 deprecated the data source's name attribute in favour of region (the per-resource region argument); 5.x has only name",
	},
	{
		Kind: Resource, Type: "aws_batch_compute_environment", Path: "name_prefix", To: "compute_environment_name_prefix",
		Why: "6.0 renamed compute_environment_name_prefix to name_prefix",
	},
}
