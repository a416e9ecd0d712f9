package deploy

import "testing"

func TestRedact(t *testing.T) {
	tests := []struct{ in, want string }{
		{"arn:aws:batch:us-west-2:123456789012:job-queue/mfdt-abc-batch-queue", "arn:aws:batch:us-west-2:<account-id>:job-queue/mfdt-abc-batch-queue"},
		{"123456789012.dkr.ecr.us-west-2.amazonaws.com/x", "<account-id>.dkr.ecr.us-west-2.amazonaws.com/x"},
		{"  + certificate_arn = \"arn:aws:acm:us-west-2:000011112222:certificate/abcd\"", "  + certificate_arn = \"arn:aws:acm:us-west-2:<account-id>:certificate/abcd\""},
		// Not account ids: longer digit runs (epoch millis) and short ones stay.
		{"created 1764072000000, port 5432", "created 1764072000000, port 5432"},
	}
	for _, tc := range tests {
		if got := Redact(tc.in); got != tc.want {
			t.Errorf("Redact(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
