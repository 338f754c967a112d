//! Exercise names: edition suffixes and the context that names which are also ordinary
//! words need.
//!
//! "Malabar 2023", "KAZIND-21", "Yudh Abhyas 2024" and "Cope India 23" are the exercise with
//! an edition: the mention covers the suffix, the entity stays the exercise. An entry marked
//! `context=yes` ("Shakti", "Vostok", "Milan") is accepted only with an edition suffix, a
//! preceding "Exercise"/"Ex", or an exercise word ("exercise", "drills", "war games") in the
//! same sentence.

use crate::text::{Analysis, Shape};

/// Words that make a sentence about an exercise.
const EXERCISE_WORDS: &[&str] = &[
    "exercise",
    "exercises",
    "drill",
    "drills",
    "wargame",
    "wargames",
    "manoeuvres",
    "maneuvers",
    "manoeuvre",
    "maneuver",
    "games",
    "edition",
    "iteration",
    "ex",
];

/// Returns the token end of the mention with its edition suffix, or `None` when a
/// context-dependent name lacks its context.
pub fn refine(
    text: &str,
    analysis: &Analysis,
    first: usize,
    end: usize,
    needs_context: bool,
) -> Option<usize> {
    let tokens = analysis.tokens();
    let word = |i: usize| tokens.get(i).map(|t| &text[t.span.range()]).unwrap_or("");
    let mut with_suffix = end;
    let mut at = end;
    if matches!(word(at), "-" | "–") && tokens.get(at).is_some_and(|t| !t.space_before) {
        at += 1;
    }
    if let Some(t) = tokens.get(at) {
        let w = word(at);
        let numeric_edition = t.shape.contains(Shape::DIGIT)
            && !t.shape.contains(Shape::ALPHA)
            && (w.len() == 2 || w.len() == 4)
            && w.bytes().all(|b| b.is_ascii_digit());
        let roman = !w.is_empty()
            && w.len() <= 5
            && w.bytes().all(|b| b"IVXL".contains(&b))
            && t.shape.contains(Shape::ALL_CAPS);
        if (numeric_edition || roman) && (at == end || !t.space_before) {
            with_suffix = at + 1;
        }
    }
    if !needs_context || with_suffix > end {
        return Some(with_suffix);
    }
    if first > 0
        && matches!(
            analysis.tokenized.key(first - 1),
            "exercise" | "ex" | "operation"
        )
    {
        return Some(with_suffix);
    }
    let sentence = &analysis.sentences[analysis.sentence_of[first] as usize];
    let in_context = sentence
        .tokens()
        .any(|i| EXERCISE_WORDS.contains(&analysis.tokenized.key(i)));
    in_context.then_some(with_suffix)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, first: usize, end: usize, needs_context: bool) -> Option<String> {
        let analysis = Analysis::new(text);
        let new_end = refine(text, &analysis, first, end, needs_context)?;
        let t = analysis.tokens();
        Some(text[t[first].span.start..t[new_end - 1].span.end].to_string())
    }

    #[test]
    fn suffix_and_context_table() {
        let cases: &[(&str, usize, usize, bool, Option<&str>)] = &[
            ("Malabar 2023 began", 0, 1, false, Some("Malabar 2023")),
            ("KAZIND-21 began", 0, 1, false, Some("KAZIND-21")),
            (
                "Yudh Abhyas 2024 ended",
                0,
                2,
                false,
                Some("Yudh Abhyas 2024"),
            ),
            ("Shakti is a word", 0, 1, true, None),
            ("the Shakti exercise", 1, 2, true, Some("Shakti")),
            ("Exercise Shakti began", 1, 2, true, Some("Shakti")),
            ("Shakti 2021 began", 0, 1, true, Some("Shakti 2021")),
            ("Malabar 300 ships", 0, 1, false, Some("Malabar")),
            ("Vostok III drew crowds", 0, 1, false, Some("Vostok III")),
        ];
        for &(text, first, end, ctx, expected) in cases {
            assert_eq!(
                check(text, first, end, ctx).as_deref(),
                expected,
                "{text:?}"
            );
        }
    }
}
