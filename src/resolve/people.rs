//! People no gazetteer knows, and what the text says about everyone's rank, role and
//! country.
//!
//! A person is introduced by a chain of titles before a capitalised name:
//!
//! ```text
//! [country|demonym ['s]] (role | rank | honorific)+ [of [the] country] ... NAME [of [the] country]
//! "Israeli Minister of Defense Benjamin Gantz"
//! "the Defence Minister of Kazakhstan Lieutenant General Nurlan Yermekbayev"
//! "Defence Secretary Dr. Ajay Kumar", "President Pedro Sanchez of Spain"
//! ```
//!
//! A name is one to four capitalised words, with initials ("Joseph R. Biden"), particles
//! ("bin", "al", "van der"), hyphenated parts ("Akufo-Addo"), a quoted nickname that is kept
//! out of the canonical name ("Benjamin “Benny” Gantz") and a suffix ("Jr.").
//!
//! Title Case lines (headlines) capitalise every word, so a title there is followed by
//! anything: "President Biden Announces Intent". In such lines a name is kept only as far
//! as it is confirmed: a name found in the body, or a gazetteer person.

use std::sync::LazyLock;

use super::{Candidate, Origin, Resolution};
use crate::Span;
use crate::fxhash::{Prefilter, padded};
use crate::gazetteer::{EntityKind, Gazetteer, is_name_suffix};
use crate::text::{Analysis, Shape, Token, normalize_into};

/// Honorifics written before a name; with or without a period.
const HONORIFICS: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "prof",
    "professor",
    "shri",
    "smt",
    "sir",
    "dame",
    "mx",
    "sheikh",
    "sheikha",
    "madam",
    "madame",
    "monsieur",
    "herr",
    "frau",
    "senor",
    "senora",
    "hon",
    "rev",
];

/// Capitalised words that are never part of a name.
const NOT_NAMES: &[&str] = &[
    "the",
    "a",
    "an",
    "and",
    "or",
    "but",
    "of",
    "in",
    "on",
    "at",
    "for",
    "to",
    "with",
    "by",
    "from",
    "as",
    "this",
    "that",
    "these",
    "those",
    "his",
    "her",
    "their",
    "its",
    "our",
    "my",
    "your",
    "during",
    "after",
    "before",
    "while",
    "it",
    "he",
    "she",
    "they",
    "we",
    "i",
    "you",
    "also",
    "today",
    "tonight",
    "yesterday",
    "tomorrow",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "said",
    "says",
    "will",
    "would",
    "has",
    "had",
    "have",
    "is",
    "was",
    "are",
    "were",
    "who",
    "which",
    "when",
    "where",
    "what",
    "how",
    "if",
    "however",
    "meanwhile",
    "both",
    "all",
    "each",
    "readout",
    "statement",
    "office",
    "ministry",
    "department",
    "government",
    "administration",
    "minister",
    "ministers",
    "president",
    "secretary",
    "general",
    "chief",
    "staff",
    "deputy",
    "vice",
    "state",
    "union",
    "national",
    "security",
    "defence",
    "defense",
    "foreign",
    "affairs",
    "army",
    "navy",
    "air",
    "force",
    "forces",
    "command",
    "council",
    "committee",
    "meeting",
    "talks",
    "summit",
    "visit",
    "call",
    "trip",
    "travel",
    "nominee",
    "nominate",
    "nominates",
    "announces",
    "welcomes",
    "meets",
    "holds",
    "congratulates",
    "key",
    "roles",
    "role",
    "further",
    "other",
    "senior",
    "new",
    "former",
    "acting",
    "then",
    "now",
    "here",
    "there",
    "not",
    "no",
    "yes",
    "because",
    "since",
    "until",
    "into",
    "over",
    "under",
    "about",
    "against",
    "between",
    "among",
    "through",
    "than",
    "via",
    "per",
    "amid",
    "within",
    "without",
    "upon",
    "toward",
    "towards",
    "across",
    "behind",
    "beyond",
    "near",
    "off",
];

/// Lower-case particles inside names.
const PARTICLES: &[&str] = &[
    "bin", "binti", "ibn", "bint", "al", "el", "van", "von", "der", "den", "de", "del", "della",
    "di", "da", "dos", "das", "du", "la", "le", "ter", "ten", "zu", "abu", "ul", "ur", "e",
];

/// Bits of [`word_lists`]: the lists a word is in.
mod list {
    /// In [`super::NOT_NAMES`].
    pub const NOT_NAME: u8 = 1;
    /// In [`super::HONORIFICS`].
    pub const HONORIFIC: u8 = 1 << 1;
    /// In [`super::PARTICLES`].
    pub const PARTICLE: u8 = 1 << 2;
}

/// The lists [`list`] a word is in (0 for none): honorifics and non-names are asked of
/// every capitalised word, particles at the end of names.
#[inline]
fn word_lists(word: &str) -> u8 {
    static TABLE: LazyLock<ListTable> = LazyLock::new(ListTable::new);
    TABLE.get(word.as_bytes())
}

/// True for words in [`NOT_NAMES`]: asked of every capitalised word that may be a name.
/// The prefilter turns most other words away before the table is probed.
fn is_not_name(key: &str) -> bool {
    static FILTER: Prefilter = Prefilter::new(NOT_NAMES);
    FILTER.may_contain(key) && word_lists(key) & list::NOT_NAME != 0
}

/// True for words in [`HONORIFICS`]: asked for every token a title chain could start at.
fn is_honorific(key: &str) -> bool {
    static FILTER: Prefilter = Prefilter::new(HONORIFICS);
    FILTER.may_contain(key) && word_lists(key) & list::HONORIFIC != 0
}

/// True for words in [`PARTICLES`] (as written): asked at the end of every name.
fn is_particle(word: &str) -> bool {
    static FILTER: Prefilter = Prefilter::new(PARTICLES);
    FILTER.may_contain(word) && word_lists(word) & list::PARTICLE != 0
}

/// Log2 of the slots of [`ListTable`]: room for twice the words of the lists.
const LIST_TABLE_BITS: u32 = 9;
// At most half the slots full, so that an empty slot ends every probe (a full table would
// never end one): a longer list needs more bits.
const _: () =
    assert!(NOT_NAMES.len() + HONORIFICS.len() + PARTICLES.len() <= (1 << LIST_TABLE_BITS) / 2);

/// The fixed word lists in one open-addressed table. A word of up to sixteen bytes is two
/// zero-padded `u64`s and a length, so a look-up loads and multiplies twice and compares a
/// slot or two; no byte loop and no string comparison. Only the crate's words are inserted,
/// so the text cannot lengthen the probes.
struct ListTable {
    slots: Box<[ListSlot]>,
}

#[derive(Clone, Copy, Default)]
struct ListSlot {
    low: u64,
    high: u64,
    /// 0 for an empty slot.
    len: u8,
    lists: u8,
}

impl ListTable {
    /// Longest word the table holds.
    const MAX_LEN: usize = 16;
    const MASK: usize = (1 << LIST_TABLE_BITS) - 1;

    fn new() -> ListTable {
        let mut slots = vec![ListSlot::default(); 1 << LIST_TABLE_BITS].into_boxed_slice();
        for (words, lists) in [
            (NOT_NAMES, list::NOT_NAME),
            (HONORIFICS, list::HONORIFIC),
            (PARTICLES, list::PARTICLE),
        ] {
            for word in words {
                let bytes = word.as_bytes();
                // The crate's lists hold no empty or longer word (a test checks).
                let Ok(len @ 1..) = u8::try_from(bytes.len()) else {
                    continue;
                };
                if bytes.len() > Self::MAX_LEN {
                    continue;
                }
                let (low, high) = Self::halves(bytes);
                let mut at = Self::slot_of(low, high);
                loop {
                    let slot = &mut slots[at];
                    if slot.len == 0 {
                        *slot = ListSlot {
                            low,
                            high,
                            len,
                            lists,
                        };
                        break;
                    }
                    if slot.len == len && slot.low == low && slot.high == high {
                        slot.lists |= lists;
                        break;
                    }
                    at = (at + 1) & Self::MASK;
                }
            }
        }
        ListTable { slots }
    }

