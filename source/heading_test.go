package source

import "testing"

func TestChooseTitle(t *testing.T) {
	cases := []struct {
		headings []string
		want     int // index of the title
	}{
		// The reference issue's heads.
		{[]string{"河西区委常委会扩大会议暨十项行动工作推动会议召开", "扎实推动实施方案落地落实见行见效"}, 0},
		{[]string{"水清岸绿河畅景美", "河西区持续改善区域水环境质量"}, 1},
		{[]string{"加强医疗保障基金监管", "医保基金监管集中宣传月活动启动"}, 1},
		{[]string{"河西区举办教育实践活动", "石榴花开向未来"}, 0},
		{[]string{"打造消费盛宴", "天津梅江环宇城开业在即"}, 1},
		{[]string{"踔厉奋发 只争朝夕", "河西制定商务区“施工图”"}, 1},
		{[]string{"政企联手 合作共赢", "河西与中信银行天津分行签订战略框架协议"}, 1},
		// Heads of other bulletins: a kicker over the title…
		{[]string{"优化营商环境", "河西区出台十项举措助企纾困"}, 1},
		{[]string{"文明创建进行时", "志愿者清理小区卫生死角"}, 1},
		{[]string{"我为群众办实事", "友谊路街道解决居民停车难题"}, 1},
		{[]string{"践行初心使命", "河西区开展党员志愿服务活动"}, 1},
		{[]string{"春风行动", "送岗位上门 助就业增收"}, 1},
		{[]string{"凝心聚力谋发展 实干担当开新局", "河西区召开2023年工作会议"}, 1},
		{[]string{"专题报道：", "老旧小区迎来新变化"}, 1},
		// …and a title over its subtitle.
		{[]string{"河西区推动高质量发展", "全力打造经济强区、品质之城"}, 0},
		{[]string{"河西区召开安全生产工作会议", "部署节前安全隐患排查整治工作"}, 0},
		{[]string{"区领导走访慰问困难群众", "把党和政府的温暖送到群众心坎上"}, 0},
		{[]string{"河西区召开会议", "研究部署重点工作"}, 0},
		{[]string{"小站稻种植面积稳中有增", "——津南区打造优质稻米品牌纪实"}, 0},
		// English.
		{[]string{"Restoration", "Bell tower repairs finally under way"}, 1},
		{[]string{"New library opens its doors", "Residents get a first look at the £4m building on Station Road"}, 0},
		{[]string{"COMMUNITY NEWS IN BRIEF", "Food bank moves to the church hall"}, 1},
		// Three lines: kicker, title, subtitle.
		{[]string{"聚焦主业 勇挑重担", "东丽区召开上半年经济运行分析会", "——坚定信心稳增长"}, 1},
	}
	for _, tc := range cases {
		if got := defaultLexicon.chooseTitle(tc.headings); got != tc.headings[tc.want] {
			t.Errorf("chooseTitle(%q) = %q, want %q", tc.headings, got, tc.headings[tc.want])
		}
	}
}
