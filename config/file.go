package config

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strings"

	"github.com/bulletinfeed/bulletinfeed/feed"
	"github.com/pelletier/go-toml/v2"
)

// DefaultFile is read when neither --config nor BULLETINFEED_CONFIG
// names a file and it exists in the working directory.
const DefaultFile = "bulletinfeed.toml"

// fileConfig is the configuration file as written: every key optional, so
// that what the file leaves out keeps its default. Relative paths in it are
// already made relative to the file's directory.
type fileConfig struct {
	Path string `toml:"-"` // absolute path of the file

	DB              string   `toml:"db"`
	Addr            string   `toml:"addr"`
	BaseURL         string   `toml:"base_url"`
	Schedule        string   `toml:"schedule"`
	FeedItems       *int     `toml:"feed_items"`
	MaxSize         any      `toml:"max_size"` // bytes, or a string such as "10M"
	MaxParagraph    any      `toml:"max_paragraph"`
	MaxArticles     *int     `toml:"max_articles"`
	MaxPictures     *int     `toml:"max_pictures"`
	MaxPictureBytes any      `toml:"max_picture_bytes"` // bytes, or "20M"
	CacheSize       any      `toml:"cache_size"`        // bytes, or "32M"
	MaxItemContent  any      `toml:"max_item_content"`  // bytes, or "256K"
	MetricsAddr     string   `toml:"metrics_addr"`
	AdminAddr       string   `toml:"admin_addr"`
	MetricsNetworks []string `toml:"metrics_networks"`
	Log             fileLog  `toml:"log"`

	// WebSub is the [websub] table (websub.go).
	WebSub fileWebSub `toml:"websub"`

	Publications []filePublication `toml:"publication"`

	// Set by checking, from the keys above.
	maxSize, maxParagraph, cacheSize, maxItemContent, maxPictureBytes int64
}

type fileLog struct {
	Level  string `toml:"level"`
	Format string `toml:"format"`
	Access *bool  `toml:"access"` // one line per request serve answers
}

type filePublication struct {
	ID             string   `toml:"id"`
	Title          string   `toml:"title"`
	Description    string   `toml:"description"`
	Lang           string   `toml:"lang"`
	TZ             string   `toml:"tz"`
	Sections       []any    `toml:"sections"` // banner strings or section tables
	DefaultSection string   `toml:"default_section"`
	Seed           []string `toml:"seed"` // issue files serve ingests at start
	Sources        []Source `toml:"sources"`
	// Credits says whether the publication prints credit lines under
	// its titles ("printed", the default) or none at all ("none"), in
	// which case a heading-shaped line starts an article.
	Credits string `toml:"credits"`
	// Date says how an issue that prints no date anywhere (no "Date:"
	// line, none on its masthead, none in its file name) is dated:
	// refused ("printed", the default) or dated when it arrives
	// ("arrival").
	Date       string     `toml:"date"`
	Vocabulary Vocabulary `toml:"vocabulary"`
	// Icon is a PNG, ICO or SVG file, the publication's icon in pages and
	// feeds (icon.go); without it one is made from the title.
	Icon string `toml:"icon"`

	// Set by checking: Sections read into their one shape, the icon read.
	sections []Section
	icon     feed.Icon
}

// CheckedSections returns the sections as checking read them, banner
// strings and tables in their one shape.
func (p *filePublication) CheckedSections() []Section { return p.sections }

// Section is one configured section: a banner as printed and,
// optionally, the slug of its URLs and the name shown for it.
type Section struct {
	Banner string
	Slug   string
	Name   string
}

// Source is where the worker finds issues (a later change runs it);
// the file already declares and checks them.
type Source struct {
	Kind     string `toml:"kind"`
	Path     string `toml:"path"`
	URL      string `toml:"url"`
	Selector string `toml:"selector"`
	Pattern  string `toml:"pattern"`
}

// Problem is one mistake in a configuration file, at a line (0 when the
// line is not known).
type Problem struct {
	Line int
	Msg  string
}

// FileError lists every mistake of one file, each on a line of its own
// in the form FILE:LINE: message, as compilers report.
type FileError struct {
	File     string
	Problems []Problem
}

func (e *FileError) Error() string {
	var b strings.Builder
	for i, p := range e.Problems {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.File)
		if p.Line > 0 {
			fmt.Fprintf(&b, ":%d", p.Line)
		}
		b.WriteString(": ")
		b.WriteString(p.Msg)
	}
	return b.String()
}

// ReadFile reads, decodes and checks the file at path. A file that
// is not valid TOML, has a key bulletinfeed does not know or a value it
// cannot use gives a *FileError naming every such mistake with its line.
func ReadFile(path string) (*fileConfig, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("configuration %s: %w", path, err)
	}
	doc, err := os.ReadFile(abs)
	if err != nil {
		return nil, fmt.Errorf("read configuration: %w", err)
	}
	fc, err := ParseFile(doc, abs)
	if err != nil {
		var ce *FileError
		if errors.As(err, &ce) {
			ce.File = path
		}
		return nil, err
	}
	return fc, nil
}

