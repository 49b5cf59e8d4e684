//! LNK011 canonical-url-mismatch (rules/LNK011.md).
//!
//! A front matter canonical URL (`canonical_url`, `canonical`, `canonicalURL`) that
//! points at a development host, or at another page of the same site than the post
//! itself (a key copied from the post it was started from), or at a URL of the site that
//! no page has.

use super::*;

/// The keys jekyll-seo-tag (`canonical_url`), Hugo themes (`canonicalURL`, `canonical`)
/// and Astro/Eleventy SEO components read.
const CANONICAL_KEYS: &[&str] = &["canonical_url", "canonical", "canonicalURL", "canonicalUrl", "canonical_link"];

/// LNK011 canonical-url-mismatch.
pub struct CanonicalUrlMismatch;

impl Rule for CanonicalUrlMismatch {
    fn check(&self, ctx: &Context<'_>, out: &mut Reporter) {
        let Some((key, node)) = CANONICAL_KEYS.iter().find_map(|key| ctx.doc.front(key).map(|node| (*key, node)))
        else {
            return;
        };
        // A key no template reads never reaches the page.
        if !ctx.site.renders_front_matter_canonical(key) {
            return;
        }
        let Some(value) = node.as_str().map(str::trim).filter(|v| !v.is_empty()) else { return };
        if value.contains("{{") || value.contains("{%") {
            return;
        }
        let parsed = url::Url::parse(value).ok();
        if let Some(host) = parsed.as_ref().and_then(|u| u.host_str())
            && is_development_host(host)
        {
            let what = if is_placeholder_host(host) { "the theme's placeholder host" } else { "the development host" };
            out.push(
                Diagnostic::new(node.span.clone(), format!("the canonical URL points to {what} `{host}`"))
                    .severity(crate::diagnostic::Severity::Error)
                    .help("search engines cannot reach it and will ignore it or the page: give the published URL"),
            );
            return;
        }
        // A post whose canonical URL is a bare host names a home page as its original —
        // on its own site or another, never what a post or a cross-post means.
        if ctx.is_post()
            && let Some(url) = parsed.as_ref().filter(|u| u.host_str().is_some())
            && url.path().trim_end_matches('/').is_empty()
            && url.query().is_none()
        {
            out.push(
                Diagnostic::new(node.span.clone(), format!("the canonical URL {} is a home page, not this post", quote(value)))
                    .help("search engines treat the home page as this post's original and may leave the post out; give the post's own URL, or remove the key"),
            );
            return;
        }
        let Some(index) = index(ctx) else { return };
        let Some(path) = own_site_path(ctx, index, value, parsed.as_ref()) else { return };
        let own = site::describe(&ctx.relative, ctx.doc.front_matter.as_ref(), ctx.site);
        let Some(own_url) = own.url.filter(|_| own.published) else { return };
        if site::normalize_url(&path) == site::normalize_url(&own_url) {
            return;
        }
        let targets = others(ctx, index, index.by_url(&path));
        if !targets.is_empty() {
            let mut diagnostic = Diagnostic::new(
                node.span.clone(),
                format!("the canonical URL is {}'s, not this post's {}", listing(ctx, &targets), quote(&own_url)),
            )
            .help("search engines treat the other page as the original and may leave this post out; give this post's own URL, or remove the key");
            for target in &targets {
                diagnostic = diagnostic.related(ctx.site.shown_path(target), "the page the canonical URL names");
            }
            out.push(diagnostic);
        } else if !index.resolves(&path) {
            out.push(
                Diagnostic::new(
                    node.span.clone(),
                    format!(
                        "no page of this site has the canonical URL's path {}; this post is at {}",
                        quote(&path),
                        quote(&own_url)
                    ),
                )
                .help("give this post's own URL, or remove the key"),
            );
        }
    }
}

/// Hosts that theme archetypes put in their sample front matter (Hugo PaperMod's
/// `canonicalURL: "https://canonical.url/to/page"`), left in by posts made from them.
fn is_placeholder_host(host: &str) -> bool {
    host.eq_ignore_ascii_case("canonical.url")
}

/// `localhost`, loopback and private-network addresses, `.local`/`.test` names, the
/// documentation domains and theme placeholders: never a published page.
fn is_development_host(host: &str) -> bool {
    if is_placeholder_host(host) {
        return true;
    }
    let host = host.trim_start_matches('[').trim_end_matches(']');
    if let Ok(ip) = host.parse::<std::net::IpAddr>() {
        return match ip {
            std::net::IpAddr::V4(v4) => v4.is_loopback() || v4.is_private() || v4.is_unspecified(),
            std::net::IpAddr::V6(v6) => v6.is_loopback() || v6.is_unspecified(),
        };
    }
    let host = host.to_ascii_lowercase();
    host == "localhost"
        || [".localhost", ".local", ".test", ".invalid"].iter().any(|suffix| host.ends_with(suffix))
        || ["example.com", "example.org", "example.net"].iter().any(|d| host == *d || host.ends_with(&format!(".{d}")))
}

/// The site path a canonical URL names, when it is this site's: a site-root path, or an
/// absolute URL on the host of the site's `url` (with or without `www.`). Without a known
/// site URL, an absolute URL counts as the site's only if its path is one of the site's
/// pages. Other hosts are syndication targets (`canonical_url` on a cross-post) and are
/// left alone.
fn own_site_path(ctx: &Context<'_>, index: &SiteIndex, value: &str, parsed: Option<&url::Url>) -> Option<String> {
    let strip_base = |path: &str| -> String {
        let base = ctx.site.baseurl.as_str();
        let path = if base.is_empty() {
            path
        } else {
            path.strip_prefix(base).filter(|r| r.is_empty() || r.starts_with('/')).unwrap_or(path)
        };
        if path.is_empty() { "/".to_string() } else { percent_decode(path) }
    };
    let Some(url) = parsed else {
        return value.starts_with('/').then(|| strip_base(value)).filter(|_| !value.starts_with("//"));
    };
    let host = url.host_str()?;
    let bare = |h: &str| h.trim_start_matches("www.").to_ascii_lowercase();
    let site_host = ctx.site.url.as_deref().and_then(|u| url::Url::parse(u).ok()).and_then(|u| u.host_str().map(bare));
    let path = strip_base(url.path());
    match site_host {
        Some(site_host) => (site_host == bare(host)).then_some(path),
        None => index.resolves(&path).then_some(path),
    }
}
