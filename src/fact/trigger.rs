//! Fact triggers as data: words and phrases that announce a fact, loaded from TSV
//! (`gazetteers/triggers.tsv`; users add their own with
//! [`ExtractorBuilder::trigger_file`](crate::ExtractorBuilder::trigger_file)).

use crate::mention::trie::TokenTrie;

use crate::error::{Error, Result};
use crate::gazetteer::Attributes;
use crate::text::{Analysis, tokenize_with_keys};

/// The fact kinds triggers announce.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FactKind {
    /// Meetings, talks, calls, summits.
    Meeting,
    /// Visits.
    Visit,
    /// Military exercises.
    Exercise,
    /// Appointments and nominations.
    Appointment,
    /// Agreements.
    Agreement,
    /// Deployments.
    Deployment,
}

impl FactKind {
    fn parse(name: &str) -> Option<FactKind> {
        Some(match name {
            "meeting" => FactKind::Meeting,
            "visit" => FactKind::Visit,
            "exercise" => FactKind::Exercise,
            "appointment" => FactKind::Appointment,
            "agreement" => FactKind::Agreement,
            "deployment" => FactKind::Deployment,
            _ => return None,
        })
    }
}

/// One trigger phrase.
#[derive(Clone, Debug, PartialEq)]
pub struct Trigger {
    /// The fact kind it announces.
    pub kind: FactKind,
    /// The phrase as written.
    pub phrase: String,
    /// Confidence it lends, 0..1.
    pub strength: f32,
    /// True for verbs ("met"), false for nouns ("meeting").
    pub verb: bool,
    /// Needs two people in the sentence ("welcomed").
    pub needs_two_people: bool,
    /// Needs an agreement word as object ("signed" an agreement, not a letter).
    pub needs_object: bool,
    /// Needs a person as object ("welcomed President X", not "welcomed the decision").
    pub needs_person_object: bool,
    /// Only supports a fact found elsewhere ("the two leaders discussed ..." adds evidence
    /// to their meeting; its topics' dates and places are not the meeting's).
    pub supporting: bool,
    /// Announces a plan by itself ("intent to nominate").
    pub planned: bool,
    /// Words or phrases (normalised keys, space-separated) that, right after the phrase,
    /// mean it is not the fact: "call" before "for", "on" or "to action" is an appeal, not
    /// a phone call.
    pub not_before: Vec<String>,
    /// Where it was defined: "file:line".
    pub origin: String,
}

/// A trigger found on tokens `first..end`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TriggerHit {
    /// Index into [`Triggers::triggers`].
    pub trigger: usize,
    /// First token.
    pub first: usize,
    /// One past the last token.
    pub end: usize,
}

/// All triggers, compiled into one trie over token keys.
#[derive(Clone, Debug)]
pub struct Triggers {
    triggers: Vec<Trigger>,
    trie: TokenTrie,
    /// For each pattern of the trie, the triggers with that phrase.
    by_pattern: Vec<Vec<usize>>,
    /// For each word id of the lexicon linked by [`Triggers::link`], the word's id here.
    from_lexicon: Vec<u32>,
}

/// The embedded default triggers.
pub const DEFAULT_TRIGGERS: (&str, &str) = (
    "gazetteers/triggers.tsv",
    include_str!("../../gazetteers/triggers.tsv"),
);

impl Triggers {
    /// The embedded defaults.
    pub fn defaults() -> Result<Triggers> {
        let mut t = Triggers {
            triggers: Vec::new(),
            trie: TokenTrie::default(),
            by_pattern: Vec::new(),
            from_lexicon: Vec::new(),
        };
        t.add_str(DEFAULT_TRIGGERS.0, DEFAULT_TRIGGERS.1)?;
        Ok(t)
    }

    /// The triggers.
    pub fn triggers(&self) -> &[Trigger] {
        &self.triggers
    }

