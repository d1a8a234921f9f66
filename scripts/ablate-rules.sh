#!/bin/sh
# ablate-rules.sh switches off each of the parser's rules in turn (the
# names in source/rules.go) and runs the source package's tests without
# it. A rule whose removal leaves every test passing is not pinned by any
# test: it needs a case in source/rules_test.go, or it is unused and should
# go. Exit status 1 when such a rule exists.
#
# Usage: scripts/ablate-rules.sh [rule ...]   (default: every rule)
set -eu
cd "$(dirname "$0")/.."

rules="$*"
if [ -z "$rules" ]; then
	rules=$(sed -n '/^var ruleNames = \[\]string{/,/^}/p' source/rules.go | grep -o '"[a-z0-9-]*"' | tr -d '"')
fi

# Build the test binary once; each rule is one run of it.
bin=$(mktemp -d)/source.test
trap 'rm -rf "$(dirname "$bin")"' EXIT
go test -tags ablate -c -o "$bin" ./source/

# The tests find their files relative to the package directory.
cd source
unpinned=""
for r in $rules; do
	if out=$(BULLETINFEED_ABLATE=$r "$bin" -test.count=1 -test.skip "^TestEveryRuleHasACase$" 2>&1); then
		echo "PASS without $r  <- not pinned by any test"
		unpinned="$unpinned $r"
	else
		n=$(printf '%s\n' "$out" | grep -c -- '^ *--- FAIL' || true)
		echo "fail without $r  ($n failing tests)"
	fi
done
if [ -n "$unpinned" ]; then
	echo "rules that no test pins:$unpinned"
	exit 1
fi
echo "every rule is pinned by at least one test"