    #[inline]
    fn halves(word: &[u8]) -> (u64, u64) {
        match word.split_at_checked(8) {
            Some((low, high)) => (padded(low), padded(high)),
            None => (padded(word), 0),
        }
    }

    fn slot_of(low: u64, high: u64) -> usize {
        ((low ^ high.rotate_left(29)).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - LIST_TABLE_BITS))
            as usize
    }

    #[inline]
    fn get(&self, word: &[u8]) -> u8 {
        if word.is_empty() || word.len() > Self::MAX_LEN {
            return 0;
        }
        let (low, high) = Self::halves(word);
        let mut at = Self::slot_of(low, high);
        // Half the slots at most are full, so an empty one ends every probe.
        loop {
            let Some(slot) = self.slots.get(at) else {
                return 0;
            };
            if slot.len == 0 {
                return 0;
            }
            if slot.low == low && slot.high == high && usize::from(slot.len) == word.len() {
                return slot.lists;
            }
            at = (at + 1) & Self::MASK;
        }
    }
}

/// Punctuation beyond ASCII that names are written with, as bytes (tokens are compared as
/// bytes).
const HYPHEN: &[u8] = "‐".as_bytes();
const EN_DASH: &[u8] = "–".as_bytes();
const OPEN_DOUBLE: &[u8] = "“".as_bytes();
const OPEN_SINGLE: &[u8] = "‘".as_bytes();
const CLOSE_DOUBLE: &[u8] = "”".as_bytes();
const CLOSE_SINGLE: &[u8] = "’".as_bytes();

/// Markers of a retired officer between rank and name: "Gen. (retd) X".
const RETIRED: &[&str] = &["retd", "retired", "ret", "rtd"];

/// What the text says about a person mention: its rank, roles and country.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PersonAttributes {
    /// The person mention's span.
    pub person: Span,
    /// The rank's canonical name.
    pub rank: Option<String>,
    /// The roles' canonical names.
    pub roles: Vec<String>,
    /// Country code.
    pub country: Option<String>,
}

/// Person mentions found, and the attributes of every person mention (found here or in the
/// gazetteer).
#[derive(Clone, Debug, Default)]
pub struct People {
    /// All accepted mentions, person mentions from names added.
    pub mentions: Vec<Candidate>,
    /// Attributes, per person mention.
    pub attributes: Vec<PersonAttributes>,
}

/// `'a`: the document and its analysis; `'g`: the gazetteer, whose names the attributes
/// found borrow past the walk.
struct Context<'a, 'g> {
    text: &'a str,
    analysis: &'a Analysis,
    gazetteer: &'g Gazetteer,
    /// For each token, one more than the index of the accepted candidate covering it, or 0
    /// for none: a zeroed list, four bytes a token.
    covered: Vec<u32>,
    accepted: &'a [Candidate],
    /// For each token, the [`flag`] bits: what the walk asks of every token and its
    /// neighbours, answered once, a byte a token.
    flags: Vec<u8>,
}

/// Bits of [`Context::flags`].
mod flag {
    /// Capitalised.
    pub const CAPITALIZED: u8 = 1;
    /// The first token of the candidate covering it.
    pub const STARTS: u8 = 1 << 1;
    /// Can be a word of a name ([`super::Context::compute_name_word`]).
    pub const NAME_WORD: u8 = 1 << 2;
    /// In a Title Case sentence; set for tokens that may start a person only.
    pub const TITLE_LINE: u8 = 1 << 3;
    /// Capitalised and an honorific.
    pub const HONORIFIC: u8 = 1 << 4;
    /// Inside a name found (set after the walk, for bare surnames).
    pub const IN_NAME: u8 = 1 << 5;
}

impl<'g> Context<'_, 'g> {
    fn tokens(&self) -> &[Token] {
        self.analysis.tokens()
    }

    fn word(&self, i: usize) -> &str {
        self.tokens()
            .get(i)
            .and_then(|t| self.text.get(t.span.range()))
            .unwrap_or("")
    }

    fn key(&self, i: usize) -> &str {
        self.tokens()
            .get(i)
            .and_then(|t| self.analysis.tokenized.keys.get(t.key.range()))
            .unwrap_or("")
    }

    /// Token `i` as bytes: compared with punctuation and fixed words, which needs no check
    /// of character boundaries.
    fn word_bytes(&self, i: usize) -> &[u8] {
        self.tokens()
            .get(i)
            .and_then(|t| self.text.as_bytes().get(t.span.range()))
            .unwrap_or(b"")
    }

    /// The key of token `i` as bytes, for comparisons.
    fn key_bytes(&self, i: usize) -> &[u8] {
        self.tokens()
            .get(i)
            .and_then(|t| self.analysis.tokenized.keys.as_bytes().get(t.key.range()))
            .unwrap_or(b"")
    }

    fn flags(&self, i: usize) -> u8 {
        self.flags.get(i).copied().unwrap_or(0)
    }

    fn glued(&self, i: usize) -> bool {
        self.tokens().get(i).is_some_and(|t| !t.space_before)
    }

    fn candidate_at(&self, i: usize) -> Option<(usize, &Candidate)> {
        let c = (*self.covered.get(i)? as usize).checked_sub(1)?;
        Some((c, self.accepted.get(c)?))
    }

    fn starts_candidate(&self, i: usize, kinds: &[EntityKind]) -> Option<(usize, &Candidate)> {
        self.candidate_at(i)
            .filter(|(_, c)| c.first == i && kinds.contains(&c.kind))
    }

    /// Whether token `i` is capitalised or starts a mention: every title chain, gazetteer
    /// person and name starts so, and most tokens are neither, so this is asked first.
    fn may_start_person(&self, i: usize) -> bool {
        self.flags(i) & (flag::CAPITALIZED | flag::STARTS) != 0
    }

    /// Whether a chain of titles may start at token `i`: a chain starts with a country, role
    /// or rank mention or a capitalised honorific, and most capitalised words are none of
    /// these. Asked before [`chain_at`] in the walk over the tokens, so that most tokens
    /// cost no call.
    #[inline(always)]
    fn may_start_chain(&self, i: usize) -> bool {
        let flags = self.flags(i);
        flags & flag::HONORIFIC != 0
            || flags & flag::STARTS != 0
                && self
                    .starts_candidate(
                        i,
                        &[EntityKind::Country, EntityKind::Role, EntityKind::Rank],
                    )
                    .is_some()
    }

    fn is_name_word(&self, i: usize) -> bool {
        self.flags(i) & flag::NAME_WORD != 0
    }

    /// Whether token `i` can be a word of a name: capitalised, two letters or more, no
    /// digit, not all capitals unless its sentence is, not a stop word, not part of another
    /// kind of mention.
    fn compute_name_word(&self, i: usize, all_caps_sentence: &mut [Option<bool>]) -> bool {
        let token = &self.tokens()[i];
        token.shape.contains(Shape::CAPITALIZED)
            && !token.shape.contains(Shape::DIGIT)
            && token.span.len() >= 2
            && (!token.shape.contains(Shape::ALL_CAPS) || {
                let n = self.analysis.sentence_of[i] as usize;
                *all_caps_sentence[n].get_or_insert_with(|| {
                    self.analysis.tokens()[self.analysis.sentences[n].tokens()]
                        .iter()
                        .filter(|t| t.shape.contains(Shape::ALPHA))
                        .all(|t| t.shape.contains(Shape::ALL_CAPS) || t.span.len() == 1)
                })
            })
            && self
                .candidate_at(i)
                .is_none_or(|(_, c)| c.kind == EntityKind::Person)
            && has_two_letters(self.word(i))
            && !is_not_name(self.key(i))
    }

    /// Whether a name whose first word is just before token `i` may go on at `i` (to a
    /// second word): only through a capitalised token (a word, an initial), a hyphen or a
    /// quote, or a particle. Most single words are followed by none of these, and are
    /// turned away without parsing.
    fn may_continue_name(&self, i: usize) -> bool {
        self.flags(i) & flag::CAPITALIZED != 0
            || match self.word_bytes(i) {
                // "-", "\"", "'", and the hyphens, dashes and quotes of U+2010..U+201F.
                [b'-' | b'"' | b'\'' | 0xE2, ..] => true,
                _ => is_particle(self.word(i)),
            }
    }

    /// "R." in "Joseph R. Biden".
    fn is_initial(&self, i: usize) -> bool {
        self.is_bare_initial(i) && self.period_glued_after(i)
    }

    /// Whether a period is glued to token `i`: the rest of [`Context::is_initial`].
    fn period_glued_after(&self, i: usize) -> bool {
        self.word_bytes(i + 1) == b"." && self.glued(i + 1)
    }

    /// A capital letter alone: "M M Naravane" writes initials without periods.
    fn is_bare_initial(&self, i: usize) -> bool {
        self.tokens()
            .get(i)
            .is_some_and(|t| t.shape.contains(Shape::CAPITALIZED) && is_one_char(self.word(i)))
            && self.word(i).chars().all(char::is_alphabetic)
    }

    fn country_at(&self, i: usize) -> Option<&'g str> {
        let (_, c) = self.starts_candidate(i, &[EntityKind::Country])?;
        let (entry, _) = c.entry?;
        let gazetteer: &'g Gazetteer = self.gazetteer;
        gazetteer.entries()[entry].code.as_deref()
    }
}

