package verify

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
)

// On EKS the metadata service is exposed by an internal load balancer: only
// a client inside the VPC (or on its VPN) reaches it. Everywhere else a user
// does what Metaflow's documentation says, `kubectl port-forward` to the
// service, and points METAFLOW_SERVICE_URL at the local end; step pods keep
// METAFLOW_SERVICE_INTERNAL_URL. PortForward does the same for the e2e check.
// The tunnel goes through the API server to the kubelet (port 10250, which
// the node security group admits from the control plane), so it needs no
// rule for the service's own port.

// KubectlInstall is what a runner without kubectl is told.
const KubectlInstall = "install kubectl (https://kubernetes.io/docs/tasks/tools/)"

// PortForward describes `kubectl port-forward` to a service.
type PortForward struct {
	// Kubectl is a path, or a name looked up in PATH ("" means kubectl).
	Kubectl string
	// Kubeconfig is the file kubectl reads (WriteKubeconfig's).
	Kubeconfig string
	Namespace  string
	Service    string
	// Port is the service port to forward to.
	Port int
	// Env is kubectl's environment (the exec credential plugin inherits
	// it); nil means the test process's.
	Env []string
	// Logf receives kubectl's output (but not its per-connection lines)
	// and the restarts.
	Logf func(format string, args ...any)
	// StartTimeout bounds each start until kubectl says it forwards;
	// 0 means 2 minutes (the first call runs the credential plugin).
	StartTimeout time.Duration
	// Restarts bounds how often a kubectl that ended (a lost connection,
	// a restarted pod) is started again on the same local port; 0 means 5.
	Restarts int
	// RestartPause is the pause before each restart; 0 means 2s.
	RestartPause time.Duration
}

// Forward is a running port-forward.
type Forward struct {
	// URL is http://127.0.0.1:PORT/, the local end.
	URL       string
	LocalPort int
	cancel    context.CancelFunc
	done      chan struct{}
}

// Close stops kubectl and waits for it.
func (f *Forward) Close() {
	f.cancel()
	<-f.done
}

// forwardingLine is what kubectl prints once it listens:
// "Forwarding from 127.0.0.1:43215 -> 8080".
var forwardingLine = regexp.MustCompile(`^Forwarding from 127\.0\.0\.1:(\d+) -> (\d+)`)

// ServiceFromInternalURL reads the service, namespace and port out of an
// in-cluster URL, http://SERVICE.NAMESPACE.svc.cluster.local:PORT/ (the
// form of METAFLOW_SERVICE_INTERNAL_URL on EKS).
func ServiceFromInternalURL(raw string) (service, namespace string, port int, err error) {
	u, err := url.Parse(raw)
	if err != nil {
		return "", "", 0, fmt.Errorf("in-cluster URL %q: %w", raw, err)
	}
	labels := strings.Split(u.Hostname(), ".")
	if len(labels) < 3 || labels[2] != "svc" || labels[0] == "" || labels[1] == "" {
		return "", "", 0, fmt.Errorf("in-cluster URL %q is not http://SERVICE.NAMESPACE.svc...", raw)
	}
	port = 80
	if p := u.Port(); p != "" {
		port, err = strconv.Atoi(p)
		if err != nil || port <= 0 || port > 65535 {
			return "", "", 0, fmt.Errorf("in-cluster URL %q: bad port", raw)
		}
	}
	return labels[0], labels[1], port, nil
}

// Start runs kubectl port-forward on a free local port of 127.0.0.1 and
// returns once kubectl forwards. It keeps kubectl running (starting it again
// on the same port when it ends) until Close or until ctx ends. A missing
// kubectl is an *E2ESkip.
func (p PortForward) Start(ctx context.Context) (*Forward, error) {
	name := p.Kubectl
	if name == "" {
		name = "kubectl"
	}
	kubectl, err := exec.LookPath(name)
	if err != nil {
		return nil, &E2ESkip{Reason: fmt.Sprintf("%s not found (%v); %s", name, err, KubectlInstall)}
	}
	if p.Service == "" || p.Namespace == "" || p.Port <= 0 || p.Kubeconfig == "" {
		return nil, fmt.Errorf("port-forward: service %q, namespace %q, port %d and a kubeconfig are required", p.Service, p.Namespace, p.Port)
	}
	if p.Logf == nil {
		p.Logf = func(string, ...any) {}
	}
	ctx, cancel := context.WithCancel(ctx)
	proc, err := p.start(ctx, kubectl, 0)
	if err != nil {
		cancel()
		return nil, err
	}
	f := &Forward{URL: fmt.Sprintf("http://127.0.0.1:%d/", proc.port), LocalPort: proc.port, cancel: cancel, done: make(chan struct{})}
	p.Logf("[port-forward] %s forwards service/%s:%d in %s", f.URL, p.Service, p.Port, p.Namespace)
	go func() {
		defer close(f.done)
		p.supervise(ctx, kubectl, proc)
	}()
	return f, nil
}

