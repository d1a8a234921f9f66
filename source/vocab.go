package source

import (
	"slices"
	"strings"
)

// This file holds every word list the parser's rules read. The lists a
// publication may need to extend are fields of Vocabulary; the others are
// facts of the languages (abbreviations, English function words, surnames)
// and stay package data here, beside them.

// Vocabulary is the words the parser's rules look for. The zero value means
// DefaultVocabulary. A publication extends the defaults with With; no list
// can be shortened from configuration, so a configured word only ever adds
// a reading.
type Vocabulary struct {
	// Roles are the core Chinese credit titles (记者, 通讯员, 摄影). A
	// title is a role with an optional prefix naming a paper, desk or rank
	// (本报记者, 全媒体记者, 天津日报记者, 见习记者).
	Roles []string
	// ShortRoles are one-character titles and their combinations (文, 图,
	// 文/图, 摄), which count only as a whole token or before a separator.
	ShortRoles []string
	// RoleUnits end the name of a group of credited people: 记者站, 通讯组.
	RoleUnits []string
	// PhotoRoles are the titles that credit pictures only (摄影, 摄, 图):
	// such a line alone after an article's body is that article's.
	PhotoRoles []string
	// ProductionRoles credit the making of the page, not an article
	// (编辑, 校对, 美编): a line that starts with one (责任编辑：王五,
	// 本版编辑 王五) is colophon.
	ProductionRoles []string
	// ColophonLabels start the other lines of the masthead box and the
	// colophon: who publishes, where, with which permit (主办, 地址, Tel).
	ColophonLabels []string
	// OrganizationRoles credit a body rather than a person. Suffixes follow
	// the body (区委宣传部 供稿); prefixes precede it (来源：河西区融媒体中心,
	// （作者单位：河西区实验小学）).
	OrganizationSuffixRoles []string
	OrganizationPrefixRoles []string
	// AuthorUnitRoles are the organisation roles that name where the
	// author works (作者单位): such a credit at an article's end names its
	// author, where 来源 names only the paper it is taken from.
	AuthorUnitRoles []string
	// CreditTrailers end some Chinese credit lines without crediting
	// anyone: 记者 王一 报道.
	CreditTrailers []string
	// EnglishCreditWords may stand before "by" in an English credit:
	// "Photos by", "Story and photos by".
	EnglishCreditWords []string
	// JobTitles end the posts printed after a name in an English credit:
	// "By Jane Doe, Parish Secretary".
	JobTitles []string
	// PlaceSuffixes end the names of places and administrative bodies
	// (河西区, 友谊路街道, 梅江社区): a title that opens with one names who
	// acted; a bare "name" that ends with one is no person.
	PlaceSuffixes []string
	// OrganizationSuffixes end the names of departments and institutions
	// (宣传部, 教育局, 实验小学): no person's name ends so.
	OrganizationSuffixes []string
	// SubjectPrefixes open a title by naming the body that acted, though
	// no place suffix shows it: 区委, 区政府, 我区.
	SubjectPrefixes []string
	// NewsWords mark a heading line that reports something: an event
	// (召开, 启动) or an actor (公司, 委员会).
	NewsWords []string
	// Exhortations open lines that urge rather than report (扎实推动,
	// 全力打造): kickers and subtitles, not titles.
	Exhortations []string
	// DatelinePrefixes open a first paragraph that carries its credit:
	// 本报讯（记者 王一）….
	DatelinePrefixes []string
	// NewsAgencies open a dateline with the place and day: 新华社北京3月2日电.
	NewsAgencies []string
	// ContentsLabels head the table of contents: 目录, In this issue.
	ContentsLabels []string
	// JumpPrefixes open the markers that send a reader to another page:
	// 下转, continued on.
	JumpPrefixes []string
	// DateWords are the month, season and issue words of an English date
	// line: "April 2023", "Issue 12 · Spring 2024".
	DateWords []string
	// EndMarks close an article: 完 in （完）, END in -END-.
	EndMarks []string
	// MailHeaders are the labels of e-mail header lines that a saved
	// message keeps above the issue (Content-Type:); they are dropped.
	MailHeaders []string
	// MastheadWords name a publication or an issue on a PDF's cover
	// (Newsletter, Volume, 周刊, 院訊): such a line there is masthead.
	MastheadWords []string
	// Months and Weekdays (with their short forms, and Today), make a
	// date heading (June, Monday 3rd) the part of a list rather than an
	// article, and a lead-in (Mon:, Today:) a line of a schedule.
	Months, Weekdays []string
	// DeskPrefixes head a message over its writer's name, on a line of
	// their own: "From the desk of" / Prof. Naokant Deo.
	DeskPrefixes []string
	// NameTitles stand before or after a Chinese name in a credit without
	// being part of it: posts, degrees and the forms of address of a
	// church or a school (院長蔡明謀牧師/博士, 金甌姐妹).
	NameTitles []string
	// Valedictions open the line that closes a letter before its
	// signature (Sincerely, God bless, Fraternally, 主内): the name after
	// them is the article's byline.
	Valedictions []string
}

