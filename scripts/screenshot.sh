#!/usr/bin/env bash
# Renders examples/data/sample-article.txt as HTML with the extract example and takes
# screenshots of it in headless Chromium (Debian package `chromium`, installed with
# apt-get when missing): desktop-sized, phone-sized, and the phone opened at the first
# fact's evidence (the `:target` highlight).
#
#   scripts/screenshot.sh [OUT_DIR] [ARTICLE]
#
# OUT_DIR defaults to target/screenshots; ARTICLE to examples/data/sample-article.txt.
# Prints the paths of the HTML page and the PNG files.
set -euo pipefail
cd "$(dirname "$0")/.."

out_dir=${1:-target/screenshots}
article=${2:-examples/data/sample-article.txt}
mkdir -p "$out_dir"
out_dir=$(cd "$out_dir" && pwd)

if ! command -v chromium >/dev/null 2>&1; then
    echo "== installing chromium (Debian)" >&2
    if [ "$(id -u)" -eq 0 ]; then sudo=; else sudo=sudo; fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
fi

echo "== rendering $article" >&2
cargo build --release --example extract --quiet
target_dir=${CARGO_TARGET_DIR:-target}
"$target_dir/release/examples/extract" --quiet --format html "$article" > "$out_dir/article.html"

profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
shoot() { # NAME WIDTH HEIGHT [extra flags]
    local name=$1 width=$2 height=$3
    shift 3
    chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$profile/$name" --hide-scrollbars \
        --window-size="$width,$height" "$@" \
        --screenshot="$out_dir/$name.png" "file://$out_dir/article.html${fragment:-}" >/dev/null 2>&1
    echo "$out_dir/$name.png"
}
echo "$out_dir/article.html"
shoot desktop 1100 2400
# A phone: 390 CSS pixels wide at twice the density.
shoot phone 390 1700 --force-device-scale-factor=2
# The phone again, opened at the first fact's evidence (as after tapping its summary);
# the window is taller than the page, as headless Chromium paints nothing once scrolled.
fragment=$(grep -o 'class="summary" href="#[^"]*"' "$out_dir/article.html" | head -n 1 | sed 's/.*href="//; s/"$//')
if [ -n "$fragment" ]; then
    fragment=$fragment shoot phone-evidence 390 4200 --force-device-scale-factor=2
fi
