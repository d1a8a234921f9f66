package config

import (
	"strings"
	"testing"
)

// A value of the wrong type is worded for the file's author, whatever the
// Go types of the tables are named.
func TestTypeMessages(t *testing.T) {
	for doc, want := range map[string]string{
		"log = 3\n":         "want a table ([log])",
		"publication = 3\n": "want tables ([[publication]])",
		"[[publication]]\nid = \"a\"\nsources = 3\n":    "want tables ([[publication.sources]])",
		"[[publication]]\nid = \"a\"\nvocabulary = 3\n": "want a table ([publication.vocabulary])",
		"[websub]\nallow_private_callbacks = \"yes\"\n": "want true or false",
		"websub = 3\n": "want a table ([websub])",
	} {
		_, err := ParseFile([]byte(doc), "/etc/bulletinfeed.toml")
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: %v, want %q", doc, err, want)
		}
	}
}