// DefaultVocabulary returns the built-in word lists, a fresh copy each time.
func DefaultVocabulary() Vocabulary {
	return Vocabulary{
		Roles: []string{
			"记者", "通讯员", "摄影", "摄像", "实习生", "见习生", "撰稿人", "撰稿", "撰文",
			"编辑", "责编", "作者", "供稿", "整理", "口述", "制图", "设计", "校对", "审核",
			"翻译", "报道员", "评论员", "通讯组", "摄影师", "主持人", "采写", "配图",
			"讲员", "讲者", "講員", "講者", "翻譯", "記者", "攝影", "編輯", "撰稿", "報導",
			"图片", "文字", "视频", "编导", "执笔", "美编", "策划", "统筹",
		},
		ShortRoles: []string{
			"文", "图", "摄", "译", "记", "稿",
			"文/图", "图/文", "文图", "图文", "文·图", "图·文",
			"文、图", "图、文", "文｜图", "文|图",
		},
		RoleUnits:       []string{"站", "组", "团", "部"},
		PhotoRoles:      []string{"摄影", "摄", "图", "摄像", "图片", "配图", "摄影师", "Photo by", "Photos by", "Photo", "Photos", "Pictures by", "Picture by"},
		ProductionRoles: []string{"编辑", "责编", "校对", "审核", "美编", "排版", "设计", "审校", "终审", "统筹", "策划"},
		ColophonLabels: []string{
			"主办", "承办", "协办", "编印", "出版", "地址", "电话", "热线", "邮编", "传真", "印刷", "印数",
			"准印证", "内部资料", "投稿邮箱", "邮箱", "网址", "发送", "印发", "报送", "抄送", "报", "送", "发", "编", "编制", "编发",
			"E-mail", "Email", "Tel", "Fax", "Clerk", "Editor",
		},
		OrganizationSuffixRoles: []string{"供稿", "供图", "提供"},
		OrganizationPrefixRoles: []string{"来源", "稿件来源", "作者单位"},
		AuthorUnitRoles:         []string{"作者单位"},
		CreditTrailers:          []string{"报道", "报导", "摄影报道", "文并摄"},
		EnglishCreditWords: []string{
			"story", "words", "text", "photos", "photo", "photographs", "photography",
			"pictures", "picture", "images", "illustration", "illustrations", "report",
			"reporting", "interview", "graphics", "video", "written", "compiled",
			"edited", "reported", "article",
		},
		JobTitles: []string{
			"secretary", "editor", "correspondent", "reporter", "writer", "chair", "chairman",
			"chairwoman", "vicar", "rector", "minister", "mayor", "councillor", "councilor",
			"treasurer", "coordinator", "officer", "manager", "director", "president",
			"principal", "headteacher", "clerk", "warden", "churchwarden", "administrator",
			"volunteer", "member", "staff", "photographer", "pastor", "priest", "deacon",
			"governor", "head", "teacher", "leader", "master", "captain", "coach", "founder", "organiser",
			"organizer", "trustee", "curate", "chaplain", "superintendent", "commander", "advisor", "adviser",
		},
		PlaceSuffixes:        []string{"街道", "社区", "区", "市", "县", "镇", "乡", "村", "省", "州"},
		OrganizationSuffixes: []string{"部", "局", "委", "办", "站", "队", "所", "院", "校", "馆", "会", "厂", "场", "庭", "园", "国", "班", "中心", "公司"},
		SubjectPrefixes:      []string{"区委", "区政府", "区人大", "区政协", "区领导", "市委", "市政府", "我区", "我市", "我县", "我镇", "我校", "我院"},
		NewsWords: []string{
			"召开", "举办", "举行", "启动", "开幕", "闭幕", "开业", "签订", "签署", "落户", "发布", "出台",
			"开展", "完成", "成立", "揭牌", "通过", "部署", "会议", "活动", "获得", "荣获", "入选", "走访",
			"调研", "考察", "检查", "视察", "慰问", "看望", "推进", "持续", "制定", "印发", "公布", "建成",
			"区", "市", "县", "镇", "街道", "社区", "村", "公司", "集团", "银行", "学校", "大学", "医院",
			"委员会", "区委", "政府", "局", "中心",
		},
		Exhortations: []string{
			"加强", "全力", "扎实", "持续", "加快", "着力", "奋力", "全面", "积极", "不断", "切实", "深入",
			"推动", "打造", "建设", "提升", "优化", "聚焦", "践行", "助力", "奋进", "凝心", "喜迎", "争创",
			"决胜", "坚持", "坚定", "携手", "共建", "共创", "用心", "守护", "让", "把", "为",
		},
		DatelinePrefixes: []string{"本报讯", "本刊讯", "本网讯", "本台讯"},
		NewsAgencies:     []string{"新华社", "中新社", "中新网", "人民网", "央视网"},
		ContentsLabels:   []string{"目录", "目錄", "本期导读", "本期要目", "本期目录", "导读", "Contents", "In this issue", "Inside", "What's inside", "What’s inside", "What's new", "What’s new", "Special points of interest"},
		JumpPrefixes:     []string{"下转", "上接", "转第", "接第", "转下页", "接上页", "continued on", "continued from", "cont. on", "see page"},
		DateWords: []string{
			"january", "february", "march", "april", "may", "june", "july", "august",
			"september", "october", "november", "december",
			"spring", "summer", "autumn", "fall", "winter", "issue", "vol", "edition",
		},
		EndMarks:    []string{"完", "全文完", "END", "THE END", "ENDS"},
		MailHeaders: []string{"Content-Type", "Content-Transfer-Encoding", "MIME-Version", "Content-Disposition", "Message-ID", "X-Mailer"},
		MastheadWords: []string{
			"Newsletter", "Bulletin", "Gazette", "Newssheet", "News Sheet", "Magazine", "Volume", "Vol.", "Issue No",
			"周刊", "周报", "月刊", "院訊", "院讯", "会訊", "会讯", "通讯", "简报", "简讯", "校报", "院报", "期刊",
		},
		Months: []string{
			"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
			"Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
		},
		Weekdays:     []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun", "Today", "Tomorrow", "Tonight"},
		DeskPrefixes: []string{"From the desk of", "A message from", "A word from", "Message from", "来自", "寄语"},
		NameTitles: []string{
			"院長", "院长", "校長", "校长", "主任", "會吏長", "会吏长", "牧師", "牧师", "博士", "教授", "老師", "老师",
			"姐妹", "弟兄", "傳道", "传道", "長老", "长老", "執事", "执事", "宣教士", "同工", "先生", "女士", "會督", "会督",
			"主席", "會長", "会长", "秘書", "秘书", "書記", "书记", "社長", "社长",
		},
		Valedictions: []string{
			"Sincerely", "Yours", "With best wishes", "Best wishes", "Kind regards", "Regards", "God bless",
			"Fraternally", "In Christ", "Blessings", "With love", "Love", "Warm regards", "Cheers", "Thank you",
			"Bon appetit", "Bon appétit", "Enjoy",
			"主内", "主內", "敬上", "谨上", "謹上", "顺颂", "順頌", "此致",
		},
	}
}

