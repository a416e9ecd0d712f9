# lf_tag.value exists in hashicorp/aws 6.25.0; 6.66.0 has values instead.
resource "aws_lakeformation_opt_in" "this" {
  principal {
    data_lake_principal_identifier = "arn:aws:iam::123456789012:role/fixture"
  }

  resource_data {
    lf_tag {
      key   = "team"
      value = "ml"
    }
  }
}
