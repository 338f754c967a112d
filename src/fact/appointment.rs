//! Appointments: a person, the role they take ("as the Defence Minister of Kazakhstan",
//! "Nominee for Commander of Indo-Pacific Command: Adm. X"), its country, and the date.
//! A nomination announced by someone ("President Biden announced his intent to nominate")
//! lends its announcer's country to nominations that name none.

use super::context::FactContext;
use super::{Draft, FactKind, Rule, Trigger, TriggerHit};
use crate::document::Status;
use crate::gazetteer::EntityKind;

pub(super) fn build(
    cx: &mut FactContext,
    sentence: usize,
    hit: TriggerHit,
    trigger: &Trigger,
) -> Option<Vec<Draft>> {
    // "at the appointed time", "an appointment with the dentist".
    if hit.first > 0
        && matches!(cx.key(hit.first - 1), "the" | "an" | "a")
        && cx.key(hit.first) == "appointed"
    {
        return None;
    }
    let range = cx.sentence_range(sentence);
    let clause = cx.clause(sentence, hit.first);
    let role = role_after(cx, hit.end, range.end);
    let nomination = trigger.phrase.contains("nomin");
    let person = match &role {
        // "Nominee for ROLE: Adm. NAME", "appointed NAME as ROLE".
        Some((_, _, role_end)) => cx
            .person_after(range.clone(), *role_end)
            .filter(|_| nomination)
            .map(|(p, _)| p)
            .or_else(|| {
                cx.person_after(hit.end..range.end, hit.end)
                    .filter(|&(_, at)| at < role.as_ref().map_or(usize::MAX, |r| r.1))
                    .map(|(p, _)| p)
            })
            .or_else(|| cx.person_before(clause.clone(), hit.first)),
        None => cx.person_before(clause.clone(), hit.first),
    };
    let person = person?;
    let mut d = Draft::new(
        FactKind::Appointment,
        cx.sentence_span(sentence),
        trigger.strength,
        Rule::Trigger("appointment", hit.trigger),
    );
    d.person = Some(person);
    d.status = if nomination {
        Status::Planned
    } else {
        cx.status(clause.clone(), hit.first, trigger.planned)
    };
    d.date = cx.date_near(range.clone(), hit.first);
    if d.date.is_none() && nomination {
        d.date = cx.document_date.map(|date| date.to_string());
    }
    match role {
        Some((name, _, _)) => {
            d.role = Some(name.0);
            d.country = name
                .1
                .or_else(|| cx.resolution.entities[person].country.clone());
        }
        None => {
            // An announcer with no role named: remembered for the country of nominations.
            d.role = None;
            d.country = cx.resolution.entities[person].country.clone();
        }
    }
    Some(vec![d])
}

/// The role after token `from`: its name (with "of <organisation>" when it has one) and
/// country, and its token range.
#[allow(clippy::type_complexity)]
fn role_after(
    cx: &FactContext,
    from: usize,
    end: usize,
) -> Option<((String, Option<String>), usize, usize)> {
    // The role starts within a few words of the trigger ("as the new Chief of Army Staff").
    let m = cx
        .mentions_in(from..end, &[EntityKind::Role])
        .into_iter()
        .find(|m| m.candidate.first < from + 6)?;
    let role_entity = cx.resolution.entity_of(m);
    let mut name = role_entity.name.clone();
    let mut country = role_entity.country.clone();
    let mut role_end = m.candidate.end;
    if matches!(cx.key(role_end), "of" | "for") {
        let mut at = role_end + 1;
        if cx.key(at) == "the" {
            at += 1;
        }
        if let Some(next) = cx
            .resolution
            .mention_at(at)
            .filter(|n| n.candidate.first == at)
        {
            match next.kind() {
                EntityKind::Country => {
                    country = cx.resolution.entity_of(next).code.clone();
                    role_end = next.candidate.end;
                }
                EntityKind::Organization => {
                    let tokens = cx.analysis.tokens();
                    let span = tokens[m.candidate.first]
                        .span
                        .cover(tokens[next.candidate.end - 1].span);
                    name = crate::text::collapse_whitespace(&cx.text[span.range()]);
                    country = country.or_else(|| cx.resolution.entity_of(next).country.clone());
                    role_end = next.candidate.end;
                }
                _ => {}
            }
        }
    }
    Some(((name, country), m.candidate.first, role_end))
}

/// Nominations with no country take the country of whoever announced nominations.
pub(super) fn fill_authority_country(drafts: &mut [Draft]) {
    let authority = drafts
        .iter()
        .find(|d| d.kind == FactKind::Appointment && d.role.is_none() && d.country.is_some())
        .and_then(|d| d.country.clone());
    if let Some(country) = authority {
        for d in drafts
            .iter_mut()
            .filter(|d| d.kind == FactKind::Appointment && d.role.is_some() && d.country.is_none())
        {
            d.country = Some(country.clone());
        }
    }
}