// With returns v with the words of extra added to its lists, each once. A
// zero v stands for DefaultVocabulary, so Vocabulary{}.With(extra) extends
// the defaults. Neither v nor extra is changed.
func (v Vocabulary) With(extra Vocabulary) Vocabulary {
	if v.isZero() {
		v = DefaultVocabulary()
	}
	out := v
	for _, f := range out.lists() {
		*f.dst = slices.Clone(*f.dst)
	}
	src := extra.lists()
	for i, f := range out.lists() {
		for _, w := range *src[i].dst {
			if w = strings.TrimSpace(w); w != "" && !slices.Contains(*f.dst, w) {
				*f.dst = append(*f.dst, w)
			}
		}
	}
	return out
}

type vocabList struct {
	name string
	dst  *[]string
}

// lists names every list of v, in one order, for With and for tests.
func (v *Vocabulary) lists() []vocabList {
	return []vocabList{
		{"Roles", &v.Roles}, {"ShortRoles", &v.ShortRoles}, {"RoleUnits", &v.RoleUnits},
		{"PhotoRoles", &v.PhotoRoles}, {"ProductionRoles", &v.ProductionRoles},
		{"ColophonLabels", &v.ColophonLabels}, {"OrganizationSuffixRoles", &v.OrganizationSuffixRoles},
		{"OrganizationPrefixRoles", &v.OrganizationPrefixRoles}, {"AuthorUnitRoles", &v.AuthorUnitRoles},
		{"CreditTrailers", &v.CreditTrailers},
		{"EnglishCreditWords", &v.EnglishCreditWords}, {"JobTitles", &v.JobTitles},
		{"PlaceSuffixes", &v.PlaceSuffixes}, {"OrganizationSuffixes", &v.OrganizationSuffixes},
		{"SubjectPrefixes", &v.SubjectPrefixes}, {"NewsWords", &v.NewsWords},
		{"Exhortations", &v.Exhortations}, {"DatelinePrefixes", &v.DatelinePrefixes},
		{"NewsAgencies", &v.NewsAgencies}, {"ContentsLabels", &v.ContentsLabels},
		{"JumpPrefixes", &v.JumpPrefixes}, {"DateWords", &v.DateWords},
		{"EndMarks", &v.EndMarks}, {"MailHeaders", &v.MailHeaders},
		{"MastheadWords", &v.MastheadWords}, {"Months", &v.Months}, {"Weekdays", &v.Weekdays}, {"DeskPrefixes", &v.DeskPrefixes}, {"NameTitles", &v.NameTitles}, {"Valedictions", &v.Valedictions},
	}
}

