package main

import (
	"testing"
	"time"
)

// TestPictureLimitsConfig: max_pictures and max_picture_bytes come from
// the file, then the environment, and reach the parse options; 0 pictures
// turns their extraction off; a negative count is a mistake.
func TestPictureLimitsConfig(t *testing.T) {
	path := writeConfig(t, "max_pictures = 7\nmax_picture_bytes = \"5M\"\n")
	env := map[string]string{"BULLETINFEED_CONFIG": path}
	e := &Env{Getenv: func(k string) string { return env[k] }}
	cfg, err := loadConfig(e, nil)
	if err != nil {
		t.Fatal(err)
	}
	opts := cfg.sourceOptions("default", nil, time.UTC)
	if !opts.Pictures || opts.MaxPictures != 7 || opts.MaxPictureBytes != 5<<20 {
		t.Errorf("from the file: pictures %v, %d, %d bytes", opts.Pictures, opts.MaxPictures, opts.MaxPictureBytes)
	}
	env["BULLETINFEED_MAX_PICTURES"] = "0"
	if cfg, err = loadConfig(e, nil); err != nil {
		t.Fatal(err)
	}
	if opts := cfg.sourceOptions("default", nil, time.UTC); opts.Pictures {
		t.Errorf("BULLETINFEED_MAX_PICTURES=0 still extracts pictures")
	}
	if ps := configProblems(t, "max_pictures = -1\n"); len(ps) != 1 {
		t.Errorf("max_pictures = -1: problems %v, want one", ps)
	}
}
