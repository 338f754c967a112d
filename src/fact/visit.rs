//! Visits: a visitor (the subject, or the person after "visit of/by"), one visit per
//! destination ("visited the Longewala sector in Jaisalmer and HQs 12 Corps at Jodhpur").

use super::context::FactContext;
use super::{Draft, FactKind, Rule, Trigger, TriggerHit};
use crate::gazetteer::EntityKind;

pub(super) fn build(
    cx: &FactContext,
    sentence: usize,
    hit: TriggerHit,
    trigger: &Trigger,
) -> Option<Vec<Draft>> {
    // "visit our website", "visit the page": not a trip.
    if matches!(cx.key(hit.end), "our" | "www" | "the" if matches!(cx.key(hit.end + 1), "website" | "site" | "page"))
        || matches!(cx.key(hit.end), "website" | "site" | "page")
    {
        return None;
    }
    let clause = cx.clause(sentence, hit.first);
    let range = cx.sentence_range(sentence);
    let visitor = match cx.key(hit.end) {
        "of" | "by" => cx.person_after(clause.clone(), hit.end).map(|(p, _)| p),
        _ => None,
    }
    .or_else(|| cx.person_before(range.clone(), hit.first))?;
    // Destinations: after the trigger, one per "and"-joined place.
    let mut destinations: Vec<(String, Option<String>)> = Vec::new();
    let mut segment_has_place = false;
    let places = cx.mentions_in(
        hit.end..clause.end,
        &[
            EntityKind::Location,
            EntityKind::Country,
            EntityKind::Organization,
        ],
    );
    let mut last_end = hit.end;
    for m in places {
        if m.candidate.nested {
            continue;
        }
        let gap: Vec<&str> = (last_end..m.candidate.first).map(|i| cx.key(i)).collect();
        if gap.iter().any(|w| matches!(*w, "and" | "," | "then")) {
            segment_has_place = false;
        }
        // Stop at the purpose or the company: "to attend ...", "with ...".
        if gap
            .iter()
            .any(|w| matches!(*w, "with" | "for" | "attend" | "participate" | "discuss"))
            && !destinations.is_empty()
        {
            break;
        }
        last_end = m.candidate.end;
        if segment_has_place {
            // "Sharm el-Sheikh, Egypt", "Longewala sector in Jaisalmer": the same place.
            continue;
        }
        // "Kazakhstan's Defence Minister", "Kazakh troops": a country that modifies what
        // follows is not where anyone went.
        let modifies = m.kind() == EntityKind::Country
            && (matches!(cx.key(m.candidate.end), "'s" | "'" | "-")
                || cx.resolution.mention_at(m.candidate.end).is_some_and(|n| {
                    matches!(
                        n.kind(),
                        EntityKind::Role | EntityKind::Person | EntityKind::Rank
                    )
                })
                || cx.resolution.entity_of(m).code.is_some()
                    && cx.analysis.tokens().get(m.candidate.end).is_some_and(|t| {
                        t.shape.contains(crate::text::Shape::LOWER)
                            && !matches!(
                                cx.key(m.candidate.end),
                                "and"
                                    | "from"
                                    | "on"
                                    | "in"
                                    | "to"
                                    | "for"
                                    | "with"
                                    | "at"
                                    | "during"
                                    | "this"
                                    | "next"
                                    | "last"
                                    | "until"
                                    | "before"
                                    | "after"
                            )
                    }));
        // "Sharm el-Sheikh, Egypt": the country after its own city is the same place.
        let city_country = m.kind() == EntityKind::Country
            && destinations
                .last()
                .is_some_and(|(_, country): &(String, Option<String>)| {
                    country.is_some() && country == &cx.resolution.entity_of(m).code
                })
            && gap.iter().all(|w| matches!(*w, "," | "the"));
        if city_country {
            continue;
        }
        // Continents and regions that span countries ("Asia", "the Middle East") are where
        // trips go, not visits' destinations; a region of one country ("Ladakh") is.
        let region = m.kind() == EntityKind::Location
            && cx.resolution.entity_of(m).country.is_none()
            && cx
                .resolution
                .entity_of(m)
                .entry
                .and_then(|e| cx.gazetteer.entries()[e].attributes.get("type"))
                .is_some_and(|t| matches!(t, "region" | "sea" | "strait"));
        if modifies || region {
            continue;
        }
        if m.kind() == EntityKind::Organization
            && !matches!(
                cx.key(m.candidate.first.saturating_sub(1)),
                "hqs" | "hq" | "headquarters" | "and" | "visited" | "visit"
            )
        {
            continue;
        }
        let entity = cx.resolution.entity_of(m);
        let name = if m.kind() == EntityKind::Country {
            entity.code.clone().unwrap_or_default()
        } else {
            entity.name.clone()
        };
        destinations.push((name, cx.place_country(m)));
        segment_has_place = true;
    }
    let visitor_country = cx.resolution.entities[visitor].country.clone();
    let date = cx
        .date_near(clause.clone(), hit.first)
        .or_else(|| cx.date_near(range.clone(), hit.first));
    let status = cx.status(clause.clone(), hit.first, trigger.planned);
    let host = host_of(cx, &range, visitor);
    let draft = |destination: Option<(String, Option<String>)>| {
        let mut d = Draft::new(
            FactKind::Visit,
            cx.sentence_span(sentence),
            trigger.strength,
            Rule::Trigger("visit", hit.trigger),
        );
        d.visitor = Some(visitor);
        d.countries = visitor_country.iter().cloned().collect();
        if let Some((name, country)) = destination {
            d.destination = Some(name);
            d.destination_country = country;
        }
        d.date.clone_from(&date);
        d.status = status;
        d.host = host;
        d
    };
    if destinations.is_empty() {
        // A bare "attend" or "will be" with no place says nothing about a visit.
        if trigger.phrase.contains("attend") || trigger.phrase.contains("be in") {
            return None;
        }
        return Some(vec![draft(None)]);
    }
    Some(destinations.into_iter().map(|d| draft(Some(d))).collect())
}

/// "on the invitation of X", "hosted by X", "received by X".
fn host_of(cx: &FactContext, range: &std::ops::Range<usize>, visitor: usize) -> Option<usize> {
    for i in range.clone() {
        let k = cx.key(i);
        let introduces_host = k == "invitation" && cx.key(i + 1) == "of"
            || matches!(k, "hosted" | "received" | "welcomed") && cx.key(i + 1) == "by";
        if !introduces_host {
            continue;
        }
        let after = i + 2;
        if let Some((p, _)) = cx.person_after(range.clone(), after) {
            if p != visitor {
                return Some(p);
            }
        }
    }
    None
}
