//! The resolve stage: from overlapping candidates to mentions and entities.
//!
//! 1. [`overlap`]: the named policy that picks among overlapping candidates.
//! 2. [`people`]: people no gazetteer knows, from titles, ranks and honorifics before a
//!    capitalised name; ranks, roles and countries attached to them.
//! 3. [`coref`]: surnames, role phrases and pronouns linked to the person they name.
//! 4. Grouping: one entity per canonical identity, with every mention.

pub mod coref;
pub mod overlap;
pub mod people;

use crate::Span;
use crate::document::Source;
use crate::fxhash::FxHashMap;
use crate::gazetteer::{EntityKind, Gazetteer};
use crate::text::Analysis;

/// Where a candidate came from. It owns no strings: most candidates are dropped by the
/// overlap policy, so the output's [`Source`] is built only for the mentions that are kept
/// (see [`Origin::source`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// A gazetteer name; the entry and name are in [`Candidate::entry`].
    Gazetteer,
    /// A pattern rule ("title_name", "surname", "role_of_organization", ...).
    Pattern(&'static str),
    /// A date rule.
    Date(&'static str),
    /// A coreference link to an earlier mention.
    Coreference {
        /// The rule that linked it.
        rule: &'static str,
        /// The antecedent mention's span.
        antecedent: Span,
    },
}

impl Origin {
    /// The output form, with the gazetteer's file, line and alias for gazetteer names.
    ///
    /// ```
    /// use newsfacts::resolve::Origin;
    /// let gazetteer = newsfacts::gazetteer::Gazetteer::default();
    /// let source = Origin::Pattern("title_name").source(None, &gazetteer);
    /// assert_eq!(source, newsfacts::Source::Pattern { rule: "title_name".into() });
    /// ```
    pub fn source(self, entry: Option<(usize, usize)>, gazetteer: &Gazetteer) -> Source {
        match self {
            Origin::Gazetteer => {
                let found = entry.and_then(|(e, n)| {
                    let entry = gazetteer.entries().get(e)?;
                    Some((entry, entry.names.get(n)?))
                });
                match found {
                    Some((entry, alias)) => Source::Gazetteer {
                        file: entry.origin.file.clone(),
                        line: entry.origin.line,
                        alias: alias.text.clone(),
                    },
                    None => Source::Pattern {
                        rule: "gazetteer".into(),
                    },
                }
            }
            Origin::Pattern(rule) => Source::Pattern { rule: rule.into() },
            Origin::Date(rule) => Source::Date { rule: rule.into() },
            Origin::Coreference { rule, antecedent } => Source::Coreference {
                rule: rule.into(),
                antecedent,
            },
        }
    }
}

/// A candidate mention from the mention stage.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    /// First token.
    pub first: usize,
    /// One past the last token.
    pub end: usize,
    /// Byte span (may be wider than the tokens' for date expressions and suffixes).
    pub span: Span,
    /// Kind of entity.
    pub kind: EntityKind,
    /// The gazetteer entry and name index, for gazetteer hits.
    pub entry: Option<(usize, usize)>,
    /// The canonical name, for hits that have no entry (patterns, dates). Grouping moves
    /// it to the entity the candidate starts (see [`EntityRecord::name`]).
    pub name: Option<String>,
    /// For dates: the resolved value.
    pub value: Option<String>,
    /// Where it came from.
    pub origin: Origin,
    /// Kept inside a longer organisation name.
    pub nested: bool,
}

/// An accepted mention, with the entity it belongs to.
#[derive(Clone, Debug)]
pub struct MentionRecord {
    /// The candidate it came from.
    pub candidate: Candidate,
    /// Index into [`Resolution::entities`].
    pub entity: usize,
}

impl MentionRecord {
    /// The mention's kind.
    pub fn kind(&self) -> EntityKind {
        self.candidate.kind
    }

    /// The mention's span.
    pub fn span(&self) -> Span {
        self.candidate.span
    }
}

