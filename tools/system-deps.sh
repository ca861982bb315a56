#!/usr/bin/env bash
# Install the Debian packages a target needs, or say exactly how to.
#   tools/system-deps.sh html   Node.js (the build typesets every formula with MathJax)
#   tools/system-deps.sh pdf    TeX, CJK fonts (the PDF)
#   tools/system-deps.sh test   the PDF set + poppler-utils, Chromium, Node.js and npm
# Idempotent: installs only what is missing. Without root rights it installs
# nothing and exits 1, printing the one command to run.
set -euo pipefail

PDF_PACKAGES="texlive-xetex texlive-lang-chinese texlive-fonts-recommended latexmk fonts-freefont-otf fonts-noto-cjk fonts-symbola"
TEST_PACKAGES="$PDF_PACKAGES poppler-utils chromium nodejs npm"

case "${1:-}" in
  html) wanted="nodejs" ;;
  pdf) wanted=$PDF_PACKAGES ;;
  test) wanted=$TEST_PACKAGES ;;
  *) echo "usage: $0 html|pdf|test" >&2; exit 2 ;;
esac

missing=""
for pkg in $wanted; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing="$missing $pkg"
done
# Node.js and npm may come from elsewhere than Debian (preinstalled on some images).
if [[ " $missing " == *" nodejs "* ]] && command -v node >/dev/null; then
  missing="${missing/ nodejs/}"
fi
if [[ " $missing " == *" npm "* ]] && command -v npm >/dev/null; then
  missing="${missing/ npm/}"
fi
[ -z "$missing" ] && exit 0

cmd="apt-get update && apt-get install -y --no-install-recommends$missing"
if [ "$(id -u)" != 0 ]; then
  echo "Missing system packages:$missing" >&2
  echo "Run as root:  sudo sh -c '$cmd'" >&2
  exit 1
fi
echo "Installing system packages:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
