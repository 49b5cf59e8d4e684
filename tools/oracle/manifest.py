#!/usr/bin/env python3
"""Ground truth from a built site, whatever built it (issue 30 §5). Python 3.11 stdlib only.

    manifest.py OUT [--base /prefix/] [--host example.com] > built.json

OUT is a generator's output folder (what would be uploaded to the web server). For every
HTML page the manifest gives:

  url         the URL it is served at: `x/index.html` -> `/x/`, `x.html` -> `/x.html`,
              `index.html` -> `/` (prefixed with the site's base path)
  served_as   every URL form a static host (GitHub Pages, Netlify) answers with that file:
              `/x/`, `/x/index.html` and `/x` for a folder index (Docusaurus links to the
              form without a trailing slash), `/x.html` and `/x` for a file
  ids         every `id` attribute in the page, in order; `names`: every `<a name>`
  headings    each `<h1>`-`<h6>`: level, id (or null), text (whitespace folded; as rendered,
              so a permalink symbol the generator appends, `¶` or `#`, is part of it)
  title, description (`<meta name=description>`), og_image, og_url, twitter_image,
  canonical (`<link rel=canonical>`), robots, lang, redirect (target of a meta refresh)
  refs        every local `href`/`src`/`srcset`/`poster`/`data-src` reference: tag, attribute,
              the value as written, the site path it resolves to (percent-decoded, query and
              fragment removed, relative to the page URL or `<base href>`), the fragment, the
              built file it reaches (`target`, or null when the build has no such file) and,
              for a fragment into an HTML page, whether that page has the id (`fragment_found`)

and `assets`: every non-HTML file with its URL and size. A reference is local when it has
no scheme and no host, or when its host is the site's own (`--host`, else the host of the
root page's canonical/og:url). The base path (`--base`) defaults to the path of that same
URL when the root page's own site-root links use it, else `/`.
"""
import argparse
import html.parser
import json
import os
import posixpath
import re
import sys
from urllib.parse import unquote, urljoin, urlsplit

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
URL_ATTRS = {
    ("a", "href"), ("area", "href"), ("link", "href"), ("img", "src"), ("script", "src"),
    ("iframe", "src"), ("source", "src"), ("video", "src"), ("video", "poster"), ("audio", "src"),
    ("track", "src"), ("embed", "src"), ("object", "data"), ("input", "src"), ("form", "action"),
}
SRCSET_TAGS = {"img", "source"}
LAZY_ATTRS = {"data-src", "data-original", "data-lazy-src"}
SKIP_TEXT = {"script", "style", "template", "noscript"}
WS = re.compile(r"\s+")
REFRESH = re.compile(r"^\s*\d*\s*;?\s*url\s*=\s*['\"]?([^'\"]+)", re.I)


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids, self.names, self.headings, self.raw_refs = [], [], [], []
        self.title = None
        self.meta = {}
        self.canonical = None
        self.base_href = None
        self.lang = None
        self._heading = None  # [level, id, [text]]
        self._in_title = False
        self._title_parts = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        a = {}
        for k, v in attrs:
            if k not in a:
                a[k] = v if v is not None else ""
        if "id" in a and a["id"] is not None:
            self.ids.append(a["id"])
        if tag == "a" and a.get("name"):
            self.names.append(a["name"])
        if tag == "html" and a.get("lang"):
            self.lang = a["lang"]
        if tag in SKIP_TEXT:
            self._skip += 1
        if tag == "title" and self.title is None:
            self._in_title = True
        elif tag in HEADINGS and self._heading is None:
            self._heading = [int(tag[1]), a.get("id"), []]
        elif tag == "meta":
            key = (a.get("name") or a.get("property") or a.get("http-equiv") or "").lower()
            if key and "content" in a and key not in self.meta:
                self.meta[key] = a["content"]
        elif tag == "link":
            rels = (a.get("rel") or "").lower().split()
            if "canonical" in rels and self.canonical is None:
                self.canonical = a.get("href")
        elif tag == "base" and a.get("href") and self.base_href is None:
            self.base_href = a["href"]
        for (t, attr) in URL_ATTRS:
            if t == tag and a.get(attr):
                self.raw_refs.append((tag, attr, a[attr]))
        if tag in SRCSET_TAGS and a.get("srcset"):
            for cand in a["srcset"].split(","):
                url = cand.strip().split(" ")[0] if cand.strip() else ""
                if url:
                    self.raw_refs.append((tag, "srcset", url))
        for attr in LAZY_ATTRS:
            if a.get(attr):
                self.raw_refs.append((tag, attr, a[attr]))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag in SKIP_TEXT:
            self._skip -= 1

    def handle_endtag(self, tag):
        if tag in SKIP_TEXT and self._skip:
            self._skip -= 1
        if tag == "title" and self._in_title:
            self._in_title = False
            self.title = WS.sub(" ", "".join(self._title_parts)).strip()
        elif tag in HEADINGS and self._heading is not None and int(tag[1]) == self._heading[0]:
            level, hid, parts = self._heading
            self.headings.append({"level": level, "id": hid, "text": WS.sub(" ", "".join(parts)).strip()})
            self._heading = None

    def handle_data(self, data):
        if self._in_title:
            self._title_parts.append(data)
        elif self._heading is not None and not self._skip:
            self._heading[2].append(data)