/// An entity under construction.
#[derive(Clone, Debug, Default)]
pub struct EntityRecord {
    /// Kind.
    pub kind: Option<EntityKind>,
    /// Canonical name.
    pub name: String,
    /// Code (countries, ranks).
    pub code: Option<String>,
    /// Date value.
    pub value: Option<String>,
    /// Country (alpha-3).
    pub country: Option<String>,
    /// Rank (people).
    pub rank: Option<String>,
    /// Roles (people).
    pub roles: Vec<String>,
    /// Participants (exercises).
    pub participants: Vec<String>,
    /// Gazetteer entry.
    pub entry: Option<usize>,
    /// Mentions, as indices into [`Resolution::mentions`].
    pub mentions: Vec<usize>,
    /// Gender when known from the gazetteer or a pronoun: `'m'` or `'f'`.
    pub gender: Option<char>,
}

/// What the resolve stage hands to the fact stage.
#[derive(Clone, Debug, Default)]
pub struct Resolution {
    /// Accepted mentions, sorted by start.
    pub mentions: Vec<MentionRecord>,
    /// Entities, in order of first mention.
    pub entities: Vec<EntityRecord>,
    /// For each token, the mention that covers it (outermost), if any.
    pub mention_at_token: Vec<Option<u32>>,
    /// Mentions found by coreference (surnames are merged instead): role phrases and
    /// pronouns that name a person, sorted by start.
    pub references: Vec<Reference>,
}

/// A phrase that refers to an entity through coreference: "Kazakhstan's Defence Minister",
/// "he".
#[derive(Clone, Debug, PartialEq)]
pub struct Reference {
    /// The phrase.
    pub span: Span,
    /// The entity it refers to.
    pub entity: usize,
    /// The rule that linked it ("role", "pronoun").
    pub rule: &'static str,
    /// The span of the mention it was linked through.
    pub antecedent: Span,
}

impl Resolution {
    /// The mention covering token `i`, if any.
    pub fn mention_at(&self, i: usize) -> Option<&MentionRecord> {
        self.mention_at_token
            .get(i)
            .copied()
            .flatten()
            .map(|m| &self.mentions[m as usize])
    }

    /// The entity of a mention.
    pub fn entity_of(&self, mention: &MentionRecord) -> &EntityRecord {
        &self.entities[mention.entity]
    }

    /// Mentions whose span lies inside `span`.
    pub fn mentions_in(&self, span: Span) -> impl Iterator<Item = (usize, &MentionRecord)> {
        let first = self
            .mentions
            .partition_point(|m| m.candidate.span.start < span.start);
        self.mentions[first..]
            .iter()
            .enumerate()
            .map(move |(i, m)| (first + i, m))
            .take_while(move |(_, m)| m.candidate.span.start < span.end)
            .filter(move |(_, m)| m.candidate.span.end <= span.end)
    }
}

/// Runs the resolve stage.
///
/// Candidates that name tokens, bytes or gazetteer entries that `text`, `analysis` or
/// `gazetteer` do not have (possible only for candidates a caller built) are dropped.
///
/// ```
/// use newsfacts::gazetteer::{EntityKind, Gazetteer};
/// use newsfacts::resolve::{Candidate, Origin, resolve};
/// use newsfacts::text::Analysis;
/// use newsfacts::Span;
///
/// let text = "Talks began.";
/// let bogus = Candidate {
///     first: 0,
///     end: 1,
///     span: Span::new(0, 5),
///     kind: EntityKind::Country,
///     entry: Some((usize::MAX, 0)),
///     name: None,
///     value: None,
///     origin: Origin::Gazetteer,
///     nested: false,
/// };
/// let resolution = resolve(text, &Analysis::new(text), &Gazetteer::default(), vec![bogus], None);
/// assert!(resolution.mentions.is_empty());
/// ```
pub fn resolve(
    text: &str,
    analysis: &Analysis,
    gazetteer: &Gazetteer,
    candidates: Vec<Candidate>,
    document_year: Option<i32>,
) -> Resolution {
    let classes = crate::mention::class::of_tokens(&analysis.tokenized);
    resolve_with_classes(
        text,
        analysis,
        gazetteer,
        candidates,
        document_year,
        &classes,
    )
}

