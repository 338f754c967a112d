//! Quick throughput check, faster to run than the criterion benchmarks.
//!
//! ```text
//! cargo run --release --example throughput -- [FILE|DIR] [--threads 1,2] [--rounds N]
//!     [--gazetteer FILE]... [--people N] [--no-default-gazetteers]
//! ```
//!
//! Loads a corpus into memory (a `.jsonl` file of `{"text", "date"}` objects, a text file
//! split into documents at `%%%` lines or blank lines, or a folder of `*.txt`; by default
//! `NEWSFACTS_BENCH_CORPUS`, else the repository's sample articles cycled to 8 MB), builds
//! the extractor, and prints MB/s end to end for each thread count next to the stages a
//! bare pipeline cannot skip: tokenizing into keys, and a bare scan of those keys, once by
//! an aho-corasick automaton of the extractor's own names (the reference limit) and once by
//! the extractor's token trie. `--people N` adds N generated people to the gazetteer, as the
//! scaling benchmark does. Each figure is the
//! best of `--rounds` runs (default 3), by wall time; next to it, MB per CPU-second of
//! the threads that did the work, which holds steady when other processes share the
//! machine (Linux).

#[path = "../benches/common/mod.rs"]
mod common;

use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use common::Doc;
use newsfacts::mention::date::Date;
use newsfacts::{Extractor, Input};

struct Options {
    corpus: Option<String>,
    threads: Vec<usize>,
    rounds: usize,
    gazetteers: Vec<String>,
    people: usize,
    defaults: bool,
}

fn parse_args() -> Result<Options, String> {
    let mut options = Options {
        corpus: None,
        threads: vec![1, 2],
        rounds: 3,
        gazetteers: Vec::new(),
        people: 0,
        defaults: true,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or_else(|| format!("{name} needs a value"));
        match arg.as_str() {
            "--threads" => {
                options.threads = value("--threads")?
                    .split(',')
                    .map(|t| t.trim().parse::<usize>().ok().filter(|&n| n > 0))
                    .collect::<Option<Vec<_>>>()
                    .ok_or("--threads takes counts separated by commas: 1,2")?;
            }
            "--rounds" => {
                options.rounds = value("--rounds")?
                    .parse::<usize>()
                    .ok()
                    .filter(|&n| n > 0)
                    .ok_or("--rounds takes a positive number")?;
            }
            "--people" => {
                options.people = value("--people")?
                    .parse()
                    .map_err(|_| "--people takes a number")?;
            }
            "--gazetteer" => options.gazetteers.push(value("--gazetteer")?),
            "--no-default-gazetteers" => options.defaults = false,
            "-h" | "--help" => return Err(String::new()),
            other if other.starts_with("--") => return Err(format!("unknown option {other}")),
            _ if options.corpus.is_none() => options.corpus = Some(arg),
            _ => return Err("one corpus at a time".into()),
        }
    }
    Ok(options)
}

fn mb_per_s(bytes: usize, time: Duration) -> f64 {
    bytes as f64 / 1e6 / time.as_secs_f64().max(1e-9)
}

/// Wall time and CPU time of one run.
#[derive(Clone, Copy)]
struct Timing {
    wall: Duration,
    /// The CPU time of the threads that did the work, when the system tells.
    cpu: Option<Duration>,
}

/// The best of `rounds` runs of `f`, by wall time. `f` runs on this thread; with
/// `spawns`, it starts threads of its own and the whole process's CPU time is counted.
fn best(rounds: usize, spawns: bool, mut f: impl FnMut()) -> Timing {
    let cpu_now = || {
        if spawns {
            common::process_cpu()
        } else {
            common::thread_cpu()
        }
    };
    (0..rounds)
        .map(|_| {
            let cpu = cpu_now();
            let start = Instant::now();
            f();
            let wall = start.elapsed();
            let cpu = cpu.zip(cpu_now()).map(|(a, b)| b.saturating_sub(a));
            Timing { wall, cpu }
        })
        .min_by_key(|t| t.wall)
        .unwrap_or(Timing {
            wall: Duration::ZERO,
            cpu: None,
        })
}

/// "12.3 MB/s" from wall time, and "(13.0 per CPU-second)" when CPU time is known.
fn rates(bytes: usize, timing: Timing) -> String {
    let mut s = format!("{:>8.1} MB/s", mb_per_s(bytes, timing.wall));
    if let Some(cpu) = timing.cpu.filter(|c| !c.is_zero()) {
        s.push_str(&format!(" {:>7.1} MB/CPU-s", mb_per_s(bytes, cpu)));
    }
    s
}

/// Extracts every document on `threads` threads (this one alone for 1), each taking the
/// next document in turn; returns the number of facts.
fn extract_all(extractor: &Extractor, docs: &[(Doc, Option<Date>)], threads: usize) -> usize {
    let next = AtomicUsize::new(0);
    let work = || {
        let mut found = 0;
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some((doc, date)) = docs.get(i) else {
                return found;
            };
            let mut input = Input::new(&doc.text);
            if let Some(date) = date {
                input = input.document_date(*date);
            }
            found += extractor.extract(input).facts.len();
        }
    };
    if threads == 1 {
        return work();
    }
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads).map(|_| scope.spawn(work)).collect();
        handles.into_iter().map(|h| h.join().unwrap_or(0)).sum()
    })
}

