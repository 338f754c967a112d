//! Coreference within a document.
//!
//! - **Names**: a person known only by a surname ("Singh", "Mr. Sullivan") joins the person
//!   whose full name ends with it; when two people share the surname, the most recent one
//!   before the mention wins, else the first after it; a shorter form of a full name
//!   ("Stephen Koehler" and "Stephen T. Koehler") joins the longer one.
//! - **Role phrases**: a title with no name ("Kazakhstan's Defence Minister", "the Defence
//!   Minister of Kazakhstan", "the Vice President") refers to the one person in the document
//!   who holds that title (in that country, when the phrase names one). None or several:
//!   no link.
//! - **Pronouns**: "he", "she", "his", "her" refer to the first person named in the same
//!   sentence before them or, failing that, to the subject (the first person named) of the
//!   previous sentence, if the gender does not contradict. Conservative by design: no link
//!   beyond one sentence back.

use super::{Reference, Resolution};
use crate::Span;
use crate::document::Source;
use crate::gazetteer::{EntityKind, Gazetteer};
use crate::text::{Analysis, normalize};

/// Links surnames, role phrases and pronouns.
pub fn link(text: &str, analysis: &Analysis, gazetteer: &Gazetteer, resolution: &mut Resolution) {
    merge_names(resolution);
    link_role_phrases(text, analysis, gazetteer, resolution);
    link_pronouns(text, analysis, resolution);
    resolution.references.sort_by_key(|r| r.span.start);
}

fn words_of(name: &str) -> Vec<String> {
    normalize(name)
        .split([' ', '-'])
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string())
        .filter(|w| !w.is_empty() && !matches!(w.as_str(), "jr" | "sr" | "ii" | "iii" | "iv"))
        .collect()
}

/// Every word of `short` appears in `long`, in order, and they end alike: "Biden" in "Joe
/// Biden", "Stephen Koehler" in "Stephen T. Koehler".
fn is_short_form(short: &[String], long: &[String]) -> bool {
    if short.is_empty() || short.len() >= long.len() || short.last() != long.last() {
        return false;
    }
    let mut rest = long.iter();
    short.iter().all(|w| rest.any(|l| l == w))
}

fn merge_names(resolution: &mut Resolution) {
    let people: Vec<usize> = (0..resolution.entities.len())
        .filter(|&e| resolution.entities[e].kind == Some(EntityKind::Person))
        .collect();
    let names: Vec<Vec<String>> = people
        .iter()
        .map(|&e| {
            // A gazetteer person answers to all its names; the canonical one is enough here
            // together with the mention texts.
            words_of(&resolution.entities[e].name)
        })
        .collect();
    for (a, &short_entity) in people.iter().enumerate() {
        if resolution.entities[short_entity].entry.is_some() {
            continue;
        }
        let first_start = resolution.entities[short_entity]
            .mentions
            .first()
            .map(|&m| resolution.mentions[m].span().start)
            .unwrap_or(0);
        let targets: Vec<usize> = people
            .iter()
            .enumerate()
            .filter(|&(b, &e)| {
                b != a
                    && !resolution.entities[e].mentions.is_empty()
                    && is_short_form(&names[a], &names[b])
            })
            .map(|(_, &e)| e)
            .collect();
        let before = |e: usize| {
            resolution.entities[e]
                .mentions
                .iter()
                .map(|&m| resolution.mentions[m].span().start)
                .filter(|&s| s < first_start)
                .max()
        };
        let target = targets
            .iter()
            .copied()
            .filter_map(|e| before(e).map(|s| (s, e)))
            .max()
            .map(|(_, e)| e)
            .or_else(|| (targets.len() == 1).then(|| targets[0]));
        if let Some(target) = target {
            let antecedent = resolution.entities[target]
                .mentions
                .first()
                .map(|&m| resolution.mentions[m].span())
                .unwrap_or_default();
            merge_into(resolution, short_entity, target, "surname", antecedent);
        }
    }
}

/// Moves every mention of `from` to `into`, marking them as linked.
fn merge_into(resolution: &mut Resolution, from: usize, into: usize, rule: &str, antecedent: Span) {
    let moved = std::mem::take(&mut resolution.entities[from].mentions);
    let (rank, roles, country) = {
        let e = &resolution.entities[from];
        (e.rank.clone(), e.roles.clone(), e.country.clone())
    };
    for &m in &moved {
        resolution.mentions[m].entity = into;
        resolution.mentions[m].candidate.source = Source::Coreference {
            rule: rule.to_string(),
            antecedent,
        };
    }
    let target = &mut resolution.entities[into];
    target.mentions.extend(moved);
    target
        .mentions
        .sort_by_key(|&m| resolution.mentions[m].candidate.span.start);
    if target.rank.is_none() {
        target.rank = rank;
    }
    for role in roles {
        if !target.roles.contains(&role) {
            target.roles.push(role);
        }
    }
    if target.country.is_none() {
        target.country = country;
    }
}

/// The people holding role `role` (canonical) in country `country` (when given).
fn holders(resolution: &Resolution, role: &str, country: Option<&str>) -> Vec<usize> {
    (0..resolution.entities.len())
        .filter(|&e| {
            let entity = &resolution.entities[e];
            entity.kind == Some(EntityKind::Person)
                && !entity.mentions.is_empty()
                && entity.roles.iter().any(|r| r == role)
                && country.is_none_or(|c| entity.country.as_deref() == Some(c))
        })
        .collect()
}

