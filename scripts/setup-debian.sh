#!/usr/bin/env bash
# Install officialdoc on Debian 12 (bookworm): system packages, free Chinese fonts, and a
# virtual environment in .venv with the package and its dependencies.
#
#   bash scripts/setup-debian.sh          # to render documents
#   bash scripts/setup-debian.sh --test   # also LibreOffice and poppler, for the test suite
#
# Free fonts: Fandol (仿宋/黑体/楷体/宋体, GPL with font exception) is taken out of Debian's
# texlive-lang-chinese package without installing TeX; AR PL, WenQuanYi and Liberation come
# from their Debian packages. Licensed fonts (方正小标宋简体, 仿宋_GB2312 …) go in
# ~/.local/share/officialdoc/fonts (or fonts/ of this checkout): see README.md, "Fonts".
set -euo pipefail
cd "$(dirname "$0")/.."

with_tests=0
[ "${1:-}" = "--test" ] && with_tests=1

sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"

packages=(python3 python3-venv python3-pip fontconfig fonts-liberation
          fonts-arphic-ukai fonts-arphic-uming fonts-wqy-zenhei)
if [ "$with_tests" = 1 ]; then
  packages+=(libreoffice-writer-nogui poppler-utils)
fi

$sudo apt-get update -qq
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null

if ! fc-list : family | grep -q '^FandolFang'; then
  if [ "$(id -u)" -eq 0 ]; then dest=/usr/local/share/fonts/fandol; else dest="$HOME/.local/share/fonts/fandol"; fi
  work=$(mktemp -d)
  (cd "$work" && apt-get download -qq texlive-lang-chinese 2>/dev/null && dpkg-deb -x texlive-lang-chinese_*.deb x)
  mkdir -p "$dest"
  cp "$work"/x/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol/Fandol{Fang,Hei,Kai,Song}-*.otf "$dest"/
  rm -rf "$work"
  fc-cache -f >/dev/null
  echo "installed Fandol fonts into $dest"
fi

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip >/dev/null
.venv/bin/python -m pip install -q -e '.[test]'
# Convert the CFF fonts for the PDF renderer once (cached in ~/.cache/officialdoc).
.venv/bin/officialdoc fonts --prepare
