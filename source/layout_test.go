package source

import (
	"os"
	"strings"
	"testing"
)

func TestDetectLayout(t *testing.T) {
	cases := []struct {
		file    string
		column  bool
		indents bool
	}{
		{"../../shared/testdata/hexi-2023-04.txt", false, false},
		{"testdata/jinnan-2024-03.txt", false, false},
		{"testdata/beichen-2024-09.txt", true, false},
		{"testdata/school-2023-11.txt", true, true},
		{"testdata/stmarys-2024-spring.txt", true, false},
	}
	for _, tc := range cases {
		t.Run(tc.file, func(t *testing.T) {
			b, err := os.ReadFile(tc.file)
			if err != nil {
				t.Fatal(err)
			}
			lay := detectLayout(splitLines(string(b)))
			if (lay.column > 0) != tc.column || lay.indents != tc.indents {
				t.Errorf("layout %+v; want column %v, indents %v", lay, tc.column, tc.indents)
			}
		})
	}
}

// TestSingleNewlines: one paragraph to a line with no blank lines between
// is not wrapped text; only punctuation joins lines there.
func TestSingleNewlines(t *testing.T) {
	b, err := os.ReadFile("../../shared/testdata/hexi-2023-04.txt")
	if err != nil {
		t.Fatal(err)
	}
	text := strings.ReplaceAll(string(b), "\n\n", "\n")
	lay := detectLayout(splitLines(text))
	if lay.column != 0 || lay.indents {
		t.Errorf("layout %+v, want none", lay)
	}
}
