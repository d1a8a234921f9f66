package source

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
)

// Limits on what one issue may bring, when Options leaves them 0. Each
// bounds the memory and the feed sizes that one bad file can cause: a
// rendered site holds every article several times over (its page, its
// feeds in three formats, gzipped), so a 10 MB paragraph would cost
// hundreds of megabytes to serve. Real bulletins stay far below: the
// reference issue is 18 KB with paragraphs under 2 KB and 7 articles.
const (
	DefaultMaxSize      = 10 << 20 // bytes of input
	DefaultMaxParagraph = 64 << 10 // bytes of one paragraph, after joining its lines
	DefaultMaxArticles  = 500      // articles in one issue
)

// Options shape how an issue is parsed.
type Options struct {
	// Banners are the publication's known section banners. A banner printed
	// on two lines is given as the two lines joined by one space.
	Banners []string
	// MaxSize is the largest input accepted, in bytes; 0 means
	// DefaultMaxSize.
	MaxSize int64
	// MaxParagraph is the longest paragraph accepted, in bytes; 0 means
	// DefaultMaxParagraph.
	MaxParagraph int
	// MaxArticles is the most articles one issue may have; 0 means
	// DefaultMaxArticles.
	MaxArticles int
	// Location is the publication's time zone: a date without a time is
	// midnight there. Nil means UTC.
	Location *time.Location
	// PDF extracts the layout of PDF input; nil means poppler.Pdftohtml{}.
	PDF PDFExtractor
	// MaxPages is the most pages a PDF issue may have; 0 means
	// DefaultPDFMaxPages.
	MaxPages int
	// Vocabulary is the words the rules look for: credit roles, news
	// agencies, colophon labels and the rest. The zero value means
	// DefaultVocabulary(); a publication adds its own words with
	// DefaultVocabulary().With(extra).
	Vocabulary Vocabulary
	// NoCredits says the publication prints no credit lines: a heading
	// set apart from the text before it (short, not ending as a sentence
	// ends, followed by paragraphs) starts an article, and numbered
	// headings at the issue's top level are articles, not subheads.
	NoCredits bool
	// DateOnArrival lets ParseNamed and ParseFile accept an issue that
	// prints no date anywhere (no "Date:" line, none on its masthead,
	// none in its file name): it is left undated, and the store dates it
	// when it first arrives. Without it such an issue is refused, since
	// a guess would list it out of order, in every feed, for good.
	DateOnArrival bool
	// Pictures asks for the photographs of a PDF issue, each given to its
	// article with its caption (Article.Pictures, their Data the image
	// file as the PDF holds it), and for the files a text issue names in
	// [Photo: file.jpg Caption] lines. It costs time: pdftohtml writes
	// every image out, which takes several times as long as the text
	// alone.
	Pictures bool
	// MaxPictures and MaxPictureBytes bound the pictures kept of one
	// issue when they are made ready for the web (package media): how
	// many, and how many bytes of stored images; 0 means the defaults
	// there (50, 20 MB).
	MaxPictures     int
	MaxPictureBytes int64
	// PictureTimeout bounds the taking out of a PDF's pictures, which
	// runs after its text and never fails the issue: past it, or on any
	// error, the issue has its text and no pictures, and a warning says
	// why. 0 means DefaultPictureTimeout.
	PictureTimeout time.Duration
}

// DefaultPictureTimeout is how long a PDF's pictures may take to come out
// before the issue goes on without them: poppler re-encodes every image
// that is not a JPEG, a few seconds for a dozen pages of photographs.
const DefaultPictureTimeout = 30 * time.Second

