//! Hostile input: huge and pathological texts, broken gazetteers, determinism.
//!
//! Every extraction runs on its own thread and must finish within a generous bound
//! ([`limit`]): the bound catches a hang or a quadratic blow-up, not a slowdown. Every result
//! goes through the same invariant checks as the fuzz targets (`tests/support/check.rs`):
//! spans in bounds and on char boundaries, mention texts equal to their spans, facts naming
//! only existing entities.
//!
//! Sizes: the full sizes of issue 8 (a 50 MB document, a 10 MB line, a million "Lieutenant
//! General") run in release builds: `cargo test --release --test hostile`. A debug build is
//! roughly ten times slower, so `cargo test` runs the same shapes at a tenth of the size;
//! `NEWSFACTS_HOSTILE_FULL=1` forces the full sizes in any build. The scaling from 1 MB to
//! 64 MB is measured by `benches/hostile.rs`.

#[path = "support/check.rs"]
mod check;
#[path = "support/news.rs"]
mod news;

use std::sync::LazyLock;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread;
use std::time::{Duration, Instant};

use newsfacts::gazetteer::Gazetteer;
use newsfacts::{Document, EntityKind, ErrorKind, Extractor};

/// The time an extraction of `bytes` may take before it counts as a hang: a minute, and
/// three seconds more per megabyte (release builds extract a megabyte of news in about a
/// second; a quadratic stage takes hours on the larger inputs here). Debug builds run the
/// inputs at a tenth of their size but extract ten to twenty times slower, and with the
/// rest of the suite on the same cores: their allowance per megabyte is five times
/// larger (the 5 MB document took up to 74 s of 75 on a busy two-core machine).
fn limit(bytes: usize) -> Duration {
    let per_megabyte = if cfg!(debug_assertions) { 15.0 } else { 3.0 };
    Duration::from_secs(60) + Duration::from_secs_f64(per_megabyte * bytes as f64 / MB as f64)
}

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(Extractor::new);

const MB: usize = 1 << 20;

/// True when the full sizes should run: release builds, or `NEWSFACTS_HOSTILE_FULL=1`.
fn full_size() -> bool {
    !cfg!(debug_assertions) || std::env::var_os("NEWSFACTS_HOSTILE_FULL").is_some()
}

/// `full` in release builds, a tenth of it in debug builds.
fn size(full: usize) -> usize {
    if full_size() { full } else { full / 10 }
}

/// Runs `f` on its own thread and returns its result; fails the test if it takes longer
/// than [`limit`] for `bytes` of input (a hang), and passes a panic on with its message.
fn within<T: Send + 'static>(
    what: &str,
    bytes: usize,
    f: impl FnOnce() -> T + Send + 'static,
) -> T {
    let limit = limit(bytes);
    let (tx, rx) = mpsc::channel();
    let started = Instant::now();
    let handle = thread::Builder::new()
        .name(what.to_string())
        .spawn(move || {
            let _ = tx.send(f());
        })
        .expect("spawn a test thread");
    match rx.recv_timeout(limit) {
        Ok(value) => {
            eprintln!("{what}: {:.2?}", started.elapsed());
            value
        }
        Err(RecvTimeoutError::Timeout) => {
            panic!("{what}: no result after {limit:?}: a hang or a super-linear stage")
        }
        Err(RecvTimeoutError::Disconnected) => match handle.join() {
            Err(panic) => std::panic::resume_unwind(panic),
            Ok(()) => panic!("{what}: the thread ended without a result"),
        },
    }
}

/// Extracts `text` on a thread within the limit and checks the document.
fn extract_checked(what: &str, text: String) -> (String, Document) {
    within(what, text.len(), move || {
        let doc = check::extract_and_check(&EXTRACTOR, &text);
        (text, doc)
    })
}

fn names(doc: &Document, kind: EntityKind) -> Vec<String> {
    let mut names: Vec<String> = doc.entities_of(kind).map(|e| e.name.clone()).collect();
    names.sort();
    names
}

// ---------------------------------------------------------------------------------------
// Size

#[test]
fn fifty_megabyte_document() {
    let text = news::news(size(50 * MB), 50);
    let (_, doc) = extract_checked("50 MB document", text);
    assert!(!doc.entities.is_empty() && !doc.facts.is_empty());
}

