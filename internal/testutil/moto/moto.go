// Package moto runs one moto AWS emulator per test binary for integration
// tests that use the real AWS SDK over HTTP.
//
// Start finds moto_server (or falls back to `python3 -m moto.server`),
// starts it on a free loopback port, waits until it answers and returns the
// shared server. When neither is installed the test fails with
// instructions: integration tests are never skipped silently. The server
// is killed when the test binary exits (Main, or the parent-death signal if
// a package does not use Main).
package moto

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// Server is a running moto server.
type Server struct {
	url    string
	cmd    *exec.Cmd
	out    *syncBuffer
	exited chan error
}

var (
	mu       sync.Mutex
	shared   *Server
	startErr error
)

// Main runs the tests of a package and stops the shared server afterwards.
// Use it from TestMain:
//
//	func TestMain(m *testing.M) { moto.Main(m) }
//
// IsolatedMain is Main for packages whose tests must not see the
// machine's AWS configuration: it unsets every AWS_* variable, points the
// SDK's shared config and credentials files at an empty file and turns off
// instance metadata before the tests run.
func IsolatedMain(m *testing.M) {
	for _, kv := range os.Environ() {
		if k, _, _ := strings.Cut(kv, "="); strings.HasPrefix(k, "AWS_") {
			os.Unsetenv(k)
		}
	}
	dir, err := os.MkdirTemp("", "dnsctl-test-aws")
	if err != nil {
		fmt.Fprintln(os.Stderr, "moto:", err)
		os.Exit(1)
	}
	empty := filepath.Join(dir, "empty")
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		fmt.Fprintln(os.Stderr, "moto:", err)
		os.Exit(1)
	}
	os.Setenv("AWS_CONFIG_FILE", empty)
	os.Setenv("AWS_SHARED_CREDENTIALS_FILE", empty)
	os.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	code := m.Run()
	Stop()
	os.RemoveAll(dir)
	os.Exit(code)
}

// Main runs the tests of a package and stops the shared server afterwards.
func Main(m *testing.M) {
	code := m.Run()
	Stop()
	os.Exit(code)
}

// Start returns the shared moto server, starting it on first use. It fails
// tb when moto cannot be started.
func Start(tb testing.TB) *Server {
	tb.Helper()
	mu.Lock()
	defer mu.Unlock()
	if shared != nil {
		return shared
	}
	if startErr != nil {
		tb.Fatalf("moto: %v", startErr)
	}
	s, err := start()
	if err != nil {
		startErr = err
		tb.Fatalf("moto: %v", err)
	}
	shared = s
	return s
}

// Stop kills the shared server, if any.
func Stop() {
	mu.Lock()
	defer mu.Unlock()
	if shared != nil {
		shared.kill()
		shared = nil
	}
}

func command(port int) (*exec.Cmd, error) {
	args := []string{"-H", "127.0.0.1", "-p", strconv.Itoa(port)}
	if path, err := exec.LookPath("moto_server"); err == nil {
		return exec.Command(path, args...), nil
	}
	if py, err := exec.LookPath("python3"); err == nil {
		if exec.Command(py, "-c", "import moto.server").Run() == nil {
			return exec.Command(py, append([]string{"-m", "moto.server"}, args...)...), nil
		}
	}
	return nil, fmt.Errorf("neither moto_server nor `python3 -m moto.server` is available; install moto with its server extra: pip install 'moto[server]'")
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func start() (*Server, error) {
	var lastErr error
	for attempt := 0; attempt < 3; attempt++ {
		port, err := freePort()
		if err != nil {
			return nil, err
		}
		cmd, err := command(port)
		if err != nil {
			return nil, err
		}
		out := &syncBuffer{}
		cmd.Stdout, cmd.Stderr = out, out
		cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
		// moto needs no real credentials, and must not look for any.
		cmd.Env = append(os.Environ(), "AWS_EC2_METADATA_DISABLED=true", "MOTO_CALL_RESET_API=true")
		if err := cmd.Start(); err != nil {
			return nil, fmt.Errorf("starting %s: %v", cmd.Path, err)
		}
		exited := make(chan error, 1)
		s := &Server{url: "http://127.0.0.1:" + strconv.Itoa(port), cmd: cmd, out: out, exited: exited}
		go func() { exited <- cmd.Wait(); close(exited) }()
		if err := s.waitReady(exited, 60*time.Second); err != nil {
			s.kill()
			lastErr = fmt.Errorf("%v; output:\n%s", err, out.String())
			continue
		}
		return s, nil
	}
	return nil, lastErr
}

func (s *Server) waitReady(exited <-chan error, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	client := &http.Client{Timeout: 2 * time.Second}
	for time.Now().Before(deadline) {
		select {
		case err := <-exited:
			return fmt.Errorf("moto exited before it was ready: %v", err)
		default:
		}
		resp, err := client.Get(s.url + "/moto-api/data.json")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode < 500 {
				return nil
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	return fmt.Errorf("moto did not answer on %s within %s", s.url, timeout)
}

func (s *Server) kill() {
	if s.cmd.Process != nil {
		_ = syscall.Kill(-s.cmd.Process.Pid, syscall.SIGKILL)
		_ = s.cmd.Process.Kill()
		// Reap it, so no zombie is left behind.
		select {
		case <-s.exited:
		case <-time.After(5 * time.Second):
		}
	}
}

// URL is the server's base URL, e.g. http://127.0.0.1:40123.
func (s *Server) URL() string { return s.url }

// Reset drops all state (zones, records, domains) of the server.
func (s *Server) Reset(tb testing.TB) {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.url+"/moto-api/reset", bytes.NewReader(nil))
	if err != nil {
		tb.Fatalf("moto reset: %v", err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		tb.Fatalf("moto reset: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		tb.Fatalf("moto reset: HTTP %d", resp.StatusCode)
	}
}

// Output returns what the server printed so far (for failure messages).
func (s *Server) Output() string { return s.out.String() }

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.b.Len() > 1<<20 {
		b.b.Reset()
	}
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}
