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
use crate::gazetteer::{EntityKind, Gazetteer};
use crate::resolve::Origin;
use crate::sorted::equal_range;
use crate::text::{Analysis, normalize_into};

/// Links surnames, role phrases and pronouns.
pub fn link(text: &str, analysis: &Analysis, gazetteer: &Gazetteer, resolution: &mut Resolution) {
    let classes = crate::mention::class::of_tokens(&analysis.tokenized);
    link_with_classes(text, analysis, gazetteer, resolution, &classes);
}

/// [`link`] with each token's class byte at hand ([`crate::mention::class`]; the
/// lexicon's [`crate::mention::Lexicon::token_classes`]).
pub(crate) fn link_with_classes(
    text: &str,
    analysis: &Analysis,
    gazetteer: &Gazetteer,
    resolution: &mut Resolution,
    classes: &[u8],
) {
    let words = WordsOfInterest::find(analysis, classes);
    merge_names(resolution);
    link_role_phrases(analysis, gazetteer, resolution);
    link_counterparts(analysis, resolution, &words.counterparts);
    link_acronyms(text, analysis, resolution);
    link_pronouns(text, analysis, resolution, &words.pronouns);
    resolution.references.sort_by_key(|r| r.span.start);
}

/// The tokens the counterpart and pronoun rules look at, found in one pass over the text
/// rather than one pass each: nearly every token is neither.
struct WordsOfInterest {
    /// Tokens "counterpart", none the first of the text.
    counterparts: Vec<usize>,
    /// Pronouns and their gender ('m' or 'f').
    pronouns: Vec<(usize, char)>,
}

/// The words [`WordsOfInterest::find`] seeks; they carry the class bit
/// [`crate::mention::class::COREF_WORD`], so that the search reads a byte a token.
pub(crate) const WORDS_OF_INTEREST: &[&str] = &[
    "he",
    "him",
    "his",
    "himself",
    "she",
    "her",
    "hers",
    "herself",
    "counterpart",
];

impl WordsOfInterest {
    /// The words among the tokens whose class byte has the
    /// [`crate::mention::class::COREF_WORD`] bit: one byte a token to read, where the key of
    /// every token was read before.
    // Kept out of `link`: inlined there, the loop's pointers lived on the stack.
    #[inline(never)]
    fn find(analysis: &Analysis, classes: &[u8]) -> WordsOfInterest {
        let tokenized = &analysis.tokenized;
        let mut words = WordsOfInterest {
            counterparts: Vec::new(),
            pronouns: Vec::new(),
        };
        for i in crate::mention::class::tokens_with(classes, crate::mention::class::COREF_WORD) {
            let Some(key) = tokenized
                .tokens
                .get(i)
                .and_then(|t| tokenized.keys.get(t.key.range()))
            else {
                continue;
            };
            let gender = match key {
                "he" | "him" | "his" | "himself" => 'm',
                "she" | "her" | "hers" | "herself" => 'f',
                "counterpart" => {
                    if i > 0 {
                        words.counterparts.push(i);
                    }
                    continue;
                }
                _ => continue,
            };
            words.pronouns.push((i, gender));
        }
        words
    }
}

/// Appends the words of a normalised name to `words`, suffixes left out, and returns
/// whether its last word was a suffix ("elizabeth ii" gives `["elizabeth"]`, suffixed).
fn words_of<'a>(key: &'a str, words: &mut Vec<&'a str>) -> bool {
    let mut suffixed = false;
    for word in key.split([' ', '-']) {
        let word = word.trim_matches(|c: char| !c.is_alphanumeric());
        if word.is_empty() {
            continue;
        }
        suffixed = crate::gazetteer::is_name_suffix(word);
        if !suffixed {
            words.push(word);
        }
    }
    suffixed
}

