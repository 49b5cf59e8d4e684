//! Hostile posts: each repeats one construct that made postlint's work or memory grow
//! faster than the post (a search from every element to the end of the file, every
//! element compared with every other, an element per byte held at once). The reliability
//! tests lint them at a few hundred KiB and bound the work counted; the benchmark
//! (`examples/bench.rs`) times them at 16 MiB.

/// Front matter that makes a post a post, so every rule runs.
const HEAD: &str = "---\ntitle: \"A hostile post\"\ndate: 2026-01-01\n---\n\n";

/// `unit` repeated after `head` to about `size` bytes, then `tail`.
fn repeat(head: &str, unit: &str, size: usize, tail: &str) -> String {
    let count = size.saturating_sub(head.len() + tail.len()) / unit.len().max(1);
    let mut text = String::with_capacity(size + unit.len());
    text.push_str(head);
    for _ in 0..count.max(1) {
        text.push_str(unit);
    }
    text.push_str(tail);
    text
}

/// `item(i)` for i = 0, 1, … after `head`, as many as fit in `size` bytes.
fn numbered(head: &str, size: usize, item: impl Fn(usize) -> String) -> String {
    let mut text = String::from(head);
    for i in 0.. {
        let next = item(i);
        if text.len() + next.len() > size {
            break;
        }
        text.push_str(&next);
    }
    text
}

/// Every hostile post at about `size` bytes: (name, text).
pub fn posts(size: usize) -> Vec<(&'static str, String)> {
    let h = HEAD;
    vec![
        // JSON-LD: unclosed scripts (each searched the rest of the file), closed blocks
        // with articles and images (findings folded into LD007, images matched), and
        // one block of many values.
        ("unclosed JSON-LD scripts", repeat(h, "<script type=\"application/ld+json\">\n", size, "")),
        (
            "closed JSON-LD articles with images",
            repeat(
                h,
                "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@type\":\"BlogPosting\",\"headline\":\"x\",\"image\":\"/a.png\"}</script>\n\n![a](/a.png)\n\n",
                size,
                "",
            ),
        ),
        (
            "one JSON-LD block of many articles",
            repeat(
                &format!("{h}<script type=\"application/ld+json\">["),
                "{\"@type\":\"Article\"},",
                size,
                "{}]</script>\n",
            ),
        ),
        // Headings: setext (an element per four bytes), H2s each under a new H1 (HD001,
        // HD003 compared each with all earlier), numbered steps, HTML headings left open.
        ("setext headings", repeat(h, "H\n=\n", size, "")),
        ("H2s under new H1s", repeat(h, "# A\n## B\n", size, "")),
        ("H2s, then as many H1s", repeat(h, "## B\n", size / 2, "") + &"# A\n".repeat(size / 8)),
        ("numbered headings", numbered(h, size, |i| format!("## Step {i}\n"))),
        ("unclosed HTML headings", repeat(h, "<h2>x\n", size, "")),
        // HTML: comments never closed, tags never finished before one far `>`, anchors.
        ("unclosed HTML comments", repeat(h, "a <!-- x\n", size, "")),
        ("unfinished tags before one `>`", repeat(&format!("{h}<div>\n"), "<img a ", size, ">\n")),
        ("HTML anchors", repeat(h, "t <a href=\"/x\">y ", size, "")),
        ("images in noscript", repeat(h, "<noscript><img src=\"/x.png\"></noscript>\n", size, "")),
        // Suppression comments: many, each suppressing or not, ranges, one naming many rules.
        ("disable-next-line comments", repeat(h, "<!-- postlint-disable-next-line HD003 -->\n## Same\n", size, "")),
        (
            "disable and enable ranges",
            repeat(h, "<!-- postlint-disable HD003 -->\n## Same\n<!-- postlint-enable HD003 -->\n", size, ""),
        ),
        ("many disables, then headings", {
            let mut text = repeat(h, "<!-- postlint-disable HD003 -->\n", size / 2, "");
            text.push_str(&"## Same\n".repeat(size / 16));
            text
        }),
        ("one comment naming many rules", repeat(&format!("{h}<!-- postlint-disable"), " HD003", size, " -->\n")),
        // Lists and quotes nested on one line and across lines.
        ("lists nested on one line", repeat(h, "- ", size, "a\n")),
        ("blockquotes nested on one line", repeat(h, ">", size, " a\n")),
        ("lists nested across lines", numbered(h, size, |i| format!("{}- a\n", " ".repeat(2 * (i % 500))))),
        // Links and images: fragments matched against many headings, references.
        ("links to missing fragments", numbered(h, size, |i| format!("## H{i}\n\n[x](#nope{i})\n\n"))),
        ("links", repeat(h, "[a](/b)", size, "\n")),
        ("reference links", repeat(h, "[r]", size, "\n\n[r]: /x\n")),
        ("images with a repeated query key", repeat(h, "![Photo](/img/x.png?w=1&w=2)\n", size, "")),
        ("unclosed brackets", repeat(h, "[", size, "\n")),
        // Long lines: words, and CJK text with an image every few characters (columns
        // counted on a 16 MiB line).
        ("one long line of words", repeat(h, "word ", size, "\n")),
        ("one long CJK line of images", repeat(h, "日本語の![図](http://x.test/a.png)", size, "\n")),
        // Front matter: many keys, a list with every item repeated, alias-heavy YAML.
        // (Front matter is read up to 256 KiB: these stay under it.)
        ("front matter keys", numbered("---\n", size.min(250_000), |i| format!("k{i}: v\n")) + "---\n"),
        (
            "front matter list of repeated items",
            format!("---\ntitle: x\ntags: [{}a]\n---\n", "a, ".repeat(size.min(250_000) / 3)),
        ),
        (
            "front matter aliases",
            format!(
                "---\ntitle: x\nanchors: [{}]\nuses: [{}]\n---\n",
                (0..size.min(250_000) / 20).map(|i| format!("&a{i} x")).collect::<Vec<_>>().join(", "),
                (0..size.min(250_000) / 20).map(|i| format!("*a{i}")).collect::<Vec<_>>().join(", ")
            ),
        ),
        // Footnotes.
        ("footnotes", numbered(h, size, |i| format!("x[^{i}]\n\n[^{i}]: note\n\n"))),
        // Templates: Liquid, Hugo shortcodes and Nunjucks comments left open.
        ("unclosed Liquid tags", repeat(h, "{% ", size, "")),
        ("Liquid links to missing posts", repeat(h, "{% post_url 2026-01-01-missing %} ", size, "\n")),
        ("unclosed Liquid highlight blocks", repeat(h, "{% highlight ruby %}\n", size, "")),
        ("unclosed Hugo code shortcodes", repeat(h, "{{< highlight go >}}\n", size, "")),
        ("unclosed Hugo shortcodes", repeat(h, "{{< ", size, "")),
        ("Nunjucks comments before one closer", repeat(h, "{# ", size, "x#}\n")),
        // Lines: blank, and ended by a lone CR.
        ("blank lines", repeat(h, "\n", size, "")),
        ("CR-only lines", repeat(h, "## H\r", size, "")),
    ]
}
