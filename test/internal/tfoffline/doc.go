// Package tfoffline runs the real terraform binary on provider-free
// configurations (a module's variables.tf on its own, or a pure logic module)
// through Terratest, so validation rules and logic are evaluated exactly as a
// user's plan would evaluate them, with no network and no cloud account.
package tfoffline
