package source_test

import (
	"bytes"
	"context"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/source"
)

// Bodies of the bulletins the date cases print their mastheads over.
const (
	zhArticle = "【工作动态】\n\n街道召开安全生产工作会议\n\n通讯员 王一\n\n" +
		"9月12日，街道召开安全生产工作会议，部署节前安全检查。会议要求，自2023年5月1日起施行的新规要逐条落实。\n"
	enArticle = "Parish news\n\nA new roof for the hall\nBy Jane Doe\n\n" +
		"Work on the hall roof begins on 4 November 2024, and the hall will be closed until Christmas.\n"
)

func TestIssueDatePrintedOnMasthead(t *testing.T) {
	shanghai, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Skip("no time zone data:", err)
	}
	cases := []struct {
		name, file, text string
		want             string // the date in Shanghai
	}{
		{"chinese date beside the publisher", "july/bulletin.txt",
			"组织工作简报\n\n第9期（总第112期）\n\n中共滨江区委组织部                2024年9月20日\n\n" + zhArticle, "2024-09-20"},
		{"printed date wins over the file name's month", "binjiang-zzb-2024-09.txt",
			"组织工作简报\n\n第9期（总第112期）\n\n中共滨江区委组织部                2024年9月20日\n\n" + zhArticle, "2024-09-20"},
		{"chinese numerals, year and month", "bulletin.txt",
			"桃源村村务简报\n\n二○二四年六月\n\n" + zhArticle, "2024-06-01"},
		{"chinese numerals with 〇 and a day", "bulletin.txt",
			"桃源村村务简报\n\n二〇二四年十二月二十一日\n\n" + zhArticle, "2024-12-21"},
		{"零 in the year", "bulletin.txt",
			"桃源村村务简报\n\n二零二四年十一月\n\n" + zhArticle, "2024-11-01"},
		{"printed month, the file name gives its day", "taoyuan-2024-06-14.txt",
			"桃源村村务简报\n\n二○二四年六月\n\n" + zhArticle, "2024-06-14"},
		{"printed month, a file name of another month", "taoyuan-2024-07-03.txt",
			"桃源村村务简报\n\n二○二四年六月\n\n" + zhArticle, "2024-06-01"},
		{"issue number and date on one line", "bulletin.txt",
			"西青周报\n\n第42期 2024年10月18日 星期五\n\n" + zhArticle, "2024-10-18"},
		{"english month day, year", "newsletter.txt",
			"BLOOMINGTON-NORMAL SISTER CITIES\nDecember 4, 2014\n\n" + enArticle, "2014-12-04"},
		{"week beginning", "newsletter.txt",
			"OUR LADY QUEEN OF PEACE\nWeek beginning 30 June 2019\n\n" + enArticle, "2019-06-30"},
		{"month and year", "newsletter.txt",
			"THE LINDEN GROVE MESSENGER\nNovember 2024 · Issue 112 · 50p\n\n" + enArticle, "2024-11-01"},
		{"season", "newsletter.txt",
			"ASHCOMBE TOWN COUNCIL\nIssue 27 | Autumn 2024 | Delivered free\n\n" + enArticle, "2024-09-01"},
		{"the church's season", "newsletter.txt",
			"ST MARK'S MESSENGER\nLent 2025 · Free\n\n" + enArticle, "2025-03-01"},
		{"a year and issue number is no date", "xinhe-2024-03.txt",
			"新河镇政务信息\n\n2024年第3期\n\n" + zhArticle, "2024-03-01"},
		{"the Date: header stays first", "bulletin-2024-01.txt",
			"Date: 2024-09-21\n组织工作简报\n\n2024年9月20日\n\n" + zhArticle, "2024-09-21"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			iss, err := source.ParseNamed(context.Background(), strings.NewReader(tc.text), tc.file, source.Options{Location: shanghai})
			if err != nil {
				t.Fatal(err)
			}
			if got := iss.Date.In(shanghai).Format(time.DateOnly); got != tc.want || iss.Date.In(shanghai).Hour() != 0 {
				t.Errorf("date %s, want %s", iss.Date.In(shanghai), tc.want)
			}
		})
	}
}

// The shared no-credits bulletin prints 2024年9月20日 under its nameplate;
// its file name says only September.
func TestIssueDatePrintedWinsOverName(t *testing.T) {
	iss, err := source.ParseFile(context.Background(), "testdata/nocredits/binjiang-zzb-2024-09.txt", source.Options{NoCredits: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := iss.Date.Format(time.DateOnly); got != "2024-09-20" {
		t.Errorf("date %s, want 2024-09-20 as printed", got)
	}
}

// A date in an article's text is news, not the issue's date: an issue
// that prints none on its masthead is refused, or left undated for the
// store to date on arrival when the publication says so.
func TestIssueWithoutDateRefused(t *testing.T) {
	text := "新苑街道工作简报\n\n" + zhArticle
	_, err := source.ParseNamed(context.Background(), strings.NewReader(text), "july/bulletin.txt", source.Options{})
	if err == nil {
		t.Fatal("an issue dated nowhere was accepted")
	}
	if bulletinfeed.KindOf(err) != bulletinfeed.Invalid || !strings.Contains(err.Error(), "no date") ||
		!strings.Contains(err.Error(), `date = "arrival"`) || !strings.Contains(err.Error(), "bulletin.txt") {
		t.Errorf("error %q (%s) should be invalid, name the file and say how to date it", err, bulletinfeed.KindOf(err))
	}
	iss, err := source.ParseNamed(context.Background(), bytes.NewReader([]byte(text)), "july/bulletin.txt", source.Options{DateOnArrival: true})
	if err != nil {
		t.Fatal(err)
	}
	if !iss.Date.IsZero() {
		t.Errorf("date %s from the article's text; want none, for the store to date on arrival", iss.Date)
	}
}

// A PDF prints its date in its nameplate or its running head; the file
// names of these two say only the season, in words the file name reading
// does not take.
func TestPDFIssueDatePrinted(t *testing.T) {
	if _, err := exec.LookPath("pdftohtml"); err != nil {
		t.Skip("pdftohtml is not installed (Debian: apt-get install poppler-utils poppler-data)")
	}
	cases := []struct{ file, want string }{
		{"testdata/pdf/harbourside-2024-summer-nocredits.pdf", "2024-06-01"}, // Harbourside News, Summer 2024 above the first heading
		{"testdata/pdf/parish-2024-spring.pdf", "2024-03-01"},                // Parish News, Spring 2024 as the running head
		{"testdata/pdf/stmarks-messenger-2024-advent.pdf", "2024-12-01"},     // St Mark's Messenger, Advent 2024
	}
	for _, tc := range cases {
		t.Run(tc.file, func(t *testing.T) {
			iss, err := source.ParseFile(context.Background(), tc.file, source.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if got := iss.Date.Format(time.DateOnly); got != tc.want {
				t.Errorf("date %s, want %s", got, tc.want)
			}
		})
	}
}
