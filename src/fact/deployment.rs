//! Deployments: troops of a country ("Kazakh troops", "9,000 U.S. forces") deployed or
//! stationed, with the mission they serve in (an organisation after the trigger) and the
//! place (a host named as "X's ... hosting", else a place after "in"/"to").

use super::context::FactContext;
use super::{Draft, FactKind, Trigger, TriggerHit};
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
    let troop_country = troop_country?;
    let mut d = Draft::new(
        FactKind::Deployment,
        cx.sentence_span(sentence),
        trigger.strength,
        format!("deployment:{}", trigger.phrase),
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
    d.location = host.or_else(|| {
        cx.place_in(hit.first..range.end, hit.first)
            .filter(|(_, country)| country.as_deref() != Some(troop_country.as_str()))
            .map(|p| p.0)
    });
    d.status = cx.status(cx.clause(sentence, hit.first), hit.first, trigger.planned);
    Some(vec![d])
}
