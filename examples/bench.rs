//! The benchmark: `cargo run --release --example bench` generates seeded corpora
//! (1, 1,000 and 10,000 posts) under target/bench, then times whole-process runs of
//! postlint against a bare pulldown-cmark parse of the same files, in the same run,
//! and markdownlint-cli2 and rumdl when they are installed. It prints a Markdown table.
//!
//! Then it times the hostile posts of the reliability tests (tests/common/hostile.rs) at
//! 16 MiB each, linted alone with every rule: each must finish within 2 s, in at most
//! about ten times its size in memory.
//!
//! Options: `--sizes 1,1000,10000`, `--runs 5`; `--hostile-only` times the hostile posts
//! alone, `--hostile-mib 16` sets their size, `--no-hostile` leaves them out;
//! `--postlint PATH` times that binary instead of building this tree's (to compare two
//! versions on the same machine, one run after the other).

mod corpus;
#[path = "../tests/common/hostile.rs"]
mod hostile;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use rayon::prelude::*;

struct Timing {
    median: f64,
    min: f64,
    max: f64,
}

fn time_command(program: &Path, args: &[&str], dir: &Path, runs: usize) -> Option<Timing> {
    let mut samples = Vec::new();
    for _ in 0..runs {
        let started = Instant::now();
        let status = Command::new(program)
            .args(args)
            .current_dir(dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .ok()?;
        samples.push(started.elapsed().as_secs_f64());
        status.code()?;
    }
    samples.sort_by(f64::total_cmp);
    Some(Timing { median: samples[samples.len() / 2], min: samples[0], max: samples[samples.len() - 1] })
}

/// Peak resident memory of one run, from GNU time when it is installed.
fn peak_memory_mb(program: &Path, args: &[&str], dir: &Path) -> Option<f64> {
    let time = Path::new("/usr/bin/time");
    if !time.is_file() {
        return None;
    }
    let output = Command::new(time)
        .arg("-f")
        .arg("%M")
        .arg(program)
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::null())
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&output.stderr);
    text.lines().last()?.trim().parse::<f64>().ok().map(|kb| kb / 1024.0)
}

/// Whole-site runs with the cache, over the `size`-post site at `dir`: the second run over
/// an unchanged tree, and runs after one post's body was edited (a new post each time,
/// its time set in the past so the run trusts it).
fn cached_runs(postlint: &Path, dir: &Path, size: usize, runs: usize, cold: Option<&Timing>) {
    let args = ["check", "--exit-zero", "--output-format", "concise", "--now", "2026-11-25", "_posts"];
    let _ = time_command(postlint, &args, dir, 1);
    let second = time_command(postlint, &args, dir, runs);
    println!("\n{size} posts, second run over the unchanged tree: {}", fmt(&second));
    if let (Some(cold), Some(second)) = (cold, &second) {
        println!("  ({:.0}× faster than the cold run above, {:.3} s)", cold.median / second.median, cold.median);
    }
    let mut posts: Vec<PathBuf> =
        std::fs::read_dir(dir.join("_posts")).into_iter().flatten().flatten().map(|e| e.path()).collect();
    posts.sort();
    let mut samples = Vec::new();
    for (run, post) in posts.iter().rev().take(runs).enumerate() {
        let Ok(text) = std::fs::read_to_string(post) else { continue };
        let edited = format!("{text}\nOne more paragraph, edit {run}.\n");
        if std::fs::write(post, &edited).is_err() {
            continue;
        }
        let past = std::time::SystemTime::now() - std::time::Duration::from_secs(3600 + run as u64);
        let _ = std::fs::File::options().write(true).open(post).and_then(|f| f.set_modified(past));
        if let Some(timing) = time_command(postlint, &args, dir, 1) {
            samples.push(timing.median);
        }
        let _ = std::fs::write(post, &text);
        let _ = std::fs::File::options().write(true).open(post).and_then(|f| f.set_modified(past));
    }
    samples.sort_by(f64::total_cmp);
    if let Some(median) = samples.get(samples.len() / 2) {
        println!("{size} posts, after one post's body was edited: {median:.3} s (median of {})", samples.len());
    }
}

