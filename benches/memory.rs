//! Peak resident memory of the `extract` tool on a large JSON Lines input: the memory
//! item of issue "Hostile input". JSONL mode streams; a reader stays at most a fixed
//! window of documents ahead of the writer, so peak RSS must not grow with the input.
//!
//! ```text
//! cargo bench --bench memory                               # 1 GiB, --threads 1 and 2
//! NEWSFACTS_RSS_BYTES=64M cargo bench --bench memory       # a quicker 64 MiB
//! NEWSFACTS_RSS_THREADS=2 cargo bench --bench memory       # one thread count only
//! ```
//!
//! Steps:
//! 1. Builds the tool: runs `$CARGO build --release --example extract` (the `cargo` that
//!    runs this benchmark, in the same target folder, from the crate root); a no-op when
//!    it is up to date, so the tool measured always matches the sources. To measure a
//!    binary built elsewhere instead, name it in `NEWSFACTS_EXTRACT`; nothing is built.
//! 2. Writes a JSON Lines file of `NEWSFACTS_RSS_BYTES` bytes (default 1 GiB; a number,
//!    optionally followed by K, M or G, powers of 1024) in a fresh folder under
//!    `std::env::temp_dir()`: the repository's sample articles (the same three as
//!    `benches/common`; `tests/data/common-english-5000.txt` is a word list, not an
//!    article) cycled, each line with its own id and a date, streamed to disk.
//! 3. For each of `NEWSFACTS_RSS_THREADS` (default `1,2`), runs
//!    `extract --input jsonl --format jsonl --threads N FILE > /dev/null` and prints
//!    documents, MB, wall time, MB/s and peak RSS. The peak is the tool's own summary line
//!    (`peak RSS`, from its `/proc/self/status` `VmHWM`), checked against `VmHWM` of
//!    `/proc/PID/status` polled while it runs (Linux).
//! 4. Deletes the folder, also when something failed (not when the process is killed).
//!
//! CI only compiles it (`cargo bench --no-run`). Run without `--bench` (as `cargo test
//! --benches` does), or with a filter that is not part of "memory" (`cargo bench --
//! corpus`), it does nothing; a bare `cargo bench` runs it, at 1 GiB. No Python, no
//! criterion: one process per setting, timed end to end.

#[path = "common/mod.rs"]
mod common;

use std::fs::File;
use std::io::{BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

/// The repository's sample articles, cycled to fill the input.
const SAMPLES: [&str; 3] = [
    include_str!("../examples/data/sample-article.txt"),
    include_str!("../tests/data/vietnam-talks.txt"),
    include_str!("../tests/data/gulf-visit.txt"),
];

const DEFAULT_BYTES: u64 = 1 << 30;

/// A folder deleted when dropped, whatever happened.
struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        if let Err(e) = std::fs::remove_dir_all(&self.0) {
            eprintln!("memory: could not delete {}: {e}", self.0.display());
        }
    }
}

/// One run of the tool.
struct Run {
    threads: usize,
    wall: Duration,
    /// The summary line the tool printed on stderr.
    summary: String,
    /// The last `VmHWM` seen while it ran, in bytes.
    polled_peak: Option<u64>,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if !args.iter().any(|a| a == "--bench") {
        println!("memory: nothing to do outside `cargo bench --bench memory`");
        return ExitCode::SUCCESS;
    }
    // `cargo bench -- FILTER` passes the filter to every benchmark: run only when it
    // names this one (as a part of "memory"), like criterion's filters.
    let filters: Vec<&String> = args.iter().filter(|a| !a.starts_with('-')).collect();
    if !filters.is_empty() && !filters.iter().any(|f| "memory".contains(f.as_str())) {
        return ExitCode::SUCCESS;
    }
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("memory: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let bytes = match std::env::var("NEWSFACTS_RSS_BYTES") {
        Ok(v) => parse_size(&v).ok_or_else(|| format!("NEWSFACTS_RSS_BYTES={v}: a size"))?,
        Err(_) => DEFAULT_BYTES,
    };
    let threads: Vec<usize> = match std::env::var("NEWSFACTS_RSS_THREADS") {
        Ok(v) => v
            .split(',')
            .map(|t| t.trim().parse().ok().filter(|&n| n > 0))
            .collect::<Option<_>>()
            .ok_or_else(|| format!("NEWSFACTS_RSS_THREADS={v}: thread counts, 1,2"))?,
        Err(_) => vec![1, 2],
    };
    let binary = extract_binary()?;

