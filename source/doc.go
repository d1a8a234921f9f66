// Package source reads the text of a bulletin issue, as it comes out of the
// print PDF, and parses it into articles.
//
// # Encoding and lines
//
// The bytes may be UTF-8 (with or without a byte order mark), UTF-16 with a
// byte order mark, or GB18030/GBK; which one is detected, never asked for.
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
// Of two heading lines the title is the more informative: a slogan-like
// kicker stands over the title, a title over its subtitle. Of three, the
// middle one.
//
// # Body
//
// A paragraph that stops where no sentence can stop continued after a page
// or column break: its halves are joined, Chinese with nothing between them,
// English with a space, and a word hyphenated at the break loses the hyphen.
// A short line with no sentence punctuation, followed by text that starts
// afresh, is a subhead:
//
//	打造“陈塘科创园”项目
//
// # Sections and furniture
//
// A configured banner (Options.Banners) standing right before an article's
// headings starts a section that lasts until the next banner. Without
// configured banners, a banner is recognised only where more short lines
// stand before a credit line than an article's headings can be. Page
// numbers (- 3 -, 第3版, Page 2 of 4), running headers, jump markers
// （下转第2版）, the masthead, a table of contents, end marks （完） and the
// colophon (主办：…, 责任编辑：…) belong to no article and are dropped.
//
// # PDF
//
// A file that starts with %PDF- is a print PDF. Its text layer is read by
// poppler's pdftotext -bbox-layout (see PDFExtractor), and the reading
// order comes from the geometry: the columns of each page are read left
// to right, text over several columns cuts the page into bands, running
// heads and page numbers (text repeated at the same place on most pages,
// - 3 -, Page 2) are dropped. A paragraph starts at an indent, after a
// larger gap or after a short line that ends a sentence, and goes on over
// column and page breaks; lines of one larger size without a gap are one
// heading, joined by a space where the first line stopped short of the
// column's edge. The recovered text, one heading or paragraph to a line
// (bulletinfeed extract prints it), is then parsed as above. Full-width
// digits and Latin letters are folded to ASCII; punctuation is kept. A PDF
// without a text layer (a scan) is refused: there is no OCR.
package source