/// Whether `word` has two letters or more; two ASCII letters first answer at once.
fn has_two_letters(word: &str) -> bool {
    matches!(word.as_bytes(), [a, b, ..] if a.is_ascii_alphabetic() && b.is_ascii_alphabetic())
        || word.chars().filter(|c| c.is_alphabetic()).count() >= 2
}

/// Whether `word` is one character: a character is one to four bytes, so most words are
/// answered by their length.
fn is_one_char(word: &str) -> bool {
    match word.len() {
        0 => false,
        1 => true,
        5.. => false,
        _ => word.chars().count() == 1,
    }
}

/// What a chain of titles says, borrowed from the gazetteer: most chains introduce no
/// person, so [`PersonAttributes`] (which own their strings) are built only for those that
/// do.
#[derive(Default)]
pub(crate) struct Titles<'a> {
    rank: Option<&'a str>,
    roles: Roles<'a>,
    country: Option<&'a str>,
}

/// The roles of a title chain, in order: nearly every chain has one or two, kept in place,
/// and a list is allocated only past those (most chains read are dropped unused).
#[derive(Clone, Default)]
pub(crate) struct Roles<'a> {
    first: [&'a str; Roles::IN_PLACE],
    /// How many of `first` are set.
    len: usize,
    more: Vec<&'a str>,
}

impl<'a> Roles<'a> {
    const IN_PLACE: usize = 2;

    fn push(&mut self, role: &'a str) {
        match self.first.get_mut(self.len) {
            Some(slot) => {
                *slot = role;
                self.len += 1;
            }
            None => self.more.push(role),
        }
    }

    fn iter(&self) -> impl Iterator<Item = &'a str> + '_ {
        self.first[..self.len].iter().chain(&self.more).copied()
    }

    fn contains(&self, role: &str) -> bool {
        self.iter().any(|r| r == role)
    }
}

/// [`PersonAttributes`] as found, borrowing the gazetteer's names: most are never attached
/// (the mention joins an entity that has them already, or none), and only the strings an
/// entity takes are copied.
pub(crate) struct Described<'a> {
    person: Span,
    titles: Titles<'a>,
}

impl Described<'_> {
    /// The owned form.
    fn to_owned(&self) -> PersonAttributes {
        PersonAttributes {
            person: self.person,
            rank: self.titles.rank.map(str::to_string),
            roles: self.titles.roles.iter().map(str::to_string).collect(),
            country: self.titles.country.map(str::to_string),
        }
    }
}

impl<'a> From<&'a PersonAttributes> for Described<'a> {
    fn from(attrs: &'a PersonAttributes) -> Described<'a> {
        let mut roles = Roles::default();
        for role in &attrs.roles {
            roles.push(role);
        }
        Described {
            person: attrs.person,
            titles: Titles {
                rank: attrs.rank.as_deref(),
                roles,
                country: attrs.country.as_deref(),
            },
        }
    }
}

impl<'a> Titles<'a> {
    /// Adds what `from` says and `self` does not: the rank and country if `self` has none,
    /// the roles not already there.
    fn merge(&mut self, from: Option<Titles<'a>>) {
        let Some(from) = from else {
            return;
        };
        if self.rank.is_none() {
            self.rank = from.rank;
        }
        for role in from.roles.iter() {
            if !self.roles.contains(role) {
                self.roles.push(role);
            }
        }
        if self.country.is_none() {
            self.country = from.country;
        }
    }

    /// The attributes of the person at `person`.
    fn attributes(self, person: Span) -> Described<'a> {
        Described {
            person,
            titles: self,
        }
    }
}

/// Most words a name has.
const MAX_NAME_WORDS: usize = 4;

/// A parsed name: tokens `first..end`, the canonical form, the real words (not initials,
/// particles or a suffix).
struct Name {
    first: usize,
    end: usize,
    canonical: String,
    /// The words joined by single spaces, when they differ from the canonical form (it has
    /// initials, particles or a suffix): most names are their words, and get one string.
    /// Both are empty when the strings were not built.
    words: Option<String>,
    /// Where each word ends in [`Name::words`]; the first `count` are set.
    word_ends: [usize; MAX_NAME_WORDS],
    /// Number of words.
    count: usize,
}

impl Name {
    /// The words joined by single spaces.
    fn words(&self) -> &str {
        self.words.as_deref().unwrap_or(&self.canonical)
    }

    /// The first `n` words, joined by single spaces.
    fn first_words(&self, n: usize) -> &str {
        match n.checked_sub(1).and_then(|last| self.word_ends.get(last)) {
            Some(&end) => self.words().get(..end).unwrap_or(""),
            None => "",
        }
    }

    /// Word `k`.
    fn word(&self, k: usize) -> &str {
        let start = match k
            .checked_sub(1)
            .and_then(|before| self.word_ends.get(before))
        {
            Some(&end_before) => end_before + 1,
            None => 0,
        };
        // A name whose strings were not built has no words to give: "".
        let end = self.word_ends.get(k).copied().unwrap_or(0);
        self.words().get(start..end).unwrap_or("")
    }

    /// The last word, if any.
    fn last_word(&self) -> Option<&str> {
        self.count.checked_sub(1).map(|k| self.word(k))
    }
}

