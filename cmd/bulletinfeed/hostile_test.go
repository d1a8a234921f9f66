package main

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"flag"
	"fmt"
	"html"
	"image"
	"image/color"
	"image/png"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/bulletinfeed/bulletinfeed/internal/xmltest"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/feed"
	"github.com/bulletinfeed/bulletinfeed/source"
	"github.com/bulletinfeed/bulletinfeed/store"
	"github.com/mmcdole/gofeed"
	"golang.org/x/text/encoding/simplifiedchinese"
	xunicode "golang.org/x/text/encoding/unicode"
)

// Not -update: other packages' tests use that name, and a second
// definition in this package would not compile.
var updateHostile = flag.Bool("update-hostile", false, "rewrite the generated cases in testdata/hostile")

// hostileDir is the hostile input corpus (issue 11).
const hostileDir = "../../testdata/hostile"

// outcome is what a hostile case must come to.
type outcome int

const (
	// accept: the issue is stored, and every page and feed shows its text
	// escaped, without the characters XML forbids.
	accept outcome = iota + 1
	// refuse: an Invalid error that names the file and the problem, the
	// file unchanged and nothing stored.
	refuse
	// either: both are defensible; each is checked as above.
	either
)

// hostileCase is one file of the corpus.
type hostileCase struct {
	// name is the case's name in README.md and the subtest name; the
	// file is name too unless file is set.
	name string
	file string
	// gen makes the file's bytes. Nil: the file is written by hand and
	// committed. Otherwise the file is generated: committed (rewrite it
	// with -update-hostile) unless temp is set.
	gen func() []byte
	// temp cases are made at test time in a temp dir only: too large to
	// commit, or named with characters no checkout should hold.
	temp bool
	// parseOnly cases are parsed, not stored: a render of hundreds of
	// articles would be most of the test's time under -race, and tests
	// nothing hostile.
	parseOnly bool
	banners   []string
	want      outcome

	// For refused cases.
	errHas []string // every one of these is in the message
	errAny []string // at least one of these is (the wording is open)
	line   [2]int   // the message gives a line in this range, if set

	// For accepted cases.
	found   []planted // where the parser must have put the planted text
	rssDesc []string  // in the description of some RSS item, as gofeed reads it
}

// planted is hostile text and the field of the parsed issue it must land in.
type planted struct{ field, text string }

func (c *hostileCase) fileName() string {
	if c.file != "" {
		return c.file
	}
	return c.name
}

// Planted text used in several cases.
const (
	scriptTag = "<script>alert(1)</script>"
	imgTag    = "<img src=x onerror=alert(1)>"
)

// Limits the contracts of issue 11 name.
const (
	maxSize      = source.DefaultMaxSize // --max-size
	maxParagraph = 64 << 10              // --max-paragraph
	maxArticles  = 500                   // --max-articles
)

