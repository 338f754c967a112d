//! The `Extractor`: the one module that wires the stages together.

use std::cell::Cell;
use std::path::PathBuf;

use crate::document::{Document, Entity, GazetteerRef, Mention, Source};
use crate::error::Result;
use crate::fact::{self, Triggers};
use crate::fxhash::FxHashMap;
use crate::gazetteer::{EntityKind, Gazetteer};
use crate::mention::Lexicon;
use crate::mention::date::{Date, DateFinder};
use crate::resolve::{self, Candidate, Origin, Resolution};
use crate::text::Analysis;

thread_local! {
    /// The buffers of the last document analysed on this thread, reused by the next one:
    /// token and key buffers are the largest a document needs, and allocating and zeroing
    /// them anew for every document of a corpus costs more than their reuse.
    static SPARE_ANALYSIS: Cell<Analysis> = Cell::new(Analysis::default());
}

/// Texts longer than this keep no spare buffers, so that one huge document does not hold
/// its memory for the rest of a thread's life.
const MAX_SPARE_TEXT: usize = 1 << 20;

/// One document to extract from: its text and, optionally, its publication date.
///
/// ```
/// use newsfacts::{Input, mention::date::Date};
/// let input = Input::new("They met on Tuesday.").document_date(Date::new(2021, 4, 9).unwrap());
/// assert_eq!(input.text(), "They met on Tuesday.");
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Input<'a> {
    text: &'a str,
    document_date: Option<Date>,
}

impl<'a> Input<'a> {
    /// An input with no known publication date (it is looked for in the text).
    pub fn new(text: &'a str) -> Input<'a> {
        Input {
            text,
            document_date: None,
        }
    }

    /// Sets the publication date; it overrides any found in the text.
    pub fn document_date(mut self, date: Date) -> Input<'a> {
        self.document_date = Some(date);
        self
    }

    /// The text.
    pub fn text(&self) -> &'a str {
        self.text
    }
}

impl<'a> From<&'a str> for Input<'a> {
    fn from(text: &'a str) -> Input<'a> {
        Input::new(text)
    }
}

impl<'a> From<&'a String> for Input<'a> {
    fn from(text: &'a String) -> Input<'a> {
        Input::new(text)
    }
}

/// Reads news text and returns entities and facts. Build it once and share it: it is
/// `Send + Sync`, and extraction takes `&self`.
///
/// ```
/// use newsfacts::Extractor;
/// let extractor = Extractor::new();
/// let doc = extractor.extract("Kazakh troops joined the Indian battalion.");
/// let codes: Vec<_> = doc.entities.iter().filter_map(|e| e.code.as_deref()).collect();
/// assert_eq!(codes, ["KAZ", "IND"]);
/// ```
#[derive(Debug)]
pub struct Extractor {
    gazetteer: Gazetteer,
    lexicon: Lexicon,
    dates: DateFinder,
    triggers: Triggers,
}

/// Builds an [`Extractor`]: user gazetteers, with or without the embedded defaults.
///
/// ```
/// use newsfacts::Extractor;
/// let extractor = Extractor::builder()
///     .gazetteer_str("mine.tsv", "exercise\tNorthern Lynx\t\t\tparticipants=NOR,SWE\n")
///     .build()
///     .unwrap();
/// let doc = extractor.extract("Norway and Sweden held Northern Lynx drills.");
/// assert!(doc.entities.iter().any(|e| e.name == "Northern Lynx"));
/// ```
#[derive(Clone, Debug)]
pub struct ExtractorBuilder {
    defaults: bool,
    sources: Vec<GazetteerSource>,
    trigger_sources: Vec<GazetteerSource>,
}

#[derive(Clone, Debug)]
enum GazetteerSource {
    File(PathBuf),
    Text { name: String, text: String },
}

impl Default for Extractor {
    fn default() -> Extractor {
        Extractor::new()
    }
}

impl Extractor {
    /// An extractor with the embedded default gazetteers.
    ///
    /// The defaults are checked by the test suite, so this cannot fail at run time.
    pub fn new() -> Extractor {
        Extractor::builder()
            .build()
            .expect("the embedded gazetteers are valid (checked by tests)")
    }

