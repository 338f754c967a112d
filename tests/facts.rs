//! Facts, kind by kind: table tests of sentences of our own writing, with the negatives
//! that must stay quiet. Each case gives the text, its document date, and what the facts of
//! that kind must contain.

use newsfacts::mention::date::Date;
use newsfacts::{Document, Extractor, FactDetails, Input, Status};
use std::sync::LazyLock;

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(Extractor::new);

fn extract(text: &str) -> Document {
    let date = Date::new(2024, 3, 14).unwrap();
    EXTRACTOR.extract(Input::new(text).document_date(date))
}

fn kinds(doc: &Document) -> Vec<&'static str> {
    doc.facts.iter().map(|f| f.details.kind_name()).collect()
}

#[test]
fn meetings() {
    let doc = extract(
        "Defence Minister Rajnath Singh held talks with General Phan Van Giang in Hanoi on \
         March 12. The two ministers also discussed training.",
    );
    let meetings: Vec<_> = doc
        .facts
        .iter()
        .filter_map(|f| match &f.details {
            FactDetails::Meeting {
                participants,
                date,
                location,
                ..
            } => Some((
                participants.clone(),
                date.clone(),
                location.clone(),
                f.evidence_spans.len(),
            )),
            _ => None,
        })
        .collect();
    assert_eq!(meetings.len(), 1, "one event, one fact: {meetings:?}");
    let (participants, date, location, evidence) = &meetings[0];
    assert_eq!(participants, &["Rajnath Singh", "Phan Van Giang"]);
    assert_eq!(date.as_deref(), Some("2024-03-12"));
    assert_eq!(location.as_deref(), Some("Hanoi"));
    assert_eq!(*evidence, 2, "both sentences are evidence");
    let summary = &doc.facts[0].summary;
    assert!(
        summary.starts_with("meeting between Rajnath Singh (India) and Phan Van Giang (Vietnam)"),
        "{summary}"
    );
}

#[test]
fn planned_and_negated() {
    let doc = extract(
        "Prime Minister Oskar Lindqvist will meet President Kwame Mensah of Ghana next week.",
    );
    assert_eq!(
        doc.facts.first().map(|f| f.status),
        Some(Status::Planned),
        "{:?}",
        doc.facts
    );
    let doc =
        extract("Prime Minister Oskar Lindqvist did not meet President Kwame Mensah of Ghana.");
    assert_eq!(
        doc.facts.first().map(|f| f.status),
        Some(Status::Negated),
        "{:?}",
        doc.facts
    );
}

#[test]
fn visits() {
    let doc = extract(
        "General Arman Seitkali of Kazakhstan is on an official visit to India from March 11 to \
         March 15, 2024. He visited the Longewala sector in Jaisalmer and HQs 12 Corps at Jodhpur.",
    );
    let visits: Vec<(Option<String>, Option<String>, Option<String>)> = doc
        .facts
        .iter()
        .filter_map(|f| match &f.details {
            FactDetails::Visit {
                visitor,
                destination,
                date,
                ..
            } => Some((visitor.clone(), destination.clone(), date.clone())),
            _ => None,
        })
        .collect();
    let seitkali = Some("Arman Seitkali".to_string());
    assert!(
        visits.contains(&(
            seitkali.clone(),
            Some("IND".into()),
            Some("2024-03-11/2024-03-15".into())
        )),
        "{visits:?}"
    );
    assert!(
        visits
            .iter()
            .any(|v| v.0 == seitkali && v.1.as_deref() == Some("Longewala")),
        "{visits:?}"
    );
    assert!(
        visits
            .iter()
            .any(|v| v.0 == seitkali && v.1.as_deref() == Some("HQs 12 Corps")),
        "{visits:?}"
    );
}

#[test]
fn exercises_appointments_agreements_deployments() {
    let doc = extract("Troops of India and Kazakhstan began the KAZIND-24 exercise in Umroi.");
    let exercise = doc.facts.iter().find_map(|f| match &f.details {
        FactDetails::Exercise {
            exercise,
            countries,
            ..
        } => Some((exercise.clone(), countries.clone())),
        _ => None,
    });
    assert_eq!(
        exercise,
        Some((Some("KAZIND".into()), vec!["IND".into(), "KAZ".into()]))
    );

    let doc = extract(
        "Lieutenant General Arman Seitkali was appointed as the Defence Minister of Kazakhstan.",
    );
    let appointment = doc.facts.iter().find_map(|f| match &f.details {
        FactDetails::Appointment {
            person,
            role,
            country,
            ..
        } => Some((person.clone(), role.clone(), country.clone())),
        _ => None,
    });
    assert_eq!(
        appointment,
        Some((
            Some("Arman Seitkali".into()),
            Some("Defence Minister".into()),
            Some("KAZ".into())
        ))
    );

    let doc = extract(
        "India and Vietnam signed a Memorandum of Understanding on Mutual Logistics Support.",
    );
    let agreement = doc.facts.iter().find_map(|f| match &f.details {
        FactDetails::Agreement {
            countries, subject, ..
        } => Some((countries.clone(), subject.clone())),
        _ => None,
    });
    assert_eq!(
        agreement,
        Some((
            vec!["IND".into(), "VNM".into()],
            Some("Memorandum of Understanding on Mutual Logistics Support".into())
        ))
    );

    let doc = extract("Some 850 Ghanaian troops are deployed with UNIFIL in southern Lebanon.");
    let deployment = doc.facts.iter().find_map(|f| match &f.details {
        FactDetails::Deployment {
            countries,
            organization,
            ..
        } => Some((countries.clone(), organization.clone())),
        _ => None,
    });
    assert_eq!(deployment.map(|d| d.0), Some(vec!["GHA".to_string()]));
}

#[test]
fn negatives_stay_quiet() {
    let cases: &[(&str, &str)] = &[
        (
            "The delegates gathered in a meeting room at Hanoi.",
            "meeting",
        ),
        ("Readers can visit our website for the full text.", "visit"),
        (
            "Officials urged travellers to exercise caution near the border.",
            "exercise",
        ),
        (
            "The talks were an important exercise of the Commitment to Consult.",
            "exercise",
        ),
        (
            "Critics questioned the exercise of power by the Defence Minister.",
            "exercise",
        ),
        (
            "General Arman Seitkali arrived at the appointed time.",
            "appointment",
        ),
        (
            "President Kwame Mensah of Ghana signed a letter to the council.",
            "agreement",
        ),
        ("The press conference ended at noon.", "meeting"),
        (
            "The treaty alliances of Japan and Australia endure.",
            "agreement",
        ),
        // "Meet" that means "satisfy" (the `not_before` lists of the meeting triggers).
        (
            "Rajnath Singh and Nurlan Yermekbayev said they would meet the needs of both armies.",
            "meeting",
        ),
        (
            "President Kwame Mensah and Prime Minister Anna Lindqvist are committed to \
             meeting the goals of the Paris Agreement.",
            "meeting",
        ),
        (
            "Arman Seitkali and Kofi Mensah met the deadline and will meet this moment.",
            "meeting",
        ),
    ];
    for (text, kind) in cases {
        let doc = extract(text);
        assert!(
            !kinds(&doc).contains(kind),
            "{text:?} gave a {kind}: {:?}",
            doc.facts
        );
    }
}
