package inventory

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/aws/smithy-go"
)

// step is one entry of the deletion order: what to do to every resource of
// one type. A type may have several steps (security groups: revoke every
// rule first, so groups that reference each other can go, then delete).
type step struct {
	Type string // Service:Type, as Resource.Key()
	What string // for logs and the dry run
	Do   func(ctx context.Context, c *Clients, r Resource) error
}

// Delete removes rs in dependency order (see steps in deleters.go). One
// resource failing does not stop the others; a failed resource is skipped in
// its later steps. A resource already gone counts as deleted. The returned
// error joins one error per resource left, each starting with its ARN.
// Types AWS deletes with their parent are only logged.
func Delete(ctx context.Context, c *Clients, rs []Resource, logf func(format string, args ...any)) error {
	return deleteWith(ctx, c, steps(), leftToAWS(), rs, logf)
}

func deleteWith(ctx context.Context, c *Clients, plan []step, auto map[string]string, rs []Resource, logf func(string, ...any)) error {
	if logf == nil {
		logf = func(string, ...any) {}
	}
	byType := map[string][]Resource{}
	seen := map[string]bool{}
	for _, r := range rs {
		if seen[r.ARN] {
			continue
		}
		seen[r.ARN] = true
		byType[r.Key()] = append(byType[r.Key()], r)
	}
	for _, list := range byType {
		sort.Slice(list, func(i, j int) bool { return list[i].ARN < list[j].ARN })
	}

	var errs []error
	handled := map[string]bool{}
	for _, s := range plan {
		handled[s.Type] = true
	}
	var keys []string
	for k := range byType {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if why, ok := auto[k]; ok {
			for _, r := range byType[k] {
				logf("left to AWS (%s): %s", why, r.ARN)
			}
			continue
		}
		if !handled[k] {
			for _, r := range byType[k] {
				errs = append(errs, fmt.Errorf("%s: no deleter for type %s: delete it by hand", r.ARN, k))
			}
		}
	}

	finished := map[string]bool{} // failed or already gone: no later steps
	for _, s := range plan {
		for _, r := range byType[s.Type] {
			if finished[r.ARN] {
				continue
			}
			if err := ctx.Err(); err != nil {
				finished[r.ARN] = true
				errs = append(errs, fmt.Errorf("%s: %s: not attempted: %w", r.ARN, s.What, err))
				continue
			}
			logf("%s: %s", s.What, r.ARN)
			err := s.Do(ctx, c, r)
			switch {
			case err == nil:
			case isGone(err):
				finished[r.ARN] = true
				logf("already gone: %s", r.ARN)
			default:
				finished[r.ARN] = true
				errs = append(errs, fmt.Errorf("%s: %s: %w", r.ARN, s.What, err))
			}
		}
	}
	return errors.Join(errs...)
}

// Plan is the dry run of Delete: resources grouped by type in the order
// Delete handles them. Auto holds types AWS removes with their parent;
// Unknown those Delete has no deleter for.
type Plan struct {
	Groups  []PlanGroup
	Auto    []PlanGroup
	Unknown []Resource
}

// PlanGroup is one resource type and what Delete does to it.
type PlanGroup struct {
	Type      string
	Steps     []string // for Auto: why AWS removes it
	Resources []Resource
}

// PlanDeletion groups rs as Delete would walk them, without calling AWS.
func PlanDeletion(rs []Resource) Plan {
	byType := map[string][]Resource{}
	seen := map[string]bool{}
	for _, r := range rs {
		if !seen[r.ARN] {
			seen[r.ARN] = true
			byType[r.Key()] = append(byType[r.Key()], r)
		}
	}
	var p Plan
	index := map[string]int{}
	for _, s := range steps() {
		list, ok := byType[s.Type]
		if !ok {
			continue
		}
		if i, ok := index[s.Type]; ok {
			p.Groups[i].Steps = append(p.Groups[i].Steps, s.What)
			continue
		}
		sort.Slice(list, func(i, j int) bool { return list[i].ARN < list[j].ARN })
		index[s.Type] = len(p.Groups)
		p.Groups = append(p.Groups, PlanGroup{Type: s.Type, Steps: []string{s.What}, Resources: list})
	}
	auto := leftToAWS()
	var rest []string
	for k := range byType {
		if _, ok := index[k]; !ok {
			rest = append(rest, k)
		}
	}
	sort.Strings(rest)
	for _, k := range rest {
		list := byType[k]
		sort.Slice(list, func(i, j int) bool { return list[i].ARN < list[j].ARN })
		if why, ok := auto[k]; ok {
			p.Auto = append(p.Auto, PlanGroup{Type: k, Steps: []string{why}, Resources: list})
		} else {
			p.Unknown = append(p.Unknown, list...)
		}
	}
	return p
}

