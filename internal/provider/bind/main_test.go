package bind

import (
	"fmt"
	"os"
	"sync"
	"testing"

	"github.com/dnsctl/dnsctl/internal/testutil/bindcheck"
)

// TestMain loads every zone file the tests write with BIND's own checker
// (named-checkzone, as named loads a primary zone): a file BIND refuses
// fails the run, naming the file, the test and BIND's complaint.
func TestMain(m *testing.M) {
	if _, err := bindcheck.Path(); err != nil {
		fmt.Fprintln(os.Stderr, "bind tests:", err)
		os.Exit(1)
	}
	var (
		mu      sync.Mutex
		refused []error
		checked int
	)
	testHookWritten = func(origin, path string) {
		err := bindcheck.Check(origin, path)
		mu.Lock()
		defer mu.Unlock()
		checked++
		if err != nil {
			refused = append(refused, err)
		}
	}
	code := m.Run()
	for _, err := range refused {
		fmt.Fprintln(os.Stderr, "FAIL: a zone file the tests wrote does not load in BIND:", err)
		code = 1
	}
	if testing.Verbose() {
		fmt.Fprintf(os.Stderr, "bind tests: named-checkzone loaded %d zone files written by the tests\n", checked)
	}
	os.Exit(code)
}
