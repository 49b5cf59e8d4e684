//! What the command line prints around the diagnostics: `postlint rules` within the
//! terminal, config mistakes with a suggestion, summaries, statistics, fix hints.

mod common;

use common::*;
use predicates::prelude::*;

#[test]
fn an_unknown_config_key_suggests_the_closest_valid_one_beside_the_list() {
    let dir = site(&[("postlint.toml", "extend-exlude = [\"drafts/**\"]\n"), ("post.md", "---\ntitle: x\n---\n")]);
    postlint().current_dir(dir.path()).args(["check", "post.md"]).assert().code(2).stderr(
        predicate::str::contains("postlint.toml:1:1")
            .and(predicate::str::contains("unknown field `extend-exlude` (did you mean `extend-exclude`?)"))
            .and(predicate::str::contains("expected one of `select`")),
    );
    std::fs::write(dir.path().join("postlint.toml"), "[rules.FM008]\nmaxx = 70\n").unwrap();
    postlint()
        .current_dir(dir.path())
        .args(["check", "post.md"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown option `maxx` for FM008 (did you mean `max`?)"));
    // Nothing close: no guess, only the list.
    std::fs::write(dir.path().join("postlint.toml"), "bogus = 1\n").unwrap();
    postlint().current_dir(dir.path()).args(["check", "post.md"]).assert().code(2).stderr(
        predicate::str::contains("unknown field `bogus`, expected one of")
            .and(predicate::str::contains("did you mean").not()),
    );
}
