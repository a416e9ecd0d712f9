package offline

// validationTable lists every module whose variables.tf is exercised, with
// the base values that make it valid and its cases.
func validationTable() []moduleValidations {
	mods := []moduleValidations{
		rootCases(),
		commonCases(),
		profileCases(),
		datastoreCases(),
		computationCases(),
		metadataServiceCases(),
		stepFunctionsCases(),
		uiCases(),
		executionRoleCases(),
		servicesCases(),
	}
	return mods
}
