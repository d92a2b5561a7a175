package bind

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dnsctl/dnsctl/internal/diff"
	"github.com/dnsctl/dnsctl/internal/model"
)

// helperEnv makes the test binary act as another dnsctl process (see
// TestHelperProcess).
const helperEnv = "DNSCTL_BIND_TEST_HELPER"

// TestHelperProcess is not a test: run by startHelper, it is a second
// process on a zone directory. "push DIR NAME" locks the directory, reads
// example.com, says "planned", waits for a line on its standard input,
// then adds NAME's A record and releases the lock; "hold DIR" locks, says
// "locked" and releases after a line.
func TestHelperProcess(t *testing.T) {
	args := strings.Fields(os.Getenv(helperEnv))
	if len(args) < 2 {
		t.Skip("a helper process of other tests")
	}
	err := helper(args)
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(1)
	}
	os.Exit(0)
}

func helper(args []string) error {
	ctx := context.Background()
	p := New(args[1], "")
	p.SetClock(func() time.Time { return day })
	release, err := p.Lock(ctx, []string{"example.com"}, nil)
	if err != nil {
		return err
	}
	defer release()
	in := bufio.NewReader(os.Stdin)
	switch args[0] {
	case "hold":
		fmt.Println("locked")
		in.ReadString('\n')
		return nil
	case "push":
		old, err := p.Records(ctx, "example.com")
		if err != nil {
			return err
		}
		fmt.Println("planned")
		in.ReadString('\n')
		name := args[2] + ".example.com"
		plan, err := diff.Compute("example.com", old, append(old, rec(name, "A", 300, "192.0.2.1")), diff.Options{})
		if err != nil {
			return err
		}
		return p.Apply(ctx, plan)
	}
	return fmt.Errorf("unknown helper %q", args[0])
}

// helperProc is a running helper process.
type helperProc struct {
	cmd *exec.Cmd
	in  io.WriteCloser
	out *bufio.Reader
}

func startHelper(t *testing.T, args ...string) *helperProc {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$")
	cmd.Env = append(os.Environ(), helperEnv+"="+strings.Join(args, " "))
	in, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	h := &helperProc{cmd: cmd, in: in, out: bufio.NewReader(out)}
	t.Cleanup(func() { in.Close(); cmd.Process.Kill(); cmd.Wait() })
	return h
}

// expect waits for the helper to say line.
func (h *helperProc) expect(t *testing.T, line string) {
	t.Helper()
	got, err := h.out.ReadString('\n')
	if strings.TrimSpace(got) != line {
		t.Fatalf("helper said %q (%v), want %q", got, err, line)
	}
}

// finish lets the helper go on and waits for it to end well.
func (h *helperProc) finish(t *testing.T) {
	t.Helper()
	io.WriteString(h.in, "go\n")
	rest, _ := io.ReadAll(h.out)
	if err := h.cmd.Wait(); err != nil {
		t.Fatalf("helper: %v %s", err, rest)
	}
}

