// Package fakests answers the one AWS STS call a plan makes,
// GetCallerIdentity, as the real service does (Query protocol: a form POST,
// an XML answer with text/xml), so data "aws_caller_identity" reads
// offline through the provider's sts endpoint setting. Every other action
// gets STS's own InvalidAction error.
package fakests

import (
	"encoding/xml"
	"fmt"
	"net/http"
	"net/http/httptest"
)

// Identity is who the fake says the caller is.
type Identity struct {
	Account, Arn, UserID string
}

// Handler serves STS for identity.
func Handler(id Identity) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			writeError(w, http.StatusBadRequest, "Sender", "InvalidAction", "Could not find operation "+r.Method+" for version 2011-06-15")
			return
		}
		if err := r.ParseForm(); err != nil {
			writeError(w, http.StatusBadRequest, "Sender", "MalformedInput", err.Error())
			return
		}
		if action := r.PostForm.Get("Action"); action != "GetCallerIdentity" {
			writeError(w, http.StatusBadRequest, "Sender", "InvalidAction", fmt.Sprintf("Could not find operation %s for version %s", action, r.PostForm.Get("Version")))
			return
		}
		body, _ := xml.Marshal(getCallerIdentityResponse{
			Xmlns:     "https://sts.amazonaws.com/doc/2011-06-15/",
			Result:    getCallerIdentityResult{Arn: id.Arn, UserID: id.UserID, Account: id.Account},
			RequestID: "c6104cbe-af31-11e0-8154-cbc7ccf896c7",
		})
		w.Header().Set("Content-Type", "text/xml")
		w.Header().Set("x-amzn-RequestId", "c6104cbe-af31-11e0-8154-cbc7ccf896c7")
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write(body)
	})
}

// Start serves STS on a loopback port; its URL goes in the provider's
// endpoints { sts = ... }.
func Start(id Identity) *httptest.Server { return httptest.NewServer(Handler(id)) }

type getCallerIdentityResponse struct {
	XMLName   xml.Name                `xml:"GetCallerIdentityResponse"`
	Xmlns     string                  `xml:"xmlns,attr"`
	Result    getCallerIdentityResult `xml:"GetCallerIdentityResult"`
	RequestID string                  `xml:"ResponseMetadata>RequestId"`
}

type getCallerIdentityResult struct {
	Arn     string `xml:"Arn"`
	UserID  string `xml:"UserId"`
	Account string `xml:"Account"`
}

type errorResponse struct {
	XMLName   xml.Name `xml:"ErrorResponse"`
	Xmlns     string   `xml:"xmlns,attr"`
	Type      string   `xml:"Error>Type"`
	Code      string   `xml:"Error>Code"`
	Message   string   `xml:"Error>Message"`
	RequestID string   `xml:"RequestId"`
}

func writeError(w http.ResponseWriter, status int, typ, code, msg string) {
	body, _ := xml.Marshal(errorResponse{Xmlns: "https://sts.amazonaws.com/doc/2011-06-15/", Type: typ, Code: code, Message: msg, RequestID: "c6104cbe-af31-11e0-8154-cbc7ccf896c8"})
	w.Header().Set("Content-Type", "text/xml")
	w.WriteHeader(status)
	_, _ = w.Write(body)
}
