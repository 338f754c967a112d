//! Agreements: "agreed that ...", "signed an MoU", "the signing of the Agreement on Defense
//! Cooperation". Parties are the countries the clause names, else the countries of the
//! people who agreed, else those of a fact beside it in the same sentence.

use super::context::FactContext;
use super::{Draft, FactKind, Rule, Trigger, TriggerHit};
use crate::text::Shape;

/// Nouns that make "signed X" an agreement.
const AGREEMENT_NOUNS: &[&str] = &[
    "agreement",
    "agreements",
    "mou",
    "mous",
    "memorandum",
    "memoranda",
    "pact",
    "treaty",
    "accord",
    "accords",
    "deal",
    "framework",
    "declaration",
    "protocol",
    "contract",
    "arrangement",
    "roadmap",
    "charter",
    "convention",
    "communique",
    "statement",
];

pub(super) fn build(
    cx: &FactContext,
    sentence: usize,
    hit: TriggerHit,
    trigger: &Trigger,
) -> Option<Vec<Draft>> {
    let range = cx.sentence_range(sentence);
    let clause = cx.clause(sentence, hit.first);
    let after = hit.end..clause.end;
    if trigger.needs_object {
        let noun = after
            .clone()
            .take(8)
            .find(|&i| AGREEMENT_NOUNS.contains(&cx.key(i)));
        noun?;
    }
    // "treaty alliances", "agreement text": a noun trigger that modifies another noun.
    if !trigger.verb
        && cx
            .analysis
            .tokens()
            .get(hit.end)
            .is_some_and(|t| t.shape.contains(Shape::LOWER) && t.shape.contains(Shape::ALPHA))
        && !matches!(
            cx.key(hit.end),
            "of" | "on"
                | "with"
                | "between"
                | "to"
                | "for"
                | "signed"
                | "was"
                | "is"
                | "that"
                | "which"
                | "and"
                | "in"
                | "at"
                | "by"
                | "among"
                | "related"
                | "will"
                | "would"
                | "has"
                | "had"
                | "were"
                | "are"
                | "reached"
                | "concluded"
        )
    {
        return None;
    }
    // "agreed" with no "that"/"to"/"on" is a bare assent ("as agreed"): skip.
    if trigger.verb
        && trigger.phrase.starts_with("agree")
        && !matches!(cx.key(hit.end), "that" | "to" | "on" | "upon")
    {
        return None;
    }
    let participants: Vec<usize> = cx.actors_in(clause.start..hit.first.max(clause.start));
    let participants = if participants.is_empty() {
        cx.actors_in(range.clone())
    } else {
        participants
    };
    let mut countries = cx.countries_in(clause.clone());
    if countries.is_empty() {
        countries = cx.group_countries(clause.clone());
    }
    for c in cx.countries_of(&participants) {
        if !countries.contains(&c) {
            countries.push(c);
        }
    }
    let subject = subject_of(cx, clause.clone(), hit);
    let mut d = Draft::new(
        FactKind::Agreement,
        cx.sentence_span(sentence),
        trigger.strength,
        Rule::Trigger("agreement", hit.trigger),
    );
    d.participants = participants;
    d.countries = countries;
    d.subject = subject;
    d.date = cx.date_near(clause.clone(), hit.first);
    d.status = cx.status(clause, hit.first, trigger.planned);
    if d.countries.is_empty() && d.participants.is_empty() && d.subject.is_none() {
        return None;
    }
    Some(vec![d])
}

/// The agreement's name: a Title Case phrase holding an agreement noun, or the first Title
/// Case phrase after the trigger that is not an entity ("the Commitment to Consult").
fn subject_of(cx: &FactContext, clause: std::ops::Range<usize>, hit: TriggerHit) -> Option<String> {
    let tokens = cx.analysis.tokens();
    for (i, token) in tokens.iter().enumerate().take(clause.end).skip(hit.first) {
        if AGREEMENT_NOUNS.contains(&cx.key(i)) && token.shape.contains(Shape::CAPITALIZED) {
            if let Some(phrase) = cx.title_phrase(clause.clone(), i) {
                return Some(phrase);
            }
        }
    }
    for (i, token) in tokens.iter().enumerate().take(clause.end).skip(hit.end) {
        if token.shape.contains(Shape::CAPITALIZED) && cx.resolution.mention_at(i).is_none() {
            if let Some(phrase) = cx.title_phrase(clause.clone(), i) {
                // Not a summit or meeting: those are events, not agreements.
                let last = phrase.rsplit(' ').next().unwrap_or("").to_lowercase();
                if !matches!(last.as_str(), "summit" | "meeting" | "talks" | "conference") {
                    return Some(phrase);
                }
            }
        }
    }
    None
}

/// An agreement that names no party takes the countries of the exercise or meeting in the
/// same sentence ("the execution of exercise Freedom Edge, the signing of a new
/// Framework").
pub(super) fn fill_from_neighbours(drafts: &mut [Draft]) {
    let neighbour_countries = drafts
        .iter()
        .find(|d| d.kind != FactKind::Agreement && d.countries.len() >= 2)
        .map(|d| d.countries.clone());
    if let Some(countries) = neighbour_countries {
        for d in drafts
            .iter_mut()
            .filter(|d| d.kind == FactKind::Agreement && d.countries.is_empty())
        {
            d.countries.clone_from(&countries);
        }
    }
}
