//! Sequences of token keys, matched token by token: how gazetteer names and trigger
//! phrases are found.
//!
//! A name is a sequence of normalised token keys ("lieutenant", "general"), and the text is
//! one too, so matching compares whole keys instead of bytes: each text token is looked up
//! once in a table of the words that occur in any name, and a walk through the trie starts
//! only at tokens that begin a name. This finds exactly what an aho-corasick automaton over
//! the space-separated keys finds (every occurrence of every sequence, overlaps included),
//! in the same order, at a fraction of the cost per byte, and builds a million names in
//! seconds instead of the automaton's tens of seconds. See `DESIGN.md`.

use crate::keytable::KeyTable;
use crate::text::Tokenized;

/// No word, node or pattern.
const NONE: u32 = u32::MAX;

/// How many earlier hits [`TokenTrie::find_ids`] moves a hit in front of before it sorts
/// instead.
const MAX_PASSED: usize = 16;

/// A trie over token keys.
///
/// ```
/// use newsfacts::mention::trie::TokenTrie;
/// use newsfacts::text::tokenize_with_keys;
///
/// let mut trie = TokenTrie::default();
/// let general = trie.insert(["lieutenant", "general"]).unwrap();
/// let lieutenant = trie.insert(["lieutenant"]).unwrap();
/// let text = tokenize_with_keys("Lieutenant General Singh");
/// let hits: Vec<_> = trie.find(&text).collect();
/// assert_eq!(hits, [(lieutenant, 0, 1), (general, 0, 2)]);
/// ```
#[derive(Clone, Debug)]
pub struct TokenTrie {
    /// Every word of every sequence, with its id.
    words: KeyTable,
    /// The node reached from the root by each word id, or [`NONE`].
    root: Vec<u32>,
    /// Edges below the first word.
    edges: EdgeTable,
    /// For each node, a bit `word % 32` for the word of each of its edges: most walks stop
    /// at a node with no edge for the next token's word, and this answers without hashing.
    /// 0 for a leaf.
    child_words: Vec<u32>,
    /// For each node, the pattern that ends there, or [`NONE`]. Node 0 is the root.
    ends: Vec<u32>,
    /// For each node, its parent and the word that leads to it (for [`TokenTrie::patterns`]).
    parents: Vec<(u32, u32)>,
    /// For each pattern, the node where it ends.
    pattern_nodes: Vec<u32>,
}

impl Default for TokenTrie {
    fn default() -> TokenTrie {
        TokenTrie {
            words: KeyTable::default(),
            root: Vec::new(),
            edges: EdgeTable::default(),
            ends: vec![NONE],
            child_words: vec![0],
            parents: vec![(NONE, NONE)],
            pattern_nodes: Vec::new(),
        }
    }
}