/// [`resolve`] with each token's class byte at hand ([`crate::mention::class`]; the
/// lexicon's [`crate::mention::Lexicon::token_classes`]).
pub(crate) fn resolve_with_classes(
    text: &str,
    analysis: &Analysis,
    gazetteer: &Gazetteer,
    mut candidates: Vec<Candidate>,
    document_year: Option<i32>,
    classes: &[u8],
) -> Resolution {
    // Checked once here rather than trusted by every stage below.
    let tokens = analysis.tokens().len();
    candidates.retain(|c| {
        c.first < c.end
            && c.end <= tokens
            && text.get(c.span.range()).is_some()
            && c.entry.is_none_or(|(entry, name)| {
                gazetteer
                    .entries()
                    .get(entry)
                    .is_some_and(|e| name < e.names.len())
            })
    });
    let accepted = overlap::resolve_overlaps(gazetteer, candidates);
    let people = people::find_people_in(text, analysis, gazetteer, accepted, document_year);
    let mut mentions = people.mentions;
    let compounds = compound_roles(text, analysis, gazetteer, &mentions);
    mentions.extend(compounds);
    let mut resolution = group(gazetteer, analysis, mentions);
    people::attach_attributes_in(&mut resolution, people.attributes);
    coref::link_with_classes(text, analysis, gazetteer, &mut resolution, classes);
    resolution
}

/// Titles that name a post when followed by "of" and an organisation.
const COMMAND_TITLES: &[&str] = &[
    "commander",
    "deputy commander",
    "director",
    "deputy director",
    "chief",
    "deputy chief",
    "head",
    "chairman",
    "chair",
    "commandant",
    "superintendent",
    "director general",
    "secretary general",
    "commanding officer",
];

/// "Commander of Indo-Pacific Command": a command title, "of" or "for", and an
/// organisation make one role, kept beside the title and the organisation.
fn compound_roles(
    text: &str,
    analysis: &Analysis,
    gazetteer: &Gazetteer,
    mentions: &[Candidate],
) -> Vec<Candidate> {
    let tokens = analysis.tokens();
    let key = |i: usize| {
        if i < tokens.len() {
            analysis.tokenized.key(i)
        } else {
            ""
        }
    };
    let mut out = Vec::new();
    let mut canonical = String::new();
    for role in mentions
        .iter()
        .filter(|c| c.kind == EntityKind::Role && !c.nested)
    {
        let Some((entry, _)) = role.entry else {
            continue;
        };
        // The word after first: most roles are not followed by "of" or "for".
        if !matches!(key(role.end), "of" | "for") {
            continue;
        }
        canonical.clear();
        crate::text::normalize_into(&gazetteer.entries()[entry].canonical, &mut canonical);
        if !COMMAND_TITLES.contains(&canonical.as_str()) {
            continue;
        }
        let mut at = role.end + 1;
        if key(at) == "the" {
            at += 1;
        }
        let Some(org) = mentions
            .iter()
            .find(|c| c.first == at && c.kind == EntityKind::Organization && !c.nested)
        else {
            continue;
        };
        let span = role.span.cover(org.span);
        out.push(Candidate {
            first: role.first,
            end: org.end,
            span,
            kind: EntityKind::Role,
            entry: None,
            name: Some(crate::text::collapse_whitespace(&text[span.range()])),
            value: None,
            origin: Origin::Pattern("role_of_organization"),
            nested: true,
        });
    }
    out
}