// hostileCases is the case table; the large inputs are generated once.
var hostileCases = sync.OnceValue(func() []*hostileCase {
	dateRefused := func(name, year string) *hostileCase {
		return &hostileCase{name: name, want: refuse, line: [2]int{3, 3},
			errHas: []string{"year " + year, "outside the supported range 1900–2200"}}
	}
	keyRefused := func(name, key string) *hostileCase {
		return &hostileCase{name: name, want: refuse, line: [2]int{2, 2}, errHas: []string{strconv.Quote(key)}}
	}
	// A key that a file name gives: its error names the key, quoted.
	nameRefused := func(name, file string) *hostileCase {
		key := strings.TrimSuffix(file, ".txt")
		return &hostileCase{name: name, file: file, temp: true, gen: func() []byte { return issue(meeting...) },
			want: refuse, errHas: []string{quoted(key)}}
	}
	big := func(name string) *hostileCase {
		return &hostileCase{name: name, temp: true, want: refuse} // gen set below
	}

	cases := []*hostileCase{
		// Script and markup in every field.
		{name: "script-in-title.txt", want: accept,
			found: []planted{{"title", scriptTag + "社区食堂正式开业"}}},
		{name: "script-in-kicker-subtitle.txt", want: accept,
			found: []planted{{"heading", imgTag + "聚焦民生实事"}, {"heading", `<script>alert("subtitle")</script>狠抓工作落实`}}},
		// No credit parser takes markup for a name: the line stays in the
		// text, escaped like any other.
		{name: "script-in-credit.txt", want: accept,
			found: []planted{{"anywhere", "By Jane " + scriptTag + " Doe"}, {"anywhere", "By " + imgTag}}},
		{name: "script-in-paragraph.txt", want: accept,
			found: []planted{{"paragraph", imgTag}, {"paragraph", "<script>alert(document.cookie)</script>"},
				{"paragraph", `<a href="javascript:alert(1)">click here</a>`}, {"anywhere", `<iframe src="javascript:alert(2)"></iframe>`}},
			rssDesc: []string{"&lt;img src=x onerror=alert(1)&gt;"}},
		{name: "script-in-subhead.txt", want: accept,
			found: []planted{{"subhead", scriptTag + "清理楼道杂物"}, {"subhead", imgTag + "整治绿地环境"}}},
		{name: "script-in-banner.txt", want: accept,
			banners: []string{scriptTag + "幸福养老", imgTag + " 文明创建"},
			found:   []planted{{"section", scriptTag + "幸福养老"}, {"section", imgTag + " 文明创建"}}},
		{name: "script-in-header-title.txt", want: accept,
			found: []planted{{"issue title", scriptTag + "新苑通讯" + imgTag}}},
		{name: "javascript-url-text.txt", want: accept,
			found: []planted{{"title", "Report Suspicious Links javascript:alert(1)"}, {"paragraph", "javascript:alert(document.domain)"},
				{"paragraph", "data:text/html," + scriptTag}}},
		{name: "entity-literal-text.txt", want: accept,
			found: []planted{{"title", "Tom &amp; Jerry &lt;b&gt;Night&lt;/b&gt; at the Hall"}, {"paragraph", "&lt;b&gt; and &amp;"},
				{"paragraph", "&#60;script&#62;"}, {"byline", "Jane O'Brien"}},
			rssDesc: []string{"&amp;lt;b&amp;gt; and &amp;amp;"}},
		{name: "xml-breaking-text.txt", want: accept,
			found: []planted{{"title", "Closing Tags ]]> and <![CDATA[ in a Headline"}, {"paragraph", "</description></item></channel></rss>"},
				{"paragraph", `<!DOCTYPE x [<!ENTITY e "boom">]>&e;`}, {"paragraph", `"},{"title":"injected",`}}},

		// Characters XML forbids, and bytes that are no text.
		{name: "nul-bytes.txt", gen: genNUL, want: refuse, errAny: []string{"binary", "NUL", "not text"}},
		{name: "nonchars-fffe-ffff.txt", gen: genNonchars, want: accept,
			found: []planted{{"title", "社区食堂\uFFFE正式开业\uFFFF"}, {"paragraph", "通报\uFFFF一季度"}}},
		{name: "lone-surrogate-utf8.txt", gen: genSurrogate, want: refuse, line: [2]int{5, 5},
			errAny: []string{"UTF-8", "encoding"}},
		{name: "c0-c1-controls.txt", gen: genControls, want: accept,
			found: []planted{{"title", "社区食堂正式开业"}, {"byline", "罗佳怡"}, {"paragraph", "新苑街道"}}},
		{name: "ansi-escape-sequences.txt", gen: genANSI, want: accept,
			found: []planted{{"issue title", "新苑通讯"}, {"title", "社区食堂正式开业"}, {"byline", "罗佳怡"}}},
		// Banners whose slugs collide: with the all-sections feed, and a
		// banner of symbols only (no slug of its own) with "Section".
		{name: "banner-slug-collisions.txt", want: accept, banners: []string{"All", "★★★", "Section"},
			found: []planted{{"section", "All"}, {"section", "★★★"}, {"section", "Section"}}},
		{name: "bidi-overrides-in-titles.txt", gen: genBidi, want: accept,
			banners: []string{"\u2066幸福养老\u2069"},
			found: []planted{{"issue title", "新苑通讯\u202E讯通苑新"}, {"title", "社区食堂\u202Egnp.exe正式开业"},
				{"heading", "\u2067聚焦民生实事\u2069"}, {"section", "\u2066幸福养老\u2069"}}},

		// Limits.
		big("line-10mib-at-max-size.txt"),
		big("line-10mib-over-max-size.txt"),
		big("paragraph-200k.txt"),
		big("articles-2000.txt"),
		{name: "articles-500-at-cap.txt", temp: true, want: accept, parseOnly: true},
		{name: "banners-repeated.txt", temp: true, want: accept, banners: []string{"社区动态", "文明创建 人人参与"}},

		// Dates.
		dateRefused("date-0000-01-01-plus14.txt", "0"),
		dateRefused("date-9999-12-31.txt", "9999"),
		dateRefused("date-1899-12-31.txt", "1899"),
		dateRefused("date-2201-01-01.txt", "2201"),
		{name: "date-2023-02-30-impossible.txt", want: refuse, line: [2]int{3, 3}, errHas: []string{"2023-02-30", "not a calendar date"}},
		{name: "date-1900-01-01-earliest.txt", want: accept, found: []planted{{"date", "1899-12-31T15:54:17Z"}}},
		{name: "date-2200-12-31-latest.txt", want: accept, found: []planted{{"date", "2200-12-30T16:00:00Z"}}},
		// The year as written decides, not the year in UTC.
		{name: "date-1900-01-01-plus14.txt", want: accept, found: []planted{{"date", "1899-12-31T10:00:00Z"}}},
		{name: "date-2200-12-31-minus12.txt", want: accept, found: []planted{{"date", "2201-01-01T11:59:59Z"}}},
		{name: "date-2200-12-31-minus14.txt", want: accept, found: []planted{{"date", "2201-01-01T13:59:59Z"}}},

		// Issue keys.
		keyRefused("key-dotdot.txt", ".."),
		keyRefused("key-dot.txt", "."),
		keyRefused("key-traversal.txt", "../../etc"),
		keyRefused("key-slash.txt", "a/b"),
		keyRefused("key-backslash.txt", `a\b`),
		{name: "key-500-chars.txt", want: refuse, line: [2]int{2, 2}, errHas: []string{"kkkkkkkkkk"}, errAny: []string{"limit", "long"}},
		{name: "key-escape-in-header.txt", gen: genKeyEscape, want: either},
		{name: "key-bidi-in-header.txt", gen: genKeyBidi, want: refuse, line: [2]int{1, 1}, errHas: []string{quoted("2024\u202E-05")}},
		{name: "key-percent-encoded-dots.txt", want: accept, found: []planted{{"key", "%2e%2e"}}},
		{name: "key-markup.txt", want: accept, found: []planted{{"key", "2024-05" + imgTag}}},
		{name: "key-url-specials.txt", want: accept, found: []planted{{"key", "2024#05?page=1&x=%2F"}}},
		// CheckKey does not name noncharacters; if such a key is taken,
		// it must reach no feed or page.
		{name: "key-noncharacter.txt", gen: genKeyNonchar, want: either},
		{name: "...txt", want: refuse, errHas: []string{`".."`}},
		{name: "..txt", want: refuse, errHas: []string{`"."`}},
		nameRefused("name-with-escape", "\x1b[31mred\x1b[0m-2024-05.txt"),
		nameRefused("name-with-rlo", "bulletin-\u202Efdp.2024-05.txt"),
		nameRefused("name-with-isolate", "bulletin-\u2066isolate\u2069-2024-05.txt"),
		nameRefused("name-with-newline", "bulletin\n2024-05.txt"),
		{name: "name-with-osc-and-issue-header", file: "\x1b]0;pwned\x07-2024-05.txt", temp: true, want: accept,
			gen:   func() []byte { return issue(append([]string{"Issue: xinyuan-osc-2024-05"}, meeting...)...) },
			found: []planted{{"key", "xinyuan-osc-2024-05"}}},

		// Encodings, and files that are something else.
		{name: "charset-gbk-declared-but-utf8.txt", want: accept,
			found: []planted{{"heading", "新苑街道召开二季度重点工作推进会"}, {"paragraph", "十几位老人正围坐在一起用餐"}}},
		{name: "gb18030-with-utf8-bom.txt", gen: genGB18030WithBOM, want: refuse, errAny: []string{"byte order mark", "BOM"}},
		{name: "utf16le-no-bom.txt", gen: genUTF16(xunicode.LittleEndian), want: refuse, errAny: []string{"binary", "UTF-16", "encoding", "not text"}},
		{name: "utf16be-no-bom.txt", gen: genUTF16(xunicode.BigEndian), want: refuse, errAny: []string{"binary", "UTF-16", "encoding", "not text"}},
		{name: "utf16-bom-odd-length.txt", gen: genUTF16BOM(false), want: refuse, errAny: []string{"UTF-16"}},
		{name: "utf16-bom-lone-surrogate.txt", gen: genUTF16BOM(true), want: refuse, errAny: []string{"UTF-16"}},
		{name: "pdf-by-content.txt", gen: genPDF, want: refuse, errAny: []string{"binary", "PDF", "not text"}},
		{name: "png-by-content.txt", gen: genPNG, want: refuse, errAny: []string{"binary", "PNG", "not text"}},
	}

	byName := map[string]*hostileCase{}
	for _, c := range cases {
		byName[c.name] = c
	}
	bigLine, bigLineNum := genBigLine()
	at, over := byName["line-10mib-at-max-size.txt"], byName["line-10mib-over-max-size.txt"]
	at.gen = func() []byte { return bigLine }
	paraLimit := []string{strconv.Itoa(maxParagraph), "64 KiB"}
	at.errHas, at.errAny, at.line = []string{"--max-paragraph"}, paraLimit, [2]int{bigLineNum, bigLineNum}
	over.gen = func() []byte { return append(slices.Clip(bigLine), '\n') }
	over.errHas, over.errAny = []string{"--max-size"}, []string{strconv.Itoa(maxSize), "10 MiB"}
	para, first, last := genLongParagraph()
	pc := byName["paragraph-200k.txt"]
	pc.gen = func() []byte { return para }
	pc.errHas, pc.errAny, pc.line = []string{"--max-paragraph"}, paraLimit, [2]int{first, last}
	arts, from, to := genArticles(2000)
	ac := byName["articles-2000.txt"]
	ac.gen = func() []byte { return arts }
	ac.errHas, ac.line = []string{"--max-articles", strconv.Itoa(maxArticles)}, [2]int{from, to}
	cap500, _, _ := genArticles(maxArticles)
	byName["articles-500-at-cap.txt"].gen = func() []byte { return cap500 }
	byName["banners-repeated.txt"].gen = genRepeatedBanners
	byName["banners-repeated.txt"].found = []planted{{"section", "社区动态"}, {"section", "文明创建 人人参与"}, {"title", "社区食堂让老人吃上“放心饭”"}}
	return cases
})

