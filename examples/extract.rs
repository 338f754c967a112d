//! Extracts entities and facts from news articles: one article, a folder, or a stream of
//! millions of them, on every core.
//!
//! ```text
//! cargo run --release --example extract -- [OPTIONS] INPUT...
//!
//! INPUT                  a file (one article), a folder (every *.txt below it, sorted by
//!                        path component by component), or - for standard input
//! --input text|jsonl     text (default): each file is one article; jsonl: each line of
//!                        each file is {"id", "text", "date"} (id and date optional), read
//!                        as a stream; a folder then gives every *.jsonl below it
//! --format json|jsonl|text|html
//!                        json (default): one pretty JSON document (EVAL.md) for one
//!                        article, one compact document a line for several; jsonl: one
//!                        line per document with its "id" (the path for files); text: for
//!                        people; html: one self-contained page
//! --date YYYY-MM-DD      publication date, for inputs that do not carry their own
//! --gazetteer FILE       add a gazetteer (repeatable)
//! --no-default-gazetteers
//! --threads N            worker threads (default: every core); output stays in input order
//! --progress             progress on stderr even when it is not a terminal
//! -q, --quiet            no progress and no summary line
//! ```
//!
//! Output is in input order and byte-identical for any `--threads`. Memory stays bounded:
//! a reader thread stays at most a fixed window of documents ahead of the writer. The
//! summary line on stderr gives documents, MB, time, MB/s, threads and, on Linux, the
//! peak resident memory (`peak RSS`). With `--input jsonl` from standard input or a pipe,
//! the output is flushed whenever the tool is about to wait for more input, so a program
//! that streams articles through it gets each answer without waiting for a buffer to fill.
//! A failed input (an unreadable file, a JSONL line that is not JSON or has no `text`) is
//! named on stderr with its file and line, the others are still processed, and the exit
//! status is 1. Invalid UTF-8 is decoded lossily, with a warning naming the byte offset.
//! Usage and gazetteer errors exit with status 2.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, SyncSender};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use newsfacts::mention::date::Date;
use newsfacts::{Document, EntityKind, Extractor, Input};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Json,
    Jsonl,
    Text,
    Html,
}

#[derive(Clone, Copy, PartialEq)]
enum InputMode {
    Text,
    Jsonl,
}

struct Options {
    format: Format,
    input: InputMode,
    date: Option<Date>,
    gazetteers: Vec<String>,
    defaults: bool,
    threads: usize,
    progress: bool,
    quiet: bool,
    inputs: Vec<String>,
}

const USAGE: &str = "usage: extract [--input text|jsonl] [--format json|jsonl|text|html] \
[--date YYYY-MM-DD] [--gazetteer FILE]... [--no-default-gazetteers] [--threads N] \
[--progress] [-q] FILE|DIR|-...";

