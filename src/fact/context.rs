//! What every fact builder reads: the sentence's mentions, the people referred to, clauses,
//! group phrases ("the two ministers"), dates, places, and status words.

use std::ops::Range;

use super::Draft;
use crate::Span;
use crate::document::{Fact, Status};
use crate::fxhash::Prefilter;
use crate::gazetteer::{EntityKind, Gazetteer};
use crate::mention::class::PLURAL_ROLE;
use crate::mention::date::Date;
use crate::resolve::{MentionRecord, Resolution};
use crate::text::{Analysis, Shape, Token};

/// Nouns for groups of people: "the two ministers", "both leaders", "the leaders".
const GROUP_NOUNS: &[&str] = &[
    "ministers",
    "leaders",
    "presidents",
    "sides",
    "delegations",
    "counterparts",
    "advisors",
    "advisers",
    "officials",
    "heads",
    "chiefs",
    "secretaries",
    "generals",
    "admirals",
    "premiers",
    "nations",
];

/// The words a group phrase starts with ([`GROUP_PRONOUNS`], then those
/// [`FactContext::has_group_phrase`] reads on from): its first-byte and length test turns
/// away nearly every token.
static GROUP_FIRST_WORDS: Prefilter = Prefilter::new(&[
    "they", "their", "them", "two", "both", "three", "the", "national",
]);

/// Pronouns for the group last talked about.
/// "we" and "our" are left out: in statements they are usually the author's government.
const GROUP_PRONOUNS: &[&str] = &["they", "their", "them"];

/// Words after which an event is planned, not done.
const PLANNED: &[&str] = &[
    "will",
    "shall",
    "plans",
    "planned",
    "plan",
    "scheduled",
    "expected",
    "intends",
    "intend",
    "set",
    "forthcoming",
    "upcoming",
    "proposed",
    "would",
    "going",
];
const CANCELLED: &[&str] = &[
    "cancelled",
    "canceled",
    "postponed",
    "scrapped",
    "called",
    "deferred",
    "suspended",
];
const NEGATED: &[&str] = &["not", "n't", "never", "no"];

pub(crate) struct FactContext<'a> {
    pub text: &'a str,
    pub analysis: &'a Analysis,
    pub gazetteer: &'a Gazetteer,
    pub resolution: &'a Resolution,
    pub document_date: Option<Date>,
    /// References to people: (span, first token, end token, entity), sorted.
    person_refs: Vec<(Span, usize, usize, usize)>,
    /// The people last acting together: participants of the latest meeting, or the people
    /// of the latest sentence naming two or more.
    group: Vec<usize>,
    /// True once `group` comes from a meeting: later sentences no longer replace it.
    group_from_meeting: bool,
    /// A list kept for [`FactContext::remember_group`] to fill, so that it allocates once.
    spare: Vec<usize>,
    /// True when the document mentions an exercise: most do not, and then no sentence
    /// needs looking at for one.
    has_exercises: bool,
    /// (role (canonical name), person holding it), sorted: a role's holders are in entity
    /// order (see [`holders_of`]).
    role_holders: Vec<(&'a str, usize)>,
    /// Plural role phrases ("the Defence Ministers") whose singular is a role someone in
    /// the document holds: (last token, first token, role canonical), by last token.
    /// Found once here, since every sentence asks.
    plural_roles: Vec<(usize, usize, &'a str)>,
    /// People holding a spokesperson role, sorted: of the people in `role_holders`, these
    /// are the reporters.
    reporters: Vec<usize>,
}

/// The last word of an ASCII name, as `split_whitespace().last()` gives it: white space is
/// what `char::is_whitespace` says of ASCII bytes (tab to carriage return, and space).
fn last_ascii_word(name: &str) -> &str {
    let is_space = |b: &u8| matches!(b, b'\t'..=b'\r' | b' ');
    let bytes = name.as_bytes();
    let end = bytes
        .iter()
        .rposition(|b| !is_space(b))
        .map_or(0, |i| i + 1);
    let start = bytes[..end].iter().rposition(is_space).map_or(0, |i| i + 1);
    // Both ends lie next to an ASCII byte or at an end of the string: char boundaries.
    name.get(start..end).unwrap_or("")
}

/// The key of the last word of a role's name, made in `key`: a plural role phrase ends in
/// it and one more letter.
fn last_word_key<'k>(name: &str, key: &'k mut String) -> Option<&'k str> {
    key.clear();
    if name.is_ascii() {
        // ASCII folds byte by byte into no white space: the key of the last word is one
        // word, the last word of the key.
        crate::text::normalize_into(last_ascii_word(name), key);
        Some(key.as_str()).filter(|k| !k.is_empty())
    } else {
        crate::text::normalize_into(name, key);
        key.split_whitespace().last()
    }
}

