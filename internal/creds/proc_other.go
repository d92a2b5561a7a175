//go:build !unix

package creds

import "os/exec"

// ownProcessGroup leaves c as it is: without process groups, cancelling
// c's context kills the shell only.
func ownProcessGroup(c *exec.Cmd) {}

// killProcessGroup does nothing where there are no process groups.
func killProcessGroup(c *exec.Cmd) {}
