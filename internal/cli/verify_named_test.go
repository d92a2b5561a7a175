package cli

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/miekg/dns"
)

// namedPath finds BIND's named: scripts/test installs Debian's bind9 when
// it is missing, so its absence fails the test rather than skipping it.
func namedPath(t *testing.T) string {
	t.Helper()
	if p, err := exec.LookPath("named"); err == nil {
		return p
	}
	if _, err := os.Stat("/usr/sbin/named"); err == nil {
		return "/usr/sbin/named"
	}
	t.Fatal("named is not installed (apt-get install -y bind9; scripts/test does this): dnsctl verify cannot be tested against a real server")
	return ""
}

// freePort returns a loopback port free for both UDP and TCP just now.
func freePort(t *testing.T) int {
	t.Helper()
	for try := 0; try < 20; try++ {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		port := ln.Addr().(*net.TCPAddr).Port
		pc, err := net.ListenPacket("udp", ln.Addr().String())
		ln.Close()
		if err == nil {
			pc.Close()
			return port
		}
	}
	t.Fatal("no free loopback port for UDP and TCP")
	return 0
}

// startNamed serves zone from file with named on a loopback port until the
// test ends and returns its address once it answers.
func startNamed(t *testing.T, dir, zone, file string) string {
	t.Helper()
	bin := namedPath(t)
	port := freePort(t)
	conf := filepath.Join(dir, "named.conf")
	text := fmt.Sprintf(`options {
	directory %q;
	pid-file %q;
	session-keyfile %q;
	listen-on port %d { 127.0.0.1; };
	listen-on-v6 { none; };
	recursion no;
};
controls { };
zone %q { type primary; file %q; };
`, dir, filepath.Join(dir, "named.pid"), filepath.Join(dir, "session.key"), port, zone, file)
	if err := os.WriteFile(conf, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	var log bytes.Buffer
	cmd := exec.Command(bin, "-g", "-c", conf)
	cmd.Stdout, cmd.Stderr = &log, &log
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting named: %v", err)
	}
	done := make(chan struct{})
	go func() { _ = cmd.Wait(); close(done) }()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		<-done
	})
	addr := net.JoinHostPort("127.0.0.1", fmt.Sprint(port))
	m := new(dns.Msg)
	m.SetQuestion(dns.Fqdn(zone), dns.TypeSOA)
	c := &dns.Client{Timeout: 300 * time.Millisecond}
	deadline := time.Now().Add(20 * time.Second)
	for {
		select {
		case <-done:
			t.Fatalf("named exited:\n%s", log.String())
		default:
		}
		if in, _, err := c.Exchange(m, addr); err == nil && in.Rcode == dns.RcodeSuccess && len(in.Answer) > 0 {
			return addr
		}
		if time.Now().After(deadline) {
			t.Fatalf("named does not answer for %s at %s after 20s:\n%s", zone, addr, log.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func runMain(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Main(context.Background(), args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

// TestVerifyNamed pushes a configuration with the BIND provider, serves
// the zone file with a real named and verifies it; then changes the
// configuration without pushing and verify must name the difference.
func TestVerifyNamed(t *testing.T) {
	dir := t.TempDir()
	zones := filepath.Join(dir, "zones")
	credsPath := filepath.Join(dir, "creds.json")
	config := filepath.Join(dir, "dnsconfig.js")
	write := func(path, text string) {
		t.Helper()
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(credsPath, fmt.Sprintf(`{ "bind": { "TYPE": "BIND", "directory": %q } }`, zones))
	const head = `var DSP = NewDnsProvider("bind", {
    default_soa: { master: "ns1.a.example.", mbox: "hostmaster.a.example.", refresh: 7200, retry: 900, expire: 1209600, minttl: 300, ttl: 3600 },
    default_ns: ["ns1.a.example."],
});
`
	write(config, head+`D("a.example", NewRegistrar("none"), DnsProvider(DSP),
    A("@", "192.0.2.1"), A("ns1", "192.0.2.53"), MX("@", 10, "mail"),
    TXT("@", "v=spf1 -all"), TXT("big", "`+strings.Repeat("x", 250)+`" + "`+strings.Repeat("y", 250)+`" + "`+strings.Repeat("z", 250)+`"),
    CNAME("www", "@"), AAAA("mail", "2001:db8::25", TTL(60)));
`)
	args := []string{"--config", config, "--creds", credsPath}
	if code, out, errs := runMain(t, append([]string{"push"}, args...)...); code != 0 {
		t.Fatalf("push: exit %d\n%s%s", code, out, errs)
	}
	addr := startNamed(t, dir, "a.example", filepath.Join(zones, "a.example.zone"))

	code, out, errs := runMain(t, append([]string{"verify", "--server", addr}, args...)...)
	if code != 0 || !strings.Contains(out, "OK a.example "+addr+" (") {
		t.Fatalf("verify of the pushed zone: exit %d\n%s%s", code, out, errs)
	}

	// A deliberate difference, not pushed: named still serves the old data.
	write(config, head+`D("a.example", NewRegistrar("none"), DnsProvider(DSP),
    A("@", "192.0.2.9"), A("ns1", "192.0.2.53"), MX("@", 10, "mail"),
    TXT("@", "v=spf1 -all"), TXT("big", "`+strings.Repeat("x", 250)+`" + "`+strings.Repeat("y", 250)+`" + "`+strings.Repeat("z", 250)+`"),
    CNAME("www", "@"), AAAA("mail", "2001:db8::25", TTL(300)), TXT("new", "x"));
`)
	code, out, errs = runMain(t, append([]string{"verify", "--server", addr}, args...)...)
	for _, want := range []string{
		"DIFF " + addr + " a.example A: want [192.0.2.9] got [192.0.2.1]",
		"TTL " + addr + " mail.a.example AAAA: want 300 got 60",
		"MISSING " + addr + " new.a.example TXT: want [",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("verify output lacks %q:\n%s%s", want, out, errs)
		}
	}
	if code != 1 || strings.Contains(out, "OK a.example") {
		t.Errorf("verify of a changed configuration: exit %d, want 1 and no OK line\n%s", code, out)
	}

	// push --verify: the zone file changes, but named has not reloaded it,
	// so the servers do not serve the push yet and push fails.
	code, out, errs = runMain(t, append([]string{"push", "--verify", "--verify-server", addr}, args...)...)
	if code != 1 || !strings.Contains(out, "DIFF "+addr+" a.example A: want [192.0.2.9] got [192.0.2.1]") {
		t.Errorf("push --verify before named reloads: exit %d, want 1 and the DIFF line\n%s%s", code, out, errs)
	}
}