/// The keys a plural role phrase may end in: the last word of every role name of
/// `gazetteer`, and "s" (a token ending in "s" has a key ending in "s": keys fold
/// character by character). The lexicon gives them the class bit
/// [`crate::mention::class::PLURAL_ROLE`].
pub(crate) fn plural_role_keys(gazetteer: &Gazetteer) -> Vec<String> {
    let mut keys = Vec::new();
    let mut key = String::new();
    let roles = gazetteer
        .entries()
        .iter()
        .filter(|e| e.kind == EntityKind::Role);
    for name in roles.flat_map(|e| &e.names) {
        if let Some(last) = last_word_key(&name.text, &mut key) {
            keys.push(format!("{last}s"));
        }
    }
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// What [`plural_roles`] finds, with the people whose roles make them reporters (found from
/// the same role look-ups).
struct HeldRoles<'a> {
    plural_roles: Vec<(usize, usize, &'a str)>,
    /// Holders of a spokesperson role (see [`FactContext::is_reporter`]), sorted.
    reporters: Vec<usize>,
}

/// Plural role phrases of the text whose singular is a role in `role_holders`: up to three
/// tokens ending in a capitalised word that ends in "s" ("Defence Ministers" is "Defence
/// Minister" plus "s").
fn plural_roles<'a>(
    text: &str,
    analysis: &Analysis,
    gazetteer: &'a Gazetteer,
    role_holders: &[(&'a str, usize)],
    classes: Option<&[u8]>,
) -> HeldRoles<'a> {
    let tokens = analysis.tokens();
    // The singular's last word is the last word of a name of a held role: most capitalised
    // words ending in "s" are not, and are passed over without a gazetteer look-up.
    // The words one after another in one string (no string per word), with where each
    // ends: every such word of the text is compared with them all.
    // Sized for a few roles of a few names each, so that they rarely grow.
    let mut last_words = String::with_capacity(128);
    let mut word_ends: Vec<usize> = Vec::with_capacity(16);
    // Bit `n` set: some last word has `n` bytes (bit 63: 63 or more). Most words ending in
    // "s" have no last word of their length, and are passed over without a comparison.
    let mut lengths: u64 = 0;
    let length_bit = |len: usize| 1u64 << len.min(63);
    let is_last_word = |last_words: &str, word_ends: &[usize], word: &[u8]| {
        let mut start = 0;
        word_ends.iter().any(|&end| {
            let found = last_words.as_bytes().get(start..end) == Some(word);
            start = end;
            found
        })
    };
    let mut reporters = Vec::new();
    let mut key = String::new();
    for held in role_holders.chunk_by(|a, b| a.0 == b.0) {
        let role = held[0].0;
        let entry = gazetteer.lookup(EntityKind::Role, role);
        if entry.is_some_and(|e| e.attributes.get("group") == Some("spokesperson")) {
            reporters.extend(held.iter().map(|&(_, e)| e));
        }
        for name in entry.into_iter().flat_map(|e| &e.names) {
            if let Some(last) = last_word_key(&name.text, &mut key) {
                if !is_last_word(&last_words, &word_ends, last.as_bytes()) {
                    last_words.push_str(last);
                    word_ends.push(last_words.len());
                    lengths |= length_bit(last.len());
                }
            }
        }
    }
    reporters.sort_unstable();
    reporters.dedup();
    let mut singular = String::new();
    let mut found = Vec::new();
    if word_ends.is_empty() {
        return HeldRoles {
            plural_roles: found,
            reporters,
        };
    }
    let bytes = text.as_bytes();
    let keys = analysis.tokenized.keys.as_bytes();
    let mut visit = |i: usize, word: &Token| {
        if !word.shape.contains(Shape::CAPITALIZED) {
            return;
        }
        // The key without its last byte must be as long as some last word: a bit test
        // before any byte of the text or the key is read.
        let key_len = word.key.end.wrapping_sub(word.key.start);
        if key_len == 0 || lengths & length_bit(key_len - 1) == 0 {
            return;
        }
        // The last byte, not the last char: "s" is ASCII, and bytes need no boundary checks.
        if word.span.end <= word.span.start || bytes.get(word.span.end - 1) != Some(&b's') {
            return;
        }
        let Some(key) = keys.get(word.key.start..word.key.end) else {
            return;
        };
        if !is_last_word(&last_words, &word_ends, &key[..key.len() - 1]) {
            return;
        }
        for len in 1..=3usize {
            let Some(first) = i.checked_sub(len - 1) else {
                break;
            };
            // The phrase's words joined by spaces, its last letter left out.
            singular.clear();
            for j in first..=i {
                if j > first {
                    singular.push(' ');
                }
                singular.push_str(&text[tokens[j].span.range()]);
            }
            singular.pop();
            if let Some(role) = gazetteer.lookup(EntityKind::Role, &singular) {
                if let Some(&(canonical, _)) = holders_of(role_holders, &role.canonical).first() {
                    found.push((i, first, canonical));
                }
            }
        }
    };
    match classes {
        // A lexicon's classes: only the tokens whose key is the plural of a role name's
        // last word (see [`plural_role_keys`]), one class byte a token to read.
        Some(classes) => {
            for i in crate::mention::class::tokens_with(classes, PLURAL_ROLE) {
                if let Some(word) = tokens.get(i) {
                    visit(i, word);
                }
            }
        }
        None => {
            for (i, word) in tokens.iter().enumerate() {
                visit(i, word);
            }
        }
    }
    HeldRoles {
        plural_roles: found,
        reporters,
    }
}

/// The entries of `role` in `role_holders` (sorted by role, then person).
fn holders_of<'l, 'a>(role_holders: &'l [(&'a str, usize)], role: &str) -> &'l [(&'a str, usize)] {
    crate::sorted::equal_range(role_holders, role, |&(r, _)| r)
}

