//! The embedded gazetteers parse, their codes are valid, and their aliases are safe.

use newsfacts::gazetteer::{DEFAULT_FILES, EntityKind, Gazetteer};

#[test]
fn every_default_file_parses_alone_and_together() {
    for (file, text) in DEFAULT_FILES {
        Gazetteer::parse(file, text).unwrap_or_else(|e| panic!("{e}"));
    }
    let all = Gazetteer::defaults().unwrap_or_else(|e| panic!("{e}"));
    assert!(all.len() > 500, "only {} entries", all.len());
}

#[test]
fn country_codes_are_unique_alpha3() {
    let g = Gazetteer::defaults().unwrap();
    let mut codes: Vec<&str> = g
        .entries()
        .iter()
        .filter(|e| e.kind == EntityKind::Country)
        .filter_map(|e| e.code.as_deref())
        .collect();
    let n = codes.len();
    assert!(n >= 249, "{n} countries");
    codes.sort();
    codes.dedup();
    assert_eq!(codes.len(), n, "duplicate country codes");
}

#[test]
fn lower_case_aliases_are_not_common_words() {
    // A lower-case alias matches in any case, so it must not be an everyday word.
    const COMMON: &[&str] = &[
        "the",
        "and",
        "for",
        "with",
        "general",
        "major",
        "private",
        "president",
        "minister",
        "chief",
        "us",
        "it",
        "in",
        "no",
        "is",
        "as",
        "at",
        "on",
        "be",
        "by",
        "or",
        "an",
        "of",
        "exercise",
        "visit",
        "meeting",
        "forces",
        "army",
        "navy",
        "state",
        "union",
        "nice",
    ];
    let g = Gazetteer::defaults().unwrap();
    for entry in g.entries() {
        for name in &entry.names {
            let lower = name.text.chars().all(|c| !c.is_uppercase());
            let any_case = entry.attributes.get("case") == Some("any");
            if lower || any_case {
                assert!(
                    !COMMON.contains(&name.text.to_lowercase().as_str()),
                    "{}:{}: {:?} would match ordinary text",
                    entry.origin.file,
                    entry.origin.line,
                    name.text
                );
            }
        }
    }
}

#[test]
fn no_any_case_alias_is_a_frequent_english_word() {
    // An alias written in lower case, or an entry with case=any, matches in any case; none
    // may be one of the 5,000 most frequent English words (scripts/gen_common_words.py).
    let common: std::collections::HashSet<&str> = include_str!("data/common-english-5000.txt")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .collect();
    let g = Gazetteer::defaults().unwrap();
    let mut offenders = Vec::new();
    for entry in g.entries() {
        let any_case = entry.attributes.get("case") == Some("any");
        for name in &entry.names {
            let lower = !name.text.chars().any(char::is_uppercase);
            if (lower || any_case) && common.contains(name.text.to_lowercase().as_str()) {
                offenders.push(format!(
                    "{}:{}: {:?}",
                    entry.origin.file, entry.origin.line, name.text
                ));
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "aliases that match ordinary words: {offenders:?}"
    );
}
