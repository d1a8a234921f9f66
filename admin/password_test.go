package admin_test

import (
	"strings"
	"testing"

	"github.com/bulletinfeed/bulletinfeed/admin"
)

// cheap are argon2id costs small enough for tests that hash often.
var cheap = admin.Params{Memory: 64, Time: 1, Threads: 1}

// TestPasswordHash: the encoded hash names argon2id and its costs; the
// right password verifies and a wrong one does not; two hashes of one
// password differ by their salts; malformed or overpriced hashes are
// errors, not mismatches.
func TestPasswordHash(t *testing.T) {
	h := admin.HashPassword("correct horse", admin.DefaultParams)
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Fatalf("hash = %q, want the argon2id PHC form with the default costs", h)
	}
	for _, tc := range []struct {
		name, pw string
		want     bool
	}{
		{"right", "correct horse", true},
		{"wrong", "correct horsE", false},
		{"empty", "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ok, err := admin.VerifyPassword(tc.pw, h)
			if err != nil || ok != tc.want {
				t.Fatalf("VerifyPassword(%q) = %v, %v; want %v", tc.pw, ok, err, tc.want)
			}
		})
	}
	if h2 := admin.HashPassword("correct horse", admin.DefaultParams); h2 == h {
		t.Fatal("two hashes of one password are equal: no per-hash salt")
	}
	// A hash made with other costs verifies with its own.
	if ok, err := admin.VerifyPassword("pw", admin.HashPassword("pw", cheap)); !ok || err != nil {
		t.Fatalf("cheap hash: %v, %v", ok, err)
	}
	for _, bad := range []string{
		"",
		"plain",
		"$argon2i$v=19$m=64,t=1,p=1$c2FsdHNhbHRzYWx0$a2V5a2V5a2V5a2V5a2V5a2V5",
		"$argon2id$v=16$m=64,t=1,p=1$c2FsdHNhbHRzYWx0$a2V5a2V5a2V5a2V5a2V5a2V5",
		"$argon2id$v=19$m=99999999,t=1,p=1$c2FsdHNhbHRzYWx0$a2V5a2V5a2V5a2V5a2V5a2V5",
		"$argon2id$v=19$m=64,t=1,p=1$!!$a2V5a2V5a2V5a2V5a2V5a2V5",
	} {
		if ok, err := admin.VerifyPassword("pw", bad); ok || err == nil {
			t.Errorf("VerifyPassword with hash %q = %v, %v; want an error", bad, ok, err)
		}
	}
}