    /// A builder, to add gazetteers or drop the defaults.
    pub fn builder() -> ExtractorBuilder {
        ExtractorBuilder {
            defaults: true,
            sources: Vec::new(),
            trigger_sources: Vec::new(),
        }
    }

    /// The gazetteer in use.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// The compiled gazetteer names.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Extracts entities and facts. Never fails and never panics, whatever the text.
    pub fn extract<'a>(&self, input: impl Into<Input<'a>>) -> Document {
        let input = input.into();
        let text = input.text;
        // `try_with`: a thread being torn down has no spare, and that is no reason to panic.
        let spare = SPARE_ANALYSIS.try_with(Cell::take).unwrap_or_default();
        let analysis = Analysis::new_reusing(text, spare);
        let document_date = input
            .document_date
            .or_else(|| self.dates.document_date(text).map(|(d, _)| d));
        let words = self.lexicon.trie().word_ids(&analysis.tokenized);
        let classes = self.lexicon.token_classes(&words);
        let names = self.lexicon_candidates(text, &analysis, &words);
        let mut places = vec![false; analysis.tokens().len()];
        for c in &names {
            if matches!(c.kind, EntityKind::Location | EntityKind::Country) {
                places[c.first] = true;
            }
        }
        let patterns =
            crate::mention::pattern::find_with_classes(text, &analysis, &places, &classes);
        // Dates, then names, then patterns (the overlap policy breaks its last ties by this
        // order), in one list made with room for all: no list is moved twice.
        let mut candidates = self.date_candidates(
            text,
            &analysis,
            &classes,
            document_date,
            names.len() + patterns.len(),
        );
        candidates.extend(names);
        candidates.extend(patterns);
        let resolution = resolve::resolve_with_classes(
            text,
            &analysis,
            &self.gazetteer,
            candidates,
            document_date.map(|d| d.year),
            &classes,
        );
        let trigger_hits = self.triggers.find_with_words(&analysis, &words);
        let facts = fact::extract_with_classes(
            text,
            &analysis,
            &self.gazetteer,
            Some(&classes),
            &self.triggers,
            trigger_hits,
            &resolution,
            document_date,
        );
        let document = Document {
            document_date: document_date.map(|d| d.to_string()),
            entities: self.entities(text, resolution),
            facts,
        };
        if text.len() <= MAX_SPARE_TEXT {
            // Dropped instead when the thread is being torn down.
            let _ = SPARE_ANALYSIS.try_with(|spare| spare.set(analysis));
        }
        document
    }

    fn date_candidates(
        &self,
        text: &str,
        analysis: &Analysis,
        classes: &[u8],
        document_date: Option<Date>,
        room_after: usize,
    ) -> Vec<Candidate> {
        let tokens = analysis.tokens();
        let mentions = self
            .dates
            .find_in_tokens(text, tokens, classes, document_date);
        // Sized once, with room for the candidates the caller appends (`room_after`).
        let mut candidates = Vec::with_capacity(mentions.len() + room_after);
        for m in mentions {
            let first = tokens.partition_point(|t| t.span.end <= m.span.start);
            // A date is a few tokens: counted on from `first`, not searched for from the
            // start (tokens are in text order, so this is the same partition point).
            let end = first
                + tokens[first..]
                    .iter()
                    .take_while(|t| t.span.start < m.span.end)
                    .count();
            if first < end {
                candidates.push(Candidate {
                    first,
                    end,
                    span: m.span,
                    kind: EntityKind::Date,
                    entry: None,
                    name: Some(text.get(m.span.range()).unwrap_or("").to_string()),
                    value: m.value,
                    origin: Origin::Date(m.rule),
                    nested: false,
                });
            }
        }
        candidates
    }

    fn lexicon_candidates(&self, text: &str, analysis: &Analysis, words: &[u32]) -> Vec<Candidate> {
        let tokens = analysis.tokens();
        let hits = self.lexicon.find_with_words(text, analysis, words);
        // Entries that share a span ("Pacific Fleet": the U.S. or the Russian one) keep one
        // of each kind: the one whose country the document names most, else the first.
        // Hits come ordered by end and start, so one span's hits are neighbours, and nearly
        // every span has one hit: only the rare shared spans are grouped and scored.
        debug_assert!(hits.is_sorted_by_key(|h| (h.end, h.first)));
        let kind = |hit: &crate::mention::LexiconHit| self.gazetteer.entries()[hit.entry].kind;
        let mut keep = vec![false; hits.len()];
        let mut named_countries = None;
        let mut shared: Vec<usize> = Vec::new();
        let mut run_start = 0;
        for run in hits.chunk_by(|a, b| (a.first, a.end) == (b.first, b.end)) {
            let run_end = run_start + run.len();
            if run.len() == 1 {
                keep[run_start] = true;
                run_start = run_end;
                continue;
            }
            let named = named_countries.get_or_insert_with(|| self.named_countries(&hits));
            let score = |hit: &crate::mention::LexiconHit| {
                self.gazetteer.entries()[hit.entry]
                    .attributes
                    .list("country")
                    .map(|c| named.get(c).copied().unwrap_or(0))
                    .max()
                    .unwrap_or(0)
            };
            // A stable sort: each kind's hits stay in hit order.
            shared.clear();
            shared.extend(run_start..run_end);
            shared.sort_by_key(|&i| kind(&hits[i]));
            for group in shared.chunk_by(|&a, &b| kind(&hits[a]) == kind(&hits[b])) {
                let mut best = group[0];
                for &i in &group[1..] {
                    if score(&hits[i]) > score(&hits[best]) {
                        best = i;
                    }
                }
                keep[best] = true;
            }
            run_start = run_end;
        }
        // Sized for every kept hit: a filtered collect would grow the list step by step.
        let mut candidates = Vec::with_capacity(keep.iter().filter(|&&k| k).count());
        candidates.extend(
            hits.iter()
                .zip(&keep)
                .filter(|&(_, &k)| k)
                .filter_map(|(&hit, _)| {
                    let entry = &self.gazetteer.entries()[hit.entry];
                    let mut end = hit.end;
                    if entry.kind == EntityKind::Exercise {
                        let needs_context = entry.attributes.flag("context");
                        end = crate::mention::exercise::refine(
                            text,
                            analysis,
                            hit.first,
                            hit.end,
                            needs_context,
                        )?;
                    }
                    Some(Candidate {
                        first: hit.first,
                        end,
                        span: tokens[hit.first].span.cover(tokens[end - 1].span),
                        kind: entry.kind,
                        entry: Some((hit.entry, hit.name)),
                        name: None,
                        value: None,
                        origin: Origin::Gazetteer,
                        nested: false,
                    })
                }),
        );
        candidates
    }

    /// How many times each country code is named among `hits`: the scores of entries that
    /// share a span. Keys are gazetteer codes, so the fast hasher is safe.
    fn named_countries(&self, hits: &[crate::mention::LexiconHit]) -> FxHashMap<&str, usize> {
        let mut named: FxHashMap<&str, usize> = FxHashMap::default();
        for hit in hits {
            let entry = &self.gazetteer.entries()[hit.entry];
            if entry.kind == EntityKind::Country {
                if let Some(code) = entry.code.as_deref() {
                    *named.entry(code).or_default() += 1;
                }
            }
        }
        named
    }

    /// The output entities: one per resolved entity that kept a mention, in order of first
    /// mention, with coreference mentions merged in. Takes the resolution, whose strings
    /// (names, codes, roles, ...) move into the output instead of being copied.
    fn entities(&self, text: &str, mut resolution: Resolution) -> Vec<Entity> {
        // Sized for every entity: a filtered collect would grow the list a few times.
        let mut order: Vec<(usize, usize)> = Vec::with_capacity(resolution.entities.len());
        order.extend(resolution.entities.iter().enumerate().filter_map(|(i, e)| {
            let first = e.mentions.first()?;
            Some((resolution.mentions[*first].span().start, i))
        }));
        order.sort_unstable();
        // Output ids by entity index.
        let mut ids = vec![0; resolution.entities.len()];
        for (id, &(_, i)) in order.iter().enumerate() {
            ids[i] = id;
        }
        // Coreference references grouped by entity, each group in their order (a stable
        // sort): one list, not one per entity.
        let mut references: Vec<&crate::resolve::Reference> = resolution
            .references
            .iter()
            .filter(|r| r.entity < resolution.entities.len())
            .collect();
        references.sort_by_key(|r| r.entity);
        let references_of =
            |entity: usize| crate::sorted::equal_range(&references, entity, |r| r.entity);
        let records = &mut resolution.entities;
        let mentions_of = &resolution.mentions;
        order
            .iter()
            .map(|&(_, index)| {
                let record = std::mem::take(&mut records[index]);
                let kind = record.kind.unwrap_or(EntityKind::Organization);
                let references = references_of(index);
                let mut mentions: Vec<Mention> =
                    Vec::with_capacity(record.mentions.len() + references.len());
                mentions.extend(record.mentions.iter().map(|&m| {
                    let c = &mentions_of[m].candidate;
                    mention(text, c.span, c.origin.source(c.entry, &self.gazetteer))
                }));
                mentions.extend(references.iter().map(|r| {
                    mention(
                        text,
                        r.span,
                        Source::Coreference {
                            rule: r.rule.into(),
                            antecedent: r.antecedent,
                        },
                    )
                }));
                mentions.sort_by_key(|m| (m.start, m.end));
                mentions.dedup_by_key(|m| (m.start, m.end));
                let entry = record.entry.map(|e| &self.gazetteer.entries()[e]);
                Entity {
                    id: ids[index],
                    kind,
                    name: record.name,
                    code: record
                        .code
                        .filter(|_| kind == EntityKind::Country || kind == EntityKind::Rank),
                    value: record.value,
                    country: record.country.filter(|_| kind != EntityKind::Country),
                    rank: record.rank,
                    roles: record.roles,
                    participants: record.participants,
                    gazetteer: entry.map(|e| GazetteerRef {
                        file: e.origin.file.clone(),
                        line: e.origin.line,
                    }),
                    mentions,
                }
            })
            .collect()
    }
}