/// Groups mentions into entities by identity: gazetteer entry, else kind and normalised name
/// (date: value).
fn group(gazetteer: &Gazetteer, analysis: &Analysis, mut accepted: Vec<Candidate>) -> Resolution {
    use std::collections::HashMap;
    accepted.sort_by_key(|c| (c.span.start, c.nested, c.span.end));
    // The names and values compared by are written one after another into `keys`, so that
    // the maps below borrow them instead of owning a string each.
    // Sized for the names and values as written: folding rarely makes a key longer.
    let written: usize = accepted
        .iter()
        .map(|c| c.name.as_ref().or(c.value.as_ref()).map_or(0, String::len))
        .sum();
    let mut keys = String::with_capacity(written + written / 8);
    let identities: Vec<(EntityKind, Identity<(usize, usize)>)> = accepted
        .iter()
        .map(|c| identity_of(gazetteer, c, &mut keys))
        .collect();
    // Gazetteer entries, the most common identity, take the fast hasher (the gazetteer
    // fixes them); names and positions from the text keep the flooding-resistant one.
    // Everything is sized for the worst case, one entity per mention: growing costs more.
    // Each map is sized for the identities it can receive.
    let n = accepted.len();
    let entries = identities
        .iter()
        .filter(|(_, identity)| matches!(identity, Identity::Entry(_)))
        .count();
    let mut by_entry: FxHashMap<(EntityKind, usize), usize> =
        FxHashMap::with_capacity_and_hasher(entries, Default::default());
    let mut by_text: HashMap<(EntityKind, Identity<&str>), usize> =
        HashMap::with_capacity(n - entries);
    let mut entities: Vec<EntityRecord> = Vec::with_capacity(n);
    // Each mention's entity, and how many mentions each entity has (to size its list).
    let mut entity_of = Vec::with_capacity(n);
    let mut counts: Vec<usize> = Vec::with_capacity(n);
    for (candidate, &(kind, identity)) in accepted.iter_mut().zip(&identities) {
        let next = entities.len();
        let entity = *match identity {
            Identity::Entry(entry) => by_entry.entry((kind, entry)).or_insert(next),
            Identity::Key((start, end)) => by_text
                .entry((kind, Identity::Key(&keys[start..end])))
                .or_insert(next),
            Identity::At(at) => by_text.entry((kind, Identity::At(at))).or_insert(next),
        };
        if entity == next {
            entities.push(new_entity(gazetteer, candidate));
            counts.push(0);
        }
        counts[entity] += 1;
        entity_of.push(entity);
    }
    for (entity, count) in entities.iter_mut().zip(counts) {
        entity.mentions.reserve_exact(count);
    }
    let mut mentions = Vec::with_capacity(accepted.len());
    for (candidate, entity) in accepted.into_iter().zip(entity_of) {
        entities[entity].mentions.push(mentions.len());
        mentions.push(MentionRecord { candidate, entity });
    }
    let mut mention_at_token = vec![None; analysis.tokens().len()];
    for (i, m) in mentions.iter().enumerate() {
        if m.candidate.nested {
            continue;
        }
        for slot in &mut mention_at_token[m.candidate.first..m.candidate.end] {
            *slot = Some(i as u32);
        }
    }
    Resolution {
        mentions,
        entities,
        mention_at_token,
        references: Vec::new(),
    }
}

/// What makes two mentions of one kind the same entity; `K` is the key's text, or where it
/// is written.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Identity<K> {
    /// The same gazetteer entry.
    Entry(usize),
    /// The same normalised name, code or date value.
    Key(K),
    /// Nothing to compare by: the mention at this byte is an entity of its own.
    At(usize),
}