// Two pushes on one directory at once: the second waits for the first
// (and says so), then plans against what the first wrote. Both changes
// survive, under two serials.
func TestLockKeepsConcurrentPushes(t *testing.T) {
	ctx := context.Background()
	p, dir := newTest(t)
	writeFile(t, filepath.Join(dir, "example.com.zone"), "@ 3600 IN SOA ns1.example.com. hostmaster.example.com. 2026031400 3600 600 604800 1440\n"+apexNS)

	first := startHelper(t, "push", dir, "a")
	first.expect(t, "planned") // it holds the lock and has read the zone

	type locked struct {
		release func()
		err     error
	}
	waited := make(chan string, 1)
	got := make(chan locked, 1)
	go func() {
		release, err := p.Lock(ctx, []string{"example.com"}, func(msg string) { waited <- msg })
		got <- locked{release, err}
	}()
	select {
	case msg := <-waited:
		want := fmt.Sprintf("waiting for the lock on %s/ held by another dnsctl (pid %d)…", dir, first.cmd.Process.Pid)
		if msg != want {
			t.Errorf("waiting message %q, want %q", msg, want)
		}
	case l := <-got:
		t.Fatalf("Lock did not wait for the other process: %v", l.err)
	}
	first.finish(t) // it writes a.example.com and releases the lock
	l := <-got
	if l.err != nil {
		t.Fatal(l.err)
	}
	old, err := p.Records(ctx, "example.com")
	if err != nil {
		t.Fatal(err)
	}
	plan, err := diff.Compute("example.com", old, append(old, rec("b.example.com", "A", 300, "192.0.2.1")), diff.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Apply(ctx, plan); err != nil {
		t.Fatal(err)
	}
	l.release()

	recs, err := p.Records(ctx, "example.com")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, r := range recs {
		names = append(names, r.Name)
	}
	if !strings.Contains(strings.Join(names, " "), "a.example.com") || !strings.Contains(strings.Join(names, " "), "b.example.com") {
		t.Errorf("a change was lost: %v", names)
	}
	if soa := findType(recs, "SOA"); soa == nil || !strings.Contains(soa.Data, " 2026031402 ") {
		t.Errorf("SOA %v, want serial 2026031402 (each push its own)", soa)
	}
	// Between runs the lock file names no process.
	if b, err := os.ReadFile(filepath.Join(dir, LockName)); err != nil || len(b) != 0 {
		t.Errorf("lock file after the run: %q, %v", b, err)
	}
}

// Apply rewrites only the file Records read for the plan: a file another
// process wrote, created or removed meanwhile is left as it is, and two
// contents never get one serial.
func TestApplyRefusesAChangedFile(t *testing.T) {
	const zone = "@ 3600 IN SOA ns1.example.com. hostmaster.example.com. 2026031405 3600 600 604800 1440\n" + apexNS
	cases := []struct {
		name           string
		before         string // the file when planned ("" for none)
		meanwhile      string // what another process makes of it ("" removes it)
		wantMeanwhile  bool   // the other's file is kept
		wantNoFileKept bool
	}{
		{"rewritten", zone, zone + "other 300 IN A 192.0.2.9\n", true, false},
		{"created", "", zone + "other 300 IN A 192.0.2.9\n", true, false},
		{"removed", zone, "", false, true},
		{"touched with the same content", zone, zone, true, false},
	}
	ctx := context.Background()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, dir := newTest(t)
			path := filepath.Join(dir, "example.com.zone")
			if c.before != "" {
				writeFile(t, path, c.before)
			}
			old, err := p.Records(ctx, "example.com")
			if c.before == "" {
				if _, err := p.EnsureZone(ctx, "example.com"); err != nil {
					t.Fatal(err)
				}
				old, err = p.Records(ctx, "example.com")
			}
			if err != nil {
				t.Fatal(err)
			}
			plan, err := diff.Compute("example.com", old, append(old, rec("www.example.com", "A", 300, "192.0.2.1")), diff.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if c.meanwhile == "" {
				os.Remove(path)
			} else {
				writeFile(t, path, c.meanwhile)
			}
			err = p.Apply(ctx, plan)
			if c.meanwhile == c.before {
				if err != nil {
					t.Fatalf("the same file was refused: %v", err)
				}
				return
			}
			want := "bind: " + path + " changed since it was planned"
			if err == nil || !strings.HasPrefix(err.Error(), want) || !strings.Contains(err.Error(), "run push again") {
				t.Fatalf("Apply: %v, want %q…run push again", err, want)
			}
			b, rerr := os.ReadFile(path)
			switch {
			case c.wantNoFileKept && rerr == nil:
				t.Errorf("a removed file was written again:\n%s", b)
			case c.wantMeanwhile && string(b) != c.meanwhile:
				t.Errorf("the other process's file was overwritten:\n%s", b)
			}
		})
	}
}

// Ctrl-C while waiting for the lock stops the wait at once, with an error
// that says nothing was changed; preview (Records) never waits.
func TestLockWaitInterrupted(t *testing.T) {
	p, dir := newTest(t)
	writeFile(t, filepath.Join(dir, "example.com.zone"), "www 300 IN A 192.0.2.1\n"+apexNS)
	h := startHelper(t, "hold", dir)
	h.expect(t, "locked")

	read := make(chan error, 1)
	go func() { _, err := p.Records(context.Background(), "example.com"); read <- err }()
	select {
	case err := <-read:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Records waits for the lock")
	}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	errc := make(chan error, 1)
	go func() {
		_, err := p.Lock(ctx, nil, func(string) { cancel() })
		errc <- err
	}()
	select {
	case err := <-errc:
		pid := strconv.Itoa(h.cmd.Process.Pid)
		if !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "nothing was changed") || !strings.Contains(err.Error(), "pid "+pid) {
			t.Errorf("Lock: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Lock did not stop waiting")
	}
	// Apply too gives up when interrupted while waiting.
	plan := createPlan(t, "example.com", []*model.Record{rec("x.example.com", "A", 300, "192.0.2.2")})
	if err := p.Apply(ctx, plan); !errors.Is(err, context.Canceled) {
		t.Errorf("Apply: %v", err)
	}
	h.finish(t)
}

// The lock is shared within a process: a run whose providers share a
// directory, and Apply inside a locked push, never wait for themselves.
func TestLockSharedInProcess(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	dir := filepath.Join(t.TempDir(), "zones")
	a, b := New(dir, ""), New(dir+"/", "db_%U")
	ra, err := a.Lock(ctx, []string{"example.com"}, func(m string) { t.Errorf("waited: %s", m) })
	if err != nil {
		t.Fatal(err)
	}
	rb, err := b.Lock(ctx, []string{"example.net"}, func(m string) { t.Errorf("waited: %s", m) })
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Apply(ctx, createPlan(t, "example.net", withNS("example.net", rec("example.net", "A", 300, "192.0.2.1")))); err != nil {
		t.Fatal(err)
	}
	ra()
	ra() // a second release is harmless
	rb()
	if b, err := os.ReadFile(filepath.Join(dir, LockName)); err != nil || len(b) != 0 {
		t.Errorf("lock file after release: %q, %v", b, err)
	}
}
