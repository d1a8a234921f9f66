package worker_test

import (
	"context"
	"os"
	"os/exec"
	"testing"

	"github.com/bulletinfeed/bulletinfeed/source"
	"github.com/bulletinfeed/bulletinfeed/worker"
)

// BenchmarkParsePictures measures what pictures add to reading a PDF
// issue: the text alone, then the text with its pictures extracted,
// placed and made ready for the web (what ingest does), per page.
//
//	go test -run - -bench ParsePictures -benchtime 5x ./worker
func BenchmarkParsePictures(b *testing.B) {
	if _, err := exec.LookPath("pdftohtml"); err != nil {
		b.Skip("no pdftohtml")
	}
	for _, c := range []struct {
		name  string
		pages int
	}{
		{"club-bnsistercities-2014", 4},
		{"school-epicrobotz-2014-10", 2},
		{"univ-nssdtu-2020-12", 9},
		{"parish-kenn-haldonviews-2021-06", 24},
	} {
		path := "../../shared/testdata/real/" + c.name + ".pdf"
		if _, err := os.Stat(path); err != nil {
			b.Skip("no real corpus")
		}
		for _, pictures := range []bool{false, true} {
			name := c.name + "/text"
			if pictures {
				name = c.name + "/pictures"
			}
			b.Run(name, func(b *testing.B) {
				job := worker.Job{Path: path, Parse: source.Options{DateOnArrival: true, Pictures: pictures}}
				n := 0
				for b.Loop() {
					iss, err := worker.Parse(context.Background(), job)
					if err != nil {
						b.Fatal(err)
					}
					n = 0
					for _, a := range iss.Articles {
						n += len(a.Pictures)
					}
				}
				b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N)/float64(c.pages), "ms/page")
				b.ReportMetric(float64(n), "pictures")
			})
		}
	}
}
