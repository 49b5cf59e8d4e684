//! A deterministic corpus of blog posts for benchmarks: `cargo run --release --example
//! corpus -- DIR N [SEED]` writes a Jekyll-style site of N posts (about 20 KB each,
//! Japanese and English, front matter with tags, keywords and images, 5–15 headings,
//! 3–8 CDN images, JSON-LD in a third, Liquid tags, and some defects of every family).

use std::fmt::Write as _;
use std::path::Path;

/// xorshift64*: small, fast, and the same sequence on every machine.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

const JA_SENTENCES: &[&str] = &[
    "小さなチームでも続けられる仕組みを作ることが、成果への一番の近道です。",
    "まずは目的を一つに絞り、その目的に合った指標を一つだけ追いかけましょう。",
    "数字を見直す日をあらかじめ予定に入れておくと、振り返りが習慣になります。",
    "写真や動画の撮影を同じ日にまとめると、毎日の負担がぐっと軽くなります。",
    "反応の良かった投稿の共通点を探し、翌月の予定表に反映させます。",
    "お客さまの声を集める仕組みがあると、次の企画を考えるのが楽になります。",
    "道具選びでは、機能の多さよりも毎日使い続けられるかどうかを重視します。",
    "季節ごとにメニューを見直すと、常連のお客さまにも新しい発見が生まれます。",
];
const EN_SENTENCES: &[&str] = &[
    "A routine that a small team can keep is worth more than a perfect plan nobody follows.",
    "Pick one goal for the first three months and measure exactly one number for it.",
    "Put the review day in the calendar before the month starts, so it actually happens.",
    "Shooting all photos on the same afternoon keeps the daily work light.",
    "Look for what the best posts have in common and plan next month around it.",
    "Customer questions are the best source of ideas for the next article.",
    "Choose tools you will use every day over tools with the longest feature list.",
    "Changing part of the menu each season gives regulars something new to try.",
];
const JA_HEADINGS: &[&str] = &[
    "準備と計画",
    "道具の選び方",
    "よくある失敗",
    "実践のコツ",
    "数字の見方",
    "続けるための工夫",
    "成功事例",
    "チームでの分担",
];
const EN_HEADINGS: &[&str] = &[
    "Planning the month",
    "Choosing the tools",
    "Common mistakes",
    "Practical tips",
    "Reading the numbers",
    "Keeping it going",
    "Examples that worked",
    "Sharing the work",
];
const TAGS: &[&str] =
    &["marketing", "social media", "cafe", "planning", "photography", "SNS運用", "カフェ", "計画 2026", "tools 2025"];

fn paragraph(rng: &mut Rng, japanese: bool, sentences: usize) -> String {
    let pool = if japanese { JA_SENTENCES } else { EN_SENTENCES };
    let separator = if japanese { "" } else { " " };
    (0..sentences).map(|_| *rng.pick(pool)).collect::<Vec<_>>().join(separator)
}

fn image_url(rng: &mut Rng, duplicate_w: bool) -> String {
    let id = rng.below(10_000_000_000);
    let dup = if duplicate_w { "&w=1200" } else { "" };
    format!(
        "https://images.unsplash.com/photo-{id:013}-abcdef?crop=entropy&cs=tinysrgb&fit=max&fm=jpg&ixlib=rb-4.1.0&q=80&w=1080{dup}&h=630"
    )
}

