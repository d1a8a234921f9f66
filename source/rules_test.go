package source

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/bulletinfeed/bulletinfeed"
)

// ruleCase is a minimal issue that needs one rule: without the rule (go
// test -tags ablate with BULLETINFEED_ABLATE=rule, as
// scripts/ablate-rules.sh runs it) its parse differs from want.
type ruleCase struct {
	rule string
	name string
	text string
	opts Options
	// want is the parse in summary's notation; "error: " and the start of
	// the cause when the issue must be refused.
	want string
}

var ruleCases = []ruleCase{
	{rule: "affiliation", name: "a writer's class between role and name",
		text: "雨后\n\n雨停了，操场上的积水映着蓝天。\n\n文/四年级（2）班 方若溪\n",
		want: "雨后 (文:方若溪) | p:雨停了，操场上的积水映着蓝天。"},
	{rule: "agency-dateline", name: "a news agency's dateline credits the article",
		text: "社区开展义诊活动\n\n通讯员 王一\n\n近日，社区开展义诊活动。\n\n我国新能源汽车产销两旺\n\n新华社北京3月2日电 记者从有关部门获悉，新能源汽车产销两旺。\n",
		want: "社区开展义诊活动 (通讯员:王一) | p:近日，社区开展义诊活动。\n我国新能源汽车产销两旺 () | p:新华社北京3月2日电 记者从有关部门获悉，新能源汽车产销两旺。"},
	{rule: "bare-names", name: "bare names between title and body",
		text: "书香满校园\n\n王一 李二\n\n近日，学校举办读书分享会。\n",
		want: "书香满校园 (:王一 :李二) | p:近日，学校举办读书分享会。"},
	{rule: "bracketed-names", name: "bare names in brackets close an article",
		text: "毕业季里的感恩课\n\n六年级各班开展了主题班会。\n\n（韦晓东 褚佳宁）\n",
		want: "毕业季里的感恩课 (:韦晓东 :褚佳宁) | p:六年级各班开展了主题班会。"},
	{rule: "body-shaped", name: "a full line of print is no heading",
		opts: Options{NoCredits: true},
		text: "区政府召开常务会议\n会议研究部署了防汛防台风工作，要求各部门\n严格落实值班制度，加强重点部位巡查，确保\n安全度汛。\n会议还审议通过了老旧小区改造三年行动方案\n和背街小巷整治方案。\n全区开展劳动保护检查\n区人力社保局联合区总工会开展了高温天气劳\n动保护专项检查，共检查用人单位一百余家，\n发现问题已全部整改。\n",
		want: "区政府召开常务会议 | p:会议研究部署了防汛防台风工作，要求各部门严格落实值班制度，加强重点部位巡查，确保安全度汛。 | p:会议还审议通过了老旧小区改造三年行动方案和背街小巷整治方案。\n全区开展劳动保护检查 | p:区人力社保局联合区总工会开展了高温天气劳动保护专项检查，共检查用人单位一百余家，发现问题已全部整改。"},
	{rule: "caption", name: "a caption and its photo credit end the article above",
		text: "运河岸边新添口袋公园\n\n记者 王一\n\n近日，口袋公园建成开放。\n\n图为市民在公园内散步\n\n摄影 蒋涛\n\n秋收时节稻花香\n\n记者 李二\n\n水稻进入收割期。\n",
		want: "运河岸边新添口袋公园 (记者:王一 摄影:蒋涛) | p:近日，口袋公园建成开放。 | p:图为市民在公园内散步\n秋收时节稻花香 (记者:李二) | p:水稻进入收割期。"},
	{rule: "colophon", name: "the publisher's line is no paragraph",
		text: "社区开展义诊活动\n\n通讯员 王一\n\n近日，社区开展义诊活动。\n\n主办：河西区委宣传部\n",
		want: "社区开展义诊活动 (通讯员:王一) | p:近日，社区开展义诊活动。"},
	{rule: "colophon", name: "a production role with a prefix is colophon",
		text: "社区开展义诊活动\n\n通讯员 王一\n\n近日，社区开展义诊活动。\n\n本版编辑：刘静 校对：孙华\n",
		want: "社区开展义诊活动 (通讯员:王一) | p:近日，社区开展义诊活动。"},
	{rule: "contents-entry", name: "a contents entry repeated later is not a heading",
		text: "河西通讯\n\n河西区召开优化营商环境推进会\n\n友谊路街道开展消夏文化活动\n\n河西区召开优化营商环境推进会\n\n通讯员 赵钰真\n\n日前，推进会召开。\n\n友谊路街道开展消夏文化活动\n\n通讯员 许浩然\n\n近日，活动开展。\n",
		want: "河西区召开优化营商环境推进会 (通讯员:赵钰真) | p:日前，推进会召开。\n友谊路街道开展消夏文化活动 (通讯员:许浩然) | p:近日，活动开展。"},
	{rule: "cut-at-break", name: "a first paragraph cut by a page break is no heading",
		text: "我校举行科技节\n\n5月24日，科技节开幕。\n\n（通讯员 程雅琴）\n\n毕业季里的感恩课\n\n六年级各班开展了\n\n- 2 -\n\n主题班会。\n\n（通讯员 韦晓东）\n",
		want: "我校举行科技节 (通讯员:程雅琴) | p:5月24日，科技节开幕。\n毕业季里的感恩课 (通讯员:韦晓东) | p:六年级各班开展了主题班会。"},
	{rule: "cut-at-break", name: "an English line cut by a page break is no subhead",
		text: "Bell tower\n\nBy Ann Lee\n\nWork began in March.\n\nThe total cost is just over\n\nPage 2 of 4\n\n£180,000 in all.\n",
		want: "Bell tower (By:Ann Lee) | p:Work began in March. | p:The total cost is just over £180,000 in all."},
	{rule: "dateline", name: "本报讯 credits the article",
		text: "社区开展义诊活动\n\n通讯员 王一\n\n近日，社区开展义诊活动。\n\n书香满校园\n\n本报讯（记者 李二）近日，学校举办读书分享会。\n",
		want: "社区开展义诊活动 (通讯员:王一) | p:近日，社区开展义诊活动。\n书香满校园 () | p:本报讯（记者 李二）近日，学校举办读书分享会。"},
	{rule: "deck", name: "a deck ending in a full stop under the title",
		text: "社区开展义诊活动\n\n通讯员 王一\n\n近日，社区开展义诊活动。\n\n社区义诊进楼门\n\n50余名医生走进12个小区，为老人测血压、查血糖。\n\n记者 李二\n\n5月18日，义诊开始。\n",
		want: "社区开展义诊活动 (通讯员:王一) | p:近日，社区开展义诊活动。\n社区义诊进楼门 {社区义诊进楼门 / 50余名医生走进12个小区，为老人测血压、查血糖。} (记者:李二) | p:5月18日，义诊开始。"},
	{rule: "deck", name: "a deck without a full stop is no title",
		text: "秋收\n\n辛口镇水稻开镰收割，亩产提高5%\n\n记者 李二\n\n水稻进入收割期。\n",
		want: "秋收 {秋收 / 辛口镇水稻开镰收割，亩产提高5%} (记者:李二) | p:水稻进入收割期。"},
	{rule: "lede", name: "a short first paragraph opening with a date is no deck",
		opts: Options{NoCredits: true},
		text: "区委召开推进会\n8月5日，区长主持召开会议，研究部署工作。\n会议指出，要坚持大抓基层。\n",
		want: "区委召开推进会 | p:8月5日，区长主持召开会议，研究部署工作。 | p:会议指出，要坚持大抓基层。"},
	{rule: "deck-apart", name: "a sentence set apart under a title with no credit is the first paragraph",
		opts: Options{NoCredits: true},
		text: "全区培训班开班\n\n培训采取专题授课。\n\n培训共三天。\n",
		want: "全区培训班开班 | p:培训采取专题授课。 | p:培训共三天。"},
	{rule: "banner-numbering", name: "a section numbers its articles afresh",
		opts: Options{NoCredits: true, Banners: []string{"【工作动态】", "【基层交流】"}},
		text: "【工作动态】\n\n一、区委召开推进会\n\n会议指出，要坚持大抓基层。\n\n【基层交流】\n\n沙湾街道推行积分管理\n\n对物业企业实行服务积分管理。\n",
		want: "[【工作动态】] 一、区委召开推进会 | p:会议指出，要坚持大抓基层。\n[【基层交流】] 沙湾街道推行积分管理 | p:对物业企业实行服务积分管理。"},
	{rule: "banner-start", name: "a banner after an article's text heads the next article, credited or not",
		opts: Options{Banners: []string{"健康科普", "图片新闻"}},
		text: "健康科普\n\n夏季腹泻别大意\n\n夏季是腹泻的高发季节。\n\n图片新闻\n\n义诊走进社区\n8月8日，医护人员走进社区义诊。\n摄影 孙立\n",
		want: "[健康科普] 夏季腹泻别大意 () | p:夏季是腹泻的高发季节。\n[图片新闻] 义诊走进社区 (摄影:孙立) | p:8月8日，医护人员走进社区义诊。"},
	{rule: "banner-running-head", name: "the section's banner again over a subhead is a running head",
		opts: Options{Banners: []string{"城市更新"}},
		text: "城市更新\n\n金钟河畔建起口袋公园\n\n记者 王一\n\n口袋公园近日建成开放。\n\n城市更新\n\n居民点赞\n\n居民李先生每天都来公园散步。\n",
		want: "[城市更新] 金钟河畔建起口袋公园 (记者:王一) | p:口袋公园近日建成开放。 | s:居民点赞 | p:居民李先生每天都来公园散步。"},
	{rule: "numbered-after-title", name: "a numbered line under an unnumbered title is a subhead",
		opts: Options{NoCredits: true},
		text: "区法院召开推进会\n\n9月26日，区法院召开推进会。\n\n关于劳动争议案件的调研报告\n\n一、基本情况\n\n今年共受理劳动争议案件637件。\n\n二、对策建议\n\n建议加强诉调对接。\n",
		want: "区法院召开推进会 | p:9月26日，区法院召开推进会。\n关于劳动争议案件的调研报告 | s:一、基本情况 | p:今年共受理劳动争议案件637件。 | s:二、对策建议 | p:建议加强诉调对接。"},
	{rule: "unit-credit", name: "names after their unit in brackets close an article",
		text: "二分厂开展应急演练\n\n9月27日，二分厂组织开展应急演练。\n\n（二分厂 潘晓东 邹婷）\n",
		want: "二分厂开展应急演练 (:潘晓东 :邹婷) | p:9月27日，二分厂组织开展应急演练。"},
	{rule: "end-credit-no-heading", name: "names after their community in brackets close an article without credits",
		opts: Options{NoCredits: true},
		text: "南苑社区银发课堂开课\n12月5日，南苑社区银发课堂开课。\n\n（南苑社区 贺丽娟 冯涛）\n\n北关社区开展送温暖活动\n\n12月12日，北关社区走访慰问困难家庭。\n",
		want: "南苑社区银发课堂开课 (:贺丽娟 :冯涛) | p:12月5日，南苑社区银发课堂开课。\n北关社区开展送温暖活动 | p:12月12日，北关社区走访慰问困难家庭。"},
	{rule: "glued-organization-credit", name: "a body's name glued to 供稿",
		text: "物业纠纷示范判决\n\n今年以来，民一庭共收到物业纠纷案件126件。\n\n（民一庭供稿）\n",
		want: "物业纠纷示范判决 (供稿:民一庭) | p:今年以来，民一庭共收到物业纠纷案件126件。"},
	{rule: "contact-parts", name: "an address line in parts with a telephone number is colophon",
		text: "Bell tower\n\nBy Ann Lee\n\nWork began in March.\n\nWillow Lane Primary School · Willow Lane, Hatfield AL10 8TP · Tel 01707 555 210\n",
		want: "Bell tower (By:Ann Lee) | p:Work began in March."},
	{rule: "final-abbreviation-heading", name: "a heading set apart after a sentence ending in a.m.",
		opts: Options{NoCredits: true},
		text: "Sports Day\n\nSports Day is on Wednesday.\n\nIf it rains, we will text you by 8 a.m.\n\nSchool Photos\n\nThe photographer visits on Monday.\n",
		want: "Sports Day | p:Sports Day is on Wednesday. | p:If it rains, we will text you by 8 a.m.\nSchool Photos | p:The photographer visits on Monday."},
	{rule: "numbered-series", name: "headings numbered as a series are subheads",
		opts: Options{NoCredits: true},
		text: "Class News\n\nYear 1\n\nYear 1 have been growing sunflowers.\n\nYear 3\n\nYear 3 visited the museum.\n\nYear 5\n\nYear 5 performed their poems.\n",
		want: "Class News | s:Year 1 | p:Year 1 have been growing sunflowers. | s:Year 3 | p:Year 3 visited the museum. | s:Year 5 | p:Year 5 performed their poems."},
	{rule: "signature-title-line", name: "a letter signed with the post on the line under the name",
		text: "From the Headteacher\n\nDear Parents,\n\nSports Day is on Wednesday.\n\nMrs Helen Carter\nHeadteacher\n\nSchool roof repaired\n\nBy Ann Lee\n\nWork finished in May.\n",
		want: "From the Headteacher (:Mrs Helen Carter) | p:Dear Parents, | p:Sports Day is on Wednesday.\nSchool roof repaired (By:Ann Lee) | p:Work finished in May."},
	{rule: "valediction", name: "the signature under a complimentary close",
		text: "From the Headteacher\n\nDear Parents,\n\nSports Day is on Wednesday.\n\nWith best wishes,\nMrs Helen Carter, Headteacher\n\nSchool roof repaired\n\nBy Ann Lee\n\nWork finished in May.\n",
		want: "From the Headteacher (:Mrs Helen Carter) | p:Dear Parents, | p:Sports Day is on Wednesday. | p:With best wishes,\nSchool roof repaired (By:Ann Lee) | p:Work finished in May."},
	{rule: "signature-not-heading", name: "a signature over a credited article's headings closes the letter above",
		text: "From the Chair\n\nDear neighbours,\n\nThe association has grown.\n\nDaniel Whitcombe, Chair\n\nSea wall repairs\n\nBy Ann Lee\n\nWork starts in September.\n",
		want: "From the Chair (:Daniel Whitcombe) | p:Dear neighbours, | p:The association has grown.\nSea wall repairs (By:Ann Lee) | p:Work starts in September."},
	{rule: "bare-signature", name: "a name alone before a banner signs the text above",
		opts: Options{Banners: []string{"Church News"}},
		text: "From the Editor\n\nNovember is a month for remembering.\n\nClare Whitfield\n\nChurch News\n\nA new roof\nBy Martin Oakes\n\nThe scaffolding has come down.\n",
		want: "From the Editor (:Clare Whitfield) | p:November is a month for remembering.\n[Church News] A new roof (By:Martin Oakes) | p:The scaffolding has come down."},
	{rule: "list-box", name: "a heading over a list that ends a credited article's text is a box of its own",
		text: "Garden club visits Wisley\nBy Geoff Barnes\n\nTwenty-two members spent a day at Wisley.\n\nServices in November\n\nSunday 3rd – Holy Communion 10 a.m.\nSunday 10th – Remembrance, 10.50 a.m.\nSunday 17th – Family Service 10 a.m.\n",
		want: "Garden club visits Wisley (By:Geoff Barnes) | p:Twenty-two members spent a day at Wisley.\nServices in November () | p:Sunday 3rd – Holy Communion 10 a.m. | p:Sunday 10th – Remembrance, 10.50 a.m. | p:Sunday 17th – Family Service 10 a.m."},
	{rule: "notice-signoff", name: "a notice's issuer over its date are paragraphs",
		opts: Options{NoCredits: true},
		text: "关于开展夏季防汛检查的通知\n\n各村民小组：\n\n请各组组长于5月20日前开展一次全面排查。\n\n桃源村村民委员会\n2024年5月8日\n",
		want: "关于开展夏季防汛检查的通知 | p:各村民小组： | p:请各组组长于5月20日前开展一次全面排查。 | p:桃源村村民委员会 | p:2024年5月8日"},
	{rule: "colophon-label-prefix", name: "a colophon label after five characters naming whose it is",
		text: "社区开展义诊活动\n\n通讯员 王一\n\n近日，社区开展义诊活动。\n\n村委会值班电话：0731-86231008\n",
		want: "社区开展义诊活动 (通讯员:王一) | p:近日，社区开展义诊活动。"},
	{rule: "address-parts", name: "the address in parts over the contact line is colophon",
		text: "Bell tower\n\nBy Ann Lee\n\nWork began in March.\n\nWillow Lane Primary School · Willow Lane, Hatfield\nTel 01707 555 210 · office@example.org\n",
		want: "Bell tower (By:Ann Lee) | p:Work began in March."},
	{rule: "indent-after-break", name: "an indented line after a page break that cut a sentence goes on with it",
		text: "Bell tower\n\nBy Ann Lee\n\n  Work began in March on the\n\n- 2 -\n\n  tower roof.\n  The bells are back.\nSo is the clock.\n",
		want: "Bell tower (By:Ann Lee) | p:Work began in March on the tower roof. | p:The bells are back. | p:So is the clock."},
	{rule: "enumeration-deck", name: "a line listing what the story tells is the title's deck",
		text: "智慧病房上线运行\n患者在床旁就能查费用、看报告、呼叫护士\n通讯员 钱晓峰\n\n8月起，我院两个病区试点智慧病房。\n",
		want: "智慧病房上线运行 {智慧病房上线运行 / 患者在床旁就能查费用、看报告、呼叫护士} (通讯员:钱晓峰) | p:8月起，我院两个病区试点智慧病房。"},
	{rule: "masthead-issue-date", name: "the issue's number, publisher and date on one long line are masthead",
		text: "桃源村村务简报\n\n2024年第2期 桃源村村民委员会编印 2024年5月10日\n\n一季度村级财务收支公开\n一季度，村集体经济组织收入合计38.6万元，其中土地\n发包收入21.2万元，厂房出租收入12.4万元，上级补助资\n金5万元；支出合计26.9万元，主要用于道路维修、保洁\n员工资和村干部报酬。明细账已在村务公开栏张贴，村民\n可到村委会查阅原始凭证。\n（村监委会 王立新）\n",
		want: "一季度村级财务收支公开 (:王立新) | p:一季度，村集体经济组织收入合计38.6万元，其中土地发包收入21.2万元，厂房出租收入12.4万元，上级补助资金5万元；支出合计26.9万元，主要用于道路维修、保洁员工资和村干部报酬。明细账已在村务公开栏张贴，村民可到村委会查阅原始凭证。"},
	{rule: "restated-notice", name: "an English notice after a By-lined report whose paragraph restates its heading",
		text: "Under-13s reach semi-final\nBy Lisa Grant\n\nThe under-13s beat Hythe by 30 runs.\n\nAwards Night\n\nThe club awards night is on Friday 15 November.\n",
		want: "Under-13s reach semi-final (By:Lisa Grant) | p:The under-13s beat Hythe by 30 runs.\nAwards Night () | p:The club awards night is on Friday 15 November."},
	{rule: "stacked-roles", name: "a short role over the writer's title",
		text: "秋季运动会圆满闭幕\n图/文 学生记者 邹可欣\n\n11月1日，运动会举行。\n",
		want: "秋季运动会圆满闭幕 (图/文 学生记者:邹可欣) | p:11月1日，运动会举行。"},
	{rule: "unit-shape", name: "a unit that opens with no surname between role and name",
		text: "时间银行让服务可存可取\n文/社区社工 钱卫东\n\n今年以来，社区推出时间银行。\n",
		want: "时间银行让服务可存可取 (文:钱卫东) | p:今年以来，社区推出时间银行。"},
	{rule: "unit-shape", name: "a year and a subject between role and name",
		text: "银杏道上的秋天\n文/2022级汉语言文学 苗苗\n\n每年十一月，银杏道最先告诉我们秋天来了。\n",
		want: "银杏道上的秋天 (文:苗苗) | p:每年十一月，银杏道最先告诉我们秋天来了。"},
	{rule: "imprint-date", name: "the imprint with the issue's date is no credit",
		text: "社区开展义诊活动\n\n通讯员 王一\n\n近日，社区开展义诊活动。\n\n幸福里社区党委 社区居委会 编印 2024年12月2日\n",
		want: "社区开展义诊活动 (通讯员:王一) | p:近日，社区开展义诊活动。"},
	{rule: "imprint-no-break", name: "an imprint dropped from the masthead is no page break, without banners",
		text: "幸福里社区简讯\n2024年第4期\n主办：幸福里社区居委会\n\n银龄食堂开进小区\n11月20日，银龄食堂正式开门迎客。\n（网格员 马丽）\n",
		want: "银龄食堂开进小区 (网格员:马丽) | p:11月20日，银龄食堂正式开门迎客。"},
	{rule: "imprint-no-break", name: "an imprint dropped from the masthead is no page break",
		opts: Options{Banners: []string{"社区要闻"}},
		text: "幸福里社区简讯\n2024年第4期\n主办：幸福里社区居委会\n\n社区要闻\n\n银龄食堂开进小区\n11月20日，银龄食堂正式开门迎客。\n（网格员 马丽）\n",
		want: "[社区要闻] 银龄食堂开进小区 (网格员:马丽) | p:11月20日，银龄食堂正式开门迎客。"},
	{rule: "post-credit", name: "a post ending in 员 credits the names after it",
		text: "银龄食堂开进小区\n\n11月20日，银龄食堂正式开门迎客。\n\n（网格员 马丽）\n",
		want: "银龄食堂开进小区 (网格员:马丽) | p:11月20日，银龄食堂正式开门迎客。"},
	{rule: "colophon-label-prefix", name: "a colophon label after whose it is",
		text: "社区开展义诊活动\n\n通讯员 王一\n\n近日，社区开展义诊活动。\n\n社区服务热线：022-5555 8123\n",
		want: "社区开展义诊活动 (通讯员:王一) | p:近日，社区开展义诊活动。"},
	{rule: "caption-credit", name: "a photo credit after its caption on one line",
		text: "自习室开放\n文/龚雨桐\n\n图书馆三楼自习室正式开放。\n\n↑ 同学们在自习室内学习。 摄影 费思琪\n",
		want: "自习室开放 (文:龚雨桐 摄影:费思琪) | p:图书馆三楼自习室正式开放。 | p:↑ 同学们在自习室内学习。"},
	{rule: "print-run", name: "the print run is colophon",
		text: "社区开展义诊活动\n\n通讯员 王一\n\n近日，社区开展义诊活动。\n\n（共印80份）\n",
		want: "社区开展义诊活动 (通讯员:王一) | p:近日，社区开展义诊活动。"},
	{rule: "signature-address", name: "a letter signed with the writer's street",
		text: "Car park charges frozen\n\nBy Daniel Okafor\n\nThe council agreed to keep the charges.\n\nSpeeding on Mill Road\n\nTraffic is faster than ever.\n\nGordon Pike, Fernleigh Close\n\nThank you, library volunteers\n\nMy thanks to the volunteers.\n\n— Mrs J. Abernethy\n",
		want: "Car park charges frozen (By:Daniel Okafor) | p:The council agreed to keep the charges.\nSpeeding on Mill Road (:Gordon Pike) | p:Traffic is faster than ever.\nThank you, library volunteers (:Mrs J. Abernethy) | p:My thanks to the volunteers."},
	{rule: "imprint-sentence", name: "an English imprint sentence is colophon",
		text: "Bell tower\n\nBy Ann Lee\n\nWork began in March.\n\nThe Gazette is published by Ashcombe Town Council, Town Hall, Fore Street, Ashcombe. Printed on recycled paper.\n",
		want: "Bell tower (By:Ann Lee) | p:Work began in March."},
	{rule: "unbulleted-list", name: "an English list one item to a line is no heading",
		opts: Options{NoCredits: true},
		text: "Welcome\n\nA warm welcome to everyone.\n\nToday's Readings\n\nAmos 5.6-7, 10-15\nHebrews 4.12-end\nMark 10.17-31\n\nHarvest Supper\n\nOur Harvest Supper will be held in the hall.\n",
		want: "Welcome | p:A warm welcome to everyone.\nToday's Readings | p:Amos 5.6-7, 10-15 | p:Hebrews 4.12-end | p:Mark 10.17-31\nHarvest Supper | p:Our Harvest Supper will be held in the hall."},
	{rule: "english-date", name: "an English date line is masthead",
		opts: Options{NoCredits: true},
		text: "HOLY TRINITY CHURCH, WESTBURY\nWeekly Notice Sheet\nSunday 13 October 2024 – Eighteenth Sunday after Trinity\n\nWelcome\n\nA warm welcome to everyone.\n",
		want: "Welcome | p:A warm welcome to everyone."},
	{rule: "title-case-heading", name: "a headline may end on a function word",
		opts: Options{NoCredits: true},
		text: "Welcome\n\nA warm welcome to everyone.\n\nPlease Pray For\n\nThose who are sick: Margaret Ellis, Tom Barker\nThose who have died: Peter Groves\n",
		want: "Welcome | p:A warm welcome to everyone.\nPlease Pray For | p:Those who are sick: Margaret Ellis, Tom Barker | p:Those who have died: Peter Groves"},
	{rule: "contact-line", name: "a contact line with a telephone number or e-mail is colophon",
		text: "Bell tower\n\nBy Ann Lee\n\nWork began in March.\n\nVicar: The Revd Canon Andrew Fielding · Tel 01225 555 014\nParish Office: Sue Markham · office@example.org\n",
		want: "Bell tower (By:Ann Lee) | p:Work began in March."},
	{rule: "final-abbreviation", name: "p.m. may end a paragraph",
		text: "Harvest Supper\n\nBy Ann Lee\n\nOur Harvest Supper will be held in the hall at 7 p.m.\n\nAll proceeds will go to the Food Bank.\n",
		want: "Harvest Supper (By:Ann Lee) | p:Our Harvest Supper will be held in the hall at 7 p.m. | p:All proceeds will go to the Food Bank."},
	{rule: "abbreviation-sentence", name: "a long English sentence ending in p.m. is no heading",
		opts: Options{NoCredits: true},
		text: "Welcome\n\nA warm welcome to everyone.\n\nHarvest Supper\n\nOur Harvest Supper will be held in the church hall on Saturday at 7 p.m.\n\nAll proceeds will go to the Food Bank.\n",
		want: "Welcome | p:A warm welcome to everyone.\nHarvest Supper | p:Our Harvest Supper will be held in the church hall on Saturday at 7 p.m. | p:All proceeds will go to the Food Bank."},
	{rule: "bullet-not-heading", name: "a bulleted item ending in p.m. is no heading",
		text: "Car park charges frozen\n\nBy Daniel Okafor\n\nThe council agreed to keep the charges.\n\nSpeeding on Mill Road\n\nI have lived on Mill Road for thirty years and have never seen traffic as fast as it is now.\n\n— Gordon Pike\n\nThank you, library volunteers\n\nMy thanks to the volunteers.\n\n— Jane Abernethy\n\nDates for your diary\n\n• Wreath laying, 10.50 a.m.\n\n• Lights switch-on, 5 p.m.\n",
		want: "Car park charges frozen (By:Daniel Okafor) | p:The council agreed to keep the charges.\nSpeeding on Mill Road (:Gordon Pike) | p:I have lived on Mill Road for thirty years and have never seen traffic as fast as it is now.\nThank you, library volunteers (:Jane Abernethy) | p:My thanks to the volunteers.\nDates for your diary () | p:• Wreath laying, 10.50 a.m. | p:• Lights switch-on, 5 p.m."},
	{rule: "parallel-items", name: "items set apart that open alike with a colon are no headings",
		opts: Options{NoCredits: true},
		text: "Please Pray For\n\nThose who are sick: Margaret Ellis, Tom Barker\n\nThose who have died: Peter Groves, Joan Whitfield\n\nChurch Cleaning Rota\n\nVolunteers are needed for the rota.\n",
		want: "Please Pray For | p:Those who are sick: Margaret Ellis, Tom Barker | p:Those who have died: Peter Groves, Joan Whitfield\nChurch Cleaning Rota | p:Volunteers are needed for the rota."},
	{rule: "restated-title", name: "a heading restated by a dated first paragraph starts an item",
		text: "时间银行让服务可存可取\n\n文/社区社工 钱卫东\n\n今年以来，社区推出时间银行。\n\n楼道“微更新”\n\n11月，社区在9栋老楼开展楼道“微更新”，楼道面貌焕然一新。\n",
		want: "时间银行让服务可存可取 (文:钱卫东) | p:今年以来，社区推出时间银行。\n楼道“微更新” () | p:11月，社区在9栋老楼开展楼道“微更新”，楼道面貌焕然一新。"},
	{rule: "end-credit", name: "a credit after the body closes the article",
		text: "我校举行科技节\n\n5月24日，科技节开幕。\n\n（通讯员 程雅琴）\n\n毕业季里的感恩课\n\n六年级各班开展了主题班会。\n\n（通讯员 韦晓东）\n",
		want: "我校举行科技节 (通讯员:程雅琴) | p:5月24日，科技节开幕。\n毕业季里的感恩课 (通讯员:韦晓东) | p:六年级各班开展了主题班会。"},
	{rule: "end-credit", name: "an English credit at the end",
		text: "Beach clean breaks record\n\nA record 84 volunteers turned out.\n\nBy Tom Achterberg\n",
		want: "Beach clean breaks record (By:Tom Achterberg) | p:A record 84 volunteers turned out."},
	{rule: "end-mark", name: "（完） is no paragraph",
		text: "社区开展义诊活动\n\n通讯员 王一\n\n近日，社区开展义诊活动。\n\n（完）\n",
		want: "社区开展义诊活动 (通讯员:王一) | p:近日，社区开展义诊活动。"},
	{rule: "english-kicker", name: "an English deck under the headline",
		text: "New library opens its doors\n\nResidents get a first look at the new building on Station Road\n\nBy Ann Lee\n\nThe library opened on Monday.\n",
		want: "New library opens its doors {New library opens its doors / Residents get a first look at the new building on Station Road} (By:Ann Lee) | p:The library opened on Monday."},
	{rule: "exhortation", name: "an exhortation is a kicker",
		text: "用心守护一方平安\n\n夜巡队员的一天\n\n记者 王一\n\n夜巡开始。\n",
		want: "夜巡队员的一天 {用心守护一方平安 / 夜巡队员的一天} (记者:王一) | p:夜巡开始。"},
	{rule: "jump-marker", name: "a jump marker is no paragraph",
		text: "社区开展义诊活动\n\n通讯员 王一\n\n近日，社区开展义诊活动。\n\n（下转第2版）\n",
		want: "社区开展义诊活动 (通讯员:王一) | p:近日，社区开展义诊活动。"},
	{rule: "kicker-mark", name: "a kicker ending in a colon",
		text: "【河西区民生工程】\n\n老人吃上幸福餐\n\n记者 王一\n\n食堂开业。\n",
		want: "老人吃上幸福餐 {【河西区民生工程】 / 老人吃上幸福餐} (记者:王一) | p:食堂开业。"},
	{rule: "mail-header", name: "a saved message's header is no title",
		text: "Content-Type: text/plain; charset=utf-8\n\n社区开展义诊活动\n\n通讯员 王一\n\n近日，社区开展义诊活动。\n",
		want: "社区开展义诊活动 (通讯员:王一) | p:近日，社区开展义诊活动。"},
	{rule: "name-not-place", name: "a place under the title is no name",
		text: "社区开展义诊活动\n\n通讯员 王一\n\n近日，社区开展义诊活动。\n\n书香满校园\n\n河西区\n\n近日，学校举办读书分享会。\n",
		want: "社区开展义诊活动 (通讯员:王一) | p:近日，社区开展义诊活动。 | s:书香满校园 | s:河西区 | p:近日，学校举办读书分享会。"},
	{rule: "names-before-role", name: "names before a role that credits the names after it",
		text: "社区义诊进楼门\n\n赵一 钱二 本报记者 孙三\n\n义诊开始。\n",
		want: "社区义诊进楼门 (:赵一 :钱二 本报记者:孙三) | p:义诊开始。"},
	{rule: "news-words", name: "news words make the title",
		text: "春暖花开\n\n街道召开会议\n\n记者 王一\n\n会议召开。\n",
		want: "街道召开会议 {春暖花开 / 街道召开会议} (记者:王一) | p:会议召开。"},
	{rule: "no-credits", name: "headings alone start articles",
		opts: Options{NoCredits: true},
		text: "区政府召开常务会议\n\n会议研究部署防汛工作。\n\n全区开展劳动保护检查\n\n共检查用人单位126家。\n",
		want: "区政府召开常务会议 | p:会议研究部署防汛工作。\n全区开展劳动保护检查 | p:共检查用人单位126家。"},
	{rule: "numbering-level", name: "numbered headings below the top level are subheads",
		opts: Options{NoCredits: true},
		text: "一、全区开展劳动保护检查\n\n检查持续一个月。\n\n（一）检查范围\n\n共检查用人单位126家。\n\n二、长洲街道化解矛盾纠纷\n\n化解率达到96.7%。\n",
		want: "一、全区开展劳动保护检查 | p:检查持续一个月。 | s:（一）检查范围 | p:共检查用人单位126家。\n二、长洲街道化解矛盾纠纷 | p:化解率达到96.7%。"},
	{rule: "numbers-inform", name: "figures make the title",
		text: "幸福晚年乐无边\n\n3家食堂迎客来\n\n记者 王一\n\n食堂开业。\n",
		want: "3家食堂迎客来 {幸福晚年乐无边 / 3家食堂迎客来} (记者:王一) | p:食堂开业。"},
	{rule: "organization-credit", name: "a department supplies the article",
		text: "社区开展义诊活动\n\n区委宣传部 供稿\n\n近日，社区开展义诊活动。\n",
		want: "社区开展义诊活动 (供稿:区委宣传部) | p:近日，社区开展义诊活动。"},
	{rule: "page-head", name: "the issue line beside a page number",
		text: "社区开展义诊活动\n\n通讯员 王一\n\n近日，社区开展义诊活动。\n\n- 2 -\n\n坪山社区报 第9期\n\n居民踊跃参加。\n",
		want: "社区开展义诊活动 (通讯员:王一) | p:近日，社区开展义诊活动。 | p:居民踊跃参加。"},
	{rule: "parallel-slogan", name: "two parallel phrases are a kicker",
		text: "政企联手 合作共赢 共谋发展\n\n河西与银行签约\n\n记者 王一\n\n双方签约。\n",
		want: "河西与银行签约 {政企联手 合作共赢 共谋发展 / 河西与银行签约} (记者:王一) | p:双方签约。"},
	{rule: "production-credit", name: "a production credit among other credits is furniture",
		text: "社区开展义诊活动\n\n通讯员 王一\n\n近日，社区开展义诊活动。\n\n摄影 李二 编辑 王五\n",
		want: "社区开展义诊活动 (通讯员:王一) | p:近日，社区开展义诊活动。"},
	{rule: "repeated-subhead", name: "a subhead repeated in place is no running head",
		text: "社区甲开展活动\n\n通讯员 王一\n\n活动开展。\n\n主要做法\n\n做法甲。\n\n社区乙开展活动\n\n通讯员 李二\n\n活动开展。\n\n主要做法\n\n做法乙。\n\n社区丙开展活动\n\n通讯员 张三\n\n活动开展。\n\n主要做法\n\n做法丙。\n",
		want: "社区甲开展活动 (通讯员:王一) | p:活动开展。 | s:主要做法 | p:做法甲。\n社区乙开展活动 (通讯员:李二) | p:活动开展。 | s:主要做法 | p:做法乙。\n社区丙开展活动 (通讯员:张三) | p:活动开展。 | s:主要做法 | p:做法丙。"},
	{rule: "salutation", name: "a salutation is a paragraph of its own",
		text: "A busy spring\n\nBy Daniel Whitcombe\n\nDear neighbours,\n\nIt has been a busy spring.\n",
		want: "A busy spring (By:Daniel Whitcombe) | p:Dear neighbours, | p:It has been a busy spring."},
	{rule: "second-credit", name: "a second credit line under the first",
		text: "社区开展义诊活动\n\n通讯员 王一\n\n摄影 李二\n\n近日，社区开展义诊活动。\n",
		want: "社区开展义诊活动 (通讯员:王一 摄影:李二) | p:近日，社区开展义诊活动。"},
	{rule: "signature", name: "a signature with a post closes an English article",
		text: "Sea wall repairs to start\n\nRepairs will begin on 9 September.\n\n— Margaret Oduya, Secretary\n\nBeach clean breaks record\n\nA record 84 volunteers turned out.\n\nDaniel Whitcombe, Chair\n",
		want: "Sea wall repairs to start (:Margaret Oduya) | p:Repairs will begin on 9 September.\nBeach clean breaks record (:Daniel Whitcombe) | p:A record 84 volunteers turned out."},
	{rule: "subject-first", name: "a title names who acted",
		text: "凝心聚力谋发展实干担当开新局\n\n河西区召开工作会议\n\n记者 王一\n\n会议召开。\n",
		want: "河西区召开工作会议 {凝心聚力谋发展实干担当开新局 / 河西区召开工作会议} (记者:王一) | p:会议召开。"},
	{rule: "subtitle-mark", name: "a dash opens the subtitle",
		text: "小站稻\n\n——津南区打造优质稻米品牌纪实\n\n记者 王一\n\n小站稻是金名片。\n",
		want: "小站稻 {小站稻 / ——津南区打造优质稻米品牌纪实} (记者:王一) | p:小站稻是金名片。"},
	{rule: "uncredited-article", name: "an article with only an end credit after a credited one",
		text: "河东区召开供热会议\n\n记者 曹颖\n\n会议召开。\n\n二号桥街道开展敲门行动\n\n网格员逐户走访。\n\n（通讯员 尹嘉）\n",
		want: "河东区召开供热会议 (记者:曹颖) | p:会议召开。\n二号桥街道开展敲门行动 (通讯员:尹嘉) | p:网格员逐户走访。"},
	{rule: "uncredited-article", name: "an end-credited article between credited ones",
		text: "河东区召开供热会议\n\n记者 曹颖\n\n会议召开。\n\n二号桥街道开展敲门行动\n\n网格员逐户走访。\n\n（通讯员 尹嘉）\n\n镇村干部夜访听民声\n\n干部走访农户。\n\n（记者 戴静）\n",
		want: "河东区召开供热会议 (记者:曹颖) | p:会议召开。\n二号桥街道开展敲门行动 (通讯员:尹嘉) | p:网格员逐户走访。\n镇村干部夜访听民声 (记者:戴静) | p:干部走访农户。"},
	{rule: "uncredited-article", name: "a letter after a By-lined article",
		text: "Car park charges frozen\n\nBy Daniel Okafor\n\nThe council agreed to keep the charges.\n\nSpeeding on Mill Road\n\nTraffic is faster than ever.\n\nGordon Pike, Chair\n\nThank you, library volunteers\n\nMy thanks to the volunteers.\n\n— Jane Abernethy\n",
		want: "Car park charges frozen (By:Daniel Okafor) | p:The council agreed to keep the charges.\nSpeeding on Mill Road (:Gordon Pike) | p:Traffic is faster than ever.\nThank you, library volunteers (:Jane Abernethy) | p:My thanks to the volunteers."},
	{rule: "uncredited-article", name: "the paper an article is taken from names no author",
		text: "河东区召开供热会议\n\n记者 曹颖\n\n会议召开。\n\n加强巡查\n\n各单位加强巡查。\n\n来源：天津日报\n",
		want: "河东区召开供热会议 (记者:曹颖 来源:天津日报) | p:会议召开。 | s:加强巡查 | p:各单位加强巡查。"},
	{rule: "unconfigured-banner", name: "more short lines than headings make a banner",
		text: "社区开展义诊活动\n\n通讯员 王一\n\n近日，社区开展义诊活动。\n\n城市更新\n\n品质提升\n\n聚焦主业\n\n东丽区召开分析会\n\n记者 李二\n\n会议召开。\n",
		want: "社区开展义诊活动 (通讯员:王一) | p:近日，社区开展义诊活动。\n[城市更新 品质提升] 东丽区召开分析会 {聚焦主业 / 东丽区召开分析会} (记者:李二) | p:会议召开。"},
	{rule: "utf16-no-bom", name: "UTF-16 without a byte order mark is named, not called binary",
		text: utf16leNoBOM("社区开展义诊活动\n\n通讯员 王一\n\n近日，社区开展义诊活动。\n"),
		want: "error: text in UTF-16 (little-endian) without a byte order mark"},
	{rule: "vocabulary", name: "a publication's own role",
		opts: Options{Vocabulary: DefaultVocabulary().With(Vocabulary{Roles: []string{"小记者"}})},
		text: "书香满校园\n\n小记者 王一\n\n近日，学校举办读书分享会。\n",
		want: "书香满校园 (小记者:王一) | p:近日，学校举办读书分享会。"},
	// Rules older than the vocabulary.
	{rule: "abbreviation", name: "a line that stops on an abbreviation goes on",
		text: "Harvest festival\n\nBy Ann Lee\n\nThe service will be led by Rev.\n\nJohn Smith, our new curate.\n",
		want: "Harvest festival (By:Ann Lee) | p:The service will be led by Rev. John Smith, our new curate."},
	{rule: "credit-date", name: "a date after the credit is no name",
		text: "社区开展义诊活动\n\n通讯员 赵钰真 2023年4月20日\n\n近日，社区开展义诊活动。\n",
		want: "社区开展义诊活动 (通讯员:赵钰真) | p:近日，社区开展义诊活动。"},
	{rule: "credit-trailer", name: "报道 after the names credits no one",
		text: "社区开展义诊活动\n\n本报记者 王一 报道\n\n近日，社区开展义诊活动。\n",
		want: "社区开展义诊活动 (本报记者:王一) | p:近日，社区开展义诊活动。"},
	{rule: "full-line", name: "a full line of print that ends on a full stop goes on",
		text: "社区开展义诊活动\n通讯员 王一\n近日，东丽区华明街道组织开展大型义诊活动。\n区人民医院的医生为居民测量血压和血糖，并\n耐心解答居民提出的各种健康问题，现场气氛\n十分热烈。活动共服务居民三百余人次，发放\n健康手册五百余份，受到居民的广泛好评和欢\n迎。街道将把义诊活动常态化，每月组织一次。\n",
		want: "社区开展义诊活动 (通讯员:王一) | p:近日，东丽区华明街道组织开展大型义诊活动。区人民医院的医生为居民测量血压和血糖，并耐心解答居民提出的各种健康问题，现场气氛十分热烈。活动共服务居民三百余人次，发放健康手册五百余份，受到居民的广泛好评和欢迎。街道将把义诊活动常态化，每月组织一次。"},
	{rule: "function-word", name: "an English fragment cut at a page break is no subhead",
		text: "Budget agreed\n\nBy Ann Lee\n\nThe precept rose.\n\nThe council met on\n\nTuesday to agree it.\n",
		want: "Budget agreed (By:Ann Lee) | p:The precept rose. | p:The council met on Tuesday to agree it."},
	{rule: "hyphen", name: "a word hyphenated at a break loses its hyphen",
		text: "Bell tower\n\nBy Ann Lee\n\nRepairs follow a long cam-\n\npaign by the parish.\n",
		want: "Bell tower (By:Ann Lee) | p:Repairs follow a long campaign by the parish."},
	{rule: "indents", name: "an indent starts a paragraph though the one before is open",
		text: "社区开展义诊活动\n通讯员 王一\n  近日，东丽区华明街道组织开展大型义诊活动，\n区人民医院的医生为居民测量血压和血糖并解答\n健康问题，具体安排如下\n  上午在社区服务中心为老年人测量血压血糖，\n下午走进小区为行动不便的老人上门提供服务，\n共服务居民三百余人次。\n",
		want: "社区开展义诊活动 (通讯员:王一) | p:近日，东丽区华明街道组织开展大型义诊活动，区人民医院的医生为居民测量血压和血糖并解答健康问题，具体安排如下 | p:上午在社区服务中心为老年人测量血压血糖，下午走进小区为行动不便的老人上门提供服务，共服务居民三百余人次。"},
	{rule: "job-title", name: "a post after the name is no second person",
		text: "New rota\n\nBy Jane Doe, Parish Secretary\n\nThe rota is out.\n",
		want: "New rota (By:Jane Doe) | p:The rota is out."},
	{rule: "list-item", name: "bulleted items are paragraphs of their own",
		text: "Summer camp\n\nBy Ann Lee\n\nPlease bring:\n\n- a packed lunch\n\n- waterproofs\n",
		want: "Summer camp (By:Ann Lee) | p:Please bring: | p:- a packed lunch | p:- waterproofs"},
	{rule: "masthead", name: "the issue line is no heading",
		text: "2024年第5期（总第231期）\n\n河西区召开推进会\n\n通讯员 赵钰真\n\n日前，推进会召开。\n",
		want: "河西区召开推进会 (通讯员:赵钰真) | p:日前，推进会召开。"},
	{rule: "numbered-subhead", name: "a numbered subhead may hold a comma",
		text: "河西区部署安全生产工作\n\n通讯员 王一\n\n会议召开。\n\n一、坚持高位推动，压实工作责任\n\n各部门要层层压实责任。\n",
		want: "河西区部署安全生产工作 (通讯员:王一) | p:会议召开。 | s:一、坚持高位推动，压实工作责任 | p:各部门要层层压实责任。"},
	{rule: "page-number", name: "a page number inside a sentence",
		text: "社区开展义诊活动\n\n通讯员 王一\n\n近日，社区开展\n\n- 2 -\n\n义诊活动。\n",
		want: "社区开展义诊活动 (通讯员:王一) | p:近日，社区开展义诊活动。"},
	{rule: "running-header", name: "a running head with its page number",
		text: "社区开展义诊活动\n\n通讯员 王一\n\n近日，社区开展义诊活动。\n\n河西通讯·第2版\n\n居民踊跃参加。\n\n河西通讯·第3版\n\n活动持续一天。\n",
		want: "社区开展义诊活动 (通讯员:王一) | p:近日，社区开展义诊活动。 | p:居民踊跃参加。 | p:活动持续一天。"},
	{rule: "short-heading-line", name: "a short line after a full one that ends a sentence",
		text: "交道口街道开展安全生产大检查\n通讯员 王一\n　　为切实做好夏季安全生产工作，交道口街道从\n7月1日起开展为期一个月的安全生产大检查，由\n街道主要负责同志带队，深入辖区各类场所查找\n隐患，确保安全生产形势持续稳定，不出问题。\n（1）检查内容\n　　重点检查辖区餐饮场所燃气使用、电动自行车\n充电、老旧小区消防通道等情况，对发现的问题建\n立台账，逐项整改销号。\n",
		want: "交道口街道开展安全生产大检查 (通讯员:王一) | p:为切实做好夏季安全生产工作，交道口街道从7月1日起开展为期一个月的安全生产大检查，由街道主要负责同志带队，深入辖区各类场所查找隐患，确保安全生产形势持续稳定，不出问题。 | s:（1）检查内容 | p:重点检查辖区餐饮场所燃气使用、电动自行车充电、老旧小区消防通道等情况，对发现的问题建立台账，逐项整改销号。"},
	{rule: "colophon-suffix", name: "the issuing body and its label",
		text: "社区开展义诊活动\n\n通讯员 王一\n\n近日，社区开展义诊活动。\n\n（东城区民政局 编）\n",
		want: "社区开展义诊活动 (通讯员:王一) | p:近日，社区开展义诊活动。"},
	{rule: "subhead", name: "a short line before a fresh paragraph",
		text: "河西区推动科技创新\n\n通讯员 王一\n\n会议召开。\n\n打造“陈塘科创园”项目\n\n科创园建设加快推进。\n",
		want: "河西区推动科技创新 (通讯员:王一) | p:会议召开。 | s:打造“陈塘科创园”项目 | p:科创园建设加快推进。"},
}