#[test]
fn ten_megabyte_line_without_spaces() {
    // Words, numbers and punctuation glued together: one token stream, no white space.
    const PIECES: &[&str] = &[
        "LieutenantGeneral",
        "Kazakhstan's",
        "2021-05-12",
        ".",
        "(",
        "KAZIND-21",
        "—",
        "met",
        "Ministry",
        ",",
        "Астана",
        "東京",
        "🇯🇵",
        "\"",
    ];
    let len = size(10 * MB);
    let mut rng = news::Rng::new(10);
    let mut text = String::with_capacity(len + 32);
    while text.len() < len {
        text.push_str(rng.pick(PIECES));
    }
    extract_checked("10 MB line without spaces", text);
    let letters = "a".repeat(size(10 * MB));
    extract_checked("10 MB of one letter", letters);
}

#[test]
fn a_million_lieutenant_generals() {
    let n = size(1_000_000);
    // A chain of a million titles, with and without a name at its end.
    extract_checked("titles", "Lieutenant General ".repeat(n));
    let mut text = "Lieutenant General ".repeat(n);
    text.push_str("Aruzhan Abenov met Lars Brandt.");
    let (_, doc) = extract_checked("titles then a name", text);
    assert!(doc.entities.iter().any(|e| e.kind == EntityKind::Rank));
    // Abbreviated, with full stops that may or may not end sentences.
    extract_checked("abbreviated titles", "Lt. Gen. ".repeat(n));
    // Each title with a name: a million people stage matches.
    let mut rng = news::Rng::new(1);
    let mut text = String::new();
    for i in 0..n {
        text.push_str("Lieutenant General ");
        if i % 2 == 0 {
            text.push_str(rng.pick(&["Abenov ", "Brandt ", "Moreau ", "Okonkwo "]));
        }
    }
    extract_checked("titles with names", text);
}

// ---------------------------------------------------------------------------------------
// Shape

#[test]
fn a_whole_article_in_capitals() {
    let text = news::news(size(4 * MB), 7).to_uppercase();
    extract_checked("article in capitals", text);
    // Capitals with no full stop: one sentence of a hundred thousand words.
    let mut rng = news::Rng::new(8);
    let mut text = String::new();
    while text.len() < size(4 * MB) {
        text.push_str(&news::sentence(&mut rng).to_uppercase().replace('.', ""));
        text.push(' ');
    }
    extract_checked("capitals without full stops", text);
}

#[test]
fn a_hundred_thousand_date_like_numbers() {
    let n = size(100_000);
    let mut rng = news::Rng::new(100);
    let mut text = String::from("date 2021-05-12\n");
    for i in 0..n {
        let (d, m, y) = (1 + rng.below(31), 1 + rng.below(12), 1900 + rng.below(200));
        let piece = match i % 10 {
            0 => format!("{d}/{m}/{y}"),
            1 => format!("{y}-{m:02}-{d:02}"),
            2 => format!("{d}.{m}.{}", y % 100),
            3 => format!("{y}"),
            4 => format!("{d} May {y}"),
            5 => format!("May {d}-{}, {y}", d + 2),
            6 => format!("{y}/{}", y + 1),
            7 => format!(
                "{}-{}-{}",
                rng.below(100),
                rng.below(100),
                rng.below(10_000)
            ),
            8 => format!("{}", rng.next()),
            _ => format!("on {d}th of March, {y}"),
        };
        text.push_str(&piece);
        text.push(if i % 17 == 0 { '\n' } else { ' ' });
    }
    extract_checked("date-like numbers", text);
}

#[test]
fn long_runs_of_capitalised_words() {
    const WORDS: &[&str] = &[
        "Alpha",
        "Bravo",
        "Charlie",
        "Delta",
        "Echo",
        "Foxtrot",
        "Golf",
        "Hotel",
        "Kilo",
        "Lima",
        "Oscar",
        "Sierra",
        "Tango",
        "Victor",
        "Yankee",
        "Zulu",
        "Kazakhstan",
        "General",
        "Minister",
        "Defence",
    ];
    let mut rng = news::Rng::new(3);
    let mut text = String::new();
    while text.len() < size(4 * MB) {
        text.push_str(rng.pick(WORDS));
        text.push(' ');
    }
    extract_checked("capitalised words", text);
    // The same behind titles: every title starts a name parse in a Title Case line.
    let mut text = String::new();
    while text.len() < size(4 * MB) {
        text.push_str("President ");
        for _ in 0..rng.below(12) {
            text.push_str(rng.pick(WORDS));
            text.push(' ');
        }
    }
    extract_checked("capitalised words behind titles", text);
}