    let dir = TempDir(std::env::temp_dir().join(format!("newsfacts-rss-{}", std::process::id())));
    std::fs::create_dir_all(&dir.0).map_err(|e| format!("{}: {e}", dir.0.display()))?;
    let input = dir.0.join("input.jsonl");
    let started = Instant::now();
    let (written, docs) =
        generate(&input, bytes).map_err(|e| format!("{}: {e}", input.display()))?;
    println!(
        "memory: {} documents, {written} bytes ({:.1} MB) of JSON Lines written to {} in {:.1} s",
        docs,
        written as f64 / 1e6,
        input.display(),
        started.elapsed().as_secs_f64()
    );

    let mut runs = Vec::new();
    for &n in &threads {
        let run = measure(&binary, &input, n)?;
        let seconds = run.wall.as_secs_f64();
        let peak = summary_peak(&run.summary).or(run.polled_peak);
        println!(
            "memory: --threads {n}: {} documents, {:.1} MB in {seconds:.1} s ({:.1} MB/s), \
             peak RSS {} (VmHWM polled: {})",
            summary_documents(&run.summary).map_or("?".into(), |d| d.to_string()),
            written as f64 / 1e6,
            written as f64 / 1e6 / seconds.max(1e-9),
            megabytes(peak),
            megabytes(run.polled_peak),
        );
        println!("         {}", run.summary);
        runs.push(run);
    }
    println!("\n| input | documents | threads | wall | MB/s | peak RSS |");
    println!("|---|---|---|---|---|---|");
    for run in &runs {
        let seconds = run.wall.as_secs_f64();
        println!(
            "| {:.1} MB | {} | {} | {seconds:.1} s | {:.1} | {} |",
            written as f64 / 1e6,
            docs,
            run.threads,
            written as f64 / 1e6 / seconds.max(1e-9),
            megabytes(summary_peak(&run.summary).or(run.polled_peak)),
        );
    }
    Ok(())
}

/// `1073741824`, `64M`, `1G`, `512MiB`: bytes, with K, M, G as powers of 1024.
fn parse_size(text: &str) -> Option<u64> {
    let text = text.trim();
    let text = text
        .strip_suffix("iB")
        .or_else(|| text.strip_suffix('B'))
        .unwrap_or(text);
    let (number, unit) = match text.char_indices().last()? {
        (i, 'K' | 'k') => (&text[..i], 1 << 10),
        (i, 'M' | 'm') => (&text[..i], 1 << 20),
        (i, 'G' | 'g') => (&text[..i], 1 << 30),
        _ => (text, 1),
    };
    number.trim().parse::<u64>().ok()?.checked_mul(unit)
}

/// The release `extract` example: `NEWSFACTS_EXTRACT`, else built by cargo beside this
/// benchmark (target/release/deps/memory-HASH -> target/release/examples/extract).
fn extract_binary() -> Result<PathBuf, String> {
    if let Some(path) = std::env::var_os("NEWSFACTS_EXTRACT") {
        return Ok(PathBuf::from(path));
    }
    let exe = std::env::current_exe().map_err(|e| format!("where am I: {e}"))?;
    let profile_dir = exe
        .parent()
        .and_then(Path::parent)
        .ok_or("where am I: no target folder")?;
    let target_dir = profile_dir.parent().ok_or("where am I: no target folder")?;
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    println!(
        "memory: {} build --release --example extract (target folder {})",
        Path::new(&cargo).display(),
        target_dir.display()
    );
    let status = Command::new(&cargo)
        .args(["build", "--release", "--example", "extract"])
        .env("CARGO_TARGET_DIR", target_dir)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .status()
        .map_err(|e| format!("{}: {e}", Path::new(&cargo).display()))?;
    if !status.success() {
        return Err(format!("cargo build --release --example extract: {status}"));
    }
    let binary = profile_dir
        .join("examples")
        .join(format!("extract{}", std::env::consts::EXE_SUFFIX));
    if binary.is_file() {
        Ok(binary)
    } else {
        Err(format!("{} was not built", binary.display()))
    }
}

