//! A cache committed to the repository is never trusted (issue 29): `.postlint_cache/`
//! files forged as an attacker can forge them — the current format, the public build
//! stamp, a clone at the CI's predictable path, the files' times restored from history as
//! `git-restore-mtime` does — and committed, change nothing in a fresh `git clone`. And a
//! cache sealed by this very machine is still not trusted with paths or with what it
//! prints.
//!
//! Every run here keeps postlint's key in a temporary cache home of its own (`XDG_CACHE_HOME`
//! and `HOME`), never the user's.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant, SystemTime};

use common::*;

/// The time every file of a clone is given, as `git-restore-mtime` gives each file its
/// last commit's time: the attacker knows it.
fn restore_mtimes(dir: &Path) {
    let time = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
    for entry in std::fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        let kind = entry.file_type().unwrap();
        if kind.is_dir() && entry.file_name() != ".git" {
            restore_mtimes(&entry.path());
        } else if kind.is_file() {
            std::fs::File::options().write(true).open(entry.path()).unwrap().set_modified(time).unwrap();
        }
    }
}

/// A cache home (`XDG_CACHE_HOME`, and `HOME` too): the victim's CI machine or the
/// attacker's own.
struct Home(tempfile::TempDir);

impl Home {
    fn new() -> Home {
        Home(tempfile::tempdir().unwrap())
    }

    fn key(&self) -> [u8; 32] {
        postlint::testing::machine_key(self.0.path()).expect("a run made a key")
    }

    /// `postlint` with this cache home.
    fn command(&self, dir: &Path, args: &[&str]) -> assert_cmd::Command {
        let mut command = postlint();
        command.current_dir(dir).env("XDG_CACHE_HOME", self.0.path()).env("HOME", self.0.path()).args(args);
        command
    }

    fn run(&self, dir: &Path, args: &[&str]) -> Output {
        self.command(dir, args).output().unwrap()
    }
}

fn git(dir: &Path, args: &[&str]) {
    let output = Command::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "init.defaultBranch=main"])
        .args(args)
        .output()
        .unwrap();
    assert!(output.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&output.stderr));
}

/// Two posts that share a title and a permalink: 2 warnings (LNK005) and 2 errors
/// (LNK007) with `--select LNK005,LNK006,LNK007`; and one post with a heading jump (HD002).
const POSTS: &[(&str, &str)] = &[
    ("_config.yml", "title: A blog\n"),
    ("_posts/2026-01-01-first.md", "---\ntitle: \"The same title\"\npermalink: /same/\n---\n\nOne.\n"),
    ("_posts/2026-01-02-second.md", "---\ntitle: \"The same title\"\npermalink: /same/\n---\n\nTwo.\n"),
    ("_posts/2026-01-03-other.md", "---\ntitle: \"Another title\"\n---\n\n# Top\n\n#### Too deep\n"),
];

const SELECT: &[&str] = &["--select", "LNK005,LNK006,LNK007,HD002"];

/// A repository holding the site and, when the attacker commits them, forged cache files.
struct Origin {
    dir: tempfile::TempDir,
}

impl Origin {
    fn new(extra: &[(&str, &str)]) -> Origin {
        let files: Vec<(&str, &str)> = POSTS.iter().chain(extra).copied().collect();
        let dir = site(&files);
        git(dir.path(), &["init", "-q"]);
        git(dir.path(), &["add", "-A"]);
        git(dir.path(), &["commit", "-q", "-m", "site"]);
        Origin { dir }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Commits a symbolic link at `link` (relative) to `target`.
    fn commit_link(&self, target: &Path, link: &str) {
        std::os::unix::fs::symlink(target, self.path().join(link)).unwrap();
        git(self.path(), &["add", "-A"]);
        git(self.path(), &["commit", "-q", "-m", "link"]);
    }

    /// Commits forged cache files (name, bytes).
    fn commit_cache(&self, files: &[(&str, Vec<u8>)]) {
        let dir = self.path().join(".postlint_cache");
        std::fs::create_dir_all(&dir).unwrap();
        for (name, bytes) in files {
            std::fs::write(dir.join(name), bytes).unwrap();
            git(self.path(), &["add", "-f", &format!(".postlint_cache/{name}")]);
        }
        git(self.path(), &["commit", "-q", "-m", "cache"]);
    }
}

/// Where the victim's CI clones the repository: a path the attacker can predict (the
/// attacker computes the cache for this very path in a clone of their own).
struct Workspace {
    _parent: tempfile::TempDir,
    path: PathBuf,
}

impl Workspace {
    fn new() -> Workspace {
        let parent = tempfile::tempdir().unwrap();
        let path = parent.path().join("repo");
        Workspace { _parent: parent, path }
    }