    /// Adds triggers from a file.
    pub fn add_file(&mut self, path: &std::path::Path) -> Result<()> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        self.add_str(&path.display().to_string(), &text)
    }

    /// Adds triggers from text; `file` names it in errors. Nothing is added on error.
    pub fn add_str(&mut self, file: &str, text: &str) -> Result<()> {
        let mut added = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.strip_suffix('\r').unwrap_or(line);
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let fail = |m: String| Error::gazetteer(file, n + 1, m);
            let columns: Vec<&str> = line.split('\t').collect();
            if !(2..=3).contains(&columns.len()) {
                return Err(fail(format!(
                    "expected 2 or 3 TAB-separated columns (kind, phrase, attributes), found {}",
                    columns.len()
                )));
            }
            let kind = FactKind::parse(columns[0].trim())
                .ok_or_else(|| fail(format!("unknown fact kind {:?}", columns[0])))?;
            let phrase = columns[1].trim();
            if phrase.is_empty() {
                return Err(fail("empty trigger phrase".into()));
            }
            let tokens = crate::text::tokenize(phrase).len();
            if tokens > crate::mention::lexicon::MAX_NAME_TOKENS {
                return Err(fail(format!(
                    "the phrase has {tokens} tokens; at most {} are allowed",
                    crate::mention::lexicon::MAX_NAME_TOKENS
                )));
            }
            let mut pairs = Vec::new();
            for pair in columns
                .get(2)
                .unwrap_or(&"")
                .split(';')
                .filter(|p| !p.trim().is_empty())
            {
                let (k, v) = pair
                    .split_once('=')
                    .ok_or_else(|| fail(format!("attribute {pair:?} has no '='")))?;
                pairs.push((k.trim().to_string(), v.trim().to_string()));
            }
            let attributes = Attributes::new(pairs);
            let strength = match attributes.get("strength") {
                Some(s) => s
                    .parse::<f32>()
                    .ok()
                    .filter(|v| (0.0..=1.0).contains(v))
                    .ok_or_else(|| fail(format!("strength={s:?}: expected a number in 0..1")))?,
                None => 0.7,
            };
            added.push(Trigger {
                kind,
                phrase: phrase.to_string(),
                strength,
                verb: attributes.get("role") == Some("verb"),
                needs_two_people: attributes.list("needs").any(|n| n == "persons2"),
                needs_object: attributes.list("needs").any(|n| n == "object"),
                needs_person_object: attributes.list("needs").any(|n| n == "person_object"),
                supporting: attributes.flag("support"),
                planned: attributes.get("status") == Some("planned"),
                not_before: attributes
                    .list("not_before")
                    .map(|words| {
                        let t = tokenize_with_keys(words);
                        (0..t.tokens.len())
                            .map(|i| t.key(i))
                            .collect::<Vec<_>>()
                            .join(" ")
                    })
                    .filter(|words| !words.is_empty())
                    .collect(),
                origin: format!("{file}:{}", n + 1),
            });
        }
        self.triggers.extend(added);
        self.compile();
        Ok(())
    }

    fn compile(&mut self) {
        self.trie = TokenTrie::default();
        self.by_pattern.clear();
        // A new trie has new word ids: the link to a lexicon must be made again.
        self.from_lexicon.clear();
        for (index, trigger) in self.triggers.iter().enumerate() {
            let tokenized = tokenize_with_keys(&trigger.phrase);
            let keys = (0..tokenized.tokens.len()).map(|i| tokenized.key(i));
            if let Some(pattern) = self.trie.insert(keys) {
                if pattern == self.by_pattern.len() {
                    self.by_pattern.push(Vec::new());
                }
                self.by_pattern[pattern].push(index);
            }
        }
    }

    /// The trie of trigger phrases.
    pub fn trie(&self) -> &TokenTrie {
        &self.trie
    }

    /// Links the triggers to a lexicon trie that holds every trigger word (see
    /// [`crate::mention::Lexicon::include_words_of`]), for [`Triggers::find_with_words`].
    pub fn link(&mut self, lexicon: &TokenTrie) {
        self.from_lexicon = lexicon.translate_words(&self.trie);
        // A last "no word" stands for every id past the table (see `find_with_words`); an
        // empty table (a lexicon with no words) stays empty, and the triggers look words up
        // themselves.
        if !self.from_lexicon.is_empty() {
            self.from_lexicon.push(u32::MAX);
        }
    }

    /// Every trigger in the text; where one is inside a longer one at the same place ("talks"
    /// in "held bilateral talks"), only the longer is kept.
    pub fn find(&self, analysis: &Analysis) -> Vec<TriggerHit> {
        self.select(
            analysis,
            self.trie.find_ids(&self.trie.word_ids(&analysis.tokenized)),
        )
    }

    /// [`Triggers::find`] from the word ids of the lexicon given to [`Triggers::link`], so
    /// that the text's tokens are looked up once for names and triggers.
    /// Without a link it looks the words up itself.
    pub fn find_with_words(&self, analysis: &Analysis, lexicon_words: &[u32]) -> Vec<TriggerHit> {
        // `link` ends the table with "no word" for every other word.
        let Some(words) = crate::mention::trie::map_word_ids(&self.from_lexicon, lexicon_words)
        else {
            return self.find(analysis);
        };
        self.select(analysis, self.trie.find_ids(&words))
    }

    fn select(&self, analysis: &Analysis, raw: Vec<(usize, usize, usize)>) -> Vec<TriggerHit> {
        let mut hits: Vec<TriggerHit> = raw
            .into_iter()
            .flat_map(|(pattern, first, end)| {
                self.by_pattern[pattern]
                    .iter()
                    .map(move |&trigger| TriggerHit {
                        trigger,
                        first,
                        end,
                    })
            })
            .filter(|hit| {
                let not_before = &self.triggers[hit.trigger].not_before;
                not_before.is_empty()
                    || !not_before.iter().any(|w| followed_by(analysis, hit.end, w))
            })
            .collect();
        hits.sort_by_key(|h| (h.first, std::cmp::Reverse(h.end)));
        // Every kept hit starts at or before the current one, so the current one lies inside
        // a kept hit of its kind exactly when the furthest end among them reaches its end.
        let mut furthest_end: Vec<(FactKind, usize)> = Vec::new();
        let mut kept: Vec<TriggerHit> = Vec::with_capacity(hits.len());
        for hit in hits {
            let kind = self.triggers[hit.trigger].kind;
            match furthest_end.iter_mut().find(|(k, _)| *k == kind) {
                Some((_, end)) if hit.end <= *end => continue,
                Some((_, end)) => *end = hit.end,
                None => furthest_end.push((kind, hit.end)),
            }
            kept.push(hit);
        }
        kept
    }
}

