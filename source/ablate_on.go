//go:build ablate

package source

import "os"

// ablated is the rule that BULLETINFEED_ABLATE names, switched off in this
// build so that scripts/ablate-rules.sh can see whether a test notices.
var ablated = os.Getenv("BULLETINFEED_ABLATE")

func off(name string) bool { return name == ablated }