// ParseFile reads and parses the issue in the file at path. Besides the
// articles it fills the issue's key (from a header line, else from the
// file name), its date (see ParseNamed), source name and content hash.
// The file is only read.
func ParseFile(ctx context.Context, path string, opts Options) (*bulletinfeed.Issue, error) {
	f, err := OpenFile(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	iss, err := ParseNamed(ctx, f, path, opts)
	if err != nil {
		return nil, err
	}
	if abs, err := filepath.Abs(path); err == nil {
		iss.SourcePath = abs
	}
	if opts.Pictures {
		readPictureFiles(iss, filepath.Dir(path))
	}
	return iss, nil
}

func unwrapPathError(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}

func location(opts Options) *time.Location {
	if opts.Location != nil {
		return opts.Location
	}
	return time.UTC
}

// Parse reads one issue from r. name is used in errors and as the source
// name. Key is set only from a header line, Date from a header line or
// else from the date printed on the masthead; ParseFile adds what the
// file name tells. ctx ends the extraction of a PDF (a shutdown need not
// wait for its timeout).
func Parse(ctx context.Context, r io.Reader, name string, opts Options) (*bulletinfeed.Issue, error) {
	iss, _, err := parse(ctx, r, name, opts)
	return iss, err
}

// parse is Parse, and says how precise the issue's date is when it came
// from the masthead: a printed month leaves the day to the file name.
func parse(ctx context.Context, r io.Reader, name string, opts Options) (*bulletinfeed.Issue, dateFrom, error) {
	max := opts.MaxSize
	if max <= 0 {
		max = DefaultMaxSize
	}
	raw, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, dateFrom{}, &ParseError{Name: name, Err: fmt.Errorf("read: %w", err)}
	}
	if int64(len(raw)) > max {
		return nil, dateFrom{}, invalid(name, 0, "file is larger than the limit of %d bytes (see --max-size)", max)
	}
	if len(raw) == 0 {
		return nil, dateFrom{}, invalid(name, 0, "empty file")
	}
	var text string
	var pdf *PDFText
	if isPDF(raw) {
		t, err := ExtractPDF(ctx, name, raw, opts)
		if err != nil {
			return nil, dateFrom{}, err
		}
		text, pdf = t.String(), t
	} else if text, err = decode(name, raw); err != nil {
		return nil, dateFrom{}, err
	}
	lines := splitLines(text)
	if len(lines) == 0 {
		return nil, dateFrom{}, invalid(name, 0, "empty file: only white space")
	}
	lx := newLexicon(opts.Vocabulary)
	h, lines, err := parseHeader(name, lines, location(opts), lx)
	if err != nil {
		return nil, dateFrom{}, err
	}
	maxPara := opts.MaxParagraph
	if maxPara <= 0 {
		maxPara = DefaultMaxParagraph
	}
	// A line over the limit is refused before the parse costs anything;
	// it may be a heading, which checkLimits does not see.
	for _, l := range lines {
		if len(l.text) > maxPara {
			return nil, dateFrom{}, invalid(name, l.num, "line of %d bytes is longer than the paragraph limit of %d bytes (see --max-paragraph)", len(l.text), maxPara)
		}
	}
	banners := newBannerSet(opts.Banners)
	var articles []*bulletinfeed.Article
	var places []placement
	method := ""
	if h.format == "marked" && pdf == nil {
		// Marked text (what extract prints) says its articles outright.
		if articles, places, err = parseMarked(name, lines); err != nil {
			return nil, dateFrom{}, err
		}
	} else {
		var pics []textPicture
		if pdf == nil && opts.Pictures {
			lines, pics = takePictureLines(lines)
		}
		as := &assembler{lx: lx, banners: banners, noCredits: opts.NoCredits}
		articles, places = as.assemble(lx.dropFurniture(lines, banners))
		placeTextPictures(articles, places, pics)
		if pdf != nil {
			articles, places, method = choosePDFParse(articles, places, pdf.seg)
			numberedSubheads(articles)
			lx.attachPictures(articles, pdf)
		}
	}
	if len(articles) == 0 {
		return nil, dateFrom{}, noArticleError(name, lines, lx, banners, opts, pdf)
	}
	if err := checkLimits(name, articles, places, maxPara, opts.MaxArticles); err != nil {
		return nil, dateFrom{}, err
	}
	sum := sha256.Sum256(raw)
	iss := &bulletinfeed.Issue{
		Key:         h.key,
		Title:       h.title,
		SourceName:  filepath.Base(name),
		ContentHash: hex.EncodeToString(sum[:]),
		Method:      method,
		Articles:    articles,
		PublishAt:   h.publishAt,
	}
	if pdf != nil {
		iss.Warnings = pdf.warnings
	}
	from := dateFrom{header: h.hasDate}
	if h.hasDate {
		iss.Date = h.date
	} else {
		var pd printedDate
		var ok bool
		if pdf != nil {
			pd, ok = pdfMastheadDate(pdf)
		} else {
			pd, ok = lx.mastheadDate(lines, articles[0])
		}
		if ok {
			iss.Date = time.Date(pd.y, time.Month(pd.m), pd.d, 0, 0, 0, 0, location(opts)).UTC()
			from.printed, from.dayKnown = true, pd.dayKnown
		}
	}
	if h.key != "" {
		if err := bulletinfeed.CheckKey(h.key); err != nil {
			return nil, dateFrom{}, &ParseError{Name: name, Line: h.keyLine, Err: err}
		}
	}
	for i, a := range articles {
		a.Position = i
		a.IssueKey = iss.Key
	}
	return iss, from, nil
}

// dateFrom says where an issue's date came from.
type dateFrom struct {
	header   bool // a "Date:" line
	printed  bool // the masthead
	dayKnown bool // the masthead named the day, not only the month
}

// checkLimits refuses an issue with more articles than maxArticles, or a
// paragraph, once its print lines are joined, longer than maxPara bytes.
// The error names the line where the first article over the limit, or the
// paragraph, begins.
func checkLimits(name string, articles []*bulletinfeed.Article, places []placement, maxPara, maxArticles int) error {
	if maxArticles <= 0 {
		maxArticles = DefaultMaxArticles
	}
	if len(articles) > maxArticles {
		return invalid(name, places[maxArticles].line, "%d articles found, more than the limit of %d per issue (see --max-articles); article %d starts here", len(articles), maxArticles, maxArticles+1)
	}
	for k, a := range articles {
		for i, b := range a.Blocks {
			if len(b.Text) > maxPara {
				return invalid(name, places[k].blocks[i], "article %q: a paragraph of %d bytes is longer than the limit of %d bytes (see --max-paragraph)", a.Title, len(b.Text), maxPara)
			}
		}
	}
	return nil
}