fn mention(text: &str, span: crate::Span, source: Source) -> Mention {
    Mention {
        start: span.start,
        end: span.end,
        text: text.get(span.range()).unwrap_or("").to_string(),
        source,
    }
}

impl ExtractorBuilder {
    /// Adds a gazetteer file (format: `gazetteers/README.md`).
    pub fn gazetteer_file(mut self, path: impl Into<PathBuf>) -> ExtractorBuilder {
        self.sources.push(GazetteerSource::File(path.into()));
        self
    }

    /// Adds a gazetteer from text; `name` identifies it in errors and mention sources.
    pub fn gazetteer_str(
        mut self,
        name: impl Into<String>,
        text: impl Into<String>,
    ) -> ExtractorBuilder {
        self.sources.push(GazetteerSource::Text {
            name: name.into(),
            text: text.into(),
        });
        self
    }

    /// Adds a fact-trigger file (format: `gazetteers/README.md`, "Triggers").
    pub fn trigger_file(mut self, path: impl Into<PathBuf>) -> ExtractorBuilder {
        self.trigger_sources
            .push(GazetteerSource::File(path.into()));
        self
    }

    /// Leaves out the embedded default gazetteers (the default triggers stay).
    pub fn no_default_gazetteers(mut self) -> ExtractorBuilder {
        self.defaults = false;
        self
    }

    /// Builds the extractor: loads and checks every gazetteer, builds the name trie.
    pub fn build(self) -> Result<Extractor> {
        let mut gazetteer = if self.defaults {
            Gazetteer::defaults()?
        } else {
            Gazetteer::new()
        };
        for source in &self.sources {
            match source {
                GazetteerSource::File(path) => gazetteer.add_file(path)?,
                GazetteerSource::Text { name, text } => gazetteer.add_str(name, text)?,
            }
        }
        let mut triggers = Triggers::defaults()?;
        for source in &self.trigger_sources {
            match source {
                GazetteerSource::File(path) => triggers.add_file(path)?,
                GazetteerSource::Text { name, text } => triggers.add_str(name, text)?,
            }
        }
        let mut lexicon = Lexicon::build(&gazetteer)?;
        // One word look-up per token serves names and triggers.
        lexicon.include_words_of(triggers.trie());
        triggers.link(lexicon.trie());
        Ok(Extractor {
            gazetteer,
            lexicon,
            dates: DateFinder::new(),
            triggers,
        })
    }
}
