//! Exercises: every named exercise mention is an exercise held or planned. Its countries
//! are those its clause names ("KAZIND ... between India and Kazakhstan", "Ghana's
//! co-hosting of Exercise Flintlock with Côte d'Ivoire"); a clause that names none falls back
//! on the gazetteer's participants.

use super::context::FactContext;
use super::{Draft, FactKind, Rule};
use crate::gazetteer::EntityKind;

pub(super) fn build(cx: &FactContext, sentence: usize) -> Vec<Draft> {
    if !cx.has_exercises() {
        return Vec::new();
    }
    let range = cx.sentence_range(sentence);
    let mut drafts = Vec::new();
    for m in cx.mentions_in(range.clone(), &[EntityKind::Exercise]) {
        let entity = cx.resolution.entity_of(m);
        let clause = cx.clause(sentence, m.candidate.first);
        // Participants: countries of the clause, and of armed services named in it ("the
        // People's Liberation Army launched drills"), but not a country the drills are
        // around, near or off: that is where they are.
        let mut countries: Vec<String> = Vec::new();
        for c in cx.mentions_in(
            clause.clone(),
            &[EntityKind::Country, EntityKind::Organization],
        ) {
            let before = cx.key(c.candidate.first.saturating_sub(1));
            if matches!(
                before,
                "around"
                    | "near"
                    | "off"
                    | "against"
                    | "toward"
                    | "towards"
                    | "over"
                    | "in"
                    | "at"
                    | "into"
            ) {
                continue;
            }
            let entity = cx.resolution.entity_of(c);
            let code = match c.kind() {
                EntityKind::Country => entity.code.clone(),
                _ if entity.entry.is_some_and(|e| {
                    cx.gazetteer.entries()[e].attributes.get("type") == Some("armed_service")
                }) =>
                {
                    entity.country.clone()
                }
                _ => None,
            };
            if let Some(code) = code {
                if !countries.contains(&code) {
                    countries.push(code);
                }
            }
        }
        let mut confidence = 0.85;
        if countries.is_empty() {
            countries = entity.participants.clone();
            confidence = 0.7;
        }
        let mut d = Draft::new(
            FactKind::Exercise,
            cx.sentence_span(sentence),
            confidence,
            Rule::Named("exercise:named"),
        );
        d.exercise = Some(entity.name.clone());
        d.countries = countries;
        d.date = cx.date_near(clause.clone(), m.candidate.first);
        // Where: a place right after the name ("Malabar off Sydney", "KAZIND in Umroi"),
        // before any reporting verb ("..., NATO said in Brussels").
        let after = m.candidate.end;
        let stop = (after..clause.end)
            .find(|&i| {
                matches!(
                    cx.key(i),
                    "said" | "says" | "told" | "according" | "," | "while"
                )
            })
            .unwrap_or(clause.end)
            .min(after + 10);
        d.location = cx.place_in(after..stop, after).map(|p| p.0);
        d.status = cx.status(clause, m.candidate.first, false);
        drafts.push(d);
    }
    drafts
}