fn link_role_phrases(
    text: &str,
    analysis: &Analysis,
    gazetteer: &Gazetteer,
    resolution: &mut Resolution,
) {
    let tokens = analysis.tokens();
    let mut references = Vec::new();
    for (index, mention) in resolution.mentions.iter().enumerate() {
        if mention.kind() != EntityKind::Role || mention.candidate.nested {
            continue;
        }
        let Some((entry, name_index)) = mention.candidate.entry else {
            continue;
        };
        let entry = &gazetteer.entries()[entry];
        let (first, end) = (mention.candidate.first, mention.candidate.end);
        // Followed by a name or another title: part of an introduction, not a reference.
        let next = resolution.mention_at(end);
        if next.is_some_and(|m| {
            matches!(
                m.kind(),
                EntityKind::Person | EntityKind::Rank | EntityKind::Role
            )
        }) {
            continue;
        }
        let mut span = mention.span();
        let mut country = entry.attribute(name_index, "country").map(str::to_string);
        // "Kazakhstan's Defence Minister", "Kazakh Defence Minister".
        let mut before = first;
        if before > 0 && matches!(analysis.tokenized.key(before - 1), "'s" | "'") {
            before -= 1;
        }
        if before > 0 {
            if let Some(m) = resolution
                .mention_at(before - 1)
                .filter(|m| m.kind() == EntityKind::Country)
            {
                country = resolution.entity_of(m).code.clone();
                span = m.span().cover(span);
            }
        }
        // "the Defence Minister of Kazakhstan".
        if end < tokens.len() && analysis.tokenized.key(end) == "of" {
            let mut at = end + 1;
            if at < tokens.len() && analysis.tokenized.key(at) == "the" {
                at += 1;
            }
            if let Some(m) = resolution
                .mention_at(at)
                .filter(|m| m.kind() == EntityKind::Country)
            {
                country = resolution.entity_of(m).code.clone();
                span = span.cover(m.span());
            }
        }
        // Skip the introduction itself: a person named right before ("X, the Defence
        // Minister") is handled by the people stage.
        let found = holders(resolution, &entry.canonical, country.as_deref());
        if let [person] = found.as_slice() {
            let antecedent = resolution.entities[*person]
                .mentions
                .first()
                .map(|&m| resolution.mentions[m].span())
                .unwrap_or_default();
            let _ = (index, text);
            references.push(Reference {
                span,
                entity: *person,
                rule: "role",
                antecedent,
            });
        }
    }
    resolution.references.extend(references);
}

/// A reference to a person: a direct mention or a linked phrase.
fn person_refs(resolution: &Resolution) -> Vec<(Span, usize)> {
    let mut refs: Vec<(Span, usize)> = resolution
        .mentions
        .iter()
        .filter(|m| m.kind() == EntityKind::Person)
        .map(|m| (m.span(), m.entity))
        .chain(resolution.references.iter().map(|r| (r.span, r.entity)))
        .collect();
    refs.sort_by_key(|(s, _)| s.start);
    refs
}

fn link_pronouns(text: &str, analysis: &Analysis, resolution: &mut Resolution) {
    let tokens = analysis.tokens();
    let mut refs = person_refs(resolution);
    let mut references = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        let gender = match analysis.tokenized.key(i) {
            "he" | "him" | "his" | "himself" => 'm',
            "she" | "her" | "hers" | "herself" => 'f',
            _ => continue,
        };
        let sentence = analysis.sentence_of[i] as usize;
        let this = analysis.sentences[sentence].span;
        let compatible =
            |&&(_, e): &&(Span, usize)| resolution.entities[e].gender.is_none_or(|g| g == gender);
        // "During his visit, Rajnath Singh ...": a pronoun in a phrase before the first
        // comma of its sentence points forward to the subject after the comma.
        let comma = analysis.sentences[sentence]
            .tokens()
            .find(|&j| analysis.tokenized.key(j) == ",")
            .filter(|&j| j > i && j - analysis.sentences[sentence].first <= 6);
        let forward = comma.and_then(|j| {
            let after = tokens.get(j + 1)?.span.start;
            refs.iter()
                .filter(|(s, _)| s.start >= after && s.end <= this.end)
                .find(compatible)
                .filter(|(s, _)| {
                    // The subject: the first words after the comma, titles included.
                    text[after..s.start].split_whitespace().count() <= 6
                })
        });
        let same_sentence = || {
            refs.iter()
                .filter(|(s, _)| s.start >= this.start && s.end <= token.span.start)
                .find(compatible)
        };
        let previous = || {
            let previous = analysis.sentences.get(sentence.checked_sub(1)?)?.span;
            refs.iter()
                .filter(|(s, _)| s.start >= previous.start && s.end <= previous.end)
                .find(compatible)
        };
        if let Some(&(antecedent, entity)) = forward.or_else(same_sentence).or_else(previous) {
            references.push(Reference {
                span: token.span,
                entity,
                rule: "pronoun",
                antecedent,
            });
            // A resolved pronoun is itself an antecedent for the next sentence's pronouns.
            let at = refs.partition_point(|(s, _)| s.start < token.span.start);
            refs.insert(at, (token.span, entity));
        }
    }
    resolution.references.extend(references);
}
