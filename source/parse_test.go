package source_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/source"
	"golang.org/x/text/encoding/simplifiedchinese"
)

func mustRead(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func parseBytes(t *testing.T, b []byte, banners ...string) *bulletinfeed.Issue {
	t.Helper()
	iss, err := source.Parse(context.Background(), bytes.NewReader(b), "test.txt", source.Options{Banners: banners})
	if err != nil {
		t.Fatal(err)
	}
	return iss
}

func TestEncodingsAndLineEndsParseAlike(t *testing.T) {
	utf := mustRead(t, referenceIssue)
	want := readGold(t, strings.TrimSuffix(referenceIssue, ".txt")+".gold.json")
	gb, err := simplifiedchinese.GB18030.NewEncoder().Bytes(utf)
	if err != nil {
		t.Fatal(err)
	}
	gbk, err := simplifiedchinese.GBK.NewEncoder().Bytes(utf)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		b    []byte
	}{
		{"utf8 bom", append([]byte{0xEF, 0xBB, 0xBF}, utf...)},
		{"crlf", bytes.ReplaceAll(utf, []byte("\n"), []byte("\r\n"))},
		{"cr", bytes.ReplaceAll(utf, []byte("\n"), []byte("\r"))},
		{"gb18030", gb},
		{"gbk crlf", bytes.ReplaceAll(gbk, []byte("\n"), []byte("\r\n"))},
		{"utf16le bom", utf16LE(string(utf))},
		{"no blank lines", bytes.ReplaceAll(utf, []byte("\n\n"), []byte("\n"))},
		{"indented with full-width spaces", bytes.ReplaceAll(utf, []byte("\n\n"), []byte("\n\n\u3000\u3000"))},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			compareArticles(t, parseBytes(t, tc.b, referenceBanners...).Articles, want)
		})
	}
}

func utf16LE(s string) []byte {
	out := []byte{0xFF, 0xFE}
	for _, r := range s {
		if r >= 0x10000 {
			r -= 0x10000
			hi, lo := 0xD800+(r>>10), 0xDC00+(r&0x3FF)
			out = append(out, byte(hi), byte(hi>>8), byte(lo), byte(lo>>8))
			continue
		}
		out = append(out, byte(r), byte(r>>8))
	}
	return out
}

// TestPageBreaksInNewPlaces cuts paragraphs of the reference issue where
// its print never broke them, mid-sentence and mid-word, with a page number
// and a running header in between, and expects the same parse.
func TestPageBreaksInNewPlaces(t *testing.T) {
	text := string(mustRead(t, referenceIssue))
	want := readGold(t, strings.TrimSuffix(referenceIssue, ".txt")+".gold.json")
	paras := strings.Split(text, "\n\n")
	for _, furniture := range []string{"- 7 -", "第7版", "河西通讯 第7版\n\n- 7 -"} {
		for _, cut := range []int{40, 57, 91} {
			var b strings.Builder
			cuts := 0
			for i, p := range paras {
				if i > 0 {
					b.WriteString("\n\n")
				}
				if i%3 == 0 && utf8.RuneCountInString(p) > cut+10 {
					r := []rune(p)
					b.WriteString(string(r[:cut]))
					b.WriteString("\n\n" + furniture + "\n\n")
					b.WriteString(string(r[cut:]))
					cuts++
					continue
				}
				b.WriteString(p)
			}
			if cuts < 5 {
				t.Fatalf("only %d cuts made", cuts)
			}
			t.Run(furniture+"/cut at "+strconv.Itoa(cut), func(t *testing.T) {
				compareArticles(t, parseBytes(t, []byte(b.String()), referenceBanners...).Articles, want)
			})
		}
	}
}

