package xmltest

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
)

// WellFormed decodes a whole document strictly, reading every token, and
// returns the first error, nil for a well-formed document.
func WellFormed(body []byte) error {
	d := xml.NewDecoder(bytes.NewReader(body))
	d.Strict = true
	for {
		_, err := d.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
	}
}