#[test]
fn deeply_nested_brackets_and_quotes() {
    let depth = size(200_000);
    let openers = ["(", "[", "{", "“", "‘", "\"", "'", "«", "<"];
    let closers = [")", "]", "}", "”", "’", "\"", "'", "»", ">"];
    let mut text = String::new();
    for i in 0..depth {
        text.push_str(openers[i % openers.len()]);
    }
    text.push_str("General Aruzhan Abenov met Defence Minister Lars Brandt in Astana.");
    for i in (0..depth).rev() {
        text.push_str(closers[i % closers.len()]);
    }
    extract_checked("nested brackets", text);
    // Alternating with words, and with spaces between every mark.
    let mut text = String::new();
    for i in 0..depth / 4 {
        text.push_str(openers[i % openers.len()]);
        text.push_str(" Kazakh ");
    }
    extract_checked("brackets and words", text);
    // Opening marks then names that are also common words: each such name asks whether
    // it starts its sentence.
    let mut text = "(".repeat(depth / 4);
    text.push_str(&"Major ".repeat(depth / 4));
    extract_checked("brackets then common-word names", text);
}

#[test]
fn nul_bytes_bom_and_crlf() {
    let base = "Defence Minister Aruzhan Abenov held talks with General Lars Brandt in Astana.\n\
                They agreed to hold exercise KAZIND in 2024.\n\n\
                Prime Minister Greta Kowalczyk visited Kazakhstan.\n";
    let (_, plain) = extract_checked("plain", base.to_string());
    let (_, crlf) = extract_checked("crlf", base.replace('\n', "\r\n"));
    let (_, cr) = extract_checked("lone cr", base.replace('\n', "\r"));
    let (_, bom) = extract_checked("bom", format!("\u{FEFF}{base}"));
    for (what, doc) in [("CRLF", &crlf), ("BOM", &bom)] {
        for kind in [
            EntityKind::Person,
            EntityKind::Country,
            EntityKind::Exercise,
        ] {
            assert_eq!(
                names(doc, kind),
                names(&plain, kind),
                "{what} changes the {kind} entities"
            );
        }
    }
    let _ = cr;
    extract_checked(
        "bom in the middle",
        base.replace("Astana", "\u{FEFF}Astana\u{FEFF}"),
    );
    extract_checked("nul bytes", base.replace(' ', "\0"));
    extract_checked("nul around words", base.replace(' ', " \0 "));
    extract_checked("only nul", "\0".repeat(size(MB)));
    extract_checked(
        "control characters",
        (0u8..32).map(char::from).cycle().take(size(MB)).collect(),
    );
    let mut big = String::new();
    while big.len() < size(4 * MB) {
        big.push_str(base);
    }
    extract_checked("big crlf", format!("\u{FEFF}{}", big.replace('\n', "\r\n")));
}

#[test]
fn other_scripts_and_emoji_mixed_into_english() {
    let pieces = [
        "Министр обороны Казахстана",
        "وزير الدفاع",
        "\u{200F}مرحبا\u{200E}",
        "国防部长",
        "東京で会談",
        "국방부",
        "🤝",
        "🇰🇿🇮🇳",
        "👩🏽‍✈️",
        "e\u{301}\u{302}\u{303}",
        "\u{FE0F}\u{200D}",
        "Ωμέγα",
        "İstanbul",
        "ß",
        "ﬁ",
        "\u{1D400}\u{1D401}",
    ];
    let mut rng = news::Rng::new(4);
    let mut text = String::new();
    while text.len() < size(4 * MB) {
        let sentence = news::sentence(&mut rng);
        let words: Vec<&str> = sentence.split(' ').collect();
        for (i, w) in words.iter().enumerate() {
            if i > 0 {
                text.push(if rng.below(5) == 0 { '\u{00A0}' } else { ' ' });
            }
            if rng.below(4) == 0 {
                text.push_str(rng.pick(&pieces));
                if rng.below(2) == 0 {
                    text.push(' ');
                }
            }
            text.push_str(w);
        }
        text.push(' ');
    }
    extract_checked("mixed scripts", text);
    // Glued to the names, without spaces.
    let (_, doc) = extract_checked(
        "glued scripts",
        "🤝Kazakhstan国防部长 met India's Defence Minister🇮🇳 in Астана.".to_string(),
    );
    assert!(names(&doc, EntityKind::Country).contains(&"Kazakhstan".to_string()));
}