// stepRank is the position of each type's first step.
func stepRank() map[string]int {
	rank := map[string]int{}
	for i, s := range steps() {
		if _, ok := rank[s.Type]; !ok {
			rank[s.Type] = i
		}
	}
	return rank
}

// isGone reports whether err is the service saying the resource does not
// exist (any more): error codes such as NoSuchEntity, DBInstanceNotFound,
// InvalidGroup.NotFound, ResourceNotFoundException, NotFoundException.
func isGone(err error) bool {
	var ae smithy.APIError
	if !errors.As(err, &ae) {
		return false
	}
	code := ae.ErrorCode()
	return strings.Contains(code, "NotFound") || strings.HasPrefix(code, "NoSuch")
}

// hasCode reports whether err is an AWS API error with one of codes.
func hasCode(err error, codes ...string) bool {
	var ae smithy.APIError
	if !errors.As(err, &ae) {
		return false
	}
	for _, c := range codes {
		if ae.ErrorCode() == c {
			return true
		}
	}
	return false
}

// waitFor polls cond every c.poll() until it reports done, fails, or
// c.timeout() passes.
func waitFor(ctx context.Context, c *Clients, what string, cond func(context.Context) (bool, error)) error {
	deadline := time.Now().Add(c.timeout())
	for {
		done, err := cond(ctx)
		if err != nil {
			return err
		}
		if done {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("gave up after %s waiting for %s", c.timeout(), what)
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("waiting for %s: %w", what, ctx.Err())
		case <-time.After(c.poll()):
		}
	}
}

// hasCodeMessage reports whether err is an AWS API error with code whose
// message contains msg: for codes AWS also uses for errors no wait cures.
func hasCodeMessage(err error, code, msg string) bool {
	var ae smithy.APIError
	if !errors.As(err, &ae) {
		return false
	}
	return ae.ErrorCode() == code && strings.Contains(ae.ErrorMessage(), msg)
}

// retryWhile calls do until it succeeds or fails with an error whose code
// is not one of codes (AWS says "still in use, try later" with them),
// within c.timeout().
func retryWhile(ctx context.Context, c *Clients, what string, do func(context.Context) error, codes ...string) error {
	return retryIf(ctx, c, what, do, func(err error) bool { return hasCode(err, codes...) })
}

// retryIf calls do until it succeeds or fails with an error retryable
// does not accept, within c.timeout().
func retryIf(ctx context.Context, c *Clients, what string, do func(context.Context) error, retryable func(error) bool) error {
	var last error
	err := waitFor(ctx, c, what, func(ctx context.Context) (bool, error) {
		last = do(ctx)
		if last != nil && retryable(last) {
			return false, nil
		}
		return true, last
	})
	if err != nil && last != nil && !errors.Is(err, last) {
		return fmt.Errorf("%w (last error: %v)", err, last)
	}
	return err
}

// waitGone polls describe until it returns a not-found error or gone=true.
func waitGone(ctx context.Context, c *Clients, what string, describe func(context.Context) (gone bool, err error)) error {
	return waitFor(ctx, c, what+" to be deleted", func(ctx context.Context) (bool, error) {
		gone, err := describe(ctx)
		if err != nil {
			if isGone(err) {
				return true, nil
			}
			return false, err
		}
		return gone, nil
	})
}