def served_forms(rel, base):
    """URL forms under which a static host serves the file at `rel` (a POSIX path)."""
    if rel == "index.html":
        return base, [base, base + "index.html"]
    if rel.endswith("/index.html"):
        d = rel[: -len("index.html")]
        return base + d, [base + d, base + d + "index.html", base + d.rstrip("/")]
    if rel.endswith(".html"):
        return base + rel, [base + rel, base + rel[: -len(".html")]]
    return base + rel, [base + rel]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out")
    ap.add_argument("--base", help="the site's base path, e.g. /blog/ (default: guessed)")
    ap.add_argument("--host", help="the site's own host, for absolute links (default: guessed)")
    args = ap.parse_args()
    root = os.path.abspath(args.out)
    if not os.path.isdir(root):
        sys.exit(f"not a folder: {root}")

    html_files, assets = [], []
    for d, dirs, files in os.walk(root):
        dirs.sort()
        for f in sorted(files):
            p = os.path.join(d, f)
            rel = os.path.relpath(p, root).replace(os.sep, "/")
            (html_files if f.endswith((".html", ".htm")) else assets).append(rel)
    all_files = set(html_files) | set(assets)

    pages = {}
    for rel in html_files:
        with open(os.path.join(root, rel), "rb") as fh:
            text = fh.read().decode("utf-8", errors="replace")
        p = Page()
        try:
            p.feed(text)
            p.close()
        except Exception as e:  # html.parser is lenient; keep going whatever a page holds
            sys.stderr.write(f"warning: {rel}: {e}\n")
        pages[rel] = p

    # The site's own host and base path, from the root page when it declares its URL.
    host, base = args.host, args.base
    home = pages.get("index.html")
    site_url = None
    if home is not None:
        site_url = home.canonical or home.meta.get("og:url")
    if site_url and urlsplit(site_url).netloc:
        parts = urlsplit(site_url)
        host = host or parts.netloc
        if base is None:
            base = parts.path or "/"
            if not base.endswith("/"):
                base = base.rsplit("/", 1)[0] + "/"
            # Trust that path only when the home page's own site-root links use it.
            if base != "/":
                roots = [v for _t, _a, v in home.raw_refs if v.startswith("/") and not v.startswith("//")]
                if roots and sum(v.startswith(base) for v in roots) * 2 < len(roots):
                    base = "/"
    base = base or "/"
    if not base.startswith("/"):
        base = "/" + base
    if not base.endswith("/"):
        base += "/"

    url_to_file = {}
    page_url = {}
    for rel in html_files:
        url, forms = served_forms(rel, base)
        page_url[rel] = url
        for f in forms:
            url_to_file.setdefault(f, rel)
    for rel in assets:
        url_to_file.setdefault(base + rel, rel)
    ids_of = {rel: set(p.ids) | set(p.names) for rel, p in pages.items()}

    def resolve(path):
        """The built file a site path reaches, as a static host would answer it."""
        if path in url_to_file:
            return url_to_file[path]
        if not path.startswith(base):
            return None
        rel = path[len(base):]
        cands = [rel] if rel else []
        cands += [posixpath.join(rel, "index.html") if rel else "index.html"]
        if rel and not rel.endswith("/"):
            cands.append(rel + ".html")
        for c in cands:
            c = posixpath.normpath(c) if c else c
            if c in all_files:
                return c
        return None

    out_pages = []
    n_refs = n_missing = n_frag_missing = 0
    for rel in html_files:
        p = pages[rel]
        url = page_url[rel]
        doc_base = urljoin("http://site.invalid" + url, p.base_href) if p.base_href else "http://site.invalid" + url
        refs = []
        for tag, attr, value in p.raw_refs:
            v = value.strip()
            if not v or v.startswith(("javascript:", "mailto:", "tel:", "data:", "{{", "about:", "blob:")):
                continue
            try:
                sp = urlsplit(v)
            except ValueError:  # e.g. "http://[" (an unclosed IPv6 host): no browser resolves it
                continue
            if sp.scheme and sp.scheme not in ("http", "https"):
                continue
            absolute = bool(sp.scheme or sp.netloc)
            if absolute and (not host or sp.netloc != host):
                continue
            if absolute:
                target_url = sp.path or "/"
                frag = sp.fragment
            else:
                try:
                    j = urlsplit(urljoin(doc_base, v))
                except ValueError:
                    continue
                if j.netloc != "site.invalid":
                    continue
                target_url, frag = j.path or "/", j.fragment
            # percent-decoded; repeated slashes merged, as web servers do (`//index.xml`)
            path = re.sub(r"/{2,}", "/", unquote(target_url))
            # normalise ./ and ../ while keeping a trailing slash
            norm = posixpath.normpath(path)
            if path.endswith("/") and norm != "/":
                norm += "/"
            target = resolve(norm)
            frag = unquote(frag) if frag else None
            fragment_found = None
            if frag is not None and target is not None and target.endswith((".html", ".htm")):
                fragment_found = frag in ("", "top") or frag in ids_of.get(target, ())
            entry = {"tag": tag, "attr": attr, "value": value, "path": norm, "target": target}
            if frag is not None:
                entry["fragment"] = frag
                entry["fragment_found"] = fragment_found
            if absolute:
                entry["absolute"] = True
            refs.append(entry)
            n_refs += 1
            n_missing += target is None
            n_frag_missing += fragment_found is False
        m = p.meta
        redirect = None
        if "refresh" in m:
            r = REFRESH.match(m["refresh"] or "")
            redirect = r.group(1).strip() if r else None
        _, forms = served_forms(rel, base)
        out_pages.append({
            "file": rel, "url": url, "served_as": forms,
            "title": p.title, "description": m.get("description"),
            "og_image": m.get("og:image"), "og_url": m.get("og:url"),
            "twitter_image": m.get("twitter:image"), "canonical": p.canonical,
            "robots": m.get("robots"), "lang": p.lang, "redirect": redirect,
            "ids": p.ids, "names": p.names, "headings": p.headings, "refs": refs,
        })

    out_assets = []
    for rel in assets:
        out_assets.append({"file": rel, "url": base + rel, "bytes": os.path.getsize(os.path.join(root, rel))})

    doc = {
        "root": root, "base": base, "host": host,
        "summary": {
            "pages": len(out_pages),
            "redirect_pages": sum(1 for p in out_pages if p["redirect"]),
            "assets": len(out_assets),
            "ids": sum(len(p["ids"]) for p in out_pages),
            "headings": sum(len(p["headings"]) for p in out_pages),
            "local_refs": n_refs, "refs_without_target": n_missing,
            "fragments_not_found": n_frag_missing,
        },
        "pages": out_pages, "assets": out_assets,
    }
    json.dump(doc, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