func utf16leNoBOM(s string) string {
	var b []byte
	for _, r := range s {
		b = append(b, byte(r), byte(r>>8))
	}
	return string(b)
}

// summary writes a parse in one line an article: "[section] title
// {headings} (role:name …) | p:paragraph | s:subhead". The headings are
// shown only when there are several, the bylines only when some are
// expected (Options.NoCredits leaves them out).
func summary(iss *bulletinfeed.Issue, credits bool) string {
	var out []string
	for _, a := range iss.Articles {
		var b strings.Builder
		if a.Section != "" {
			fmt.Fprintf(&b, "[%s] ", a.Section)
		}
		b.WriteString(a.Title)
		if len(a.Headings) > 1 {
			fmt.Fprintf(&b, " {%s}", strings.Join(a.Headings, " / "))
		}
		if credits || len(a.Bylines) > 0 {
			var bs []string
			for _, by := range a.Bylines {
				bs = append(bs, by.Role+":"+by.Name)
			}
			fmt.Fprintf(&b, " (%s)", strings.Join(bs, " "))
		}
		for _, bl := range a.Blocks {
			fmt.Fprintf(&b, " | %s:%s", string(bl.Kind)[:1], bl.Text)
		}
		out = append(out, b.String())
	}
	return strings.Join(out, "\n")
}

// TestRules parses each rule's minimal issue.
func TestRules(t *testing.T) {
	for _, tc := range ruleCases {
		t.Run(tc.rule+"/"+tc.name, func(t *testing.T) {
			iss, err := Parse(context.Background(), bytes.NewReader([]byte(tc.text)), "rule.txt", tc.opts)
			var got string
			if err != nil {
				var pe *ParseError
				if !errors.As(err, &pe) {
					t.Fatalf("error %v is no ParseError", err)
				}
				got = "error: " + pe.Err.Error()
				if strings.HasPrefix(got, tc.want) {
					got = tc.want
				}
			} else {
				got = summary(iss, !tc.opts.NoCredits)
			}
			if got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

// TestEveryRuleHasACase: a rule that ablate-rules.sh can switch off has a
// minimal case above.
func TestEveryRuleHasACase(t *testing.T) {
	for _, r := range ruleNames {
		if !slices.ContainsFunc(ruleCases, func(c ruleCase) bool { return c.rule == r }) {
			t.Errorf("rule %q has no case in ruleCases", r)
		}
	}
}