/// The candidate's identity; a key is appended to `keys` and given as its byte range there.
fn identity_of(
    gazetteer: &Gazetteer,
    candidate: &Candidate,
    keys: &mut String,
) -> (EntityKind, Identity<(usize, usize)>) {
    let start = keys.len();
    if let (EntityKind::Date, Some(value)) = (candidate.kind, &candidate.value) {
        keys.push_str(value);
        return (candidate.kind, Identity::Key((start, keys.len())));
    }
    if let Some((entry, _)) = candidate.entry {
        return (candidate.kind, Identity::Entry(entry));
    }
    let Some(name) = &candidate.name else {
        return (candidate.kind, Identity::At(candidate.span.start));
    };
    let mut key_start = start;
    match candidate.kind {
        EntityKind::Country => match gazetteer
            .lookup(EntityKind::Country, name)
            .and_then(|e| e.code.as_deref())
        {
            Some(code) => keys.push_str(code),
            None => crate::text::normalize_into(name, keys),
        },
        EntityKind::Organization => {
            // "U.S. Pacific Fleet" and "Pacific Fleet" in one article are one command.
            crate::text::normalize_into(name, keys);
            let key = &keys[start..];
            if let Some(p) = ["u.s . ", "u.s. ", "us ", "the "]
                .iter()
                .find(|p| key.starts_with(**p))
            {
                key_start += p.len();
            }
        }
        _ => crate::text::normalize_into(name, keys),
    }
    (candidate.kind, Identity::Key((key_start, keys.len())))
}

/// The entity `candidate` starts; its name moves there (nothing reads a candidate's name
/// once the mentions are grouped).
fn new_entity(gazetteer: &Gazetteer, candidate: &mut Candidate) -> EntityRecord {
    let mut entity = EntityRecord {
        kind: Some(candidate.kind),
        value: candidate.value.clone(),
        ..EntityRecord::default()
    };
    match candidate.entry {
        Some((index, name_index)) => {
            let entry = &gazetteer.entries()[index];
            entity.name = entry.canonical.clone();
            entity.code = entry.code.clone();
            entity.entry = Some(index);
            entity.country = match candidate.kind {
                EntityKind::Country => entry.code.clone(),
                _ => entry.attribute(name_index, "country").map(str::to_string),
            };
            if candidate.kind == EntityKind::Exercise {
                entity.participants = entry
                    .attributes
                    .list("participants")
                    .map(str::to_string)
                    .collect();
            }
            entity.gender = match entry.attributes.get("gender") {
                Some("m") => Some('m'),
                Some("f") => Some('f'),
                _ => None,
            };
        }
        None => {
            entity.name = candidate.name.take().unwrap_or_default();
        }
    }
    entity
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Caller-built candidates that point outside the text, its tokens or the gazetteer are
    /// dropped, not trusted; a sound one next to them is kept.
    #[test]
    fn malformed_candidates_are_dropped() {
        let gazetteer = Gazetteer::defaults().unwrap();
        let text = "Kazakhstan hosted the talks.";
        let analysis = Analysis::new(text);
        let kazakhstan = gazetteer
            .lookup_index(EntityKind::Country, "Kazakhstan")
            .unwrap();
        let sound = Candidate {
            first: 0,
            end: 1,
            span: Span::new(0, 10),
            kind: EntityKind::Country,
            entry: Some((kazakhstan, 0)),
            name: None,
            value: None,
            origin: Origin::Gazetteer,
            nested: false,
        };
        type Breakage = (&'static str, fn(&mut Candidate));
        let broken: [Breakage; 6] = [
            ("no such entry", |c| c.entry = Some((usize::MAX, 0))),
            ("no such name", |c| {
                c.entry = Some((c.entry.unwrap().0, 999))
            }),
            ("empty token range", |c| c.end = c.first),
            ("tokens past the end", |c| (c.first, c.end) = (4, 99)),
            ("span past the text", |c| c.span = Span::new(0, 999)),
            ("reversed span", |c| c.span = Span::new(9, 2)),
        ];
        for (what, breaks) in broken {
            let mut bad = sound.clone();
            breaks(&mut bad);
            let resolution = resolve(text, &analysis, &gazetteer, vec![bad, sound.clone()], None);
            assert_eq!(resolution.mentions.len(), 1, "{what}");
            assert_eq!(resolution.mentions[0].candidate, sound, "{what}");
        }
    }
}
