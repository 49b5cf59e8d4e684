//! FM001 front-matter-missing (rules/FM001.md).
//!
//! A post in a posts directory (`_posts/`, `_drafts/`, `content/`, `src/content/`) that
//! does not start with front matter.

use super::*;

/// FM001 front-matter-missing: a post that generators will not treat as a post.
pub struct FrontMatterMissing {
    directories: Vec<String>,
}

impl FrontMatterMissing {
    pub fn new(options: &Options) -> Self {
        FrontMatterMissing { directories: options.list("directories").to_vec() }
    }

    fn applies_to(&self, path: &str) -> bool {
        let path = path.replace('\\', "/");
        let padded = format!("/{path}");
        self.directories.iter().any(|dir| padded.contains(&format!("/{}/", dir.trim_matches('/'))))
    }
}

impl Rule for FrontMatterMissing {
    fn check(&self, ctx: &Context<'_>, out: &mut Reporter) {
        if ctx.doc.front_matter.is_some() || !self.applies_to(ctx.doc.path) {
            return;
        }
        let start = ctx.doc.body_start;
        let first_line = ctx.doc.lines.line_span(ctx.doc.source, ctx.doc.lines.line_of(start));
        out.push(
            Diagnostic::new(start..first_line.end.max(start), "post has no front matter")
                .help("start the file with a `---` line, the post's `title:` and `date:`, and a closing `---` line"),
        );
    }
}
