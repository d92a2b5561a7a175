package creds

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

// Limits of a creds command (a creds path beginning with "!").
const (
	// DefaultCommandTimeout is how long a creds command may run.
	DefaultCommandTimeout = 60 * time.Second
	// TimeoutEnv names the environment variable that overrides
	// DefaultCommandTimeout: a Go duration ("2m", "90s") or seconds ("120").
	TimeoutEnv = "DNSCTL_CREDS_TIMEOUT"
	// MaxCommandOutput bounds a creds command's standard output (16 MiB,
	// far more than any creds.json); a command printing more is stopped.
	MaxCommandOutput = 16 << 20
	// maxStderr bounds how much of a command's standard error is kept for
	// an error message; the rest is read and dropped.
	maxStderr = 4096
	// waitDelay is how long, after the command exits (or is killed),
	// its output pipes may stay open (held by a background child) before
	// they are closed.
	waitDelay = time.Second
)

// errOutputLimit stops the copying of a command's output at the limit.
var errOutputLimit = errors.New("output limit reached")

// capWriter keeps the first max bytes written to it. Past them it either
// fails (fail, for the standard output: the command is then stopped by
// overflow) or silently drops the rest (for the standard error, so that the
// command never blocks on a full pipe).
type capWriter struct {
	buf       bytes.Buffer
	max       int
	fail      bool
	overflow  func()
	truncated bool
}

func (w *capWriter) Write(p []byte) (int, error) {
	room := w.max - w.buf.Len()
	if len(p) <= room {
		return w.buf.Write(p)
	}
	w.buf.Write(p[:max(room, 0)])
	w.truncated = true
	if w.fail {
		if w.overflow != nil {
			w.overflow()
		}
		return max(room, 0), errOutputLimit
	}
	return len(p), nil
}

// commandTimeout returns the time limit of a creds command: $DNSCTL_CREDS_TIMEOUT
// when it is set, else DefaultCommandTimeout.
func commandTimeout(env lookupEnv) (time.Duration, error) {
	v, ok := env(TimeoutEnv)
	if !ok || strings.TrimSpace(v) == "" {
		return DefaultCommandTimeout, nil
	}
	v = strings.TrimSpace(v)
	var d time.Duration
	if n, err := strconv.ParseFloat(v, 64); err == nil {
		d = time.Duration(n * float64(time.Second))
	} else if d, err = time.ParseDuration(v); err != nil {
		return 0, fmt.Errorf("%s=%q is not a duration (use seconds, or a value such as 90s or 5m)", TimeoutEnv, v)
	}
	if d <= 0 {
		return 0, fmt.Errorf("%s=%q must be more than 0", TimeoutEnv, v)
	}
	return d, nil
}

// runCommand runs command with "sh -c" in a process group of its own and
// returns its standard output. The whole group is killed when ctx is done,
// when the time limit passes, and when the output exceeds MaxCommandOutput.
// Errors quote the command's standard error (at most 4 KiB) after
// redaction: the string values of whatever JSON it printed, the values of
// environment variables whose names look secret, URL passwords and AWS
// access key IDs are hidden.
func runCommand(ctx context.Context, command string, env lookupEnv) ([]byte, error) {
	if strings.TrimSpace(command) == "" {
		return nil, errors.New(`creds command is empty (a creds path starting with "!" must name a command)`)
	}
	timeout, err := commandTimeout(env)
	if err != nil {
		return nil, fmt.Errorf("creds command: %w", err)
	}
	runCtx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	stdout := &capWriter{max: MaxCommandOutput, fail: true, overflow: cancel}
	stderr := &capWriter{max: maxStderr}
	c := exec.CommandContext(runCtx, "sh", "-c", command)
	c.Stdout, c.Stderr = stdout, stderr
	c.WaitDelay = waitDelay
	ownProcessGroup(c)
	err = c.Run()
	killProcessGroup(c) // background children left behind, if any

	quoted := strconv.Quote(Redact(command))
	detail := func() string {
		msg := strings.TrimSpace(stderr.buf.String())
		if msg == "" {
			return ""
		}
		msg = Redact(msg, commandSecrets(stdout.buf.Bytes())...)
		if stderr.truncated {
			msg += "..."
		}
		return ": " + msg
	}
	switch {
	case stdout.truncated:
		return nil, fmt.Errorf("creds command %s printed more than %d MiB and was stopped (its output must be a creds.json document)%s", quoted, MaxCommandOutput>>20, detail())
	case ctx.Err() != nil:
		return nil, fmt.Errorf("creds command %s was stopped: %w", quoted, ctx.Err())
	case errors.Is(runCtx.Err(), context.DeadlineExceeded):
		return nil, fmt.Errorf("creds command %s did not finish within %s and was stopped (set %s, e.g. %s=5m, to allow more)%s", quoted, timeout, TimeoutEnv, TimeoutEnv, detail())
	case err != nil && !errors.Is(err, exec.ErrWaitDelay):
		// ErrWaitDelay alone means the command succeeded but a background
		// child held its output open: what it printed is complete.
		return nil, fmt.Errorf("creds command %s failed: %v%s", quoted, err, detail())
	}
	return stdout.buf.Bytes(), nil
}

// secretNameParts mark environment variables whose values are secret.
var secretNameParts = []string{"SECRET", "TOKEN", "PASSWORD", "PASSWD", "PASS", "KEY", "CREDENTIAL", "AUTH", "PRIVATE", "SESSION", "COOKIE"}

// commandSecrets lists what must not appear in a creds command's standard
// error: every string value in its (perhaps partial) standard output, and
// the value of every environment variable whose name looks secret (the
// command inherits them and may print them, under `set -x` for example).
func commandSecrets(stdout []byte) []string {
	out := jsonStringValues(stdout)
	for _, kv := range os.Environ() {
		k, v, _ := strings.Cut(kv, "=")
		k = strings.ToUpper(k)
		for _, part := range secretNameParts {
			if strings.Contains(k, part) {
				out = append(out, v)
				break
			}
		}
	}
	return out
}

// jsonStringValues returns the decoded strings of src that are not object
// keys; src need not be complete or valid JSON.
func jsonStringValues(src []byte) []string {
	var out []string
	for i := 0; i < len(src); i++ {
		if src[i] != '"' {
			continue
		}
		end := skipString(src, i)
		j := skipSpace(src, end)
		if j < len(src) && src[j] == ':' { // a key
			i = end - 1
			continue
		}
		raw := src[i+1 : max(i+1, end-1)]
		if s, err := strconv.Unquote(`"` + string(raw) + `"`); err == nil {
			out = append(out, s)
		}
		out = append(out, string(raw)) // as printed, escapes included
		i = end - 1
	}
	return out
}
