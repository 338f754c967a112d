//! Keys interned to dense `u32` ids in one arena: the word table of the name trie and the
//! name indexes of the gazetteer.

use std::hash::Hasher;

use crate::fxhash::{FxHasher, padded};

/// No key.
const NONE: u32 = u32::MAX;

/// Keys to dense ids: an open-addressing table asked once for every token of every text
/// (and once for every name of a million-entry gazetteer), so it avoids what a general map
/// costs per look-up and owns no string per key. A key of up to eight bytes
/// is compared as one `u64` (its bytes, zero-padded) and its length; a longer key by hash,
/// then bytes.
#[derive(Clone, Debug, Default)]
pub(crate) struct KeyTable {
    /// Per slot, the high half of the word's hash and its id + 1 in the low half; 0 for an
    /// empty slot. One load answers most look-ups of words that are not there. The length
    /// is a power of two.
    slots: Vec<u64>,
    /// Two bits per slot, so four or more per word: the bit a word's hash points to is
    /// set, and a key whose bit is clear is not here. At most 22% of the bits are set (17%
    /// for the default word table), so most absent keys are answered from a bit set small
    /// enough for the first-level cache, where their slot would miss it.
    filter: Vec<u64>,
    /// Per word: its hash (to rebuild the slots).
    hashes: Vec<u64>,
    /// Per word: what a look-up compares, in one record so that a hit reads one cache line
    /// beyond its slot.
    words: Vec<Word>,
    arena: String,
}

/// A word as a look-up sees it.
#[derive(Clone, Copy, Debug)]
struct Word {
    /// The first eight bytes, zero-padded.
    head: u64,
    /// The text's place in the arena.
    start: u32,
    end: u32,
}

impl KeyTable {
    pub(crate) fn len(&self) -> usize {
        self.hashes.len()
    }

    pub(crate) fn text(&self, word: usize) -> &str {
        let Word { start, end, .. } = self.words[word];
        self.arena.get(start as usize..end as usize).unwrap_or("")
    }

    /// The id of `key`, if it is in the table.
    #[inline(always)]
    pub(crate) fn get(&self, key: &[u8]) -> Option<u32> {
        let (hash, head) = hash_key(key);
        if self.slots.is_empty() || self.filtered_out(hash) {
            return None;
        }
        self.probe(key, hash, head).ok()
    }

    /// Whether the filter rules `hash` out.
    #[inline(always)]
    fn filtered_out(&self, hash: u64) -> bool {
        let (at, bit) = self.filter_bit(hash);
        self.filter[at] & bit == 0
    }

    /// Where `hash`'s filter bit lies: the word of `filter`, and the bit in it.
    #[inline(always)]
    fn filter_bit(&self, hash: u64) -> (usize, u64) {
        let bit = (hash >> 32) as usize & (self.filter.len() * 64 - 1);
        (bit / 64, 1 << (bit % 64))
    }

    /// The id of `key`, added if new; `None` when ids or the arena run out.
    /// [`KeyTable::get`] of the key at `bytes[start..end]`, for keys that lie in a larger
    /// buffer (the tokenizer's keys): a short key's head is then one load of the eight bytes
    /// from `start`, masked, where a key on its own takes two loads and a shift chosen by
    /// its length. An out-of-range key finds nothing.
    #[inline(always)]
    pub(crate) fn get_within(&self, bytes: &[u8], start: usize, end: usize) -> Option<u32> {
        let key = bytes.get(start..end)?;
        let len = key.len();
        let (hash, head) = match bytes.get(start..).and_then(<[u8]>::first_chunk::<8>) {
            Some(&eight) if (1..=8).contains(&len) => {
                let head = u64::from_le_bytes(eight) & (u64::MAX >> (64 - 8 * len));
                (hash_short(len, head), head)
            }
            Some(&eight) if len <= 16 => {
                let head = u64::from_le_bytes(eight);
                (hash_pair(len, head, last_eight(key)), head)
            }
            _ => hash_key(key),
        };
        if self.slots.is_empty() || self.filtered_out(hash) {
            return None;
        }
        self.probe(key, hash, head).ok()
    }

    pub(crate) fn get_or_insert(&mut self, key: &str) -> Option<u32> {
        let (hash, head) = hash_key(key.as_bytes());
        match self.probe(key.as_bytes(), hash, head) {
            Ok(word) => Some(word),
            Err(empty) => self.add(key, hash, head, empty),
        }
    }

    /// Makes room for `additional` more keys, so that a large gazetteer does not grow the
    /// table (and touch new memory) step by step.
    pub(crate) fn reserve(&mut self, additional: usize) {
        self.hashes.reserve(additional);
        self.words.reserve(additional);
        let size = (self.len().saturating_add(additional))
            .saturating_mul(2)
            .next_power_of_two()
            .max(16);
        if size > self.slots.len() {
            self.rebuild(size);
        }
    }

