package feed

// MatchingRoutes returns the pattern of every route that matches path,
// a path of a publication other than the first read under /{pub}.
func MatchingRoutes(path string) []string {
	var out []string
	rest, label := path, ""
	if id, r := splitPublication(path); id != "" {
		rest, label = r, pubLabel
	}
	for _, r := range append(append([]*route{}, pubRoutes...), sharedRoutes...) {
		if r.shared && label != "" {
			continue
		}
		if _, ok := r.match(rest); ok {
			out = append(out, label+r.pattern)
		}
	}
	return out
}

// FailRenameAfter makes every rename of a static build after the first k
// fail, as a crash between two renames would leave the build folder, until
// the returned function is called.
func FailRenameAfter(k int) (restore func()) {
	n := 0
	renameHook = func() error {
		n++
		if n > k {
			return errCrash
		}
		return nil
	}
	return func() { renameHook = nil }
}

var errCrash = errorString("injected crash")

type errorString string

func (e errorString) Error() string { return string(e) }

// PrintOrderSpan is how many seconds after a dated issue's start its first
// article is shown.
const PrintOrderSpan = printOrderSpan

// Credits returns the writers an article's bylines credit, then the others.
var Credits = credits

// SetSitemapSize sets the most URLs a sitemap lists and returns a
// function that puts it back.
func SetSitemapSize(n int) func() {
	old := sitemapSize
	sitemapSize = n
	return func() { sitemapSize = old }
}