// quoted is s as %q shows it, without the quotes: how a message names a
// key or file whose characters must not reach a terminal raw.
func quoted(s string) string {
	q := strconv.Quote(s)
	return q[1 : len(q)-1]
}

// issue joins the parts of an issue with blank lines, in the shape of
// examples/xinyuan-2024-05.txt.
func issue(parts ...string) []byte {
	return []byte(strings.Join(parts, "\n\n") + "\n")
}

var meeting = []string{
	"新苑街道召开二季度重点工作推进会",
	"通讯员 罗佳怡",
	"5月10日，新苑街道召开二季度重点工作推进会，通报一季度各项工作完成情况，部署二季度重点任务。",
	"会议要求，要坚持问题导向，对照任务清单逐项梳理，确保按时保质完成。",
}

var canteen = []string{
	"社区食堂让老人吃上“放心饭”",
	"通讯员 钟雨晴 摄影 邱明",
	"走进新苑街道枫林社区的长者食堂，饭菜飘香，十几位老人正围坐在一起用餐。",
	"据了解，街道计划年内再建设两家长者食堂，实现辖区社区全覆盖。",
}

func genNUL() []byte {
	return issue(
		"新苑街道召开二季度重点工作推进会",
		"通讯员 罗佳怡",
		"5月10日，新苑街道召开\x00二季度重点工作推进会，通报一季度各项工作\x00\x00完成情况。",
		"会议要求，要坚持问题导向，确保按时保质完成。")
}

func genNonchars() []byte {
	return issue(
		"社区食堂\uFFFE正式开业\uFFFF",
		"通讯员 罗佳怡",
		"5月10日，新苑街道枫林社区长者食堂正式开业，通报\uFFFF一季度各项工作完成情况\uFFFE。",
		"“一荤两素一汤，才十五块钱，味道也好。”今年七十六岁的刘阿姨说。")
}

// genSurrogate plants U+D800 encoded as UTF-8 (ED A0 80), which is no
// valid UTF-8, on line 5.
func genSurrogate() []byte {
	return issue(slices.Concat([]string{
		"新苑街道召开二季度重点工作推进会",
		"通讯员 罗佳怡",
		"5月10日，新苑街道召开二季度重点工作推进会，通报一季度\xed\xa0\x80各项工作完成情况。",
	}, canteen)...)
}

// genControls stays under the decoder's "binary" threshold: a few stray
// C0 controls, DEL and C1 controls (U+0085 NEL, U+009B CSI, U+0090 DCS).
func genControls() []byte {
	return issue(slices.Concat([]string{
		"社区\x01食堂\x7f正式开业",
		"通讯员 罗\x02佳怡",
		"5月10日，\x0b新苑街道\x08召开\u0085二季度\u009b31m重点工作\u0090推进会，通报\x1f一季度各项工作完成情况。",
	}, canteen)...)
}

// genANSI plants terminal escape sequences: colours, clear screen, and an
// OSC sequence that sets the terminal's title.
func genANSI() []byte {
	return issue(slices.Concat([]string{
		"Title: \x1b[31m新苑通讯\x1b[0m",
		"\x1b[1m社区食堂正式开业\x1b[0m",
		"通讯员 罗\x1b佳怡",
		"5月10日，新苑街道\x1b[2J\x1b[H召开二季度重点工作推进会，通报一季度各项工作完成情况。",
		"会议要求，\x1b]0;pwned\x07要坚持问题导向，确保按时保质完成。",
	}, canteen)...)
}

func genBidi() []byte {
	return issue(slices.Concat([]string{
		"Title: 新苑通讯\u202E讯通苑新",
		"\u2067聚焦民生实事\u2069",
		"社区食堂\u202Egnp.exe正式开业",
		"通讯员 罗佳怡",
		"5月10日，新苑街道枫林社区长者食堂\u2066正式开业\u2069，每天为辖区老年人提供午餐和晚餐。",
		"\u2066幸福养老\u2069",
	}, canteen)...)
}

