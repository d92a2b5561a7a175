package cli

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// rawPrintAllowed lists the functions that may format with package fmt
// into a writer: they build files, not terminal output, and escape what
// they write for the file's own syntax.
var rawPrintAllowed = map[string]string{
	"markdownReport": "builds the Markdown report; values go through mdCell, html.EscapeString and safe.Text",
}

// The package prints only through internal/safe (see the package comment):
// no fmt.Fprint*, fmt.Print*, io.WriteString, print/println or os.Stdout
// and os.Stderr, and every safe.Fprintf has a constant format, so data is
// always an argument (escaped) and never part of a format (whose newlines
// are printed). A new way to the terminal that skips the escaping fails
// here.
func TestPrintsOnlyThroughSafe(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	checked := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		checked++
		for _, decl := range f.Decls {
			fn, _ := decl.(*ast.FuncDecl)
			fnName := ""
			if fn != nil {
				fnName = fn.Name.Name
			}
			ast.Inspect(decl, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.SelectorExpr:
					if pkg, ok := n.X.(*ast.Ident); ok && pkg.Name == "os" && (n.Sel.Name == "Stdout" || n.Sel.Name == "Stderr") {
						t.Errorf("%s: os.%s: print through globals.stdout/stderr (safe.Writer)", fset.Position(n.Pos()), n.Sel.Name)
					}
				case *ast.CallExpr:
					switch callee := n.Fun.(type) {
					case *ast.Ident:
						if callee.Name == "print" || callee.Name == "println" {
							t.Errorf("%s: %s(): print through safe.Fprintf", fset.Position(n.Pos()), callee.Name)
						}
					case *ast.SelectorExpr:
						pkg, ok := callee.X.(*ast.Ident)
						if !ok {
							break
						}
						switch call := pkg.Name + "." + callee.Sel.Name; {
						case pkg.Name == "fmt" && (strings.HasPrefix(callee.Sel.Name, "Fprint") || strings.HasPrefix(callee.Sel.Name, "Print")):
							if _, ok := rawPrintAllowed[fnName]; !ok {
								t.Errorf("%s: %s in %s: print through safe.Fprintf", fset.Position(n.Pos()), call, fnName)
							}
						case call == "io.WriteString":
							t.Errorf("%s: io.WriteString in %s: print through safe.Fprintf", fset.Position(n.Pos()), fnName)
						case call == "safe.Fprintf":
							if len(n.Args) < 2 {
								break
							}
							lit, ok := n.Args[1].(*ast.BasicLit)
							if !ok || lit.Kind != token.STRING {
								t.Errorf("%s: safe.Fprintf in %s with a format that is not a string literal: put the data in an argument", fset.Position(n.Pos()), fnName)
								break
							}
							if s, err := strconv.Unquote(lit.Value); err == nil && strings.ContainsAny(s, "\r\x1b") {
								t.Errorf("%s: safe.Fprintf format %s holds a control character: use WriteSeq", fset.Position(n.Pos()), lit.Value)
							}
						}
					}
				}
				return true
			})
		}
	}
	if checked < 5 {
		t.Fatalf("only %d files checked; is the test running in internal/cli?", checked)
	}
}