// TestReferenceIssueWithoutBanners: with no configured banner the two-line
// banner is still recognised, because four short lines stand before its
// first credit line, more than an article's headings; the one-line banner
// before a one-line title is not, since two lines can be two headings.
func TestReferenceIssueWithoutBanners(t *testing.T) {
	iss, err := source.ParseFile(context.Background(), referenceIssue, source.Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := readGold(t, strings.TrimSuffix(referenceIssue, ".txt")+".gold.json")
	if len(iss.Articles) != len(want) {
		t.Fatalf("got %d articles, want %d", len(iss.Articles), len(want))
	}
	for i, a := range iss.Articles {
		wantSection := ""
		if i >= 5 {
			wantSection = referenceBanners[0]
		}
		if a.Section != wantSection {
			t.Errorf("article %d: section %q, want %q", i, a.Section, wantSection)
		}
		wantHeadings := want[i].Headings
		if i == 7 {
			wantHeadings = append([]string{"十项行动 奋进新征程"}, wantHeadings...)
		}
		if strings.Join(a.Headings, "|") != strings.Join(wantHeadings, "|") {
			t.Errorf("article %d: headings %q, want %q", i, a.Headings, wantHeadings)
		}
		if len(a.Blocks) != len(want[i].Blocks) {
			t.Errorf("article %d: %d blocks, want %d", i, len(a.Blocks), len(want[i].Blocks))
		}
	}
}

func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	const article = "Title\n\nBy Jane Doe\n\nText.\n\n"
	cases := []struct {
		name    string
		path    string
		max     int64
		message string
	}{
		{"empty", write("empty.txt", nil), 0, "empty file"},
		{"white space", write("blank.txt", []byte(" \r\n\n\t\u3000\n")), 0, "only white space"},
		{"binary", write("photo.txt", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")), 0, "binary file"},
		{"no encoding", write("latin.txt", []byte("caf\xe9 \xff\xfe\xfd \x80\x80")), 0, "valid in no supported encoding"},
		{"bad utf8 after bom", write("bom.txt", []byte("\xef\xbb\xbf\xff\xfe")), 0, "not valid UTF-8"},
		{"no article", write("notes.txt", []byte("Shopping list\n\nMilk, eggs and bread.\n")), 0, "no article found"},
		{"too large", write("big.txt", bytes.Repeat([]byte("通讯员 王一\n"), 100)), 100, "larger than the limit of 100 bytes"},
		{"bad header date", write("dated.txt", []byte("Date: 20th of April\n\nTitle\n\nBy Jane Doe\n\nText.\n")), 0, "dated.txt:1: header date"},
		{"bad publication time", write("embargo.txt", []byte("Issue: 7\nPublish: next Monday\n\nTitle\n\nBy Jane Doe\n\nText.\n")), 0, "embargo.txt:2: header publication time"},
		{"year zero", write("zero.txt", []byte("Date: 0000-01-01T00:00:00+14:00\n\n"+article)), 0, "zero.txt:1: header date \"0000-01-01T00:00:00+14:00\": year 0 is outside the supported range 1900–2200"},
		{"year 9999", write("far.txt", []byte("Date: 9999-12-31\n\n"+article)), 0, "far.txt:1: header date \"9999-12-31\": year 9999 is outside"},
		{"year 1899", write("old.txt", []byte("日期：1899-12-31\n\n"+article)), 0, "old.txt:1: header date \"1899-12-31\": year 1899 is outside"},
		{"year 2201 with time", write("late.txt", []byte("Date: 2201-01-01T08:00:00Z\n\n"+article)), 0, "year 2201 is outside"},
		{"no such day", write("feb.txt", []byte("Date: 2023-02-30\n\n"+article)), 0, "feb.txt:1: header date \"2023-02-30\": not a calendar date"},
		{"key dot dot", write("dots.txt", []byte("Issue: ..\n\n"+article)), 0, "dots.txt:1: issue key \"..\" is only dots"},
		{"key path", write("path.txt", []byte("Title: T\nIssue: ../../etc\n\n"+article)), 0, "path.txt:2: issue key \"../../etc\" contains '/'"},
		{"key from name with escape", write("a\x1b[31m.txt", []byte(article)), 0, `issue key "a\x1b[31m" contains the invisible character U+001B`},
		{"key from name", write("...txt", []byte(article)), 0, `issue key ".." is only dots, which a path would read as a folder (give the issue its own key with an "Issue:" header line)`},
		{"key from name with bidi", write("x\u202etxt.exe.txt", []byte(article)), 0, `x\u202etxt.exe.txt": issue key "x\u202etxt.exe" contains the invisible character U+202E`},
		{"long line", write("line.txt", []byte(article+strings.Repeat("长", 30000)+"\n")), 0, "line.txt:7: line of 90000 bytes is longer than the paragraph limit of 65536 bytes (see --max-paragraph)"},
		{"long paragraph", write("para.txt", []byte(article+strings.Repeat(strings.Repeat("长", 1000)+"\n", 30))), 0, "para.txt:7: article \"Title\": a paragraph of 90000 bytes is longer than the limit of 65536 bytes (see --max-paragraph)"},
		{"too many articles", write("many.txt", manyArticles(501)), 0, "many.txt:3001: 501 articles found, more than the limit of 500 per issue (see --max-articles); article 501 starts here"},
		{"missing", filepath.Join(dir, "missing.txt"), 0, "no such file"},
		{"directory", dir, 0, "is a directory"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before, _ := os.ReadFile(tc.path)
			_, err := source.ParseFile(context.Background(), tc.path, source.Options{MaxSize: tc.max})
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), tc.message) || !strings.Contains(err.Error(), strings.Trim(strconv.Quote(filepath.Base(tc.path)), `"`)) {
				t.Errorf("error %q should name the file and say %q", err, tc.message)
			}
			if bulletinfeed.KindOf(err) != bulletinfeed.Invalid {
				t.Errorf("kind %v, want invalid", bulletinfeed.KindOf(err))
			}
			var pe *source.ParseError
			if !errors.As(err, &pe) {
				t.Errorf("error %T is not a *source.ParseError", err)
			}
			if after, _ := os.ReadFile(tc.path); !bytes.Equal(before, after) {
				t.Error("the input file changed")
			}
		})
	}
}