fn parse_args() -> Result<Options, String> {
    let mut options = Options {
        format: Format::Json,
        input: InputMode::Text,
        date: None,
        gazetteers: Vec::new(),
        defaults: true,
        threads: std::thread::available_parallelism().map_or(1, |n| n.get()),
        progress: false,
        quiet: false,
        inputs: Vec::new(),
    };
    let mut args = std::env::args().skip(1);
    let mut only_inputs = false;
    while let Some(arg) = args.next() {
        if only_inputs {
            options.inputs.push(arg);
            continue;
        }
        // `--name=value` and `--name value` both work.
        let (name, mut inline) = match arg.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        let mut value = |name: &str| {
            inline
                .take()
                .or_else(|| args.next())
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match name.as_str() {
            "--format" => {
                options.format = match value("--format")?.as_str() {
                    "json" => Format::Json,
                    "jsonl" => Format::Jsonl,
                    "text" => Format::Text,
                    "html" => Format::Html,
                    other => {
                        return Err(format!(
                            "unknown format {other:?}: json, jsonl, text or html"
                        ));
                    }
                }
            }
            "--input" => {
                options.input = match value("--input")?.as_str() {
                    "text" | "txt" => InputMode::Text,
                    "jsonl" => InputMode::Jsonl,
                    other => return Err(format!("unknown input {other:?}: text or jsonl")),
                }
            }
            "--date" => {
                let v = value("--date")?;
                options.date = Some(v.parse().map_err(|e| format!("--date {v}: {e}"))?);
            }
            "--gazetteer" => options.gazetteers.push(value("--gazetteer")?),
            "--no-default-gazetteers" => options.defaults = false,
            "--threads" => {
                let v = value("--threads")?;
                options.threads = v
                    .parse::<usize>()
                    .ok()
                    .filter(|&n| n > 0)
                    .ok_or_else(|| format!("--threads {v}: a number of threads, 1 or more"))?;
            }
            "--progress" => options.progress = true,
            "-q" | "--quiet" => options.quiet = true,
            "-h" | "--help" => return Err(String::new()),
            "--" => only_inputs = true,
            "-" => options.inputs.push(arg),
            other if other.starts_with('-') => return Err(format!("unknown option {other}")),
            _ => options.inputs.push(arg),
        }
        if inline.is_some() {
            return Err(format!("{name} takes no value"));
        }
    }
    if options.inputs.is_empty() {
        return Err("no input: give files, folders, or - for standard input".into());
    }
    Ok(options)
}

// ---------------------------------------------------------------------------------------
// Inputs

/// One input after folders are expanded.
enum Source {
    Stdin,
    File(PathBuf),
    /// A folder that could not be listed: reported in its place in the output order.
    Broken(String),
}

/// Expands folders into their files (sorted by path) and sums the input sizes when every
/// input is a regular file.
fn expand(options: &Options) -> (Vec<Source>, Option<u64>) {
    let extension = match options.input {
        InputMode::Text => "txt",
        InputMode::Jsonl => "jsonl",
    };
    let mut sources = Vec::new();
    for name in &options.inputs {
        let path = Path::new(name);
        if name == "-" {
            sources.push(Source::Stdin);
        } else if path.is_dir() {
            let mut files = Vec::new();
            let mut errors = Vec::new();
            walk(path, extension, &mut files, &mut errors);
            files.sort();
            sources.extend(files.into_iter().map(Source::File));
            sources.extend(errors.into_iter().map(Source::Broken));
        } else {
            sources.push(Source::File(path.to_path_buf()));
        }
    }
    let total = sources.iter().try_fold(0u64, |sum, s| match s {
        Source::File(path) => std::fs::metadata(path)
            .ok()
            .filter(|m| m.is_file())
            .map(|m| sum + m.len()),
        Source::Stdin => None,
        Source::Broken(_) => Some(sum),
    });
    (sources, total)
}

/// Every file below `dir` whose name ends in `.extension`. Symbolic links to files are
/// followed, links to folders are not (no cycles).
fn walk(dir: &Path, extension: &str, files: &mut Vec<PathBuf>, errors: &mut Vec<String>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            errors.push(format!("{}: {e}", dir.display()));
            return;
        }
    };
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                errors.push(format!("{}: {e}", dir.display()));
                continue;
            }
        };
        let path = entry.path();
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        if is_dir {
            walk(&path, extension, files, errors);
        } else if path.extension().is_some_and(|e| e == extension) && path.is_file() {
            files.push(path);
        }
    }
}

/// Text from bytes; invalid UTF-8 is replaced, with a warning naming the first bad byte.
fn decode(bytes: Vec<u8>, at: impl FnOnce(usize) -> String, notes: &mut Vec<String>) -> String {
    match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let offset = e.utf8_error().valid_up_to();
            notes.push(format!(
                "{}: invalid UTF-8; decoded lossily (spans refer to the decoded text)",
                at(offset)
            ));
            String::from_utf8_lossy(e.as_bytes()).into_owned()
        }
    }
}

/// One document to extract, or an input that failed, numbered in input order.
struct Item {
    seq: u64,
    /// Input bytes it accounts for (progress).
    bytes: u64,
    /// Warnings to print before its output.
    notes: Vec<String>,
    work: Work,
}