impl<'a> FactContext<'a> {
    pub fn new(
        text: &'a str,
        analysis: &'a Analysis,
        gazetteer: &'a Gazetteer,
        resolution: &'a Resolution,
        document_date: Option<Date>,
        classes: Option<&[u8]>,
    ) -> FactContext<'a> {
        let tokens = analysis.tokens();
        let token_range = |span: Span| {
            let first = tokens.partition_point(|t| t.span.end <= span.start);
            let end = tokens.partition_point(|t| t.span.start < span.end);
            (first, end)
        };
        let is_person = |m: &&MentionRecord| m.kind() == EntityKind::Person;
        // Sized once: a filtered chain would grow the list a few times.
        let mut person_refs: Vec<(Span, usize, usize, usize)> = Vec::with_capacity(
            resolution.mentions.iter().filter(is_person).count() + resolution.references.len(),
        );
        person_refs.extend(
            resolution
                .mentions
                .iter()
                .filter(is_person)
                .map(|m| (m.span(), m.candidate.first, m.candidate.end, m.entity))
                .chain(
                    resolution
                        .references
                        .iter()
                        .filter(|r| resolution.entities[r.entity].kind == Some(EntityKind::Person))
                        .map(|r| {
                            let (first, end) = token_range(r.span);
                            (r.span, first, end, r.entity)
                        }),
                ),
        );
        person_refs.sort_by_key(|r| (r.0.start, r.0.end));
        // One sorted list, not a map with a list per role: a document names a few.
        let mut role_holders: Vec<(&'a str, usize)> = Vec::new();
        for (e, entity) in resolution.entities.iter().enumerate() {
            if entity.kind == Some(EntityKind::Person) && !entity.mentions.is_empty() {
                role_holders.extend(entity.roles.iter().map(|role| (role.as_str(), e)));
            }
        }
        role_holders.sort_unstable();
        role_holders.dedup();
        let HeldRoles {
            plural_roles,
            reporters,
        } = if role_holders.is_empty() {
            HeldRoles {
                plural_roles: Vec::new(),
                reporters: Vec::new(),
            }
        } else {
            plural_roles(text, analysis, gazetteer, &role_holders, classes)
        };
        FactContext {
            text,
            analysis,
            gazetteer,
            resolution,
            document_date,
            person_refs,
            group: Vec::new(),
            group_from_meeting: false,
            spare: Vec::new(),
            has_exercises: resolution
                .mentions
                .iter()
                .any(|m| m.kind() == EntityKind::Exercise),
            role_holders,
            plural_roles,
            reporters,
        }
    }

    pub fn key(&self, i: usize) -> &str {
        if i < self.analysis.tokens().len() {
            self.analysis.tokenized.key(i)
        } else {
            ""
        }
    }