// ParseFile decodes doc, the file at the absolute path file, and
// checks every value.
func ParseFile(doc []byte, file string) (*fileConfig, error) {
	fc := &fileConfig{Path: file}
	dec := toml.NewDecoder(bytes.NewReader(doc)).DisallowUnknownFields()
	var probs []Problem
	if err := dec.Decode(fc); err != nil {
		probs = decodeProblems(err)
		var strict *toml.StrictMissingError
		if !errors.As(err, &strict) {
			return nil, &FileError{File: file, Problems: probs}
		}
		// Unknown keys aside, the file decodes: check the rest too, so
		// that one run shows every mistake.
		fc = &fileConfig{Path: file}
		if err := toml.NewDecoder(bytes.NewReader(doc)).Decode(fc); err != nil {
			return nil, &FileError{File: file, Problems: decodeProblems(err)}
		}
	}
	probs = append(probs, fc.check(indexKeyLines(doc))...)
	if len(probs) > 0 {
		sort.SliceStable(probs, func(i, j int) bool { return probs[i].Line < probs[j].Line })
		return nil, &FileError{File: file, Problems: probs}
	}
	return fc, nil
}

// decodeProblems turns go-toml's errors into problems with lines: each
// unknown key, or the syntax or type error.
func decodeProblems(err error) []Problem {
	var strict *toml.StrictMissingError
	if errors.As(err, &strict) {
		var ps []Problem
		for _, e := range strict.Errors {
			row, _ := e.Position()
			msg := fmt.Sprintf("unknown key %q", strings.Join(e.Key(), "."))
			if near := suggestKey(e.Key()); near != "" {
				msg += "; did you mean " + near + "?"
			}
			ps = append(ps, Problem{row, msg})
		}
		return ps
	}
	var de *toml.DecodeError
	if errors.As(err, &de) {
		row, _ := de.Position()
		return []Problem{{row, typeMessage(strings.Join(de.Key(), "."), de.Error())}}
	}
	return []Problem{{0, err.Error()}}
}

// decodeTypeError matches go-toml's message for a value of the wrong type.
var decodeTypeError = regexp.MustCompile(`cannot decode TOML (\w+) into .* of type (\S+(?: \{\})?)`)

// typeMessage words go-toml's type errors for the file's author rather
// than in Go's terms: "publication.tz: want a string, not an integer".
func typeMessage(key, msg string) string {
	m := decodeTypeError.FindStringSubmatch(msg)
	if m == nil {
		return msg
	}
	want := map[string]string{
		"string": "a string", "int": "a number", "*int": "a number", "[]string": "a list of strings",
		"[]interface {}": "a list", "interface {}": "a value", "*bool": "true or false", "bool": "true or false",
		// Named by reflect, as go-toml names them, so that a rename
		// cannot leave them behind.
		reflect.TypeFor[fileLog]().String():           "a table ([log])",
		reflect.TypeFor[[]filePublication]().String(): "tables ([[publication]])",
		reflect.TypeFor[[]Source]().String():          "tables ([[publication.sources]])",
		reflect.TypeFor[Vocabulary]().String():        "a table ([publication.vocabulary])",
		reflect.TypeFor[fileWebSub]().String():        "a table ([websub])",
	}[m[2]]
	if want == "" {
		want = "another type"
	}
	got := map[string]string{"integer": "an integer", "string": "a string", "boolean": "true or false",
		"float": "a number with a fraction", "array": "a list", "table": "a table", "inline": "a table"}[m[1]]
	if got == "" {
		got = m[1]
	}
	if key == "" {
		key = "value"
	}
	return fmt.Sprintf("%s: want %s, not %s", key, want, got)
}

// resolve makes a path written in the file relative to the file's
// directory, so that a command started elsewhere (a cron job) finds the
// same store and inbox.
func (fc *fileConfig) resolve(p string) string {
	if p == "" || filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(filepath.Dir(fc.Path), p)
}

// ResolveDB does the same for a store: a file path, or the path inside a
// file: or sqlite: URL; a PostgreSQL DSN is left as it is.
func (fc *fileConfig) ResolveDB(dsn string) string {
	for _, scheme := range []string{"file:", "sqlite:"} {
		if rest, ok := strings.CutPrefix(dsn, scheme); ok {
			if strings.HasPrefix(rest, "//") {
				return dsn // file:///abs or sqlite:///abs
			}
			path, query, _ := strings.Cut(rest, "?")
			if query != "" {
				query = "?" + query
			}
			return scheme + fc.resolve(path) + query
		}
	}
	if strings.Contains(dsn, "://") {
		return dsn
	}
	return fc.resolve(dsn)
}