// forwardProc is one kubectl that forwards.
type forwardProc struct {
	port   int
	exited <-chan error
	out    *tailBuffer
}

func (p PortForward) target() string {
	return fmt.Sprintf("service/%s:%d in %s", p.Service, p.Port, p.Namespace)
}

// start runs one kubectl: on local (0 lets kubectl choose) and waits until
// it prints that it forwards.
func (p PortForward) start(ctx context.Context, kubectl string, local int) (*forwardProc, error) {
	timeout := p.StartTimeout
	if timeout <= 0 {
		timeout = 2 * time.Minute
	}
	localSpec := ""
	if local > 0 {
		localSpec = strconv.Itoa(local)
	}
	pctx, pcancel := context.WithCancel(ctx)
	cmd := exec.CommandContext(pctx, kubectl, "--kubeconfig", p.Kubeconfig, "--namespace", p.Namespace,
		"port-forward", "--address", "127.0.0.1", "service/"+p.Service, localSpec+":"+strconv.Itoa(p.Port))
	cmd.Env = p.Env
	if cmd.Env == nil {
		cmd.Env = os.Environ()
	}
	// The credential plugin kubectl runs inherits its output; do not wait
	// long for it once kubectl is gone.
	cmd.WaitDelay = 10 * time.Second
	pr, pw := io.Pipe()
	cmd.Stdout, cmd.Stderr = pw, pw
	if err := cmd.Start(); err != nil {
		pcancel()
		return nil, fmt.Errorf("port-forward: starting %s: %w", kubectl, err)
	}
	out := &tailBuffer{max: 10}
	ports := make(chan int, 1)
	go func() {
		sc := bufio.NewScanner(pr)
		for sc.Scan() {
			line := strings.TrimSpace(ansiEscape.ReplaceAllString(sc.Text(), ""))
			if m := forwardingLine.FindStringSubmatch(line); m != nil {
				if n, err := strconv.Atoi(m[1]); err == nil {
					select {
					case ports <- n:
					default:
					}
				}
				continue
			}
			if line == "" || strings.HasPrefix(line, "Handling connection for ") {
				continue
			}
			out.add(line)
			p.Logf("[port-forward] %s", line)
		}
		_, _ = io.Copy(io.Discard, pr)
	}()
	exited := make(chan error, 1)
	go func() {
		err := cmd.Wait()
		_ = pw.Close()
		pcancel()
		exited <- err
	}()
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	select {
	case port := <-ports:
		if local > 0 && port != local {
			pcancel()
			<-exited
			return nil, fmt.Errorf("port-forward: kubectl forwards from port %d, asked for %d", port, local)
		}
		return &forwardProc{port: port, exited: exited, out: out}, nil
	case err := <-exited:
		return nil, fmt.Errorf("port-forward to %s: kubectl ended before forwarding (%v): %s", p.target(), err, out.String())
	case <-timer.C:
		pcancel()
		<-exited
		return nil, fmt.Errorf("port-forward to %s: kubectl did not forward within %s: %s", p.target(), timeout, out.String())
	case <-ctx.Done():
		pcancel()
		<-exited
		return nil, fmt.Errorf("port-forward to %s: %w", p.target(), ctx.Err())
	}
}

// supervise waits for kubectl to end and starts it again on the same local
// port, up to p.Restarts times, until ctx ends.
func (p PortForward) supervise(ctx context.Context, kubectl string, proc *forwardProc) {
	restarts := p.Restarts
	if restarts <= 0 {
		restarts = 5
	}
	pause := p.RestartPause
	if pause <= 0 {
		pause = 2 * time.Second
	}
	port := proc.port
	for attempt := 1; ; attempt++ {
		if proc != nil {
			var err error
			select {
			case err = <-proc.exited:
			case <-ctx.Done():
				<-proc.exited
				return
			}
			if ctx.Err() != nil {
				return
			}
			p.Logf("[port-forward] kubectl forwarding 127.0.0.1:%d to %s ended (%v): %s", port, p.target(), err, proc.out.String())
		}
		if attempt > restarts {
			p.Logf("[port-forward] not starting kubectl again: it ended %d times; 127.0.0.1:%d no longer answers", restarts, port)
			return
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(pause):
		}
		next, err := p.start(ctx, kubectl, port)
		if err != nil {
			if ctx.Err() != nil {
				return
			}
			p.Logf("[port-forward] restart %d/%d failed: %v", attempt, restarts, err)
			proc = nil
			continue
		}
		p.Logf("[port-forward] restart %d/%d: forwarding 127.0.0.1:%d to %s again", attempt, restarts, port, p.target())
		proc = next
	}
}

// tailBuffer keeps the last lines written to it.
type tailBuffer struct {
	mu    sync.Mutex
	max   int
	lines []string
}

func (b *tailBuffer) add(line string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.lines = append(b.lines, line)
	if len(b.lines) > b.max {
		b.lines = b.lines[len(b.lines)-b.max:]
	}
}

func (b *tailBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.lines) == 0 {
		return "(no output)"
	}
	return strings.Join(b.lines, " | ")
}
