//go:build unix

package creds

import (
	"os/exec"
	"syscall"
)

// ownProcessGroup makes c the leader of a new process group, and makes
// cancelling c's context kill that whole group (a pipeline or a script's
// children too), not only the shell.
func ownProcessGroup(c *exec.Cmd) {
	c.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	c.Cancel = func() error {
		return syscall.Kill(-c.Process.Pid, syscall.SIGKILL)
	}
}

// killProcessGroup kills whatever is left of c's process group.
func killProcessGroup(c *exec.Cmd) {
	if c.Process != nil {
		_ = syscall.Kill(-c.Process.Pid, syscall.SIGKILL)
	}
}