    /// True when the document mentions an exercise.
    pub fn has_exercises(&self) -> bool {
        self.has_exercises
    }

    pub fn sentence_range(&self, sentence: usize) -> Range<usize> {
        self.analysis.sentences[sentence].tokens()
    }

    pub fn sentence_span(&self, sentence: usize) -> Span {
        self.analysis.sentences[sentence].span
    }

    /// The clause around token `at`: bounded by ";", ":", "—", and commas before "and",
    /// "including", "which", "while", "but", "as well".
    pub fn clause(&self, sentence: usize, at: usize) -> Range<usize> {
        let range = self.sentence_range(sentence);
        let tokens = self.analysis.tokens();
        let keys = self.analysis.tokenized.keys.as_bytes();
        // Every boundary starts with one of these bytes (0xE2 for "—"): a cheap test in the
        // loop, since nearly every token fails it; the rest out of line.
        let may_be_boundary = |i: usize| {
            let first_byte = tokens.get(i).and_then(|t| keys.get(t.key.start));
            matches!(first_byte, Some(b';' | b':' | b'-' | b',' | 0xE2))
        };
        let is_boundary = |i: usize| may_be_boundary(i) && self.is_clause_boundary(i);
        let mut start = at;
        while start > range.start && !is_boundary(start - 1) {
            start -= 1;
        }
        let mut end = at;
        while end < range.end && !is_boundary(end) {
            end += 1;
        }
        start..end
    }

    /// ";", ":", "-", "—" after a space, or a comma before a joining word.
    #[inline(never)]
    fn is_clause_boundary(&self, i: usize) -> bool {
        let k = self.key(i);
        matches!(k, ";" | ":" | "-" | "—")
            && self
                .analysis
                .tokens()
                .get(i)
                .is_some_and(|t| t.space_before)
            || k == ","
                && matches!(
                    self.key(i + 1),
                    "and" | "including" | "which" | "while" | "but" | "whereas" | "where"
                )
    }

    /// People referred to in tokens `range`, in order, each once; group phrases expand to
    /// the current group.
    /// Person references lying inside tokens `range`; a binary search, since references
    /// are sorted and never nest.
    pub fn refs_in(
        &self,
        range: Range<usize>,
    ) -> impl Iterator<Item = &(Span, usize, usize, usize)> {
        let from = self.person_refs.partition_point(|r| r.1 < range.start);
        self.person_refs[from..]
            .iter()
            .take_while(move |r| r.1 < range.end)
            .filter(move |r| r.2 <= range.end)
    }

    pub fn people_in(&self, range: Range<usize>) -> Vec<usize> {
        let mut people = Vec::new();
        self.people_in_into(range, &mut people);
        people
    }

    /// [`FactContext::people_in`], appended to `people` (empty, or the list is not theirs).
    fn people_in_into(&self, range: Range<usize>, people: &mut Vec<usize>) {
        let push = |e: usize, people: &mut Vec<usize>| {
            if !people.contains(&e) {
                people.push(e);
            }
        };
        for &(_, _, _, entity) in self.refs_in(range.clone()) {
            push(entity, people);
        }
        // A group phrase adds the group: nothing while there is none.
        if !self.group.is_empty() && self.has_group_phrase(range.clone()) {
            for &e in &self.group {
                push(e, people);
            }
        }
        self.plural_role_holders(range, people);
    }

    /// True for people who report events rather than take part: spokespeople and press
    /// secretaries (roles of `group=spokesperson`).
    pub fn is_reporter(&self, person: usize) -> bool {
        let entity = &self.resolution.entities[person];
        if entity.roles.is_empty() {
            return false;
        }
        // The roles of a person with mentions were looked up once, for `role_holders`.
        if entity.kind == Some(EntityKind::Person) && !entity.mentions.is_empty() {
            return self.reporters.binary_search(&person).is_ok();
        }
        entity.roles.iter().any(|role| {
            self.gazetteer
                .lookup(EntityKind::Role, role)
                .is_some_and(|e| e.attributes.get("group") == Some("spokesperson"))
        })
    }

    /// The people of `range` who take part (reporters left out).
    pub fn actors_in(&self, range: Range<usize>) -> Vec<usize> {
        let mut people = self.people_in(range);
        people.retain(|&p| !self.is_reporter(p));
        people
    }

    /// The person referred to nearest before token `at` within `range`.
    pub fn person_before(&self, range: Range<usize>, at: usize) -> Option<usize> {
        self.refs_in(range.start..at)
            .filter(|r| !self.is_reporter(r.3))
            .last()
            .map(|r| r.3)
    }

