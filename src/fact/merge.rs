//! One fact per event: drafts of one kind whose fields do not contradict each other merge,
//! keeping every evidence span; and the one-line summaries.

use std::hash::{BuildHasher, RandomState};

use crate::fxhash::FxHashMap;

use super::context::FactContext;
use super::{Draft, FactKind};

fn compatible<T: PartialEq>(a: &Option<T>, b: &Option<T>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a == b,
        _ => true,
    }
}

fn subset(a: &[usize], b: &[usize]) -> bool {
    a.iter().all(|x| b.contains(x))
}

/// A destination compatible with another: equal, one missing, or a place inside the other
/// country ("Phnom Penh" and "KHM").
fn destinations_agree(a: &Draft, b: &Draft) -> bool {
    match (&a.destination, &b.destination) {
        (Some(x), Some(y)) if x == y => true,
        // A city joins the announced visit to its country ("will visit Cambodia" and "will be
        // in Phnom Penh from November 12-13"), unless the country visit has dates of its own:
        // then the city is a separate stop ("visited the Longewala sector").
        (Some(x), Some(y)) => {
            a.destination_country.as_deref() == Some(y.as_str()) && b.date.is_none()
                || b.destination_country.as_deref() == Some(x.as_str()) && a.date.is_none()
        }
        _ => true,
    }
}

fn same_event(a: &Draft, b: &Draft) -> bool {
    if a.kind != b.kind || !compatible(&a.event, &b.event) || !compatible(&a.date, &b.date) {
        return false;
    }
    match a.kind {
        FactKind::Meeting => {
            let people = (!a.participants.is_empty() && !b.participants.is_empty())
                && (subset(&a.participants, &b.participants)
                    || subset(&b.participants, &a.participants))
                || (a.participants.is_empty() || b.participants.is_empty())
                    && (a.event.is_some() && a.event == b.event
                        || a.location.is_some() && a.location == b.location
                        || a.date.is_some() && a.date == b.date)
                // Two mentions of an unnamed gathering of the same countries.
                || a.participants.is_empty()
                    && b.participants.is_empty()
                    && (a.countries.is_empty() || b.countries.is_empty() || a.countries == b.countries);
            // "meet with the leaders of Australia, Japan and India" is not the bilateral
            // meeting of one of its participants: countries beyond the other's part them.
            let countries_fit = |small: &Draft, big: &Draft| {
                small.participants.len() >= big.participants.len()
                    || small.countries.iter().all(|c| big.countries.contains(c))
            };
            people
                && compatible(&a.location, &b.location)
                && countries_fit(a, b)
                && countries_fit(b, a)
        }
        FactKind::Visit => a.visitor == b.visitor && destinations_agree(a, b),
        FactKind::Exercise => a.exercise == b.exercise,
        FactKind::Appointment => a.person == b.person && compatible(&a.role, &b.role),
        FactKind::Agreement => match (&a.subject, &b.subject) {
            (Some(x), Some(y)) => x == y,
            (None, None) => a.countries == b.countries,
            _ => false,
        },
        FactKind::Deployment => {
            a.countries == b.countries && compatible(&a.organization, &b.organization)
        }
    }
}

fn absorb(into: &mut Draft, mut from: Draft) {
    if from.supporting {
        // Topics' dates and places are not the event's.
        from.date = None;
        from.location = None;
        from.countries.clear();
    }
    for p in from.participants {
        if !into.participants.contains(&p) {
            into.participants.push(p);
        }
    }
    for c in from.countries {
        if !into.countries.contains(&c) {
            into.countries.push(c);
        }
    }
    macro_rules! fill {
        ($($field:ident),*) => {$(
            if into.$field.is_none() {
                into.$field = from.$field;
            }
        )*};
    }
    fill!(
        date,
        location,
        visitor,
        host,
        exercise,
        person,
        role,
        country,
        subject,
        organization,
        event
    );
    // The more specific destination (a place inside a country) wins.
    match (&into.destination, &from.destination) {
        (None, Some(_)) => {
            into.destination = from.destination;
            into.destination_country = from.destination_country;
        }
        (Some(x), Some(_)) if from.destination_country.as_deref() == Some(x.as_str()) => {
            into.destination = from.destination;
            into.destination_country = from.destination_country;
        }
        _ => {}
    }
    into.evidence.extend(from.evidence);
    into.confidence = (into.confidence.max(from.confidence) + 0.05).min(0.99);
}

