//! FM012 ambiguous-yaml-scalar (rules/FM012.md).
//!
//! An unquoted YAML value that YAML 1.1 readers (Jekyll's Psych) and YAML 1.2 readers
//! (Hugo, Astro, most linters) read differently: `yes`, `no`, `on`, `off`, `y`, `n` in any
//! case, numbers with a trailing zero after the point (`1.10`), leading zeros (`012`), `0o`
//! octals, and base-60 numbers (`1:30`).

use super::*;

/// FM012 ambiguous-yaml-scalar.
pub struct AmbiguousYamlScalar;

impl Rule for AmbiguousYamlScalar {
    fn check(&self, ctx: &Context<'_>, out: &mut Reporter) {
        let Some(front_matter) = &ctx.doc.front_matter else { return };
        if front_matter.format != Format::Yaml {
            return;
        }
        let Some(root) = &front_matter.root else { return };
        // Each node with the key it is the value of (a list item keeps its list's key).
        let mut stack = vec![(root, None)];
        while let Some((node, key)) = stack.pop() {
            match &node.value {
                Value::Map(entries) => stack.extend(entries.iter().map(|e| (&e.value, Some(e.key.as_str())))),
                Value::Seq(items) => stack.extend(items.iter().map(|item| (item, key))),
                _ if node.style == Style::Plain => {
                    let raw = &ctx.doc.source[node.span.clone()];
                    let Some(reading) = yaml11_reading(raw) else { continue };
                    let diagnostic = Diagnostic::new(node.span.clone(), format!("unquoted `{raw}` is {reading}"));
                    // `published: no` means false to the author and to Jekyll: quoting it
                    // would lock in the string "no", which generators read as true.
                    let flag = key.is_some_and(is_boolean_key).then(|| yaml11_boolean(raw)).flatten();
                    out.push(match flag {
                        Some(value) => diagnostic
                            .help(format!("write `{value}`, the value YAML 1.1 readers (Jekyll) already see"))
                            .fix(Fix::safe(vec![Edit::replace(node.span.clone(), value.to_string())])),
                        None => diagnostic
                            .help("quote it so every generator reads the same value")
                            .fix(Fix::safe(vec![Edit::replace(node.span.clone(), format!("\"{raw}\""))])),
                    });
                }
                _ => {}
            }
        }
    }
}

/// Front matter keys generators and themes read as booleans: a `yes`/`no` there is a
/// flag, never text.
pub(super) fn is_boolean_key(key: &str) -> bool {
    const FLAGS: &[&str] = &[
        "published",
        "draft",
        "comments",
        "sitemap",
        "toc",
        "featured",
        "hidden",
        "pinned",
        "sticky",
        "math",
        "mathjax",
        "katex",
        "mermaid",
        "share",
        "related",
        "search",
        "noindex",
        "nofollow",
        "render",
        "in_search_index",
        "headless",
        "archived",
        "private",
        "unlisted",
        "show_date",
        "show_toc",
        "read_time",
        "author_profile",
    ];
    let key = key.to_ascii_lowercase();
    FLAGS.contains(&key.as_str()) || key.starts_with("show_") || key.starts_with("enable_") || key.starts_with("is_")
}

/// `yes`/`on`/`y` → `true`, `no`/`off`/`n` → `false`, as YAML 1.1 reads them.
pub(super) fn yaml11_boolean(raw: &str) -> Option<bool> {
    match raw.to_ascii_lowercase().as_str() {
        "yes" | "on" | "y" => Some(true),
        "no" | "off" | "n" => Some(false),
        _ => None,
    }
}

/// How YAML 1.1 (Jekyll's Psych) reads a plain scalar differently from YAML 1.2.
pub(super) fn yaml11_reading(raw: &str) -> Option<String> {
    let lower = raw.to_ascii_lowercase();
    if matches!(lower.as_str(), "yes" | "no" | "on" | "off" | "y" | "n") {
        let value = matches!(lower.as_str(), "yes" | "on" | "y");
        return Some(format!(
            "the boolean {value} to YAML 1.1 readers (Jekyll) but the string {raw:?} to YAML 1.2 readers"
        ));
    }
    let digits = raw.strip_prefix(['-', '+']).unwrap_or(raw);
    if let Some((int, frac)) = digits.split_once('.')
        && !int.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.len() > 1
        && frac.bytes().all(|b| b.is_ascii_digit())
        && frac.ends_with('0')
    {
        let trimmed = format!("{int}.{}", frac.trim_end_matches('0'));
        return Some(format!(
            "the number {} (the trailing zero is lost: version `1.10` becomes `1.1`)",
            trimmed.trim_end_matches('.')
        ));
    }
    if digits.len() > 1 && digits.starts_with('0') && digits.bytes().all(|b| b.is_ascii_digit()) {
        let octal = i64::from_str_radix(digits, 8).ok();
        // `0000`, `007`: the same number read either way; nothing is ambiguous.
        if octal.is_some() && octal == digits.parse::<i64>().ok() {
            return None;
        }
        return Some(match octal {
            Some(value) => format!(
                "the octal number {value} to YAML 1.1 readers and {} to YAML 1.2 readers",
                digits.trim_start_matches('0')
            ),
            None => "a string to YAML 1.1 readers (not valid octal) and a number to YAML 1.2 readers".to_string(),
        });
    }
    if let Some(octal) = digits.strip_prefix("0o")
        && !octal.is_empty()
        && octal.bytes().all(|b| (b'0'..=b'7').contains(&b))
    {
        return Some("an octal number to YAML 1.2 readers and a string to YAML 1.1 readers".to_string());
    }
    if is_sexagesimal(digits) {
        return Some(
            "a base-60 number to YAML 1.1 readers (`1:30` is 90) and a string to YAML 1.2 readers".to_string(),
        );
    }
    None
}

pub(super) fn is_sexagesimal(text: &str) -> bool {
    let mut parts = text.split(':');
    let Some(first) = parts.next() else { return false };
    let rest: Vec<&str> = parts.collect();
    !first.is_empty()
        && first.bytes().all(|b| b.is_ascii_digit())
        && !rest.is_empty()
        && rest.iter().all(|p| {
            (1..=2).contains(&p.len())
                && p.bytes().all(|b| b.is_ascii_digit())
                && p.parse::<u32>().is_ok_and(|v| v < 60)
        })
}
