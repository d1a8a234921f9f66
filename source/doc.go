// Package source reads the text of a bulletin issue, as it comes out of the
// print PDF, and parses it into articles.
//
// # Encoding and lines
//
// The bytes may be UTF-8 (with or without a byte order mark), UTF-16 with
// a byte order mark, or GB18030/GBK; which one is detected, never asked
// for. UTF-16 without the mark is recognised and refused with a message
// that says so (its byte order would be a guess). Header
// lines of a saved e-mail (Content-Type: …) above the issue are dropped.
// Line ends may be LF, CRLF or CR; a form feed is a line break. Each line is
// trimmed and its spaces folded (full-width and no-break spaces included).
//
// # Header lines
//
// The file may start with header lines, which are removed:
//
//	Title: St Mary's Parish Bulletin      标题：河西通讯
//	Issue: 2024-spring                     期号：第15期
//	Date: 2024-03-17                       日期：2023-04-20
//
// Without them the issue key is the file's base name and the date is the
// first date in it (hexi-2023-04.txt: 1 April 2023).
//
// # Articles
//
// An article starts with one to three heading lines (kicker, title,
// subtitle) followed by a credit line:
//
//	水清岸绿河畅景美
//	河西区持续改善区域水环境质量
//	通讯员 许浩然
//
// Credit titles are read as a family: a core role (记者, 通讯员, 摄影,
// 实习生, 文, 图, 文/图 …) with any prefix naming a paper or a rank
// (本报记者, 全媒体记者, 天津日报记者, 见习记者); several roles and names on
// one line (通讯员 张媛芮 摄影 冯荔, 记者 王一 李二) give one byline per name.
// English credits read "By A", "By A, B and C", "Photos by A", "Story and
// photos by A". A line of bare names under the headings credits them with an
// empty role. An article with no credit line may start with a dateline
// paragraph (本报讯（记者 王一）…), which stays in the text as printed.
//
// Names before a role credit no role when the role has names of its own
// (赵一 钱二 本报记者 孙三: two names without a role, then 孙三), and take
// the role when it ends the line (张三 李四 文/图, 王一 摄). A writer's unit
// may stand between role and name (文/四年级（2）班 方若溪, 文/图书馆 龚雨桐,
// 文/社区社工 钱卫东, 文/2022级汉语言文学 苗苗): a body, a year or words
// that open with no surname, before a name. A short role over a title
// makes one role of both (图/文 学生记者 邹可欣).
//
// A deck, a sentence summarising the story, may stand between the title
// and the credit line, even with a full stop at its end:
//
//	社区义诊进楼门
//	50余名医生走进12个小区，为老人测血压、查血糖。
//	记者 王一
//
// Of two heading lines the title is the more informative: a slogan-like
// kicker stands over the title, a title over its subtitle or its deck
// (a line listing what the story tells: 智慧病房上线运行 / 患者在床旁就能查
// 费用、看报告、呼叫护士). Of three, the middle one.
//
// Where no credit line follows, a deck needs to look like one: joined to
// its title, a summary without a full stop, or a sentence over a paragraph
// that opens the story. A line that opens like a news report's first
// sentence (9月12日，…, 晚上7点，…, 为方便群众就医，…) is the first
// paragraph, however short.
//
// # Credits at the end
//
// An article may carry its credit as its last line instead, with none
// under the title:
//
//	我校举行第十二届科技节
//	5月24日，我校第十二届科技节在体育馆开幕。……
//	（通讯员 程雅琴）
//
// Credit lines, bare names in brackets (（韦晓东 褚佳宁）), names after a
// post in brackets (（网格员 马丽）), names after their unit or place in
// brackets, credited with no role (（二分厂 潘晓东 邹婷）, （南苑社区
// 贺丽娟）), a body's name glued to its role (（执行局供稿）), （作者单位：…）,
// "By Jane Doe" and signatures ("— Jane Doe", "Jane Doe, Chair", a letter's
// "Gordon Pike, Fernleigh Close", the name over its post on two lines
// after a complimentary close, "With best wishes, / Mrs Helen Carter /
// Headteacher", a name alone before a banner or the end) close
// the article when the next article's headings or the end of the text
// follow them; the headings after such a credit start the next article,
// also after a credited article (letters after a By-lined report).
// Imprints ("The Gazette is published by …", （共印80份）) are colophon.
// A heading inside a credited article's body whose next paragraph opens
// with a date and restates it starts a short item without a credit:
//
//	楼道“微更新”
//	11月，社区在9栋老楼开展楼道“微更新”，……
//
// So does an English heading there whose one paragraph, the last text
// before the next article, names what it does (Awards Night / The club
// awards night is on Friday …): a notice, which a subhead would not end.
//
// A photo credit alone between two articles (摄影 张三), after its caption
// or not, is the upper one's.
//
// # Publications without credits
//
// Where Options.NoCredits says a publication prints no credits, a heading
// set apart from the text before it (after a line that ends a sentence,
// short, not ending as a sentence does, followed by paragraphs) starts an
// article. Numbered headings start articles at the top level of
// numbering, set by the first article's title (一、 or 1. or none), and
// are subheads below it; a configured banner starts the numbering afresh.
// An end credit （南苑社区 贺丽娟 冯涛） is no heading: the headings after
// it start the next article.
// A numbered line right under an unnumbered title (关于…的调研报告 /
// 一、基本情况) is the first part's subhead, not a second heading line:
//
//	一、区政府召开第36次常务会议
//	……
//	二、全区开展高温天气劳动保护专项检查
//	……
//	（一）检查范围
//
// # Words
//
// Every word the rules look for (credit roles, news agencies, colophon
// labels, place suffixes, month names, end marks …) is in one Vocabulary
// (vocab.go); a publication adds its own with DefaultVocabulary().With.
//
// # Body
//
// A paragraph that stops where no sentence can stop continued after a page
// or column break: its halves are joined, Chinese with nothing between them,
// English with a space, and a word hyphenated at the break loses the hyphen.
// So do the halves of a sentence cut by a page break where paragraphs
// start indented and the extraction indented the second half.
// An English list printed one item to a line without bullets, set apart
// by blank lines (readings, names after a colon, service times), keeps
// each item a paragraph of its own, and none is taken for a heading:
//
//	Amos 5.6-7, 10-15
//	Hebrews 4.12-end
//
// Such a list under a heading set apart after a whole sentence, ending a
// credited article's text (Services in November / Sunday 3rd – …), is a
// box of its own, not the article's last part.
//
// A notice's sign-off, the issuing body over the date alone on its line
// (桃源村村民委员会 / 2024年5月8日), stays two paragraphs, not subheads.
//
// A short line with no sentence punctuation, followed by text that starts
// afresh, is a subhead:
//
//	打造“陈塘科创园”项目
//
// Short headings that differ only in a number, each over its paragraphs
// (Year 1, Year 3, Year 5), are the subheads of one article, not running
// heads and, without credits, no articles of their own.
//
// # Sections and furniture
//
// A configured banner (Options.Banners) standing right before an article's
// headings starts a section that lasts until the next banner. Headings
// after a configured banner start an article, though no credit line
// follows them and the text before the banner does not end a sentence;
// the banner of the section in force, printed again, is a running head. Without
// configured banners, a banner is recognised only where more short lines
// stand before a credit line than an article's headings can be. Page
// numbers (- 3 -, 第3版, Page 2 of 4), running headers, jump markers
// （下转第2版）, the masthead (also a line with the number, publisher and
// date: 2024年第2期 桃源村村民委员会编印 2024年5月10日), a table of contents, end marks （完） and the
// colophon (主办：…, 责任编辑：…, 社区服务热线：…, "Vicar: … · Tel 01225
// 555 014", an address in parts with "Tel …" or an e-mail address,
// 村委会值班电话：…, the address in parts on the line over such a contact
// line) belong
// to no article and are dropped.
//
// # PDF
//
// A file that starts with %PDF- is a print PDF. Its text layer is read by
// poppler's pdftohtml -xml (see PDFExtractor): runs of text with their
// boxes and fonts. The reading order comes from the geometry: the columns
// of each page are read left to right (text beside the body columns, a
// sidebar, is a column of its own), text over several columns cuts the
// page into bands, running heads and page numbers are dropped, and a row
// of narrow cells on one baseline is a table, left out. A paragraph starts
// at an indent, after a larger gap, at a bullet or after a short line that
// ends a sentence, and goes on over column and page breaks; lines of one
// larger size without a gap are one heading. Full-width digits and Latin
// letters are folded to ASCII; punctuation is kept. A PDF without a text
// layer (a scan) is refused: there is no OCR.
//
// The articles of a PDF are then found twice: by the credit rules above on
// the recovered text, and by the type (pdfstyle.go, pdfarticles.go): the
// body style is the size and weight of most characters; a short line set
// larger is a heading and a run of them starts an article, a bold line in
// the body's size is a subhead (or, where nothing is larger, a heading),
// small print is a caption; the cover's nameplate and date, contents
// boxes, pull quotes and headings repeated on most pages are furniture, and
// a heading repeated on a few pages is a section banner. Credits count
// wherever they stand: under the headings in any size, inside a heading
// (… by Jane Doe), or signing the end. The credit reading is kept where
// most of its articles carry credits and the type finds no more articles;
// the typographic one otherwise, with one article per page as the last
// fallback.
//
// # Pictures
//
// With Options.Pictures, a PDF's photographs come with their articles
// (pdfpictures.go, pdfcaptions.go, pdfpictureplace.go): masks, icons,
// ornaments, whole pages, backgrounds, logos repeated on several pages and
// the cover's masthead art are left out; a caption is a line touching the
// picture that is set or worded as one; a picture goes to the article
// whose text stands over and under it, else beside it, else nearest. A
// text issue names a picture file beside it on a line of its own:
//
//	[Photo: fair.jpg The fair on the green]
//	[图：gongyuan.jpg 图为新建成的口袋公园]
//
// and the picture goes to the article the line stands in, after the
// paragraphs before it (textpictures.go).
//
// # Marked text
//
// What bulletinfeed extract prints of a PDF is marked text, which says
// its articles outright and parses back to the same articles, so that a
// corrected copy is read as corrected: "## Banner" opens a section ("##"
// alone closes it), "# Title" and "#- other heading" lines head an
// article, "@ Role: Name" (or "@ Name") credits it, "### Subhead" is a
// subhead, and any other line is a paragraph ("\" before one that would
// start with # or @). A text is marked when its first line after the
// header lines is such a heading or section line (marked.go).
//
// It imports the domain (the root package) and source/poppler, which runs
// poppler's programs for PDF input (the one external dependency, kept in
// a package of its own); never store, feed or worker.
package source