/// How many earlier facts a draft is compared with (of its bucket; of its kind, for a
/// supporting draft). An article holds a few dozen facts; the bound keeps merging linear on
/// documents of any size: a draft further than this from its match starts a fact of its own.
const MERGE_WINDOW: usize = 256;

/// What two drafts must share to be the same event (see `same_event`): the kind, and the
/// field that kind compares for equality. Borrowed from the draft: no strings cloned.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Bucket<'d> {
    Meeting,
    Person(FactKind, Option<usize>),
    Name(FactKind, Option<&'d str>),
    Countries(FactKind, &'d [String]),
}

fn bucket(d: &Draft) -> Bucket<'_> {
    match d.kind {
        FactKind::Meeting => Bucket::Meeting,
        FactKind::Visit => Bucket::Person(d.kind, d.visitor),
        FactKind::Appointment => Bucket::Person(d.kind, d.person),
        FactKind::Exercise => Bucket::Name(d.kind, d.exercise.as_deref()),
        FactKind::Agreement if d.subject.is_some() => Bucket::Name(d.kind, d.subject.as_deref()),
        FactKind::Agreement | FactKind::Deployment => Bucket::Countries(d.kind, &d.countries),
    }
}

/// Merged facts with indices by bucket and by kind, each list in merge order.
///
/// A bucket list is keyed by the hash of its bucket (a number, so that the lists need not
/// own the bucket's strings); buckets that share a hash share a list, and readers keep
/// the drafts of their own bucket. Agreement subjects come from the text, so the hash is
/// keyed per document (SipHash with random keys, as the std maps it replaces were): a
/// text cannot make its buckets collide and the filtering quadratic.
///
/// Most documents make a few drafts: until [`INDEX_FROM`] facts, none of this is kept and
/// the facts are searched one by one, which finds the same ones in the same order (the
/// lists are in merge order and hold every fact of their bucket or kind) without hashing
/// or a list per bucket.
#[derive(Default)]
struct Merged {
    drafts: Vec<Draft>,
    hash_keys: RandomState,
    /// True once the lists below are kept.
    indexed: bool,
    by_bucket: FxHashMap<u64, Vec<usize>>,
    /// By [`FactKind`] as an index: six kinds, no map needed.
    by_kind: [Vec<usize>; 6],
}

/// Whether supporting `draft` can join fact `m` (of its kind): `m` is not supporting and
/// its people include the draft's.
fn supports(draft: &Draft, m: &Draft) -> bool {
    !m.supporting
        && !draft.participants.is_empty()
        && draft
            .participants
            .iter()
            .all(|p| m.participants.contains(p))
}

/// How many facts are searched one by one before the bucket and kind lists are built:
/// below the window, so that no search is cut short by it.
const INDEX_FROM: usize = 32;
const _: () = assert!(INDEX_FROM <= MERGE_WINDOW);

impl Merged {
    /// The hash of `d`'s bucket.
    fn bucket_hash(&self, d: &Draft) -> u64 {
        self.hash_keys.hash_one(bucket(d))
    }

    /// The indices of the last `MERGE_WINDOW` facts of `draft`'s bucket, in merge order.
    fn last_of_bucket<'m>(&'m self, draft: &'m Draft) -> impl Iterator<Item = usize> + 'm {
        let list = self
            .by_bucket
            .get(&self.bucket_hash(draft))
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        let wanted = bucket(draft);
        let of_bucket = move || {
            list.iter()
                .copied()
                .filter(move |&m| bucket(&self.drafts[m]) == wanted)
        };
        let skipped = of_bucket().count().saturating_sub(MERGE_WINDOW);
        of_bucket().skip(skipped)
    }

