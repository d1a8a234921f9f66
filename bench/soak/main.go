package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"html"
	"io"
	"maps"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
	"unicode/utf8"
)

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	var err error
	switch os.Args[1] {
	case "gen":
		err = runGen(os.Args[2:])
	case "load":
		err = runLoad(os.Args[2:])
	case "hooks":
		err = runHooks(os.Args[2:])
	default:
		usage()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "soak:", err)
		os.Exit(1)
	}
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: soak gen -n N -out DIR TEMPLATE...\n       soak load -base URL [-pollers N] [-duration D] [-think D] [-summary FILE]\n       soak hooks -base URL -topic FEED [-hanging N] -ready FILE -arrivals FILE")
	os.Exit(2)
}

// ---- gen ----

func runGen(args []string) error {
	fs := flag.NewFlagSet("gen", flag.ExitOnError)
	n := fs.Int("n", 104, "number of issue files to write")
	out := fs.String("out", "", "directory to write them to (created)")
	start := fs.String("start", "2022-01-03", "date of the first issue; each next one is a week later")
	prefix := fs.String("prefix", "soak", "issue key and file name prefix")
	fs.Parse(args)
	if *out == "" || fs.NArg() == 0 || *n <= 0 {
		return errors.New("gen: want -n N > 0, -out DIR and at least one TEMPLATE")
	}
	day, err := time.Parse(time.DateOnly, *start)
	if err != nil {
		return fmt.Errorf("gen: -start: %w", err)
	}
	var templates [][]byte
	for _, name := range fs.Args() {
		b, err := os.ReadFile(name)
		if err != nil {
			return err
		}
		if !utf8.Valid(b) {
			return fmt.Errorf("gen: %s: templates must be UTF-8", name)
		}
		templates = append(templates, bytes.TrimPrefix(b, []byte("\uFEFF")))
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return err
	}
	for i := range *n {
		key := fmt.Sprintf("%s-%04d", *prefix, i+1)
		date := day.AddDate(0, 0, 7*i).Format(time.DateOnly)
		text := issueText(templates[i%len(templates)], key, date, i+1)
		if err := os.WriteFile(filepath.Join(*out, key+".txt"), text, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// issueText is template with header lines for key and date on top and a
// sentence naming issue n appended to its first paragraph: the first line
// of at least 40 characters that ends a sentence.
func issueText(template []byte, key, date string, n int) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "Issue: %s\nDate: %s\n\n", key, date)
	lines := strings.Split(string(template), "\n")
	done := false
	for i, l := range lines {
		t := strings.TrimRight(l, "\r")
		if !done && utf8.RuneCountInString(t) >= 40 && (strings.HasSuffix(t, "。") || strings.HasSuffix(t, ".")) {
			if strings.HasSuffix(t, "。") {
				t += fmt.Sprintf("这是压力测试的第%d期。", n)
			} else {
				t += fmt.Sprintf(" This is soak test issue %d.", n)
			}
			lines[i] = t + l[len(strings.TrimRight(l, "\r")):]
			done = true
		}
	}
	b.WriteString(strings.Join(lines, "\n"))
	if !done { // no paragraph found: still make the text differ
		fmt.Fprintf(&b, "\n\n这是压力测试的第%d期。\n", n)
	}
	return b.Bytes()
}

// ---- load ----

// latency buckets for the printed histogram, upper bounds.
var buckets = []time.Duration{
	time.Millisecond, 2 * time.Millisecond, 5 * time.Millisecond, 10 * time.Millisecond,
	20 * time.Millisecond, 50 * time.Millisecond, 100 * time.Millisecond,
	200 * time.Millisecond, 500 * time.Millisecond, time.Second, 5 * time.Second,
}

// validators are what a poller got for one URL, to send back.
type validators struct{ etag, lastModified string }

// pollerStats are one poller's counts, merged at the end.
type pollerStats struct {
	statuses  map[int]int
	errs      map[string]int
	latencies []time.Duration
	bytes     int64
}

// live counters for the periodic progress line.
var liveRequests, liveErrors, liveNotModified atomic.Int64

func runLoad(args []string) error {
	fs := flag.NewFlagSet("load", flag.ExitOnError)
	base := fs.String("base", "http://127.0.0.1:8080", "server base URL")
	pollers := fs.Int("pollers", 500, "concurrent pollers")
	duration := fs.Duration("duration", 60*time.Second, "how long to poll")
	think := fs.Duration("think", 100*time.Millisecond, "upper bound of the random think time before each request")
	timeout := fs.Duration("timeout", 10*time.Second, "per-request timeout")
	report := fs.Duration("report", 10*time.Second, "progress line interval (0: none)")
	summary := fs.String("summary", "", "also write the figures to this file as KEY=VALUE lines")
	fs.Parse(args)
	if *pollers <= 0 || *duration <= 0 || *think < 0 {
		return errors.New("load: -pollers and -duration must be positive, -think not negative")
	}
	b, err := url.Parse(strings.TrimRight(*base, "/"))
	if err != nil || b.Host == "" {
		return fmt.Errorf("load: bad -base %q", *base)
	}

	tr := &http.Transport{
		Proxy:               nil, // loopback only, whatever the environment says
		DialContext:         (&net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		DisableCompression:  true,
		MaxIdleConns:        2 * *pollers,
		MaxIdleConnsPerHost: 2 * *pollers,
		IdleConnTimeout:     90 * time.Second,
	}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Timeout: *timeout}

	urls, err := discover(client, b)
	if err != nil {
		return err
	}
	fmt.Printf("soak: %d URLs (%s), %d pollers (half with gzip), %s, think 0-%s\n",
		len(urls), describe(urls), *pollers, *duration, *think)

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	ctx, cancel := context.WithTimeout(ctx, *duration)
	defer cancel()

	stats := make([]*pollerStats, *pollers)
	var wg sync.WaitGroup
	begin := time.Now()
	for i := range *pollers {
		st := &pollerStats{statuses: map[int]int{}, errs: map[string]int{}}
		stats[i] = st
		wg.Add(1)
		go func() {
			defer wg.Done()
			poll(ctx, client, urls, i%2 == 0, *think, st)
		}()
	}
	progressDone := make(chan struct{})
	if *report > 0 {
		go progress(ctx, begin, *report, progressDone)
	} else {
		close(progressDone)
	}
	wg.Wait()
	elapsed := time.Since(begin)
	<-progressDone

	return summarize(stats, elapsed, *summary)
}

// discover returns the absolute URLs of the mix: /, the section pages
// linked from the index page or the OPML, and every feed in /feeds.opml,
// all on base's host whatever host the server's base URL names.
func discover(client *http.Client, base *url.URL) ([]string, error) {
	get := func(path string) (string, error) {
		resp, err := client.Get(base.String() + path)
		if err != nil {
			return "", err
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		if err != nil {
			return "", err
		}
		if resp.StatusCode != http.StatusOK {
			return "", fmt.Errorf("load: GET %s: %s", path, resp.Status)
		}
		return string(body), nil
	}
	// The OPML lists each feed once as Atom; ?format= gives RSS and JSON.
	var opml string
	for _, format := range []string{"atom", "rss", "json"} {
		doc, err := get("/feeds.opml?format=" + format)
		if err != nil {
			return nil, err
		}
		opml += doc
	}
	index, err := get("/")
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var paths []string
	add := func(raw string) {
		u, err := url.Parse(html.UnescapeString(raw))
		if err != nil || u.Path == "" || seen[u.Path] {
			return
		}
		seen[u.Path] = true
		paths = append(paths, u.Path)
	}
	add("/")
	feeds := 0
	for _, m := range regexp.MustCompile(`xmlUrl="([^"]+)"`).FindAllStringSubmatch(opml, -1) {
		add(m[1])
		feeds++
	}
	if feeds == 0 {
		return nil, errors.New("load: /feeds.opml lists no feeds")
	}
	sectionRE := regexp.MustCompile(`(?:href|htmlUrl)="([^"#?]*/sections/[^"#?/]+)"`)
	for _, m := range sectionRE.FindAllStringSubmatch(opml+index, -1) {
		add(m[1])
	}
	sort.Strings(paths)
	urls := make([]string, len(paths))
	for i, p := range paths {
		urls[i] = base.String() + p
	}
	return urls, nil
}

// describe counts the URLs by kind for the header line.
func describe(urls []string) string {
	var feeds, sections, other int
	for _, u := range urls {
		switch {
		case strings.Contains(u, "/feeds/"):
			feeds++
		case strings.Contains(u, "/sections/"):
			sections++
		default:
			other++
		}
	}
	return fmt.Sprintf("%d feeds, %d section pages, %d other", feeds, sections, other)
}

// poll is one feed reader, until ctx is done. A request in flight when it
// is done still finishes and counts.
func poll(ctx context.Context, client *http.Client, urls []string, gzip bool, think time.Duration, st *pollerStats) {
	cache := make(map[string]validators, len(urls))
	for {
		if think > 0 {
			t := time.NewTimer(rand.N(think))
			select {
			case <-ctx.Done():
				t.Stop()
				return
			case <-t.C:
			}
		} else if ctx.Err() != nil {
			return
		}
		u := urls[rand.N(len(urls))]
		req, err := http.NewRequest(http.MethodGet, u, nil)
		if err != nil {
			panic(err) // the URLs are parsed already
		}
		if gzip {
			req.Header.Set("Accept-Encoding", "gzip")
		}
		v := cache[u]
		if v.etag != "" {
			req.Header.Set("If-None-Match", v.etag)
		}
		if v.lastModified != "" {
			req.Header.Set("If-Modified-Since", v.lastModified)
		}
		start := time.Now()
		resp, err := client.Do(req)
		if err == nil {
			var n int64
			n, err = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			st.bytes += n
		}
		lat := time.Since(start)
		liveRequests.Add(1)
		if err != nil {
			st.errs[errKind(err)]++
			liveErrors.Add(1)
			continue
		}
		st.latencies = append(st.latencies, lat)
		st.statuses[resp.StatusCode]++
		switch {
		case resp.StatusCode >= 500:
			liveErrors.Add(1)
		case resp.StatusCode == http.StatusNotModified:
			liveNotModified.Add(1)
		case resp.StatusCode == http.StatusOK:
			cache[u] = validators{resp.Header.Get("ETag"), resp.Header.Get("Last-Modified")}
		}
	}
}

// errKind shortens a transport error to something that groups well:
// the innermost error's text without addresses.
func errKind(err error) string {
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return "timeout"
	}
	for {
		u := errors.Unwrap(err)
		if u == nil {
			break
		}
		err = u
	}
	s := err.Error()
	if i := strings.LastIndex(s, ": "); i >= 0 {
		s = s[i+2:]
	}
	return s
}

// progress prints the request rate, 304 share and errors every interval.
func progress(ctx context.Context, begin time.Time, every time.Duration, done chan<- struct{}) {
	defer close(done)
	tick := time.NewTicker(every)
	defer tick.Stop()
	var lastReq, last304, lastErr int64
	last := begin
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-tick.C:
			r, nm, e := liveRequests.Load(), liveNotModified.Load(), liveErrors.Load()
			dr := r - lastReq
			share := 0.0
			if dr > 0 {
				share = 100 * float64(nm-last304) / float64(dr)
			}
			fmt.Printf("soak: %5.0fs %8.0f req/s  %4.1f%% 304  %d errors\n",
				now.Sub(begin).Seconds(), float64(dr)/now.Sub(last).Seconds(), share, e-lastErr)
			lastReq, last304, lastErr, last = r, nm, e, now
		}
	}
}

