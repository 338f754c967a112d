//! Extracts entities and facts from news articles.
//!
//! ```text
//! cargo run --release --example extract -- [--format json|text] [--date YYYY-MM-DD]
//!     [--gazetteer FILE]... [--no-default-gazetteers] FILE... | -
//! ```
//!
//! Each file (or `-`, standard input) is one article. With one input and `--format json`
//! the output is one JSON document (`EVAL.md`); with several, one JSON document per line.
//! A file that cannot be read is reported on stderr by name; the others are still
//! processed, and the exit status is 1.

use std::io::{Read, Write};
use std::process::ExitCode;

use newsfacts::mention::date::Date;
use newsfacts::{Document, EntityKind, Extractor, Input};

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Json,
    Text,
}

struct Options {
    format: Format,
    date: Option<Date>,
    gazetteers: Vec<String>,
    defaults: bool,
    inputs: Vec<String>,
}

const USAGE: &str = "usage: extract [--format json|text] [--date YYYY-MM-DD] [--gazetteer FILE]... [--no-default-gazetteers] FILE... | -";

fn parse_args() -> Result<Options, String> {
    let mut options = Options {
        format: Format::Json,
        date: None,
        gazetteers: Vec::new(),
        defaults: true,
        inputs: Vec::new(),
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or_else(|| format!("{name} needs a value"));
        match arg.as_str() {
            "--format" => {
                options.format = match value("--format")?.as_str() {
                    "json" => Format::Json,
                    "text" => Format::Text,
                    other => return Err(format!("unknown format {other:?}: json or text")),
                }
            }
            "--date" => {
                let v = value("--date")?;
                options.date = Some(v.parse().map_err(|e| format!("--date {v}: {e}"))?);
            }
            "--gazetteer" => options.gazetteers.push(value("--gazetteer")?),
            "--no-default-gazetteers" => options.defaults = false,
            "-h" | "--help" => return Err(String::new()),
            "-" => options.inputs.push(arg),
            other if other.starts_with("--") => return Err(format!("unknown option {other}")),
            _ => options.inputs.push(arg),
        }
    }
    if options.inputs.is_empty() {
        return Err("no input: give files, or - for standard input".into());
    }
    Ok(options)
}

fn read_input(name: &str) -> Result<String, String> {
    let bytes = if name == "-" {
        let mut buffer = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buffer)
            .map_err(|e| format!("standard input: {e}"))?;
        buffer
    } else {
        std::fs::read(name).map_err(|e| format!("{name}: {e}"))?
    };
    match String::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(e) => {
            // Lossy decoding keeps the document; the warning says where it was damaged.
            let offset = e.utf8_error().valid_up_to();
            eprintln!("extract: {name}: invalid UTF-8 at byte {offset}; decoded lossily");
            Ok(String::from_utf8_lossy(e.as_bytes()).into_owned())
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

fn main() -> ExitCode {
    let options = match parse_args() {
        Ok(o) => o,
        Err(message) => {
            if !message.is_empty() {
                eprintln!("extract: {message}");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(2);
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
    let mut failed = false;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let single = options.inputs.len() == 1;
    for name in &options.inputs {
        let text = match read_input(name) {
            Ok(t) => t,
            Err(message) => {
                eprintln!("extract: {message}");
                failed = true;
                continue;
            }
        };
        let mut input = Input::new(&text);
        if let Some(date) = options.date {
            input = input.document_date(date);
        }
        let doc = extractor.extract(input);
        let rendered = match options.format {
            Format::Json if single => doc.to_json_pretty(),
            Format::Json => doc.to_json(),
            Format::Text => render_text(name, &doc),
        };
        if writeln!(out, "{rendered}").is_err() {
            return ExitCode::from(1);
        }
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