    /// The first fact of the same event, or for a supporting draft the latest fact of its
    /// kind whose people include the draft's.
    fn target(&self, draft: &Draft, supporting_pass: bool) -> Option<usize> {
        if !self.indexed {
            return self.target_unindexed(draft, supporting_pass);
        }
        if supporting_pass && draft.supporting {
            // A supporting draft joins the latest meeting of its people, whatever the topic.
            let list = &self.by_kind[draft.kind as usize];
            return list[list.len().saturating_sub(MERGE_WINDOW)..]
                .iter()
                .rev()
                .copied()
                .find(|&m| supports(draft, &self.drafts[m]));
        }
        self.last_of_bucket(draft)
            .find(|&m| same_event(&self.drafts[m], draft))
    }

    /// [`Merged::target`] with no lists: fewer facts than [`INDEX_FROM`], all of them
    /// within the window.
    fn target_unindexed(&self, draft: &Draft, supporting_pass: bool) -> Option<usize> {
        let of_kind = || (0..self.drafts.len()).filter(|&m| self.drafts[m].kind == draft.kind);
        if supporting_pass && draft.supporting {
            return of_kind().rev().find(|&m| supports(draft, &self.drafts[m]));
        }
        let wanted = bucket(draft);
        of_kind().find(|&m| {
            let m = &self.drafts[m];
            bucket(m) == wanted && same_event(m, draft)
        })
    }

    /// Builds the bucket and kind lists of the facts so far.
    fn index(&mut self) {
        self.indexed = true;
        for m in 0..self.drafts.len() {
            let hash = self.bucket_hash(&self.drafts[m]);
            self.by_bucket.entry(hash).or_default().push(m);
            self.by_kind[self.drafts[m].kind as usize].push(m);
        }
    }

    fn add(&mut self, draft: Draft, supporting_pass: bool) {
        match self.target(&draft, supporting_pass) {
            Some(m) if !self.indexed => absorb(&mut self.drafts[m], draft),
            Some(m) => {
                let before = self.bucket_hash(&self.drafts[m]);
                absorb(&mut self.drafts[m], draft);
                let after = self.bucket_hash(&self.drafts[m]);
                if after != before {
                    // Absorbing filled the field the bucket is keyed by: move the fact.
                    if let Some(list) = self.by_bucket.get_mut(&before) {
                        list.retain(|&i| i != m);
                    }
                    let list = self.by_bucket.entry(after).or_default();
                    let at = list.partition_point(|&i| i < m);
                    list.insert(at, m);
                }
            }
            None if !self.indexed && self.drafts.len() + 1 < INDEX_FROM => {
                self.drafts.push(draft);
            }
            None => {
                if !self.indexed {
                    self.index();
                }
                let m = self.drafts.len();
                self.by_bucket
                    .entry(self.bucket_hash(&draft))
                    .or_default()
                    .push(m);
                self.by_kind[draft.kind as usize].push(m);
                self.drafts.push(draft);
            }
        }
    }
}

/// Merges drafts of the same event, in order of first evidence.
pub(super) fn merge(drafts: Vec<Draft>) -> Vec<Draft> {
    // Sized once: drafts are large, and most survive a pass.
    let mut merged = Merged {
        drafts: Vec::with_capacity(drafts.len()),
        ..Merged::default()
    };
    for draft in drafts {
        merged.add(draft, true);
    }
    // A second pass: merging may have filled fields that let two facts meet.
    let mut second = Merged {
        drafts: Vec::with_capacity(merged.drafts.len()),
        ..Merged::default()
    };
    for draft in merged.drafts {
        second.add(draft, false);
    }
    let mut out = second.drafts;
    // Appointments that never found a role only served to carry an announcer's country;
    // supporting drafts that found nothing to support say nothing on their own.
    out.retain(|d| (d.kind != FactKind::Appointment || d.role.is_some()) && !d.supporting);
    out
}

/// A country's canonical name (the code when the gazetteer has none), appended to `s`.
fn push_country(cx: &FactContext, s: &mut String, code: &str) {
    match cx.gazetteer.country_by_code(code) {
        Some(e) => s.push_str(&e.canonical),
        None => s.push_str(code),
    }
}

