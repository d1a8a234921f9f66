#!/bin/sh
# reencode-corpus.sh prints every real bulletin of ../shared/testdata/real
# again through cairo (pdftocairo -pdf: new font names, fonts split into
# subsets, some text drawn as outlines) and scores the parse of the copies
# against the same goldens (source/reencoded_test.go), beside the scores
# of the originals. A large drop means the parser leans on how one program
# wrote a file rather than on what the page shows.
#
# Usage: scripts/reencode-corpus.sh
set -eu
cd "$(dirname "$0")/.."
command -v pdftocairo >/dev/null 2>&1 || { echo "reencode-corpus: pdftocairo not found (Debian poppler-utils)" >&2; exit 1; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
for f in ../shared/testdata/real/*.pdf; do
	case $f in *-scan.pdf) continue ;; esac
	pdftocairo -pdf "$f" "$dir/$(basename "$f")"
done
echo "== originals"
go test -count=1 ./source -run 'TestRealCorpus$' -v | grep -E 'articles [0-9]' | sed 's/.*_test.go:[0-9]*: //'
echo "== printed again through cairo"
BULLETINFEED_REENCODED=$dir go test -count=1 ./source -run 'TestRealCorpusReencoded$' -v | grep -E 'articles [0-9]|FAIL|: ' | sed 's/.*_test.go:[0-9]*: //'
