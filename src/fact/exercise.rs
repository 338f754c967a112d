//! Exercises: every named exercise mention is an exercise held or planned. Its countries
//! are those its clause names ("KAZIND ... between India and Kazakhstan", "Ghana's
//! co-hosting of Exercise Flintlock with Côte d'Ivoire"); a clause that names none falls back
//! on the gazetteer's participants.

use super::context::FactContext;
use super::{Draft, FactKind};
use crate::gazetteer::EntityKind;

pub(super) fn build(cx: &FactContext, sentence: usize) -> Vec<Draft> {
    let range = cx.sentence_range(sentence);
    let mut drafts = Vec::new();
    for m in cx.mentions_in(range.clone(), &[EntityKind::Exercise]) {
        let entity = cx.resolution.entity_of(m);
        let clause = cx.clause(sentence, m.candidate.first);
        let mut countries = cx.countries_in(clause.clone());
        let mut confidence = 0.85;
        if countries.is_empty() {
            countries = entity.participants.clone();
            confidence = 0.7;
        }
        let mut d = Draft::new(
            FactKind::Exercise,
            cx.sentence_span(sentence),
            confidence,
            "exercise:named",
        );
        d.exercise = Some(entity.name.clone());
        d.countries = countries;
        d.date = cx.date_near(clause.clone(), m.candidate.first);
        d.location = cx.place_in(clause.clone(), m.candidate.first).map(|p| p.0);
        d.status = cx.status(clause, m.candidate.first, false);
        drafts.push(d);
    }
    drafts
}
