package bulletinfeed

// Picture is a photograph of an article, as printed beside it: its
// caption and where it stood among the article's blocks. Its image is
// stored by content: Hash is the SHA-256 of the web-size bytes, which a
// revision that brings the same picture finds again, so its URL stays.
type Picture struct {
	// Hash is the hex SHA-256 of the stored web-size image; empty until
	// the image is prepared for the web (package media).
	Hash string `json:"hash,omitempty"`
	// Type is the MIME type of the stored image (image/jpeg).
	Type string `json:"type,omitempty"`
	// Width and Height are the stored image's, in pixels; Size its
	// length in bytes (an RSS enclosure's length).
	Width  int `json:"width,omitempty"`
	Height int `json:"height,omitempty"`
	Size   int `json:"size,omitempty"`
	// ThumbWidth and ThumbHeight are the thumbnail's, in pixels.
	ThumbWidth  int `json:"thumb_width,omitempty"`
	ThumbHeight int `json:"thumb_height,omitempty"`
	// Caption is the text printed with it, credit included; "" when none.
	Caption string `json:"caption,omitempty"`
	// After is how many of the article's blocks stood before it in
	// print: 0 above the first paragraph, len(Blocks) after the last.
	After int `json:"after"`
	// Page is the page of a PDF it was printed on, from 1; 0 otherwise.
	Page int `json:"page,omitempty"`
	// File is the picture file a text issue names ([Photo: file.jpg …]),
	// read from the folder.
	File string `json:"file,omitempty"`

	// Data is the image's bytes: as the source gave them until they are
	// prepared, then the web-size image. Thumb is the thumbnail. Neither
	// is part of the article's JSON: the store keeps them by Hash.
	Data  []byte `json:"-"`
	Thumb []byte `json:"-"`
}

// Media is one stored image, web size or thumbnail, as served.
type Media struct {
	Hash string
	Type string
	Data []byte
}
