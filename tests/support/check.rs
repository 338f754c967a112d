//! Invariants every extraction and every gazetteer load must keep, whatever the input.
//!
//! Shared by the fuzz targets (`fuzz/fuzz_targets/*.rs`), their replay in CI
//! (`tests/fuzz_replay.rs`) and the pathological-text tests (`tests/hostile.rs`), so that the
//! three check the same things. Each check panics with a message naming the broken rule.

#![allow(dead_code)]

use std::collections::HashSet;

use newsfacts::gazetteer::Gazetteer;
use newsfacts::{Document, EntityKind, ErrorKind, Extractor, FactDetails, Span};

/// Panics unless `span` lies inside `text` on `char` boundaries.
pub fn check_span(text: &str, span: Span, what: &str) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what}: span {}..{} out of bounds (text is {} bytes)",
        span.start,
        span.end,
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what}: span {}..{} not on char boundaries",
        span.start,
        span.end
    );
}

/// Panics unless `doc` is a sound extraction from `text`:
///
/// - every mention span is non-empty, in bounds, on char boundaries, and its `text` is that
///   slice; every coreference antecedent is in bounds too;
/// - entity ids are unique and every entity has a mention;
/// - every fact's evidence spans are in bounds and covered by `evidence`; its confidence is
///   a number in 0..=1;
/// - the people, visitors, hosts and exercises a fact names exist among the entities;
/// - the JSON serialisation succeeds.
pub fn check_document(text: &str, doc: &Document) {
    let mut ids = HashSet::new();
    for entity in &doc.entities {
        assert!(ids.insert(entity.id), "entity id {} repeated", entity.id);
        assert!(
            !entity.mentions.is_empty(),
            "entity {} ({:?}) has no mention",
            entity.id,
            entity.name
        );
        for m in &entity.mentions {
            let what = format!("mention {:?} of entity {}", m.text, entity.id);
            check_span(text, m.span(), &what);
            assert!(m.start < m.end, "{what}: empty span {}..{}", m.start, m.end);
            assert_eq!(
                &text[m.span().range()],
                m.text,
                "{what}: text differs from the span"
            );
            if let newsfacts::Source::Coreference { antecedent, .. } = &m.source {
                check_span(text, *antecedent, &format!("{what}: antecedent"));
            }
        }
    }
    let names_of = |kind: EntityKind| -> HashSet<&str> {
        doc.entities_of(kind).map(|e| e.name.as_str()).collect()
    };
    let people = names_of(EntityKind::Person);
    let exercises = names_of(EntityKind::Exercise);
    for (n, fact) in doc.facts.iter().enumerate() {
        let what = format!("fact {n} ({})", fact.summary);
        check_span(text, fact.evidence, &format!("{what}: evidence"));
        for span in &fact.evidence_spans {
            check_span(text, *span, &format!("{what}: evidence span"));
            assert!(
                fact.evidence.contains(*span),
                "{what}: evidence {:?} does not cover {:?}",
                fact.evidence,
                span
            );
        }
        assert!(
            (0.0..=1.0).contains(&fact.confidence),
            "{what}: confidence {}",
            fact.confidence
        );
        let mut named: Vec<&String> = Vec::new();
        match &fact.details {
            FactDetails::Meeting { participants, .. }
            | FactDetails::Agreement { participants, .. } => named.extend(participants),
            FactDetails::Visit { visitor, host, .. } => named.extend(visitor.iter().chain(host)),
            FactDetails::Appointment { person, .. } => named.extend(person),
            FactDetails::Exercise { exercise, .. } => {
                if let Some(name) = exercise {
                    assert!(
                        exercises.contains(name.as_str()),
                        "{what}: exercise {name:?} is not an entity"
                    );
                }
            }
            FactDetails::Deployment { .. } => {}
        }
        for name in named {
            assert!(
                people.contains(name.as_str()),
                "{what}: person {name:?} is not an entity"
            );
        }
    }
    let json = doc.to_json();
    assert!(
        !json.starts_with("{\"error\""),
        "serialisation failed: {json}"
    );
}