enum Work {
    Doc {
        id: serde_json::Value,
        label: String,
        text: String,
        date: Option<Date>,
    },
    Failed(String),
}

/// A line of `--input jsonl`. Unknown fields are ignored.
#[derive(Deserialize)]
struct Record {
    #[serde(default)]
    id: Option<serde_json::Value>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    date: Option<String>,
}

/// How far the reader may run ahead of the writer: it waits while `seq >= written +
/// window`, which bounds the documents held in memory whatever the threads do.
struct Gate {
    written: Mutex<u64>,
    moved: Condvar,
    window: u64,
}

impl Gate {
    fn wait_for(&self, seq: u64) {
        let mut written = self.written.lock().unwrap_or_else(|e| e.into_inner());
        while seq >= *written + self.window {
            written = self.moved.wait(written).unwrap_or_else(|e| e.into_inner());
        }
    }

    fn advance(&self, to: u64) {
        *self.written.lock().unwrap_or_else(|e| e.into_inner()) = to;
        self.moved.notify_all();
    }
}

/// Reads every source in order and hands out numbered items.
struct Reader<'a> {
    options: &'a Options,
    gate: &'a Gate,
    tx: SyncSender<Item>,
    seq: u64,
    /// Set while the reader waits for input that may be slow to come (see [`Watched`]).
    waiting: &'a AtomicBool,
    /// To the writer, for [`Event::Waiting`].
    events: Sender<Event>,
}

/// A JSON Lines source that can keep the reader waiting: standard input, a pipe, a FIFO
/// (not a regular file). Its `BufReader` reads from it only when its buffer is empty, so
/// each read is the reader about to wait for more input: it first tells the writer to
/// write out what it holds, and keeps `waiting` set until the read returns, so that the
/// writer also flushes every line it writes in the meantime. A program that streams
/// articles through the tool and waits for each answer gets it at once; a regular file
/// is not watched and its output stays buffered.
struct Watched<'a, R> {
    inner: R,
    waiting: &'a AtomicBool,
    events: Sender<Event>,
}

impl<R: Read> Read for Watched<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        self.waiting.store(true, Ordering::SeqCst);
        let _ = self.events.send(Event::Waiting);
        let read = self.inner.read(buf);
        self.waiting.store(false, Ordering::SeqCst);
        read
    }
}

impl<'a> Reader<'a> {
    /// Sends one item; false when nobody listens any more.
    fn send(&mut self, bytes: u64, notes: Vec<String>, work: Work) -> bool {
        self.gate.wait_for(self.seq);
        let item = Item {
            seq: self.seq,
            bytes,
            notes,
            work,
        };
        self.seq += 1;
        self.tx.send(item).is_ok()
    }

    fn run(mut self, sources: Vec<Source>) {
        for source in sources {
            let going = match source {
                Source::Broken(message) => self.send(0, Vec::new(), Work::Failed(message)),
                Source::Stdin => match self.options.input {
                    InputMode::Text => self.text(None),
                    InputMode::Jsonl => {
                        let stdin = self.watched(std::io::stdin().lock());
                        self.jsonl("standard input", BufReader::with_capacity(1 << 16, stdin))
                    }
                },
                Source::File(path) => match self.options.input {
                    InputMode::Text => self.text(Some(&path)),
                    InputMode::Jsonl => {
                        let name = path.display().to_string();
                        match File::open(&path) {
                            Ok(file) if file.metadata().is_ok_and(|m| m.is_file()) => {
                                self.jsonl(&name, BufReader::with_capacity(1 << 16, file))
                            }
                            Ok(pipe) => {
                                let pipe = self.watched(pipe);
                                self.jsonl(&name, BufReader::with_capacity(1 << 16, pipe))
                            }
                            Err(e) => {
                                self.send(0, Vec::new(), Work::Failed(format!("{name}: {e}")))
                            }
                        }
                    }
                },
            };
            if !going {
                return;
            }
        }
    }

