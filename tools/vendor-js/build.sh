#!/usr/bin/env bash
# Rebuilds the vendored graph and chart libraries under wwwroot/lib from the exact versions
# pinned in package.json / package-lock.json. Run by hand when updating; the app
# build and CI never run it (the output is committed).
set -euo pipefail
cd "$(dirname "$0")"
LIB=../../wwwroot/lib

npm ci --no-audit --no-fund

rm -rf "$LIB/graphology" "$LIB/sigma" "$LIB/graphology-layouts" "$LIB/echarts"
mkdir -p "$LIB/graphology" "$LIB/sigma" "$LIB/graphology-layouts" "$LIB/echarts"

# 1. Standalone builds shipped by the packages themselves (UMD: globals `graphology`, `Sigma`).
cp node_modules/graphology/dist/graphology.umd.min.js "$LIB/graphology/graphology.umd.min.js"
cp node_modules/graphology/LICENSE.txt "$LIB/graphology/LICENSE.txt"
cp node_modules/sigma/dist/sigma.min.js "$LIB/sigma/sigma.min.js"
cp node_modules/sigma/LICENSE.txt "$LIB/sigma/LICENSE.txt"

# 2. graphology layouts have no standalone build: one esbuild IIFE bundle, global `GraphologyLayouts`.
# --legal-comments=none: the licences go to LICENSES.txt beside the bundle instead.
npx --no-install esbuild layouts-entry.js \
  --bundle --minify --format=iife --global-name=GraphologyLayouts \
  --platform=browser --target=es2017 --legal-comments=none \
  --outfile="$LIB/graphology-layouts/graphology-layouts.min.js"

# Licences of every package that ends up in the bundle (esbuild's metafile would list
# them too; this list is checked against it below).
BUNDLED="graphology-layout graphology-layout-forceatlas2 graphology-layout-noverlap graphology-utils"
{
  echo "graphology-layouts.min.js bundles the following npm packages."
  echo
  for p in $BUNDLED; do
    v=$(node -p "require('./node_modules/$p/package.json').version")
    echo "================================================================"
    echo "$p@$v"
    echo "================================================================"
    cat node_modules/$p/LICENSE*
    echo
  done
} > "$LIB/graphology-layouts/LICENSES.txt"

# Check that the bundle contains no package whose licence is missing from LICENSES.txt.
npx --no-install esbuild layouts-entry.js --bundle --format=iife --platform=browser \
  --metafile=/tmp/vendor-js-meta.json --outfile=/dev/null --log-level=warning
node -e '
  const meta = require("/tmp/vendor-js-meta.json");
  const pkgs = new Set(Object.keys(meta.inputs)
    .map(f => (f.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/) || [])[1]).filter(Boolean));
  const listed = new Set(process.argv[1].split(" "));
  const missing = [...pkgs].filter(p => !listed.has(p));
  if (missing.length) { console.error("licence missing for bundled package(s):", missing.join(", ")); process.exit(1); }
  console.log("bundled packages:", [...pkgs].sort().join(", "));
' "$BUNDLED"

# 3. ECharts for the time charts: a custom build through echarts/core with only the parts echarts-entry.js
# registers (SVG renderer only), one esbuild IIFE bundle, global `echarts`.
npx --no-install esbuild echarts-entry.js \
  --bundle --minify --format=iife --global-name=echarts \
  --platform=browser --target=es2017 --legal-comments=none \
  --metafile=/tmp/vendor-js-echarts-meta.json \
  --outfile="$LIB/echarts/echarts.min.js"
cp node_modules/echarts/LICENSE "$LIB/echarts/LICENSE"
cp node_modules/echarts/NOTICE "$LIB/echarts/NOTICE"
ECHARTS_BUNDLED="echarts zrender tslib"
{
  echo "echarts.min.js bundles the following npm packages."
  echo
  for p in $ECHARTS_BUNDLED; do
    v=$(node -p "require('./node_modules/$p/package.json').version")
    echo "================================================================"
    echo "$p@$v"
    echo "================================================================"
    cat node_modules/$p/LICENSE*
    echo
  done
} > "$LIB/echarts/LICENSES.txt"
node -e '
  const meta = require("/tmp/vendor-js-echarts-meta.json");
  const pkgs = new Set(Object.keys(meta.inputs)
    .map(f => (f.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/) || [])[1]).filter(Boolean));
  const listed = new Set(process.argv[1].split(" "));
  const missing = [...pkgs].filter(p => !listed.has(p));
  if (missing.length) { console.error("licence missing for bundled package(s) of echarts.min.js:", missing.join(", ")); process.exit(1); }
  console.log("echarts bundle packages:", [...pkgs].sort().join(", "));
' "$ECHARTS_BUNDLED"
if grep -q -e "eval(" -e "new Function" "$LIB/echarts/echarts.min.js"; then
  echo "echarts.min.js uses eval or new Function; the Content-Security-Policy forbids both" >&2; exit 1
fi

ls -l "$LIB"/graphology/* "$LIB"/sigma/* "$LIB"/graphology-layouts/* "$LIB"/echarts/*