func (v Vocabulary) isZero() bool {
	for _, f := range v.lists() {
		if len(*f.dst) > 0 {
			return false
		}
	}
	return true
}

// lexicon is a Vocabulary made ready for lookups.
type lexicon struct {
	Vocabulary
	shortRoles     map[string]bool
	trailers       map[string]bool
	creditWords    map[string]bool
	jobTitles      map[string]bool
	orgSuffixRoles map[string]bool
	orgPrefixRoles map[string]bool
	endMarks       map[string]bool
	contents       map[string]bool
	photoRoles     map[string]bool
	// jumpPrefixes and dateWords are matched against lower-cased text,
	// so they are lower-cased once here, added words too.
	jumpPrefixes, dateWords []string
}

func set(words []string, fold func(string) string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[fold(w)] = true
	}
	return m
}

func same(s string) string { return s }

func newLexicon(v Vocabulary) *lexicon {
	if v.isZero() {
		return defaultLexicon
	}
	return compileLexicon(v)
}

func compileLexicon(v Vocabulary) *lexicon {
	// A blank word would match everywhere (and strip nothing for ever).
	for _, f := range v.lists() {
		*f.dst = slices.DeleteFunc(slices.Clone(*f.dst), func(w string) bool { return strings.TrimSpace(w) == "" })
	}
	return &lexicon{
		Vocabulary:     v,
		shortRoles:     set(v.ShortRoles, same),
		trailers:       set(v.CreditTrailers, same),
		creditWords:    set(v.EnglishCreditWords, strings.ToLower),
		jobTitles:      set(v.JobTitles, strings.ToLower),
		orgSuffixRoles: set(v.OrganizationSuffixRoles, same),
		orgPrefixRoles: set(v.OrganizationPrefixRoles, same),
		endMarks:       set(v.EndMarks, strings.ToUpper),
		contents:       set(v.ContentsLabels, func(s string) string { return strings.ToLower(strings.ReplaceAll(s, " ", "")) }),
		photoRoles:     set(v.PhotoRoles, strings.ToLower),
		jumpPrefixes:   lower(v.JumpPrefixes),
		dateWords:      lower(v.DateWords),
	}
}