    fn watched<R: Read>(&self, inner: R) -> Watched<'a, R> {
        Watched {
            inner,
            waiting: self.waiting,
            events: self.events.clone(),
        }
    }

    /// One article: a whole file, or standard input.
    fn text(&mut self, path: Option<&Path>) -> bool {
        let (name, read) = match path {
            Some(path) => (path.display().to_string(), std::fs::read(path)),
            None => {
                let mut buffer = Vec::new();
                let read = std::io::stdin().read_to_end(&mut buffer).map(|_| buffer);
                ("standard input".to_string(), read)
            }
        };
        let bytes = match read {
            Ok(bytes) => bytes,
            Err(e) => return self.send(0, Vec::new(), Work::Failed(format!("{name}: {e}"))),
        };
        let size = bytes.len() as u64;
        let mut notes = Vec::new();
        let text = decode(bytes, |at| format!("{name}: byte {at}"), &mut notes);
        let id = match path {
            Some(_) => name.clone(),
            None => "-".to_string(),
        };
        let work = Work::Doc {
            id: serde_json::Value::String(id),
            label: name,
            text,
            date: self.options.date,
        };
        self.send(size, notes, work)
    }

    /// A JSON Lines stream, one line at a time.
    fn jsonl(&mut self, name: &str, mut reader: impl BufRead) -> bool {
        let mut line = Vec::new();
        let mut number = 0usize;
        let mut offset = 0u64;
        loop {
            line.clear();
            let read = match reader.read_until(b'\n', &mut line) {
                Ok(0) => return true,
                Ok(n) => n as u64,
                Err(e) => {
                    let message = format!("{name}:{}: {e}", number + 1);
                    return self.send(0, Vec::new(), Work::Failed(message));
                }
            };
            number += 1;
            let start = offset;
            offset += read;
            while matches!(line.last(), Some(b'\n' | b'\r')) {
                line.pop();
            }
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let mut notes = Vec::new();
            let at = |byte: usize| format!("{name}:{number}: byte {}", start + byte as u64);
            let line_text = decode(std::mem::take(&mut line), at, &mut notes);
            let work = match serde_json::from_str::<Record>(&line_text) {
                Err(e) if e.is_data() => Work::Failed(format!(
                    "{name}:{number}: not a document object ({{\"id\", \"text\", \"date\"}}): {e}"
                )),
                Err(e) => Work::Failed(format!("{name}:{number}: not JSON: {e}")),
                Ok(Record { text: None, .. }) => {
                    Work::Failed(format!("{name}:{number}: no \"text\" field"))
                }
                Ok(Record {
                    id,
                    text: Some(text),
                    date,
                }) => {
                    let date = match date {
                        Some(d) => match d.parse::<Date>() {
                            Ok(date) => Some(date),
                            Err(e) => {
                                notes.push(format!("{name}:{number}: date ignored: {e}"));
                                self.options.date
                            }
                        },
                        None => self.options.date,
                    };
                    let id = id
                        .filter(|v| !v.is_null())
                        .unwrap_or_else(|| format!("{name}:{number}").into());
                    let label = match &id {
                        serde_json::Value::String(s) => s.clone(),
                        other => other.to_string(),
                    };
                    Work::Doc {
                        id,
                        label,
                        text,
                        date,
                    }
                }
            };
            line = line_text.into_bytes();
            if !self.send(read, notes, work) {
                return false;
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Work

/// What the writer hears.
enum Event {
    /// A finished item.
    Done(Done),
    /// The reader is about to wait for more input: write out what is buffered.
    Waiting,
}

/// A finished item, ready to be written in its turn.
struct Done {
    seq: u64,
    bytes: u64,
    notes: Vec<String>,
    output: Result<String, String>,
}

/// A `--format jsonl` line: the document with its id first.
#[derive(Serialize)]
struct Identified<'a> {
    id: &'a serde_json::Value,
    #[serde(flatten)]
    doc: &'a Document,
}

fn render(
    format: Format,
    single: bool,
    seq: u64,
    work: Work,
    extractor: &Extractor,
) -> Result<String, String> {
    let (id, label, text, date) = match work {
        Work::Failed(message) => return Err(message),
        Work::Doc {
            id,
            label,
            text,
            date,
        } => (id, label, text, date),
    };
    let mut input = Input::new(&text);
    if let Some(date) = date {
        input = input.document_date(date);
    }
    let doc = extractor.extract(input);
    let mut out = match format {
        Format::Json if single => doc.to_json_pretty(),
        Format::Json => doc.to_json(),
        Format::Jsonl => serde_json::to_string(&Identified { id: &id, doc: &doc })
            .map_err(|e| format!("{label}: {e}"))?,
        Format::Text => render_text(&label, &doc),
        Format::Html if single => newsfacts::html::render(&text, &doc, &label),
        Format::Html => newsfacts::html::article(&text, &doc, &label, &format!("d{seq}-")),
    };
    out.push('\n');
    Ok(out)
}

fn worker(
    jobs: &Mutex<Receiver<Item>>,
    done: Sender<Event>,
    extractor: &Extractor,
    format: Format,
    single: bool,
) {
    loop {
        // The lock is held only while waiting for the next item.
        let item = match jobs.lock() {
            Ok(rx) => rx.recv(),
            Err(_) => return,
        };
        let Ok(item) = item else { return };
        // The library promises not to panic; should it, the document fails alone instead
        // of leaving a hole that would stall the ordered output.
        let label = match &item.work {
            Work::Doc { label, .. } => label.clone(),
            Work::Failed(_) => String::new(),
        };
        let output = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            render(format, single, item.seq, item.work, extractor)
        }))
        .unwrap_or_else(|_| Err(format!("{label}: internal error (panic); please report it")));
        let finished = Done {
            seq: item.seq,
            bytes: item.bytes,
            notes: item.notes,
            output,
        };
        if done.send(Event::Done(finished)).is_err() {
            return;
        }
    }
}

