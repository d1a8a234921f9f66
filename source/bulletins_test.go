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
var ownBulletins = []bulletinCase{
	{file: "beichen-2024-09.txt"},
	{file: "dongli-2024-07.txt", banners: []string{"城市更新 品质提升", "乡村振兴在行动"}},
	{file: "jinnan-2024-03.txt", banners: []string{"乡村振兴 绿色发展", "我为群众办实事"}},
	{file: "stmarys-2024-spring.txt", banners: []string{"From the Rectory", "Parish News"}},
	{file: "school-2023-11.txt"},
	{file: "school-2023-11.gb18030.txt"},
}