/// Finds people in the accepted candidates' gaps and the attributes of every person.
pub fn find_people(
    text: &str,
    analysis: &Analysis,
    gazetteer: &Gazetteer,
    accepted: &[Candidate],
    document_year: Option<i32>,
) -> People {
    let found = find_people_in(text, analysis, gazetteer, accepted.to_vec(), document_year);
    People {
        attributes: found.attributes.iter().map(Described::to_owned).collect(),
        mentions: found.mentions,
    }
}

/// [`People`] as [`find_people_in`] gives them: the attributes borrow the gazetteer's names.
pub(crate) struct PeopleIn<'a> {
    pub(crate) mentions: Vec<Candidate>,
    pub(crate) attributes: Vec<Described<'a>>,
}

/// [`find_people`], taking the accepted candidates by value: they become the first of
/// [`People::mentions`] without a copy. The attributes are left borrowed, for
/// [`attach_attributes_in`].
pub(crate) fn find_people_in<'a>(
    text: &str,
    analysis: &Analysis,
    gazetteer: &'a Gazetteer,
    accepted: Vec<Candidate>,
    document_year: Option<i32>,
) -> PeopleIn<'a> {
    let mut covered = vec![0u32; analysis.tokens().len()];
    for (n, c) in accepted.iter().enumerate() {
        // Candidates past the four billionth (never met) cover nothing.
        let Some(covering) = u32::try_from(n).ok().and_then(|n| n.checked_add(1)) else {
            break;
        };
        if !c.nested {
            // A malformed candidate (first past end) covers nothing.
            let range = c.first..c.end.min(analysis.tokens().len());
            for slot in covered.get_mut(range).into_iter().flatten() {
                *slot = covering;
            }
        }
    }
    let title_case: Vec<bool> = (0..analysis.sentences.len())
        .map(|n| analysis.is_title_case(text, n))
        .collect();
    let tokens = analysis.tokens();
    let mut flags = vec![0u8; tokens.len()];
    // The tokens a mention starts at, in order (for the list below).
    let mut mention_starts = Vec::with_capacity(accepted.len());
    for (n, c) in accepted.iter().enumerate() {
        // The candidate that covers its first token starts there.
        if covered.get(c.first).is_some_and(|&k| k as usize == n + 1) {
            flags[c.first] |= flag::STARTS;
            mention_starts.push(c.first);
        }
    }
    mention_starts.sort_unstable();
    mention_starts.dedup();
    let mut cx = Context {
        text,
        analysis,
        gazetteer,
        covered,
        accepted: &accepted,
        flags: Vec::new(),
    };
    // Whether each sentence is in capitals alone: asked only of words in capitals, so
    // worked out for the sentence of the first one.
    let mut all_caps_sentence: Vec<Option<bool>> = vec![None; analysis.sentences.len()];
    // The tokens a person may start at (capitalised, or starting a mention), in order:
    // the walks below visit these alone, and most tokens are neither.
    // They are the capitalised tokens the analysis listed (with the numbers, passed over
    // here) merged with the tokens a mention starts at: no loop over every token.
    let mut may_start =
        Vec::with_capacity(analysis.capitalized_or_numeric.len() + mention_starts.len());
    let mut starts = mention_starts.iter().copied().peekable();
    for i in analysis.capitalized_or_numeric.iter().map(|&i| i as usize) {
        while let Some(start) = starts.next_if(|&start| start < i) {
            may_start.push(start);
        }
        starts.next_if_eq(&i);
        if tokens
            .get(i)
            .is_some_and(|t| t.shape.contains(Shape::CAPITALIZED))
            || flags.get(i).is_some_and(|&bits| bits != 0)
        {
            may_start.push(i);
        }
    }
    may_start.extend(starts);
    for &i in &may_start {
        let mut bits = flags[i];
        if tokens[i].shape.contains(Shape::CAPITALIZED) {
            bits |= flag::CAPITALIZED;
            if cx.compute_name_word(i, &mut all_caps_sentence) {
                bits |= flag::NAME_WORD;
            }
            if is_honorific(cx.key(i)) {
                bits |= flag::HONORIFIC;
            }
        }
        if title_case[analysis.sentence_of[i] as usize] {
            bits |= flag::TITLE_LINE;
        }
        flags[i] = bits;
    }
    cx.flags = flags;
    let mut found: Vec<(Name, Described, bool)> = Vec::new();
    let mut attributes = Vec::new();
    // Body lines first, so that headlines can be checked against the names they confirm.
    for pass_title_case in [false, true] {
        // Names of the body (found before this pass), built when a Title Case line first
        // needs them: most documents never do.
        let found_before = found.len();
        let mut known: Option<Known> = None;
        let mut i = 0;
        let mut next = 0;
        loop {
            // Titles, gazetteer people and names all start with a mention or a capital:
            // the next such token at or after `i` in a sentence of this pass.
            while may_start.get(next).is_some_and(|&at| {
                at < i || (cx.flags[at] & flag::TITLE_LINE != 0) != pass_title_case
            }) {
                next += 1;
            }
            let Some(&at) = may_start.get(next) else {
                break;
            };
            i = at;
            next += 1;
            let chain = if cx.may_start_chain(i) {
                chain_at(&cx, i)
            } else {
                None
            };
            match chain {
                Some((mut end, mut titles)) if end > i => {
                    // "the Defence Minister of Kazakhstan, Nurlan Yermekbayev"
                    if !person_starts_at(&cx, end) && cx.word_bytes(end) == b"," {
                        end += 1;
                    }
                    match parse_person_at(&cx, end) {
                        Some(PersonAt::Gazetteer(candidate)) => {
                            let person_end = cx.accepted[candidate].end;
                            titles.country =
                                titles.country.or_else(|| trailing_country(&cx, person_end));
                            titles.merge(apposition_after(&cx, person_end));
                            attributes.push(titles.attributes(cx.accepted[candidate].span));
                            i = person_end;
                        }
                        Some(PersonAt::Name(name)) => {
                            let name = if pass_title_case {
                                let known = known
                                    .get_or_insert_with(|| Known::new(&cx, &found[..found_before]));
                                confirm(&cx, name, known)
                            } else {
                                Some(name)
                            };
                            if let Some(name) = name {
                                titles.country =
                                    titles.country.or_else(|| trailing_country(&cx, name.end));
                                titles.merge(apposition_after(&cx, name.end));
                                let person = cx.tokens()[name.first]
                                    .span
                                    .cover(cx.tokens()[name.end - 1].span);
                                i = name.end;
                                found.push((name, titles.attributes(person), pass_title_case));
                            } else {
                                i = end;
                            }
                        }
                        None => i = end,
                    }
                }
                _ => {
                    // A gazetteer person with an apposition: "Rajnath Singh, India's Defence
                    // Minister, said".
                    if let Some((_, c)) = cx.starts_candidate(i, &[EntityKind::Person]) {
                        if let Some(extra) = apposition_after(&cx, c.end) {
                            let mut titles = Titles::default();
                            titles.merge(Some(extra));
                            attributes.push(titles.attributes(c.span));
                        }
                        i = c.end;
                        continue;
                    }
                    // A name no title introduces: "Nurlan Yermekbayev, Kazakhstan's Defence
                    // Minister, ...", "said Jane Doe", "Jane Doe said".
                    if !pass_title_case
                        && cx.is_name_word(i)
                        && (i == 0 || !cx.is_name_word(i - 1))
                        && cx.may_continue_name(i + 1)
                    {
                        // Its strings are built only for a name that is kept.
                        let name_here = parse_name_with::<false>(&cx, i);
                        if let Some(extent) = name_here.filter(|n| n.count >= 2) {
                            let apposition = apposition_after(&cx, extent.end);
                            let speaker = matches!(
                                cx.key_bytes(extent.end),
                                b"said" | b"says" | b"told" | b"added" | b"stated"
                            ) || i > 0
                                && matches!(
                                    cx.key_bytes(i - 1),
                                    b"said" | b"says" | b"told" | b"added"
                                );
                            let name = (apposition.is_some() || speaker)
                                .then(|| parse_name(&cx, i))
                                .flatten();
                            if let Some(name) = name {
                                let person = cx.tokens()[name.first]
                                    .span
                                    .cover(cx.tokens()[name.end - 1].span);
                                let mut titles = Titles::default();
                                titles.merge(apposition);
                                i = name.end;
                                found.push((name, titles.attributes(person), false));
                                continue;
                            }
                        }
                    }
                    i += 1;
                }
            }
        }
    }
    for (name, _, _) in &found {
        for bits in cx.flags.get_mut(name.first..name.end).into_iter().flatten() {
            *bits |= flag::IN_NAME;
        }
    }
    let surnames = bare_surnames(&cx, &may_start, &found, document_year);
    let mut named = Vec::with_capacity(found.len());
    for (name, attrs, _) in found {
        let span = attrs.person;
        named.push(Candidate {
            first: name.first,
            end: name.end,
            span,
            kind: EntityKind::Person,
            entry: resolve_in_gazetteer(&cx, &name, &attrs),
            name: Some(name.canonical),
            value: None,
            origin: Origin::Pattern("title_name"),
            nested: false,
        });
        attributes.push(attrs);
    }
    // Gazetteer people carry their country even without a title. The spans described, in
    // a sorted list: positions in the text are not hashed.
    let mut described: Vec<Span> = attributes.iter().map(|a| a.person).collect();
    described.sort_unstable();
    for c in accepted.iter().filter(|c| c.kind == EntityKind::Person) {
        if described.binary_search(&c.span).is_err() {
            attributes.push(Described {
                person: c.span,
                titles: Titles::default(),
            });
        }
    }
    let mut mentions = accepted;
    mentions.reserve(surnames.len() + named.len());
    mentions.extend(surnames);
    mentions.extend(named);
    let person_at = SpanIndex::new(
        mentions
            .iter()
            .filter(|c| c.kind == EntityKind::Person)
            .map(|c| (c.span, c)),
    );
    for a in &mut attributes {
        if a.titles.country.is_none() {
            a.titles.country = person_at
                .get(a.person)
                .and_then(|c| c.entry)
                .and_then(|(e, n)| gazetteer.entries()[e].attribute(n, "country"));
        }
    }
    PeopleIn {
        mentions,
        attributes,
    }
}

