//! Scaling on huge documents: one generated news document of 1, 4, 16 and 64 MB, and the
//! pathological shapes of `tests/hostile.rs` at 1 and 4 MB. Criterion reports throughput
//! (bytes per second): linear scaling shows as the same throughput at every size, a
//! quadratic stage as throughput falling by the size ratio.
//!
//! ```text
//! cargo bench --bench hostile                  # everything (several minutes)
//! cargo bench --bench hostile -- 'one document' # the 1..64 MB series only
//! ```
//!
//! Every sample extracts the whole document once, so the series takes about ten times
//! (1 + 4 + 16 + 64) MB of extraction; sample sizes are criterion's minimum.

#[path = "../tests/support/news.rs"]
mod news;

use std::hint::black_box;
use std::time::Duration;

use criterion::{
    BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group, criterion_main,
};
use newsfacts::Extractor;

const MB: usize = 1 << 20;

fn one_document(c: &mut Criterion) {
    let extractor = Extractor::new();
    let mut group = c.benchmark_group("one document");
    group.sample_size(10);
    group.sampling_mode(SamplingMode::Flat);
    group.warm_up_time(Duration::from_millis(100));
    group.measurement_time(Duration::from_secs(5));
    for mb in [1, 4, 16, 64] {
        let text = news::news(mb * MB, 64);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(
            BenchmarkId::new("news", format!("{mb} MB")),
            &text,
            |b, t| b.iter(|| black_box(extractor.extract(t.as_str()))),
        );
    }
    group.finish();
}

/// The shapes of `tests/hostile.rs`, `bytes` long.
fn shapes(bytes: usize) -> Vec<(&'static str, String)> {
    let fill = |piece: &dyn Fn(&mut news::Rng) -> String| {
        let mut rng = news::Rng::new(9);
        let mut text = String::with_capacity(bytes + 256);
        while text.len() < bytes {
            text.push_str(&piece(&mut rng));
        }
        text
    };
    vec![
        (
            "lieutenant general",
            fill(&|_| "Lieutenant General ".to_string()),
        ),
        (
            "capitals",
            fill(&|rng| news::sentence(rng).to_uppercase() + " "),
        ),
        (
            "capitals, no full stop",
            fill(&|rng| news::sentence(rng).to_uppercase().replace('.', "") + " "),
        ),
        (
            "one sentence of meetings",
            fill(&|rng| {
                format!(
                    "General {} Abenov met President Lars Brandt in Astana, ",
                    rng.pick(&["Aruzhan", "Lars", "Greta"])
                )
            }),
        ),
        (
            "line without spaces",
            fill(&|rng| {
                rng.pick(&["LieutenantGeneral", "Kazakhstan's", "2021-05-12", "."])
                    .into()
            }),
        ),
        (
            "date-like numbers",
            fill(&|rng| {
                format!(
                    "{}/{}/{} ",
                    1 + rng.below(31),
                    1 + rng.below(12),
                    1990 + rng.below(40)
                )
            }),
        ),
        (
            "people and pronouns",
            fill(&|rng| {
                format!(
                    "Defence Minister Aruzhan Abenov{} said he would visit India. She met him. ",
                    rng.below(100_000)
                )
            }),
        ),
    ]
}

fn pathological(c: &mut Criterion) {
    let extractor = Extractor::new();
    let mut group = c.benchmark_group("pathological");
    group.sample_size(10);
    group.sampling_mode(SamplingMode::Flat);
    group.warm_up_time(Duration::from_millis(100));
    group.measurement_time(Duration::from_secs(3));
    for mb in [1, 4] {
        for (name, text) in shapes(mb * MB) {
            group.throughput(Throughput::Bytes(text.len() as u64));
            group.bench_with_input(BenchmarkId::new(name, format!("{mb} MB")), &text, |b, t| {
                b.iter(|| black_box(extractor.extract(t.as_str())))
            });
        }
    }
    group.finish();
}

criterion_group!(benches, one_document, pathological);
criterion_main!(benches);