    /// The first person referred to from token `at` within `range`.
    pub fn person_after(&self, range: Range<usize>, at: usize) -> Option<(usize, usize)> {
        self.refs_in(at..range.end).next().map(|r| (r.3, r.1))
    }

    fn has_group_phrase(&self, range: Range<usize>) -> bool {
        let tokens = self.analysis.tokens();
        let keys = self.analysis.tokenized.keys.as_bytes();
        // Keys as bytes, "" past the end, as `key` gives them: compared with ASCII words.
        let key = |i: usize| -> &[u8] {
            tokens
                .get(i)
                .and_then(|t| keys.get(t.key.range()))
                .unwrap_or_default()
        };
        let is = |word: &[u8], list: &[&str]| list.iter().any(|w| w.as_bytes() == word);
        // The tokens of `range` as a slice, walked without a bounds check per token.
        let end = range.end.min(tokens.len());
        let start = range.start.min(end);
        tokens[start..end]
            .iter()
            .enumerate()
            .any(|(offset, token)| {
                // Every first word below is in `GROUP_FIRST_WORDS`: its first byte and length
                // turn away nearly every token. (A key never ends before it starts; if one
                // did, its length would wrap and fail.)
                let Some(&first) = keys.get(token.key.start) else {
                    return false;
                };
                let len = token.key.end.wrapping_sub(token.key.start);
                if !GROUP_FIRST_WORDS.may_start(first, len) {
                    return false;
                }
                let i = start + offset;
                let k = key(i);
                is(k, GROUP_PRONOUNS)
                || matches!(k, b"two" | b"both" | b"three") && is(key(i + 1), GROUP_NOUNS)
                // "the leaders" refers back; "the leaders of the Quad" names a new group.
                || k == b"the"
                    && matches!(key(i + 1), b"leaders" | b"ministers" | b"sides")
                    && key(i + 2) != b"of"
                || k == b"national"
                    && key(i + 1) == b"security"
                    && matches!(key(i + 2), b"advisors" | b"advisers")
            })
    }

    /// "the Defence Ministers": every person holding the singular role, added to `holders`
    /// when not there yet.
    fn plural_role_holders(&self, range: Range<usize>, holders: &mut Vec<usize>) {
        let from = self.plural_roles.partition_point(|r| r.0 < range.start);
        for &(last, first, role) in &self.plural_roles[from..] {
            if last >= range.end {
                break;
            }
            if last == range.start || first < range.start {
                continue;
            }
            for &(_, e) in holders_of(&self.role_holders, role) {
                if !holders.contains(&e) {
                    holders.push(e);
                }
            }
        }
    }

    /// Countries the group phrase "both (the) countries" / "the two countries" names.
    pub fn group_countries(&self, range: Range<usize>) -> Vec<String> {
        let names_countries = range.clone().any(|i| {
            matches!(self.key(i), "both" | "two" | "three")
                && (matches!(self.key(i + 1), "countries" | "nations" | "governments")
                    || self.key(i + 1) == "the"
                        && matches!(self.key(i + 2), "countries" | "nations"))
        });
        if !names_countries {
            return Vec::new();
        }
        self.countries_of(&self.group)
    }

