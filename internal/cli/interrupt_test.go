package cli

import (
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// TestInterruptBeforeAnythingIsSent interrupts dnsctl (SIGINT as Ctrl-C
// does, or SIGTERM) while it evaluates an endless dnsconfig.js, and while
// it reads a zone from a Route 53 endpoint that never answers. Nothing is
// in flight either time: the process must exit at once with status 1 (as an
// interrupted push does) and one line on standard error that says so,
// never "finishing the requests in flight".
func TestInterruptBeforeAnythingIsSent(t *testing.T) {
	bin := buildDnsctl(t)
	var mu sync.Mutex
	var requests []string
	asked := make(chan struct{}, 100)
	hang := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		requests = append(requests, r.Method+" "+r.URL.Path)
		mu.Unlock()
		asked <- struct{}{}
		<-r.Context().Done() // never answers
	}))
	defer hang.Close()
	defer hang.CloseClientConnections()

	dir := t.TempDir()
	for name, data := range map[string]string{
		"loop.js": "var REG = NewRegistrar('none');\nconsole.log('looping');\nvar n = 0;\nwhile (true) { n++; }\n",
		"r53.js":  "D('example.com', NewRegistrar('none'), DnsProvider(NewDnsProvider('r53')), A('www', '192.0.2.1'));\n",
		"creds.json": `{ "r53": { "TYPE": "ROUTE53", "KeyId": "AKIDEXAMPLE", "SecretKey": "secret",
			"Endpoint": "` + hang.URL + `" } }`,
		".aws-config": "", ".aws-credentials": "",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	evaluating := func(_, stderr *syncBuf) bool { return strings.Contains(stderr.String(), "looping\n") }
	reading := func(_, _ *syncBuf) bool {
		select {
		case <-asked:
			return true
		default:
			return false
		}
	}
	loopLine := regexp.MustCompile(`loop\.js:[234];`)
	const evalMsg = "dnsctl: interrupted while evaluating loop.js:4; stopped, nothing was changed"
	const readMsg = "dnsctl: interrupted; stopping, nothing was changed"
	for _, tc := range []struct {
		name    string
		args    []string
		sig     syscall.Signal
		ready   func(stdout, stderr *syncBuf) bool
		stderr  string // all of it, once the "looping" line is taken out
		stdouts []string
	}{
		{"check evaluating SIGINT", []string{"check", "--config", "loop.js"}, syscall.SIGINT, evaluating, evalMsg + "\n", nil},
		{"preview evaluating SIGTERM", []string{"preview", "--config", "loop.js"}, syscall.SIGTERM, evaluating, evalMsg + "\n", nil},
		{"push evaluating SIGINT", []string{"push", "--config", "loop.js"}, syscall.SIGINT, evaluating, evalMsg + "\n", nil},
		{"print-ir evaluating SIGTERM", []string{"print-ir", "--config", "loop.js"}, syscall.SIGTERM, evaluating, evalMsg + "\n", nil},
		{"no time limit SIGINT", []string{"check", "--config", "loop.js", "--eval-timeout", "0"}, syscall.SIGINT, evaluating, evalMsg + "\n", nil},
		{"preview reading SIGINT", []string{"preview", "--config", "r53.js"}, syscall.SIGINT, reading, readMsg + "\n",
			[]string{"INTERRUPTED: the run was interrupted while reading this zone."}},
		{"push planning SIGTERM", []string{"push", "--config", "r53.js", "--report", "report.json"}, syscall.SIGTERM, reading, readMsg + "\n",
			[]string{"NOTHING PUSHED: the run was interrupted while planning"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cmd := exec.Command(bin, tc.args...)
			cmd.Dir = dir
			cmd.Env = append(os.Environ(), "AWS_CONFIG_FILE="+filepath.Join(dir, ".aws-config"),
				"AWS_SHARED_CREDENTIALS_FILE="+filepath.Join(dir, ".aws-credentials"), "AWS_EC2_METADATA_DISABLED=true")
			var stdout, stderr syncBuf
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			exited := make(chan struct{})
			go func() { cmd.Wait(); close(exited) }()
			defer func() {
				cmd.Process.Kill()
				<-exited
			}()
			for deadline := time.Now().Add(time.Minute); !tc.ready(&stdout, &stderr); time.Sleep(10 * time.Millisecond) {
				select {
				case <-exited:
					t.Fatalf("dnsctl ended before the interrupt:\n%s%s", stdout.String(), stderr.String())
				default:
				}
				if time.Now().After(deadline) {
					t.Fatalf("dnsctl never got ready for the interrupt:\n%s%s", stdout.String(), stderr.String())
				}
			}
			if err := cmd.Process.Signal(tc.sig); err != nil {
				t.Fatal(err)
			}
			// A generous bound: "at once" is well within it, a run that
			// goes on (to the 60 s time limit, or for ever) is not.
			select {
			case <-exited:
			case <-time.After(10 * time.Second):
				t.Fatalf("dnsctl still running 10s after %v:\n%s%s", tc.sig, stdout.String(), stderr.String())
			}
			if code := cmd.ProcessState.ExitCode(); code != 1 {
				t.Errorf("exit status %d, want 1", code)
			}
			// The signal lands somewhere after console.log returns: on line
			// 2, 3 or 4 of loop.js (goja may also name the statement before
			// the loop); which one is a matter of timing.
			got := strings.Replace(stderr.String(), "looping\n", "", 1)
			got = loopLine.ReplaceAllString(got, "loop.js:4;")
			if got != tc.stderr {
				t.Errorf("stderr:\n%s\nwant:\n%s", got, tc.stderr)
			}
			for _, want := range tc.stdouts {
				if !strings.Contains(stdout.String(), want) {
					t.Errorf("stdout lacks %q:\n%s", want, stdout.String())
				}
			}
		})
	}
	mu.Lock()
	defer mu.Unlock()
	t.Logf("requests to the endpoint that never answers: %v", requests)
	for _, r := range requests {
		if strings.HasPrefix(r, "POST") && strings.Contains(r, "/rrset") {
			t.Errorf("a change request was sent: %s", r)
		}
	}
}
