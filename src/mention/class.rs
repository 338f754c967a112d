//! Word classes: which word lists of the rules hold a word, as bits.
//!
//! The lexicon gives every listed word a word id, as it gives the words of names, and
//! keeps the class bits of each id ([`crate::mention::Lexicon::token_classes`]). A token's
//! key is then looked up once, for names and every list at a time, and a rule asks a bit
//! where it would hash the key once per list.

use std::sync::LazyLock;

use crate::fxhash::FxHashMap;
use crate::mention::{date, pattern};
use crate::resolve::coref;
use crate::text::Tokenized;

/// Last words of organisation names ([`pattern::ORG_HEADS`]).
pub(crate) const ORG_HEAD: u8 = 1;
/// Heads that end a name ([`pattern::TERMINAL_HEADS`]).
pub(crate) const TERMINAL_HEAD: u8 = 1 << 1;
/// Words that open an organisation name before "of" ([`pattern::ORG_OPENERS`]).
pub(crate) const ORG_OPENER: u8 = 1 << 2;
/// Lower-case words allowed inside a name ([`pattern::JOINERS`]).
pub(crate) const JOINER: u8 = 1 << 3;
/// Capitalised words that never start an organisation name ([`pattern::NOT_OPENERS`]).
pub(crate) const NOT_OPENER: u8 = 1 << 4;
/// Words that may anchor a date: month and weekday names, "today", "week", ...
pub(crate) const DATE_ANCHOR: u8 = 1 << 5;
/// Pronouns and "counterpart": the words coreference starts from
/// ([`crate::resolve::coref::WORDS_OF_INTEREST`]).
pub(crate) const COREF_WORD: u8 = 1 << 6;

/// Every listed word (a normalised key) with its class bit.
pub(crate) fn listed_words() -> impl Iterator<Item = (&'static str, u8)> {
    let lists: [(&[&str], u8); 6] = [
        (pattern::ORG_HEADS, ORG_HEAD),
        (pattern::TERMINAL_HEADS, TERMINAL_HEAD),
        (pattern::ORG_OPENERS, ORG_OPENER),
        (pattern::JOINERS, JOINER),
        (pattern::NOT_OPENERS, NOT_OPENER),
        (coref::WORDS_OF_INTEREST, COREF_WORD),
    ];
    lists
        .into_iter()
        .flat_map(|(list, bit)| list.iter().map(move |&word| (word, bit)))
        .chain(date::anchor_words().map(|word| (word, DATE_ANCHOR)))
}

/// Each token's class bits from the lists themselves ([`of_key`]): for callers without a
/// lexicon.
pub(crate) fn of_tokens(tokenized: &Tokenized) -> Vec<u8> {
    (0..tokenized.tokens.len())
        .map(|i| of_key(tokenized.key(i)))
        .collect()
}

/// The class bits of `key`, from the lists themselves: for callers without a lexicon.
pub(crate) fn of_key(key: &str) -> u8 {
    // A fixed map of the lists' words: text only asks, so the fast hasher is safe.
    static CLASSES: LazyLock<FxHashMap<&'static str, u8>> = LazyLock::new(|| {
        let mut classes = FxHashMap::default();
        for (word, bit) in listed_words() {
            *classes.entry(word).or_default() |= bit;
        }
        classes
    });
    CLASSES.get(key).copied().unwrap_or(0)
}
