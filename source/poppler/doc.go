// Package poppler runs poppler's programs on a PDF, the one external
// dependency of the parser: pdftohtml -xml for the text with its boxes
// and fonts (and the pictures with their boxes), pdftoppm for a picture
// of a page. Each runs without a shell, on a copy of the PDF in a private
// temporary folder, with a timeout and a bound on what it writes.
//
// It imports the domain only (its error kinds); source imports it, and
// admin for a page's picture.
package poppler
