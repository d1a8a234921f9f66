package source

import "strings"

// noArticleError is the error of an issue in which no article was found.
// It names the fix the evidence points to: an issue whose articles appear
// once heading-shaped lines start them (a publication that prints no
// credit lines) is told of --no-credits, and a PDF says what was tried.
func noArticleError(name string, lines []line, lx *lexicon, banners *bannerSet, opts Options, pdf *PDFText) error {
	const rule = "an article starts with one to three heading lines followed by a credit line such as \"通讯员 王一\" or \"By Jane Doe\""
	if pdf != nil {
		if strings.TrimSpace(pdf.String()) == "" {
			return invalid(name, 0, "no article found: the PDF has no text to read (a scan without a text layer?); run it through OCR, or give its text as a .txt file")
		}
		tried := "credit lines, bold or large headings, lead-ins, one article per page"
		if pdf.seg.how != "" {
			tried = "credit lines, then " + pdf.seg.how
		}
		return invalid(name, 0, "no article found: tried %s; everything on its pages was read as furniture (mastheads, running heads, adverts): check it with `bulletinfeed extract %s`", tried, name)
	}
	if opts.NoCredits {
		return invalid(name, 0, "no article found, even without credit lines: no short heading-shaped line set apart from the paragraphs starts one")
	}
	as := &assembler{lx: lx, banners: banners, noCredits: true}
	// Two articles at least: one heading over one paragraph is as likely
	// a note or a list as a bulletin.
	if found, _ := as.assemble(lx.dropFurniture(lines, banners)); len(found) >= 2 {
		return invalid(name, 0, "no article found: %s, and this issue prints none; its heading-shaped lines give %d articles when the publication is marked as printing no credit lines: give --no-credits, or credits = \"none\" in its [[publication]] of the configuration file",
			rule, len(found))
	}
	return invalid(name, 0, "no article found: %s", rule)
}