pub fn post(rng: &mut Rng, index: usize) -> (String, String) {
    let japanese = rng.chance(50);
    let day = 1 + (index % 28);
    let month = 1 + (index / 28) % 12;
    let slug = format!("post-{index:05}");
    let name = format!("2026-{month:02}-{day:02}-{slug}.md");
    let steps = 3 + rng.below(5);
    let title = if japanese {
        format!("2026年版！{}の進め方：失敗しない{steps}つのステップ #{index}", rng.pick(JA_HEADINGS))
    } else {
        format!("{steps} steps to {} in 2026 (#{index})", rng.pick(EN_HEADINGS).to_lowercase())
    };
    let defect = index % 7;
    let mut text = String::with_capacity(24 * 1024);
    text.push_str("---\n");
    writeln!(text, "title: \"{title}\"").ok();
    writeln!(text, "date: 2026-{month:02}-{day:02}T09:00:00+09:00").ok();
    let tags: Vec<&str> = (0..3 + rng.below(3)).map(|_| *rng.pick(TAGS)).collect();
    writeln!(text, "tags: [{}]", tags.join(", ")).ok();
    writeln!(text, "keywords: [\"{}\"]", tags[0]).ok();
    writeln!(text, "author: \"Hoshino Lab\"").ok();
    let description = paragraph(rng, japanese, 2);
    writeln!(
        text,
        "description: \"{}\"",
        description.chars().take(if japanese { 90 } else { 150 }).collect::<String>()
    )
    .ok();
    writeln!(text, "image: \"{}\"", image_url(rng, defect == 1)).ok();
    if defect == 2 {
        writeln!(text, "draft: no").ok();
    }
    writeln!(text, "reading_time: {}", if defect == 3 { 1 } else { 6 }).ok();
    text.push_str("---\n\n");
    text.push_str(&paragraph(rng, japanese, 4));
    text.push_str("\n\n");
    let headings = 5 + rng.below(11) as usize;
    let images = 3 + rng.below(6) as usize;
    let pool = if japanese { JA_HEADINGS } else { EN_HEADINGS };
    for h in 0..headings {
        let level = if h % 3 == 0 {
            2
        } else if defect == 4 && h == 4 {
            4
        } else {
            3
        };
        let heading = if level == 3 && h < 4 {
            format!("{} {}", if japanese { format!("ステップ{h}:") } else { format!("Step {h}:") }, rng.pick(pool))
        } else {
            rng.pick(pool).to_string()
        };
        writeln!(text, "{} {heading}\n", "#".repeat(level)).ok();
        if h < images {
            let alt = if defect == 5 {
                format!("{heading}に関連するイメージ")
            } else {
                format!("Photo {h} of the {}", rng.pick(EN_HEADINGS).to_lowercase())
            };
            writeln!(text, "![{alt}]({})\n", image_url(rng, defect == 1)).ok();
        }
        for _ in 0..2 + rng.below(3) {
            let sentences = 6 + rng.below(6) as usize;
            text.push_str(&paragraph(rng, japanese, sentences));
            text.push_str("\n\n");
        }
        if rng.chance(20) {
            writeln!(
                text,
                "Read more in [the previous post]({{% post_url 2026-01-{:02}-post-{:05} %}}).\n",
                1 + (index + 1) % 28,
                index.saturating_sub(1)
            )
            .ok();
        }
    }
    if index.is_multiple_of(3) {
        let modified = if defect == 6 {
            String::new()
        } else {
            format!("\n  \"dateModified\": \"2026-{month:02}-{day:02}T09:00:00+09:00\",")
        };
        writeln!(
            text,
            "<script type=\"application/ld+json\">\n{{\n  \"@context\": \"https://schema.org\",\n  \"@type\": \"BlogPosting\",\n  \"headline\": \"{title}\",\n  \"image\": \"{}\",\n  \"datePublished\": \"2026-{month:02}-{day:02}T09:00:00+09:00\",{modified}\n  \"author\": {{\"@type\": \"Organization\", \"name\": \"Hoshino Lab\", \"url\": \"https://example.com\"}}\n}}\n</script>",
            image_url(rng, false)
        )
        .ok();
    }
    (name, text)
}

pub fn write_site(dir: &Path, posts: usize, seed: u64) -> std::io::Result<u64> {
    let posts_dir = dir.join("_posts");
    std::fs::create_dir_all(&posts_dir)?;
    std::fs::write(
        dir.join("_config.yml"),
        "title: Bench\nurl: \"https://example.com\"\npermalink: /blog/:title/\nplugins: [jekyll-seo-tag]\nlang: ja\n",
    )?;
    let mut rng = Rng::new(seed);
    let mut bytes = 0;
    for index in 0..posts {
        let (name, text) = post(&mut rng, index);
        bytes += text.len() as u64;
        std::fs::write(posts_dir.join(name), text)?;
    }
    Ok(bytes)
}

#[allow(dead_code)]
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(dir), Some(count)) = (args.get(1), args.get(2).and_then(|n| n.parse().ok())) else {
        eprintln!("usage: corpus DIR N [SEED]");
        std::process::exit(2);
    };
    let seed = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(2026);
    match write_site(Path::new(dir), count, seed) {
        Ok(bytes) => println!("wrote {count} posts, {:.1} MB, to {dir}", bytes as f64 / 1e6),
        Err(error) => {
            eprintln!("corpus: {error}");
            std::process::exit(2);
        }
    }
}
