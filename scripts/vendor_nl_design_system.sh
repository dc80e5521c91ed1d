#!/usr/bin/env bash
# Vendor NL Design System's CSS into nap_graph_api/static/nl-design-system/ (docs/site.md,
# "The look"). The files are copied unchanged from the npm registry's packages at the pinned
# versions; the site serves them itself (no CDN). Run after changing a version, then look at
# the pages (scripts/screenshots.py) and run the browser tests (tests/api/test_site.py).
set -euo pipefail
COMPONENTS=@utrecht/component-library-css@9.0.4
THEME=@nl-design-system-unstable/voorbeeld-design-tokens@7.4.1
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/nap_graph_api/static/nl-design-system"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack --silent "$COMPONENTS" "$THEME" >/dev/null
mkdir components theme
tar xzf utrecht-component-library-css-*.tgz -C components
tar xzf nl-design-system-unstable-voorbeeld-design-tokens-*.tgz -C theme
cp components/package/dist/index.css "$out/utrecht-components.css"
cp components/package/dist/html.css "$out/utrecht-html.css"
cp theme/package/dist/theme.css "$out/voorbeeld-theme.css"
cp components/package/LICENSE.md "$out/LICENSE.md"
echo "vendored $COMPONENTS and $THEME into ${out#"$root"/}"