impl TokenTrie {
    /// Adds a sequence of keys and returns its pattern id; the same sequence again returns
    /// the same id. An empty sequence, or one longer than `u32` ids allow, is not added and
    /// returns `None`.
    pub fn insert<'k>(&mut self, keys: impl IntoIterator<Item = &'k str>) -> Option<usize> {
        let mut node = 0u32;
        let mut any = false;
        for key in keys {
            any = true;
            let word = self.words.get_or_insert(key)?;
            if word as usize == self.root.len() {
                self.root.push(NONE);
            }
            let existing = if node == 0 {
                self.root[word as usize]
            } else {
                self.edges.get(node, word)
            };
            node = if existing != NONE {
                existing
            } else {
                let next = u32::try_from(self.ends.len()).ok().filter(|&n| n < NONE)?;
                self.ends.push(NONE);
                self.child_words.push(0);
                self.child_words[node as usize] |= child_bit(word);
                self.parents.push((node, word));
                if node == 0 {
                    self.root[word as usize] = next;
                } else {
                    self.edges.insert(node, word, next);
                }
                next
            };
        }
        if !any {
            return None;
        }
        if self.ends[node as usize] == NONE {
            self.ends[node as usize] = u32::try_from(self.pattern_nodes.len()).ok()?;
            self.pattern_nodes.push(node);
        }
        Some(self.ends[node as usize] as usize)
    }

    /// Makes room for about `sequences` more sequences of a few keys each, so that a large
    /// gazetteer does not grow the tables step by step.
    pub fn reserve(&mut self, sequences: usize) {
        self.words.reserve(sequences);
        self.root.reserve(sequences);
        self.edges.reserve(sequences);
        self.ends.reserve(sequences.saturating_mul(2));
        self.child_words.reserve(sequences.saturating_mul(2));
        self.parents.reserve(sequences.saturating_mul(2));
        self.pattern_nodes.reserve(sequences);
    }

    /// The number of distinct sequences.
    pub fn pattern_count(&self) -> usize {
        self.pattern_nodes.len()
    }

    /// Every pattern as the keys buffer form `" key1 key2 "`, by pattern id: what an
    /// aho-corasick automaton over [`Tokenized::keys`] would be built from (the benchmarks'
    /// reference scan).
    pub fn patterns(&self) -> Vec<String> {
        let word_text: Vec<&str> = (0..self.words.len()).map(|w| self.words.text(w)).collect();
        self.pattern_nodes
            .iter()
            .map(|&end| {
                let mut words = Vec::new();
                let mut node = end;
                while node != 0 {
                    let (parent, word) = self.parents[node as usize];
                    words.push(word_text[word as usize]);
                    node = parent;
                }
                words.reverse();
                format!(" {} ", words.join(" "))
            })
            .collect()
    }

    /// Adds the words of `other` as words that begin no sequence here, so that every word
    /// of `other` has an id in this trie (see [`TokenTrie::translate_words`]).
    pub fn add_words_of(&mut self, other: &TokenTrie) {
        for word in 0..other.words.len() {
            self.add_word(other.words.text(word));
        }
    }

    /// Gives `key` a word id, as a word that begins no sequence if it is new; `None` when
    /// ids run out.
    pub fn add_word(&mut self, key: &str) -> Option<u32> {
        let word = self.words.get_or_insert(key)?;
        if word as usize == self.root.len() {
            self.root.push(NONE);
        }
        Some(word)
    }

    /// For each word of this trie, the id of the same word in `other` (`u32::MAX` when
    /// `other` lacks it): with it, `other` can search a text through the word ids this trie
    /// looked up, and the text's tokens are hashed once for both.
    pub fn translate_words(&self, other: &TokenTrie) -> Vec<u32> {
        let mut translation = vec![NONE; self.words.len()];
        for word in 0..other.words.len() {
            if let Some(here) = self.words.get(other.words.text(word).as_bytes()) {
                translation[here as usize] = word as u32;
            }
        }
        translation
    }

    /// The id of every token's key (`u32::MAX` for keys in no sequence): the first step of
    /// [`TokenTrie::find`].
    pub fn word_ids(&self, tokenized: &Tokenized) -> Vec<u32> {
        let keys = tokenized.keys.as_bytes();
        tokenized
            .tokens
            .iter()
            .map(|t| {
                self.words
                    .get_within(keys, t.key.start, t.key.end)
                    .unwrap_or(NONE)
            })
            .collect()
    }

    /// Every occurrence of every pattern in the tokens, as `(pattern, first, end)` token
    /// ranges, ordered by end and, at one end, longest first: the order of an overlapping
    /// aho-corasick search over the keys.
    pub fn find<'t>(
        &'t self,
        tokenized: &'t Tokenized,
    ) -> impl Iterator<Item = (usize, usize, usize)> + 't {
        self.find_ids(&self.word_ids(tokenized)).into_iter()
    }

    /// [`TokenTrie::find`] over word ids already looked up ([`TokenTrie::word_ids`]).
    pub fn find_ids(&self, words: &[u32]) -> Vec<(usize, usize, usize)> {
        // One hit in twenty tokens over the statements corpus: room for one in eight rarely
        // grows.
        let mut hits: Vec<(usize, usize, usize)> = Vec::with_capacity(words.len() / 8);
        let mut unordered = false;
        for first in 0..words.len() {
            let Some(&root) = self.root.get(words[first] as usize) else {
                continue;
            };
            let mut node = root;
            let mut end = first + 1;
            while node != NONE {
                let pattern = self.ends[node as usize];
                if pattern != NONE {
                    // Found by start; an automaton reports by end, longest first. Hits
                    // come nearly in that order (only a longer hit found at an earlier start
                    // ends later), so each goes behind the last one that ends no later; one
                    // that would pass many (long names over long repeats) leaves the order
                    // to a sort at the end.
                    let hit = (pattern as usize, first, end);
                    if hits.last().is_some_and(|last| last.2 > end) {
                        insert_by_end(&mut hits, hit, &mut unordered);
                    } else {
                        hits.push(hit);
                    }
                }
                let Some(&next_word) = words.get(end).filter(|&&w| w != NONE) else {
                    break;
                };
                if self.child_words[node as usize] & child_bit(next_word) == 0 {
                    break;
                }
                node = self.edges.get(node, next_word);
                end += 1;
            }
        }
        if unordered {
            sort_by_end(&mut hits);
        }
        hits
    }
}

