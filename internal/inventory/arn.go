package inventory

import (
	"fmt"
	"strings"
)

// ParseARN splits an ARN into a Resource's Service, Type, ID and Region.
// Type is the resource type as the ARN spells it ("vpc", "db",
// "loadbalancer", "restapis/stages"); ID is what that service's delete API
// takes for it.
func ParseARN(arn string) (Resource, error) {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" || parts[2] == "" || parts[5] == "" {
		return Resource{}, fmt.Errorf("not an ARN: %q", arn)
	}
	r := Resource{ARN: arn, Service: parts[2], Region: parts[3]}
	res := parts[5]
	switch r.Service {
	case "s3":
		// arn:aws:s3:::bucket (objects are not resources here)
		r.Type, r.ID = "bucket", res
		return r, nil
	case "apigateway":
		// /restapis/ID, /restapis/ID/stages/NAME, /apikeys/ID, ...: the type
		// is the collection names, the id the names in between.
		segs := strings.Split(strings.TrimPrefix(res, "/"), "/")
		var kinds, ids []string
		for i, s := range segs {
			if i%2 == 0 {
				kinds = append(kinds, s)
			} else {
				ids = append(ids, s)
			}
		}
		r.Type, r.ID = strings.Join(kinds, "/"), strings.Join(ids, "/")
		return r, nil
	}
	i := strings.IndexAny(res, "/:")
	if i < 0 {
		r.Type, r.ID = res, res
		return r, nil
	}
	r.Type, r.ID = res[:i], res[i+1:]
	switch r.Service + ":" + r.Type {
	case "logs:log-group":
		r.ID = strings.TrimSuffix(r.ID, ":*")
		// Normalize so the same group found two ways dedupes.
		r.ARN = strings.TrimSuffix(r.ARN, ":*")
	case "iam:role", "iam:instance-profile":
		// role/path/name: the APIs take the bare name.
		r.ID = r.ID[strings.LastIndex(r.ID, "/")+1:]
	case "ecs:service", "eks:nodegroup", "eks:addon":
		// service/CLUSTER/NAME, nodegroup/CLUSTER/NAME/UUID
		segs := strings.Split(r.ID, "/")
		if len(segs) >= 2 {
			r.ID = segs[0] + "/" + segs[1]
		}
	case "lambda:function":
		// function:NAME[:QUALIFIER]
		if j := strings.Index(r.ID, ":"); j >= 0 {
			r.ID = r.ID[:j]
		}
	case "iam:policy", "iam:oidc-provider", "secretsmanager:secret", "acm:certificate",
		"elasticloadbalancing:loadbalancer", "elasticloadbalancing:targetgroup",
		"elasticloadbalancing:listener", "elasticloadbalancing:listener-rule",
		"batch:compute-environment", "batch:job-queue", "batch:job-definition":
		// These APIs take the ARN itself.
		r.ID = arn
	}
	return r, nil
}
