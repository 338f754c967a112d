//! Shared by the criterion benchmarks and `examples/throughput.rs`: loading a benchmark
//! corpus, building the built-in one from the repository's own sample texts, and
//! generating large person gazetteers.
//!
//! Lives in a folder so that cargo does not take it for a benchmark of its own.

#![allow(dead_code)]

use std::path::Path;

/// One document of a corpus.
pub struct Doc {
    /// The article text.
    pub text: String,
    /// The publication date, `YYYY-MM-DD`, when the corpus gives one.
    pub date: Option<String>,
}

/// The repository's own sample articles, embedded so that the built-in corpus does not
/// depend on the working directory.
const SAMPLES: [&str; 3] = [
    include_str!("../../examples/data/sample-article.txt"),
    include_str!("../../tests/data/vietnam-talks.txt"),
    include_str!("../../tests/data/gulf-visit.txt"),
];

/// The first sample article: the one-article benchmark.
pub const SAMPLE: &str = SAMPLES[0];

/// Total bytes of text in `docs`.
pub fn bytes(docs: &[Doc]) -> usize {
    docs.iter().map(|d| d.text.len()).sum()
}

/// The corpus named by `NEWSFACTS_BENCH_CORPUS`, else the built-in one of about
/// `built_in_bytes`. The second value describes where it came from.
pub fn from_env(built_in_bytes: usize) -> (Vec<Doc>, String) {
    if let Ok(path) = std::env::var("NEWSFACTS_BENCH_CORPUS") {
        match load(Path::new(&path)) {
            Ok(docs) if !docs.is_empty() => return (docs, path),
            Ok(_) => eprintln!("NEWSFACTS_BENCH_CORPUS={path}: no documents"),
            Err(e) => eprintln!("NEWSFACTS_BENCH_CORPUS={path}: {e}"),
        }
        eprintln!("using the built-in corpus instead");
    }
    (
        built_in(built_in_bytes),
        "built-in (repository samples)".into(),
    )
}

/// The repository's sample articles, cycled in a fixed order until `target` bytes.
pub fn built_in(target: usize) -> Vec<Doc> {
    let mut docs = Vec::new();
    let mut total = 0;
    for text in SAMPLES.iter().cycle() {
        if total >= target {
            break;
        }
        total += text.len();
        docs.push(Doc {
            text: (*text).to_string(),
            date: None,
        });
    }
    docs
}

/// A corpus from a file: `.jsonl` (one `{"text", "date"}` object a line), or text split
/// into documents at lines holding only `%%%`, else at runs of two blank lines, else at
/// blank lines. A directory gives every `*.txt` below it, one document each, sorted.
pub fn load(path: &Path) -> Result<Vec<Doc>, String> {
    if path.is_dir() {
        let mut files = Vec::new();
        walk(path, &mut files).map_err(|e| format!("{}: {e}", path.display()))?;
        files.sort();
        return files
            .iter()
            .map(|f| {
                let bytes = std::fs::read(f).map_err(|e| format!("{}: {e}", f.display()))?;
                Ok(Doc {
                    text: String::from_utf8_lossy(&bytes).into_owned(),
                    date: None,
                })
            })
            .collect();
    }
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let text = String::from_utf8_lossy(&bytes);
    if path.extension().is_some_and(|e| e == "jsonl") {
        let mut docs = Vec::new();
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let value: serde_json::Value = serde_json::from_str(line)
                .map_err(|e| format!("{}:{}: {e}", path.display(), n + 1))?;
            let Some(text) = value.get("text").and_then(|t| t.as_str()) else {
                return Err(format!("{}:{}: no \"text\"", path.display(), n + 1));
            };
            docs.push(Doc {
                text: text.to_string(),
                date: value
                    .get("date")
                    .and_then(|d| d.as_str())
                    .map(str::to_string),
            });
        }
        return Ok(docs);
    }
    Ok(split(&text)
        .into_iter()
        .map(|t| Doc {
            text: t.to_string(),
            date: None,
        })
        .collect())
}

fn walk(dir: &Path, files: &mut Vec<std::path::PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            walk(&path, files)?;
        } else if path.extension().is_some_and(|e| e == "txt") {
            files.push(path);
        }
    }
    Ok(())
}

/// Splits a text corpus into documents (see [`load`]).
pub fn split(text: &str) -> Vec<&str> {
    let keep = |d: &&str| !d.trim().is_empty();
    if text.lines().any(|l| l.trim() == "%%%") {
        let mut docs = Vec::new();
        let mut start = 0;
        let mut at = 0;
        for line in text.split_inclusive('\n') {
            if line.trim() == "%%%" {
                docs.push(&text[start..at]);
                start = at + line.len();
            }
            at += line.len();
        }
        docs.push(&text[start..]);
        return docs.into_iter().filter(keep).collect();
    }
    let docs: Vec<&str> = text.split("\n\n\n").filter(keep).collect();
    if docs.len() > 1 {
        docs
    } else {
        text.split("\n\n").filter(keep).collect()
    }
}

/// A tiny deterministic PRNG (SplitMix64): the same names on every machine and run.
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const GIVEN: [&str; 48] = [
    "Anna", "Boris", "Carlos", "Dmitri", "Elena", "Farid", "Grace", "Hiroshi", "Ines", "Jamal",
    "Karin", "Lars", "Maria", "Nikolai", "Olga", "Pedro", "Qasim", "Rosa", "Sergei", "Tamar",
    "Usha", "Viktor", "Wei", "Xavier", "Yusuf", "Zara", "Ahmed", "Bianca", "Chen", "Daniel",
    "Emeka", "Fatima", "Gustavo", "Hana", "Ivan", "Julia", "Kofi", "Leila", "Mehmet", "Nadia",
    "Omar", "Priya", "Rahul", "Sofia", "Tomasz", "Ulla", "Vera", "Yuki",
];

