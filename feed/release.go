package feed

import "runtime/debug"

// releaseRender gives the garbage of a render back to the operating system
// when Config.ReleaseMemory is set. A render at 100,000 articles allocates
// some 90 MB, all garbage once its site is swapped in; under the high GOGC
// serve runs with, the heap it grew to would otherwise stay resident for
// minutes (about 85 MB after start instead of 60). Before the first site
// nothing is served, so that first collection is made before it is
// swapped in; a later one runs in the background, and renders that end
// while it runs share it.
func (s *Handler) releaseRender(first bool) {
	if !s.cfg.ReleaseMemory {
		return
	}
	if first {
		debug.FreeOSMemory()
		return
	}
	if s.releasing.CompareAndSwap(false, true) {
		go func() {
			defer s.releasing.Store(false)
			debug.FreeOSMemory()
		}()
	}
}