func genKeyEscape() []byte {
	return issue(append([]string{"Issue: 2024\x1b[31m-05"}, meeting...)...)
}

func genKeyBidi() []byte {
	return issue(append([]string{"Issue: 2024\u202E-05"}, meeting...)...)
}

func genKeyNonchar() []byte {
	return issue(append([]string{"Issue: 2024-05\uFFFF"}, meeting...)...)
}

// genUTF16BOM makes UTF-16LE with a byte order mark that is broken: a
// stray last byte, or a lone high surrogate (D800) in the text.
func genUTF16BOM(surrogate bool) func() []byte {
	return func() []byte {
		b, err := xunicode.UTF16(xunicode.LittleEndian, xunicode.UseBOM).NewEncoder().Bytes(issue(slices.Concat(meeting, canteen)...))
		if err != nil {
			panic(err)
		}
		if !surrogate {
			return append(b, 'x')
		}
		at := len(b) / 2 &^ 1
		return slices.Concat(b[:at], []byte{0x00, 0xD8}, b[at:])
	}
}

func genGB18030WithBOM() []byte {
	gb, err := simplifiedchinese.GB18030.NewEncoder().Bytes(issue(slices.Concat(meeting, canteen)...))
	if err != nil {
		panic(err)
	}
	return append([]byte{0xEF, 0xBB, 0xBF}, gb...)
}

func genUTF16(order xunicode.Endianness) func() []byte {
	return func() []byte {
		b, err := xunicode.UTF16(order, xunicode.IgnoreBOM).NewEncoder().Bytes(issue(slices.Concat(meeting, canteen)...))
		if err != nil {
			panic(err)
		}
		return b
	}
}

// genPDF makes a small PDF as pdftotext would have read it: a header, a
// catalogue and a compressed (here: pseudo-random) content stream.
func genPDF() []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n")
	b.WriteString("2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n")
	b.WriteString("3 0 obj\n<< /Length 512 /Filter /FlateDecode >>\nstream\n")
	x := uint32(2024)
	for range 512 {
		x = x*1664525 + 1013904223
		b.WriteByte(byte(x >> 24))
	}
	b.WriteString("\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")
	return b.Bytes()
}

func genPNG() []byte {
	img := image.NewRGBA(image.Rect(0, 0, 8, 8))
	for i := range 8 {
		img.Set(i, i, color.RGBA{R: 200, A: 255})
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		panic(err)
	}
	return b.Bytes()
}

// genBigLine returns an issue of exactly maxSize bytes whose last line, a
// paragraph of words with no line break, fills it; and that line's number.
func genBigLine() ([]byte, int) {
	head := string(issue("Title: 新苑通讯", "Issue: xinyuan-big-line", "Parish Hall Roof Appeal Reaches Its Target", "By Jane Doe"))
	head += "\n"
	n := strings.Count(head, "\n") + 1
	b := make([]byte, 0, maxSize+1)
	b = append(b, head...)
	words := "the appeal for the parish hall roof closed on sunday with every pound raised "
	for len(b) < maxSize-1 {
		b = append(b, words[:min(len(words), maxSize-1-len(b))]...)
	}
	b = append(b, '\n')
	return b, n
}

// genLongParagraph returns an issue with one paragraph of about 200 KB
// printed on short lines that all continue it, and the paragraph's first
// and last lines.
func genLongParagraph() ([]byte, int, int) {
	var b strings.Builder
	b.WriteString(string(issue("Parish Hall Roof Appeal Reaches Its Target", "By Jane Doe", "The appeal closed on Sunday.")))
	b.WriteString("\n")
	first := strings.Count(b.String(), "\n") + 1
	b.WriteString("The committee heard that the works on the north aisle\n")
	lines := 1
	// Each line differs, in words: a line printed three times over is
	// a running header to the parser, digits or not.
	for b.Len() < 200<<10 {
		fmt.Fprintf(&b, "and on the south porch part %s would continue through the summer months\n", spell(lines))
		lines++
	}
	b.WriteString("and be finished by the harvest festival.\n")
	lines++
	return []byte(b.String()), first, first + lines - 1
}

// genArticles returns an issue of n short articles and, when n is over
// maxArticles, the lines of the first article past the cap.
func genArticles(n int) ([]byte, int, int) {
	var b strings.Builder
	b.WriteString("Title: Parish Notices\n\n")
	line := 3
	from, to := 0, 0
	for i := 1; i <= n; i++ {
		if i == maxArticles+1 {
			from, to = line, line+4
		}
		// Headings differ in words, not only in digits, or the parser
		// takes them for running headers.
		fmt.Fprintf(&b, "Bin Round %s Moves to Tuesdays\n\nBy Jane Doe\n\nBins in ward %d will be collected on Tuesdays from next month, the council said.\n\n", spell(i), i)
		line += 6
	}
	return []byte(b.String()), from, to
}

