//! Speed regressions caught by counting work, not by timing: each post is parsed once
//! per lint, and printing a diagnostic allocates a bounded number of times.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use postlint::document::PARSES;
use postlint::testing::{all_rules, lint_text};

struct Counting;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);
static BYTES: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        BYTES.fetch_add(layout.size(), Ordering::Relaxed);
        // SAFETY: forwarding the caller's layout to the system allocator.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` was allocated by `System.alloc` with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn post_with_images(count: usize) -> String {
    let mut text = String::from("---\ntitle: \"A post whose images all repeat a size parameter\"\n---\n\n");
    for i in 0..count {
        text.push_str(&format!("![Photo number {i} of the harbour at dusk](https://x.test/{i}.jpg?w=1&w=2)\n\n"));
    }
    text
}

#[test]
fn every_post_is_parsed_once_and_diagnostics_allocate_a_bounded_amount() {
    let settings = all_rules();
    // Warm up lazily built data (vocabulary, regexes) outside the measurement.
    lint_text("warm.md", &post_with_images(2), &settings, "none");

    let small = post_with_images(100);
    let large = post_with_images(1_100);
    let measure = |text: &str| {
        let parses = PARSES.load(Ordering::Relaxed);
        let allocations = ALLOCATIONS.load(Ordering::Relaxed);
        let bytes = BYTES.load(Ordering::Relaxed);
        let reports = lint_text("post.md", text, &settings, "none");
        let mut out = Vec::new();
        let files = vec![postlint::output::FileReports {
            path: "post.md".into(),
            reports: reports.clone(),
            source: Some(text.to_string()),
            fixed: None,
        }];
        let summary = postlint::output::Summary::count(1, reports.iter());
        postlint::output::emitter(postlint::output::Format::Full)
            .emit(&mut out, &files, &summary, &postlint::output::Style { color: false, quiet: false, fail_on: None })
            .unwrap();
        (
            PARSES.load(Ordering::Relaxed) - parses,
            ALLOCATIONS.load(Ordering::Relaxed) - allocations,
            BYTES.load(Ordering::Relaxed) - bytes,
            reports.len(),
        )
    };
    let (small_parses, small_allocations, small_bytes, small_reports) = measure(&small);
    let (large_parses, large_allocations, large_bytes, large_reports) = measure(&large);
    assert_eq!((small_parses, large_parses), (1, 1), "one parse per lint, whatever the rules");
    let extra_reports = large_reports - small_reports;
    assert!(extra_reports >= 1_000, "{extra_reports}");
    let per_diagnostic = (large_allocations - small_allocations) as f64 / extra_reports as f64;
    // Each extra image is parsed, collected by the image rules, and reported with its
    // message, help, label, fix and output line: about 63 allocations today.
    assert!(per_diagnostic < 100.0, "{per_diagnostic:.1} allocations per diagnostic");
    // About 10 KB today (amortised buffer growth, per-rule image lists); a copy of the
    // file per diagnostic would add its whole size (here 84 KB) to each.
    let bytes_per_diagnostic = (large_bytes - small_bytes) as f64 / extra_reports as f64;
    assert!(
        bytes_per_diagnostic < 20_000.0,
        "{bytes_per_diagnostic:.0} bytes allocated per diagnostic; the file is {} bytes",
        large.len()
    );
}
