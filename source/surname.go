package source

import "unicode/utf8"

// commonSurnames are the single-character family names that cover the
// great majority of people in mainland China, and the usual compound ones.
// A line of bare names is taken as a byline only when every name starts
// with one of them.
const commonSurnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"

var compoundSurnames = []string{"欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯", "令狐", "端木", "独孤", "南宫", "西门"}

var surnameSet = func() map[rune]bool {
	m := make(map[rune]bool, utf8.RuneCountInString(commonSurnames))
	for _, r := range commonSurnames {
		m[r] = true
	}
	return m
}()

func hasCommonSurname(name string) bool {
	if hasCompoundSurname(name) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(name)
	return surnameSet[r]
}

func hasCompoundSurname(name string) bool {
	for _, c := range compoundSurnames {
		if len(name) > len(c) && name[:len(c)] == c {
			return true
		}
	}
	return false
}