fn render_text(name: &str, doc: &Document) -> String {
    let mut out = format!("== {name}\n");
    if let Some(date) = &doc.document_date {
        out.push_str(&format!("document date: {date}\n"));
    }
    for kind in EntityKind::ALL {
        let entities: Vec<String> = doc
            .entities_of(kind)
            .map(|e| {
                let mut s = e.name.clone();
                let extra: Vec<String> = [
                    e.code.clone(),
                    e.value.clone(),
                    e.rank.clone(),
                    e.country.clone(),
                ]
                .into_iter()
                .flatten()
                .chain(e.roles.iter().cloned())
                .collect();
                if !extra.is_empty() {
                    s.push_str(&format!(" [{}]", extra.join(", ")));
                }
                s.push_str(&format!(" ×{}", e.mentions.len()));
                s
            })
            .collect();
        if !entities.is_empty() {
            out.push_str(&format!("{kind}: {}\n", entities.join("; ")));
        }
    }
    if !doc.facts.is_empty() {
        out.push_str("facts:\n");
        for fact in &doc.facts {
            out.push_str(&format!(
                "  - {} (confidence {:.2})\n",
                fact.summary, fact.confidence
            ));
        }
    }
    out
}

// ---------------------------------------------------------------------------------------
// Progress

struct Progress {
    enabled: bool,
    terminal: bool,
    start: Instant,
    last: Option<Instant>,
    total: Option<u64>,
    docs: u64,
    failed: u64,
    bytes: u64,
    /// A progress line is on screen and must be cleared before other messages.
    shown: bool,
}

impl Progress {
    fn rate(&self) -> f64 {
        self.bytes as f64 / 1e6 / self.start.elapsed().as_secs_f64().max(1e-6)
    }

