package bulletinfeed

// BlockKind tells a body paragraph from an in-article subhead or a
// caption.
type BlockKind string

// Kinds of block. The parser makes paragraphs and subheads; an editor
// may also mark a block as a caption (a picture's words, shown smaller).
const (
	Paragraph BlockKind = "paragraph"
	Subhead   BlockKind = "subhead"
	Caption   BlockKind = "caption"
)

// Block is one unit of an article's body.
type Block struct {
	Kind BlockKind `json:"kind"`
	Text string    `json:"text"`
}