/// Surnames standing alone ("Singh is on an official visit", "Putin's war"): a capitalised
/// word, not covered by another mention, that is the last word of a person named in full in
/// this document, or of exactly one gazetteer person in office in the document's year.
fn bare_surnames(
    cx: &Context,
    may_start: &[usize],
    found: &[(Name, Described, bool)],
    year: Option<i32>,
) -> Vec<Candidate> {
    // The last names of the people named, built when the first word that may be one is
    // met: most documents have none.
    let known_last_names = || {
        let full_names = || found.iter().filter(|(n, _, _)| n.count >= 2);
        // Each gazetteer person once, however often it is mentioned: an entry may have
        // many names, and a document many mentions.
        let mut entries: Vec<usize> = cx
            .accepted
            .iter()
            .filter(|c| c.kind == EntityKind::Person)
            .filter_map(|c| c.entry.map(|(entry, _)| entry))
            .collect();
        entries.sort_unstable();
        entries.dedup();
        let gazetteer_names = || {
            entries
                .iter()
                .flat_map(|&entry| &cx.gazetteer.entries()[entry].names)
        };
        // At most a word per name, no longer than the name.
        let mut known = WordList::with_capacity(
            full_names().map(|(n, _, _)| n.words().len()).sum::<usize>()
                + gazetteer_names().map(|name| name.text.len()).sum::<usize>(),
            full_names().count() + gazetteer_names().count(),
        );
        for (n, _, _) in full_names() {
            if let Some(last) = n.last_word() {
                known.push_normalized(last);
            }
        }
        for &entry in &entries {
            for name in &cx.gazetteer.entries()[entry].names {
                known.push_with(|out| last_name_key_into(&name.text, out));
            }
        }
        known.sort();
        known
    };
    let mut known: Option<WordList> = None;
    let mut out = Vec::new();
    // Every name word is capitalised, so among the tokens that may start a person.
    for &i in may_start {
        if cx.flags(i) & (flag::NAME_WORD | flag::IN_NAME) != flag::NAME_WORD || cx.covered[i] != 0
        {
            continue;
        }
        let key = cx.key(i);
        // Part of a longer capitalised name ("Singh Road", "Vladimir Putin" when the first
        // name is unknown): not a bare surname.
        if cx.is_name_word(i + 1) || i > 0 && cx.is_name_word(i - 1) {
            continue;
        }
        let entry = if known.get_or_insert_with(known_last_names).contains(key) {
            None
        } else {
            // The cheap tests first: the gazetteer look-up builds a key.
            if key.chars().count() < 4 || cx.analysis.starts_sentence(cx.text, i) {
                continue;
            }
            match in_office_by_last_name(cx, cx.word(i), year) {
                Some(entry) => Some((entry, 0)),
                None => continue,
            }
        };
        let span = cx.tokens()[i].span;
        out.push(Candidate {
            first: i,
            end: i + 1,
            span,
            kind: EntityKind::Person,
            entry,
            name: Some(cx.word(i).to_string()),
            value: None,
            origin: Origin::Pattern("surname"),
            nested: false,
        });
    }
    out
}

/// The one gazetteer person with this last name who holds an office in `year`.
fn in_office_by_last_name(cx: &Context, last_name: &str, year: Option<i32>) -> Option<usize> {
    let year = year?;
    let mut holders = cx
        .gazetteer
        .persons_by_last_name(last_name)
        .iter()
        .copied()
        .filter(|&index| {
            cx.gazetteer.entries()[index]
                .attributes
                .list("offices")
                .any(|office| {
                    let years = office.rsplit(':').next().unwrap_or("");
                    let (from, to) = years.split_once('-').unwrap_or((years, years));
                    let from = from.trim().parse::<i32>().unwrap_or(i32::MAX);
                    let to = if to.trim().is_empty() {
                        i32::MAX
                    } else {
                        to.trim().parse::<i32>().unwrap_or(i32::MIN)
                    };
                    from <= year && year <= to
                })
        });
    // At most two are needed to tell one from several.
    match (holders.next(), holders.next()) {
        (Some(only), None) => Some(only),
        _ => None,
    }
}

/// ", Kazakhstan's Defence Minister," / ", the Chief of Naval Staff": titles after a name.
/// A title followed by another name ("X, Defence Minister Y") is a list, not an apposition.
fn apposition_after<'a>(cx: &Context<'_, 'a>, end: usize) -> Option<Titles<'a>> {
    if cx.word_bytes(end) != b"," {
        return None;
    }
    let mut at = end + 1;
    if matches!(cx.key_bytes(at), b"the" | b"a" | b"an") {
        at += 1;
    }
    let (chain_end, titles) = chain_at(cx, at)?;
    if person_starts_at(cx, chain_end) {
        return None;
    }
    Some(titles)
}

enum PersonAt {
    Gazetteer(usize),
    Name(Name),
}

fn parse_person_at(cx: &Context, i: usize) -> Option<PersonAt> {
    if let Some((n, _)) = cx.starts_candidate(i, &[EntityKind::Person]) {
        return Some(PersonAt::Gazetteer(n));
    }
    parse_name(cx, i).map(PersonAt::Name)
}