    fn line(&self) -> String {
        let mb = self.bytes as f64 / 1e6;
        let rate = self.rate();
        let mut line = format!("{} documents, {mb:.1} MB, {rate:.1} MB/s", self.docs);
        if let Some(total) = self.total {
            let percent = 100.0 * self.bytes as f64 / total.max(1) as f64;
            line.push_str(&format!(", {percent:.0}%"));
            if rate > 0.0 && self.bytes > 0 {
                let left = total.saturating_sub(self.bytes) as f64 / 1e6 / rate;
                line.push_str(&format!(", {} left", duration(left)));
            }
        }
        if self.failed > 0 {
            line.push_str(&format!(", {} failed", self.failed));
        }
        line
    }

    fn tick(&mut self) {
        if !self.enabled {
            return;
        }
        let every = if self.terminal {
            Duration::from_millis(200)
        } else {
            Duration::from_secs(2)
        };
        let now = Instant::now();
        let due = match self.last {
            Some(last) => now.duration_since(last) >= every,
            None => now.duration_since(self.start) >= every,
        };
        if !due {
            return;
        }
        self.last = Some(now);
        let line = self.line();
        let mut err = std::io::stderr().lock();
        if self.terminal {
            let _ = write!(err, "\r\x1b[2Kextract: {line}");
            self.shown = true;
        } else {
            let _ = writeln!(err, "extract: {line}");
        }
    }

    fn clear(&mut self) {
        if self.shown {
            let _ = write!(std::io::stderr(), "\r\x1b[2K");
            self.shown = false;
        }
    }
}

/// The process's peak resident memory in bytes: `VmHWM` of `/proc/self/status` (Linux);
/// None elsewhere or when it cannot be read.
fn peak_rss() -> Option<u64> {
    if !cfg!(target_os = "linux") {
        return None;
    }
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let value = status.lines().find_map(|l| l.strip_prefix("VmHWM:"))?;
    let kib: u64 = value.trim().strip_suffix("kB")?.trim_end().parse().ok()?;
    Some(kib * 1024)
}

fn duration(seconds: f64) -> String {
    let s = seconds.round() as u64;
    if s >= 3600 {
        format!("{}h{:02}m", s / 3600, s % 3600 / 60)
    } else if s >= 60 {
        format!("{}m{:02}s", s / 60, s % 60)
    } else {
        format!("{seconds:.1} s")
    }
}

// ---------------------------------------------------------------------------------------