#[test]
fn titles_at_the_very_end() {
    let endings = [
        "The talks ended, said Lieutenant General",
        "The talks ended, said Lt. Gen.",
        "The talks ended, said Lt. Gen",
        "The talks ended, said the Defence Minister of",
        "The talks ended, said the Defence Minister of the",
        "The talks ended, said President Greta",
        "The talks ended, said General (retd",
        "The talks ended, said General (retd.",
        "The talks ended, said Dr.",
        "The talks ended, said Kazakhstan's",
        "The talks ended, said Kazakhstan’",
        "The talks ended, said General Lars Brandt,",
        "The talks ended, said General Lars Brandt, Jr",
        "The talks ended, said General Lars “Larry”",
        "The talks ended, said General Lars-",
        "Exercise KAZIND-",
        "met",
        "Lieutenant General",
        "General",
    ];
    for text in endings {
        extract_checked(text, text.to_string());
    }
    // Every prefix of a rich sentence, cut at every char boundary.
    let sentence = "On May 3, 2024, Kazakhstan’s Defence Minister Lt. Gen. Aruzhan Abenov \
                    (retd.) held talks with President Joseph R. Brandt, Jr. of France and \
                    agreed to hold exercise KAZIND-24 in Astana; they “welcomed” 🤝 it.";
    within("every prefix", 0, move || {
        for (end, _) in sentence.char_indices().chain([(sentence.len(), ' ')]) {
            for part in [&sentence[..end], &sentence[end..]] {
                let doc = check::extract_and_check(&EXTRACTOR, part);
                check::check_html(part, &doc);
            }
        }
    });
}

#[test]
fn markup_in_the_text_is_escaped_in_the_html_view() {
    let text = "<script>alert(1)</script> Defence Minister <b>Aruzhan Abenov</b> met \
                General Lars Brandt & <ScRiPt src=x> in Astana.\0\u{FEFF}<!--";
    let (text, doc) = extract_checked("markup", text.to_string());
    check::check_html(&text, &doc);
}

#[test]
fn empty_and_white_space_only() {
    for text in [
        "",
        " ",
        "\n",
        "\n\n\n\n",
        "\t",
        "\r\n",
        "\r",
        "\u{00A0}",
        "\u{2028}\u{2029}",
        "\u{3000}",
        "\u{FEFF}",
        " \t\r\n\u{00A0}\u{2003}\u{202F}",
    ] {
        let (_, doc) = extract_checked(&format!("{text:?}"), text.to_string());
        assert!(doc.entities.is_empty() && doc.facts.is_empty(), "{text:?}");
    }
    let (_, doc) = extract_checked("a megabyte of spaces", " \n".repeat(size(MB) / 2));
    assert!(doc.entities.is_empty());
}

#[test]
fn many_people_and_pronouns() {
    // Thousands of people, each referred to by pronouns and by role.
    let mut rng = news::Rng::new(6);
    let mut text = String::new();
    let mut n = 0;
    while text.len() < size(4 * MB) {
        n += 1;
        text.push_str(&format!(
            "Defence Minister {} Abenov{n} said he would visit {}. The Defence Minister \
             said his talks went well. She met him. ",
            rng.pick(&["Aruzhan", "Lars", "Greta", "Pavel"]),
            rng.pick(&["Kazakhstan", "India", "France"])
        ));
    }
    extract_checked("people and pronouns", text);
}

// ---------------------------------------------------------------------------------------
// Super-linear stages found while writing these tests, one input each (`superlinear_*`).
// Each comment names the stage that used to do work per hit over the whole document or
// sentence. At full size (release builds: `cargo test --release --test hostile
// superlinear_`) the quadratic versions need several minutes, far past the limit, while
// the linear ones take seconds; in debug builds, at a tenth of the size, they are smoke
// tests.

/// No full stop and no line break: one sentence, with a meeting every few words, or one
/// trigger word repeated. Every trigger used to look at its whole sentence: its clause,
/// its people, whether it is a headline (`fact::context`, `fact::meeting`), and every
/// all-capitals name word at the capitals of its sentence (`resolve::people`).
#[test]
fn superlinear_one_huge_sentence() {
    let mut rng = news::Rng::new(5);
    let mut text = String::new();
    while text.len() < size(2 * MB) {
        let a = format!("{} {}", rng.pick(&["Aruzhan", "Lars", "Greta"]), "Abenov");
        text.push_str(&format!(
            "General {a} met President Lars Brandt in Astana, "
        ));
    }
    extract_checked("one sentence of meetings", text);
    extract_checked("a trigger repeated", "met ".repeat(size(MB) / 4));
    let mut text = String::new();
    while text.len() < size(2 * MB) {
        text.push_str(&news::sentence(&mut rng).to_uppercase().replace('.', ""));
        text.push(' ');
    }
    extract_checked("one sentence in capitals", text);
}