/// Writes at least `bytes` bytes of JSON Lines (whole lines) to `path`, streaming.
/// Returns the bytes and the documents written.
fn generate(path: &Path, bytes: u64) -> std::io::Result<(u64, u64)> {
    let texts: Vec<String> = SAMPLES
        .iter()
        .map(|t| serde_json::to_string(t).expect("a string serializes"))
        .collect();
    let mut out = BufWriter::with_capacity(1 << 20, File::create(path)?);
    let mut written = 0u64;
    let mut n = 0u64;
    let mut line = String::new();
    while written < bytes {
        // Dates walk through 2004..2023, 28 days a month: always valid.
        let (year, month, day) = (2004 + n / 336 % 20, 1 + n / 28 % 12, 1 + n % 28);
        line.clear();
        line.push_str(&format!(
            "{{\"id\":\"rss-{n:09}\",\"date\":\"{year}-{month:02}-{day:02}\",\"text\":{}}}\n",
            texts[(n % texts.len() as u64) as usize]
        ));
        out.write_all(line.as_bytes())?;
        written += line.len() as u64;
        n += 1;
    }
    out.flush()?;
    out.into_inner().map_err(|e| e.into_error())?.sync_all()?;
    Ok((written, n))
}

/// Runs the tool over `input`, output discarded, and times it.
fn measure(binary: &Path, input: &Path, threads: usize) -> Result<Run, String> {
    let threads_arg = threads.to_string();
    let started = Instant::now();
    let mut child = Command::new(binary)
        .args(["--input", "jsonl", "--format", "jsonl", "--threads"])
        .arg(&threads_arg)
        .arg(input)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("{}: {e}", binary.display()))?;
    // Read stderr on the side, so that a chatty tool cannot block on a full pipe.
    let mut stderr = child.stderr.take().expect("stderr is piped");
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stderr.read_to_string(&mut text);
        text
    });
    let status_file = PathBuf::from(format!("/proc/{}/status", child.id()));
    let mut polled_peak = None;
    let status = loop {
        if let Some(peak) = vm_hwm(&status_file) {
            polled_peak = Some(peak);
        }
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) => std::thread::sleep(Duration::from_millis(100)),
            Err(e) => return Err(format!("{}: {e}", binary.display())),
        }
    };
    let wall = started.elapsed();
    let stderr = reader.join().unwrap_or_default();
    if !status.success() {
        return Err(format!(
            "--threads {threads}: {status}\n{}",
            stderr.trim_end()
        ));
    }
    let summary = stderr
        .lines()
        .rev()
        .find(|l| l.starts_with("extract: ") && l.contains(" MB/s"))
        .ok_or_else(|| format!("--threads {threads}: no summary line in {stderr:?}"))?
        .to_string();
    Ok(Run {
        threads,
        wall,
        summary,
        polled_peak,
    })
}

/// `VmHWM` of a `/proc/PID/status` file, in bytes.
fn vm_hwm(status_file: &Path) -> Option<u64> {
    common::status_bytes(&std::fs::read_to_string(status_file).ok()?, "VmHWM:")
}

/// The `peak RSS N MB` of a summary line, in bytes.
fn summary_peak(summary: &str) -> Option<u64> {
    let rest = &summary[summary.find("peak RSS ")? + "peak RSS ".len()..];
    let number: String = rest.chars().take_while(char::is_ascii_digit).collect();
    Some(number.parse::<u64>().ok()? * 1_000_000)
}

/// The document count of a summary line (`extract: N documents, ...`).
fn summary_documents(summary: &str) -> Option<u64> {
    summary
        .strip_prefix("extract: ")?
        .split(' ')
        .next()?
        .parse()
        .ok()
}

fn megabytes(bytes: Option<u64>) -> String {
    bytes.map_or("n/a".into(), |b| format!("{:.0} MB", b as f64 / 1e6))
}