func lower(words []string) []string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = strings.ToLower(w)
	}
	return out
}

// defaultLexicon serves the zero Vocabulary and the helpers that see no
// Options (the PDF reader, unit tests of single rules).
var defaultLexicon = compileLexicon(DefaultVocabulary())

// Facts of the languages, not of a publication.

// abbreviations end with a period that does not end a sentence; a line that
// stops on one is wrapped, not finished.
var abbreviations = []string{"Mr.", "Mrs.", "Ms.", "Dr.", "St.", "Rev.", "Fr.", "No.", "Jr.", "Sr.", "Prof.", "Cllr.", "Hon.", "vs.", "e.g.", "i.e.", "etc.", "a.m.", "p.m.", "approx.", "Mt.", "Ave.", "Rd."}

// finalAbbreviations are the abbreviations that often end a sentence too:
// "The supper starts at 7 p.m."
var finalAbbreviations = []string{"a.m.", "p.m.", "etc."}

// functionWords end an English fragment cut at a page break ("The council
// met on"), never a heading.
var functionWords = map[string]bool{"the": true, "a": true, "an": true, "of": true, "to": true, "in": true, "on": true, "at": true, "for": true, "and": true, "or": true, "but": true, "with": true, "by": true, "from": true, "that": true, "which": true, "was": true, "were": true, "is": true, "are": true, "be": true, "has": true, "have": true, "had": true, "will": true, "would": true, "as": true, "their": true, "his": true, "her": true, "its": true, "our": true, "this": true}

// nameParticles may stand lower-case inside a name: Ludwig van Beethoven.
var nameParticles = map[string]bool{"van": true, "von": true, "de": true, "der": true, "den": true, "da": true, "di": true, "du": true, "la": true, "le": true, "bin": true, "al": true, "del": true, "dos": true, "das": true, "y": true, "ten": true, "ter": true}

// notNames are capitalised words that follow "By" in sentences, not in
// credits: "By Monday", "By March".
var notNames = map[string]bool{"Monday": true, "Tuesday": true, "Wednesday": true, "Thursday": true, "Friday": true, "Saturday": true, "Sunday": true,
	"January": true, "February": true, "March": true, "April": true, "May": true, "June": true, "July": true, "August": true, "September": true, "October": true, "November": true, "December": true,
	"The": true, "This": true, "That": true, "Then": true, "Now": true, "Noon": true, "Midnight": true, "Law": true}

// ledeOpeners open the first sentence of a news report with its time or
// its purpose (晚上7点，…; 今年以来，…; 为方便群众就医，…): a line that
// opens so is the story's first paragraph, not a deck under its title.
var ledeOpeners = []string{"今年", "去年", "近日", "日前", "近期", "昨天", "昨日", "今天", "当天", "上午", "下午", "晚上", "早上", "凌晨", "中午", "傍晚", "入夏以来", "入秋以来", "为", "据"}

// postEndings end the names of posts that credit a person at the end of a
// community item, as a role does: （网格员 马丽）, （社工师 王一）.
var postEndings = []string{"员", "师"}

// printRunPrefixes and printRunUnits frame the print run at a bulletin's
// foot: （共印80份）.
var (
	printRunPrefixes = []string{"共印", "印数", "印"}
	printRunUnits    = []string{"份", "册", "本"}
)

// imprintVerbs say who publishes an English bulletin in its imprint
// sentence: "The Gazette is published by …".
var imprintVerbs = []string{"published by", "printed by", "produced by"}

// listBullets open a bulleted list item: "- a packed lunch".
var listBullets = []string{"- ", "* ", "• ", "· ", "– ", "▪ "}

// commonSurnames are the single-character family names that cover the
// great majority of people in mainland China, and the usual compound ones.
// A line of bare names is taken as a byline only when every name starts
// with one of them.
const commonSurnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"

var compoundSurnames = []string{"欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯", "令狐", "端木", "独孤", "南宫", "西门"}
