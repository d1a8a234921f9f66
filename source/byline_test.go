package source

import (
	"reflect"
	"testing"
)

func TestParseByline(t *testing.T) {
	type b struct{ role, name string }
	cases := []struct {
		line string
		want []b // nil: not a credit line
	}{
		{"通讯员 赵钰真", []b{{"通讯员", "赵钰真"}}},
		{"通讯员 张媛芮 摄影 冯荔", []b{{"通讯员", "张媛芮"}, {"摄影", "冯荔"}}},
		{"记者 王一 李二", []b{{"记者", "王一"}, {"记者", "李二"}}},
		{"本报记者 孙丽 王晓东", []b{{"本报记者", "孙丽"}, {"本报记者", "王晓东"}}},
		{"本刊记者 周海", []b{{"本刊记者", "周海"}}},
		{"特约记者 欧阳明月", []b{{"特约记者", "欧阳明月"}}},
		{"全媒体记者 陈思远", []b{{"全媒体记者", "陈思远"}}},
		{"见习记者 赵一鸣 实习生 钱多多", []b{{"见习记者", "赵一鸣"}, {"实习生", "钱多多"}}},
		{"天津日报记者 刘畅", []b{{"天津日报记者", "刘畅"}}},
		{"河西区融媒体中心记者 韩雪", []b{{"河西区融媒体中心记者", "韩雪"}}},
		{"特约通讯员 黄河", []b{{"特约通讯员", "黄河"}}},
		{"文/图 刘洋", []b{{"文/图", "刘洋"}}},
		{"文 王一 图 李二", []b{{"文", "王一"}, {"图", "李二"}}},
		{"文/王一", []b{{"文", "王一"}}},
		{"摄影：冯荔", []b{{"摄影", "冯荔"}}},
		{"记者：王一、李二", []b{{"记者", "王一"}, {"记者", "李二"}}},
		{"记者王一", []b{{"记者", "王一"}}},
		{"■ 记者 王一", []b{{"记者", "王一"}}},
		{"（通讯员 李二）", []b{{"通讯员", "李二"}}},
		{"王一 摄", []b{{"摄", "王一"}}},
		{"王一 摄 李二 文", []b{{"摄", "王一"}, {"文", "李二"}}},
		{"赵一 钱二 本报记者 孙三", []b{{"", "赵一"}, {"", "钱二"}, {"本报记者", "孙三"}}},
		{"张三 李四 文/图", []b{{"文/图", "张三"}, {"文/图", "李四"}}},
		{"（作者单位：兰溪实验学校）", []b{{"作者单位", "兰溪实验学校"}}},
		{"本报记者 王一 报道", []b{{"本报记者", "王一"}}},
		{"文字/摄影 马力", []b{{"文字/摄影", "马力"}}},
		{"通讯员 买买提·艾力", []b{{"通讯员", "买买提·艾力"}}},
		{"通讯员 赵钰真 2023年4月20日", []b{{"通讯员", "赵钰真"}}},
		{"By Jane Doe | 12 March 2024", []b{{"By", "Jane Doe"}}},
		{"区委宣传部 供稿", []b{{"供稿", "区委宣传部"}}},
		{"来源：河西区融媒体中心", []b{{"来源", "河西区融媒体中心"}}},
		{"By Jane Doe", []b{{"By", "Jane Doe"}}},
		{"By Jane Doe and John Smith", []b{{"By", "Jane Doe"}, {"By", "John Smith"}}},
		{"By Ann Lee, Tom Whitaker and Priya Shah", []b{{"By", "Ann Lee"}, {"By", "Tom Whitaker"}, {"By", "Priya Shah"}}},
		{"Photos by Sam Lee", []b{{"Photos by", "Sam Lee"}}},
		{"Story and photos by Ann Lee", []b{{"Story and photos by", "Ann Lee"}}},
		{"BY MARY JONES", []b{{"BY", "MARY JONES"}}},
		{"By Rev. Margaret O'Neill", []b{{"By", "Rev. Margaret O'Neill"}}},
		{"By Ludwig van Beethoven", []b{{"By", "Ludwig van Beethoven"}}},
		{"By Jane Doe | Photos by Sam Lee", []b{{"By", "Jane Doe"}, {"Photos by", "Sam Lee"}}},
		{"Words: Tom Whitaker", []b{{"Words", "Tom Whitaker"}}},
		{"By Jane Doe, Parish Secretary", []b{{"By", "Jane Doe"}}},
		{"By Jane Doe and Tom Lee, Staff Writer", []b{{"By", "Jane Doe"}, {"By", "Tom Lee"}}},

		// Not credit lines.
		{"会议强调", nil},
		{"打造“陈塘科创园”项目", nil},
		{"十项行动 奋进新征程", nil},
		{"记者手记", nil},
		{"日前,区委常委会扩大会议召开。", nil},
		{"本报讯（记者 王一）近日，某某活动举行。", nil},
		{"By Monday the hall was full", nil},
		{"By then the rain had stopped.", nil},
		{"Bell tower repairs finally under way", nil},
		{"通讯员", nil},
		{"By", nil},
	}
	for _, tc := range cases {
		t.Run(tc.line, func(t *testing.T) {
			bs, ok := defaultLexicon.parseByline(tc.line)
			var got []b
			for _, x := range bs {
				got = append(got, b{x.Role, x.Name})
			}
			if ok != (tc.want != nil) || !reflect.DeepEqual(got, tc.want) {
				t.Errorf("parseByline(%q) = %v, %v; want %v", tc.line, got, ok, tc.want)
			}
		})
	}
}

func TestParseNameOnlyByline(t *testing.T) {
	cases := []struct {
		line string
		ok   bool
	}{
		{"王一", true},
		{"赵钰真 许浩然", true},
		{"欧阳明月", true},
		{"亢文静", true},       // a rare surname
		{"訾晓 阚乐", true},     // two of them
		{"水清岸绿河畅景美", false}, // too long for a name
		{"河西区", false},      // a place
		{"宣传部", false},      // a body
		{"周末活动", false},     // four characters, no compound surname
		{"记者", false},       // a title, not a name
	}
	for _, tc := range cases {
		if _, ok := defaultLexicon.parseNameOnlyByline(tc.line); ok != tc.ok {
			t.Errorf("parseNameOnlyByline(%q) ok = %v, want %v", tc.line, ok, tc.ok)
		}
	}
}