func TestIssueIdentity(t *testing.T) {
	shanghai, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Skip("no time zone data:", err)
	}
	body := "\n\n区里举办读书节\n\n通讯员 王一\n\n读书节开幕了。\n"
	cases := []struct {
		file, text string
		key        string
		date       string // RFC 3339 in UTC, "" for none
		title      string
	}{
		{"2023-04-20.txt", body, "2023-04-20", "2023-04-19T16:00:00Z", ""},
		{"hexi-2023-04.txt", body, "hexi-2023-04", "2023-03-31T16:00:00Z", ""},
		{"第15期.txt", body, "第15期", "", ""},
		{"20231105.txt", body, "20231105", "2023-11-04T16:00:00Z", ""},
		{"notes.txt", "标题：河西通讯\n期号：第16期\n日期：2023-05-04\n" + body, "第16期", "2023-05-03T16:00:00Z", "河西通讯"},
		{"x.txt", "Title: Parish Bulletin\nIssue: 41\nDate: 2024-03-17T10:30:00+00:00\n" + body, "41", "2024-03-17T10:30:00Z", "Parish Bulletin"},
	}
	dir := t.TempDir()
	for _, tc := range cases {
		t.Run(tc.file, func(t *testing.T) {
			p := filepath.Join(dir, tc.file)
			if err := os.WriteFile(p, []byte(tc.text), 0o644); err != nil {
				t.Fatal(err)
			}
			// 第15期.txt is dated nowhere: the store dates it on arrival.
			iss, err := source.ParseFile(context.Background(), p, source.Options{Location: shanghai, DateOnArrival: true})
			if err != nil {
				t.Fatal(err)
			}
			date := ""
			if !iss.Date.IsZero() {
				date = iss.Date.Format(time.RFC3339)
			}
			if iss.Key != tc.key || date != tc.date || iss.Title != tc.title {
				t.Errorf("key %q date %q title %q; want %q %q %q", iss.Key, date, iss.Title, tc.key, tc.date, tc.title)
			}
			if iss.SourceName != tc.file || len(iss.ContentHash) != 64 {
				t.Errorf("source %q hash %q", iss.SourceName, iss.ContentHash)
			}
			if len(iss.Articles) != 1 || iss.Articles[0].Headings[0] == "标题：河西通讯" {
				t.Errorf("header lines were not stripped: %+v", iss.Articles)
			}
		})
	}
}

// TestPublishHeader: "Publish:" and "发布：" give the time before which
// the issue is shown nowhere; a date alone is midnight in the
// publication's zone; without the line the issue is published at once.
func TestPublishHeader(t *testing.T) {
	shanghai, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Skip("no time zone data:", err)
	}
	body := "\n\n区里举办读书节\n\n通讯员 王一\n\n读书节开幕了。\n"
	cases := []struct{ head, want string }{
		{"Issue: 7\nPublish: 2026-12-01T08:00+08:00\n", "2026-12-01T00:00:00Z"},
		{"期号：第7期\n发布：2026-12-01 08:00\n", "2026-12-01T00:00:00Z"},
		{"发布时间：2026-12-01\n", "2026-11-30T16:00:00Z"},
		{"Issue: 7\n", ""},
	}
	for _, tc := range cases {
		iss, err := source.Parse(context.Background(), strings.NewReader(tc.head+body), "x.txt", source.Options{Location: shanghai})
		if err != nil {
			t.Fatalf("%q: %v", tc.head, err)
		}
		got := ""
		if !iss.PublishAt.IsZero() {
			got = iss.PublishAt.Format(time.RFC3339)
		}
		if got != tc.want || len(iss.Articles) != 1 || iss.Articles[0].Title != "区里举办读书节" {
			t.Errorf("%q: publish at %q, articles %d; want %q", tc.head, got, len(iss.Articles), tc.want)
		}
	}
}

