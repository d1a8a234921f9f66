package poppler

import (
	"testing"
	"time"
)

// A PDF's time to extract grows with its size: a small file that expands
// is stopped in seconds, a large real issue keeps the whole minute.
func TestProportionateTimeout(t *testing.T) {
	for _, c := range []struct {
		size int
		want time.Duration
	}{
		{0, 10 * time.Second},
		{230 << 10, 12 * time.Second},
		{2 << 20, 30 * time.Second},
		{10 << 20, DefaultTimeout},
	} {
		if got := proportionateTimeout(c.size); got != c.want {
			t.Errorf("%d bytes: %v, want %v", c.size, got, c.want)
		}
	}
}
