//! Issue 19: safe on a stranger's pull request. `--fix` never writes through a link or
//! over a newer edit, paths that resolve outside the repository are not read, and no
//! line of output can start or carry a GitHub workflow command.

#![cfg(unix)]

mod common;

use std::os::unix::fs::{MetadataExt, symlink};

use common::*;

/// FM012's safe fix quotes `no`, so `--fix` has something to write.
const FIXABLE: &str = "---\ntitle: \"Norway road trip notes\"\ncountry: no\n---\n\nBody.\n";

#[test]
fn fix_does_not_write_through_a_symlinked_post() {
    let dir = site(&[("real/target.md", FIXABLE)]);
    symlink("real/target.md", dir.path().join("post.md")).unwrap();
    let output = postlint().current_dir(dir.path()).args(["check", "--fix", "post.md"]).output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("PL001") && stdout.contains("cannot write fixes"), "{stdout}");
    assert!(stdout.contains("not a regular file"), "{stdout}");
    assert_eq!(std::fs::read_to_string(dir.path().join("real/target.md")).unwrap(), FIXABLE);
    assert!(std::fs::symlink_metadata(dir.path().join("post.md")).unwrap().file_type().is_symlink());
}

#[test]
fn fix_keeps_hard_links_shared() {
    let dir = site(&[("post.md", FIXABLE)]);
    std::fs::hard_link(dir.path().join("post.md"), dir.path().join("linked.md")).unwrap();
    postlint().current_dir(dir.path()).args(["check", "--fix", "--quiet", "post.md"]).output().unwrap();
    let fixed = std::fs::read_to_string(dir.path().join("post.md")).unwrap();
    assert!(fixed.contains("country: \"no\""), "{fixed}");
    assert_eq!(std::fs::read_to_string(dir.path().join("linked.md")).unwrap(), fixed);
    let (a, b) = (dir.path().join("post.md").metadata().unwrap(), dir.path().join("linked.md").metadata().unwrap());
    assert_eq!((a.ino(), a.nlink()), (b.ino(), 2));
}
