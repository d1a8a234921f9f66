package bulletinfeed_test

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// mayImport is what each package of the module may import of the module,
// as doc.go of each says and the README's Layout section draws: the
// domain imports nothing of ours, the packages that talk to one thing
// import the domain, worker drives source and store, server serves feed's
// handler, and only the command wires everything. A package missing here fails the test until its place
// is decided.
var mayImport = map[string][]string{
	".":                  {},
	"source":             {".", "source/poppler"},
	"source/poppler":     {"."},
	"store":              {"."},
	"feed":               {".", "internal/cork"},
	"server":             {".", "feed", "internal/cork"},
	"websub":             {".", "fetch"},
	"fetch":              {"."},
	"media":              {"."},
	"worker":             {".", "source", "store", "media", "fetch"},
	"admin":              {".", "source", "source/poppler", "store", "worker"},
	"config":             {".", "source", "store", "feed", "server", "worker", "websub", "media"},
	"internal/testpg":    {},
	"internal/fetchtest": {"fetch"},
	"internal/xmltest":   {},
	"internal/cork":      {},
	"internal/servetest": {},
	"cmd/bulletinfeed":   {".", "config", "source", "store", "feed", "server", "worker", "websub", "admin", "media", "fetch"},
	"e2e":                {},
	"bench/scale":        {},
	"bench/soak":         {},
}

const module = "github.com/bulletinfeed/bulletinfeed"

// TestPackageImports reads the imports of every package's non-test files
// and refuses one that reaches upward or sideways.
func TestPackageImports(t *testing.T) {
	seen := map[string]bool{}
	err := filepath.WalkDir(".", func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); path != "." && (strings.HasPrefix(name, ".") || name == "testdata" || name == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		dir := filepath.ToSlash(filepath.Dir(path))
		allowed, ok := mayImport[dir]
		if !ok {
			if !seen[dir] {
				t.Errorf("package %s has no place in mayImport: say what it may import", dir)
			}
			seen[dir] = true
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			if p != module && !strings.HasPrefix(p, module+"/") {
				continue
			}
			rel := strings.TrimPrefix(strings.TrimPrefix(p, module), "/")
			if rel == "" {
				rel = "."
			}
			if !slices.Contains(allowed, rel) {
				t.Errorf("%s imports %s, which package %s may not", path, p, dir)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
