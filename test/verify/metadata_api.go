package verify

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"time"
)

// The metadata service's write/read API as Metaflow's client uses it
// (metaflow/plugins/metadata_providers/service.py against
// metaflow-service services/metadata_service/api):
//
//	GET  flows/{flow_id}                    200 the flow, 404 when unknown
//	POST flows/{flow_id}                    {"flow_id", "ts_epoch"}; 200 the new flow, 409 when it exists
//	POST flows/{flow_id}/run                {"flow_id", "user_name", "tags", "system_tags", "ts_epoch"};
//	                                        200 the new run, with its "run_number"
//	GET  flows/{flow_id}/runs/{run_number}  200 the run
//
// Paths are joined to METAFLOW_SERVICE_URL; the client sends
// METAFLOW_SERVICE_HEADERS (here the API key) on every request.

// RoundTripUser is the user_name the round trip's run is registered under.
const RoundTripUser = "terraform-aws-metaflow-verify"

// flowNameRE is what Metaflow accepts as a flow name (a Python class name),
// which also keeps the name safe in a URL path.
var flowNameRE = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// metadataObject is the part of a flow or run the round trip reads back.
type metadataObject struct {
	FlowID    string          `json:"flow_id"`
	RunNumber json.RawMessage `json:"run_number"`
}

// MetadataRoundTrip writes through the metadata API and reads back, as a
// Metaflow run does: it registers flowName (unless it exists), creates a new
// run under it, then reads that run back and requires the same flow_id and
// run_number. It returns the run number. headers (the x-api-key) are sent on
// every request and never appear in errors. A 503 or a transport error is
// ErrNotReady (Metaflow's client retries those too); other failures are final.
func MetadataRoundTrip(ctx context.Context, client HTTPDoer, serviceURL string, headers map[string]string, flowName string) (string, error) {
	if serviceURL == "" {
		return "", errors.New("metadata: service URL is empty (is METAFLOW_SERVICE_URL set by this example?)")
	}
	if !flowNameRE.MatchString(flowName) {
		return "", fmt.Errorf("metadata: %q is not a Metaflow flow name", flowName)
	}
	flowPath := "flows/" + flowName
	now := time.Now().UnixMilli()

	flowMethod := http.MethodGet
	resp, err := metadataCall(ctx, client, serviceURL, headers, http.MethodGet, flowPath, nil)
	if err != nil {
		return "", err
	}
	if resp.Status == http.StatusNotFound {
		flowMethod = http.MethodPost
		resp, err = metadataCall(ctx, client, serviceURL, headers, http.MethodPost, flowPath,
			map[string]any{"flow_id": flowName, "ts_epoch": now})
		if err != nil {
			return "", err
		}
		if resp.Status == http.StatusConflict { // created meanwhile: read it, as the client does
			flowMethod = http.MethodGet
			if resp, err = metadataCall(ctx, client, serviceURL, headers, http.MethodGet, flowPath, nil); err != nil {
				return "", err
			}
		}
	}
	flow, err := metadataAnswer(resp, flowMethod, flowPath)
	if err != nil {
		return "", err
	}
	if flow.FlowID != flowName {
		return "", fmt.Errorf("metadata: %s answered flow_id %q, want %q", flowPath, flow.FlowID, flowName)
	}

	runPath := flowPath + "/run"
	resp, err = metadataCall(ctx, client, serviceURL, headers, http.MethodPost, runPath, map[string]any{
		"flow_id":     flowName,
		"user_name":   RoundTripUser,
		"tags":        []string{},
		"system_tags": []string{"user:" + RoundTripUser},
		"ts_epoch":    now,
	})
	if err != nil {
		return "", err
	}
	created, err := metadataAnswer(resp, http.MethodPost, runPath)
	if err != nil {
		return "", err
	}
	runNumber, err := runNumberString(created.RunNumber)
	if err != nil {
		return "", fmt.Errorf("metadata: POST %s: %w; body: %s", runPath, err, Snippet(resp.Body))
	}
	if created.FlowID != flowName {
		return "", fmt.Errorf("metadata: POST %s answered flow_id %q, want %q", runPath, created.FlowID, flowName)
	}

	readPath := flowPath + "/runs/" + url.PathEscape(runNumber)
	resp, err = metadataCall(ctx, client, serviceURL, headers, http.MethodGet, readPath, nil)
	if err != nil {
		return "", err
	}
	run, err := metadataAnswer(resp, http.MethodGet, readPath)
	if err != nil {
		return "", err
	}
	got, err := runNumberString(run.RunNumber)
	if err != nil {
		return "", fmt.Errorf("metadata: GET %s: %w; body: %s", readPath, err, Snippet(resp.Body))
	}
	if run.FlowID != flowName || got != runNumber {
		return "", fmt.Errorf("metadata: GET %s read back flow_id %q run_number %s, want %q and %s", readPath, run.FlowID, got, flowName, runNumber)
	}
	return runNumber, nil
}