/// Whether [`parse_person_at`] finds a person at `i`; builds no strings.
fn person_starts_at(cx: &Context, i: usize) -> bool {
    // A name starts with a name word, or with initials before one, so with a capital.
    cx.starts_candidate(i, &[EntityKind::Person]).is_some()
        || cx.is_name_word(i)
        || cx.flags(i) & flag::CAPITALIZED != 0 && parse_name_with::<false>(cx, i).is_some()
}

/// Reads a chain of titles starting at token `i`; returns where the name would start and
/// what the titles say. `None` when no title starts at `i`.
fn chain_at<'a>(cx: &Context<'_, 'a>, i: usize) -> Option<(usize, Titles<'a>)> {
    // Every title starts with a mention (country, role, rank) or a capitalised honorific.
    if !cx.may_start_person(i) {
        return None;
    }
    if !cx.may_start_chain(i) {
        return None;
    }
    let mut attrs = Titles::default();
    let mut pos = i;
    let mut titles = 0;
    // A country before the first title: "Kazakhstan's Defence Minister", "Israeli Minister".
    if let Some(code) = cx.country_at(pos) {
        let (_, c) = cx.candidate_at(pos)?;
        let mut next = c.end;
        if matches!(cx.key_bytes(next), b"'s" | b"'") {
            next += 1;
        }
        cx.starts_candidate(next, &[EntityKind::Role, EntityKind::Rank])?;
        attrs.country = Some(code);
        pos = next;
    }
    loop {
        if let Some((_, c)) = cx.starts_candidate(pos, &[EntityKind::Role, EntityKind::Rank]) {
            let (entry, name_index) = c.entry.unwrap_or((usize::MAX, 0));
            let gazetteer: &'a Gazetteer = cx.gazetteer;
            if let Some(entry) = gazetteer.entries().get(entry) {
                match c.kind {
                    EntityKind::Rank => attrs.rank = Some(&entry.canonical),
                    _ => {
                        attrs.roles.push(&entry.canonical);
                        if attrs.country.is_none() {
                            attrs.country = entry.attribute(name_index, "country");
                        }
                    }
                }
            }
            pos = c.end;
            titles += 1;
            if cx.word_bytes(pos) == b"." && cx.glued(pos) {
                pos += 1;
            }
            continue;
        }
        if cx
            .tokens()
            .get(pos)
            .is_some_and(|t| t.shape.contains(Shape::CAPITALIZED))
            && is_honorific(cx.key(pos))
        {
            pos += 1;
            titles += 1;
            if cx.word_bytes(pos) == b"." && cx.glued(pos) {
                pos += 1;
            }
            continue;
        }
        if titles > 0 && cx.word_bytes(pos) == b"(" && RETIRED.contains(&cx.key(pos + 1)) {
            let mut close = pos + 2;
            if cx.word_bytes(close) == b"." {
                close += 1;
            }
            if cx.word_bytes(close) == b")" {
                pos = close + 1;
                continue;
            }
        }
        // "Defence Minister of Kazakhstan Lieutenant General ...": a country between titles.
        if titles > 0 && matches!(cx.key_bytes(pos), b"of" | b"for") {
            let mut next = pos + 1;
            if cx.key_bytes(next) == b"the" {
                next += 1;
            }
            if let Some(code) = cx.country_at(next) {
                let (_, c) = cx.candidate_at(next)?;
                if cx
                    .starts_candidate(c.end, &[EntityKind::Role, EntityKind::Rank])
                    .is_some()
                    || is_honorific(cx.key(c.end))
                    || cx.word_bytes(c.end) == b"," && person_starts_at(cx, c.end + 1)
                {
                    attrs.country.get_or_insert(code);
                    pos = c.end;
                    continue;
                }
            }
        }
        break;
    }
    (titles > 0).then_some((pos, attrs))
}

/// "... Pedro Sanchez of Spain": the country after a name.
fn trailing_country<'a>(cx: &Context<'_, 'a>, end: usize) -> Option<&'a str> {
    if cx.key_bytes(end) != b"of" {
        return None;
    }
    let mut next = end + 1;
    if cx.key_bytes(next) == b"the" {
        next += 1;
    }
    cx.country_at(next)
}

fn parse_name(cx: &Context, start: usize) -> Option<Name> {
    parse_name_with::<true>(cx, start)
}

/// [`parse_name`]; with `BUILD` false, only the token range and the number of words are
/// worked out (the words are empty and the canonical form too): most names the text offers
/// are looked at and dropped, and need no strings.
fn parse_name_with<const BUILD: bool>(cx: &Context, start: usize) -> Option<Name> {
    let mut pos = start;
    // Room the strings take at their first piece, enough for most names: grown from
    // empty, each took two allocations. Not taken up front, as most calls find no name.
    const ROOM: usize = 32;
    // The words, joined by spaces, where each ends, and how many there are.
    let mut words = String::new();
    let mut word_ends = [0; MAX_NAME_WORDS];
    let mut count = 0;
    // The canonical form, once it differs from `words` (None while it is the same).
    let mut canonical: Option<String> = None;
    let mut end = start;
    // Adds a piece that is not a word (an initial, a particle, a suffix) to the canonical
    // form, which from then on is a string of its own.
    let push = |canonical: &mut Option<String>, words: &str, piece: &str, glue: bool| {
        if !BUILD {
            return;
        }
        let canonical = canonical.get_or_insert_with(|| {
            let mut copy = String::with_capacity(ROOM.max(words.len() + piece.len() + 1));
            copy.push_str(words);
            copy
        });
        if !canonical.is_empty() && !glue {
            canonical.push(' ');
        }
        canonical.push_str(piece);
    };
    // Adds word `word_start..` of `words` to the canonical form, when it is a string of its
    // own.
    let push_word = |canonical: &mut Option<String>, words: &str, word_start: usize| {
        if let Some(canonical) = canonical {
            if !canonical.is_empty() {
                canonical.push(' ');
            }
            canonical.push_str(&words[word_start..]);
        }
    };
    // Starts a word in `words`; returns where it starts.
    let start_word = |words: &mut String, count: usize| {
        if BUILD {
            if count > 0 {
                words.push(' ');
            } else {
                words.reserve(ROOM);
            }
        }
        words.len()
    };
    loop {
        if count >= MAX_NAME_WORDS {
            break;
        }
        if cx.is_name_word(pos) {
            let word_start = start_word(&mut words, count);
            if BUILD {
                words.push_str(cx.word(pos));
            }
            pos += 1;
            // Hyphenated parts: "Akufo-Addo", "Jean-Pierre", "al-Sisi".
            while matches!(cx.word_bytes(pos), b"-" | HYPHEN | EN_DASH)
                && cx.glued(pos)
                && cx.glued(pos + 1)
                && cx
                    .tokens()
                    .get(pos + 1)
                    .is_some_and(|t| t.shape.contains(Shape::ALPHA))
            {
                if BUILD {
                    words.push('-');
                    words.push_str(cx.word(pos + 1));
                }
                pos += 2;
            }
            push_word(&mut canonical, &words, word_start);
            word_ends[count] = words.len();
            count += 1;
            end = pos;
            continue;
        }
        // Asked of this token by two of the tests below: answered once.
        let bare_initial = cx.is_bare_initial(pos);
        let initial = bare_initial && cx.period_glued_after(pos);
        // Initials without periods, only before a surname: "M M Naravane".
        if bare_initial && !initial {
            let mut j = pos;
            while cx.is_bare_initial(j) && !cx.is_initial(j) && j < pos + 3 {
                j += 1;
            }
            if j > pos && cx.is_name_word(j) {
                for k in pos..j {
                    push(&mut canonical, &words, cx.word(k), false);
                }
                pos = j;
                continue;
            }
        }
        let quote_then_name = |at: usize| {
            matches!(cx.word_bytes(at), OPEN_DOUBLE | b"\"" | OPEN_SINGLE)
                && cx.is_name_word(at + 1)
        };
        if initial
            && (cx.is_name_word(pos + 2) || cx.is_initial(pos + 2) || quote_then_name(pos + 2))
        {
            push(&mut canonical, &words, cx.word(pos), false);
            push(&mut canonical, &words, ".", true);
            pos += 2;
            continue;
        }
        // "al-Harbi", "el-Sisi": a particle glued to a name by a hyphen.
        if count > 0
            && is_particle(cx.word(pos))
            && matches!(cx.word_bytes(pos + 1), b"-" | HYPHEN)
            && cx.glued(pos + 1)
            && cx.glued(pos + 2)
            && cx.is_name_word(pos + 2)
        {
            let word_start = start_word(&mut words, count);
            if BUILD {
                words.push_str(cx.word(pos));
                words.push('-');
                words.push_str(cx.word(pos + 2));
            }
            push_word(&mut canonical, &words, word_start);
            word_ends[count] = words.len();
            count += 1;
            pos += 3;
            end = pos;
            continue;
        }
        if count > 0
            && is_particle(cx.word(pos))
            && (cx.is_name_word(pos + 1) || is_particle(cx.word(pos + 1)))
        {
            push(&mut canonical, &words, cx.word(pos), false);
            pos += 1;
            continue;
        }
        // A nickname in quotes: "Stephen “Web” Koehler"; kept out of the canonical name.
        if count > 0
            && matches!(cx.word_bytes(pos), OPEN_DOUBLE | b"\"" | OPEN_SINGLE | b"'")
            && cx.is_name_word(pos + 1)
            && matches!(
                cx.word_bytes(pos + 2),
                CLOSE_DOUBLE | b"\"" | CLOSE_SINGLE | b"'"
            )
            && cx.is_name_word(pos + 3)
        {
            pos += 3;
            continue;
        }
        break;
    }
    if count == 0 {
        return None;
    }
    // Suffix: "Biden, Jr." or "Paparo Jr."
    let mut suffix_at = end;
    if cx.word_bytes(suffix_at) == b"," && is_name_suffix(cx.key(suffix_at + 1)) {
        suffix_at += 1;
    }
    // The capital first: most words after a name have none.
    if cx.flags(suffix_at) & flag::CAPITALIZED != 0 && is_name_suffix(cx.key(suffix_at)) {
        let suffix = cx.word(suffix_at);
        push(&mut canonical, &words, suffix, false);
        end = suffix_at + 1;
        if cx.word_bytes(end) == b"." && cx.glued(end) {
            push(&mut canonical, &words, ".", true);
            end += 1;
        }
    }
    let (canonical, words) = match canonical {
        Some(canonical) => (canonical, Some(words)),
        None => (words, None),
    };
    Some(Name {
        first: start,
        end,
        canonical,
        words,
        word_ends,
        count,
    })
}

