//! Criterion benchmarks: building the default `Extractor`, extracting one article, and
//! throughput over a multi-MB corpus (built from the repo's own sample texts, or
//! `NEWSFACTS_BENCH_CORPUS=path` for a real one), next to a bare aho-corasick scan of the
//! same text with the same automaton: the reference limit.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use newsfacts::Extractor;
use std::hint::black_box;

const SAMPLE: &str = include_str!("../examples/data/sample-article.txt");

/// The corpus: a real one from `NEWSFACTS_BENCH_CORPUS`, else the sample repeated to 4 MB.
fn corpus() -> String {
    if let Ok(path) = std::env::var("NEWSFACTS_BENCH_CORPUS") {
        if let Ok(text) = std::fs::read_to_string(&path) {
            return text;
        }
        eprintln!("NEWSFACTS_BENCH_CORPUS={path} could not be read; using the built-in corpus");
    }
    let mut text = String::with_capacity(4 << 20);
    while text.len() < 4 << 20 {
        text.push_str(SAMPLE);
        text.push_str("\n\n");
    }
    text
}

/// Splits a corpus into documents at blank-line runs of three or more (articles), so that
/// per-document work is measured as in real use.
fn documents(corpus: &str) -> Vec<&str> {
    let docs: Vec<&str> = corpus
        .split("\n\n\n")
        .filter(|d| !d.trim().is_empty())
        .collect();
    if docs.len() > 1 {
        docs
    } else {
        corpus.split("\n\n").collect()
    }
}

fn build(c: &mut Criterion) {
    c.bench_function("build default extractor", |b| {
        b.iter(|| black_box(Extractor::new()))
    });
}

fn one_article(c: &mut Criterion) {
    let extractor = Extractor::new();
    let mut group = c.benchmark_group("one article");
    group.throughput(Throughput::Bytes(SAMPLE.len() as u64));
    group.bench_function("extract", |b| {
        b.iter(|| black_box(extractor.extract(black_box(SAMPLE))))
    });
    group.finish();
}

fn corpus_throughput(c: &mut Criterion) {
    let extractor = Extractor::new();
    let text = corpus();
    let docs = documents(&text);
    let mut group = c.benchmark_group("corpus");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("extract", |b| {
        b.iter(|| {
            for doc in &docs {
                black_box(extractor.extract(*doc));
            }
        })
    });
    let automaton = extractor.lexicon().automaton().clone();
    let keys = newsfacts::text::tokenize_with_keys(&text).keys;
    group.bench_function("bare aho-corasick scan", |b| {
        b.iter(|| black_box(automaton.find_overlapping_iter(keys.as_str()).count()))
    });
    group.finish();
}

criterion_group!(benches, build, one_article, corpus_throughput);
criterion_main!(benches);
