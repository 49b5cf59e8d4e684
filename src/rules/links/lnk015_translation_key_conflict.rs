//! LNK015 translation-key-conflict (rules/LNK015.md).
//!
//! Two published pages of one language that give the same translation key
//! (`translationKey`, `translation_key`, `lang_ref`): the generator pairs translations by
//! that key, so the language alternates (hreflang) can name only one of them.

use super::*;

/// LNK015 translation-key-conflict.
pub struct TranslationKeyConflict;

impl Rule for TranslationKeyConflict {
    fn check(&self, ctx: &Context<'_>, out: &mut Reporter) {
        let Some(index) = index(ctx) else { return };
        let Some((key_name, node)) =
            site::TRANSLATION_KEYS.iter().find_map(|key| ctx.doc.front(key).map(|node| (*key, node)))
        else {
            return;
        };
        let Some(key) = node.scalar_text() else { return };
        let others = others(ctx, index, index.by_translation_key(&key, ctx.language.as_deref()));
        // A draft or unpublished page pairs with nothing: only published pages compete.
        let own = index.posts.iter().any(|p| p.path == ctx.relative && p.published);
        if others.is_empty() || !own {
            return;
        }
        let language =
            ctx.language.as_deref().map_or_else(|| "the same language".to_string(), |l| format!("language `{l}`"));
        let mut diagnostic = Diagnostic::new(
            node.span.clone(),
            format!("`{key_name}` {} is also given by {} in {language}", quote(&key), listing(ctx, &others)),
        )
        .help("give each page of one language its own key: translations are paired by it, so hreflang alternates and language switchers can point at only one of these pages");
        for other in &others {
            diagnostic = diagnostic.related(ctx.site.shown_path(other), "the same translation key and language");
        }
        out.push(diagnostic);
    }
}