/// Appends the normalised last word of a person's name that is not a suffix ("biden" for
/// "Joseph R. Biden, Jr.") to `out`; false, and nothing appended, when there is none.
fn last_name_key_into(name: &str, out: &mut String) -> bool {
    let start = out.len();
    for word in name.split_whitespace().rev() {
        normalize_into(word.trim_matches(|ch: char| !ch.is_alphanumeric()), out);
        let key = &out[start..];
        if !key.is_empty() && !is_name_suffix(key) {
            return true;
        }
        out.truncate(start);
    }
    false
}

/// A set of words from the text, one string for all, sorted and searched by halves: no
/// string a word, and no hashing of text.
#[derive(Default)]
struct WordList {
    text: String,
    /// Each word's range in `text`; sorted by word once [`WordList::sort`] has run.
    words: Vec<(usize, usize)>,
}

impl WordList {
    /// An empty list with room for `words` words of `bytes` bytes in all (as written:
    /// folding rarely makes a word longer), so that filling it seldom grows it.
    fn with_capacity(bytes: usize, words: usize) -> WordList {
        WordList {
            text: String::with_capacity(bytes),
            words: Vec::with_capacity(words),
        }
    }

    /// Adds the word `write` appends to the text, if it returns true (else it must append
    /// nothing).
    fn push_with(&mut self, write: impl FnOnce(&mut String) -> bool) {
        let start = self.text.len();
        if write(&mut self.text) {
            self.words.push((start, self.text.len()));
        }
    }

    /// Adds `word`, normalised.
    fn push_normalized(&mut self, word: &str) {
        self.push_with(|out| {
            normalize_into(word, out);
            true
        });
    }

    /// A word as bytes: compared as strings are, without checks of character boundaries.
    fn word(&self, (start, end): (usize, usize)) -> &[u8] {
        self.text.as_bytes().get(start..end).unwrap_or(b"")
    }

    /// Sorts the words, for [`WordList::contains`]; run after the last push.
    fn sort(&mut self) {
        let mut words = std::mem::take(&mut self.words);
        words.sort_unstable_by(|&a, &b| self.word(a).cmp(self.word(b)));
        words.dedup_by(|a, b| self.word(*a) == self.word(*b));
        self.words = words;
    }

    fn contains(&self, word: &str) -> bool {
        self.words
            .binary_search_by(|&w| self.word(w).cmp(word.as_bytes()))
            .is_ok()
    }
}

/// Names of the body that a Title Case line's names are confirmed against.
struct Known {
    /// Full names and names without initials, normalised.
    names: WordList,
    /// Normalised last names: of the names found, and of the gazetteer people mentioned.
    last_names: WordList,
}

impl Known {
    fn new(cx: &Context, found: &[(Name, Described, bool)]) -> Known {
        let people = || cx.accepted.iter().filter(|c| c.kind == EntityKind::Person);
        // Sized as written: two names and a last name per name found, and a last name for
        // each person mention and its gazetteer entry's canonical name (at most).
        let canonical_of = |c: &Candidate| {
            c.entry
                .map(|(e, _)| cx.gazetteer.entries()[e].canonical.as_str())
        };
        let mut names = WordList::with_capacity(
            found
                .iter()
                .map(|(n, _, _)| n.canonical.len() + n.words().len())
                .sum(),
            2 * found.len(),
        );
        let mut last_names = WordList::with_capacity(
            found.iter().map(|(n, _, _)| n.words().len()).sum::<usize>()
                + people()
                    .map(|c| c.span.len() + canonical_of(c).map_or(0, str::len))
                    .sum::<usize>(),
            found.len() + 2 * people().count(),
        );
        for (n, _, _) in found {
            for name in [n.canonical.as_str(), n.words()] {
                names.push_normalized(name);
            }
            if let Some(last) = n.last_word() {
                last_names.push_normalized(last);
            }
        }
        for c in people() {
            for name in [Some(&cx.text[c.span.range()]), canonical_of(c)]
                .into_iter()
                .flatten()
            {
                last_names.push_with(|out| last_name_key_into(name, out));
            }
        }
        names.sort();
        last_names.sort();
        Known { names, last_names }
    }
}

