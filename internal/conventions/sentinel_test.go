package conventions

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// moduleRoot is the directory of go.mod above this package.
func moduleRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	require.NoError(t, err)
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		require.NotEqual(t, parent, dir, "no go.mod above the test")
		dir = parent
	}
}

// sentinels returns, for every package-level `var ErrX = errors.New("…")`
// (exported or not) of the non-test files under root, its place, its
// package's name and its message.
func sentinels(t *testing.T, root string) (places, pkgs, msgs []string) {
	t.Helper()
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); path != root && (strings.HasPrefix(name, ".") || name == "testdata") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		for _, decl := range f.Decls {
			gd, ok := decl.(*ast.GenDecl)
			if !ok || gd.Tok != token.VAR {
				continue
			}
			for _, spec := range gd.Specs {
				vs := spec.(*ast.ValueSpec)
				for i, name := range vs.Names {
					if i >= len(vs.Values) || !strings.HasPrefix(strings.ToLower(name.Name), "err") {
						continue
					}
					call, ok := vs.Values[i].(*ast.CallExpr)
					if !ok || len(call.Args) == 0 {
						continue
					}
					sel, ok := call.Fun.(*ast.SelectorExpr)
					if !ok || sel.Sel.Name != "New" || !isIdent(sel.X, "errors") {
						continue
					}
					msg := stringPrefix(call.Args[0])
					places = append(places, fset.Position(name.Pos()).String()+" "+name.Name)
					pkgs = append(pkgs, f.Name.Name)
					msgs = append(msgs, msg)
				}
			}
		}
		return nil
	})
	require.NoError(t, err)
	return places, pkgs, msgs
}

func isIdent(e ast.Expr, name string) bool {
	id, ok := e.(*ast.Ident)
	return ok && id.Name == name
}

// stringPrefix is the leading string literal of e (a literal, or the
// left-most literal of a concatenation), "" when there is none.
func stringPrefix(e ast.Expr) string {
	switch v := e.(type) {
	case *ast.BasicLit:
		if v.Kind == token.STRING {
			s, err := strconv.Unquote(v.Value)
			if err == nil {
				return s
			}
		}
	case *ast.BinaryExpr:
		return stringPrefix(v.X)
	}
	return ""
}

// STYLE.md: sentinels are prefixed with their package name, so that a
// wrapped error says where it comes from. Package main's errors are
// printed after "locpipe: " and are exempt.
func TestSentinelsNamePackage(t *testing.T) {
	places, pkgs, msgs := sentinels(t, moduleRoot(t))
	require.NotEmpty(t, places, "the walk found no sentinel: it is broken")
	for i := range places {
		if pkgs[i] == "main" {
			continue
		}
		assert.True(t, strings.HasPrefix(msgs[i], pkgs[i]+": "), "%s: %q does not start with %q", places[i], msgs[i], pkgs[i]+": ")
	}
}

// The walk sees what it checks: a sentinel of another package's name is
// caught.
func TestSentinelsWalk(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "a.go"), []byte(`package a

import "errors"

var (
	ErrGood = errors.New("a: fine")
	ErrBad  = errors.New("b: wrong package")
	errBare = errors.New("no prefix " + "at all")
	other   = errors.New("not a sentinel name")
)
`), 0o644))
	places, pkgs, msgs := sentinels(t, dir)
	assert.Len(t, places, 3)
	assert.Equal(t, []string{"a", "a", "a"}, pkgs)
	assert.Equal(t, []string{"a: fine", "b: wrong package", "no prefix "}, msgs)
}