// spell writes n in words, digit by digit: 104 is "One Zero Four".
func spell(n int) string {
	names := []string{"Zero", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine"}
	var words []string
	for _, d := range strconv.Itoa(n) {
		words = append(words, names[d-'0'])
	}
	return strings.Join(words, " ")
}

// genRepeatedBanners prints one banner thousands of times in a row, and
// a two-line banner hundreds of times, before articles.
func genRepeatedBanners() []byte {
	var b strings.Builder
	for range 3000 {
		b.WriteString("社区动态\n")
	}
	b.WriteString("\n")
	b.Write(issue(meeting...))
	b.WriteString("\n")
	for range 500 {
		b.WriteString("文明创建\n人人参与\n\n")
	}
	b.Write(issue(canteen...))
	return []byte(b.String())
}

// hostileFile is a case's file as the test reads it.
type hostileFile struct {
	path string
	data []byte
	info os.FileInfo
}

// prepareHostile returns the path of each case's file: committed ones are
// checked against their generator (or rewritten with -update-hostile),
// temporary ones are written to tmp.
func prepareHostile(t *testing.T, cases []*hostileCase, tmp string) map[string]string {
	t.Helper()
	paths := map[string]string{}
	for _, c := range cases {
		if c.temp {
			p := filepath.Join(tmp, c.fileName())
			if err := os.WriteFile(p, c.gen(), 0o644); err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			paths[c.name] = p
			continue
		}
		p := filepath.Join(hostileDir, c.fileName())
		paths[c.name] = p
		if c.gen == nil {
			continue
		}
		want := c.gen()
		if *updateHostile {
			if err := os.WriteFile(p, want, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if got, err := os.ReadFile(p); err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s is missing or not what its generator makes (%v): run go test ./cmd/bulletinfeed -run Hostile -update-hostile", p, err)
		}
	}
	return paths
}

func snapshot(t *testing.T, path string) hostileFile {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return hostileFile{path: path, data: data, info: info}
}

func (f hostileFile) checkUnchanged(t *testing.T) {
	t.Helper()
	data, err := os.ReadFile(f.path)
	if err != nil {
		t.Errorf("input file gone: %v", err)
		return
	}
	info, err := os.Stat(f.path)
	if err != nil || !bytes.Equal(data, f.data) || !info.ModTime().Equal(f.info.ModTime()) || info.Mode() != f.info.Mode() {
		t.Errorf("input file changed on disk")
	}
}

// TestHostileCorpusListed keeps testdata/hostile, its README and the case
// table in step.
func TestHostileCorpusListed(t *testing.T) {
	cases := hostileCases()
	if len(cases) < 30 {
		t.Errorf("%d cases, want at least 30", len(cases))
	}
	readme, err := os.ReadFile(filepath.Join(hostileDir, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	committed := map[string]bool{}
	for _, c := range cases {
		if !bytes.Contains(readme, []byte("`"+c.name+"`")) {
			t.Errorf("README.md does not list %s", c.name)
		}
		if !c.temp {
			committed[c.fileName()] = true
		}
		if c.temp && c.gen == nil {
			t.Errorf("%s: a temporary case needs a generator", c.name)
		}
	}
	entries, err := os.ReadDir(hostileDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Name() != "README.md" && !committed[e.Name()] {
			t.Errorf("%s is in testdata/hostile but in no case", e.Name())
		}
		delete(committed, e.Name())
	}
	for name := range committed {
		if !*updateHostile {
			t.Errorf("case file %s is not in testdata/hostile", name)
		}
	}
}

// TestHostileInputs runs every case of the hostile corpus through parsing,
// the store and a render, then renders one store holding all that was
// accepted.
func TestHostileInputs(t *testing.T) {
	ctx := context.Background()
	cases := hostileCases()
	tmp := t.TempDir()
	paths := prepareHostile(t, cases, tmp)
	before, _ := os.ReadDir(hostileDir)

	dbPath := filepath.Join(t.TempDir(), "db")
	db, err := store.Open(ctx, dbPath, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	shanghai, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	// The shared publication knows every case's banners.
	var allBanners []string
	for _, c := range cases {
		allBanners = append(allBanners, c.banners...)
	}
	putPub := func(id string, banners []string) {
		t.Helper()
		pub := &bulletinfeed.Publication{ID: id, Title: "新苑通讯", Lang: "zh-CN", TimeZone: "Asia/Shanghai", Banners: banners}
		if err := db.PutPublication(ctx, pub); err != nil {
			t.Fatal(err)
		}
	}
	putPub("default", allBanners)

	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := paths[c.name]
			snap := snapshot(t, path)
			pubID := fmt.Sprintf("case-%02d", i)
			putPub(pubID, c.banners)
			// The hostile files print no date: what they test is their
			// content, so they are dated on arrival.
			opts := source.Options{Banners: c.banners, Location: shanghai, DateOnArrival: true}

			iss, err := source.ParseFile(context.Background(), path, opts)
			if c.parseOnly {
				snap.checkUnchanged(t)
				if err != nil {
					t.Fatalf("refused, want accepted: %v", err)
				}
				checkAccepted(t, c, iss)
				return
			}
			var res *store.IngestResult
			if err == nil {
				res, err = db.Ingest(ctx, pubID, iss)
			}
			if err == nil {
				// The hostile files share their articles on purpose.
				if _, err2 := db.IngestWith(ctx, "default", iss, store.IngestOptions{Duplicate: true}); err2 != nil {
					t.Errorf("accepted once, refused by the shared publication: %v", err2)
				}
			}
			snap.checkUnchanged(t)

			switch {
			case err != nil && c.want == accept:
				t.Errorf("refused, want accepted: %v", err)
			case err == nil && c.want == refuse:
				t.Errorf("accepted (issue %q, %d articles), want an invalid error", res.Issue.Key, len(res.Issue.Articles))
			case err != nil:
				t.Logf("refused: %v", err)
				checkRefusal(t, c, path, err)
				if is, err := db.Issues(ctx, pubID, 0); err != nil || len(is) != 0 {
					t.Errorf("refused, yet the store holds %d issues (%v)", len(is), err)
				}
				if len(snap.data) < 1<<20 {
					checkCLIRefusal(t, c, path)
				}
			default:
				if c.want == either {
					t.Logf("accepted as issue %q", res.Issue.Key)
				}
				checkAccepted(t, c, res.Issue)
			}

			// Whatever happened, the site still renders, clean.
			site, rerr := feed.Render(ctx, db, feed.Config{PublicationID: pubID, BaseURL: baseURLHostile})
			if rerr != nil {
				t.Fatalf("render after the case: %v", rerr)
			}
			out := checkSite(t, site, storedArticles(t, db, pubID))
			if err == nil {
				checkShown(t, c, site, out)
			}
		})
	}

	after, _ := os.ReadDir(hostileDir)
	if len(before) != len(after) {
		t.Errorf("testdata/hostile had %d entries, now %d", len(before), len(after))
	}

	t.Run("all accepted cases in one store", func(t *testing.T) {
		site, err := feed.Render(ctx, db, feed.Config{PublicationID: "default", BaseURL: baseURLHostile})
		if err != nil {
			t.Fatalf("render: %v", err)
		}
		checkSite(t, site, storedArticles(t, db, "default"))
	})

	t.Run("issues prints no control characters", func(t *testing.T) {
		code, out, errs := runCmd(t, "issues", "--db", dbPath, "--publication", "default")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errs)
		}
		for _, l := range strings.SplitAfter(out, "\n") {
			if r, bad := badTerminalRune(l); bad {
				t.Errorf("issues printed %U raw: %q", r, l)
			}
		}
	})

	t.Run("build stays in its folder", func(t *testing.T) {
		parent := t.TempDir()
		out := filepath.Join(parent, "out")
		if code, _, errs := runCmd(t, "build", "--db", dbPath, "--publication", "default", "--base-url", baseURLHostile, "--out", out); code != 0 {
			t.Fatalf("exit %d: %s", code, errs)
		}
		if es, _ := os.ReadDir(parent); len(es) != 1 {
			t.Errorf("build wrote beside its folder: %v", es)
		}
		filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
			if err != nil {
				t.Error(err)
				return nil
			}
			if d.Type()&os.ModeSymlink != 0 {
				t.Errorf("build wrote a symlink %s", p)
			}
			if r, bad := badTerminalRune(p); bad {
				t.Errorf("build wrote a path with %U: %q", r, p)
			}
			return nil
		})
	})
}

