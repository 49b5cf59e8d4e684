//! LD009 jsonld-unknown-property (rules/LD009.md).
//!
//! A property that schema.org does not define for the object's `@type` (or any type it
//! inherits from), such as `headlines` on a BlogPosting or `autor`.

use super::*;

/// LD009 jsonld-unknown-property.
pub struct UnknownProperty;

impl UnknownProperty {
    fn walk(&self, node: &JsonNode, out: &mut Reporter) {
        match &node.value {
            JsonValue::Object(members) => {
                let names = types(node);
                for member in members {
                    if !member.key.starts_with('@') && !names.is_empty() {
                        // schema.org's Action annotations: `query-input` is `query` marked
                        // as an input of the action.
                        let property = member
                            .key
                            .strip_suffix("-input")
                            .or_else(|| member.key.strip_suffix("-output"))
                            .unwrap_or(&member.key);
                        let known = names.iter().map(|t| VOCABULARY.has_property(t, property)).collect::<Vec<_>>();
                        if known.iter().all(|k| k.is_some())
                            && known.iter().all(|k| *k == Some(false))
                            && !member.key.contains(':')
                        {
                            out.push(
                                Diagnostic::new(
                                    member.key_span.clone(),
                                    format!("schema.org does not define `{}` for {}", member.key, names.join(", ")),
                                )
                                .help("check the spelling, or the type; search engines ignore unknown properties"),
                            );
                        }
                    }
                    self.walk(&member.value, out);
                }
            }
            JsonValue::Array(items) => items.iter().for_each(|item| self.walk(item, out)),
            _ => {}
        }
    }
}

impl Rule for UnknownProperty {
    fn check(&self, ctx: &Context<'_>, out: &mut Reporter) {
        for block in &ctx.doc.jsonld {
            if let Ok(root) = &block.parsed {
                self.walk(root, out);
            }
        }
    }
}