    /// The id of `key`, or the empty slot where the search for it ended (`None` when the
    /// table has no slots).
    #[inline(always)]
    fn probe(&self, key: &[u8], hash: u64, head: u64) -> Result<u32, Option<usize>> {
        if self.slots.is_empty() {
            return Err(None);
        }
        let tag = hash >> 32;
        let mask = self.slots.len() - 1;
        let mut at = hash as usize & mask;
        loop {
            let slot = self.slots[at];
            if slot == 0 {
                return Err(Some(at));
            }
            if slot >> 32 == tag {
                let word = (slot as u32 - 1) as usize;
                let Word {
                    head: word_head,
                    start,
                    end,
                } = self.words[word];
                let same_length = (end - start) as usize == key.len();
                let same = if key.len() <= 8 {
                    word_head == head && same_length
                } else if key.len() <= 16 {
                    // The first eight bytes and the last eight cover the key: two loads
                    // instead of a call to compare bytes.
                    word_head == head
                        && same_length
                        && self
                            .arena
                            .as_bytes()
                            .get(..end as usize)
                            .is_some_and(|arena| last_eight(arena) == last_eight(key))
                } else {
                    self.arena.as_bytes().get(start as usize..end as usize) == Some(key)
                };
                if same {
                    return Ok(word as u32);
                }
            }
            at = (at + 1) & mask;
        }
    }

    /// Adds a key known not to be here; `empty` is the free slot its probe ended at.
    fn add(&mut self, key: &str, hash: u64, head: u64, empty: Option<usize>) -> Option<u32> {
        let word = u32::try_from(self.len()).ok().filter(|&w| w < NONE - 1)?;
        let start = u32::try_from(self.arena.len()).ok()?;
        let end = u32::try_from(self.arena.len() + key.len()).ok()?;
        self.arena.push_str(key);
        self.hashes.push(hash);
        self.words.push(Word { head, start, end });
        // At most half full, so that probes stay short.
        if self.len() * 2 > self.slots.len() {
            self.rebuild((self.len() * 2).next_power_of_two().max(16));
        } else if let Some(at) = empty {
            self.slots[at] = (hash >> 32) << 32 | (word as u64 + 1);
            self.set_filter(hash);
        } else {
            self.place(word as usize);
        }
        Some(word)
    }

    fn rebuild(&mut self, size: usize) {
        self.slots = vec![0; size];
        self.filter = vec![0; (size * 2 / 64).max(1)];
        for w in 0..self.len() {
            self.place(w);
        }
    }

    fn place(&mut self, word: usize) {
        let mask = self.slots.len() - 1;
        let mut at = self.hashes[word] as usize & mask;
        while self.slots[at] != 0 {
            at = (at + 1) & mask;
        }
        self.slots[at] = (self.hashes[word] >> 32) << 32 | (word as u64 + 1);
        self.set_filter(self.hashes[word]);
    }

    fn set_filter(&mut self, hash: u64) {
        let (at, bit) = self.filter_bit(hash);
        self.filter[at] |= bit;
    }
}

/// A key's hash (the crate's Fx hasher over its length and bytes) and its first eight
/// bytes, zero-padded.
#[inline(always)]
fn hash_key(key: &[u8]) -> (u64, u64) {
    let head = padded(key);
    if key.len() <= 8 {
        return (hash_short(key.len(), head), head);
    }
    if key.len() <= 16 {
        return (hash_pair(key.len(), head, last_eight(key)), head);
    }
    let mut hasher = FxHasher::default();
    hasher.write_usize(key.len());
    hasher.write(key);
    (mixed(hasher.finish()), head)
}

/// The hash of a key of at most eight bytes from its length and its zero-padded bytes
/// (`head`): what `write` would add for a key this short.
#[inline(always)]
fn hash_short(len: usize, head: u64) -> u64 {
    let mut hasher = FxHasher::default();
    hasher.write_usize(len);
    hasher.write_u64(head);
    mixed(hasher.finish())
}

/// The hash of a key of 9 to 16 bytes from its length, its first eight bytes and its last
/// eight (which overlap): what `write` would add for it (the bytes after the first eight,
/// zero-padded, are the last eight shifted), without the hasher's loop. The overlapping
/// eight hashed as they are counted 29% more probe steps in the word table.
#[inline(always)]
fn hash_pair(len: usize, head: u64, last: u64) -> u64 {
    let mut hasher = FxHasher::default();
    hasher.write_usize(len);
    hasher.write_u64(head);
    hasher.write_u64(last >> (8 * (16 - len.clamp(9, 16))));
    mixed(hasher.finish())
}

/// The last eight bytes of `bytes`, or 0 when it is shorter.
#[inline(always)]
fn last_eight(bytes: &[u8]) -> u64 {
    bytes
        .last_chunk::<8>()
        .map_or(0, |&eight| u64::from_le_bytes(eight))
}