    /// A fresh `git clone` of `origin` at the workspace's path (what was there is removed).
    fn clone_fresh(&self, origin: &Origin) -> &Path {
        if self.path.exists() {
            std::fs::remove_dir_all(&self.path).unwrap();
        }
        let parent = self.path.parent().unwrap();
        git(parent, &["clone", "-q", &origin.path().display().to_string(), "repo"]);
        &self.path
    }
}

/// The attacker's work: a clone at the victim's path, postlint run there once with the
/// attacker's own key for the same command, and the cache file `name` it wrote, unsealed.
fn attackers_cache(origin: &Origin, at: &Workspace, restore: bool, args: &[&str], name: &str) -> (Home, Vec<u8>) {
    let attacker = Home::new();
    let clone = at.clone_fresh(origin);
    if restore {
        restore_mtimes(clone);
    }
    attacker.run(clone, args);
    let sealed = std::fs::read(clone.join(".postlint_cache").join(name)).expect("the attacker's run wrote it");
    (attacker, postlint::testing::unsealed(&sealed).to_vec())
}

/// `content` sealed for the cache file `name` with `key`, as postlint on the machine
/// whose key it is would have written it.
fn sealed(name: &str, content: &[u8], key: &[u8; 32]) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    postlint::testing::write_sealed(&path, content, key).unwrap();
    std::fs::read(path).unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn json_check(home: &Home, dir: &Path, args: &[&str]) -> (i32, serde_json::Value) {
    let mut all = vec!["check", "--output-format", "json"];
    all.extend_from_slice(args);
    let output = home.run(dir, &all);
    let json = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(&output)));
    (output.status.code().unwrap_or(-1), json)
}

/// Whether any file under `dir` (the cache folder included) holds `needle`.
fn any_file_contains(dir: &Path, needle: &str) -> bool {
    std::fs::read_dir(dir).unwrap().flatten().any(|entry| {
        let kind = entry.file_type().unwrap();
        if kind.is_dir() {
            entry.file_name() != ".git" && any_file_contains(&entry.path(), needle)
        } else {
            kind.is_file() && String::from_utf8_lossy(&std::fs::read(entry.path()).unwrap()).contains(needle)
        }
    })
}

