//! People no gazetteer knows: table tests of the patterns that introduce them, what is
//! attached to them, how later mentions are linked, and what must stay quiet.
//! All names here are invented so that no gazetteer entry helps.

use newsfacts::{Document, Entity, EntityKind, Extractor};
use std::sync::LazyLock;

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(Extractor::new);

fn people(doc: &Document) -> Vec<&Entity> {
    doc.entities_of(EntityKind::Person).collect()
}

fn names(text: &str) -> Vec<String> {
    let doc = EXTRACTOR.extract(text);
    let mut v: Vec<String> = people(&doc).iter().map(|e| e.name.clone()).collect();
    v.sort();
    v
}

#[test]
fn introductions() {
    let cases: &[(&str, &[&str])] = &[
        (
            "Lieutenant General Nurzhan Almasov arrived on Monday.",
            &["Nurzhan Almasov"],
        ),
        (
            "The team met Dr. Arvind Kelkar in the afternoon.",
            &["Arvind Kelkar"],
        ),
        ("Admiral Tarun Sethi inspected the fleet.", &["Tarun Sethi"]),
        (
            "Prime Minister Oskar Lindqvist spoke first.",
            &["Oskar Lindqvist"],
        ),
        ("They were greeted by Mr. Halvorsen.", &["Halvorsen"]),
        (
            "Gen. (retd) Imran Qadir wrote the report.",
            &["Imran Qadir"],
        ),
        (
            "Defence Secretary Dr. Meera Pillai attended.",
            &["Meera Pillai"],
        ),
        ("Lt. Gen. A. K. Bhandari took charge.", &["A. K. Bhandari"]),
        (
            "Foreign Minister Khalid bin Saud al-Harbi spoke.",
            &["Khalid bin Saud al-Harbi"],
        ),
        (
            "Defense Minister Pieter van der Berg met troops.",
            &["Pieter van der Berg"],
        ),
        (
            "Colonel Marcus “Hawk” Ellery led the unit.",
            &["Marcus Ellery"],
        ),
        (
            "President Thomas R. Whitfield, Jr. signed it.",
            &["Thomas R. Whitfield Jr."],
        ),
        (
            "Director Cho Minseok of the Republic of Korea called.",
            &["Cho Minseok"],
        ),
        (
            "President Kwame Mensah-Boateng of Ghana arrived.",
            &["Kwame Mensah-Boateng"],
        ),
        (
            "Arman Seitkali, Kazakhstan’s Defence Minister, arrived.",
            &["Arman Seitkali"],
        ),
        (
            "The Defence Minister of Kazakhstan, Arman Seitkali, arrived.",
            &["Arman Seitkali"],
        ),
        ("“We are ready,” said Elena Moravec.", &["Elena Moravec"]),
        (
            "Elena Moravec said the talks went well.",
            &["Elena Moravec"],
        ),
    ];
    for (text, expected) in cases {
        assert_eq!(names(text), *expected, "{text:?}");
    }
}

#[test]
fn what_stays_quiet() {
    let cases: &[&str] = &[
        "The Defence Minister said the talks went well.",
        "He received a Guard of Honour at Vigyan Bhawan.",
        "The Carrier Strike Group sailed on.",
        "Minister Announces New Policy For Border Roads Today",
        "General elections are due in May.",
        "The general view is that the admiral agreed.",
        "President",
        "Meanwhile Delhi Prepares For Summit",
    ];
    for text in cases {
        assert!(names(text).is_empty(), "{text:?}: {:?}", names(text));
    }
}

#[test]
fn attributes() {
    let doc = EXTRACTOR.extract(
        "The Union Defence Minister Rajnath Singh held talks with the Defence Minister of \
         Kazakhstan Lieutenant General Arman Seitkali. Israeli Minister of Defense Avi Ronen \
         joined them.",
    );
    let find = |n: &str| {
        people(&doc)
            .into_iter()
            .find(|e| e.name == n)
            .unwrap()
            .clone()
    };
    let seitkali = find("Arman Seitkali");
    assert_eq!(seitkali.rank.as_deref(), Some("Lieutenant General"));
    assert_eq!(seitkali.country.as_deref(), Some("KAZ"));
    assert_eq!(seitkali.roles, ["Defence Minister"]);
    let singh = find("Rajnath Singh");
    assert_eq!(singh.country.as_deref(), Some("IND"));
    let ronen = find("Avi Ronen");
    assert_eq!(ronen.country.as_deref(), Some("ISR"));
}