/// The high bits are the well-mixed ones; slots are chosen by the low bits.
#[inline(always)]
fn mixed(hash: u64) -> u64 {
    hash ^ (hash >> 29)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_get_dense_ids() {
        let mut table = KeyTable::default();
        let words = [
            "kazakh",
            "kazakhs",
            "abcdefgh",
            "abcdefgh\0",
            "",
            "a much longer key than eight",
        ];
        for (n, w) in words.iter().enumerate() {
            assert_eq!(table.get(w.as_bytes()), None);
            assert_eq!(table.get_or_insert(w), Some(n as u32));
        }
        for (n, w) in words.iter().enumerate() {
            assert_eq!(table.get(w.as_bytes()), Some(n as u32), "{w:?}");
            assert_eq!(table.text(n), *w);
            assert_eq!(table.get_or_insert(w), Some(n as u32), "no second id");
        }
        assert_eq!(table.len(), words.len());
        assert_eq!(table.get(b"kazak"), None);
        assert_ne!(hash_key(b"kazakh").0, hash_key(b"kazakhs").0);
        assert_ne!(hash_key(b"abcdefgh").0, hash_key(b"abcdefgh\0").0);
    }

    /// Keys of 9 to 16 bytes are compared by their first and last eight bytes: a key that
    /// differs anywhere, or only in length, is another key.
    #[test]
    fn keys_of_nine_to_sixteen_bytes_differ_anywhere() {
        let mut table = KeyTable::default();
        let base = "abcdefghijklmnop";
        let mut keys: Vec<String> = (9..=17).map(|n| base[..n.min(16)].to_string()).collect();
        keys[8].push('q');
        for n in 0..16 {
            let mut changed = base.as_bytes().to_vec();
            changed[n] = b'_';
            keys.push(String::from_utf8(changed).unwrap());
        }
        for (n, key) in keys.iter().enumerate() {
            assert_eq!(table.get_or_insert(key), Some(n as u32), "{key}");
        }
        let buffer = format!(" {} ", keys.join(" "));
        let mut start = 1;
        for (n, key) in keys.iter().enumerate() {
            assert_eq!(table.get(key.as_bytes()), Some(n as u32), "{key}");
            let end = start + key.len();
            assert_eq!(
                table.get_within(buffer.as_bytes(), start, end),
                Some(n as u32)
            );
            start = end + 1;
        }
        assert_eq!(table.get(b"abcdefghijklmnoq"), None);
        assert_eq!(table.get(b"bcdefghijklmnop"), None);
    }

    #[test]
    fn the_filter_keeps_every_key_through_growth_and_reserve() {
        let mut grown = KeyTable::default();
        let mut reserved = KeyTable::default();
        reserved.reserve(5_000);
        let keys: Vec<String> = (0..20_000).map(|n| format!("w{n}")).collect();
        for (n, key) in keys.iter().enumerate() {
            assert_eq!(grown.get_or_insert(key), Some(n as u32));
            assert_eq!(reserved.get_or_insert(key), Some(n as u32));
        }
        for (n, key) in keys.iter().enumerate() {
            assert_eq!(grown.get(key.as_bytes()), Some(n as u32), "{key}");
            assert_eq!(reserved.get(key.as_bytes()), Some(n as u32), "{key}");
        }
        // Most absent keys stop at the filter; none is found.
        let absent: Vec<String> = (0..20_000).map(|n| format!("x{n}")).collect();
        let passed = absent
            .iter()
            .filter(|k| !grown.filtered_out(hash_key(k.as_bytes()).0));
        assert!(passed.count() < 20_000 / 4);
        assert!(absent.iter().all(|k| grown.get(k.as_bytes()).is_none()));
    }

    #[test]
    fn keys_within_a_buffer_are_found_as_keys_alone() {
        let mut table = KeyTable::default();
        for w in ["of", "kazakh", "abcdefgh", "abcdefghi", "'s", "."] {
            table.get_or_insert(w);
        }
        // Keys near the end have fewer than eight bytes after their start.
        let buffer = " of kazakh kazakhs abcdefgh abcdefghi 's . , o of";
        let mut start = 0;
        for word in buffer.split(' ') {
            let end = start + word.len();
            assert_eq!(
                table.get_within(buffer.as_bytes(), start, end),
                table.get(word.as_bytes()),
                "{word:?} at {start}"
            );
            start = end + 1;
        }
        assert_eq!(table.get_within(buffer.as_bytes(), 1, 3), table.get(b"of"));
        assert!(table.get(b"of").is_some());
        assert_eq!(table.get_within(buffer.as_bytes(), 40, 60), None);
        assert_eq!(table.get_within(buffer.as_bytes(), 3, 1), None);
    }

    #[test]
    fn short_keys_hash_as_the_hasher_does() {
        for key in [
            "",
            "a",
            "of",
            "kaz",
            "kazakh",
            "abcdefgh",
            "abcdefghi",
            "a longer key",
            "sixteen bytes ok",
            "seventeen bytes o",
        ] {
            let mut hasher = FxHasher::default();
            hasher.write_usize(key.len());
            hasher.write(key.as_bytes());
            let hash = hasher.finish();
            assert_eq!(
                hash_key(key.as_bytes()),
                (hash ^ (hash >> 29), padded(key.as_bytes()))
            );
        }
    }
}
