package source

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
)

func TestZZDebug(t *testing.T) {
	path := os.Getenv("ZZ_PDF")
	if path == "" {
		t.Skip()
	}
	raw, _ := os.ReadFile(path)
	out, _ := Pdftohtml{}.XMLLayout(context.Background(), raw)
	pages := parseXML(out)
	want := os.Getenv("ZZ_TEXT")
	for p, pg := range pages {
		for _, ws := range pg.lines {
			for _, f := range splitLine(ws, p+1) {
				if strings.Contains(f.text, want) {
					fmt.Printf("p%d x0=%.1f x1=%.1f y0=%.1f y1=%.1f size=%.1f font=%+v item=%v %q\n", p+1, f.x0, f.x1, f.y0, f.y1, f.size, f.font, f.item, f.text)
				}
			}
		}
	}
}