/// Runs postlint with a standard input that never ends (a pipe held open): fails when the
/// run has not ended after 20 seconds, as a read of `/dev/stdin` would make it.
fn run_with_stdin_held_open(home: &Home, dir: &Path, args: &[&str]) -> Output {
    let binary = assert_cmd::cargo::cargo_bin("postlint");
    let mut child = Command::new(binary)
        .current_dir(dir)
        .env("XDG_CACHE_HOME", home.0.path())
        .env("HOME", home.0.path())
        .env("NO_COLOR", "1")
        .env("POSTLINT_NOW", "2026-06-01")
        .env_remove("POSTLINT_OUTPUT_FORMAT")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let held = child.stdin.take();
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(20) {
            child.kill().unwrap();
            panic!("the run blocked on a standard input that never ends");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    drop(held);
    child.wait_with_output().unwrap()
}

// A forged cache, committed: each attack of issue 29 in a fresh clone.

/// A post outside the repository, with the title of a post inside it (so LNK005 would
/// name it) and a description found nowhere else (so any copy of it shows it was read).
const OUTSIDE_POST: &str = "---\ntitle: \"TOPSECRET outside title\"\ndescription: \"TOPSECRET-DESCRIPTION\"\n---\n";

#[test]
fn a_committed_index_that_leaves_posts_out_does_not_hide_them() {
    let origin = Origin::new(&[]);
    let ws = Workspace::new();
    let args = ["check", "--output-format", "json", "--select", "LNK005,LNK006,LNK007", "."];
    // The attacker's index for this path: no folders (nothing to compare, whatever the
    // times) and the two posts that share a title left out.
    let (attacker, content) = attackers_cache(&origin, &ws, false, &args, "index-v2.bin");
    let mut index = postlint::testing::decode_index(&content).expect("the attacker reads the format");
    index.shape.folders.clear();
    index.shape.ignore_files.clear();
    index.entries.retain(|(path, _)| !path.contains("first") && !path.contains("second"));
    let forged = postlint::testing::encode_index(index);
    origin.commit_cache(&[("index-v2.bin", sealed("index-v2.bin", &forged, &attacker.key()))]);

    let victim = Home::new();
    let clone = ws.clone_fresh(&origin);
    assert!(clone.join(".postlint_cache/index-v2.bin").is_file(), "the forged index is in the clone");
    let (code, json) = json_check(&victim, clone, &["--select", "LNK005,LNK006,LNK007", "."]);
    let (fresh_code, fresh) = json_check(&victim, clone, &["--no-cache", "--select", "LNK005,LNK006,LNK007", "."]);
    assert_eq!(codes(&fresh), ["LNK007", "LNK005", "LNK007"], "{fresh}");
    assert_eq!((code, &json), (fresh_code, &fresh), "the committed index changed the result");
    assert_eq!(code, 1);
}

#[test]
fn a_committed_index_entry_under_a_symlinked_folder_does_not_read_outside() {
    let outside = site(&[("secret.md", OUTSIDE_POST)]);
    let origin = Origin::new(&[("_posts/2026-01-04-bait.md", "---\ntitle: \"TOPSECRET outside title\"\n---\n")]);
    origin.commit_link(outside.path(), "_posts/linked");
    let ws = Workspace::new();
    let args = ["check", "--output-format", "json", "--select", "LNK005,LNK006,LNK007", "."];
    let (attacker, content) = attackers_cache(&origin, &ws, false, &args, "index-v2.bin");
    let mut index = postlint::testing::decode_index(&content).unwrap();
    index.shape.folders.clear();
    index.shape.ignore_files.clear();
    let stamp = postlint::site::cache::Stamp { size: 0, mtime: 0 };
    index.entries.push(("_posts/linked/secret.md".into(), postlint::site::cache::Entry { stamp, post: None }));
    index.entries.sort_by(|a, b| a.0.cmp(&b.0));
    let forged = postlint::testing::encode_index(index);
    origin.commit_cache(&[("index-v2.bin", sealed("index-v2.bin", &forged, &attacker.key()))]);

    let victim = Home::new();
    let clone = ws.clone_fresh(&origin);
    let (_, json) = json_check(&victim, clone, &["--select", "LNK005,LNK006,LNK007", "."]);
    assert!(!json.to_string().contains("secret.md"), "a file outside the repository was indexed: {json}");
    assert!(!any_file_contains(clone, "TOPSECRET-DESCRIPTION"), "its front matter was stored in the clone");
}

#[test]
fn a_committed_index_entry_for_a_link_to_dev_stdin_does_not_block_the_run() {
    let origin = Origin::new(&[]);
    origin.commit_link(Path::new("/dev/stdin"), "_posts/2026-01-05-stdin.md");
    let ws = Workspace::new();
    let args = ["check", "--output-format", "json", "--select", "LNK005,LNK006,LNK007", "."];
    let (attacker, content) = attackers_cache(&origin, &ws, false, &args, "index-v2.bin");
    let mut index = postlint::testing::decode_index(&content).unwrap();
    index.shape.folders.clear();
    index.shape.ignore_files.clear();
    let stamp = postlint::site::cache::Stamp { size: 0, mtime: 0 };
    index.entries.retain(|(path, _)| !path.contains("stdin"));
    index.entries.push(("_posts/2026-01-05-stdin.md".into(), postlint::site::cache::Entry { stamp, post: None }));
    index.entries.sort_by(|a, b| a.0.cmp(&b.0));
    let forged = postlint::testing::encode_index(index);
    origin.commit_cache(&[("index-v2.bin", sealed("index-v2.bin", &forged, &attacker.key()))]);

    let victim = Home::new();
    let clone = ws.clone_fresh(&origin);
    let output = run_with_stdin_held_open(&victim, clone, &args);
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(codes(&json).iter().filter(|code| *code == "LNK007").count(), 2, "{json}");
}

/// A forged `output-v1.bin`: the attacker's own run of the gate's command at the victim's
/// path with the times restored, its kept output replaced.
#[test]
fn committed_output_is_not_replayed_even_with_the_times_restored() {
    let origin = Origin::new(&[]);
    let ws = Workspace::new();
    let mut args = vec!["check", "--output-format", "github"];
    args.extend_from_slice(SELECT);
    args.push(".");
    let (attacker, content) = attackers_cache(&origin, &ws, true, &args, "output-v1.bin");
    let forged = forged_output(&content, "::stop-commands::pwned\n##[add-mask]x\n\u{1b}[2JAll checks passed\n");
    origin.commit_cache(&[("output-v1.bin", sealed("output-v1.bin", &forged, &attacker.key()))]);

    let victim = Home::new();
    let clone = ws.clone_fresh(&origin);
    restore_mtimes(clone);
    let output = victim.run(clone, &args);
    let printed = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{printed}");
    assert!(!printed.contains("stop-commands") && !printed.contains("##[") && !printed.contains('\u{1b}'), "{printed}");
    assert!(printed.contains("::error file=_posts/2026-01-01-first.md"), "the real annotations: {printed}");
}

/// The content of an output file with its output replaced by `payload` and exit code 0.
fn forged_output(content: &[u8], payload: &str) -> Vec<u8> {
    let text = String::from_utf8_lossy(content);
    let (header, _) = text.split_once('\n').expect("a header line");
    let fields: Vec<&str> = header.split(' ').collect();
    assert_eq!(fields.len(), 6, "{header}");
    format!("{} {} {} {} 0 {}\n{payload}", fields[0], fields[1], fields[2], fields[3], payload.len()).into_bytes()
}

/// A forged `run-v2.json` that names `/etc/passwd` as a linted file with a report on its
/// first line: `full` output would show that line as the report's snippet.
#[test]
fn a_committed_run_record_naming_a_file_outside_is_not_replayed() {
    let origin = Origin::new(&[]);
    let ws = Workspace::new();
    let mut args = vec!["check", "--output-format", "full"];
    args.extend_from_slice(SELECT);
    args.push(".");
    let (attacker, content) = attackers_cache(&origin, &ws, true, &args, "run-v2.json");
    let forged = run_record_naming(&content, "/etc/passwd");
    origin.commit_cache(&[("run-v2.json", sealed("run-v2.json", &forged, &attacker.key()))]);

    let victim = Home::new();
    let clone = ws.clone_fresh(&origin);
    restore_mtimes(clone);
    let output = victim.run(clone, &args);
    let printed = stdout(&output);
    assert!(!printed.contains("root:") && !printed.contains("/etc/passwd"), "{printed}");
    assert_eq!(output.status.code(), Some(1), "{printed}");
}

/// A run entry's content with one more linted file, `path`, and a report at its line 1.
fn run_record_naming(content: &[u8], path: &str) -> Vec<u8> {
    let mut entry: serde_json::Value = serde_json::from_slice(content).expect("a run entry");
    let files = entry["files"].as_array_mut().expect("files");
    let mut report = files.iter().find_map(|file| file["reports"].get(0).cloned()).expect("a report to copy");
    report["path"] = path.into();
    report["message"] = "forged".into();
    report["location"] = serde_json::json!({"start": {"line": 1, "column": 1}, "end": {"line": 1, "column": 5}});
    report["span"] = serde_json::json!({"start": 0, "end": 4});
    report["labels"] = serde_json::json!([]);
    report["fix"] = serde_json::Value::Null;
    files.insert(0, serde_json::json!({"path": path, "reports": [report]}));
    serde_json::to_vec(&entry).unwrap()
}

// Sealed by this machine's own key, and still not trusted with paths or output.

/// A site with an outside folder linked in and a post linked to `/dev/stdin`, every file
/// and folder an hour old so the cache trusts their times.
fn site_with_links(outside: &Path) -> tempfile::TempDir {
    let mut files: Vec<(&str, &str)> = POSTS.to_vec();
    files.push(("_posts/2026-01-04-bait.md", "---\ntitle: \"TOPSECRET outside title\"\n---\n"));
    let dir = site(&files);
    std::os::unix::fs::symlink(outside, dir.path().join("_posts/linked")).unwrap();
    std::os::unix::fs::symlink("/dev/stdin", dir.path().join("_posts/2026-01-05-stdin.md")).unwrap();
    age(dir.path());
    dir
}

/// Sets every file's and folder's time to one fixed time long past (links are left as
/// they are), so the caches trust them, and setting it again changes nothing.
fn age(dir: &Path) {
    let past = SystemTime::UNIX_EPOCH + Duration::from_secs(1_600_000_000);
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let kind = entry.file_type().unwrap();
        if kind.is_dir() {
            age(&entry.path());
        } else if kind.is_file() {
            std::fs::File::options().write(true).open(entry.path()).unwrap().set_modified(past).unwrap();
        }
    }
    std::fs::File::open(dir).unwrap().set_modified(past).unwrap();
}

