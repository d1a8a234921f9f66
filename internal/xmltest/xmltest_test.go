package xmltest

import "testing"

func TestWellFormed(t *testing.T) {
	for _, ok := range []string{`<?xml version="1.0"?><rss><channel/></rss>`, `<a b="&amp;">x</a>`} {
		if err := WellFormed([]byte(ok)); err != nil {
			t.Errorf("%s: %v", ok, err)
		}
	}
	for _, bad := range []string{`<a>&nbsp;</a>`, `<a><b></a>`, `<a b=c/>`, "<a>\x0b</a>"} {
		if WellFormed([]byte(bad)) == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}
