package fakests

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/sts"
)

// The AWS SDK itself reads the answer: what the real provider does.
func TestGetCallerIdentityThroughTheSDK(t *testing.T) {
	srv := Start(Identity{Account: "123456789012", Arn: "arn:aws:iam::123456789012:user/terraform", UserID: "AIDAEXAMPLE"})
	defer srv.Close()
	client := sts.New(sts.Options{
		Region:       "eu-west-1",
		Credentials:  credentials.NewStaticCredentialsProvider("AKIAIOSFODNN7EXAMPLE", "secret", ""),
		BaseEndpoint: aws.String(srv.URL),
	})
	out, err := client.GetCallerIdentity(context.Background(), &sts.GetCallerIdentityInput{})
	if err != nil {
		t.Fatal(err)
	}
	if aws.ToString(out.Account) != "123456789012" || aws.ToString(out.Arn) != "arn:aws:iam::123456789012:user/terraform" || aws.ToString(out.UserId) != "AIDAEXAMPLE" {
		t.Errorf("GetCallerIdentity = %+v", out)
	}
}

func TestOtherActionsAreRefusedAsSTSDoes(t *testing.T) {
	srv := Start(Identity{Account: "123456789012"})
	defer srv.Close()
	resp, err := http.PostForm(srv.URL, url.Values{"Action": {"AssumeRole"}, "Version": {"2011-06-15"}})
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusBadRequest || resp.Header.Get("Content-Type") != "text/xml" ||
		!strings.Contains(string(body), "<Code>InvalidAction</Code>") || !strings.Contains(string(body), "<Type>Sender</Type>") {
		t.Errorf("AssumeRole: %d %s %s", resp.StatusCode, resp.Header.Get("Content-Type"), body)
	}
}
