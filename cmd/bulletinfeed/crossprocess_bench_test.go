package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// BenchmarkIngestProcessToServed measures the time from an ingest run by
// another process (the built binary, as staff or a system cron run it) to
// its article being in the feed of a running serve: from the ingest's
// start, and from its exit (when its transaction has committed), over 20
// ingests. On SQLite the server notices by its check of the store's
// version; on PostgreSQL (BULLETINFEED_TEST_POSTGRES) by a notification.
func BenchmarkIngestProcessToServed(b *testing.B) {
	bin := filepath.Join(b.TempDir(), "bulletinfeed")
	build := exec.Command("go", "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	db := mustReferenceDB(b)
	m, _ := serveWithInbox(b, db)
	defer m.Close()
	dir := b.TempDir()
	var fromStart, fromExit []time.Duration
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		for j := range 20 {
			title := fmt.Sprintf("第%d次另一进程入库的文章%d", i, j)
			name := filepath.Join(dir, fmt.Sprintf("other-%d-%d.txt", i, j))
			if err := os.WriteFile(name, []byte(droppedIssue(title)), 0o644); err != nil {
				b.Fatal(err)
			}
			cmd := exec.CommandContext(context.Background(), bin, "ingest", "--db", db, "--publication", "default", name)
			start := time.Now()
			if out, err := cmd.CombinedOutput(); err != nil {
				b.Fatalf("ingest: %v\n%s", err, out)
			}
			exited := time.Now()
			fromStart = append(fromStart, waitServed(b, m, title, start, 10*time.Second))
			fromExit = append(fromExit, fromStart[len(fromStart)-1]-exited.Sub(start))
		}
	}
	b.StopTimer()
	report := func(name string, all []time.Duration) {
		slices.Sort(all)
		p := func(q float64) time.Duration { return all[min(len(all)-1, int(q*float64(len(all))))] }
		b.ReportMetric(float64(p(0.5).Milliseconds()), name+"-p50-ms")
		b.ReportMetric(float64(p(0.99).Milliseconds()), name+"-p99-ms")
		b.Logf("%s, over %d ingests: p50 %s, p99 %s, max %s", name, len(all), p(0.5), p(0.99), all[len(all)-1])
	}
	report("start", fromStart)
	report("exit", fromExit)
}
