# Addresses this module's resources had in outerbounds/metaflow/aws
# modules/step-functions, so a stack built by it keeps them on upgrade
# (UPGRADING.md). v0.12 counted each resource inside an always-called module
# (step_functions_state_table[0]); the refresh branch counted the module
# call: the v0.12 address moves to the refresh one, which moves to ours.

moved {
  from = aws_dynamodb_table.step_functions_state_table[0]
  to   = aws_dynamodb_table.step_functions_state_table
}

moved {
  from = aws_dynamodb_table.step_functions_state_table
  to   = aws_dynamodb_table.this
}

moved {
  from = aws_iam_role.eventbridge_role[0]
  to   = aws_iam_role.eventbridge_role
}

moved {
  from = aws_iam_role.eventbridge_role
  to   = aws_iam_role.eventbridge
}

moved {
  from = aws_iam_role.step_functions_role[0]
  to   = aws_iam_role.step_functions_role
}

moved {
  from = aws_iam_role.step_functions_role
  to   = aws_iam_role.step_functions
}
