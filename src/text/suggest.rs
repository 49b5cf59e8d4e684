//! "Did you mean …?" for a mistyped name (a config key, a rule option): the closest
//! valid name by edit distance, as cargo and clap suggest a subcommand.

/// The candidate closest to `typed`, when it is close enough to be the likely intent:
/// at most a third of the typed name's length away (and at least one edit allowed).
/// `_` and `-` and letter case do not count as differences (`extend_exclude`).
pub fn closest<'a>(typed: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let fold = |text: &str| text.to_lowercase().replace('_', "-");
    let typed = fold(typed);
    let limit = (typed.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .map(|candidate| (distance(&typed, &fold(candidate)), candidate))
        .filter(|(distance, _)| *distance <= limit)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}

/// A serde error such as ``unknown field `extend-exlude`, expected one of `select`, …``
/// with ``(did you mean `extend-exclude`?)`` after the unknown name, when one of the
/// expected names is close; any other message is returned as it is.
pub fn unknown_name_hint(message: &str) -> String {
    let Some((head, expected)) = message.split_once(", expected ") else { return message.to_string() };
    let Some(typed) = ["unknown field `", "unknown variant `"]
        .iter()
        .find_map(|prefix| head.strip_prefix(prefix))
        .and_then(|rest| rest.strip_suffix('`'))
    else {
        return message.to_string();
    };
    let candidates = expected.split('`').skip(1).step_by(2);
    match closest(typed, candidates) {
        Some(best) => format!("{head} (did you mean `{best}`?), expected {expected}"),
        None => message.to_string(),
    }
}

/// Levenshtein distance over characters.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitute = previous[j] + usize::from(ca != *cb);
            current[j + 1] = substitute.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        previous = current;
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_closest_key_is_suggested_and_far_ones_are_not() {
        let keys = ["select", "exclude", "extend-exclude", "per-file-ignores"];
        assert_eq!(closest("extend-exlude", keys), Some("extend-exclude"));
        assert_eq!(closest("extend_exclude", keys), Some("extend-exclude"));
        assert_eq!(closest("per_file_ignore", keys), Some("per-file-ignores"));
        assert_eq!(closest("slect", keys), Some("select"));
        assert_eq!(closest("bogus", keys), None);
        assert_eq!(distance("kitten", "sitting"), 3);
    }

    #[test]
    fn serde_messages_get_the_hint_beside_the_valid_names() {
        let message = "unknown field `extend-exlude`, expected one of `select`, `exclude`, `extend-exclude`";
        assert_eq!(
            unknown_name_hint(message),
            "unknown field `extend-exlude` (did you mean `extend-exclude`?), expected one of `select`, `exclude`, `extend-exclude`"
        );
        assert_eq!(
            unknown_name_hint("unknown field `bogus`, expected `a` or `b`"),
            "unknown field `bogus`, expected `a` or `b`"
        );
        assert_eq!(
            unknown_name_hint("invalid type: integer `1`, expected a sequence"),
            "invalid type: integer `1`, expected a sequence"
        );
    }
}
