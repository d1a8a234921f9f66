package fetchtest

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/bulletinfeed/bulletinfeed/fetch"
)

// Sleeps records the waits a Fetcher asks for, without waiting.
type Sleeps struct {
	mu sync.Mutex
	d  []time.Duration
}

// Sleep records d and returns at once.
func (s *Sleeps) Sleep(_ context.Context, d time.Duration) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.d = append(s.d, d)
	return nil
}

// All returns the waits asked for so far.
func (s *Sleeps) All() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]time.Duration(nil), s.d...)
}

// Now is the clock of the fetchers NewFetcher makes.
var Now = time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC)

// NewFetcher returns a Fetcher that sleeps through s, tells the time as
// Now and names itself bulletinfeed/1.2.3.
func NewFetcher(s *Sleeps) *fetch.Fetcher {
	return &fetch.Fetcher{Sleep: s.Sleep, Now: func() time.Time { return Now }, UserAgent: fetch.UserAgent("1.2.3", "https://news.example.org/")}
}

// Answers serves its handlers in turn, the last one for good, and counts
// the requests.
type Answers struct {
	mu    sync.Mutex
	Steps []http.HandlerFunc
	n     int
}

func (a *Answers) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	a.mu.Lock()
	h := a.Steps[min(a.n, len(a.Steps)-1)]
	a.n++
	a.mu.Unlock()
	h(w, r)
}

// Count returns how many requests came.
func (a *Answers) Count() int {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.n
}

// Status answers code with the header pairs given.
func Status(code int, header ...string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		for i := 0; i+1 < len(header); i += 2 {
			w.Header().Set(header[i], header[i+1])
		}
		w.WriteHeader(code)
		fmt.Fprintf(w, "status %d", code)
	}
}
