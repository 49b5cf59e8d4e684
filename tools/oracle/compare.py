#!/usr/bin/env python3
"""Compare what postlint believes of a site with what its real generator built (issue 30 §5).

    compare.py SITE BUILT_JSON [--postlint BIN] [--json OUT] [--show N]

SITE is the site's root (where `postlint site` and `postlint check` run); BUILT_JSON is
`manifest.py`'s ground truth for the same site built by its generator. Three agreements:

  pages    each Markdown file postlint says the generator builds (post, page, doc, list):
           is its URL one the build serves? A built file whose URL postlint does not know
           counts against it.
  ids      each heading of those pages that the build renders (found by its text): does
           postlint give it the id the build gives it?
  reports  each IMG006/LNK002/LNK003/LNK009 postlint reports: does the built page's
           reference really lack its target (or its fragment)? A reference the built page
           does not have as written is "unverified".

Python 3.11 stdlib only. Exit 0 always; the figures are the result.
"""
import argparse
import json
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

BUILT_KINDS = {"post", "page", "doc", "list"}
REFERENCE_CODES = {"IMG006", "LNK002", "LNK003", "LNK009"}
# Symbols themes append to a heading's text for its permalink (VitePress's anchor holds a
# zero-width space).
PERMALINK = re.compile(r"[\s¶#🔗§\u200b]+$")


def run_json(args, cwd):
    out = subprocess.run(args, cwd=cwd, capture_output=True, text=True)
    try:
        return json.loads(out.stdout)
    except json.JSONDecodeError:
        sys.exit(f"{' '.join(args)} in {cwd} gave no JSON: {out.stderr[:500]}")


def fold(text):
    text = unicodedata.normalize("NFKC", text or "")
    text = PERMALINK.sub("", text)
    return re.sub(r"\s+", " ", text).strip().lower()


def served(built):
    """Every URL form the build answers, to its page."""
    pages = {}
    for page in built["pages"]:
        for form in page.get("served_as", [page["url"]]):
            pages.setdefault(form, page)
    return pages


def with_base(base, url):
    base = (base or "/").rstrip("/")
    return base + url if url.startswith("/") else url


def line_text(site, path, line, column, end_line, end_column):
    try:
        lines = (Path(site) / path).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    if line != end_line or not (0 < line <= len(lines)):
        return None
    return lines[line - 1][column - 1 : end_column - 1]


def compare(site, built_json, postlint, show):
    built = json.loads(Path(built_json).read_text(encoding="utf-8"))
    base = built.get("base") or "/"
    pages = served(built)
    described = run_json([postlint, "site", "--detail", "--output-format", "json"], site)
    report = run_json([postlint, "check", "--no-cache", "--output-format", "json", "--exit-zero", "."], site)
    result = {"site": str(site), "generator": None, "pages": {}, "ids": {}, "reports": {}}
    page_of_file = {}
    agree, total, misses = 0, 0, []
    id_agree, id_total, id_misses = 0, 0, []
    for one in described["sites"]:
        result["generator"] = one["generator"]
        for file in one["files"]:
            # Drafts and `published: false` are not built; their kind stays what it is.
            if file["kind"] not in BUILT_KINDS or not file.get("published", True):
                continue
            total += 1
            url = file.get("url")
            page = pages.get(with_base(base, url)) if url else None
            if page is None:
                misses.append((file["path"], url))
                continue
            agree += 1
            page_of_file[file["path"]] = page
            by_text = {}
            for heading in page.get("headings", []):
                by_text.setdefault(fold(heading.get("text")), heading)
            for heading in file.get("headings") or []:
                if not heading.get("id"):
                    continue
                rendered = by_text.get(fold(heading["text"]))
                if rendered is None:
                    continue
                id_total += 1
                if rendered.get("id") == heading["id"] or heading["id"] in page.get("ids", []):
                    id_agree += 1
                else:
                    id_misses.append((file["path"], heading["text"], heading["id"], rendered.get("id")))
    result["pages"] = {"agree": agree, "total": total, "misses": misses[:show]}
    result["ids"] = {"agree": id_agree, "total": id_total, "misses": id_misses[:show]}
    confirmed, contradicted, unverified = [], [], []
    for diagnostic in report["diagnostics"]:
        if diagnostic["code"] not in REFERENCE_CODES:
            continue
        written = line_text(site, diagnostic["path"], diagnostic["line"], diagnostic["column"],
                            diagnostic["end_line"], diagnostic["end_column"])
        page = page_of_file.get(diagnostic["path"])
        row = (diagnostic["path"], diagnostic["line"], diagnostic["code"], written)
        if page is None or not written:
            unverified.append(row)
            continue
        fragment_only = diagnostic["code"] in ("LNK009",) or (diagnostic["code"] == "LNK002" and "anchor" in diagnostic["message"])
        # The reference as written: the same value, else (a Liquid or shortcode prefix
        # rendered away) one that ends with it.
        values = [ref for ref in page.get("refs", []) if (ref.get("value") or "") == written]
        refs = values or [ref for ref in page.get("refs", []) if len(written) >= 8 and (ref.get("value") or "").endswith(written)]
        if fragment_only:
            fragment = written.lstrip("#")
            refs = refs or [ref for ref in page.get("refs", []) if (ref.get("fragment") or "") == fragment]
        if not refs:
            unverified.append(row)
            continue
        ref = refs[0]
        if fragment_only:
            lacks = ref.get("fragment_found") is False or ref.get("target") is None
        else:
            lacks = ref.get("target") is None
        (confirmed if lacks else contradicted).append(row)
    result["reports"] = {
        "confirmed": len(confirmed),
        "contradicted": len(contradicted),
        "unverified": len(unverified),
        "contradicted_rows": contradicted[:show],
        "unverified_rows": unverified[:show],
    }
    return result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("site")
    parser.add_argument("built_json")
    parser.add_argument("--postlint", default="postlint")
    parser.add_argument("--json")
    parser.add_argument("--show", type=int, default=10)
    args = parser.parse_args()
    postlint = args.postlint if "/" not in args.postlint else str(Path(args.postlint).resolve())
    result = compare(args.site, args.built_json, postlint, args.show)
    if args.json:
        Path(args.json).write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    p, i, r = result["pages"], result["ids"], result["reports"]
    pct = lambda a, t: f"{100 * a / t:.1f}%" if t else "n/a"
    print(f"{args.site} ({result['generator']}): pages {p['agree']}/{p['total']} ({pct(p['agree'], p['total'])}), "
          f"ids {i['agree']}/{i['total']} ({pct(i['agree'], i['total'])}), reports confirmed {r['confirmed']}, "
          f"contradicted {r['contradicted']}, unverified {r['unverified']}")
    for label, rows in (("page", p["misses"]), ("id", i["misses"]), ("contradicted", r["contradicted_rows"])):
        for row in rows:
            print(f"  {label}: {row}")


if __name__ == "__main__":
    main()
