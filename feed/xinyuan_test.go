package feed_test

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/source"
	"github.com/bulletinfeed/bulletinfeed/store"
)

// xinyuanBanners are the banners of examples/bulletinfeed.toml.
var xinyuanBanners = []string{"幸福养老 温暖夕阳", "文明创建 人人参与"}

// xinyuanText is the example bulletin, examples/xinyuan-2024-05.txt.
func xinyuanText(tb testing.TB) string {
	tb.Helper()
	b, err := os.ReadFile("../examples/xinyuan-2024-05.txt")
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

// ingestXinyuan stores text, an issue of the example's publication
// "xinyuan" (put into db as examples/bulletinfeed.toml configures it),
// parsed as the file name, and returns the issue as stored.
func ingestXinyuan(tb testing.TB, db *store.DB, text, name string, opt store.IngestOptions) *bulletinfeed.Issue {
	tb.Helper()
	ctx := context.Background()
	pub := &bulletinfeed.Publication{ID: "xinyuan", Title: "新苑街道工作简报", Lang: "zh-CN", TimeZone: "Asia/Shanghai", Banners: xinyuanBanners}
	if err := db.PutPublication(ctx, pub); err != nil {
		tb.Fatal(err)
	}
	loc, _ := time.LoadLocation(pub.TimeZone)
	iss, err := source.ParseNamed(ctx, strings.NewReader(text), name, source.Options{Banners: xinyuanBanners, Location: loc})
	if err != nil {
		tb.Fatal(err)
	}
	res, err := db.IngestWith(ctx, pub.ID, iss, opt)
	if err != nil {
		tb.Fatal(err)
	}
	return res.Issue
}
