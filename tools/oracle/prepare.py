#!/usr/bin/env python3
"""Helpers for tools/oracle/build.sh (Python 3.11 stdlib only).

  prepare.py package-json DIR
      Make DIR/package.json installable from the npm registry alone: drop every
      dependency whose spec is a git/GitHub/URL/file/link spec (not reachable here),
      drop `packageManager` (corepack would fetch a package manager) and the root
      lifecycle scripts npm would run (`preinstall`, `install`, `postinstall`,
      `prepare`: husky, patch-package, binary downloads). Prints one JSON object:
      {"changed": bool, "dropped": [...]}. The original is kept as package.json.orig.

  prepare.py fix-dep DIR NAME
      The registry lacks the version of NAME the site asks for: a direct dependency is
      relaxed to "*" (the newest the registry has) the first time and dropped the second.
      Prints what was done ("relaxed", "dropped", or "absent" when NAME is not direct).

  prepare.py node-options DIR BIN
      The NODE_OPTIONS the site's own package.json scripts set when they run BIN
      (e.g. `NODE_OPTIONS='-r ts-node/register' eleventy`), or nothing.

  prepare.py count-html DIR
      Number of .html files under DIR (a quick page count for the build record).
"""
import json
import os
import re
import sys

UNREACHABLE = re.compile(r"^(git\+|git:|git@|github:|gitlab:|bitbucket:|https?:|file:|link:|portal:)")
SHORTHAND_REPO = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+(#.*)?$")  # "user/repo" means GitHub


def package_json(d):
    path = os.path.join(d, "package.json")
    with open(path, encoding="utf-8") as f:
        pkg = json.load(f)
    dropped = []
    for field in ("dependencies", "devDependencies", "optionalDependencies", "peerDependencies"):
        deps = pkg.get(field)
        if not isinstance(deps, dict):
            continue
        for name, spec in list(deps.items()):
            if not isinstance(spec, str):
                continue
            if UNREACHABLE.match(spec) or SHORTHAND_REPO.match(spec):
                dropped.append(f"{field}:{name}@{spec}")
                del deps[name]
    if "packageManager" in pkg:
        dropped.append(f"packageManager:{pkg.pop('packageManager')}")
    scripts = pkg.get("scripts")
    if isinstance(scripts, dict):
        for hook in ("preinstall", "install", "postinstall", "prepare", "prepublish"):
            if hook in scripts:
                dropped.append(f"scripts.{hook}:{scripts.pop(hook)}")
    changed = bool(dropped)
    if changed:
        os.replace(path, path + ".orig")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(pkg, f, indent=2, ensure_ascii=False)
            f.write("\n")
    print(json.dumps({"changed": changed, "dropped": dropped}, ensure_ascii=False))


def fix_dep(d, name):
    path = os.path.join(d, "package.json")
    with open(path, encoding="utf-8") as f:
        pkg = json.load(f)
    action = "absent"
    for field in ("dependencies", "devDependencies", "optionalDependencies", "peerDependencies"):
        deps = pkg.get(field)
        if isinstance(deps, dict) and name in deps:
            if deps[name] != "*":
                deps[name] = "*"
                action = "relaxed"
            else:
                del deps[name]
                action = "dropped"
    if action != "absent":
        if not os.path.exists(path + ".orig"):
            os.replace(path, path + ".orig")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(pkg, f, indent=2, ensure_ascii=False)
            f.write("\n")
    print(action)


def node_options(d, binary):
    try:
        with open(os.path.join(d, "package.json"), encoding="utf-8") as f:
            scripts = json.load(f).get("scripts") or {}
    except (OSError, ValueError):
        return
    pat = re.compile(r"NODE_OPTIONS=(?:'([^']*)'|\"([^\"]*)\"|(\S+))")
    for cmd in scripts.values():
        if not isinstance(cmd, str) or not re.search(r"(^|[\s/])" + re.escape(binary) + r"(\s|$)", cmd):
            continue
        for part in re.split(r"&&|;|\|\|", cmd):
            if re.search(r"(^|[\s/])" + re.escape(binary) + r"(\s|$)", part):
                m = pat.search(part)
                if m:
                    print(next(g for g in m.groups() if g is not None))
                    return


def count_html(d):
    n = 0
    for _root, _dirs, files in os.walk(d):
        n += sum(1 for f in files if f.endswith(".html"))
    print(n)


def main(argv):
    if len(argv) == 4 and argv[1] == "fix-dep":
        fix_dep(argv[2], argv[3])
        return
    if len(argv) == 4 and argv[1] == "node-options":
        node_options(argv[2], argv[3])
        return
    if len(argv) != 3:
        sys.exit(__doc__)
    cmd, d = argv[1], argv[2]
    if cmd == "package-json":
        package_json(d)
    elif cmd == "count-html":
        count_html(d)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