/// True when the tokens from `at` on have the keys of `words` (space-separated), in the
/// same sentence.
fn followed_by(analysis: &Analysis, at: usize, words: &str) -> bool {
    let tokens = &analysis.tokenized;
    let sentence = analysis.sentence_of.get(at.saturating_sub(1)).copied();
    words.split(' ').enumerate().all(|(offset, word)| {
        let i = at + offset;
        i < tokens.tokens.len()
            && analysis.sentence_of.get(i).copied() == sentence
            && tokens.key(i) == word
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::Gazetteer;
    use crate::mention::Lexicon;

    /// Through the lexicon's word ids, linked or not, the same triggers are found as alone.
    #[test]
    fn linked_search_finds_what_the_triggers_find_alone() {
        let gazetteer = Gazetteer::parse(
            "g.tsv",
            "country\tKazakhstan\tKAZ\nrole\tDefence Minister\nperson\tNurlan Yermekbayev\n",
        )
        .unwrap();
        let mut triggers = Triggers::defaults().unwrap();
        let mut lexicon = Lexicon::build(&gazetteer).unwrap();
        let text = "Defence Minister Nurlan Yermekbayev held bilateral talks with his Indian \
                    counterpart and met officials; the two sides signed an agreement and will \
                    hold a joint exercise. He visited Astana.";
        let analysis = Analysis::new(text);
        let alone = triggers.find(&analysis);
        assert!(alone.len() >= 4, "{alone:?}");
        let unlinked =
            triggers.find_with_words(&analysis, &lexicon.trie().word_ids(&analysis.tokenized));
        assert_eq!(
            unlinked, alone,
            "without a link the triggers look words up themselves"
        );
        lexicon.include_words_of(triggers.trie());
        triggers.link(lexicon.trie());
        let words = lexicon.trie().word_ids(&analysis.tokenized);
        assert_eq!(triggers.find_with_words(&analysis, &words), alone);
        // The names are still found as before.
        assert_eq!(
            lexicon.find_with_words(text, &analysis, &words),
            lexicon.find(text, &analysis)
        );
    }

    /// `not_before` words or phrases right after a trigger stop it, in the same sentence
    /// only; other hits are untouched.
    #[test]
    fn not_before_stops_a_trigger() {
        let mut triggers = Triggers::defaults().unwrap();
        triggers
            .add_str(
                "t.tsv",
                "meeting\tring\tstrength=0.8;role=noun;not_before=for,to action,UPON\n",
            )
            .unwrap();
        let ring = triggers
            .triggers()
            .iter()
            .position(|t| t.phrase == "ring")
            .unwrap();
        assert_eq!(
            triggers.triggers()[ring].not_before,
            ["for", "to action", "upon"]
        );
        let cases = [
            ("They joined the ring with the minister.", true),
            ("The ring ended.", true),
            ("Their ring for peace was heard.", false),
            ("A ring to action went out.", false),
            ("A ring to the minister went out.", true),
            ("A ring upon all sides.", false),
            ("A ring. For now, nothing.", true),
            ("The last word is ring", true),
        ];
        for (text, fires) in cases {
            let analysis = Analysis::new(text);
            let found = triggers.find(&analysis).iter().any(|h| h.trigger == ring);
            assert_eq!(found, fires, "{text:?}");
        }
    }
}