#[test]
fn even_a_sealed_index_is_not_trusted_with_links_devices_or_paths_outside() {
    let outside = site(&[("secret.md", OUTSIDE_POST)]);
    let dir = site_with_links(outside.path());
    let home = Home::new();
    let args = ["check", "--output-format", "json", "--select", "LNK005,LNK006,LNK007", "."];
    let first = run_with_stdin_held_open(&home, dir.path(), &args);
    // The cache folder's creation changed the root's time: set it back, as if settled.
    age(dir.path());
    let index_path = dir.path().join(".postlint_cache/index-v2.bin");
    let mut index =
        postlint::testing::decode_index(postlint::testing::unsealed(&std::fs::read(&index_path).unwrap())).unwrap();
    assert!(index.shape.folders.iter().any(|(folder, _)| folder == "_posts"), "{:?}", index.shape.folders);
    let stamp = postlint::site::cache::Stamp { size: 0, mtime: 0 };
    let entry = |path: &str| (path.to_string(), postlint::site::cache::Entry { stamp, post: None });
    // Each variant on its own: the folders as the walk noted them (their times right), and
    // the linked folder noted as a folder too.
    let linked_mtime = std::fs::symlink_metadata(dir.path().join("_posts/linked"))
        .unwrap()
        .modified()
        .map(postlint::site::cache::nanos)
        .unwrap();
    type Folders = Vec<(String, i128)>;
    type Entries = Vec<(String, postlint::site::cache::Entry)>;
    let variants: Vec<(&str, Folders, Entries)> = vec![
        ("an entry under a linked folder", Vec::new(), vec![entry("_posts/linked/secret.md")]),
        (
            "the linked folder noted as a folder",
            vec![("_posts/linked".into(), linked_mtime)],
            vec![entry("_posts/linked/secret.md")],
        ),
        ("an entry for a link to /dev/stdin", Vec::new(), vec![entry("_posts/2026-01-05-stdin.md")]),
    ];
    for (what, folders, entries) in variants {
        let mut forged = index.clone();
        forged.shape.folders.extend(folders);
        forged.shape.folders.sort();
        forged.entries.extend(entries);
        forged.entries.sort_by(|a, b| a.0.cmp(&b.0));
        postlint::testing::write_sealed(&index_path, &postlint::testing::encode_index(forged), &home.key()).unwrap();
        let output = run_with_stdin_held_open(&home, dir.path(), &args);
        assert_eq!(output.stdout, first.stdout, "{what}");
        assert!(!any_file_contains(dir.path(), "TOPSECRET-DESCRIPTION"), "{what}: outside front matter was stored");
    }
    // Paths that leave the site, or lead into `.git/`, are not even decoded.
    for path in ["../outside.md", "/etc/passwd", ".git/config", "_posts/../../x.md", "_posts//x.md", "./x.md"] {
        index.entries = vec![entry(path)];
        assert!(postlint::testing::decode_index(&postlint::testing::encode_index(index.clone())).is_none(), "{path}");
    }
}