/// The baseline: read every post and run pulldown-cmark over it with offsets, in parallel.
fn bare_parse(dir: &Path) -> usize {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(current) = stack.pop() {
        for entry in std::fs::read_dir(&current).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "md") {
                files.push(path);
            }
        }
    }
    files
        .par_iter()
        .map(|path| {
            let text = std::fs::read_to_string(path).unwrap_or_default();
            pulldown_cmark::Parser::new_ext(&text, pulldown_cmark::Options::all()).into_offset_iter().count()
        })
        .sum()
}

fn find_tool(candidates: &[PathBuf], name: &str) -> Option<PathBuf> {
    candidates.iter().find(|p| p.is_file()).cloned().or_else(|| {
        Command::new("which")
            .arg(name)
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()))
    })
}

fn fmt(timing: &Option<Timing>) -> String {
    match timing {
        Some(t) => format!("{:.3} s ({:.3}–{:.3})", t.median, t.min, t.max),
        None => "n/a".to_string(),
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("--parse") {
        let events = bare_parse(Path::new(&args[2]));
        println!("{events}");
        return;
    }
    let option = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned();
    let sizes: Vec<usize> =
        option("--sizes").unwrap_or_else(|| "1,1000,10000".into()).split(',').filter_map(|s| s.parse().ok()).collect();
    let runs: usize = option("--runs").and_then(|r| r.parse().ok()).unwrap_or(5);
    let hostile_only = args.iter().any(|a| a == "--hostile-only");
    let hostile_mib: usize = option("--hostile-mib").and_then(|m| m.parse().ok()).unwrap_or(16);
    let no_hostile = args.iter().any(|a| a == "--no-hostile");
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let postlint = match option("--postlint") {
        Some(path) => PathBuf::from(path),
        None => {
            let status = Command::new("cargo")
                .args(["build", "--release", "--quiet", "--bin", "postlint"])
                .current_dir(&root)
                .status();
            if !status.is_ok_and(|s| s.success()) {
                eprintln!("bench: cargo build --release failed");
                std::process::exit(2);
            }
            root.join("target/release/postlint")
        }
    };
    let me = std::env::current_exe().unwrap_or_default();
    let tools = root.join("target/bench-tools");
    let markdownlint = find_tool(&[tools.join("node_modules/.bin/markdownlint-cli2")], "markdownlint-cli2");
    let rumdl = find_tool(&[tools.join("venv/bin/rumdl")], "rumdl");
    println!(
        "machine: {} cores; runs per measure: {runs}; postlint {}",
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        env!("CARGO_PKG_VERSION")
    );
    println!(
        "markdownlint-cli2: {}",
        markdownlint.as_ref().map_or("not installed (skipped)".into(), |p| p.display().to_string())
    );
    println!("rumdl: {}\n", rumdl.as_ref().map_or("not installed (skipped)".into(), |p| p.display().to_string()));
    if hostile_only {
        hostile_posts(&postlint, &root, hostile_mib, runs);
        return;
    }
    println!("| posts | MB | postlint | bare parse | ratio | MB/s | peak memory | markdownlint-cli2 | rumdl |");
    println!("|---:|---:|---|---|---:|---:|---:|---|---|");
    // The cold runs of each size, in order: the cached runs are compared with the largest.
    let mut cold_runs: Vec<Option<Timing>> = Vec::new();
    let mut sizes = sizes;
    sizes.sort_unstable();
    for &size in &sizes {
        let dir = root.join(format!("target/bench/corpus-{size}"));
        if !dir.join("_posts").is_dir()
            && let Err(error) = corpus::write_site(&dir, size, 2026)
        {
            eprintln!("bench: {error}");
            std::process::exit(2);
        }
        let bytes: u64 = std::fs::read_dir(dir.join("_posts"))
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|e| e.metadata().ok())
            .map(|m| m.len())
            .sum();
        let megabytes = bytes as f64 / 1e6;
        // Cold: no cache read or written, every post read and linted.
        let lint_args =
            ["check", "--no-cache", "--exit-zero", "--output-format", "concise", "--now", "2026-11-25", "_posts"];
        let ours = time_command(&postlint, &lint_args, &dir, runs);
        let dir_text = dir.join("_posts").to_string_lossy().into_owned();
        let baseline = time_command(&me, &["--parse", &dir_text], &dir, runs);
        let memory = peak_memory_mb(&postlint, &lint_args, &dir).map_or("n/a".into(), |mb| format!("{mb:.1} MB"));
        let ratio = match (&ours, &baseline) {
            (Some(o), Some(b)) => format!("{:.2}×", o.median / b.median),
            _ => "n/a".into(),
        };
        let throughput = ours.as_ref().map_or("n/a".into(), |o| format!("{:.0}", megabytes / o.median));
        let competitor = |tool: &Option<PathBuf>, args: &[&str]| -> String {
            let Some(tool) = tool else { return "skipped".into() };
            let timing = time_command(tool, args, &dir, runs.min(3));
            match (&timing, &ours) {
                (Some(t), Some(o)) => format!("{:.3} s ({:.1}× postlint)", t.median, t.median / o.median),
                _ => "failed".into(),
            }
        };
        // markdownlint-cli2 takes minutes on 10,000 posts: it is timed up to 1,000.
        let mdl =
            if size <= 1000 { competitor(&markdownlint, &["_posts/**/*.md"]) } else { "not run (too slow)".into() };
        let rum = competitor(&rumdl, &["check", "--no-config", "_posts"]);
        println!(
            "| {size} | {megabytes:.1} | {} | {} | {ratio} | {throughput} | {memory} | {mdl} | {rum} |",
            fmt(&ours),
            fmt(&baseline)
        );
        cold_runs.push(ours);
    }
    if let Some(&largest) = sizes.iter().max() {
        let dir = root.join(format!("target/bench/corpus-{largest}"));
        cached_runs(&postlint, &dir, largest, runs, cold_runs.last().and_then(Option::as_ref));
        let posts: Vec<PathBuf> = {
            let mut posts: Vec<PathBuf> =
                std::fs::read_dir(dir.join("_posts")).into_iter().flatten().flatten().map(|e| e.path()).collect();
            posts.sort();
            posts
        };
        if let Some(one) = posts.first() {
            let relative = one.strip_prefix(&dir).unwrap_or(one).to_string_lossy().into_owned();
            let args = ["check", "--exit-zero", "--now", "2026-11-25", &relative];
            let cold = time_command(
                &postlint,
                &["check", "--no-cache", "--exit-zero", "--now", "2026-11-25", &relative],
                &dir,
                runs,
            );
            let _ = time_command(&postlint, &args, &dir, 1);
            let warm = time_command(&postlint, &args, &dir, runs);
            println!("one post of the {largest}-post site, --no-cache: {}", fmt(&cold));
            println!("one post of the {largest}-post site, warm .postlint_cache/: {}", fmt(&warm));
            let text = std::fs::read_to_string(one).unwrap_or_default();
            let lone = root.join("target/bench/one-post");
            let _ = std::fs::create_dir_all(&lone);
            let _ = std::fs::write(lone.join("post.md"), &text);
            let timing =
                time_command(&postlint, &["check", "--exit-zero", "--now", "2026-11-25", "post.md"], &lone, runs);
            println!("one post alone, whole process: {}", fmt(&timing));
            if let (Some(warm), Some(alone)) = (&warm, &timing) {
                println!("one post in the big site / alone: {:.1}×", warm.median / alone.median);
            }
        }
    }
    let many = root.join("target/bench/many-diagnostics");
    let _ = std::fs::create_dir_all(&many);
    let mut text = String::from("---\ntitle: \"A post with a hundred thousand problems\"\n---\n\n");
    for i in 0..20_000 {
        text.push_str(&format!("## Same heading:\n\n![image](http://x.test/{i}.png)\n\n"));
    }
    let _ = std::fs::write(many.join("post.md"), &text);
    let output = Command::new(&postlint)
        .args(["check", "--output-format", "json-lines", "--exit-zero", "post.md"])
        .current_dir(&many)
        .output();
    let count = output.map(|o| o.stdout.iter().filter(|b| **b == b'\n').count()).unwrap_or(0);
    let timing =
        time_command(&postlint, &["check", "--output-format", "full", "--exit-zero", "post.md"], &many, runs.min(3));
    println!("{count} diagnostics printed in `full` format: {}", fmt(&timing));
    if !no_hostile {
        hostile_posts(&postlint, &root, hostile_mib, runs);
    }
}

