package spf

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"sync"
)

// CacheFile and UpdatedFile are the names DNSControl gives its SPF cache
// and the file it writes when the cache lacks lookups. Both live in the
// working directory of the run (not beside dnsconfig.js), as in
// DNSControl.
const (
	CacheFile   = "spfcache.json"
	UpdatedFile = "spfcache.updated.json"
)

// maxCacheSize bounds the cache file read.
const maxCacheSize = 16 << 20

// entry is one name of spfcache.json: {"SPF": "v=spf1 ..."}.
type entry struct {
	SPF string
}

// Looker looks up the SPF record published at a name (Resolver does).
type Looker interface {
	LookupSPF(ctx context.Context, name string) (string, error)
}

// Cache is DNSControl's spfcache.json: the SPF text of names, by name.
// SPF answers from the cache without any lookup; a name it lacks is
// looked up and remembered as new, so that Save can write the cache with
// it. (DNSControl looks every name up again on each run and warns when
// the answer differs from the cache; dnsctl trusts the cache, so a
// configuration whose lookups are all cached evaluates offline.)
type Cache struct {
	mu      sync.Mutex
	dir     string
	exists  bool
	entries map[string]string
	fresh   map[string]string
	look    Looker
}

// OpenCache reads dir/spfcache.json ("" is the working directory). A
// missing file is an empty cache (Exists is then false); an empty file is
// an empty cache too, as in DNSControl.
func OpenCache(dir string, look Looker) (*Cache, error) {
	c := &Cache{dir: dir, entries: map[string]string{}, fresh: map[string]string{}, look: look}
	path := filepath.Join(dir, CacheFile)
	st, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return c, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("reading %s: not a regular file", path)
	}
	if st.Size() > maxCacheSize {
		return nil, fmt.Errorf("reading %s: larger than 16 MiB", path)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	c.exists = true
	if len(bytes.TrimSpace(b)) == 0 {
		return c, nil
	}
	var raw map[string]*entry
	if err := json.Unmarshal(b, &raw); err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	for name, e := range raw {
		// An entry without SPF text counts as missing, as in DNSControl.
		if e != nil && e.SPF != "" {
			c.entries[name] = e.SPF
		}
	}
	return c, nil
}

// Exists reports whether spfcache.json was there.
func (c *Cache) Exists() bool { return c.exists }

// SPF returns the SPF text of name: from the cache, else looked up.
func (c *Cache) SPF(ctx context.Context, name string) (string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if v, ok := c.entries[name]; ok {
		return v, nil
	}
	if v, ok := c.fresh[name]; ok {
		return v, nil
	}
	if c.look == nil {
		return "", fmt.Errorf("the SPF record of %s is not in %s and lookups are disabled", name, CacheFile)
	}
	v, err := c.look.LookupSPF(ctx, name)
	if err != nil {
		return "", fmt.Errorf("the SPF record of %s is not in %s and looking it up failed: %w", name, CacheFile, err)
	}
	c.fresh[name] = v
	return v, nil
}

// Looked returns the names looked up because the cache lacked them, sorted.
func (c *Cache) Looked() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	names := make([]string, 0, len(c.fresh))
	for n := range c.fresh {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// SaveUpdated writes the cache with the names looked up this run to
// spfcache.updated.json beside spfcache.json, and returns its path. The
// format is DNSControl's: a JSON object by name of {"SPF": text},
// indented by two spaces, names sorted.
func (c *Cache) SaveUpdated() (string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	all := make(map[string]entry, len(c.entries)+len(c.fresh))
	for n, v := range c.entries {
		all[n] = entry{v}
	}
	for n, v := range c.fresh {
		all[n] = entry{v}
	}
	b, err := marshal(all)
	if err != nil {
		return "", err
	}
	path := filepath.Join(c.dir, UpdatedFile)
	if err := os.WriteFile(path, b, 0o644); err != nil {
		return "", fmt.Errorf("writing %s: %w", path, err)
	}
	return path, nil
}

// marshal renders cache entries as DNSControl writes them.
func marshal(entries map[string]entry) ([]byte, error) {
	b, err := json.MarshalIndent(entries, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("encoding the SPF cache: %w", err)
	}
	return b, nil
}
