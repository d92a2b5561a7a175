package cli

import (
	"bytes"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dnsctl/dnsctl/internal/safe"
)

type syncBuf struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuf) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuf) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestProgressShownOnlyForLongRuns(t *testing.T) {
	var quick syncBuf
	p := startProgress(safe.NewWriter(&quick), 3, time.Hour, nil)
	p.zoneDone()
	p.finish()
	if quick.String() != "" {
		t.Errorf("a quick run printed progress: %q", quick.String())
	}

	var slow syncBuf
	calls := int64(41)
	p = startProgress(safe.NewWriter(&slow), 3, 0, func() int64 { calls++; return calls })
	p.zoneDone()
	p.zoneDone()
	p.finish()
	out := slow.String()
	if !strings.Contains(out, "2/3 zones") || !strings.Contains(out, "API calls") || !strings.HasSuffix(out, "\n") {
		t.Errorf("progress output %q", out)
	}
}
