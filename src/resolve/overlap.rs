//! The overlap policy: which of several overlapping candidates become mentions.
//!
//! **Longest, then earliest, then by kind.** Candidates are ranked by the number of tokens
//! they cover (more first), then by start (earlier first), then by [`kind_rank`]; each is
//! accepted unless it overlaps one accepted before it. This is aho-corasick's
//! leftmost-longest and spaCy's `filter_spans`, with a tie-break for names that belong to two
//! kinds ("Commander" the rank and the role).
//!
//! One exception keeps what a longer name says about its parts: a country inside an accepted
//! organisation's name ("Indian Army") is kept as a nested mention, and so is an
//! international body that opens it ("United Nations Interim Force in Lebanon"); a generic
//! name at its end ("Central Command" in "Naval Forces Central Command") is not.

use super::Candidate;
use crate::gazetteer::{EntityKind, Gazetteer};

/// Tie-break between kinds for candidates of equal length and start: lower wins.
pub fn kind_rank(kind: EntityKind) -> u8 {
    match kind {
        EntityKind::Date => 0,
        EntityKind::Person => 1,
        EntityKind::Exercise => 2,
        EntityKind::Organization => 3,
        EntityKind::Country => 4,
        EntityKind::Location => 5,
        EntityKind::Role => 6,
        EntityKind::Rank => 7,
    }
}

/// Applies the policy; returns the accepted candidates sorted by start.
pub fn resolve_overlaps(gazetteer: &Gazetteer, candidates: Vec<Candidate>) -> Vec<Candidate> {
    let nests = |inner: &Candidate, outer_first: usize| match inner.kind {
        EntityKind::Country => true,
        EntityKind::Organization => {
            inner.first == outer_first
                && inner.entry.is_some_and(|(e, _)| {
                    matches!(
                        gazetteer.entries()[e].attributes.get("type"),
                        Some("un" | "alliance")
                    )
                })
        }
        _ => false,
    };
    let order = policy_order(&candidates);
    let tokens = candidates.iter().map(|c| c.end).max().unwrap_or(0);
    let mut candidates = candidates;
    // The accepted, as (start, nested, place in the policy's order, index): sorted, they are
    // the order of a stable sort by start and nesting, and each candidate is then moved
    // once, where a sort of the candidates themselves moved them many times.
    // Sized for the worst case, every candidate accepted: growing the lists cost more
    // allocations than the room.
    let mut accepted: Vec<(usize, bool, usize, usize)> = Vec::with_capacity(candidates.len());
    // Token ranges taken so far, and those taken by nested mentions (rare).
    let mut taken = Ranges::new(tokens, candidates.len());
    let mut nested_taken = Ranges::new(tokens, 0);
    for (place, &index) in order.iter().enumerate() {
        let Some(candidate) = candidates.get_mut(index) else {
            continue;
        };
        match taken.clash(candidate.first, candidate.end) {
            None => {
                taken.insert(candidate.first, candidate.end, candidate.kind);
                accepted.push((candidate.span.start, candidate.nested, place, index));
            }
            Some((first, end, EntityKind::Organization))
                if nests(candidate, first)
                    && first <= candidate.first
                    && candidate.end <= end
                    && (first, end) != (candidate.first, candidate.end)
                    // Nested mentions obey the policy among themselves: "South Sudan", not
                    // also "Sudan".
                    && nested_taken.clash(candidate.first, candidate.end).is_none() =>
            {
                nested_taken.insert(candidate.first, candidate.end, candidate.kind);
                candidate.nested = true;
                accepted.push((candidate.span.start, true, place, index));
            }
            Some(_) => {}
        }
    }
    accepted.sort_unstable();
    let mut slots: Vec<Option<Candidate>> = candidates.into_iter().map(Some).collect();
    // Room for the people and compound roles the next stages add to this list: growing a
    // full list would copy every candidate once more.
    let mut out = Vec::with_capacity(accepted.len() + accepted.len() / 4 + 16);
    out.extend(
        accepted
            .iter()
            .filter_map(|&(_, _, _, index)| slots.get_mut(index).and_then(Option::take)),
    );
    out
}

/// The policy's order of a candidate: longest first, then earliest, then by kind, then
/// by byte.
fn policy_key(c: &Candidate) -> (std::cmp::Reverse<usize>, usize, u8, usize) {
    (
        std::cmp::Reverse(c.end.saturating_sub(c.first)),
        c.first,
        kind_rank(c.kind),
        c.span.start,
    )
}

/// Bits of the packed sort key ([`policy_order`]), high to low: inverted length, first
/// token, kind, index.
const LENGTH_BITS: u32 = 12;
const FIRST_BITS: u32 = 28;
const KIND_BITS: u32 = 3;
const INDEX_BITS: u32 = 64 - LENGTH_BITS - FIRST_BITS - KIND_BITS;

