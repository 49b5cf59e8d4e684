//! The README's rule table is generated from the rulebook; this keeps them in sync.
//! Run with POSTLINT_UPDATE_README=1 to rewrite the table.

use postlint::rulebook::RULE_DOCS;

const START: &str = "<!-- rules:start -->";
const END: &str = "<!-- rules:end -->";

fn table() -> String {
    let mut out = String::from(
        "\n| code | name | family | severity | set | checks | fix | what it checks |\n|---|---|---|---|---|---|---|---|\n",
    );
    for doc in RULE_DOCS {
        let fix = match doc.fix {
            Some(postlint::diagnostic::Applicability::Safe) => "safe",
            Some(postlint::diagnostic::Applicability::Unsafe) => "unsafe",
            None => "",
        };
        out.push_str(&format!(
            "| [{code}](rules/{code}.md) | `{}` | {} | {} | {} | {} | {fix} | {} |\n",
            doc.name,
            doc.family,
            doc.severity,
            if doc.default_enabled { "default" } else { "opt-in" },
            if doc.posts_only { "posts" } else { "all" },
            doc.summary.replace('|', "\\|"),
            code = doc.code
        ));
    }
    out
}

#[test]
fn readme_rule_table_matches_the_rulebook() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
    let readme = std::fs::read_to_string(path).expect("README.md exists");
    let start = readme.find(START).expect("README has the rules:start marker") + START.len();
    let end = readme.find(END).expect("README has the rules:end marker");
    let expected = table();
    if readme[start..end] != expected {
        if std::env::var_os("POSTLINT_UPDATE_README").is_some() {
            let updated = format!("{}{expected}{}", &readme[..start], &readme[end..]);
            std::fs::write(path, updated).expect("README.md is writable");
            return;
        }
        panic!("README's rule table is out of date; run `POSTLINT_UPDATE_README=1 cargo test --test readme`");
    }
}

#[test]
fn readme_has_the_two_setup_commands() {
    let readme = include_str!("../README.md");
    assert!(readme.contains("cargo run --release -- check fixtures/"));
    assert!(readme.contains("cargo test"));
}
