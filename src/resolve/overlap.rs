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
    // Candidates are large: their order is sorted as keys and indices.
    // The keys are worked out once, with the index last: an unstable sort of them is the
    // stable sort by the policy's order.
    let mut order: Vec<(std::cmp::Reverse<usize>, usize, u8, usize, usize)> = candidates
        .iter()
        .enumerate()
        .map(|(i, c)| {
            (
                std::cmp::Reverse(c.end.saturating_sub(c.first)),
                c.first,
                kind_rank(c.kind),
                c.span.start,
                i,
            )
        })
        .collect();
    order.sort_unstable();
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
    for (place, &(_, _, _, _, index)) in order.iter().enumerate() {
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