// metadataCall sends one request; transport failures are ErrNotReady.
func metadataCall(ctx context.Context, client HTTPDoer, base string, headers map[string]string, method, path string, body any) (Response, error) {
	r := Request{URL: JoinURL(base, path), Method: method, SecretHeaders: headers}
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return Response{}, fmt.Errorf("metadata: encoding %s %s: %w", method, path, err)
		}
		r.Body = b
	}
	resp, err := Send(ctx, client, r)
	if err != nil {
		return Response{}, notReady("metadata: %v", err)
	}
	if resp.Status == http.StatusServiceUnavailable {
		return Response{}, notReady("metadata: %s %s: status 503; body: %s", method, path, Snippet(resp.Body))
	}
	return resp, nil
}

// metadataAnswer requires a 2xx JSON object, as the client does.
func metadataAnswer(resp Response, method, path string) (metadataObject, error) {
	if resp.Status < 200 || resp.Status >= 300 {
		return metadataObject{}, fmt.Errorf("metadata: %s %s: status %d; body: %s", method, path, resp.Status, Snippet(resp.Body))
	}
	var obj metadataObject
	if err := json.Unmarshal(resp.Body, &obj); err != nil {
		return metadataObject{}, fmt.Errorf("metadata: %s %s: answer is not a JSON object: %v; body: %s", method, path, err, Snippet(resp.Body))
	}
	return obj, nil
}

// runNumberString reads run_number, which the service sends as a number (or
// as a string for runs registered with a name).
func runNumberString(raw json.RawMessage) (string, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return "", errors.New("answer has no run_number")
	}
	if raw[0] == '"' {
		var s string
		if err := json.Unmarshal(raw, &s); err != nil || s == "" {
			return "", fmt.Errorf("run_number %s is not usable", raw)
		}
		return s, nil
	}
	n, err := strconv.ParseInt(string(raw), 10, 64)
	if err != nil || n <= 0 {
		return "", fmt.Errorf("run_number %s is not a positive integer", raw)
	}
	return strconv.FormatInt(n, 10), nil
}

// RequiresAPIKey checks that the API at url refuses requests without the API
// key, and with a made-up one, with 403 (API Gateway's answer when a method
// requires a key). A 200 means the API is open to anyone who knows its URL; a
// 5xx means the request got past the gateway to a failing backend (or the
// gateway itself failed), which is not a refusal either. Transport errors are
// ErrNotReady.
func RequiresAPIKey(ctx context.Context, client HTTPDoer, target string) error {
	if target == "" {
		return errors.New("api key: URL is empty")
	}
	for _, probe := range []struct {
		what    string
		headers map[string]string
	}{
		{what: "without an API key"},
		{what: "with a made-up API key", headers: map[string]string{"x-api-key": "verify-not-a-key-0000000000000000000000"}},
	} {
		resp, err := Get(ctx, client, Request{URL: target, SecretHeaders: probe.headers})
		if err != nil {
			return notReady("api key: %v", err)
		}
		switch {
		case resp.Status == http.StatusForbidden:
			continue
		case resp.Status >= 200 && resp.Status < 300:
			return fmt.Errorf("api key: GET %s %s answered %d: the API does not require its key; body: %s", target, probe.what, resp.Status, Snippet(resp.Body))
		case resp.Status >= 500:
			return fmt.Errorf("api key: GET %s %s answered %d (server error), want 403: the request was not refused at the gateway; body: %s", target, probe.what, resp.Status, Snippet(resp.Body))
		default:
			return fmt.Errorf("api key: GET %s %s answered %d, want 403; body: %s", target, probe.what, resp.Status, Snippet(resp.Body))
		}
	}
	return nil
}