fn main() -> ExitCode {
    let options = match parse_args() {
        Ok(o) => o,
        Err(message) => {
            if !message.is_empty() {
                eprintln!("throughput: {message}");
            }
            eprintln!(
                "usage: throughput [FILE|DIR] [--threads 1,2] [--rounds N] [--gazetteer FILE]... [--people N] [--no-default-gazetteers]"
            );
            return ExitCode::from(2);
        }
    };
    let (docs, origin) = match &options.corpus {
        Some(path) => match common::load(std::path::Path::new(path)) {
            Ok(docs) => (docs, path.clone()),
            Err(e) => {
                eprintln!("throughput: {e}");
                return ExitCode::from(1);
            }
        },
        None => common::from_env(8 << 20),
    };
    let bytes = common::bytes(&docs);
    println!(
        "corpus: {origin}: {} documents, {:.1} MB",
        docs.len(),
        bytes as f64 / 1e6
    );

    // The generated people are made before the clock starts: only the build is timed.
    let people = (options.people > 0).then(|| {
        let known = common::known_people(&Extractor::new());
        common::person_gazetteer(options.people, &known)
    });
    let rss_before = common::resident();
    // The whole process: a large gazetteer is parsed on several threads.
    let cpu_before = common::process_cpu();
    let start = Instant::now();
    let mut builder = Extractor::builder();
    if !options.defaults {
        builder = builder.no_default_gazetteers();
    }
    for g in &options.gazetteers {
        builder = builder.gazetteer_file(g);
    }
    if let Some(people) = people {
        builder = builder.gazetteer_str("people.tsv", people);
    }
    let extractor = match builder.build() {
        Ok(e) => e,
        Err(e) => {
            eprintln!("throughput: {e}");
            return ExitCode::from(2);
        }
    };
    let build = start.elapsed();
    let rss = match (rss_before, common::resident()) {
        (Some((before, _)), Some((after, peak))) => format!(
            ", resident +{:.1} MB (now {:.1} MB, peak {:.1} MB)",
            after.saturating_sub(before) as f64 / 1e6,
            after as f64 / 1e6,
            peak as f64 / 1e6
        ),
        _ => String::new(),
    };
    let build_cpu = cpu_before
        .zip(common::process_cpu())
        .map(|(a, b)| format!(" ({:.0} ms CPU)", (b - a).as_secs_f64() * 1e3))
        .unwrap_or_default();
    println!(
        "extractor: {} gazetteer entries, {} name patterns, built in {:.1} ms{build_cpu}{rss}",
        extractor.gazetteer().entries().len(),
        extractor.lexicon().pattern_count(),
        build.as_secs_f64() * 1e3
    );

    let docs: Vec<(Doc, Option<Date>)> = docs
        .into_iter()
        .map(|d| {
            let date = d.date.as_deref().and_then(|s| s.parse().ok());
            (d, date)
        })
        .collect();

    // The stages every extraction pays for, on one thread: tokenizing into keys, then the
    // bare scan of those keys by the reference automaton, and by the extractor's own trie.
    let automaton = common::reference_automaton(&extractor);
    let tokenize = best(options.rounds, false, || {
        for (doc, _) in &docs {
            std::hint::black_box(newsfacts::text::tokenize_with_keys(&doc.text));
        }
    });
    let texts: Vec<newsfacts::text::Tokenized> = docs
        .iter()
        .map(|(d, _)| newsfacts::text::tokenize_with_keys(&d.text))
        .collect();
    let mut hits = 0;
    let scan = best(options.rounds, false, || {
        hits = texts
            .iter()
            .map(|t| automaton.find_overlapping_iter(t.keys.as_str()).count())
            .sum::<usize>();
    });
    let mut trie_hits = 0;
    let trie_scan = best(options.rounds, false, || {
        let trie = extractor.lexicon().trie();
        trie_hits = texts.iter().map(|t| trie.find(t).count()).sum::<usize>();
    });
    println!(
        "{:<34} {}",
        "tokenize with keys, 1 thread",
        rates(bytes, tokenize)
    );
    println!(
        "{:<34} {}  ({hits} hits)",
        "bare aho-corasick scan, 1 thread",
        rates(bytes, scan)
    );
    println!(
        "{:<34} {}  ({trie_hits} hits)",
        "bare token-trie scan, 1 thread",
        rates(bytes, trie_scan)
    );
    let scan_mb = mb_per_s(bytes, scan.wall);
    let mut one = None;
    for &threads in &options.threads {
        let mut facts = 0;
        let timing = best(options.rounds, threads > 1, || {
            facts = extract_all(&extractor, &docs, threads);
        });
        let mb = mb_per_s(bytes, timing.wall);
        let speedup = match one {
            Some(base) if threads > 1 => format!(", {:.2}x of 1 thread", mb / base),
            _ => String::new(),
        };
        if threads == 1 {
            one = Some(mb);
        }
        println!(
            "{:<34} {}  ({facts} facts, {:.2} s; bare scan / this = {:.1}{speedup})",
            format!(
                "extract, {threads} thread{}",
                if threads == 1 { "" } else { "s" }
            ),
            rates(bytes, timing),
            timing.wall.as_secs_f64(),
            scan_mb / mb
        );
    }
    if let Some((now, peak)) = common::resident() {
        println!(
            "resident at the end: {:.1} MB (peak {:.1} MB, corpus included)",
            now as f64 / 1e6,
            peak as f64 / 1e6
        );
    }
    ExitCode::SUCCESS
}
