package bulletinfeed

import (
	"strings"
	"testing"
)

func TestRedact(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"postgres://app:s3cret@db.internal:5432/news", "postgres://app:xxxxx@db.internal:5432/news"},
		{"open store postgres://app:s3cret@db/news?sslmode=disable: refused", "open store postgres://app:xxxxx@db/news?sslmode=disable: refused"},
		{"postgres://db/news?user=app&password=s3cret&sslmode=require", "postgres://db/news?user=app&password=xxxxx&sslmode=require"},
		{"postgresql://db/news?sslpassword=k3y", "postgresql://db/news?sslpassword=xxxxx"},
		{"host=db.internal user=app password=s3cret dbname=news", "host=db.internal user=app password=xxxxx dbname=news"},
		{"host=db password='two words' dbname=news", "host=db password=xxxxx dbname=news"},
		{`host=db PASSWORD = "q\"x" dbname=news`, "host=db PASSWORD = xxxxx dbname=news"},
		{"GET https://upstream.example/feed.xml?api_key=abc123&page=2: 503", "GET https://upstream.example/feed.xml?api_key=xxxxx&page=2: 503"},
		{"https://x.example/f?access_token=t0k&token=t1&X-Amz-Signature=f00", "https://x.example/f?access_token=xxxxx&token=xxxxx&X-Amz-Signature=xxxxx"},
		{"https://bot:pw@intranet.example/feed.xml", "https://bot:xxxxx@intranet.example/feed.xml"},
		{`source feed:https://a.example/f?key=K1 of news: Get "https://a.example/f?key=K1": EOF`, `source feed:https://a.example/f?key=xxxxx of news: Get "https://a.example/f?key=xxxxx": EOF`},
	} {
		if got := Redact(c.in); got != c.want {
			t.Errorf("Redact(%q)\n got %q\nwant %q", c.in, got, c.want)
		}
	}
	// What holds no credential is left alone.
	for _, s := range []string{
		"https://news.example.org/feeds/all.atom?page=2",
		"mailto:editor@example.org",
		"user@host",
		"issue key \"2024-05\" of publication news",
		"/tmp/data/bulletinfeed.db",
		"postgres://app@db/news?sslmode=disable",
		"level=INFO msg=ingested status=new",
	} {
		if got := Redact(s); got != s {
			t.Errorf("Redact(%q) = %q, want it unchanged", s, got)
		}
	}
	if strings.Contains(Redact("postgres://u:p%40ss@db/x"), "p%40ss") {
		t.Error("an escaped password survived")
	}
}