/// "They met." a million times: every trigger hit used to be compared with every hit kept
/// before it (`Triggers::find`).
#[test]
fn superlinear_trigger_hits() {
    extract_checked("trigger hits", "They met. ".repeat(size(8 * MB) / 10));
}

/// Tens of thousands of different meetings: every draft used to be compared with every
/// fact merged before it (`fact::merge`).
#[test]
fn superlinear_distinct_meetings() {
    let mut text = String::new();
    let mut i = 0;
    while text.len() < size(4 * MB) {
        text.push_str(&format!(
            "General {} {} met President {} {} on May {}, {}.\n",
            news::word(4 * i),
            news::word(4 * i + 1),
            news::word(4 * i + 2),
            news::word(4 * i + 3),
            1 + i % 28,
            1900 + i % 120
        ));
        i += 1;
    }
    extract_checked("distinct meetings", text);
}

/// A hundred thousand people, each referred to by pronouns: the coreference mentions of
/// each output entity used to be looked for among all of them (`Extractor::entities`).
#[test]
fn superlinear_people_with_pronouns() {
    let mut text = String::new();
    let mut i = 0;
    while text.len() < size(16 * MB) {
        text.push_str(&format!(
            "General {} {} arrived. He said he, his aide and his guard saw him and his car.\n",
            news::word(2 * i),
            news::word(2 * i + 1)
        ));
        i += 1;
    }
    extract_checked("people with pronouns", text);
}

/// A two-token name followed by a one-token name, over and over: the accepted ranges were
/// a sorted vector, and every one-token name was inserted into its middle
/// (`resolve::overlap`). Moving memory is fast, so this needs 32 MB to show (12 MB took 49
/// s before the fix, 4 s after); a debug build gets 1 MB.
#[test]
fn superlinear_names_of_mixed_lengths() {
    let bytes = if full_size() { 32 * MB } else { MB };
    extract_checked(
        "mixed lengths",
        "Lieutenant General Kazakhstan ".repeat(bytes / 30),
    );
}

/// "U.S. Army" over and over: a country nested in each organisation; the nested ones used
/// to be compared with each other (`resolve::overlap`), and every organisation-name pattern
/// with every other (`mention::pattern`).
#[test]
fn superlinear_nested_countries() {
    extract_checked(
        "nested countries",
        "U.S. Army and ".repeat(size(4 * MB) / 14),
    );
}

/// Two holders of one role, named again and again, and the role phrase after each: every
/// phrase used to count every mention of every holder (`coref::link_role_phrases`).
#[test]
fn superlinear_role_phrases_with_two_holders() {
    let mut text = String::from(
        "Defence Minister Aruzhan Abenov met Defence Minister Lars Brandt in Astana.\n",
    );
    while text.len() < size(4 * MB) {
        text.push_str("Abenov spoke. Brandt spoke. The Defence Minister left.\n");
    }
    extract_checked("role phrases", text);
}

/// Many people, and "the Defence Ministers" again and again: every plural role phrase used
/// to look at every entity (`FactContext::plural_role_holders`).
#[test]
fn superlinear_plural_role_phrases_among_many_people() {
    let mut text = String::from(
        "Defence Minister Aruzhan Abenov met Defence Minister Lars Brandt in Astana.\n",
    );
    let mut i = 0;
    while text.len() < size(4 * MB) {
        text.push_str(&format!(
            "General {} {} arrived. The Defence Ministers met.\n",
            news::word(2 * i),
            news::word(2 * i + 1)
        ));
        i += 1;
    }
    extract_checked("plural role phrases", text);
}