/// A person's name, with the country's name in brackets when known, appended to `s`.
fn push_person(cx: &FactContext, s: &mut String, e: usize) {
    let entity = &cx.resolution.entities[e];
    s.push_str(&entity.name);
    if let Some(c) = &entity.country {
        s.push_str(" (");
        push_country(cx, s, c);
        s.push(')');
    }
}

/// `n` items appended to `s` as "a", "a and b", "a, b and c".
fn push_list(s: &mut String, n: usize, mut item: impl FnMut(&mut String, usize)) {
    for i in 0..n {
        if i > 0 {
            s.push_str(if i + 1 == n { " and " } else { ", " });
        }
        item(s, i);
    }
}

fn push_countries(cx: &FactContext, s: &mut String, codes: &[String]) {
    push_list(s, codes.len(), |s, i| push_country(cx, s, &codes[i]));
}

fn push_people(cx: &FactContext, s: &mut String, people: &[usize]) {
    push_list(s, people.len(), |s, i| push_person(cx, s, people[i]));
}

/// A place: a country code becomes the country's name.
fn push_place(cx: &FactContext, s: &mut String, p: &str) {
    if p.len() == 3 && p.bytes().all(|b| b.is_ascii_uppercase()) {
        push_country(cx, s, p);
    } else {
        s.push_str(p);
    }
}

