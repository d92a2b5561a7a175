package dsl

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/dop251/goja"
)

// jsGlob implements DNSControl's glob(path[, recursive = true[,
// extension = ".js"]]): the files under path (joined to require's current
// directory, see requirePath) whose extension is exactly extension, in the order a
// directory walk meets them (each directory's entries by name, a
// folder's files before the next name), as slash-separated paths. A
// missing leading dot is added to extension, as DNSControl does; so "*"
// becomes ".*", which no file name ends with, and lists nothing, as in
// DNSControl. As there, a folder whose name ends with the extension is
// listed too; require refuses anything but a regular file.
func (ev *evaluator) jsGlob(c goja.FunctionCall) goja.Value {
	a := args{ev: ev, fn: "glob", pos: ev.userPos(), v: c.Arguments}
	files := ev.globFiles(&a, "")
	list := make([]any, len(files))
	for i, p := range files {
		list[i] = p
	}
	return ev.vm.NewArray(list...)
}

// globFiles reads glob's arguments from a and lists the files; ext, when
// not empty, replaces the third argument (require_glob forces ".js").
func (ev *evaluator) globFiles(a *args, ext string) []string {
	if len(a.v) < 1 || len(a.v) > 3 {
		a.fail("takes a path, then optionally recursive (true or false, default true) and a file extension (default \".js\"); got %d arguments", len(a.v))
	}
	if !goja.IsString(a.at(0)) || a.at(0).String() == "" {
		a.fail("path must be a non-empty string, got %s", kindOf(a.at(0)))
	}
	if ev.opts.noFiles {
		a.fail("reading files is disabled")
	}
	// As in DNSControl, the path is always joined to require's current
	// directory (see requirePath), even when it is absolute.
	dir := filepath.Join(ev.curDir, a.at(0).String())
	recursive := true
	if a.present(1) && !goja.IsNull(a.v[1]) {
		b, ok := a.v[1].Export().(bool)
		if !ok {
			a.fail("recursive must be true or false, got %s", kindOf(a.v[1]))
		}
		recursive = b
	}
	if ext == "" {
		ext = ".js"
		if a.present(2) && !goja.IsNull(a.v[2]) {
			if !goja.IsString(a.v[2]) {
				a.fail("the file extension must be a string such as \".js\", got %s", kindOf(a.v[2]))
			}
			ext = a.v[2].String()
			if len(ext) == 0 || ext[0] != '.' {
				ext = "." + ext
			}
		}
	}
	if _, err := os.Stat(dir); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			a.fail("%s does not exist", filepath.ToSlash(dir))
		}
		a.fail("%s: %v", filepath.ToSlash(dir), describePathErr(err))
	}
	root := filepath.Clean(dir)
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		ev.checkStopped(a.pos) // a huge tree is bounded by the time limit
		if err != nil {
			return err
		}
		if d.IsDir() && !recursive && filepath.Clean(p) != root {
			return filepath.SkipDir
		}
		if filepath.Ext(p) == ext {
			files = append(files, filepath.ToSlash(filepath.Clean(p)))
		}
		return nil
	})
	if err != nil {
		a.fail("listing %s: %v", filepath.ToSlash(dir), err)
	}
	return files
}