/// A gazetteer person with one alias written a thousand times: every copy used to become a
/// hit of its own for every occurrence (`Lexicon::build`). Counted, not timed.
#[test]
fn superlinear_gazetteer_alias_repeated() {
    let n = 1000;
    let gazetteer = format!("person\tAruzhan Abenov\t\t{}Abenov\n", "Abenov|".repeat(n));
    let extractor = Extractor::builder()
        .no_default_gazetteers()
        .gazetteer_str("repeated.tsv", gazetteer)
        .build()
        .expect("a valid gazetteer");
    let text = "Abenov spoke. ".repeat(n);
    let analysis = newsfacts::text::Analysis::new(&text);
    let hits = extractor.lexicon().find(&text, &analysis);
    assert_eq!(hits.len(), n, "one hit per occurrence");
    check::extract_and_check(&extractor, &text);
}

/// A gazetteer person with a hundred thousand different names, each found in the text:
/// every mention of the person used to walk all its names (`people::bare_surnames`).
#[test]
fn superlinear_gazetteer_person_with_many_names() {
    let names: Vec<String> = (0..size(100_000)).map(news::word).collect();
    let gazetteer = format!("person\tLars Brandt\t\t{}\n", names.join("|"));
    let text = names.join(" met ");
    within("many names", text.len(), move || {
        let extractor = Extractor::builder()
            .no_default_gazetteers()
            .gazetteer_str("many-names.tsv", gazetteer)
            .build()
            .expect("a valid gazetteer");
        check::extract_and_check(&extractor, &text);
    });
}

// ---------------------------------------------------------------------------------------
// Bad gazetteers

/// Adds `text` to a gazetteer holding the base entries and returns the error, after
/// checking that nothing was added.
fn add_fails(text: &str) -> (usize, String) {
    let mut g = Gazetteer::parse("base.tsv", check::BASE_GAZETTEER).unwrap();
    let before = g.len();
    let before_entries = g.entries().to_vec();
    let err = g
        .add_str("bad.tsv", text)
        .expect_err(&format!("{text:?} should be refused"));
    assert_eq!(g.len(), before, "{text:?}: partial load");
    assert_eq!(
        g.entries(),
        &before_entries[..],
        "{text:?}: entries changed"
    );
    let line = match err.kind() {
        ErrorKind::Gazetteer { file, line, .. } => {
            assert_eq!(file, "bad.tsv", "{err}");
            *line
        }
        other => panic!("{text:?}: unexpected {other:?}"),
    };
    let message = err.to_string();
    assert!(
        message.starts_with(&format!("bad.tsv:{line}: ")),
        "the message names file and line: {message}"
    );
    // The builder refuses it too, with the same place.
    let built = Extractor::builder()
        .no_default_gazetteers()
        .gazetteer_str("base.tsv", check::BASE_GAZETTEER)
        .gazetteer_str("bad.tsv", text)
        .build();
    let err2 = built.expect_err(&format!("{text:?}: the builder should refuse it"));
    match err2.kind() {
        ErrorKind::Gazetteer { file, line: l, .. } => {
            assert_eq!((file.as_str(), *l), ("bad.tsv", line), "{err2}")
        }
        other => panic!("{text:?}: unexpected {other:?}"),
    }
    (line, message)
}

#[test]
fn bad_gazetteer_lines_name_file_and_line_and_load_nothing() {
    let good = "country\tFrance\tFRA\tFrench Republic\tdemonyms=French\n\
                rank\tMajor General\tOF-7\tMaj Gen\n";
    let cases: &[(&str, &str)] = &[
        // Malformed lines.
        ("role\n", "columns"),
        ("role\tX\t\t\ta=1\tsurplus\n", "columns"),
        ("role\tX\t\t\tcountry\n", "'='"),
        ("role\tX\t\tY{country=IND\n", "braces"),
        ("role\tX\t\t\tKey=1\n", "lower-case"),
        ("role\tX\t\t\ta=1;a=2\n", "twice"),
        ("role\t\t\n", "canonical"),
        // An unknown kind, and the date kind, which no gazetteer may hold.
        ("planet\tMars\n", "kind"),
        ("date\tChristmas\n", "kind"),
        // Invalid codes.
        ("country\tFreedonia\tFR\n", "alpha-3"),
        ("country\tFreedonia\tfrd\n", "alpha-3"),
        ("rank\tGeneral Major\tOF-12\n", "NATO"),
        (
            "exercise\tNorth Star\t\t\tparticipants=IND,Kazakhstan\n",
            "alpha-3",
        ),
        // Empty aliases.
        ("role\tEnvoy\t\tA||B\n", "empty alias"),
        ("role\tEnvoy\t\t|A\n", "empty alias"),
        ("role\tEnvoy\t\tA|\n", "empty alias"),
        ("role\tEnvoy\t\tA| |B\n", "empty alias"),
        // Duplicate canonicals: in the file, and against the base.
        (
            "country\tFreedonia\tFRD\ncountry\tFreedonia\tFRD\n",
            "duplicate",
        ),
        ("country\tKazakhstan\tKAZ\n", "duplicate"),
        ("role\tdefence  MINISTER\n", "duplicate"),
    ];
    for &(bad, needle) in cases {
        // The bad line after good ones: the error names its line, and the good lines are
        // not loaded either.
        let text = format!("# header\n{good}{bad}");
        let (line, message) = add_fails(&text);
        let expected_line = 4 + bad.lines().count() - 1;
        assert_eq!(line, expected_line, "{bad:?}: {message}");
        assert!(
            message.to_lowercase().contains(&needle.to_lowercase()),
            "{bad:?}: {message:?} should mention {needle:?}"
        );
    }
    // CRLF and a BOM do not shift the line numbers.
    let (line, _) = add_fails("\u{FEFF}# header\r\n\r\nplanet\tMars\r\n");
    assert_eq!(line, 3);
}