/// Every word of `short` appears in `long`, in order, and they end alike: "Biden" in "Joe
/// Biden", "Stephen Koehler" in "Stephen T. Koehler".
fn is_short_form(short: &[&str], long: &[&str]) -> bool {
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
    // Only a person from outside the gazetteer joins another (see below): with none, the
    // names need not be taken apart.
    if people
        .iter()
        .all(|&e| resolution.entities[e].entry.is_some())
    {
        return;
    }
    // A gazetteer person answers to all its names; the canonical one is enough here
    // together with the mention texts. A name that ends in a suffix ("Elizabeth II",
    // "Ramon Sotelo Jr.") has the same words without it as a shorter form too.
    // The normalised names, one after another in one string, and their words: person
    // `k`'s are `words[ranges[k]]`.
    let written: usize = people
        .iter()
        .map(|&e| resolution.entities[e].name.len())
        .sum();
    // Sized for the names as written: folding rarely makes a key longer.
    let mut keys = String::with_capacity(written + written / 8);
    let mut key_ends = Vec::with_capacity(people.len());
    for &e in &people {
        normalize_into(&resolution.entities[e].name, &mut keys);
        key_ends.push(keys.len());
    }
    // Two or three words a name, mostly.
    let mut words: Vec<&str> = Vec::with_capacity(3 * people.len());
    let mut ranges = Vec::with_capacity(people.len());
    let mut suffixed = Vec::with_capacity(people.len());
    let mut key_start = 0;
    for &key_end in &key_ends {
        let first = words.len();
        suffixed.push(words_of(&keys[key_start..key_end], &mut words));
        ranges.push(first..words.len());
        key_start = key_end;
    }
    let names: Vec<&[&str]> = ranges.into_iter().map(|r| &words[r]).collect();
    // Candidates share the last word, so only those are compared: (last word, person),
    // sorted, one list for the document rather than a map with a list per word.
    let mut by_last: Vec<(&str, usize)> = names
        .iter()
        .enumerate()
        .filter_map(|(b, words)| Some((*words.last()?, b)))
        .collect();
    by_last.sort_unstable();
    for (a, &short_entity) in people.iter().enumerate() {
        if resolution.entities[short_entity].entry.is_some() {
            continue;
        }
        let Some(&last) = names[a].last() else {
            continue;
        };
        let same_last = equal_range(&by_last, last, |&(l, _)| l);
        let first_start = resolution.entities[short_entity]
            .mentions
            .first()
            .map(|&m| resolution.mentions[m].span().start)
            .unwrap_or(0);
        let targets = || {
            same_last
                .iter()
                .map(|&(_, b)| (b, people[b]))
                .filter(|&(b, e)| {
                    b != a
                        && !resolution.entities[e].mentions.is_empty()
                        && (is_short_form(names[a], names[b])
                            || suffixed[b] && !suffixed[a] && names[a] == names[b])
                })
                .map(|(_, e)| e)
        };
        let before = |e: usize| {
            resolution.entities[e]
                .mentions
                .iter()
                .map(|&m| resolution.mentions[m].span().start)
                .filter(|&s| s < first_start)
                .max()
        };
        let target = targets()
            .filter_map(|e| before(e).map(|s| (s, e)))
            .max()
            .map(|(_, e)| e)
            .or_else(|| {
                let mut targets = targets();
                match (targets.next(), targets.next()) {
                    (Some(only), None) => Some(only),
                    _ => None,
                }
            });
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
fn merge_into(
    resolution: &mut Resolution,
    from: usize,
    into: usize,
    rule: &'static str,
    antecedent: Span,
) {
    let moved = std::mem::take(&mut resolution.entities[from].mentions);
    let (rank, roles, country) = {
        let e = &resolution.entities[from];
        (e.rank.clone(), e.roles.clone(), e.country.clone())
    };
    for &m in &moved {
        resolution.mentions[m].entity = into;
        resolution.mentions[m].candidate.origin = Origin::Coreference { rule, antecedent };
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

fn link_role_phrases(analysis: &Analysis, gazetteer: &Gazetteer, resolution: &mut Resolution) {
    let is_phrase = |m: &super::MentionRecord| {
        m.kind() == EntityKind::Role && !m.candidate.nested && m.candidate.entry.is_some()
    };
    // Many documents have no role phrase: then no list of holders is built.
    if !resolution.mentions.iter().any(is_phrase) {
        return;
    }
    let tokens = analysis.tokens();
    // (role (canonical), person, start of their first mention), sorted by role and then
    // person: one list for the document, not a map with a list per role.
    let mut holders: Vec<(&str, usize, usize)> = Vec::new();
    for (e, entity) in resolution.entities.iter().enumerate() {
        if entity.kind != Some(EntityKind::Person) {
            continue;
        }
        let Some(&first) = entity.mentions.first() else {
            continue;
        };
        let start = resolution.mentions[first].span().start;
        holders.extend(entity.roles.iter().map(|role| (role.as_str(), e, start)));
    }
    holders.sort_unstable_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    let mut references = Vec::new();
    for mention in &resolution.mentions {
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
        let mut country = entry.attribute(name_index, "country");
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
                country = resolution.entity_of(m).code.as_deref();
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
                country = resolution.entity_of(m).code.as_deref();
                span = span.cover(m.span());
            }
        }
        // The one holder (in that country); with several, the one named most often before the
        // phrase, the latest on a tie ("The President will then be in Phnom Penh").
        let role = entry.canonical.as_str();
        let role_holders = equal_range(&holders, role, |&(r, _, _)| r);
        let fitting = || {
            role_holders
                .iter()
                .map(|&(_, e, start)| (e, start))
                .filter(|&(e, _)| {
                    country.is_none_or(|c| resolution.entities[e].country.as_deref() == Some(c))
                })
        };
        let mut first_two = fitting();
        let person = match (first_two.next(), first_two.next()) {
            (Some((only, _)), None) => Some(only),
            (None, _) => None,
            _ => fitting()
                .filter(|&(_, start)| start < span.start)
                .max_by_key(|&(e, start)| {
                    // An entity's mentions are in text order: a binary search counts them.
                    let named_before = resolution.entities[e]
                        .mentions
                        .partition_point(|&m| resolution.mentions[m].span().start < span.start);
                    (named_before, start)
                })
                .map(|(e, _)| e),
        };
        if let Some(person) = person {
            let antecedent = resolution.entities[person]
                .mentions
                .first()
                .map(|&m| resolution.mentions[m].span())
                .unwrap_or_default();
            references.push(Reference {
                span,
                entity: person,
                rule: "role",
                antecedent,
            });
        }
    }
    resolution.references.extend(references);
}

/// "his Kazakh counterpart", "Kazakhstan counterpart": the one person of that country in the
/// document.
/// `counterparts`: the tokens "counterpart" (see [`WordsOfInterest`]).
fn link_counterparts(analysis: &Analysis, resolution: &mut Resolution, counterparts: &[usize]) {
    let tokens = analysis.tokens();
    let mut references = Vec::new();
    for &i in counterparts {
        let token = &tokens[i];
        let Some(country_mention) = resolution
            .mention_at(i - 1)
            .filter(|m| m.kind() == EntityKind::Country)
        else {
            continue;
        };
        let Some(code) = resolution.entity_of(country_mention).code.clone() else {
            continue;
        };
        let people: Vec<usize> = (0..resolution.entities.len())
            .filter(|&e| {
                let entity = &resolution.entities[e];
                entity.kind == Some(EntityKind::Person)
                    && !entity.mentions.is_empty()
                    && entity.country.as_deref() == Some(code.as_str())
            })
            .collect();
        if let [person] = people.as_slice() {
            let antecedent = resolution.entities[*person]
                .mentions
                .first()
                .map(|&m| resolution.mentions[m].span())
                .unwrap_or_default();
            references.push(Reference {
                span: country_mention.span().cover(token.span),
                entity: *person,
                rule: "counterpart",
                antecedent,
            });
        }
    }
    resolution.references.extend(references);
}

/// Acronyms defined in the text: "Shanghai Cooperation Organisation (SCO)", "United
/// Nations Interim Force in Lebanon- UNIFIL". The acronym in brackets (or after a dash) and
/// its later uses refer to the long form, when its letters are the initials of the long
/// form's capitalised words, in order.
fn link_acronyms(text: &str, analysis: &Analysis, resolution: &mut Resolution) {
    let tokens = analysis.tokens();
    let word = |i: usize| tokens.get(i).map(|t| &text[t.span.range()]).unwrap_or("");
    let mut defined: Vec<(String, usize, Span)> = Vec::new();
    for m in &resolution.mentions {
        if !matches!(m.kind(), EntityKind::Organization | EntityKind::Location)
            || m.candidate.nested
        {
            continue;
        }
        let end = m.candidate.end;
        let (acronym_at, closing) = match word(end) {
            "(" => (end + 1, Some(end + 2)),
            "-" | "–" | "—" => (end + 1, None),
            _ => continue,
        };
        let acronym = word(acronym_at);
        let caps = tokens
            .get(acronym_at)
            .is_some_and(|t| t.shape.contains(crate::text::Shape::ALL_CAPS));
        if !caps || closing.is_some_and(|c| word(c) != ")") {
            continue;
        }
        let initials: String = text[m.span().range()]
            .split(|c: char| !c.is_alphanumeric())
            .filter_map(|w| w.chars().next().filter(|c| c.is_uppercase()))
            .collect();
        let letters: String = acronym.chars().filter(|c| c.is_alphabetic()).collect();
        let mut rest = initials.chars();
        if letters.len() < 2 || !letters.chars().all(|l| rest.any(|i| i == l)) {
            continue;
        }
        defined.push((acronym.to_string(), m.entity, m.span()));
    }
    if defined.is_empty() {
        return;
    }
    let mut references = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        // Every acronym defined is in capitals: the shape rules out most tokens first.
        if !token.shape.contains(crate::text::Shape::ALL_CAPS) || resolution.mention_at(i).is_some()
        {
            continue;
        }
        if let Some((_, entity, antecedent)) = defined.iter().find(|(a, _, _)| a == word(i)) {
            references.push(Reference {
                span: token.span,
                entity: *entity,
                rule: "acronym",
                antecedent: *antecedent,
            });
        }
    }
    resolution.references.extend(references);
}

/// A reference to a person: a direct mention or a linked phrase.
fn person_refs(resolution: &Resolution) -> Vec<(Span, usize)> {
    let is_person = |m: &&super::MentionRecord| m.kind() == EntityKind::Person;
    // Sized once: a filtered chain would grow the list a few times.
    let mut refs: Vec<(Span, usize)> = Vec::with_capacity(
        resolution.mentions.iter().filter(is_person).count() + resolution.references.len(),
    );
    refs.extend(
        resolution
            .mentions
            .iter()
            .filter(is_person)
            .map(|m| (m.span(), m.entity))
            .chain(
                resolution
                    .references
                    .iter()
                    .filter(|r| resolution.entities[r.entity].kind == Some(EntityKind::Person))
                    .map(|r| (r.span, r.entity)),
            ),
    );
    refs.sort_by_key(|(s, _)| s.start);
    refs
}

/// `pronouns`: the pronouns of the text and their gender (see [`WordsOfInterest`]).
fn link_pronouns(
    text: &str,
    analysis: &Analysis,
    resolution: &mut Resolution,
    pronouns: &[(usize, char)],
) {
    if pronouns.is_empty() {
        return;
    }
    let tokens = analysis.tokens();
    let direct = person_refs(resolution);
    // Pronouns resolved so far: in text order, so both lists stay sorted.
    // Sized once: at most one each a pronoun.
    let mut resolved: Vec<(Span, usize)> = Vec::with_capacity(pronouns.len());
    let mut references = Vec::with_capacity(pronouns.len());
    for &(i, gender) in pronouns {
        let token = &tokens[i];
        let sentence = analysis.sentence_of[i] as usize;
        let this = analysis.sentences[sentence].span;
        let compatible = |e: usize| resolution.entities[e].gender.is_none_or(|g| g == gender);
        // The first compatible reference lying inside `start..end`, from either list.
        let first_in = |start: usize, end: usize| {
            let pick = |list: &[(Span, usize)]| {
                let from = list.partition_point(|(s, _)| s.start < start);
                list[from..]
                    .iter()
                    .take_while(|(s, _)| s.start < end)
                    .find(|(s, e)| s.end <= end && compatible(*e))
                    .copied()
            };
            match (pick(&direct), pick(&resolved)) {
                (Some(a), Some(b)) => Some(if a.0.start <= b.0.start { a } else { b }),
                (a, b) => a.or(b),
            }
        };
        // "During his visit, Rajnath Singh ...": a pronoun in a phrase before the first
        // comma of its sentence points forward to the subject right after the comma.
        let first = analysis.sentences[sentence].first;
        let comma = (first..analysis.sentences[sentence].end.min(first + 7))
            .find(|&j| analysis.tokenized.key(j) == ",")
            .filter(|&j| j > i);
        let forward = comma.and_then(|j| {
            let after = tokens.get(j + 1)?.span.start;
            first_in(after, this.end)
                .filter(|(s, _)| text[after..s.start].split_whitespace().count() <= 6)
        });
        let same_sentence = || first_in(this.start, token.span.start);
        let previous = || {
            let previous = analysis.sentences.get(sentence.checked_sub(1)?)?.span;
            first_in(previous.start, previous.end)
        };
        if let Some((antecedent, entity)) = forward.or_else(same_sentence).or_else(previous) {
            references.push(Reference {
                span: token.span,
                entity,
                rule: "pronoun",
                antecedent,
            });
            // A resolved pronoun is itself an antecedent for the next sentence's pronouns.
            resolved.push((token.span, entity));
        }
    }
    resolution.references.extend(references);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The scan finds every pronoun form (any case) and every "counterpart" but the text's
    /// first token, and nothing that merely starts like them, with the class bytes of the
    /// lists themselves and with those of a lexicon built from a gazetteer.
    #[test]
    fn words_of_interest_are_the_pronouns_and_counterparts() {
        let text = "Counterpart HE him His himself she Her hers HERSELF hero shed heh \
                    counterparts his counterpart c h s";
        let analysis = Analysis::new(text);
        let gazetteer = Gazetteer::parse("test.tsv", "person\tHero Shed\n").unwrap();
        let lexicon = crate::mention::Lexicon::build(&gazetteer).unwrap();
        let from_lexicon = lexicon.token_classes(&lexicon.trie().word_ids(&analysis.tokenized));
        let from_lists = crate::mention::class::of_tokens(&analysis.tokenized);
        assert_eq!(from_lexicon, from_lists);
        for classes in [from_lexicon, from_lists] {
            let words = WordsOfInterest::find(&analysis, &classes);
            let key = |i: usize| analysis.tokenized.key(i);
            let pronouns: Vec<(&str, char)> =
                words.pronouns.iter().map(|&(i, g)| (key(i), g)).collect();
            assert_eq!(
                pronouns,
                [
                    ("he", 'm'),
                    ("him", 'm'),
                    ("his", 'm'),
                    ("himself", 'm'),
                    ("she", 'f'),
                    ("her", 'f'),
                    ("hers", 'f'),
                    ("herself", 'f'),
                    ("his", 'm'),
                ]
            );
            assert_eq!(words.counterparts, [14]);
            assert_eq!(key(14), "counterpart");
        }
    }
}
