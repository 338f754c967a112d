//! A small, fast, non-cryptographic hasher for the crate's internal maps, keyed by short
//! strings (gazetteer names). The standard SipHash defends against hash flooding, which
//! gazetteer keys written by the user do not need, and cost a tenth of building the default
//! `Extractor`. This is the multiply-rotate scheme of rustc's FxHasher, written here to
//! avoid a dependency.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// The hasher.
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher {
    hash: u64,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut rest = bytes;
        while let Some((chunk, tail)) = rest.split_first_chunk::<8>() {
            self.add(u64::from_le_bytes(*chunk));
            rest = tail;
        }
        if !rest.is_empty() {
            self.add(padded(rest));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.hash
    }
}

/// Up to eight bytes as a little-endian `u64`, zero-padded: two overlapping loads instead
/// of a byte loop or a copy. Longer input is cut to its first eight bytes.
#[inline]
pub(crate) fn padded(bytes: &[u8]) -> u64 {
    let len = bytes.len();
    match len {
        0 => 0,
        1..=3 => {
            u64::from(bytes[0])
                | u64::from(bytes[len / 2]) << (8 * (len / 2))
                | u64::from(bytes[len - 1]) << (8 * (len - 1))
        }
        4..=8 => {
            let low = u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]);
            let high = u32::from_le_bytes([
                bytes[len - 4],
                bytes[len - 3],
                bytes[len - 2],
                bytes[len - 1],
            ]);
            u64::from(low) | u64::from(high) << (8 * (len - 4))
        }
        _ => padded(&bytes[..8]),
    }
}

/// A `HashMap` with [`FxHasher`].
pub(crate) type FxHashMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// A `HashSet` with [`FxHasher`].
pub(crate) type FxHashSet<K> = HashSet<K, BuildHasherDefault<FxHasher>>;

/// A fixed set of words, asked about words of the text. Only the crate's own words are ever
/// inserted, so the text cannot flood it with collisions, which makes the fast hasher safe.
/// Most words asked about are not in the set; a [`Prefilter`] turns most of them away
/// before they are hashed.
pub(crate) struct WordSet {
    filter: Prefilter,
    words: FxHashSet<&'static str>,
}

impl WordSet {
    /// The set of `words`.
    pub(crate) fn new(words: &[&'static str]) -> WordSet {
        WordSet {
            filter: Prefilter::new(words),
            words: words.iter().copied().collect(),
        }
    }

    /// True when `word` is in the set.
    #[inline]
    pub(crate) fn contains(&self, word: &str) -> bool {
        self.filter.may_contain(word) && self.words.contains(word)
    }
}

/// A test cheaper than a hashed set's, false for most words not in the set: for each first
/// byte, the lengths of the set's words that start with it. One table load and a bit test,
/// from a word's first byte and length alone: a scan over tokens can ask it before reading
/// a key's bytes.
pub(crate) struct Prefilter {
    /// Per first byte, a bit per length of a word starting with it; bit 31 stands for 31
    /// bytes and more.
    lengths_by_first: [u32; 256],
}

impl Prefilter {
    pub(crate) const fn new(words: &[&str]) -> Prefilter {
        let mut lengths_by_first = [0u32; 256];
        let mut i = 0;
        while i < words.len() {
            let bytes = words[i].as_bytes();
            if !bytes.is_empty() {
                lengths_by_first[bytes[0] as usize] |= Prefilter::length_bit(bytes.len());
            }
            i += 1;
        }
        Prefilter { lengths_by_first }
    }

    const fn length_bit(len: usize) -> u32 {
        1 << if len < 31 { len } else { 31 }
    }

    /// False when no word of the set starts with `first` and has `len` bytes.
    #[inline]
    pub(crate) fn may_start(&self, first: u8, len: usize) -> bool {
        // Most first bytes start no word: tested before the length is looked at.
        let lengths = self.lengths_by_first[usize::from(first)];
        lengths != 0 && lengths & Prefilter::length_bit(len) != 0
    }

    /// False when `word` is surely not one of the words (the empty word may be).
    #[inline]
    pub(crate) fn may_contain(&self, word: &str) -> bool {
        word.as_bytes()
            .first()
            .is_none_or(|&b| self.may_start(b, word.len()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A prefilter passes every word of its list, by first byte and length, and turns away
    /// words of other first bytes or lengths; lengths from 31 on share one bit.
    #[test]
    fn prefilters_pass_their_words_by_first_byte_and_length() {
        let long = "a".repeat(40);
        let words = ["he", "him", "counterpart", "É", "", long.as_str()];
        let filter = Prefilter::new(&words);
        for word in words {
            assert!(filter.may_contain(word), "{word:?}");
        }
        for (word, passes) in [
            ("hi", true),
            ("hers", false),
            ("she", false),
            ("counterparts", false),
            ("É", true),
            ("E", false),
            (&"a".repeat(31), true),
            (&"a".repeat(30), false),
        ] {
            assert_eq!(filter.may_contain(word), passes, "{word:?}");
        }
        assert!(filter.may_start(b'h', 3) && !filter.may_start(b'h', 4));
    }

    #[test]
    fn maps_work_and_spread() {
        let mut map: FxHashMap<String, usize> = FxHashMap::default();
        for i in 0..10_000 {
            map.insert(format!("name {i}"), i);
        }
        assert_eq!(map.len(), 10_000);
        assert_eq!(map.get("name 4242"), Some(&4242));
        let hash = |s: &str| {
            let mut h = FxHasher::default();
            h.write(s.as_bytes());
            h.finish()
        };
        assert_ne!(hash("kazakhstan"), hash("kazakhstam"));
    }

    #[test]
    fn padded_loads_match_a_byte_copy() {
        let bytes = b"abcdefghij";
        for len in 0..=8 {
            let mut expected = [0u8; 8];
            expected[..len].copy_from_slice(&bytes[..len]);
            assert_eq!(padded(&bytes[..len]), u64::from_le_bytes(expected), "{len}");
        }
    }
}
