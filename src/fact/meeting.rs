//! Meetings: talks, calls, summits. Participants are the people of the sentence (group
//! phrases included); "bilateral meetings with A and B" are one meeting per counterpart.

use super::context::FactContext;
use super::{Draft, FactKind, Rule, Trigger, TriggerHit};
use crate::text::Shape;

pub(super) fn build(
    cx: &FactContext,
    sentence: usize,
    hit: TriggerHit,
    trigger: &Trigger,
) -> Option<Vec<Draft>> {
    let range = cx.sentence_range(sentence);
    // "a meeting room", "meeting the target": a noun trigger followed by a noun or object.
    if !trigger.verb
        && matches!(
            cx.key(hit.end),
            "room" | "rooms" | "hall" | "point" | "place"
        )
    {
        return None;
    }
    let clause = cx.clause(sentence, hit.first);
    // "Following the President's travel, X will attend the meeting": a possessor takes part
    // only when what it possesses is the meeting ("Yermekbayev's first meeting with ...").
    let bystanders: Vec<usize> = cx
        .refs_in(range.clone())
        .filter(|r| {
            matches!(cx.key(r.2), "'s" | "'")
                && !(r.2 + 1..r.2 + 5).any(|i| i >= hit.first && i < hit.end)
        })
        .map(|r| r.3)
        .collect();
    let mut participants = cx.actors_in(range.clone());
    participants.retain(|p| {
        !bystanders.contains(p)
            || cx
                .refs_in(range.clone())
                .any(|r| r.3 == *p && !matches!(cx.key(r.2), "'s" | "'"))
    });
    // "a press conference" is not a meeting.
    if hit.first > 0 && matches!(cx.key(hit.first - 1), "press" | "news") {
        return None;
    }
    if trigger.needs_two_people && participants.len() < 2 {
        return None;
    }
    // "welcomed President X", "received the minister": a weak verb needs a person as its
    // object, not "welcomed the decision".
    if trigger.needs_person_object
        && cx
            .person_after(hit.end..(hit.end + 5).min(range.end), hit.end)
            .is_none()
    {
        return None;
    }
    let tokens = cx.analysis.tokens();
    let named = tokens[hit.end - 1].shape.contains(Shape::CAPITALIZED)
        && !cx.analysis.is_title_case(cx.text, sentence);
    let event = if named {
        cx.name_ending_at(range.clone(), hit.end)
    } else {
        None
    };
    let date = cx.date_near(range.clone(), hit.first);
    let place = cx.place_in(clause.clone(), hit.first);
    let mut countries = cx.countries_of(&participants);
    if !trigger.verb
        || cx.key(hit.end) == "with"
        || matches!(cx.key(hit.first), "meet" | "met" | "meets")
    {
        // The counterpart's countries: up to where the sentence turns to the occasion or
        // the subject ("following the DPRK's test", "to discuss Russia's war").
        let object_end = (hit.end..clause.end)
            .find(|&i| {
                matches!(
                    cx.key(i),
                    "following"
                        | "after"
                        | "amid"
                        | "over"
                        | "regarding"
                        | "on"
                        | "to"
                        | "about"
                        | "as"
                        | "during"
                        | "despite"
                        | "ahead"
                )
            })
            .unwrap_or(clause.end);
        for c in cx.countries_in(hit.end..object_end) {
            if !countries.contains(&c) {
                countries.push(c);
            }
        }
    }
    // With no one named, the parties are the countries of the sentence ("We, the leaders of
    // Japan, the ROK and the United States ... our historic summit").
    if participants.is_empty() {
        for c in cx.countries_in(range.clone()) {
            if !countries.contains(&c) {
                countries.push(c);
            }
        }
    }
    // A meeting needs someone to meet, or a named event with a time or place.
    let enough = participants.len() >= 2
        || (participants.len() == 1 || countries.len() >= 2)
            && (date.is_some() || place.is_some() || !trigger.verb)
        || (event.is_some() || !trigger.verb) && (date.is_some() || place.is_some());
    if !enough {
        return None;
    }
    let status = cx.status(clause.clone(), hit.first, trigger.planned);
    let base = |participants: Vec<usize>| {
        let mut d = Draft::new(
            FactKind::Meeting,
            cx.sentence_span(sentence),
            trigger.strength,
            Rule::Trigger("meeting", hit.trigger),
        );
        d.countries = {
            let mut c = cx.countries_of(&participants);
            for code in &countries {
                if !c.contains(code)
                    && (participants.len() < 2 || !trigger.phrase.contains("bilateral"))
                {
                    c.push(code.clone());
                }
            }
            c
        };
        d.participants = participants;
        d.date.clone_from(&date);
        d.location = place.as_ref().map(|p| p.0.clone());
        d.event.clone_from(&event);
        d.supporting = trigger.supporting;
        d.status = status;
        d.confidence *= if d.participants.len() >= 2 { 1.0 } else { 0.8 };
        d
    };
    // "bilateral meetings with his counterparts: A and B": one meeting per counterpart.
    if trigger.phrase.contains("bilateral") && participants.len() >= 3 {
        let host = participants[0];
        return Some(
            participants[1..]
                .iter()
                .map(|&p| base(vec![host, p]))
                .collect(),
        );
    }
    Some(vec![base(participants)])
}