const ONSETS: [&str; 24] = [
    "b", "br", "d", "dr", "f", "g", "gr", "h", "k", "kr", "l", "m", "n", "p", "r", "s", "st", "t",
    "tr", "v", "w", "y", "z", "sh",
];
const VOWELS: [&str; 10] = ["a", "e", "i", "o", "u", "ai", "ei", "ou", "ia", "ea"];
const CODAS: [&str; 12] = ["", "", "", "n", "r", "l", "s", "k", "m", "nd", "rt", "v"];
const ENDINGS: [&str; 12] = [
    "ov", "ez", "son", "ski", "ian", "ek", "ari", "enko", "ström", "ić", "ura", "ah",
];

/// A surname of two or three syllables and a national-looking ending: "Drainovski".
fn surname(rng: &mut Rng) -> String {
    let mut s = String::new();
    for _ in 0..2 + rng.below(2) {
        s.push_str(ONSETS[rng.below(ONSETS.len())]);
        s.push_str(VOWELS[rng.below(VOWELS.len())]);
        s.push_str(CODAS[rng.below(CODAS.len())]);
    }
    s.push_str(ENDINGS[rng.below(ENDINGS.len())]);
    let mut chars = s.chars();
    let first = chars.next().map(|c| c.to_uppercase().collect::<String>());
    first.unwrap_or_default() + chars.as_str()
}

/// A gazetteer of `n` distinct generated people as TSV, two or three words each ("Elena
/// Stoumarski", "Kofi Nadia Bainez"), each with a country. Names in `avoid` (names the
/// extractor already knows) are skipped, so that no canonical is defined twice.
pub fn person_gazetteer(n: usize, avoid: &std::collections::HashSet<String>) -> String {
    const COUNTRIES: [&str; 8] = ["USA", "IND", "KAZ", "VNM", "FRA", "BRA", "NGA", "JPN"];
    let mut rng = Rng::new(0x6e65_7773_6661_6374 ^ n as u64);
    let mut seen = std::collections::HashSet::with_capacity(n);
    let mut tsv = String::with_capacity(n * 48);
    tsv.push_str("# generated people for the benchmarks: benches/common/mod.rs\n");
    while seen.len() < n {
        let given = GIVEN[rng.below(GIVEN.len())];
        let name = if rng.below(3) == 0 {
            let middle = GIVEN[rng.below(GIVEN.len())];
            format!("{given} {middle} {}", surname(&mut rng))
        } else {
            format!("{given} {}", surname(&mut rng))
        };
        let key = newsfacts::text::normalize(&name);
        if avoid.contains(&key) || !seen.insert(key) {
            continue;
        }
        let country = COUNTRIES[rng.below(COUNTRIES.len())];
        tsv.push_str("person\t");
        tsv.push_str(&name);
        tsv.push_str("\t\t\tcountry=");
        tsv.push_str(country);
        tsv.push('\n');
    }
    tsv
}

/// The normalised names of the people an extractor already knows, to keep generated ones
/// distinct from them.
pub fn known_people(extractor: &newsfacts::Extractor) -> std::collections::HashSet<String> {
    extractor
        .gazetteer()
        .entries()
        .iter()
        .filter(|e| e.kind == newsfacts::EntityKind::Person)
        .flat_map(|e| e.names.iter().map(|n| newsfacts::text::normalize(&n.text)))
        .collect()
}

/// The process's resident set size and its peak, in bytes (Linux; `None` elsewhere).
pub fn resident() -> Option<(u64, u64)> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    Some((
        status_bytes(&status, "VmRSS:")?,
        status_bytes(&status, "VmHWM:")?,
    ))
}

/// A `kB` field (`"VmHWM:"`) of the text of a `/proc/PID/status` file, in bytes.
pub fn status_bytes(status: &str, field: &str) -> Option<u64> {
    let value = status.lines().find_map(|l| l.strip_prefix(field))?;
    let kib: u64 = value.trim().strip_suffix("kB")?.trim_end().parse().ok()?;
    Some(kib * 1024)
}

/// CPU time of the calling thread so far (Linux; `None` elsewhere): unlike wall time, it
/// does not grow when other processes take the core.
pub fn thread_cpu() -> Option<std::time::Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(std::time::Duration::from_nanos(ns))
}

/// CPU time of the whole process so far, every thread (Linux, at clock-tick resolution).
pub fn process_cpu() -> Option<std::time::Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The fields after the command name, which is in parentheses and may hold spaces.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(std::time::Duration::from_millis(ticks * 10))
}

/// The reference limit of the benchmarks: an aho-corasick automaton (contiguous NFA,
/// overlapping matches) over the extractor's own name patterns, run on the keys buffer of
/// each text. It finds exactly what the extractor's token trie finds.
pub fn reference_automaton(extractor: &newsfacts::Extractor) -> aho_corasick::AhoCorasick {
    aho_corasick::AhoCorasick::builder()
        .match_kind(aho_corasick::MatchKind::Standard)
        .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
        .build(extractor.lexicon().patterns())
        .expect("gazetteer names are short enough for the automaton")
}