#[test]
fn even_sealed_output_cannot_carry_a_workflow_command_or_a_control_character() {
    let dir = site(POSTS);
    age(dir.path());
    let home = Home::new();
    let mut args = vec!["check", "--output-format", "github"];
    args.extend_from_slice(SELECT);
    args.push(".");
    let first = home.run(dir.path(), &args);
    let kept = dir.path().join(".postlint_cache/output-v1.bin");
    let content = postlint::testing::unsealed(&std::fs::read(&kept).unwrap()).to_vec();
    let payloads = [
        "::stop-commands::pwned\n",
        "  ::add-mask::secret\n",
        "note ##[error]forged\n",
        "clear \u{1b}[2J\n",
        "bell \u{7}\n",
        "carriage \r::error::x\n",
        "c1 \u{9b}31m\n",
    ];
    for payload in payloads {
        postlint::testing::write_sealed(&kept, &forged_output(&content, payload), &home.key()).unwrap();
        let output = home.run(dir.path(), &args);
        assert_eq!(output.stdout, first.stdout, "{payload:?} was written back");
        assert_eq!(output.status.code(), first.status.code());
    }
    // Output that postlint's formats print is still written back (a mark shows it).
    let mark = "::warning file=_posts/2026-01-03-other.md,line=7,col=1::REPLAYED\n";
    postlint::testing::write_sealed(&kept, &forged_output(&content, mark), &home.key()).unwrap();
    assert_eq!(stdout(&home.run(dir.path(), &args)), mark);
}

