//! The fact stage: meetings, visits, exercises, appointments, agreements and deployments.
//!
//! Triggers (data: `gazetteers/triggers.tsv`) find where a fact is announced; the kind's
//! builder fills its role fields from the mentions of the trigger's sentence and clause and
//! the entities the resolve stage linked; drafts that describe the same event are merged,
//! keeping every evidence span. Each fact says which rule made it and how sure it is.

mod agreement;
mod appointment;
mod context;
mod deployment;
mod exercise;
mod meeting;
mod merge;
pub mod trigger;
mod visit;

// For `Lexicon::build`, which gives these keys their class bit.
pub(crate) use context::plural_role_keys;
pub use trigger::{FactKind, Trigger, TriggerHit, Triggers};

use crate::Span;
use crate::document::{Fact, FactDetails, Status};
use crate::gazetteer::Gazetteer;
use crate::mention::date::Date;
use crate::resolve::Resolution;
use crate::text::Analysis;
use context::FactContext;

/// A fact before merging; entities by index into the resolution.
#[derive(Clone, Debug)]
pub(crate) struct Draft {
    kind: FactKind,
    participants: Vec<usize>,
    countries: Vec<String>,
    date: Option<String>,
    location: Option<String>,
    visitor: Option<usize>,
    destination: Option<String>,
    destination_country: Option<String>,
    host: Option<usize>,
    exercise: Option<String>,
    person: Option<usize>,
    role: Option<String>,
    country: Option<String>,
    subject: Option<String>,
    organization: Option<String>,
    /// A named event ("East Asia Summit"): drafts with different names never merge.
    event: Option<String>,
    /// Evidence for a fact found elsewhere, never a fact of its own.
    supporting: bool,
    status: Status,
    evidence: Vec<Span>,
    confidence: f32,
    rule: Rule,
}

/// Which rule made a draft; spelt out ([`Rule::name`]) only for the facts that survive
/// merging, since most drafts are absorbed into another.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Rule {
    /// "meeting:talks": the kind's prefix and a trigger (an index into
    /// [`Triggers::triggers`]), whose phrase follows the colon.
    Trigger(&'static str, usize),
    /// A rule named in full.
    Named(&'static str),
}

impl Rule {
    fn name(self, triggers: &Triggers) -> String {
        match self {
            Rule::Trigger(prefix, trigger) => {
                let phrase = triggers.triggers().get(trigger).map_or("", |t| &t.phrase);
                let mut name = String::with_capacity(prefix.len() + 1 + phrase.len());
                name.push_str(prefix);
                name.push(':');
                name.push_str(phrase);
                name
            }
            Rule::Named(name) => name.to_string(),
        }
    }
}

impl Draft {
    fn new(kind: FactKind, evidence: Span, confidence: f32, rule: Rule) -> Draft {
        Draft {
            kind,
            participants: Vec::new(),
            countries: Vec::new(),
            date: None,
            location: None,
            visitor: None,
            destination: None,
            destination_country: None,
            host: None,
            exercise: None,
            person: None,
            role: None,
            country: None,
            subject: None,
            organization: None,
            event: None,
            supporting: false,
            status: Status::Happened,
            evidence: vec![evidence],
            confidence,
            rule,
        }
    }
}

/// Runs the fact stage on the trigger hits of the text ([`Triggers::find`], or
/// [`Triggers::find_with_words`] when the mention stage has looked the words up).
pub fn extract(
    text: &str,
    analysis: &Analysis,
    gazetteer: &Gazetteer,
    triggers: &Triggers,
    hits: Vec<TriggerHit>,
    resolution: &Resolution,
    document_date: Option<Date>,
) -> Vec<Fact> {
    extract_with_classes(
        text,
        analysis,
        gazetteer,
        None,
        triggers,
        hits,
        resolution,
        document_date,
    )
}

/// [`extract`] with each token of `analysis` given its class byte by a lexicon built from
/// `gazetteer` ([`crate::mention::Lexicon::token_classes`]): its
/// [`crate::mention::class::PLURAL_ROLE`] bit marks the tokens that may end a plural role
/// phrase, and only those are read.
#[allow(clippy::too_many_arguments)]
pub(crate) fn extract_with_classes(
    text: &str,
    analysis: &Analysis,
    gazetteer: &Gazetteer,
    classes: Option<&[u8]>,
    triggers: &Triggers,
    hits: Vec<TriggerHit>,
    resolution: &Resolution,
    document_date: Option<Date>,
) -> Vec<Fact> {
    let mut cx = FactContext::new(
        text,
        analysis,
        gazetteer,
        resolution,
        document_date,
        classes,
    );
    // Drafts are large: sized for about one a trigger hit rather than grown from four.
    let mut drafts: Vec<Draft> = Vec::with_capacity(hits.len());
    let mut hit_index = 0;
    for sentence in 0..analysis.sentences.len() {
        let range = analysis.sentences[sentence].tokens();
        let first_draft = drafts.len();
        while hit_index < hits.len() && hits[hit_index].first < range.end {
            let hit = hits[hit_index];
            hit_index += 1;
            if hit.first < range.start {
                continue;
            }
            let trigger = &triggers.triggers()[hit.trigger];
            let draft = match trigger.kind {
                FactKind::Meeting => meeting::build(&cx, sentence, hit, trigger),
                FactKind::Visit => visit::build(&cx, sentence, hit, trigger),
                FactKind::Appointment => appointment::build(&mut cx, sentence, hit, trigger),
                FactKind::Agreement => agreement::build(&cx, sentence, hit, trigger),
                FactKind::Deployment => deployment::build(&cx, sentence, hit, trigger),
                // Exercises come from named exercise mentions, below.
                FactKind::Exercise => None,
            };
            drafts.extend(draft.into_iter().flatten());
        }
        drafts.extend(exercise::build(&cx, sentence));
        // Agreements whose parties the clause leaves open take them from facts beside them.
        agreement::fill_from_neighbours(&mut drafts[first_draft..]);
        cx.remember_group(sentence, &drafts[first_draft..]);
    }
    appointment::fill_authority_country(&mut drafts);
    let merged = merge::merge(drafts);
    merged.into_iter().map(|d| cx.finish(d, triggers)).collect()
}

/// The details of a draft, with entity indices turned into names; the draft's strings are
/// moved out (it is not used after).
fn details(cx: &FactContext, d: &mut Draft) -> FactDetails {
    let name = |e: usize| cx.resolution.entities[e].name.clone();
    let names = |list: &[usize]| list.iter().map(|&e| name(e)).collect::<Vec<_>>();
    let countries = std::mem::take(&mut d.countries);
    match d.kind {
        FactKind::Meeting => FactDetails::Meeting {
            participants: names(&d.participants),
            countries,
            date: d.date.take(),
            location: d.location.take(),
        },
        FactKind::Visit => FactDetails::Visit {
            visitor: d.visitor.map(name),
            countries,
            destination: d.destination.take(),
            date: d.date.take(),
            host: d.host.map(name),
        },
        FactKind::Exercise => FactDetails::Exercise {
            exercise: d.exercise.take(),
            countries,
            date: d.date.take(),
            location: d.location.take(),
        },
        FactKind::Appointment => FactDetails::Appointment {
            person: d.person.map(name),
            role: d.role.take(),
            country: d.country.take(),
            date: d.date.take(),
        },
        FactKind::Agreement => FactDetails::Agreement {
            countries,
            participants: names(&d.participants),
            subject: d.subject.take(),
            date: d.date.take(),
        },
        FactKind::Deployment => FactDetails::Deployment {
            countries,
            organization: d.organization.take(),
            location: d.location.take(),
        },
    }
}