/// Puts `hit` behind the last of `hits` that ends no later than it, or, when that would
/// pass more than [`MAX_PASSED`] hits, at the end with `unordered` set.
fn insert_by_end(
    hits: &mut Vec<(usize, usize, usize)>,
    hit: (usize, usize, usize),
    unordered: &mut bool,
) {
    let mut at = hits.len();
    while at > 0 && hits[at - 1].2 > hit.2 {
        if hits.len() - at == MAX_PASSED {
            *unordered = true;
            at = hits.len();
            break;
        }
        at -= 1;
    }
    hits.insert(at, hit);
}

/// Hits by end and, at one end, longest first; apart from the hot loop, which rarely needs
/// it.
#[cold]
#[inline(never)]
fn sort_by_end(hits: &mut [(usize, usize, usize)]) {
    hits.sort_unstable_by_key(|&(_, first, end)| (end, first));
}

/// Each of `words` mapped through `table`, a table by word id whose last entry stands for
/// every id past the others (and for no word at all, [`NONE`]): the id is clamped to that
/// entry, so the look-up does not branch on whether a token has a word id (with `get`, a
/// branch mispredicted about once in five tokens). `None` when the table is empty.
pub(crate) fn map_word_ids<T: Copy>(table: &[T], words: &[u32]) -> Option<Vec<T>> {
    let last = table.len().checked_sub(1)?;
    Some(
        words
            .iter()
            .map(|&w| table[(w as usize).min(last)])
            .collect(),
    )
}

fn child_bit(word: u32) -> u32 {
    1 << (word % 32)
}

/// The trie's edges below the root, (node, word) to node: open addressing over one array
/// of 12-byte records, so that a walk's step costs a multiply and, mostly, one cache line
/// (a general map's control bytes and buckets are two). Keys come from the names, never
/// from the text, so a multiplicative hash is safe.
#[derive(Clone, Debug, Default)]
struct EdgeTable {
    /// A power of two long, at most half full; node 0 (the root, whose edges are
    /// [`TokenTrie::root`]) marks an empty slot.
    slots: Vec<Edge>,
    len: usize,
}

#[derive(Clone, Copy, Debug, Default)]
struct Edge {
    node: u32,
    word: u32,
    child: u32,
}

impl EdgeTable {
    /// The child of `node` (not the root) by `word`, or [`NONE`].
    #[inline(always)]
    fn get(&self, node: u32, word: u32) -> u32 {
        let mask = self.slots.len().wrapping_sub(1);
        let mut at = self.slot(node, word);
        while let Some(&edge) = self.slots.get(at) {
            if edge.node == node && edge.word == word {
                return edge.child;
            }
            if edge.node == 0 {
                break;
            }
            at = (at + 1) & mask;
        }
        NONE
    }

    /// Adds an edge known not to be here.
    fn insert(&mut self, node: u32, word: u32, child: u32) {
        if (self.len + 1) * 2 > self.slots.len() {
            self.grow((self.len + 1) * 2);
        }
        self.place(Edge { node, word, child });
        self.len += 1;
    }

    fn reserve(&mut self, additional: usize) {
        let needed = self.len.saturating_add(additional).saturating_mul(2);
        if needed > self.slots.len() {
            self.grow(needed);
        }
    }

    /// Rebuilds with room for at least `size` slots.
    fn grow(&mut self, size: usize) {
        let old = std::mem::replace(
            &mut self.slots,
            vec![Edge::default(); size.next_power_of_two().max(16)],
        );
        for edge in old.into_iter().filter(|e| e.node != 0) {
            self.place(edge);
        }
    }

    fn place(&mut self, edge: Edge) {
        let mask = self.slots.len() - 1;
        let mut at = self.slot(edge.node, edge.word);
        while self.slots[at].node != 0 {
            at = (at + 1) & mask;
        }
        self.slots[at] = edge;
    }