const baseURLHostile = "http://example.org"

// checkRefusal checks the error of a refused case: Invalid, naming the
// file and the problem, printable.
func checkRefusal(t *testing.T, c *hostileCase, path string, err error) {
	t.Helper()
	msg := err.Error()
	if k := bulletinfeed.KindOf(err); k != bulletinfeed.Invalid {
		t.Errorf("error of kind %s, want invalid: %s", k, msg)
	}
	base := filepath.Base(path)
	if !strings.Contains(msg, base) && !strings.Contains(msg, quoted(base)) {
		t.Errorf("message does not name the file %q: %q", base, msg)
	}
	if r, bad := badMessageRune(msg); bad {
		t.Errorf("message carries %U raw: %q", r, msg)
	}
	for _, s := range c.errHas {
		if !strings.Contains(msg, s) {
			t.Errorf("message lacks %q: %q", s, msg)
		}
	}
	if len(c.errAny) > 0 && !slices.ContainsFunc(c.errAny, func(s string) bool { return strings.Contains(msg, s) }) {
		t.Errorf("message says none of %q: %q", c.errAny, msg)
	}
	if c.line != [2]int{} {
		line, ok := messageLine(msg, base)
		if !ok || line < c.line[0] || line > c.line[1] {
			t.Errorf("message gives line %d (found %v), want one in %d–%d: %q", line, ok, c.line[0], c.line[1], msg)
		}
	}
}

// messageLine finds the line number a message gives: "name:12: …" or
// "… line 12".
func messageLine(msg, base string) (int, bool) {
	re := regexp.MustCompile(regexp.QuoteMeta(base) + `"?:(\d+)|\bline (\d+)`)
	m := re.FindStringSubmatch(msg)
	if m == nil {
		return 0, false
	}
	s := m[1] + m[2]
	n, err := strconv.Atoi(s)
	return n, err == nil
}

// checkCLIRefusal runs the parse command on a refused file: exit 1 and
// one printable line on stderr that names the file.
func checkCLIRefusal(t *testing.T, c *hostileCase, path string) {
	t.Helper()
	args := []string{"parse"}
	for _, b := range c.banners {
		args = append(args, "--section", b)
	}
	code, out, errs := runCmd(t, append(args, path)...)
	if code != 1 || out != "" {
		t.Errorf("parse: exit %d, stdout %d bytes; want 1 and nothing", code, len(out))
	}
	if strings.Count(errs, "\n") != 1 || !strings.HasSuffix(errs, "\n") {
		t.Errorf("parse: stderr is not one line: %q", errs)
	}
	if r, bad := badMessageRune(strings.TrimSuffix(errs, "\n")); bad {
		t.Errorf("parse: stderr carries %U raw: %q", r, errs)
	}
}

// checkAccepted checks where the parser put each planted text.
func checkAccepted(t *testing.T, c *hostileCase, iss *bulletinfeed.Issue) {
	t.Helper()
	if err := bulletinfeed.CheckKey(iss.Key); err != nil {
		t.Errorf("stored key %q: %v", iss.Key, err)
	}
	if strings.ContainsRune(iss.Key, 0x1b) {
		t.Errorf("stored key %q holds ESC", iss.Key)
	}
	for _, p := range c.found {
		if !landed(iss, p) {
			t.Errorf("%s %q not found in the parsed issue (key %q, title %q, %d articles)", p.field, p.text, iss.Key, iss.Title, len(iss.Articles))
		}
	}
}

func landed(iss *bulletinfeed.Issue, p planted) bool {
	has := func(s string) bool { return strings.Contains(s, p.text) }
	switch p.field {
	case "issue title":
		return has(iss.Title)
	case "key":
		return iss.Key == p.text
	case "date": // as stored, in UTC
		return iss.Date.UTC().Format(time.RFC3339) == p.text
	}
	for _, a := range iss.Articles {
		var fields []string
		switch p.field {
		case "title":
			fields = []string{a.Title}
		case "heading":
			fields = a.Headings
		case "section":
			fields = []string{a.Section}
		case "byline":
			for _, b := range a.Bylines {
				fields = append(fields, b.Name)
			}
		case "paragraph", "subhead", "anywhere":
			for _, b := range a.Blocks {
				if p.field == "anywhere" || (p.field == "subhead") == (b.Kind == bulletinfeed.Subhead) {
					fields = append(fields, b.Text)
				}
			}
			if p.field == "anywhere" {
				fields = append(fields, a.Headings...)
				fields = append(fields, a.Title, a.Section)
			}
		}
		if slices.ContainsFunc(fields, has) {
			return true
		}
	}
	return false
}

func storedArticles(t *testing.T, db *store.DB, pubID string) map[string]*bulletinfeed.Article {
	t.Helper()
	ctx := context.Background()
	heads, err := db.Issues(ctx, pubID, 0)
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]*bulletinfeed.Article{}
	for _, h := range heads {
		iss, err := db.Issue(ctx, pubID, h.Key)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range iss.Articles {
			m[a.ID] = a
		}
	}
	return m
}

// siteText is what a rendered site shows, collected for the per-case
// checks.
type siteText struct {
	pages    [][]byte // HTML pages
	rssDescs []string // RSS item descriptions as gofeed reads them
	// inFeed holds, by feed slug, the articles in its RSS subscription
	// feed and archive pages.
	inFeed map[string]map[string]bool
}

// Tags an article's HTML content may hold: ours, never the text's.
var contentTag = regexp.MustCompile(`^<(?:p(?: class="[a-z]+")?|/p|h3|/h3|em|/em|strong|/strong)>`)

// Markup from the corpus that must never appear unescaped in a page.
var rawHTMLMarkup = regexp.MustCompile(`(?i)<(?:script|img|svg|iframe|!\[CDATA\[|!--|\?xml|!doctype x|!entity|/description|/item|/channel|/rss|/content:encoded)|(?:href|src|action)\s*=\s*["']?\s*javascript:`)

