package bulletinfeed

// BlockKind tells a body paragraph from an in-article subhead.
type BlockKind string

// Kinds of block.
const (
	Paragraph BlockKind = "paragraph"
	Subhead   BlockKind = "subhead"
)

// Block is one unit of an article's body.
type Block struct {
	Kind BlockKind `json:"kind"`
	Text string    `json:"text"`
}