/// In a Title Case line, keeps the longest prefix of the name that is known: a full name
/// found in the body or the gazetteer, or a single word that is the last name of someone in
/// the body ("President Biden Announces Intent" gives "Biden").
fn confirm(cx: &Context, mut name: Name, known: &Known) -> Option<Name> {
    let mut key = String::new();
    for n in (1..=name.count).rev() {
        let prefix = name.first_words(n);
        key.clear();
        normalize_into(prefix, &mut key);
        let confirmed = if n == 1 {
            known.last_names.contains(&key)
        } else {
            known.names.contains(&key) || cx.gazetteer.lookup(EntityKind::Person, prefix).is_some()
        };
        if !confirmed {
            continue;
        }
        // Find the token where the n-th word ends.
        let mut seen = 0;
        let mut end = name.first;
        while end < name.end && seen < n {
            if cx.is_name_word(end) {
                seen += 1;
            }
            end += 1;
            while end < name.end && cx.glued(end) && !cx.is_name_word(end) {
                end += 1;
            }
        }
        if n < name.count {
            // The first n words, as the words and the canonical form both.
            if let Some(words) = name.words.take() {
                name.canonical = words;
            }
            name.canonical.truncate(name.word_ends[n - 1]);
            name.count = n;
        }
        name.end = end;
        return Some(name);
    }
    None
}

/// A name found by pattern may still be a gazetteer person: by full name, or a surname that
/// one gazetteer person (holding the title, when there is one) answers to.
fn resolve_in_gazetteer(cx: &Context, name: &Name, attrs: &Described) -> Option<(usize, usize)> {
    if let Some(index) = cx
        .gazetteer
        .lookup_index(EntityKind::Person, &name.canonical)
    {
        return Some((index, 0));
    }
    // Only a bare surname ("President Widodo"), never initials and a surname.
    if name.count != 1 || name.canonical != name.words() {
        return None;
    }
    let candidates = cx.gazetteer.persons_by_last_name(name.words());
    let holds_title = |&&index: &&usize| {
        let entry = &cx.gazetteer.entries()[index];
        attrs.titles.roles.iter().any(|role| {
            entry
                .attributes
                .list("offices")
                .any(|office| office.split(':').next() == Some(role))
        })
    };
    // At most two are needed to tell one from several.
    let mut fitting = candidates.iter().filter(holds_title);
    let fitting = [fitting.next(), fitting.next()];
    match (fitting, candidates) {
        ([Some(only), None], _) => Some((*only, 0)),
        // A ranked officer is not matched to a civilian by surname alone.
        ([None, _], [only]) if attrs.titles.rank.is_none() => Some((*only, 0)),
        _ => None,
    }
}

/// Values by span, for a few look-ups: a list sorted by span, searched by halves (positions
/// in the text are not hashed). Of several values with one span, the last given is found,
/// as a map that inserts them in order keeps it.
struct SpanIndex<T>(Vec<(Span, T)>);

impl<T: Copy> SpanIndex<T> {
    fn new(pairs: impl Iterator<Item = (Span, T)>) -> SpanIndex<T> {
        // Sized for the most the iterator may give (a filter of the mentions, here), so
        // that it is not grown.
        let mut list: Vec<(Span, T)> = Vec::with_capacity(pairs.size_hint().1.unwrap_or(0));
        list.extend(pairs);
        // Stable: values of one span keep their order. Mentions come sorted by span, mostly,
        // and then the sort (and the scratch space it allocates) is skipped.
        if !list.is_sorted_by_key(|&(span, _)| span) {
            list.sort_by_key(|&(span, _)| span);
        }
        SpanIndex(list)
    }

    /// The last value given with `span`.
    fn get(&self, span: Span) -> Option<T> {
        let after = self.0.partition_point(|&(s, _)| s <= span);
        let &(found, value) = self.0.get(after.checked_sub(1)?)?;
        (found == span).then_some(value)
    }
}

/// Copies rank, roles and country from the attributes onto the person entities.
pub fn attach_attributes(resolution: &mut Resolution, attributes: &[PersonAttributes]) {
    attach_attributes_in(resolution, attributes.iter().map(Described::from).collect());
}

/// [`attach_attributes`] for attributes as found: a string is copied only when an entity
/// takes it.
pub(crate) fn attach_attributes_in(resolution: &mut Resolution, attributes: Vec<Described>) {
    let person_at = SpanIndex::new(
        resolution
            .mentions
            .iter()
            .filter(|m| m.kind() == EntityKind::Person)
            .map(|m| (m.candidate.span, m.entity)),
    );
    for attrs in attributes {
        let Some(entity) = person_at.get(attrs.person) else {
            continue;
        };
        let entity = &mut resolution.entities[entity];
        let titles = &attrs.titles;
        if let Some(rank) = titles.rank
            && entity.rank.as_deref() != Some(rank)
        {
            entity.rank = Some(rank.to_string());
        }
        for role in titles.roles.iter() {
            if !entity.roles.iter().any(|r| r == role) {
                entity.roles.push(role.to_string());
            }
        }
        if entity.country.is_none() {
            entity.country = titles.country.map(str::to_string);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// In order or not, the index finds the last value given with a span, and nothing for
    /// a span it was not given.
    #[test]
    fn span_index_finds_the_last_value_of_a_span() {
        let (a, b, c) = (Span::new(0, 4), Span::new(0, 9), Span::new(5, 8));
        let sorted = SpanIndex::new([(a, 1), (a, 2), (b, 3), (c, 4)].into_iter());
        let unsorted = SpanIndex::new([(c, 4), (a, 1), (b, 3), (a, 2)].into_iter());
        for index in [&sorted, &unsorted] {
            assert_eq!(index.get(a), Some(2));
            assert_eq!(index.get(b), Some(3));
            assert_eq!(index.get(c), Some(4));
            assert_eq!(index.get(Span::new(1, 4)), None);
        }
    }

    /// A prefilter never turns away a word of its list, and turns away some others.
    #[test]
    fn prefilters_keep_every_listed_word() {
        for words in [
            HONORIFICS,
            NOT_NAMES,
            PARTICLES,
            &["", "X", "Émile", "ab", "a"],
        ] {
            let filter = Prefilter::new(words);
            for word in words {
                assert!(filter.may_contain(word), "{word:?}");
            }
        }
        let filter = Prefilter::new(NOT_NAMES);
        for (words, bit) in [
            (HONORIFICS, list::HONORIFIC),
            (NOT_NAMES, list::NOT_NAME),
            (PARTICLES, list::PARTICLE),
        ] {
            for word in words {
                assert!(
                    !word.is_empty() && word.len() <= ListTable::MAX_LEN,
                    "{word:?}"
                );
                assert!(word_lists(word) & bit != 0, "{word:?}");
                // A prefix or a longer word is in the list only when it is listed itself.
                for other in [&word[..word.len() - 1], &format!("{word}s")] {
                    let listed = words.contains(&other);
                    assert_eq!(word_lists(other) & bit != 0, listed, "{other:?}");
                    let filtered = match bit {
                        list::NOT_NAME => is_not_name(other),
                        list::HONORIFIC => is_honorific(other),
                        _ => is_particle(other),
                    };
                    assert_eq!(filtered, listed, "{other:?}");
                }
                assert_eq!(word_lists(&format!("{word}\0")), 0, "{word:?}");
            }
        }
        for word in [
            "",
            "biden",
            "Van",
            "The",
            "x",
            "administrations",
            "mrs.",
            "é",
        ] {
            assert_eq!(word_lists(word), 0, "{word:?}");
        }
        assert!(!filter.may_contain("biden"));
        assert!(!filter.may_contain("zelenskyy"));
        assert!(filter.may_contain("the"));
        assert!(is_not_name("president") && !is_not_name("presidents"));
        assert!(is_honorific("dr") && !is_honorific("drs"));
        assert!(is_particle("van") && !is_particle("Van"));
    }
}
