package bulletinfeed_test

import (
	"testing"

	"github.com/bulletinfeed/bulletinfeed"
)

func TestFormatBylines(t *testing.T) {
	type b = bulletinfeed.Byline
	cases := []struct {
		in   []b
		want string
	}{
		{[]b{{Role: "通讯员", Name: "张媛芮"}, {Role: "摄影", Name: "冯荔"}}, "通讯员 张媛芮 摄影 冯荔"},
		{[]b{{Role: "记者", Name: "王一"}, {Role: "记者", Name: "李二"}}, "记者 王一 李二"},
		{[]b{{Role: "By", Name: "Jane Doe"}, {Role: "By", Name: "Tom Lee"}, {Role: "Photos by", Name: "Sam Lee"}}, "By Jane Doe and Tom Lee; Photos by Sam Lee"},
		{[]b{{Role: "By", Name: "A B"}, {Role: "By", Name: "C D"}, {Role: "By", Name: "E F"}}, "By A B, C D and E F"},
		{[]b{{Name: "王一"}}, "王一"},
		{nil, ""},
	}
	for _, tc := range cases {
		if got := bulletinfeed.FormatBylines(tc.in); got != tc.want {
			t.Errorf("FormatBylines(%v) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