// summarize merges the pollers' figures, prints them, writes the summary
// file, and returns an error if there was any error or 5xx.
func summarize(stats []*pollerStats, elapsed time.Duration, summaryFile string) error {
	statuses := map[int]int{}
	errs := map[string]int{}
	var lat []time.Duration
	var received int64
	for _, st := range stats {
		for k, v := range st.statuses {
			statuses[k] += v
		}
		for k, v := range st.errs {
			errs[k] += v
		}
		lat = append(lat, st.latencies...)
		received += st.bytes
	}
	slices.Sort(lat)
	var answered, transportErrs, fivexx, other int
	for code, n := range statuses {
		answered += n
		switch {
		case code >= 500:
			fivexx += n
		case code != http.StatusOK && code != http.StatusNotModified:
			other += n
		}
	}
	for _, n := range errs {
		transportErrs += n
	}
	total := answered + transportErrs
	pct := func(p float64) time.Duration {
		if len(lat) == 0 {
			return 0
		}
		i := int(p*float64(len(lat))+0.5) - 1
		return lat[max(0, min(i, len(lat)-1))]
	}
	var maxLat time.Duration
	if len(lat) > 0 {
		maxLat = lat[len(lat)-1]
	}
	ms := func(d time.Duration) string { return fmt.Sprintf("%.2f", float64(d)/float64(time.Millisecond)) }
	rps := float64(total) / elapsed.Seconds()

	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	fmt.Fprintf(w, "\nsoak: %d requests in %.1fs: %.0f req/s, %.1f MB received\n", total, elapsed.Seconds(), rps, float64(received)/1e6)
	fmt.Fprintf(w, "  200: %d   304: %d   other: %d   5xx: %d   transport errors: %d\n",
		statuses[http.StatusOK], statuses[http.StatusNotModified], other, fivexx, transportErrs)
	codes := slices.Sorted(maps.Keys(statuses))
	for _, c := range codes {
		if c != http.StatusOK && c != http.StatusNotModified {
			fmt.Fprintf(w, "  status %d: %d\n", c, statuses[c])
		}
	}
	for _, k := range slices.Sorted(maps.Keys(errs)) {
		fmt.Fprintf(w, "  error %q: %d\n", k, errs[k])
	}
	var ru syscall.Rusage
	cpu := 0.0
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) == nil {
		cpu = time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds()
	}
	fmt.Fprintf(w, "  load generator CPU: %.1fs (%.0f%% of one core)\n", cpu, 100*cpu/elapsed.Seconds())
	fmt.Fprintf(w, "  latency ms: p50 %s  p90 %s  p99 %s  p99.9 %s  max %s\n", ms(pct(0.50)), ms(pct(0.90)), ms(pct(0.99)), ms(pct(0.999)), ms(maxLat))
	fmt.Fprintf(w, "  latency histogram:\n")
	lo := 0
	for i, ub := range buckets {
		hi := sort.Search(len(lat), func(j int) bool { return lat[j] > ub })
		if hi > lo || i == 0 {
			fmt.Fprintf(w, "    <= %-6s %9d  %6.2f%%\n", ub, hi-lo, 100*float64(hi-lo)/float64(max(1, len(lat))))
		}
		lo = hi
	}
	if lo < len(lat) {
		fmt.Fprintf(w, "    >  %-6s %9d  %6.2f%%\n", buckets[len(buckets)-1], len(lat)-lo, 100*float64(len(lat)-lo)/float64(len(lat)))
	}

	if summaryFile != "" {
		var s strings.Builder
		fmt.Fprintf(&s, "REQUESTS=%d\nSECONDS=%.1f\nRPS=%.0f\nS200=%d\nS304=%d\nOTHER=%d\nS5XX=%d\nERRORS=%d\n",
			total, elapsed.Seconds(), rps, statuses[http.StatusOK], statuses[http.StatusNotModified], other, fivexx, transportErrs)
		fmt.Fprintf(&s, "P50_MS=%s\nP90_MS=%s\nP99_MS=%s\nMAX_MS=%s\nMBYTES=%.1f\nCLIENT_CPU_S=%.1f\n", ms(pct(0.50)), ms(pct(0.90)), ms(pct(0.99)), ms(maxLat), float64(received)/1e6, cpu)
		if err := os.WriteFile(summaryFile, []byte(s.String()), 0o644); err != nil {
			return err
		}
	}
	if transportErrs > 0 || fivexx > 0 {
		return fmt.Errorf("%d transport errors, %d 5xx", transportErrs, fivexx)
	}
	if total == 0 {
		return errors.New("no requests made")
	}
	return nil
}