// Markup from the corpus that must never appear unescaped in XML.
// (Our RSS content is a CDATA section, so that is no sign.)
var rawXMLMarkup = regexp.MustCompile(`(?i)<(?:script|img|svg|iframe|a\s|!--|!doctype|!entity)`)

// checkSite checks every page and feed of a site and returns what the
// per-case checks look at.
func checkSite(t *testing.T, site *feed.Site, articles map[string]*bulletinfeed.Article) siteText {
	t.Helper()
	out := siteText{inFeed: map[string]map[string]bool{}}
	// Every page, those rendered on request included (articles, issues,
	// archive pages), as a build writes them.
	paths, err := site.AllPaths(context.Background())
	if err != nil {
		t.Fatalf("list the site's pages: %v", err)
	}
	for _, p := range paths {
		body, err := site.Page(context.Background(), p)
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		if !utf8.Valid(body) {
			t.Errorf("%s: invalid UTF-8", p)
		}
		if r, bad := badFeedRune(string(body)); bad {
			t.Errorf("%s: holds %U", p, r)
		}
		switch ext := filepath.Ext(p); {
		case strings.HasPrefix(p, "/feeds/") && (ext == ".rss" || ext == ".atom" || ext == ".json"):
			if ext == ".json" {
				if !json.Valid(body) {
					t.Errorf("%s: invalid JSON", p)
				}
			} else {
				checkXML(t, p, body)
			}
			checkFeed(t, p, body, articles, &out)
		case p == "/feeds.opml":
			checkXML(t, p, body)
		case bytes.HasPrefix(bytes.ToLower(body), []byte("<!doctype html")):
			// The page's own JSON-LD element is markup of ours; what it
			// holds has no '<' at all, so text cannot close it.
			if m := rawHTMLMarkup.Find(bytes.ReplaceAll(body, []byte(`<script type="application/ld+json">`), nil)); m != nil {
				t.Errorf("%s: raw markup %q from article text", p, m)
			}
			out.pages = append(out.pages, body)
		}
	}
	// Every article is in the feed of all sections and in its section's.
	for id, a := range articles {
		for _, slug := range []string{feed.AllSlug, a.SectionSlug} {
			if slug != "" && !out.inFeed[slug][id] {
				t.Errorf("article %s (%q) is in no RSS page of feed %q", id, a.Title, slug)
			}
		}
	}
	return out
}

// checkXML decodes a whole document strictly, as encoding/xml reads it.
func checkXML(t *testing.T, p string, body []byte) {
	t.Helper()
	if err := xmltest.WellFormed(body); err != nil {
		t.Errorf("%s: not well-formed: %v", p, err)
		return
	}
	if m := rawXMLMarkup.Find(body); m != nil {
		t.Errorf("%s: raw markup %q in the XML", p, m)
	}
}

// checkFeed reads a feed with gofeed and checks each item against its
// article: text clean, content escaped once inside our own tags, the
// summary escaped as its format says.
func checkFeed(t *testing.T, p string, body []byte, articles map[string]*bulletinfeed.Article, out *siteText) {
	t.Helper()
	f, err := gofeed.NewParser().Parse(bytes.NewReader(body))
	if err != nil {
		t.Errorf("%s: gofeed: %v", p, err)
		return
	}
	ext := filepath.Ext(p)
	atomSummaries := map[string]atomText{}
	if ext == ".atom" {
		atomSummaries = readAtomSummaries(t, p, body)
	}
	for _, s := range []string{f.Title, f.Description} {
		if r, bad := badFeedRune(s); bad {
			t.Errorf("%s: feed text holds %U: %q", p, r, s)
		}
	}
	for _, it := range f.Items {
		id := strings.TrimPrefix(it.GUID, baseURLHostile+"/articles/")
		a := articles[id]
		if a == nil {
			t.Errorf("%s: item %q is no stored article", p, it.GUID)
			continue
		}
		texts := []string{it.Title, it.Description, it.Content}
		for _, au := range it.Authors {
			texts = append(texts, au.Name)
		}
		texts = append(texts, it.Categories...)
		for _, s := range texts {
			if r, bad := badFeedRune(s); bad {
				t.Errorf("%s: item %s holds %U: %q", p, id, r, s)
			}
		}
		// Titles are plain text; RSS readers differ, so an escaped RSS
		// title would do too.
		if norm(it.Title) != norm(a.Title) && (ext != ".rss" || norm(html.UnescapeString(it.Title)) != norm(a.Title)) {
			t.Errorf("%s: item %s title %q, want %q", p, id, it.Title, a.Title)
		}
		checkContent(t, p, id, it.Content, a)

		body := norm(bodyText(a))
		switch ext {
		case ".rss":
			slug := strings.TrimPrefix(p, "/feeds/")
			slug = slug[:strings.IndexAny(slug, "./")]
			if out.inFeed[slug] == nil {
				out.inFeed[slug] = map[string]bool{}
			}
			out.inFeed[slug][id] = true
			out.rssDescs = append(out.rssDescs, it.Description)
			checkEscaped(t, p, id, "description", it.Description)
			checkSummary(t, p, id, html.UnescapeString(it.Description), body)
		case ".atom":
			s, ok := atomSummaries[it.GUID]
			switch {
			case !ok:
			case s.Type == "html":
				checkEscaped(t, p, id, "summary", s.Text)
				checkSummary(t, p, id, html.UnescapeString(s.Text), body)
			case s.Type == "" || s.Type == "text":
				checkSummary(t, p, id, s.Text, body)
			default:
				t.Errorf("%s: item %s summary of type %q", p, id, s.Type)
			}
		case ".json":
			// JSON Feed's summary is plain text.
			checkSummary(t, p, id, it.Description, body)
		}
	}
}

type atomText struct {
	Type string `xml:"type,attr"`
	Text string `xml:",chardata"`
}

