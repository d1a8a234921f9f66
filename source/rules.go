package source

// ruleNames are the rules that scripts/ablate-rules.sh switches off one at
// a time (go test -tags ablate with BULLETINFEED_ABLATE=name): each must
// make at least one test fail, or it is not pinned. rules_test.go checks
// that each has a minimal case there.
var ruleNames = []string{
	"affiliation", "agency-dateline", "banner-numbering", "banner-start", "banner-running-head", "bare-names", "body-shaped", "bracketed-names", "bullet-not-heading", "caption", "caption-credit", "colophon", "colophon-label-prefix", "contact-line", "contact-parts", "address-parts", "colophon-suffix", "contents-entry", "cut-at-break",
	"dateline", "deck", "deck-apart", "end-credit", "end-credit-no-heading", "end-mark", "english-date", "english-kicker", "enumeration-deck", "exhortation", "final-abbreviation", "final-abbreviation-heading", "imprint-date", "imprint-sentence", "imprint-no-break",
	"jump-marker", "kicker-mark", "lede", "mail-header", "name-not-place", "names-before-role",
	"news-words", "notice-signoff", "no-credits", "numbering-level", "numbered-after-title", "numbered-series", "numbers-inform", "organization-credit", "page-head", "parallel-items",
	"parallel-slogan", "print-run", "post-credit", "production-credit", "repeated-subhead", "restated-title", "restated-notice", "salutation", "second-credit",
	"signature", "signature-address", "signature-not-heading", "bare-signature", "signature-title-line", "valediction", "stacked-roles", "subject-first", "subtitle-mark", "title-case-heading", "uncredited-article", "unbulleted-list", "unit-credit", "unconfigured-banner", "unit-shape", "utf16-no-bom",
	// Rules older than the vocabulary: furniture, paragraphs, credits.
	"abbreviation", "abbreviation-sentence", "credit-date", "credit-trailer", "full-line", "function-word", "glued-organization-credit", "hyphen",
	"indents", "indent-after-break", "job-title", "list-item", "list-box", "masthead", "masthead-issue-date", "numbered-subhead", "page-number",
	"running-header", "short-heading-line", "subhead",
}

// pdfRuleNames are the rules of the PDF reading (pdflayout.go, pdfstyle.go,
// pdfarticles.go). Their cases are PDFs, not text, so they are pinned by
// the PDF tests and the real corpus (TestRealCorpus, TestOwnPDFsMatchGold,
// TestReferencePDFMatchesGold) rather than by ruleCases; ablate-rules.sh
// runs them too when named: scripts/ablate-rules.sh table-row ….
var pdfRuleNames = []string{
	"advert", "banner-in-the-way", "banner-style", "banner-title", "block-indent", "box-heading", "bracketed-gloss", "broken-han-title", "bullet-reach", "caption-bridge", "centred-heading", "centred-stack", "colon-box", "colon-kicker", "colon-label-part", "colon-parts", "colon-title", "column-type", "contact-box", "contents-box", "cover-lead-title", "credit-in-heading", "credit-over-heading",
	"date-heading", "date-led-items", "dated-item-not-subhead", "dates-across", "decimal-not-item", "deliberate-break", "desk-prefix", "drop-cap", "drop-cap-run", "field-line", "first-name-signature", "font-metrics", "hanging-indent", "heading-credit", "heading-signature", "hyphen-bullet", "indent-reach", "initial-over-title", "justified-rejoin", "kicker-apart", "label-not-title", "lead-in",
	"lead-in-alone", "lead-in-contact", "lead-in-day", "lead-in-in-sentence", "lead-in-signature", "lead-in-wrapped", "letter-spacing", "ligature-gap", "list-item-line", "lowercase-continues", "lowercase-continues-small", "masthead-date", "masthead-size", "masthead-words", "name-post-line", "nameplate-again", "narrow-column-end", "notice-heading-alone", "numbered-line-alone", "numbered-outline",
	"numbered-part", "numbered-pdf-subhead", "open-title-half", "orphan-banner", "outline-sentences", "over-nameplate", "page-banner", "page-body", "panel-behind-text", "parallel-labels", "part-heading-style", "pdf-bullet", "pdf-end-mark", "pdf-ornament", "pdf-signature", "pdf-typography", "picture-line", "pictures-apart", "post-name-signature", "postal-address", "pull-quote", "quoted-motto",
	"recurring-banner", "roster", "running-title", "same-style-recurrence", "short-column-end", "sentence-not-heading", "short-question-title", "sideways-text", "signature-before-end", "signature-mark", "size-apart", "size-split", "slash-credit", "slash-credit-first", "spaced-han", "statistic-title", "style-space", "table-cells", "table-row", "tight-boxes", "valediction-words", "whole-folio", "wrapped-heading", "wrapped-style-change", "wrapped-weak-stop",
}