    /// The countries of people, in order, each once.
    pub fn countries_of(&self, people: &[usize]) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for &p in people {
            if let Some(c) = &self.resolution.entities[p].country {
                if !out.contains(c) {
                    out.push(c.clone());
                }
            }
        }
        out
    }

    /// Accepted mentions of `kinds` within tokens `range`, in order.
    pub fn mentions_in(&self, range: Range<usize>, kinds: &[EntityKind]) -> Vec<&'a MentionRecord> {
        self.mentions_of(range, kinds).collect()
    }

    /// [`FactContext::mentions_in`] as it finds them, for callers that read them once: no
    /// list made.
    pub fn mentions_of<'k>(
        &self,
        range: Range<usize>,
        kinds: &'k [EntityKind],
    ) -> impl Iterator<Item = &'a MentionRecord> + 'k
    where
        'a: 'k,
    {
        let resolution = self.resolution;
        let tokens = self.analysis.tokens();
        // An empty span finds no mention (none is empty).
        let span = if range.is_empty() || range.end > tokens.len() {
            Span::new(0, 0)
        } else {
            Span::new(
                tokens[range.start].span.start,
                tokens[range.end - 1].span.end,
            )
        };
        resolution
            .mentions_in(span)
            .map(|(_, m)| m)
            .filter(move |m| kinds.contains(&m.kind()))
    }

    /// Country codes mentioned in `range` (countries and demonyms, nested ones too).
    pub fn countries_in(&self, range: Range<usize>) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for m in self.mentions_of(range, &[EntityKind::Country]) {
            if let Some(code) = &self.resolution.entity_of(m).code {
                if !out.contains(code) {
                    out.push(code.clone());
                }
            }
        }
        out
    }

    /// The date nearest to token `at` in `range`: its value.
    pub fn date_near(&self, range: Range<usize>, at: usize) -> Option<String> {
        self.mentions_of(range, &[EntityKind::Date])
            .filter_map(|m| {
                let value = m.candidate.value.as_ref()?;
                let distance = if m.candidate.first >= at {
                    m.candidate.first - at
                } else {
                    at - m.candidate.end.min(at)
                };
                Some((distance, value))
            })
            .min_by_key(|(d, _)| *d)
            .map(|(_, v)| v.clone())
    }

    /// The place of an event in `range`: a location after "in"/"at", else a location right
    /// before the trigger ("Camp David Trilateral Summit"), else a country after "in".
    pub fn place_in(
        &self,
        range: Range<usize>,
        trigger: usize,
    ) -> Option<(String, Option<String>)> {
        let places = self.mentions_in(range.clone(), &[EntityKind::Location, EntityKind::Country]);
        let after_preposition = |m: &&MentionRecord| {
            let before = m.candidate.first.saturating_sub(1);
            let before2 = m.candidate.first.saturating_sub(2);
            matches!(self.key(before), "in" | "at" | "to" | "off" | "near")
                || self.key(before) == "the"
                    && matches!(self.key(before2), "in" | "at" | "to" | "off" | "near")
        };
        let distance = |m: &&&MentionRecord| {
            if m.candidate.first >= trigger {
                m.candidate.first - trigger
            } else {
                trigger - m.candidate.end.min(trigger)
            }
        };
        let pick = places
            .iter()
            .filter(|m| m.kind() == EntityKind::Location && after_preposition(m))
            .min_by_key(distance)
            .or_else(|| {
                places.iter().find(|m| {
                    m.kind() == EntityKind::Location
                        && m.candidate.end <= trigger
                        && trigger - m.candidate.end <= 3
                })
            })
            .or_else(|| {
                places
                    .iter()
                    .find(|m| m.kind() == EntityKind::Country && after_preposition(m))
            })?;
        let entity = self.resolution.entity_of(pick);
        Some((entity.name.clone(), self.place_country(pick)))
    }

    /// The country a place mention lies in.
    pub fn place_country(&self, m: &MentionRecord) -> Option<String> {
        let entity = self.resolution.entity_of(m);
        match m.kind() {
            EntityKind::Country => entity.code.clone(),
            _ => entity.country.clone(),
        }
    }

    /// Happened, planned, cancelled or negated, from the words before the trigger in its
    /// clause.
    pub fn status(&self, clause: Range<usize>, trigger: usize, planned_trigger: bool) -> Status {
        // At most five words before and four after: on the stack, not in two lists.
        let mut before = [""; 5];
        let window = trigger.saturating_sub(5).max(clause.start)..trigger;
        let mut n = 0;
        for (slot, i) in before.iter_mut().zip(window) {
            *slot = self.key(i);
            n += 1;
        }
        let words = &before[..n];
        let mut following = [""; 4];
        let mut n = 0;
        for (slot, i) in following
            .iter_mut()
            .zip(trigger..(trigger + 4).min(clause.end))
        {
            *slot = self.key(i);
            n += 1;
        }
        let after = &following[..n];
        if words.iter().chain(after).any(|w| CANCELLED.contains(w)) && !after.contains(&"on") {
            return Status::Cancelled;
        }
        if words.iter().any(|w| NEGATED.contains(w)) {
            return Status::Negated;
        }
        // "will travel to Washington next month for a summit": a future verb anywhere before
        // the trigger in its clause.
        let future_in_clause =
            (clause.start..trigger).any(|i| matches!(self.key(i), "will" | "shall"));
        if planned_trigger
            || future_in_clause
            || words.iter().any(|w| PLANNED.contains(w))
            || words.ends_with(&["to"])
                && words.len() >= 2
                && !matches!(words[words.len() - 2], "due" | "according")
        {
            return Status::Planned;
        }
        Status::Happened
    }

    /// Remembers who acts together, for later group phrases.
    pub fn remember_group(&mut self, sentence: usize, drafts: &[Draft]) {
        if let Some(d) = drafts
            .iter()
            .rev()
            .find(|d| d.kind == super::FactKind::Meeting && d.participants.len() >= 2)
        {
            self.group.clone_from(&d.participants);
            self.group_from_meeting = true;
            return;
        }
        if self.group_from_meeting {
            return;
        }
        // Into a spare list, swapped with the group when it becomes one: most sentences
        // name fewer than two people.
        let mut people = std::mem::take(&mut self.spare);
        people.clear();
        self.people_in_into(self.sentence_range(sentence), &mut people);
        if people.len() >= 2 {
            self.spare = std::mem::replace(&mut self.group, people);
        } else {
            self.spare = people;
        }
    }

    /// The title-case phrase around token `at` ("Agreement on Defense Cooperation"):
    /// capitalised words with lower-case function words between them.
    pub fn title_phrase(&self, range: Range<usize>, at: usize) -> Option<String> {
        let tokens = self.analysis.tokens();
        let capital = |i: usize| {
            tokens[i].shape.contains(Shape::CAPITALIZED)
                && !matches!(self.key(i), "the" | "a" | "an")
        };
        let joiner = |i: usize| matches!(self.key(i), "on" | "of" | "to" | "for" | "and" | "-");
        if !capital(at) {
            return None;
        }
        let mut start = at;
        while start > range.start
            && (capital(start - 1) || joiner(start - 1) && start >= 2 && capital(start - 2))
        {
            start -= 1;
        }
        while start < at && joiner(start) {
            start += 1;
        }
        let mut end = at + 1;
        while end < range.end
            && (capital(end) || joiner(end) && end + 1 < range.end && capital(end + 1))
        {
            end += 1;
        }
        if end - start < 2 {
            return None;
        }
        let span = tokens[start].span.cover(tokens[end - 1].span);
        Some(crate::text::collapse_whitespace(&self.text[span.range()]))
    }

    /// The name of an event that ends at token `end` ("Camp David Trilateral Summit",
    /// "G20 Leaders' Summit"): capitalised words and joiners to the left, stopping at
    /// people, roles and ranks.
    pub fn name_ending_at(&self, range: Range<usize>, end: usize) -> Option<String> {
        let tokens = self.analysis.tokens();
        let is_word = |i: usize| {
            let t = &tokens[i];
            (t.shape.contains(Shape::CAPITALIZED) || t.shape.contains(Shape::DIGIT))
                && !matches!(
                    self.key(i),
                    "the" | "a" | "an" | "during" | "at" | "in" | "on" | "of"
                )
                && self.resolution.mention_at(i).is_none_or(|m| {
                    !matches!(
                        m.kind(),
                        EntityKind::Person | EntityKind::Role | EntityKind::Rank | EntityKind::Date
                    )
                })
        };
        let glue = |i: usize| matches!(self.key(i), "-" | "'" | "'s" | "." | "of" | "and");
        let mut start = end;
        while start > range.start
            && (is_word(start - 1) || glue(start - 1) && start >= 2 && is_word(start - 2))
        {
            start -= 1;
        }
        if end - start < 2 {
            return None;
        }
        let span = tokens[start].span.cover(tokens[end - 1].span);
        Some(crate::text::collapse_whitespace(&self.text[span.range()]))
    }

    /// Turns a merged draft into the output fact.
    pub fn finish(&self, mut d: Draft, triggers: &super::Triggers) -> Fact {
        // The summary reads the draft; the details then take its strings.
        let summary = super::merge::summary(self, &d);
        let details = super::details(self, &mut d);
        let mut evidence = d.evidence;
        evidence.sort();
        evidence.dedup();
        let cover = evidence
            .iter()
            .copied()
            .reduce(|a, b| a.cover(b))
            .unwrap_or_default();
        Fact {
            details,
            status: d.status,
            summary,
            evidence: cover,
            evidence_spans: evidence,
            confidence: (d.confidence * 100.0).round() / 100.0,
            rule: d.rule.name(triggers),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every word a group phrase can start with passes the first-byte test.
    #[test]
    fn group_first_words_hold_every_opener() {
        for word in GROUP_PRONOUNS
            .iter()
            .chain(&["two", "both", "three", "the", "national"])
        {
            assert!(GROUP_FIRST_WORDS.may_contain(word), "{word}");
        }
    }

    /// Plural role phrases found through the class bit (as a lexicon built from the
    /// gazetteer gives it, from [`plural_role_keys`]) are those found by reading every
    /// token.
    #[test]
    fn plural_roles_by_class_bit_are_those_of_every_token() {
        let gazetteer = Gazetteer::parse(
            "g.tsv",
            "role\tDefence Minister\nrole\tForeign Secretary\nrole\tPresident\n\
             role\tChief of Staff\nrole\tPremier ministre\n",
        )
        .unwrap();
        let keys = plural_role_keys(&gazetteer);
        assert!(keys.iter().any(|k| k == "ministers"), "{keys:?}");
        let mut role_holders = vec![
            ("Defence Minister", 0),
            ("Foreign Secretary", 1),
            ("President", 2),
            ("Chief of Staff", 3),
            ("Premier ministre", 4),
        ];
        role_holders.sort_unstable();
        let vocabulary = [
            "Defence",
            "Ministers",
            "ministers",
            "MINISTERS",
            "Foreign",
            "Secretarys",
            "Presidents",
            "Staffs",
            "Chief",
            "of",
            "the",
            ",",
            "Premier",
            "Ministres",
            "Ms",
        ];
        let mut seed = 11u64;
        let mut next = |n: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize % n
        };
        let mut found = 0;
        for _ in 0..2000 {
            let mut text = String::new();
            for _ in 0..next(30) {
                text.push_str(vocabulary[next(vocabulary.len())]);
                text.push_str([" ", "  ", "\n"][next(3)]);
            }
            let analysis = Analysis::new(&text);
            let classes: Vec<u8> = (0..analysis.tokens().len())
                .map(|i| {
                    let key = analysis.tokenized.key(i);
                    if keys.iter().any(|k| k == key) {
                        PLURAL_ROLE
                    } else {
                        0
                    }
                })
                .collect();
            let by_class =
                plural_roles(&text, &analysis, &gazetteer, &role_holders, Some(&classes));
            let every = plural_roles(&text, &analysis, &gazetteer, &role_holders, None);
            assert_eq!(by_class.plural_roles, every.plural_roles, "{text:?}");
            found += every.plural_roles.len();
        }
        assert!(found > 500, "{found}");
    }

    /// Clauses end at a boundary mark with a space before it and at a comma before a
    /// joining word; other punctuation, and marks joined to the word before, do not.
    #[test]
    fn clauses_end_at_boundary_marks_only() {
        let text = "The co-chairs met, then talked; talks ; on trade: went — well : here, and \
                    later, which ended.";
        let analysis = Analysis::new(text);
        let gazetteer = Gazetteer::parse("g.tsv", "").unwrap();
        let resolution = Resolution::default();
        let cx = FactContext::new(text, &analysis, &gazetteer, &resolution, None, None);
        let words = |range: Range<usize>| {
            range
                .map(|i| cx.key(i).to_string())
                .collect::<Vec<_>>()
                .join(" ")
        };
        let mut clauses = Vec::new();
        let mut at = 0;
        let sentence = cx.sentence_range(0);
        while at < sentence.end {
            let clause = cx.clause(0, at);
            clauses.push(words(clause.clone()));
            at = clause.end + 1;
        }
        assert_eq!(
            clauses,
            [
                "the co - chairs met , then talked ; talks",
                "on trade : went",
                "well",
                "here",
                "and later",
                "which ended ."
            ]
        );
    }

    /// A group phrase counts when its first word lies in the range, wherever the range
    /// starts and ends (past the text's end too).
    #[test]
    fn group_phrases_are_found_by_their_first_word() {
        let text = "Alpha met beta. They met the two ministers and both leaders there.";
        let analysis = Analysis::new(text);
        let gazetteer = Gazetteer::parse("g.tsv", "").unwrap();
        let resolution = Resolution::default();
        let cx = FactContext::new(text, &analysis, &gazetteer, &resolution, None, None);
        let firsts: Vec<usize> = (0..analysis.tokens().len())
            .filter(|&i| cx.has_group_phrase(i..i + 1))
            .collect();
        let keys: Vec<&str> = firsts.iter().map(|&i| cx.key(i)).collect();
        assert_eq!(keys, ["they", "two", "both"]);
        let len = analysis.tokens().len();
        for start in 0..len + 2 {
            for end in start..len + 3 {
                let expected = firsts.iter().any(|&i| i >= start && i < end);
                assert_eq!(cx.has_group_phrase(start..end), expected, "{start}..{end}");
            }
        }
    }
}
