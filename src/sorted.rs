//! Sorted lists searched by halves: what per-document maps from a key to a list became, one
//! allocation for the document and nothing hashed (see `DESIGN.md`, "Which hasher where").

/// The run of `sorted` whose key is `key`, where `sorted` is sorted by `key_of`.
pub(crate) fn equal_range<T, K: Ord>(sorted: &[T], key: K, key_of: impl Fn(&T) -> K) -> &[T] {
    let from = sorted.partition_point(|item| key_of(item) < key);
    let len = sorted[from..].partition_point(|item| key_of(item) == key);
    &sorted[from..from + len]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_by_key() {
        let list = [("a", 1), ("b", 2), ("b", 3), ("d", 4)];
        let cases: &[(&str, &[(&str, i32)])] = &[
            ("a", &[("a", 1)]),
            ("b", &[("b", 2), ("b", 3)]),
            ("c", &[]),
            ("d", &[("d", 4)]),
            ("", &[]),
            ("z", &[]),
        ];
        for &(key, want) in cases {
            assert_eq!(equal_range(&list, key, |&(k, _)| k), want, "{key:?}");
        }
        assert!(equal_range(&[] as &[(&str, i32)], "a", |&(k, _)| k).is_empty());
    }
}
