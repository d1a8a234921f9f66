package source_test

// ownBulletins are bulletins we wrote to look like real ones, each with its
// expected parse in NAME.gold.json, reviewed by hand:
//
//   - jinnan-2024-03: a district bulletin with a masthead and table of
//     contents, 本报记者/全媒体记者/见习记者 credits, two credit lines, a
//     kicker-title-subtitle head, subheads, page numbers, a running header,
//     jump markers across a page break, a dateline credit, 责任编辑 and
//     （完）, and a paragraph cut mid-word at a page break.
//   - stmarys-2024-spring: an English parish newsletter with header lines,
//     hard-wrapped lines, words hyphenated at line ends, "By A and B",
//     "Photos by", "Story and photos by", subheads and "Page 2 of 4" in the
//     middle of a sentence.
//   - school-2023-11: a school paper extracted with its print line breaks
//     (no blank lines, indented paragraph starts, a line that ends on a
//     full stop inside a paragraph) and no banner configured;
//     the .gb18030 copy is the same text in GB18030 with CRLF line ends.
//   - dongli-2024-07: an article with no credit line but a dateline
//     (本报讯（记者 …）) under a kicker, title and dash subtitle; a list of
//     paragraphs ending in semicolons; a credit of a bare name; the section
//     banner repeated as a running head inside an article; several roles
//     and names on one credit line; the page's editor credits at the end.
//   - beichen-2024-09: print line breaks kept, paragraphs set apart by
//     blank lines, lines that end on a full stop inside a paragraph, and a
//     page break with a page number inside a sentence.
//   - pingshan-2024-05: decks under titles (one ending in 。, one with
//     ；), names before a role on one credit line (刘晓燕 郑凯 本报记者
//     孙一鸣), a photo credit alone between two articles of one banner, a
//     running head printed once beside a page number inside an article.
//   - xiqing-2024-10 (CRLF): a deck without a full stop and one ending in
//     。 after a figure, names before a trailing role (李文博 陈思 文/图)
//     and before 全媒体记者, a photo caption and its credit between two
//     articles of one banner, 本报讯-less bodies and （完）.
//   - lanxi-2024-06 (GB18030, CRLF): a school paper whose articles carry
//     their credits at the end: （通讯员 …）, bare names in brackets,
//     （作者单位：…）, 文/ with the writer's class; a dash subtitle.
//   - hedong-2024-11: credited articles and articles closed by an end
//     credit in one issue, with a page number between them.
//   - harbourside-2024-summer: an English newsletter with end credits
//     (— Name, Post; By Name; Name, Chair), a letter whose only heading is
//     its banner, a salutation and "Page 2 of 2".
//   - huangpu-jianbao-2024-08 (no credits): a 工作简报 whose articles are
//     numbered 一、二、三、 with （一） subheads inside, a spaced-out
//     masthead and 报送/抄送 lines.
//   - xinhe-2024-03 (no credits): unnumbered titles, one with a deck, the
//     same numbered subheads in every article (not running heads), a page
//     break with a form feed inside a sentence.
//   - dongcheng-2024-07 (no credits): print line breaks kept, paragraphs
//     indented with full-width spaces, titles numbered 1. 2. 3. with
//     （1） subheads not indented after a full line, the issuing body's
//     sign-off （东城区民政局 编）.
//   - millbrook-council-2024-04 (no credits): an English council
//     bulletin, "Page 1 of 2" between articles, a clerk's contact line.
//   - qingshi-zhenbao-2024-10: a town paper with a kicker, title and deck,
//     names before 本报记者, end credits in brackets on articles between
//     credited ones, an article whose short first paragraph opens with the
//     time (晚上7点，…), 文/ with （作者单位：…） at the end.
//   - jclg-xiaobao-2024-11: a university paper with 本报讯 datelines, 图/文
//     before the writer's title, units between 文/ and the name (文/图书馆,
//     文/2022级汉语言文学), a caption with its photo credit on one line, and
//     a banner with a page number (第2版 校园新闻).
//   - binjiang-zzb-2024-09 (no credits): a 组织工作简报 with 【】 banners,
//     articles numbered 一、 in one section and unnumbered ones, with 一、
//     subheads, in the other, short first paragraphs that open with a date
//     or a purpose, and the print run （共印80份）.
//   - ashcombe-gazette-2024-autumn: an English council gazette with print
//     line breaks, "By Name, Post", letters after a By-lined report signed
//     with a street or with "— Mrs J. Abernethy", a bulleted notice list
//     after a page number, and the imprint as a sentence.
//   - holytrinity-2024-10-13 (no credits): an English parish notice sheet
//     with a dated masthead, print line breaks, lists one item to a line
//     (readings, names after a colon, service times under their heading),
//     a headline ending on "For" and contact lines at the foot.
//   - xingfuli-2024-04 (GB18030, CRLF): a community bulletin with print line
//     breaks and indented paragraphs, the imprint with a date in the
//     masthead, （网格员 …） at an article's end, 文/社区社工 before the
//     name, a short item without a credit after a credited article, page
//     numbers and running heads inside sentences, a hotline at the foot.
//   - taoyuan-cunwu-2024-05 (GB18030, CRLF): a village bulletin with
//     print line breaks and indented paragraphs, page numbers inside
//     sentences, names after their unit in brackets （村监委会 …）, 文/
//     with a post, a notice signed by the village committee over its date
//     and a duty telephone at the foot.
//   - lindengrove-messenger-2024-11: an English church magazine whose
//     editor's letter has no title of its own and is signed with a name
//     alone before a banner, By-lined reports and a list of services
//     under its heading after the last report.
//   - huayuan-neikan-2024-10: a company magazine with 本刊讯 bodies, a
//     line of bare names and 记者 … 通讯员 … under titles, an article
//     under a banner closed by names after their unit in brackets, and
//     文/unit name credits at the end of essays.
//   - nanhu-fayuan-jianbao-2024-09 (no credits): a court's 工作简报 with
//     【】 banners, a body's name glued to 供稿 at articles' ends, a
//     report whose parts are numbered 一、 under an unnumbered title, and
//     报送/抄送 with the print run.
//   - willowlane-2024-06-14 (no credits): an English primary school
//     newsletter with the headteacher's letter signed with name and post
//     on two lines after "With best wishes,", class news with Year 1 /
//     Year 3 / Year 5 subheads, a sentence ending in a.m. before a heading,
//     a list of dates and an address line with Tel and e-mail.
//   - nanhu-yuanbao-2024-08: a hospital paper with 科室 banners, a title
//     over a deck listing what the story tells, an end credit after a
//     department's profile, a health column without credits, and photo
//     news under its banner: titles over captions with 摄影 credits.
//   - qiaoxi-jiedao-2024-12 (no credits): a street office's 工作简讯 with
//     【】 banners, titles joined to their first paragraph, （安监办供稿）
//     and names after their community in brackets closing articles, and
//     an article after such a credit.
//   - elmfield-ra-2024-09 and kingsmead-cc-2024-10: English newsletters
//     whose chair's letter is signed after "Yours," or "Best wishes," with
//     name and post on two lines, By-lined reports, a notice without a
//     credit after the last report, a list of dates and an address line.
//
// The bulletins of publications without credits are in testdata/nocredits:
// with the default options they hold no article, and cmd's tests ingest
// every testdata/*.txt with the defaults.
var ownBulletins = []bulletinCase{
	{file: "pingshan-2024-05.txt", banners: []string{"民生实事", "文化广场"}},
	{file: "xiqing-2024-10.txt", banners: []string{"西青视点", "镇街传真"}},
	{file: "lanxi-2024-06.gb18030.txt", banners: []string{"校园动态", "教师园地"}},
	{file: "hedong-2024-11.txt"},
	{file: "harbourside-2024-summer.txt", banners: []string{"Around the Harbour", "From the Chair"}},
	{file: "nocredits/huangpu-jianbao-2024-08.txt", noCredits: true},
	{file: "nocredits/xinhe-2024-03.txt", noCredits: true},
	{file: "nocredits/millbrook-council-2024-04.txt", noCredits: true},
	{file: "nocredits/dongcheng-2024-07.txt", noCredits: true},
	{file: "beichen-2024-09.txt"},
	{file: "dongli-2024-07.txt", banners: []string{"城市更新 品质提升", "乡村振兴在行动"}},
	{file: "jinnan-2024-03.txt", banners: []string{"乡村振兴 绿色发展", "我为群众办实事"}},
	{file: "stmarys-2024-spring.txt", banners: []string{"From the Rectory", "Parish News"}},
	{file: "school-2023-11.txt"},
	{file: "school-2023-11.gb18030.txt"},
	{file: "qingshi-zhenbao-2024-10.txt", banners: []string{"要闻", "民生"}},
	{file: "ashcombe-gazette-2024-autumn.txt", banners: []string{"Mayor's Column", "Council News", "Letters"}},
	{file: "xingfuli-2024-04.gb18030.txt", banners: []string{"社区要闻", "邻里互助"}},
	{file: "jclg-xiaobao-2024-11.txt", banners: []string{"第2版 校园新闻", "副刊·随笔"}},
	{file: "nocredits/holytrinity-2024-10-13.txt", noCredits: true},
	{file: "nocredits/binjiang-zzb-2024-09.txt", noCredits: true, banners: []string{"【工作动态】", "【基层交流】"}},
	{file: "taoyuan-cunwu-2024-05.gb18030.txt", banners: []string{"村务公开", "乡风文明", "通知"}},
	{file: "lindengrove-messenger-2024-11.txt", banners: []string{"Church News", "Community"}},
	{file: "huayuan-neikan-2024-10.txt", banners: []string{"要闻", "基层动态", "员工风采"}},
	{file: "nocredits/nanhu-fayuan-jianbao-2024-09.txt", noCredits: true, banners: []string{"【工作动态】", "【审判实践】", "【调研信息】"}},
	{file: "nocredits/willowlane-2024-06-14.txt", noCredits: true},
	{file: "nocredits/qiaoxi-jiedao-2024-12.txt", noCredits: true, banners: []string{"【重点工作】", "【社区动态】"}},
	{file: "elmfield-ra-2024-09.txt", banners: []string{"Around Elmfield"}},
	{file: "kingsmead-cc-2024-10.txt", banners: []string{"Match Reports"}},
	{file: "nanhu-yuanbao-2024-08.txt", banners: []string{"院务动态", "科室风采", "健康科普", "图片新闻"}},
}
