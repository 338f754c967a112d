//! Deployments: troops of a country ("Kazakh troops", "9,000 U.S. forces") deployed or
//! stationed, with the mission they serve in (an organisation after the trigger) and the
//! place (a host named as "X's ... hosting", else a place after "in"/"to").

use super::context::FactContext;
use super::{Draft, FactKind, Rule, Trigger, TriggerHit};
use crate::gazetteer::EntityKind;

/// Nouns for troops.
const TROOPS: &[&str] = &[
    "troops",
    "forces",
    "soldiers",
    "servicemembers",
    "personnel",
    "battalion",
    "battalions",
    "contingent",
    "contingents",
    "peacekeepers",
    "warships",
    "sailors",
    "marines",
    "brigade",
    "division",
    "units",
    "jets",
    "aircraft",
    "fighters",
    "detachment",
    "company",
    "regiment",
    "squadron",
    "army",
];

/// Words that say troops moved or stay somewhere.
const DEPLOY_WORDS: &[&str] = &[
    "deployed",
    "deployment",
    "deploy",
    "deploys",
    "deploying",
    "stationed",
    "station",
    "hosting",
    "dispatched",
    "sent",
    "posted",
    "rotation",
];

pub(super) fn build(
    cx: &FactContext,
    sentence: usize,
    hit: TriggerHit,
    trigger: &Trigger,
) -> Option<Vec<Draft>> {
    let range = cx.sentence_range(sentence);
    if !range.clone().any(|i| DEPLOY_WORDS.contains(&cx.key(i))) {
        return None;
    }
    // The troops' country: a country or demonym right before a troop noun (numbers and
    // adjectives may stand between).
    let mut troop_country = None;
    for i in range.clone() {
        if !TROOPS.contains(&cx.key(i)) {
            continue;
        }
        let mut j = i;
        while j > range.start && j + 3 > i {
            j -= 1;
            if let Some(m) = cx
                .resolution
                .mention_at(j)
                .filter(|m| m.kind() == EntityKind::Country)
            {
                troop_country = cx.resolution.entity_of(m).code.clone();
                break;
            }
        }
        if troop_country.is_some() {
            break;
        }
    }
    // Else the country that deploys: "Russia has deployed 10,000 troops to Belarus".
    let troop_country = troop_country.or_else(|| {
        let clause = cx.clause(sentence, hit.first);
        let verb = (hit.first..hit.end).any(|i| DEPLOY_WORDS.contains(&cx.key(i)))
            || range
                .clone()
                .any(|i| i < hit.first && DEPLOY_WORDS.contains(&cx.key(i)));
        if !verb {
            return None;
        }
        let m = cx
            .mentions_in(clause.start..hit.first, &[EntityKind::Country])
            .into_iter()
            .find(|m| !m.candidate.nested && !matches!(cx.key(m.candidate.end), "'s" | "'"))?;
        cx.resolution.entity_of(m).code.clone()
    })?;
    let mut d = Draft::new(
        FactKind::Deployment,
        cx.sentence_span(sentence),
        trigger.strength,
        Rule::Trigger("deployment", hit.trigger),
    );
    d.countries = vec![troop_country.clone()];
    d.organization = cx
        .mentions_in(hit.first..range.end, &[EntityKind::Organization])
        .into_iter()
        .find(|m| !m.candidate.nested)
        .map(|m| cx.resolution.entity_of(m).name.clone());
    // A host: "Poland's partnership in hosting ...".
    let host = range
        .clone()
        .find(|&i| cx.key(i) == "hosting")
        .and_then(|h| {
            cx.mentions_in(range.start..h, &[EntityKind::Country])
                .into_iter()
                .rev()
                .map(|m| cx.resolution.entity_of(m))
                .find(|e| e.code.as_deref() != Some(troop_country.as_str()))
                .map(|e| e.name.clone())
        });
    // Else the nearest place after "to"/"in" following the trigger, before any reporting
    // verb ("..., NATO said in Brussels").
    let stop = (hit.end..range.end)
        .find(|&i| matches!(cx.key(i), "said" | "says" | "told" | "according"))
        .unwrap_or(range.end);
    d.location = host.or_else(|| {
        cx.mentions_in(hit.end..stop, &[EntityKind::Location, EntityKind::Country])
            .into_iter()
            .filter(|m| !m.candidate.nested)
            .filter(|m| {
                let before = m.candidate.first.saturating_sub(1);
                let before2 = m.candidate.first.saturating_sub(2);
                matches!(cx.key(before), "to" | "in" | "at" | "into" | "near")
                    || cx.key(before) == "the"
                        && matches!(cx.key(before2), "to" | "in" | "at" | "into" | "near")
            })
            .find(|m| cx.place_country(m).as_deref() != Some(troop_country.as_str()))
            .map(|m| cx.resolution.entity_of(m).name.clone())
    });
    d.status = cx.status(cx.clause(sentence, hit.first), hit.first, trigger.planned);
    Some(vec![d])
}