#[test]
fn coreference() {
    let text = "Lieutenant General Arman Seitkali, Kazakhstan's Defence Minister, met Admiral \
                Tarun Sethi on Friday. Seitkali thanked the Indian side. During his visit, \
                Kazakhstan’s Defence Minister toured a base. He then flew home. Sethi said the \
                talks went well.";
    let doc = EXTRACTOR.extract(text);
    let all = people(&doc);
    assert_eq!(
        all.len(),
        2,
        "{:?}",
        all.iter().map(|e| &e.name).collect::<Vec<_>>()
    );
    let seitkali = all.iter().find(|e| e.name == "Arman Seitkali").unwrap();
    let texts: Vec<&str> = seitkali.mentions.iter().map(|m| m.text.as_str()).collect();
    for expected in [
        "Arman Seitkali",
        "Seitkali",
        "Kazakhstan’s Defence Minister",
        "his",
        "He",
    ] {
        assert!(
            texts.contains(&expected),
            "{expected:?} not linked: {texts:?}"
        );
    }
    let sethi = all.iter().find(|e| e.name == "Tarun Sethi").unwrap();
    assert!(sethi.mentions.iter().any(|m| m.text == "Sethi"));
    // Every linked mention names its rule and antecedent.
    for m in &seitkali.mentions {
        if let newsfacts::Source::Coreference { antecedent, rule } = &m.source {
            assert!(antecedent.end <= text.len() && !rule.is_empty());
        }
    }
}

#[test]
fn shared_surnames_go_to_the_most_recent() {
    let doc = EXTRACTOR.extract(
        "Admiral Vikram Rao met General Sunil Rao in March. Later, Rao inspected the ships.",
    );
    let vikram = people(&doc)
        .into_iter()
        .find(|e| e.name == "Vikram Rao")
        .unwrap()
        .clone();
    let sunil = people(&doc)
        .into_iter()
        .find(|e| e.name == "Sunil Rao")
        .unwrap()
        .clone();
    assert_eq!(vikram.mentions.len(), 1);
    assert_eq!(
        sunil.mentions.len(),
        2,
        "the bare surname goes to the most recent Rao"
    );
}

#[test]
fn acronyms_defined_in_the_text() {
    let doc = EXTRACTOR.extract(
        "The Quadrilateral Maritime Forum (QMF) met in Goa. QMF members agreed to meet again.",
    );
    let forum = doc
        .entities_of(EntityKind::Organization)
        .find(|e| e.name == "Quadrilateral Maritime Forum")
        .expect("the forum");
    let acronyms = forum.mentions.iter().filter(|m| m.text == "QMF").count();
    assert_eq!(acronyms, 2, "{:?}", forum.mentions);
    // An acronym whose letters are not the long form's initials is not linked.
    let doc = EXTRACTOR.extract("The Quadrilateral Maritime Forum (XYZ) met. XYZ left.");
    assert!(
        doc.entities
            .iter()
            .all(|e| e.mentions.iter().all(|m| m.text != "XYZ"))
    );
}

/// A surname alone refers to the gazetteer person named in full before it; a name suffix
/// ("Jr.", "III", "IV") is not the surname, whichever suffix it is.
#[test]
fn surnames_of_gazetteer_people_skip_name_suffixes() {
    for suffix in ["", "Jr.", "Sr.", "II", "III", "IV"] {
        let extractor = Extractor::builder()
            .gazetteer_str("people.tsv", format!("person\tRamon Sotelo {suffix}\n"))
            .build()
            .unwrap();
        let text = format!(
            "Ramon Sotelo {suffix} arrived in Madrid on Monday. Later, Sotelo met officials."
        );
        let doc = extractor.extract(text.as_str());
        let sotelo = people(&doc)
            .into_iter()
            .find(|e| e.name.starts_with("Ramon Sotelo"))
            .unwrap_or_else(|| panic!("{suffix:?}: no Ramon Sotelo in {:?}", people(&doc)));
        assert!(
            sotelo.mentions.iter().any(|m| m.text == "Sotelo"),
            "{suffix:?}: the later Sotelo is not his: {:?}",
            people(&doc)
        );
    }
}

/// A name alone joins the gazetteer person whose name is the same but for a suffix:
/// "Margarethe" after "Queen Margarethe II".
#[test]
fn a_name_without_its_suffix_joins_the_suffixed_person() {
    let extractor = Extractor::builder()
        .gazetteer_str(
            "people.tsv",
            "person\tMargarethe II\t\tQueen Margarethe II\n",
        )
        .build()
        .unwrap();
    let doc = extractor
        .extract("Queen Margarethe II opened the session. Later, Margarethe met officials.");
    let queen = people(&doc)
        .into_iter()
        .find(|e| e.name == "Margarethe II")
        .unwrap_or_else(|| panic!("no Margarethe II in {:?}", people(&doc)));
    assert!(
        queen.mentions.iter().any(|m| m.text == "Margarethe"),
        "{:?}",
        people(&doc)
    );
    assert_eq!(people(&doc).len(), 1, "{:?}", people(&doc));
}