func readAtomSummaries(t *testing.T, p string, body []byte) map[string]atomText {
	t.Helper()
	var doc struct {
		Entries []struct {
			ID      string   `xml:"id"`
			Summary atomText `xml:"summary"`
			Content atomText `xml:"content"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal(body, &doc); err != nil {
		t.Errorf("%s: %v", p, err)
	}
	m := map[string]atomText{}
	for _, e := range doc.Entries {
		if e.Content.Type != "html" {
			t.Errorf("%s: entry %s content of type %q, want html", p, e.ID, e.Content.Type)
		}
		if e.Summary.Text != "" || e.Summary.Type != "" {
			m[e.ID] = e.Summary
		}
	}
	return m
}

// checkContent checks an item's HTML content: only our tags, and between
// them the article's blocks, each escaped once.
func checkContent(t *testing.T, p, id, content string, a *bulletinfeed.Article) {
	t.Helper()
	for i := 0; i < len(content); i++ {
		if content[i] == '<' && contentTag.FindString(content[i:]) == "" {
			end := min(len(content), i+40)
			t.Errorf("%s: item %s content has markup that is not ours: %q", p, id, content[i:end])
			return
		}
	}
	var got []string
	for _, m := range regexp.MustCompile(`<(p|h3)>([^<]*)</(?:p|h3)>`).FindAllStringSubmatch(content, -1) {
		got = append(got, norm(html.UnescapeString(m[2])))
	}
	var want []string
	for _, b := range a.Blocks {
		want = append(want, norm(b.Text))
	}
	if !slices.Equal(got, want) {
		t.Errorf("%s: item %s content blocks\n%q\nwant\n%q", p, id, got, want)
	}
}

// checkEscaped checks that s is escaped HTML text: no tag, every & an
// entity.
func checkEscaped(t *testing.T, p, id, what, s string) {
	t.Helper()
	if strings.ContainsAny(s, "<>") {
		t.Errorf("%s: item %s %s is not escaped HTML: %q", p, id, what, s)
		return
	}
	amp := regexp.MustCompile(`&(?:[a-zA-Z][a-zA-Z0-9]*|#[0-9]+|#[xX][0-9a-fA-F]+);`)
	if strings.Contains(amp.ReplaceAllString(s, ""), "&") {
		t.Errorf("%s: item %s %s has a bare &: %q", p, id, what, s)
	}
}

// checkSummary checks that a summary, as a reader shows it, is the start
// of the article's text (cut with an ellipsis, perhaps).
func checkSummary(t *testing.T, p, id, shown, body string) {
	t.Helper()
	s := norm(strings.TrimSuffix(strings.TrimSpace(shown), "…"))
	if !strings.HasPrefix(body, s) {
		t.Errorf("%s: item %s summary shows %q, which does not start the article's text %q", p, id, shown, trim(body, 120))
	}
}

func bodyText(a *bulletinfeed.Article) string {
	var b strings.Builder
	for _, bl := range a.Blocks {
		if bl.Kind == bulletinfeed.Paragraph {
			b.WriteString(bl.Text)
		}
	}
	return b.String()
}

// norm drops white space and the characters a render may drop (controls,
// format characters, noncharacters, invalid bytes), for comparing what a
// reader sees with what was stored.
func norm(s string) string {
	var b strings.Builder
	for i, r := range s {
		if r == utf8.RuneError {
			if _, n := utf8.DecodeRuneInString(s[i:]); n == 1 {
				continue
			}
		}
		if unicode.IsSpace(r) || unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || r == 0xFFFE || r == 0xFFFF {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func trim(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

// checkShown checks that each planted text with markup is shown escaped on
// some page, and the summaries the case names.
func checkShown(t *testing.T, c *hostileCase, site *feed.Site, out siteText) {
	t.Helper()
	for _, p := range c.found {
		if p.field == "key" {
			// The issue has its page, and pages link to it.
			path := "/issues/" + p.text
			if _, err := site.Page(context.Background(), path); err != nil {
				t.Errorf("no page at %q: %v", path, err)
			}
			if !linksTo(out.pages, path) {
				t.Errorf("no page links to %q", path)
			}
		}
		if !strings.ContainsAny(p.text, "<>&") || p.field == "key" {
			continue
		}
		esc := []byte(html.EscapeString(p.text))
		if !slices.ContainsFunc(out.pages, func(b []byte) bool { return bytes.Contains(b, esc) }) {
			t.Errorf("no page shows %s %q escaped as %q", p.field, p.text, esc)
		}
	}
	for _, want := range c.rssDesc {
		if !slices.ContainsFunc(out.rssDescs, func(d string) bool { return strings.Contains(d, want) }) {
			t.Errorf("no RSS description holds %q; they are %q", want, out.rssDescs)
		}
	}
}

var hrefAttr = regexp.MustCompile(`href="([^"]*)"`)

// linksTo reports whether some page has a link that a browser resolves to
// path, with no query or fragment.
func linksTo(pages [][]byte, path string) bool {
	for _, b := range pages {
		for _, m := range hrefAttr.FindAllSubmatch(b, -1) {
			u, err := url.Parse(html.UnescapeString(string(m[1])))
			if err == nil && u.Path == path && u.RawQuery == "" && u.Fragment == "" && !u.ForceQuery {
				return true
			}
		}
	}
	return false
}

// badFeedRune returns a character that must not reach a feed or a page:
// a control other than tab, newline and carriage return, U+FFFE, U+FFFF,
// or the replacement of an invalid byte.
func badFeedRune(s string) (rune, bool) {
	for i, r := range s {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
		case unicode.IsControl(r), r == 0xFFFE, r == 0xFFFF:
			return r, true
		case r == utf8.RuneError:
			if _, n := utf8.DecodeRuneInString(s[i:]); n == 1 {
				return r, true
			}
		}
	}
	return 0, false
}

// badTerminalRune returns a character that must not reach a terminal raw:
// a control other than tab and newline (ESC starts a sequence the terminal
// obeys), or a bidi control, which reorders what is shown.
func badTerminalRune(s string) (rune, bool) {
	for i, r := range s {
		switch {
		case r == '\t' || r == '\n':
		case unicode.IsControl(r), unicode.Is(unicode.Bidi_Control, r), r == '\u2028', r == '\u2029':
			return r, true
		case r == utf8.RuneError:
			if _, n := utf8.DecodeRuneInString(s[i:]); n == 1 {
				return r, true
			}
		}
	}
	return 0, false
}

// badMessageRune is badTerminalRune for a one-line message: no newline
// either.
func badMessageRune(s string) (rune, bool) {
	if i := strings.IndexAny(s, "\n\t"); i >= 0 {
		return rune(s[i]), true
	}
	return badTerminalRune(s)
}
