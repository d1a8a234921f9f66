#!/usr/bin/env bash
# check-a11y.sh - automated accessibility check of the pages, with axe-core
# in headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core).
#
# Builds bulletinfeed, serves the example configuration
# (examples/bulletinfeed.toml, which seeds the reference issue from
# ../shared beside the clone) into a temporary store on a free loopback
# port, and runs axe (WCAG 2.0/2.1 A and AA rules) on the index, a section,
# an article and an issue page, in light and dark colour schemes, at
# desktop and phone width. Each page must also load with no console error
# (a Content-Security-Policy violation among them). Exits non-zero on any
# violation.
#
#   scripts/check-a11y.sh
#   SCREENSHOTS=docs scripts/check-a11y.sh   # also writes docs/screenshot-*.png
#
# axe-core and playwright-core are installed with npm into A11Y_MODULES
# (default /opt/bulletinfeed-a11y) when missing; CHROMIUM names the browser.
# Screenshots of Chinese pages need a CJK font (apt-get install fonts-noto-cjk).
set -euo pipefail
cd "$(dirname "$0")/.."

A11Y_MODULES=${A11Y_MODULES:-/opt/bulletinfeed-a11y}
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
SCREENSHOTS=${SCREENSHOTS:-}

if [ ! -x "$CHROMIUM" ]; then
  echo "check-a11y: no Chromium at $CHROMIUM (apt-get install chromium)" >&2
  exit 1
fi
if [ ! -d "$A11Y_MODULES/node_modules/axe-core" ] || [ ! -d "$A11Y_MODULES/node_modules/playwright-core" ]; then
  echo "check-a11y: installing axe-core and playwright-core into $A11Y_MODULES"
  mkdir -p "$A11Y_MODULES"
  [ -f "$A11Y_MODULES/package.json" ] || echo '{"private":true}' >"$A11Y_MODULES/package.json"
  (cd "$A11Y_MODULES" && npm install --no-audit --no-fund --silent axe-core@4 playwright-core@1)
fi

T=$(mktemp -d)
SERVER_PID=
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$T"
}
trap cleanup EXIT

echo "check-a11y: building"
go build -o "$T/bulletinfeed" ./cmd/bulletinfeed

# serve opens an existing store only: the first ingest makes it, then
# serve ingests the configuration's seeds.
"$T/bulletinfeed" ingest --config examples/bulletinfeed.toml --db "$T/bulletinfeed.db" \
  ../shared/testdata/hexi-2023-04.txt 2>"$T/ingest.log" || { cat "$T/ingest.log" >&2; exit 1; }

port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
BASE=http://127.0.0.1:$port
"$T/bulletinfeed" serve --config examples/bulletinfeed.toml --db "$T/bulletinfeed.db" \
  --addr "127.0.0.1:$port" --base-url "$BASE" 2>"$T/serve.log" &
SERVER_PID=$!
for _ in $(seq 1 100); do
  if curl -fs -o /dev/null "$BASE/healthz"; then break; fi
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then cat "$T/serve.log" >&2; exit 1; fi
  sleep 0.1
done

# The pages: the index, then the first section, article and issue it
# links to.
index=$(curl -fsS "$BASE/")
first() { grep -o "href=\"/$1/[^\"/]*\"" <<<"$index" | head -1 | sed 's/^href="//; s/"$//'; }
section=$(first sections)
issue=$(first issues)
article=$(curl -fsS "$BASE$section" | grep -o 'href="/articles/[^"]*"' | head -1 | sed 's/^href="//; s/"$//')
for p in "$section" "$issue" "$article"; do
  if [ -z "$p" ]; then echo "check-a11y: the index does not link a section, an issue and an article" >&2; exit 1; fi
done

cat >"$T/check-a11y.js" <<'JS'
// check-a11y.js BASE PATH... (written here by check-a11y.sh) - runs axe-core on each page in headless
// Chromium, in light and dark colour schemes at desktop and phone width,
// and fails on any violation or console error. Run by check-a11y.sh, which
// sets NODE_PATH, CHROMIUM and SCREENSHOTS (a folder for screenshots of
// the index and the article, the second and fourth paths).
'use strict';
const fs = require('fs');
const path = require('path');
const { chromium } = require('playwright-core');
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const [base, ...paths] = process.argv.slice(2);
const views = [
  { name: 'desktop', viewport: { width: 1280, height: 900 }, isMobile: false },
  { name: 'phone', viewport: { width: 390, height: 844 }, isMobile: true, deviceScaleFactor: 1 },
];
const schemes = ['light', 'dark'];
const shots = { '/': 'index' };
if (paths[2]) shots[paths[2]] = 'article';

(async () => {
  // launch() gives Chromium a fresh, temporary profile of its own.
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  let failures = 0;
  try {
    for (const view of views) {
      for (const scheme of schemes) {
        const context = await browser.newContext({
          viewport: view.viewport, isMobile: view.isMobile, deviceScaleFactor: 1, colorScheme: scheme,
        });
        for (const p of paths) {
          const page = await context.newPage();
          const errors = [];
          page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
          page.on('pageerror', (e) => errors.push(String(e)));
          const res = await page.goto(base + p, { waitUntil: 'load' });
          const where = `${p} (${view.name}, ${scheme})`;
          if (!res || res.status() !== 200) {
            console.log(`FAIL ${where}: status ${res && res.status()}`);
            failures++;
            continue;
          }
          // axe is evaluated by the driver, not loaded by the page, so the
          // page's CSP (no script) stays as served.
          await page.evaluate(axeSource);
          const result = await page.evaluate(() => window.axe.run(document, {
            runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
          }));
          for (const v of result.violations) {
            failures++;
            console.log(`FAIL ${where}: ${v.id} (${v.impact}): ${v.help}`);
            for (const n of v.nodes.slice(0, 5)) console.log(`    ${n.target.join(' ')}: ${n.failureSummary.replace(/\n/g, ' ')}`);
          }
          for (const e of errors) {
            failures++;
            console.log(`FAIL ${where}: console: ${e}`);
          }
          if (result.violations.length === 0 && errors.length === 0) console.log(`ok   ${where}: ${result.passes.length} rules pass`);
          if (process.env.SCREENSHOTS && shots[p]) {
            const file = path.join(process.env.SCREENSHOTS, `screenshot-${shots[p]}-${view.name}-${scheme}.png`);
            await page.screenshot({ path: file, fullPage: false });
          }
          await page.close();
        }
        await context.close();
      }
    }
  } finally {
    await browser.close();
  }
  if (failures > 0) {
    console.log(`check-a11y: ${failures} problem(s)`);
    process.exit(1);
  }
  console.log('check-a11y: no violations');
})().catch((e) => { console.error(e); process.exit(2); });
JS
NODE_PATH="$A11Y_MODULES/node_modules" CHROMIUM="$CHROMIUM" SCREENSHOTS="$SCREENSHOTS" \
  node "$T/check-a11y.js" "$BASE" "/" "$section" "$article" "$issue"

# The README shows these two.
if [ -n "$SCREENSHOTS" ]; then
  cp "$SCREENSHOTS/screenshot-index-desktop-light.png" "$SCREENSHOTS/screenshot-index.png"
  cp "$SCREENSHOTS/screenshot-article-phone-light.png" "$SCREENSHOTS/screenshot-article.png"
fi
