//! Criterion benchmarks (results and how to run them: `benches/README.md`).
//!
//! - `build`: the default `Extractor`.
//! - `one article`: extraction of the sample article, and with its JSON.
//! - `corpus`: extraction over a multi-MB corpus, one thread, in MB/s; next to it the
//!   stages no extraction can skip (tokenizing into keys) and a bare aho-corasick scan of
//!   the same keys with the extractor's own automaton: the reference limit. The corpus
//!   is the repository's sample articles cycled to 4 MB, or `NEWSFACTS_BENCH_CORPUS=path`
//!   (a `.jsonl` file, a text file split at `%%%` lines or blank lines, or a folder).
//! - `gazetteer build` and `gazetteer scaling`: user gazetteers of 1k, 10k, 100k and 1M
//!   generated people (TSV through `ExtractorBuilder::gazetteer_str`): build time, and
//!   extraction and bare scan over the first 1 MB of the corpus.
//!
//! Measurement times are short (CI only compiles the benchmarks); pass
//! `-- --measurement-time 10` for steadier figures. Setup that is costly (the large
//! gazetteers) runs only for the benchmarks a filter selects.

#[path = "common/mod.rs"]
mod common;

use std::cell::OnceCell;
use std::hint::black_box;
use std::time::Duration;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use newsfacts::mention::date::Date;
use newsfacts::{Extractor, Input};

use common::Doc;

/// The corpus with dates parsed, ready to extract.
struct Corpus {
    docs: Vec<(Doc, Option<Date>)>,
    bytes: usize,
}

impl Corpus {
    fn new(docs: Vec<Doc>) -> Corpus {
        let bytes = common::bytes(&docs);
        let docs = docs
            .into_iter()
            .map(|d| {
                let date = d.date.as_deref().and_then(|s| s.parse().ok());
                (d, date)
            })
            .collect();
        Corpus { docs, bytes }
    }

    /// The first documents, up to about `bytes`.
    fn prefix(&self, bytes: usize) -> Corpus {
        let mut total = 0;
        let mut docs = Vec::new();
        for (doc, _) in &self.docs {
            if total >= bytes {
                break;
            }
            total += doc.text.len();
            docs.push(Doc {
                text: doc.text.clone(),
                date: doc.date.clone(),
            });
        }
        Corpus::new(docs)
    }

    fn extract_all(&self, extractor: &Extractor) -> usize {
        let mut facts = 0;
        for (doc, date) in &self.docs {
            let mut input = Input::new(&doc.text);
            if let Some(date) = date {
                input = input.document_date(*date);
            }
            facts += black_box(extractor.extract(input)).facts.len();
        }
        facts
    }

    fn tokenized(&self) -> Vec<newsfacts::text::Tokenized> {
        self.docs
            .iter()
            .map(|(d, _)| newsfacts::text::tokenize_with_keys(&d.text))
            .collect()
    }
}

/// The reference: an aho-corasick automaton of the same names over the keys buffers.
fn scan(automaton: &aho_corasick::AhoCorasick, texts: &[newsfacts::text::Tokenized]) -> usize {
    texts
        .iter()
        .map(|t| automaton.find_overlapping_iter(t.keys.as_str()).count())
        .sum()
}

/// What the extractor does instead: its token trie over the same tokens.
fn trie_scan(extractor: &Extractor, texts: &[newsfacts::text::Tokenized]) -> usize {
    let trie = extractor.lexicon().trie();
    texts.iter().map(|t| trie.find(t).count()).sum()
}

fn build(c: &mut Criterion) {
    let mut group = c.benchmark_group("build");
    group.sample_size(20);
    group.bench_function("default extractor", |b| {
        b.iter(|| black_box(Extractor::new()))
    });
    group.finish();
}

fn one_article(c: &mut Criterion) {
    let extractor = Extractor::new();
    let text = common::SAMPLE;
    let mut group = c.benchmark_group("one article");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("extract", |b| {
        b.iter(|| black_box(extractor.extract(black_box(text))))
    });
    group.bench_function("extract and write JSON", |b| {
        b.iter(|| black_box(extractor.extract(black_box(text)).to_json()))
    });
    group.finish();
}