/// Panics unless the HTML view of `doc` renders and escapes every piece of `text`: the
/// renderer adds no script, so a `<script` in the page can only be unescaped input.
pub fn check_html(text: &str, doc: &Document) {
    let page = newsfacts::html::render(text, doc, "fuzz <title>");
    assert!(
        page.starts_with("<!DOCTYPE html>"),
        "the page has no doctype"
    );
    assert!(
        !page.to_ascii_lowercase().contains("<script"),
        "input markup reached the page unescaped"
    );
    assert!(
        !page.contains("<title>fuzz <title>"),
        "the title is not escaped"
    );
}

/// Extracts `text` with `extractor` and checks the result.
pub fn extract_and_check(extractor: &Extractor, text: &str) -> Document {
    let doc = extractor.extract(text);
    check_document(text, &doc);
    doc
}

/// A small valid gazetteer that gazetteer inputs are added to, to check that a failed
/// `add_str` leaves it as it was.
pub const BASE_GAZETTEER: &str = "country\tKazakhstan\tKAZ\tRepublic of Kazakhstan\tdemonyms=Kazakh\n\
rank\tLieutenant General\tOF-8\tLt Gen|Lt. Gen.\n\
role\tDefence Minister\t\tMinister of Defence\n";

/// Panics unless loading `text` as a gazetteer behaves: no panic; an error is a gazetteer
/// error naming `name` and a line of the input (or an I/O error, never for text); a failed
/// load leaves an existing gazetteer unchanged; a good load builds an extractor whose
/// output on the gazetteer text itself and on `sample` is sound.
pub fn check_gazetteer(text: &str, sample: &str) {
    const NAME: &str = "fuzz.tsv";
    // A BOM-stripped text may have one line fewer than it seems; every line counts.
    let lines = text.lines().count().max(1);
    let parsed = Gazetteer::parse(NAME, text);
    if let Err(e) = &parsed {
        check_gazetteer_error(e, NAME, lines);
    }
    // A failed add leaves the gazetteer as it was; a good one adds what parse found.
    let mut base = Gazetteer::parse("base.tsv", BASE_GAZETTEER).expect("the base is valid");
    let before = base.len();
    match base.add_str(NAME, text) {
        Err(e) => {
            check_gazetteer_error(&e, NAME, lines);
            assert_eq!(base.len(), before, "a failed add_str changed the gazetteer");
            assert!(
                base.entries().iter().all(|e| &*e.origin.file == "base.tsv"),
                "a failed add_str left entries behind"
            );
        }
        Ok(()) => {
            if let Ok(alone) = &parsed {
                assert_eq!(
                    base.len(),
                    before + alone.len(),
                    "add_str and parse disagree"
                );
            }
        }
    }
    let built = Extractor::builder()
        .gazetteer_str(NAME, text)
        .no_default_gazetteers()
        .build();
    match (&parsed, built) {
        (Err(_), Ok(_)) => panic!("parse failed but the builder accepted the same text"),
        (_, Err(e)) => check_gazetteer_error(&e, NAME, lines),
        (Ok(_), Ok(extractor)) => {
            extract_and_check(&extractor, text);
            extract_and_check(&extractor, sample);
        }
    }
}

/// Panics unless `e` is a gazetteer error for `name` at a line in `1..=lines`.
pub fn check_gazetteer_error(e: &newsfacts::Error, name: &str, lines: usize) {
    match e.kind() {
        ErrorKind::Gazetteer {
            file,
            line,
            message,
        } => {
            assert_eq!(file, name, "error names another file: {e}");
            assert!(
                (1..=lines).contains(line),
                "error line {line} outside 1..={lines}: {e}"
            );
            assert!(!message.is_empty(), "empty error message");
        }
        other => panic!("unexpected error kind {other:?}"),
    }
}