/// Matching walks at most `MAX_NAME_TOKENS` tokens from each token, which keeps it linear;
/// a longer name or trigger phrase is refused with its file and line, not dropped.
#[test]
fn names_and_trigger_phrases_have_a_length_limit() {
    use newsfacts::mention::lexicon::MAX_NAME_TOKENS;
    let name = |tokens: usize| vec!["Abenov"; tokens].join(" ");
    let longest = format!(
        "# people\nperson\tAsel Abenova\nperson\t{}\n",
        name(MAX_NAME_TOKENS)
    );
    let built = Extractor::builder()
        .gazetteer_str("people.tsv", longest)
        .build()
        .expect("a name of the maximum length is accepted");
    let text = name(MAX_NAME_TOKENS * 4);
    assert!(
        built
            .extract(text.as_str())
            .entities
            .iter()
            .any(|e| e.kind == EntityKind::Person),
        "the longest allowed name is found"
    );
    for too_long in [
        format!("person\t{}\n", name(MAX_NAME_TOKENS + 1)),
        format!("person\tAsel Abenova\t\tAsel|{}\n", name(10_000)),
    ] {
        let text = format!("# people\nperson\tAsel Abenova Jr\n{too_long}");
        let Err(err) = Extractor::builder()
            .gazetteer_str("people.tsv", text)
            .build()
        else {
            panic!("a name over the limit is refused");
        };
        match err.kind() {
            ErrorKind::Gazetteer {
                file,
                line,
                message,
            } => {
                assert_eq!((file.as_str(), *line), ("people.tsv", 3), "{err}");
                assert!(message.contains("tokens"), "{message}");
            }
            other => panic!("unexpected {other:?}"),
        }
    }
    let dir = std::env::temp_dir().join(format!("newsfacts-triggers-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("triggers.tsv");
    std::fs::write(
        &path,
        format!("meeting\tmet\nmeeting\t{}\n", name(MAX_NAME_TOKENS + 1)),
    )
    .unwrap();
    let Err(err) = Extractor::builder().trigger_file(&path).build() else {
        panic!("a trigger phrase over the limit is refused");
    };
    assert!(
        matches!(err.kind(), ErrorKind::Gazetteer { line: 2, .. }),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn bad_gazetteer_files_are_named() {
    let dir = std::env::temp_dir().join(format!("newsfacts-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.tsv");
    std::fs::write(&bad, "country\tFrance\tFRA\nplanet\tMars\n").unwrap();
    let err = Extractor::builder()
        .gazetteer_file(&bad)
        .build()
        .unwrap_err();
    assert!(
        err.to_string().contains("bad.tsv:2:"),
        "names file and line: {err}"
    );
    let invalid = dir.join("latin1.tsv");
    std::fs::write(&invalid, b"country\tFran\xe7e\tFRA\n").unwrap();
    let err = Extractor::builder()
        .gazetteer_file(&invalid)
        .build()
        .unwrap_err();
    assert!(
        err.to_string().contains("latin1.tsv"),
        "names the file: {err}"
    );
    let missing = dir.join("missing.tsv");
    let err = Extractor::builder()
        .gazetteer_file(&missing)
        .build()
        .unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Io { .. }), "{err}");
    assert!(
        err.to_string().contains("missing.tsv"),
        "names the file: {err}"
    );
    let mut g = Gazetteer::parse("base.tsv", check::BASE_GAZETTEER).unwrap();
    assert!(g.add_file(&bad).is_err() && g.add_file(&missing).is_err());
    assert_eq!(g.len(), 3, "nothing of a failed file is loaded");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn hostile_gazetteer_text_never_panics() {
    let texts = [
        String::new(),
        "\n\n\n".to_string(),
        "\t\t\t\t".to_string(),
        "\0\0\0".to_string(),
        "country\t\u{FEFF}\tKAZ\n".to_string(),
        "person\t   \n".to_string(),
        "person\t🤝\n".to_string(),
        "person\t'\n".to_string(),
        "person\t-\t\t.|,|;\n".to_string(),
        "person\tA{}\n".to_string(),
        "person\tX\t\tY{}\n".to_string(),
        "person\tX\t\tY{a=1}{b=2}\n".to_string(),
        "person\tX\t\t{a=1}\n".to_string(),
        "country\tX\tXXX\t\tdemonyms=,,,\n".to_string(),
        "country\tX\tXXX\t\tdemonyms=A{b=1\n".to_string(),
        "rank\tX\tOF-\n".to_string(),
        "rank\tX\tOF-D\n".to_string(),
        "rank\tX\tOF--1\n".to_string(),
        "rank\tX\tOF-99999999999999999999\n".to_string(),
        format!("person\t{}\n", "Abenov ".repeat(10_000)),
        format!("person\tX\t\t{}\n", "Y|".repeat(10_000) + "Z"),
        (0..5_000)
            .map(|i| format!("person\tPerson{i} Abenov\n"))
            .collect(),
    ];
    for text in texts {
        within("gazetteer", text.len(), move || {
            check::check_gazetteer(&text, "Person7 Abenov met General Abenov in Astana.")
        });
    }
}

// ---------------------------------------------------------------------------------------
// Determinism

#[test]
fn the_same_input_gives_byte_identical_json() {
    let text = news::news(size(2 * MB), 99);
    within("determinism", 8 * text.len(), move || {
        let first = EXTRACTOR.extract(text.as_str()).to_json();
        let second = EXTRACTOR.extract(text.as_str()).to_json();
        assert!(first == second, "two runs differ");
        let other = Extractor::new().extract(text.as_str()).to_json();
        assert!(first == other, "another extractor differs");
        // Several threads at once, sharing one extractor.
        let text = std::sync::Arc::new(text);
        let handles: Vec<_> = (0..4)
            .map(|_| {
                let text = text.clone();
                thread::spawn(move || EXTRACTOR.extract(text.as_str()).to_json())
            })
            .collect();
        for h in handles {
            assert!(h.join().unwrap() == first, "a concurrent run differs");
        }
        // Each article alone gives the same output whichever order they are read in.
        let articles: Vec<&str> = text.split("\n\n").take(200).collect();
        let forward: Vec<String> = articles
            .iter()
            .map(|a| EXTRACTOR.extract(*a).to_json())
            .collect();
        let backward: Vec<String> = articles
            .iter()
            .rev()
            .map(|a| EXTRACTOR.extract(*a).to_json())
            .collect();
        assert!(forward.iter().eq(backward.iter().rev()), "order matters");
    });
}

/// The extractor keeps spare buffers in thread-local storage. An extraction run by another
/// thread-local's destructor, after that storage is gone, must still work (a panic there
/// would abort the process).
#[test]
fn extraction_while_a_thread_is_torn_down() {
    struct ExtractOnDrop(mpsc::Sender<usize>);
    impl Drop for ExtractOnDrop {
        fn drop(&mut self) {
            let doc = EXTRACTOR.extract("Rajnath Singh met Nurlan Yermekbayev on Monday.");
            let _ = self.0.send(doc.entities.len());
        }
    }
    thread_local! {
        static ON_EXIT: std::cell::RefCell<Option<ExtractOnDrop>> =
            const { std::cell::RefCell::new(None) };
    }
    let (sender, receiver) = mpsc::channel();
    thread::spawn(move || {
        // Registered first, so destroyed after the extractor's spare buffers.
        ON_EXIT.with(|slot| *slot.borrow_mut() = Some(ExtractOnDrop(sender)));
        EXTRACTOR.extract("A first document fills the spare buffers.");
    })
    .join()
    .expect("the thread ends normally");
    let entities = receiver.recv().expect("the destructor ran and extracted");
    assert!(entities >= 3, "{entities} entities");
}
