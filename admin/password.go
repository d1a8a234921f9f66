package admin

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"strings"

	"golang.org/x/crypto/argon2"

	"github.com/bulletinfeed/bulletinfeed"
)

// Params are the costs of an argon2id hash. They are written into each
// hash, so that raising them later leaves older hashes verifiable.
type Params struct {
	// Memory is in KiB.
	Memory  uint32
	Time    uint32
	Threads uint8
}

// DefaultParams are OWASP's recommended argon2id costs (19 MiB, two
// passes, one lane): about 30 ms on one core, which a login can afford and
// a guesser with a stolen store cannot.
var DefaultParams = Params{Memory: 19 * 1024, Time: 2, Threads: 1}

const (
	saltLen = 16
	keyLen  = 32
)

var b64 = base64.RawStdEncoding

// HashPassword returns the argon2id hash of password with a new random
// salt, encoded as in the PHC string format that libsodium and others
// write: $argon2id$v=19$m=19456,t=2,p=1$SALT$KEY.
func HashPassword(password string, p Params) string {
	salt := make([]byte, saltLen)
	rand.Read(salt)
	key := argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, keyLen)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, p.Memory, p.Time, p.Threads, b64.EncodeToString(salt), b64.EncodeToString(key))
}

// VerifyPassword reports whether password is the one hashed into
// encoded, comparing in constant time. A malformed hash is an error, not
// a mismatch: it means the store holds something it should not.
func VerifyPassword(password, encoded string) (bool, error) {
	p, salt, key, err := decodeHash(encoded)
	if err != nil {
		return false, err
	}
	got := argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, uint32(len(key)))
	return subtle.ConstantTimeCompare(got, key) == 1, nil
}

// maxParams bound what a stored hash may ask for, so that a tampered row
// cannot make a login allocate gigabytes.
var maxParams = Params{Memory: 1 << 20, Time: 16, Threads: 16}

func decodeHash(encoded string) (Params, []byte, []byte, error) {
	var p Params
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" {
		return p, nil, nil, bulletinfeed.Errorf(bulletinfeed.Invalid, "password hash is not an argon2id hash")
	}
	var v int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &v); err != nil || v != argon2.Version {
		return p, nil, nil, bulletinfeed.Errorf(bulletinfeed.Invalid, "password hash has version %q, want v=%d", parts[2], argon2.Version)
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.Memory, &p.Time, &p.Threads); err != nil {
		return p, nil, nil, bulletinfeed.Errorf(bulletinfeed.Invalid, "password hash parameters %q: %v", parts[3], err)
	}
	if p.Memory == 0 || p.Time == 0 || p.Threads == 0 || p.Memory > maxParams.Memory || p.Time > maxParams.Time || p.Threads > maxParams.Threads {
		return p, nil, nil, bulletinfeed.Errorf(bulletinfeed.Invalid, "password hash parameters %q out of range", parts[3])
	}
	salt, err := b64.DecodeString(parts[4])
	if err != nil || len(salt) < 8 {
		return p, nil, nil, bulletinfeed.Errorf(bulletinfeed.Invalid, "password hash has a bad salt")
	}
	key, err := b64.DecodeString(parts[5])
	if err != nil || len(key) < 16 {
		return p, nil, nil, bulletinfeed.Errorf(bulletinfeed.Invalid, "password hash has a bad key")
	}
	return p, salt, key, nil
}
