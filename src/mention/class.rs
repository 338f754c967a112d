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
/// Plurals of the last words of the gazetteer's role names ("ministers"): the tokens that
/// may end a plural role phrase ([`crate::fact::plural_role_keys`]). Only a lexicon has
/// them: they depend on the gazetteer, and [`of_key`] never gives this bit.
pub(crate) const PLURAL_ROLE: u8 = 1 << 7;

/// The indices of the tokens whose class byte has any of `bits`, in order.
///
/// Eight bytes at a time: nearly every token lacks a given bit, and one test of a
/// word's bits passes over eight of them where a byte loop would test each.
pub(crate) fn tokens_with(classes: &[u8], bits: u8) -> TokensWith<'_> {
    TokensWith {
        rest: classes,
        mask: u64::from_le_bytes([bits; 8]),
        next: 0,
        base: 0,
        pending: 0,
    }
}

/// What [`tokens_with`] gives.
pub(crate) struct TokensWith<'c> {
    /// The class bytes not yet read.
    rest: &'c [u8],
    /// `bits` in every byte.
    mask: u64,
    /// The index of `rest`'s first byte.
    next: usize,
    /// The index of `pending`'s first byte.
    base: usize,
    /// Up to eight bytes read, masked: a byte is not zero where its token has a bit.
    pending: u64,
}

impl Iterator for TokensWith<'_> {
    type Item = usize;

    #[inline]
    fn next(&mut self) -> Option<usize> {
        while self.pending == 0 {
            if self.rest.is_empty() {
                return None;
            }
            let (bytes, take) = match self.rest.first_chunk::<8>() {
                Some(&bytes) => (bytes, 8),
                None => {
                    // The last few bytes, padded with zeros (no bit set).
                    let mut bytes = [0u8; 8];
                    for (b, &class) in bytes.iter_mut().zip(self.rest) {
                        *b = class;
                    }
                    (bytes, self.rest.len())
                }
            };
            self.rest = &self.rest[take..];
            self.base = self.next;
            self.next += take;
            self.pending = u64::from_le_bytes(bytes) & self.mask;
        }
        // Little-endian: the lowest byte not zero is the first token with a bit.
        let byte = (self.pending.trailing_zeros() / 8) as usize;
        self.pending &= !(0xFFu64 << (byte * 8));
        Some(self.base + byte)
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;

    /// The eight-byte scan finds what a test of every byte finds, at every length and
    /// alignment.
    #[test]
    fn tokens_with_matches_a_byte_loop() {
        let mut seed = 12345u64;
        for len in 0..70 {
            for round in 0..20 {
                let classes: Vec<u8> = (0..len)
                    .map(|_| {
                        seed = seed
                            .wrapping_mul(6364136223846793005)
                            .wrapping_add(1442695040888963407);
                        let r = (seed >> 33) as u8;
                        if round % 3 == 0 || r % 5 == 0 { r } else { 0 }
                    })
                    .collect();
                for bits in [1u8, COREF_WORD, 0x81, 0xFF] {
                    let found: Vec<usize> = tokens_with(&classes, bits).collect();
                    let expected: Vec<usize> =
                        (0..len).filter(|&i| classes[i] & bits != 0).collect();
                    assert_eq!(found, expected, "{classes:?} {bits}");
                }
            }
        }
    }
}