#[test]
fn even_a_sealed_run_record_cannot_name_a_file_outside_the_repository() {
    let dir = site(POSTS);
    git(dir.path(), &["init", "-q"]);
    std::fs::write(dir.path().join(".git/secret"), "extraheader: TOKEN\n").unwrap();
    age(dir.path());
    let home = Home::new();
    let mut args = vec!["check", "--output-format", "full"];
    args.extend_from_slice(SELECT);
    args.push(".");
    let first = home.run(dir.path(), &args);
    let record = dir.path().join(".postlint_cache/run-v2.json");
    let content = postlint::testing::unsealed(&std::fs::read(&record).unwrap()).to_vec();
    for path in ["/etc/passwd", "../../../../etc/passwd", ".git/secret"] {
        std::fs::remove_file(dir.path().join(".postlint_cache/output-v1.bin")).ok();
        postlint::testing::write_sealed(&record, &run_record_naming(&content, path), &home.key()).unwrap();
        let output = home.run(dir.path(), &args);
        let printed = stdout(&output);
        assert!(!printed.contains("root:") && !printed.contains("TOKEN") && !printed.contains("forged"), "{printed}");
        assert_eq!(output.stdout, first.stdout, "{path}");
    }
}

#[test]
fn the_key_is_private_and_kept_outside_the_repository_and_no_key_means_no_cache() {
    use std::os::unix::fs::PermissionsExt;
    let dir = site(POSTS);
    let home = Home::new();
    let (_, cached) = json_check(&home, dir.path(), &["--select", "LNK005,LNK007", "."]);
    let key_path = home.0.path().join("postlint/key");
    let meta = std::fs::symlink_metadata(&key_path).unwrap();
    assert!(meta.file_type().is_file() && meta.len() == 32);
    assert_eq!(meta.permissions().mode() & 0o777, 0o600);
    assert_eq!(std::fs::symlink_metadata(home.0.path().join("postlint")).unwrap().permissions().mode() & 0o777, 0o700);
    let key = std::fs::read(&key_path).unwrap();
    for entry in std::fs::read_dir(dir.path().join(".postlint_cache")).unwrap().flatten() {
        let bytes = std::fs::read(entry.path()).unwrap();
        assert!(!bytes.windows(32).any(|window| window == key), "the key is in {}", entry.path().display());
    }

    // No home at all, or one where no folder can be made: the same result, and no cache.
    let no_folder = tempfile::NamedTempFile::new().unwrap();
    let homes: [Option<&Path>; 2] = [None, Some(no_folder.path())];
    for cache_home in homes {
        let bare = site(POSTS);
        let mut command = postlint();
        command.current_dir(bare.path()).args(["check", "--output-format", "json", "--select", "LNK005,LNK007", "."]);
        match cache_home {
            None => command.env_remove("XDG_CACHE_HOME").env_remove("HOME"),
            Some(path) => command.env("XDG_CACHE_HOME", path).env("HOME", path),
        };
        let output = command.output().unwrap();
        assert_eq!(serde_json::from_slice::<serde_json::Value>(&output.stdout).unwrap(), cached);
        assert!(!bare.path().join(".postlint_cache").exists(), "no key, no cache ({cache_home:?})");
    }
    // A key another user could read is not used: no cache either.
    std::fs::set_permissions(&key_path, std::fs::Permissions::from_mode(0o644)).unwrap();
    let third = site(POSTS);
    let (_, result) = json_check(&home, third.path(), &["--select", "LNK005,LNK007", "."]);
    assert_eq!(result, cached);
    assert!(!third.path().join(".postlint_cache").exists(), "an unfit key is not used");
}