// TestMastheadAndNumberedContents: the masthead's editor-and-date line and
// a table of contents whose entries carry numbers are dropped, not taken
// for the first article's headings.
func TestMastheadAndNumberedContents(t *testing.T) {
	text := `河西通讯

2023年第5期（总第231期）

中共天津市河西区委宣传部编 2023年5月28日

01 河西区召开优化营商环境推进会

02 友谊路街道开展消夏文化活动

河西区召开优化营商环境推进会

通讯员 赵钰真

日前,河西区召开优化营商环境推进会,部署下一阶段重点工作。

友谊路街道开展消夏文化活动

通讯员 许浩然

近日,友谊路街道在辖区公园开展消夏文化活动,居民踊跃参与。
`
	iss := parseBytes(t, []byte(text))
	if len(iss.Articles) != 2 {
		t.Fatalf("%d articles, want 2", len(iss.Articles))
	}
	if h := iss.Articles[0].Headings; len(h) != 1 || h[0] != "河西区召开优化营商环境推进会" {
		t.Errorf("first article headings %q, want only its title", h)
	}
}

// TestListItems: bulleted items are paragraphs of their own, neither
// subheads nor halves of one paragraph, though they end with no full stop.
func TestListItems(t *testing.T) {
	text := `Summer camp places open

By Ann Lee

Places on the parish summer camp open on Monday. Please bring:

- a packed lunch

- waterproofs and boots

- a signed consent form

Forms are at the back of the church.
`
	iss := parseBytes(t, []byte(text))
	var got []string
	for _, b := range iss.Articles[0].Blocks {
		got = append(got, string(b.Kind)+": "+b.Text)
	}
	want := []string{
		"paragraph: Places on the parish summer camp open on Monday. Please bring:",
		"paragraph: - a packed lunch",
		"paragraph: - waterproofs and boots",
		"paragraph: - a signed consent form",
		"paragraph: Forms are at the back of the church.",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("blocks:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestBareNameWithRareSurname: a credit of a bare name starts an article
// whatever the surname, where it stands between the headings and the body.
func TestBareNameWithRareSurname(t *testing.T) {
	text := `社区开展义诊活动

通讯员 王一

近日,社区联合医院开展义诊活动,为居民免费测量血压。

书香满校园

亢文静

近日,学校举办读书分享会,同学们踊跃发言。
`
	iss := parseBytes(t, []byte(text))
	if len(iss.Articles) != 2 {
		t.Fatalf("%d articles, want 2", len(iss.Articles))
	}
	a := iss.Articles[1]
	if a.Title != "书香满校园" || len(a.Bylines) != 1 || a.Bylines[0].Name != "亢文静" || a.Bylines[0].Role != "" {
		t.Errorf("second article %q with bylines %+v", a.Title, a.Bylines)
	}
}

// TestNumberedSubheadsWithCommas: a numbered subhead keeps its comma and
// stays a subhead, not the start of a paragraph that swallows the next.
func TestNumberedSubheadsWithCommas(t *testing.T) {
	text := `河西区部署安全生产工作

通讯员 王一

日前,河西区召开安全生产工作会议,对下一阶段工作作出部署。

一、坚持高位推动，压实工作责任

各部门要把安全生产摆在突出位置,层层压实责任。

（二）强化隐患排查，守牢安全底线

要深入开展隐患排查整治,确保不留死角。
`
	iss := parseBytes(t, []byte(text))
	var kinds []string
	for _, b := range iss.Articles[0].Blocks {
		kinds = append(kinds, string(b.Kind))
	}
	if got := strings.Join(kinds, " "); got != "paragraph subhead paragraph subhead paragraph" {
		t.Errorf("blocks %s, want paragraph subhead paragraph subhead paragraph", got)
	}
}

// manyArticles returns an issue of n short articles, each with its own
// title and credit.
func manyArticles(n int) []byte {
	first := []string{"Anna", "Ben", "Clara", "David", "Emma", "Frank", "Grace", "Henry", "Iris", "Jack", "Kate", "Liam", "Mary", "Noah", "Olive", "Paul", "Rose", "Sam", "Tess", "Victor", "Wendy"}
	last := []string{"Adams", "Brown", "Clark", "Davis", "Evans", "Fisher", "Green", "Hall", "Irving", "Jones", "King", "Lewis", "Moore", "Nash", "Owen", "Parker", "Reed", "Scott", "Turner", "Walker", "Young"}
	var b bytes.Buffer
	for i := 1; i <= n; i++ {
		name := first[i%len(first)] + " " + last[(i/len(first))%len(last)]
		fmt.Fprintf(&b, "%s joins the parish council\n\nBy %s\n\nThe council met on day %d and agreed the minutes.\n\n", name, name, i)
	}
	return b.Bytes()
}