/// The candidates' indices in the policy's order ([`policy_key`]; equal keys keep their
/// order).
///
/// Each candidate's length, first token, kind and index are packed into one `u64`, so that
/// the sort compares plain integers (which the standard sort does without branches) where
/// comparing tuples field by field was a branch the predictor missed every other time;
/// candidates that tie on all but the byte (rare: dates whose span starts before their
/// first token) are then put in byte order in one pass. A document whose numbers do not
/// fit (a length of 4,096 tokens, a first token past 268 million, 2 million candidates)
/// is sorted by the tuples themselves.
fn policy_order(candidates: &[Candidate]) -> Vec<usize> {
    let fits = candidates.len() < 1 << INDEX_BITS
        && candidates
            .iter()
            .all(|c| c.end.saturating_sub(c.first) < 1 << LENGTH_BITS && c.first < 1 << FIRST_BITS);
    if !fits {
        let mut order: Vec<usize> = (0..candidates.len()).collect();
        order.sort_by_key(|&i| policy_key(&candidates[i]));
        return order;
    }
    let index_mask = (1u64 << INDEX_BITS) - 1;
    let mut keys: Vec<u64> = candidates
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let length = c.end.saturating_sub(c.first) as u64;
            let inverted = (1 << LENGTH_BITS) - 1 - length;
            (inverted << (64 - LENGTH_BITS))
                | (c.first as u64) << (INDEX_BITS + KIND_BITS)
                | u64::from(kind_rank(c.kind)) << INDEX_BITS
                | i as u64
        })
        .collect();
    keys.sort_unstable();
    let mut order: Vec<usize> = keys.iter().map(|&k| (k & index_mask) as usize).collect();
    // Runs that tie on length, first token and kind, put in byte order (a stable insertion
    // sort: such runs are rare and short).
    let mut run_start = 0;
    for at in 1..=keys.len() {
        if at < keys.len() && keys[at] >> INDEX_BITS == keys[run_start] >> INDEX_BITS {
            continue;
        }
        if at - run_start > 1 {
            order[run_start..at].sort_by_key(|&i| candidates[i].span.start);
        }
        run_start = at;
    }
    order
}

/// Disjoint token ranges (first, end, kind), for the overlap test, with the range each
/// token belongs to: candidates are a few tokens long, so reading their tokens answers a
/// clash in a cache line or two, where a sorted map chased pointers.
struct Ranges {
    /// Per token, the index in `ranges` of the range covering it, or `u32::MAX`.
    owner: Vec<u32>,
    ranges: Vec<(usize, usize, EntityKind)>,
}

impl Ranges {
    /// No range yet, over `tokens` tokens, with room for `ranges` ranges.
    fn new(tokens: usize, ranges: usize) -> Ranges {
        Ranges {
            owner: vec![u32::MAX; tokens],
            ranges: Vec::with_capacity(ranges),
        }
    }

    /// The range overlapping `first..end`, if any (ranges are disjoint, so the first
    /// covered token names the only one that can cover `first`, else the first after it).
    fn clash(&self, first: usize, end: usize) -> Option<(usize, usize, EntityKind)> {
        self.owner
            .get(first..end.min(self.owner.len()))?
            .iter()
            .find(|&&range| range != u32::MAX)
            .map(|&range| self.ranges[range as usize])
    }

    fn insert(&mut self, first: usize, end: usize, kind: EntityKind) {
        let range = self.ranges.len() as u32;
        self.ranges.push((first, end, kind));
        let end = end.min(self.owner.len());
        if let Some(owned) = self.owner.get_mut(first..end) {
            owned.fill(range);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Span;
    use crate::resolve::Origin;
    use proptest::prelude::*;

    const KINDS: [EntityKind; 8] = [
        EntityKind::Date,
        EntityKind::Person,
        EntityKind::Exercise,
        EntityKind::Organization,
        EntityKind::Country,
        EntityKind::Location,
        EntityKind::Role,
        EntityKind::Rank,
    ];

    fn candidate(first: usize, length: usize, kind: usize, start: usize) -> Candidate {
        Candidate {
            first,
            end: first + length,
            span: Span::new(start, start + length * 4),
            kind: KINDS[kind % KINDS.len()],
            entry: None,
            name: None,
            value: None,
            origin: Origin::Pattern("test"),
            nested: false,
        }
    }

    proptest! {
        /// The packed sort and its tie pass give exactly the stable sort by the policy's
        /// key: ties on all but the byte, empty ranges, and numbers too large to pack
        /// (which take the tuple sort) included.
        #[test]
        fn policy_order_is_the_stable_sort_by_key(
            parts in proptest::collection::vec(
                (0usize..30, 0usize..5, 0usize..8, 0usize..6), 0..60),
            large in proptest::option::of((0usize..2, 1usize << 28..1usize << 40)),
        ) {
            let mut candidates: Vec<Candidate> = parts
                .iter()
                .map(|&(first, length, kind, shift)| candidate(first, length, kind, first * 4 + shift))
                .collect();
            if let Some((which, large)) = large {
                candidates.push(if which == 0 {
                    candidate(large, 2, 0, 0)
                } else {
                    candidate(0, large, 0, 0)
                });
            }
            let mut expected: Vec<usize> = (0..candidates.len()).collect();
            expected.sort_by_key(|&i| policy_key(&candidates[i]));
            prop_assert_eq!(policy_order(&candidates), expected);
        }
    }
}