fn corpus(c: &mut Criterion) {
    let (docs, origin) = common::from_env(4 << 20);
    let corpus = Corpus::new(docs);
    eprintln!(
        "corpus: {origin}, {} documents, {:.1} MB",
        corpus.docs.len(),
        corpus.bytes as f64 / 1e6
    );
    let extractor = Extractor::new();
    let automaton = common::reference_automaton(&extractor);
    let texts = corpus.tokenized();
    let mut group = c.benchmark_group("corpus");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(corpus.bytes as u64));
    group.bench_function("extract", |b| b.iter(|| corpus.extract_all(&extractor)));
    group.bench_function("tokenize with keys", |b| {
        b.iter(|| {
            for (doc, _) in &corpus.docs {
                black_box(newsfacts::text::tokenize_with_keys(&doc.text));
            }
        })
    });
    group.bench_function("bare aho-corasick scan", |b| {
        b.iter(|| scan(&automaton, &texts))
    });
    group.bench_function("bare token-trie scan", |b| {
        b.iter(|| trie_scan(&extractor, &texts))
    });
    // The date stage alone, to read its share of "extract" above.
    let dates = newsfacts::mention::date::DateFinder::new();
    group.bench_function("dates alone", |b| {
        b.iter(|| {
            for (doc, _) in &corpus.docs {
                let date = dates.document_date(&doc.text).map(|(d, _)| d);
                black_box(dates.find(&doc.text, date));
            }
        })
    });
    group.finish();
}

/// Sizes of the generated person gazetteers.
const SIZES: [(usize, &str); 4] = [
    (1_000, "1k"),
    (10_000, "10k"),
    (100_000, "100k"),
    (1_000_000, "1M"),
];

fn gazetteer_scaling(c: &mut Criterion) {
    let known = common::known_people(&Extractor::new());
    let (docs, _) = common::from_env(4 << 20);
    let corpus = Corpus::new(docs).prefix(1 << 20);
    let texts = corpus.tokenized();
    for (n, label) in SIZES {
        // Built on first use, so that a filter that leaves these out costs nothing.
        let tsv_cell: OnceCell<String> = OnceCell::new();
        let tsv = || tsv_cell.get_or_init(|| common::person_gazetteer(n, &known));
        let extractor_cell: OnceCell<Extractor> = OnceCell::new();
        let extractor = || {
            extractor_cell.get_or_init(|| {
                Extractor::builder()
                    .gazetteer_str("people.tsv", tsv().clone())
                    .build()
                    .expect("generated gazetteers are valid")
            })
        };

        let mut group = c.benchmark_group("gazetteer build");
        group.sample_size(10);
        group.bench_function(label, |b| {
            b.iter_batched(
                || Extractor::builder().gazetteer_str("people.tsv", tsv().clone()),
                |builder| black_box(builder.build().expect("valid")),
                BatchSize::PerIteration,
            )
        });
        group.finish();

        let mut group = c.benchmark_group("gazetteer scaling");
        group.sample_size(10);
        group.throughput(Throughput::Bytes(corpus.bytes as u64));
        group.bench_function(format!("extract/{label}"), |b| {
            let extractor = extractor();
            b.iter(|| corpus.extract_all(extractor))
        });
        group.bench_function(format!("bare scan/{label}"), |b| {
            let automaton = common::reference_automaton(extractor());
            b.iter(|| scan(&automaton, &texts))
        });
        group.bench_function(format!("trie scan/{label}"), |b| {
            let extractor = extractor();
            b.iter(|| trie_scan(extractor, &texts))
        });
        group.finish();
    }
}

fn config() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
}

criterion_group! {
    name = benches;
    config = config();
    targets = build, one_article, corpus, gazetteer_scaling
}
criterion_main!(benches);