fn main() -> ExitCode {
    let options = match parse_args() {
        Ok(o) => o,
        Err(message) => {
            if !message.is_empty() {
                eprintln!("extract: {message}");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(if message.is_empty() { 0 } else { 2 });
        }
    };
    let mut builder = Extractor::builder();
    if !options.defaults {
        builder = builder.no_default_gazetteers();
    }
    for g in &options.gazetteers {
        builder = builder.gazetteer_file(g);
    }
    let extractor = match builder.build() {
        Ok(e) => e,
        Err(e) => {
            eprintln!("extract: {e}");
            return ExitCode::from(2);
        }
    };

    let (sources, total) = expand(&options);
    // One article named on its own prints as one document (pretty JSON, a whole page).
    let single = options.input == InputMode::Text
        && options.inputs.len() == 1
        && matches!(sources.as_slice(), [Source::File(_) | Source::Stdin])
        && !Path::new(&options.inputs[0]).is_dir();
    let threads = options.threads;
    let window = (threads as u64) * 4 + 8;
    let gate = Gate {
        written: Mutex::new(0),
        moved: Condvar::new(),
        window,
    };
    let terminal = std::io::stderr().is_terminal();
    let mut progress = Progress {
        enabled: !options.quiet && (options.progress || terminal),
        terminal,
        start: Instant::now(),
        last: None,
        total,
        docs: 0,
        failed: 0,
        bytes: 0,
        shown: false,
    };

    let stdout = std::io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    let mut write_error = None;
    // Set while the reader waits for streamed input: every line written is then flushed.
    let waiting = AtomicBool::new(false);

    std::thread::scope(|scope| {
        let (job_tx, job_rx) = std::sync::mpsc::sync_channel::<Item>(threads * 2);
        let (done_tx, done_rx) = std::sync::mpsc::channel::<Event>();
        let jobs = Arc::new(Mutex::new(job_rx));
        let reader = Reader {
            options: &options,
            gate: &gate,
            tx: job_tx,
            seq: 0,
            waiting: &waiting,
            events: done_tx.clone(),
        };
        scope.spawn(move || reader.run(sources));
        for _ in 0..threads {
            let jobs = Arc::clone(&jobs);
            let done = done_tx.clone();
            let extractor = &extractor;
            let format = options.format;
            scope.spawn(move || worker(&jobs, done, extractor, format, single));
        }
        drop(done_tx);

        if options.format == Format::Html && !single {
            write_error = out
                .write_all(newsfacts::html::page_start("newsfacts").as_bytes())
                .err();
        }
        // The writer: a reorder buffer, bounded by the gate's window.
        let mut pending: BTreeMap<u64, Done> = BTreeMap::new();
        let mut next = 0u64;
        loop {
            let received = done_rx.recv_timeout(Duration::from_millis(250));
            match received {
                Ok(Event::Done(done)) => {
                    pending.insert(done.seq, done);
                }
                Ok(Event::Waiting) => {
                    // Whatever follows may depend on the answers written so far.
                    if write_error.is_none() && !out.buffer().is_empty() {
                        write_error = out.flush().err();
                    }
                }
                Err(RecvTimeoutError::Timeout) => {
                    progress.tick();
                    continue;
                }
                Err(RecvTimeoutError::Disconnected) => break,
            }
            while let Some(done) = pending.remove(&next) {
                next += 1;
                progress.bytes += done.bytes;
                if !done.notes.is_empty() || done.output.is_err() {
                    progress.clear();
                }
                for note in &done.notes {
                    eprintln!("extract: warning: {note}");
                }
                match done.output {
                    Ok(text) => {
                        progress.docs += 1;
                        if write_error.is_none() {
                            write_error = out.write_all(text.as_bytes()).err();
                        }
                    }
                    Err(message) => {
                        progress.failed += 1;
                        eprintln!("extract: {message}");
                    }
                }
            }
            gate.advance(next);
            if write_error.is_none() && waiting.load(Ordering::SeqCst) && !out.buffer().is_empty() {
                write_error = out.flush().err();
            }
            if write_error.is_some() {
                // Nobody reads the output any more: stop now rather than work for nothing.
                break;
            }
            progress.tick();
        }
        if write_error.is_some() {
            progress.clear();
            let e = write_error.as_ref().map(|e| e.kind());
            if e != Some(std::io::ErrorKind::BrokenPipe) {
                eprintln!(
                    "extract: standard output: {}",
                    write_error
                        .as_ref()
                        .map(|e| e.to_string())
                        .unwrap_or_default()
                );
            }
            // The other threads may be blocked on a full window; leave at once.
            let _ = out.flush();
            std::process::exit(1);
        }
    });

    if options.format == Format::Html && !single && write_error.is_none() {
        write_error = out.write_all(newsfacts::html::page_end().as_bytes()).err();
    }
    if write_error.is_none() {
        write_error = out.flush().err();
    }
    progress.clear();
    if let Some(e) = &write_error {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("extract: standard output: {e}");
        }
        return ExitCode::from(1);
    }
    if !options.quiet {
        let elapsed = progress.start.elapsed();
        let peak = peak_rss().map_or(String::new(), |bytes| {
            format!(", peak RSS {:.0} MB", bytes as f64 / 1e6)
        });
        let mut summary = format!(
            "extract: {} document{}, {:.1} MB in {:.2} s ({:.1} MB/s, {threads} thread{}{peak})",
            progress.docs,
            if progress.docs == 1 { "" } else { "s" },
            progress.bytes as f64 / 1e6,
            elapsed.as_secs_f64(),
            progress.rate(),
            if threads == 1 { "" } else { "s" },
        );
        if progress.failed > 0 {
            summary.push_str(&format!("; {} failed", progress.failed));
        }
        eprintln!("{summary}");
    }
    if progress.failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
