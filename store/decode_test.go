package store

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/bulletinfeed/bulletinfeed"
)

// FuzzDecodeLists: the fast decoders give what encoding/json gives (an
// empty list as nil, as the store reads it), for what encodeArticle writes
// and for anything else.
func FuzzDecodeLists(f *testing.F) {
	for _, s := range []string{
		`[]`, `["眉题","第5期第3篇"]`, `["a"]`, `[""]`, `["<b>&amp;"]`, `["\u003cb\u003e"]`, `["tab\there"]`,
		`["a" ,"b"]`, `[ "a"]`, `["a",]`, `["a"]x`, `null`, `[1]`, `["\ud800"]`, "[\"\xff\"]", `[`, ``,
		`[{"role":"通讯员","name":"赵钰真"}]`, `[{"role":"","name":"Jane Doe"},{"role":"By","name":"Tom"}]`,
		`[{"name":"x","role":"y"}]`, `[{"role":"a","name":"b","x":1}]`, `[{"role":"a\"","name":"b"}]`, `[{"role":"a","name":"b"},]`,
	} {
		f.Add([]byte(s))
	}
	for _, v := range []any{[]string{"a\x01b", "€", "\u2028", `"q"`}, []bulletinfeed.Byline{{Role: "摄影", Name: "冯荔"}, {Name: "<x>"}}} {
		b, _ := json.Marshal(v)
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var got, want []string
		gotErr, wantErr := decodeStrings(data, &got), json.Unmarshal(data, &want)
		if (gotErr == nil) != (wantErr == nil) || !reflect.DeepEqual(nilIfEmpty(got), nilIfEmpty(want)) {
			t.Errorf("decodeStrings(%q) = %q, %v; encoding/json gives %q, %v", data, got, gotErr, want, wantErr)
		}
		var gotB, wantB []bulletinfeed.Byline
		gotErr, wantErr = decodeBylines(data, &gotB), json.Unmarshal(data, &wantB)
		if (gotErr == nil) != (wantErr == nil) || !reflect.DeepEqual(nilIfEmpty(gotB), nilIfEmpty(wantB)) {
			t.Errorf("decodeBylines(%q) = %q, %v; encoding/json gives %q, %v", data, gotB, gotErr, wantB, wantErr)
		}
	})
}