    /// The first slot for an edge: the top bits of a multiplicative hash, the well-mixed
    /// ones.
    #[inline(always)]
    fn slot(&self, node: u32, word: u32) -> usize {
        let key = (u64::from(node) << 32) | u64::from(word);
        let bits = self.slots.len().trailing_zeros();
        let hash = key.wrapping_mul(0x9e37_79b9_7f4a_7c15);
        // An empty table has no bits: every key goes to slot 0, which `get` finds absent.
        hash.checked_shr(64 - bits).unwrap_or(0) as usize & self.slots.len().wrapping_sub(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize_with_keys;
    use aho_corasick::{AhoCorasick, MatchKind};

    fn trie_of(names: &[&str]) -> TokenTrie {
        let mut trie = TokenTrie::default();
        for name in names {
            let t = tokenize_with_keys(name);
            trie.insert((0..t.tokens.len()).map(|i| t.key(i)));
        }
        trie
    }

    /// The trie finds what an overlapping aho-corasick search over the keys buffer finds,
    /// in the same order.
    #[test]
    fn agrees_with_aho_corasick_over_keys() {
        let names = [
            "Lieutenant General",
            "General",
            "Lieutenant",
            "Kazakhstan",
            "Kazakh",
            "U.S.",
            "United States",
            "United States Navy",
            "States",
            "the White House",
            "White House",
            "a b c",
            "b c d",
            "c",
            "Oman",
        ];
        let trie = trie_of(&names);
        let patterns = trie.patterns();
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(&patterns)
            .unwrap();
        let texts = [
            "Lieutenant General Singh of Kazakhstan met U.S. officials from the United States Navy.",
            "a b c d c b a b c d e Romania Oman the White House White House",
            "",
            "General General Lieutenant Lieutenant General",
        ];
        for text in texts {
            let t = tokenize_with_keys(text);
            let from_automaton: Vec<(usize, usize, usize)> = automaton
                .find_overlapping_iter(t.keys.as_str())
                .map(|m| {
                    let first = t.token_at_key(m.start() + 1).unwrap();
                    let end = t.token_ending_at_key(m.end() - 1).unwrap() + 1;
                    (m.pattern().as_usize(), first, end)
                })
                .collect();
            let from_trie: Vec<_> = trie.find(&t).collect();
            assert_eq!(from_trie, from_automaton, "{text:?}");
        }
    }

    /// Hits that would move far back (every prefix of a long name over a long repeat) are
    /// sorted instead, into the same order.
    #[test]
    fn long_overlapping_names_come_by_end() {
        let names: Vec<String> = (1..=40).map(|n| vec!["a"; n].join(" ")).collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let trie = trie_of(&names);
        for count in [0, 1, 5, 17, 60] {
            let text = vec!["a"; count].join(" ") + " b a";
            let t = tokenize_with_keys(&text);
            let found: Vec<_> = trie.find(&t).collect();
            let mut expected = found.clone();
            expected.sort_by_key(|&(_, first, end)| (end, first));
            assert_eq!(found, expected, "{count}");
            let runs = count.min(40) * (2 * count - count.min(40) + 1) / 2;
            assert_eq!(found.len(), runs + 1, "{count}");
        }
    }

    /// Edges survive the table's growth, reserved or not, and absent ones are not found.
    #[test]
    fn many_edges_through_growth() {
        for reserve in [0, 3_000] {
            let mut trie = TokenTrie::default();
            trie.reserve(reserve);
            let names: Vec<[String; 3]> = (0..3_000)
                .map(|n| {
                    [
                        format!("a{}", n % 7),
                        format!("b{n}"),
                        format!("c{}", n % 5),
                    ]
                })
                .collect();
            let ids: Vec<usize> = names
                .iter()
                .map(|name| trie.insert(name.iter().map(String::as_str)).unwrap())
                .collect();
            for (name, &id) in names.iter().zip(&ids) {
                let t = tokenize_with_keys(&name.join(" "));
                assert_eq!(trie.find(&t).collect::<Vec<_>>(), [(id, 0, 3)]);
                let t = tokenize_with_keys(&format!("{} {} c9", name[0], name[1]));
                assert_eq!(trie.find(&t).count(), 0);
            }
        }
    }

    /// Ids inside the table read their entry; ids past it, and no word at all, read the
    /// last; an empty table maps nothing.
    #[test]
    fn word_ids_map_through_a_table_ending_in_the_default() {
        let table = [10u8, 11, 12, 0];
        assert_eq!(
            map_word_ids(&table, &[0, 2, 3, 4, 99, NONE, 1]),
            Some(vec![10, 12, 0, 0, 0, 0, 11])
        );
        assert_eq!(map_word_ids::<u8>(&[], &[0, NONE]), None);
        assert_eq!(map_word_ids(&table, &[]), Some(vec![]));
    }

    #[test]
    fn same_sequence_same_id_and_patterns_round_trip() {
        let mut trie = TokenTrie::default();
        let a = trie.insert(["joint", "sea"]);
        let b = trie.insert(["joint"]);
        assert_eq!(trie.insert(["joint", "sea"]), a);
        assert_ne!(a, b);
        assert_eq!(trie.insert([]), None);
        assert_eq!(trie.pattern_count(), 2);
        assert_eq!(trie.patterns(), [" joint sea ", " joint "]);
    }
}