/// "meeting between Rajnath Singh (India) and Nurlan Yermekbayev (Kazakhstan) on 2021-04-09".
///
/// Written into one string as it goes: the parts' own strings and `format!` cost more
/// than the summary.
pub(super) fn summary(cx: &FactContext, d: &Draft) -> String {
    let mut s = String::with_capacity(96);
    match d.kind {
        FactKind::Meeting => {
            let mut who = String::new();
            if d.participants.is_empty() {
                push_countries(cx, &mut who, &d.countries);
            } else {
                push_people(cx, &mut who, &d.participants);
            }
            s.push_str(d.event.as_deref().unwrap_or("meeting"));
            if !who.is_empty() {
                s.push_str(if d.participants.len() == 1 {
                    " with "
                } else {
                    " between "
                });
                s.push_str(&who);
            }
        }
        FactKind::Visit => {
            s.push_str("visit by ");
            match d.visitor {
                Some(v) => push_person(cx, &mut s, v),
                None => s.push_str("someone"),
            }
            if let Some(dest) = &d.destination {
                s.push_str(" to ");
                push_place(cx, &mut s, dest);
            }
            if let Some(h) = d.host {
                s.push_str(", hosted by ");
                push_person(cx, &mut s, h);
            }
        }
        FactKind::Exercise => {
            s.push_str("exercise ");
            s.push_str(d.exercise.as_deref().unwrap_or_default());
            match d.countries.len() {
                0 => {}
                1 => s.push_str(" by "),
                _ => s.push_str(" between "),
            }
            push_countries(cx, &mut s, &d.countries);
        }
        FactKind::Appointment => {
            s.push_str("appointment of ");
            if let Some(p) = d.person {
                push_person(cx, &mut s, p);
            }
            if let Some(r) = &d.role {
                s.push_str(" as ");
                s.push_str(r);
            }
            if let Some(c) = &d.country {
                s.push_str(" of ");
                push_country(cx, &mut s, c);
            }
        }
        FactKind::Agreement => {
            match &d.subject {
                Some(subject) => {
                    s.push_str("agreement \"");
                    s.push_str(subject);
                    s.push('"');
                }
                None => s.push_str("agreement"),
            }
            if !d.countries.is_empty() {
                s.push_str(" between ");
                push_countries(cx, &mut s, &d.countries);
            } else if !d.participants.is_empty() {
                s.push_str(" between ");
                push_people(cx, &mut s, &d.participants);
            }
        }
        FactKind::Deployment => {
            s.push_str("deployment of troops of ");
            push_countries(cx, &mut s, &d.countries);
            if let Some(o) = &d.organization {
                s.push_str(" with ");
                s.push_str(o);
            }
            if let Some(l) = &d.location {
                s.push_str(" in ");
                s.push_str(l);
            }
        }
    }
    if let (Some(l), FactKind::Meeting | FactKind::Exercise) = (&d.location, d.kind) {
        s.push_str(" in ");
        push_place(cx, &mut s, l);
    }
    if let Some(date) = &d.date {
        match date.split_once('/') {
            Some((a, b)) => {
                s.push_str(" from ");
                s.push_str(a);
                s.push_str(" to ");
                s.push_str(b);
            }
            None => {
                s.push_str(" on ");
                s.push_str(date);
            }
        }
    }
    match d.status {
        crate::document::Status::Planned => s.push_str(" (planned)"),
        crate::document::Status::Cancelled => s.push_str(" (cancelled)"),
        crate::document::Status::Negated => s.push_str(" (did not happen)"),
        crate::document::Status::Happened => {}
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Span;
    use crate::fact::Rule;

    fn visit(visitor: usize) -> Draft {
        let mut d = Draft::new(
            FactKind::Visit,
            Span::new(0, 1),
            0.5,
            Rule::Named("visit:test"),
        );
        d.visitor = Some(visitor);
        d
    }

    /// A bucket list keyed by a hash may hold drafts of another bucket (a collision): they
    /// are passed over, and the window counts only the drafts of the bucket asked for.
    #[test]
    fn bucket_lists_keep_only_their_own_bucket_and_window() {
        let mut merged = Merged::default();
        // Visitors 1 and 2 alternate; visitor 1 has more drafts than the window holds.
        let count = 2 * MERGE_WINDOW + 40;
        merged.drafts = (0..count).map(|m| visit(1 + m % 2)).collect();
        let shared: Vec<usize> = (0..count).collect();
        // Every draft under one key, as if the two visitors' buckets had the same hash.
        merged
            .by_bucket
            .insert(merged.bucket_hash(&visit(1)), shared.clone());
        let second = merged.bucket_hash(&visit(2));
        merged.by_bucket.insert(second, shared);
        let of_first: Vec<usize> = merged.last_of_bucket(&visit(1)).collect();
        let first_visitors: Vec<usize> = (0..count).step_by(2).collect();
        assert_eq!(
            of_first,
            first_visitors[first_visitors.len() - MERGE_WINDOW..]
        );
        assert!(merged.last_of_bucket(&visit(3)).next().is_none());
    }

    /// Searching the facts one by one finds what the lists find, below and across the
    /// point where the lists are built.
    #[test]
    fn unindexed_search_matches_the_lists() {
        let drafts: Vec<Draft> = (0..3 * INDEX_FROM)
            .map(|i| {
                let mut d = visit(if i % 3 == 0 { i % 7 } else { 100 + i });
                d.supporting = i % 5 == 0;
                d.participants = vec![i % 3];
                if i % 4 == 0 {
                    d.kind = FactKind::Meeting;
                    d.participants.push(i % 2);
                }
                d
            })
            .collect();
        let summary = |merged: &Merged| {
            merged
                .drafts
                .iter()
                .map(|d| (d.kind, d.visitor, d.participants.clone(), d.evidence.len()))
                .collect::<Vec<_>>()
        };
        for supporting_pass in [true, false] {
            let mut plain = Merged::default();
            let mut listed = Merged::default();
            listed.index();
            for d in &drafts {
                plain.add(d.clone(), supporting_pass);
                listed.add(d.clone(), supporting_pass);
            }
            assert!(plain.indexed);
            assert_eq!(summary(&plain), summary(&listed));
        }
    }

    /// Visits merge by visitor; distinct visitors stay apart.
    #[test]
    fn visits_merge_by_visitor() {
        let merged = merge(vec![visit(1), visit(2), visit(1), visit(2), visit(3)]);
        let visitors: Vec<Option<usize>> = merged.iter().map(|d| d.visitor).collect();
        assert_eq!(visitors, [Some(1), Some(2), Some(3)]);
        assert_eq!(merged[0].evidence.len(), 2);
    }
}
