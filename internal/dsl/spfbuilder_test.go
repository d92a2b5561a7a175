package dsl

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/dnsctl/dnsctl/internal/spf"
	"github.com/dnsctl/dnsctl/internal/testutil/dnsserver"
)

// spfZone is what the test DNS server publishes (names from DNSControl's
// SPF_BUILDER documentation, addresses made up).
var spfZone = map[string][][]string{
	"_spf.google.com":               {{"v=spf1 include:_netblocks.google.com include:_netblocks2.google.com include:_netblocks3.google.com ~all"}},
	"_netblocks.google.com":         {{"v=spf1 ip4:35.190.247.0/24 ip4:64.233.160.0/19 ip4:66.102.0.0/20 ~all"}},
	"_netblocks2.google.com":        {{"v=spf1 ip6:2001:4860:4000::/36 ip6:2404:6800:4000::/36 ~all"}},
	"_netblocks3.google.com":        {{"v=spf1 ip4:172.217.0.0/19 ~all"}},
	"mailgun.org":                   {{"google-site-verification=abc"}, {"v=spf1 include:spf1.mailgun.org include:spf2.mailgun.org ~all"}},
	"spf1.mailgun.org":              {{"v=spf1 ip4:209.61.151.0/24 ip4:166.78.68.0/22 ~all"}},
	"spf2.mailgun.org":              {{"v=spf1 ip4:104.130.96.0/28 ip4:146.20.113.0/24 ~all"}},
	"spf-basic.fogcreek.com":        {{"v=spf1 ip4:64.34.80.172 -all"}},
	"450622.spf05.hubspotemail.net": {{"v=spf1 ip4:3.93.157.0/24 ip4:3.210.190.0/24 ", "ip4:18.208.124.128/25 -all"}},
}

// TestSPFBuilderFlatten evaluates every testdata/spf/NAME/dnsconfig.js
// with that folder's spfcache.json (if any) copied into an empty working
// folder and a DNS server on 127.0.0.1 publishing spfZone, and compares
// with NAME/want.txt: the records, the warnings, the names the server was
// asked for and the spfcache.updated.json written (or the error).
func TestSPFBuilderFlatten(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join("testdata", "spf", "*"))
	if err != nil || len(dirs) == 0 {
		t.Fatal("no test cases", err)
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			srv := dnsserver.Start(t, spfZone)
			work := t.TempDir()
			if b, err := os.ReadFile(filepath.Join(dir, "spfcache.json")); err == nil {
				if err := os.WriteFile(filepath.Join(work, spf.CacheFile), b, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			script := filepath.Join(dir, "dnsconfig.js")
			src, err := os.ReadFile(script)
			if err != nil {
				t.Fatal(err)
			}
			cfg, err := evaluate("dnsconfig.js", src, nil, options{timeout: time.Minute, spfDir: work, spfServers: []string{srv.Addr}})
			var b strings.Builder
			if err != nil {
				fmt.Fprintf(&b, "error: %s\n", strings.ReplaceAll(err.Error(), srv.Addr, "SERVER"))
			} else {
				for _, d := range cfg.Domains {
					for _, r := range d.Records {
						fmt.Fprintf(&b, "%s %s %s %d %s\n", d.Name, r.Name, r.Type, r.TTL, r.Data)
					}
				}
				for _, w := range cfg.Warnings {
					fmt.Fprintf(&b, "%s\n", strings.ReplaceAll(w.String(), work+string(filepath.Separator), ""))
				}
			}
			asked := srv.Asked()
			sort.Strings(asked)
			fmt.Fprintf(&b, "asked: %s\n", strings.Join(asked, " "))
			if upd, err := os.ReadFile(filepath.Join(work, spf.UpdatedFile)); err == nil {
				fmt.Fprintf(&b, "%s:\n%s\n", spf.UpdatedFile, upd)
			}
			want, _ := readGolden(t, dir, "want.txt")
			checkGolden(t, filepath.Join(dir, "want.txt"), want, b.String())
		})
	}
}