/// Peak resident memory (MB) and CPU time (user + system, seconds) of one run, from GNU
/// time: on a shared machine the CPU time says more than the wall time.
fn peak_memory_and_cpu(program: &Path, args: &[&str], dir: &Path) -> Option<(f64, f64)> {
    let time = Path::new("/usr/bin/time");
    if !time.is_file() {
        return None;
    }
    let output = Command::new(time)
        .args(["-f", "%M %U %S"])
        .arg(program)
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::null())
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&output.stderr);
    let fields: Vec<f64> = text.lines().last()?.split_whitespace().filter_map(|f| f.parse().ok()).collect();
    match fields[..] {
        [kb, user, system] => Some((kb / 1024.0, user + system)),
        _ => None,
    }
}

/// Each hostile post at `mib` MiB, linted alone with every rule (JSON output, which holds
/// every report until the end): the median time of up to three runs, the CPU time and
/// peak memory of one, and whether a cap was reached (a PL001 says what was not read).
fn hostile_posts(postlint: &Path, root: &Path, mib: usize, runs: usize) {
    let dir = root.join("target/bench/hostile");
    let _ = std::fs::create_dir_all(&dir);
    println!("\nHostile posts, {mib} MiB each, every rule (each must take at most 2 s):\n");
    println!("| post | MB | time | CPU | peak memory | × size | cap reached |");
    println!("|---|---:|---|---:|---:|---:|---|");
    let mut slowest: f64 = 0.0;
    for (name, text) in hostile::posts(mib << 20) {
        let file: String = name.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect();
        let file = format!("{file}.md");
        if std::fs::write(dir.join(&file), &text).is_err() {
            continue;
        }
        let args =
            ["check", "--isolated", "--no-cache", "--exit-zero", "--select", "ALL", "--output-format", "json", &file];
        let timing = time_command(postlint, &args, &dir, runs.min(3));
        let measured = peak_memory_and_cpu(postlint, &args, &dir);
        let memory = measured.map(|(mb, _)| mb);
        let capped = Command::new(postlint)
            .args([
                "check",
                "--isolated",
                "--no-cache",
                "--exit-zero",
                "--select",
                "ALL",
                "--output-format",
                "json-lines",
                &file,
            ])
            .current_dir(&dir)
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).lines().filter(|l| l.contains("\"code\":\"PL001\"")).count())
            .unwrap_or(0);
        let megabytes = text.len() as f64 / 1e6;
        slowest = slowest.max(timing.as_ref().map_or(f64::INFINITY, |t| t.median));
        println!(
            "| {name} | {megabytes:.1} | {} | {} | {} | {} | {} |",
            fmt(&timing),
            measured.map_or("n/a".into(), |(_, cpu)| format!("{cpu:.2} s")),
            memory.map_or("n/a".into(), |mb| format!("{mb:.0} MB")),
            memory.map_or("n/a".into(), |mb| format!("{:.1}×", mb * 1_048_576.0 / text.len() as f64)),
            if capped > 0 { format!("yes ({capped} PL001)") } else { "no".into() },
        );
    }
    println!("\nslowest hostile post: {slowest:.3} s{}", if slowest <= 2.0 { "" } else { " (over the 2 s budget)" });
}
