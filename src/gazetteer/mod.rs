//! Gazetteers: entities as data, with canonical names, codes, aliases and attributes.
//!
//! This module holds the data model and the loader only; matching lives in
//! [`crate::mention`]. The file format is documented in `gazetteers/README.md`:
//!
//! ```text
//! kind<TAB>canonical<TAB>code<TAB>aliases<TAB>attributes
//! country<TAB>Kazakhstan<TAB>KAZ<TAB>Republic of Kazakhstan<TAB>demonyms=Kazakh,Kazakhstani
//! ```
//!
//! ```
//! use newsfacts::gazetteer::{EntityKind, Gazetteer};
//! let g = Gazetteer::parse("mine.tsv", "exercise\tKAZIND\t\tKazind\tparticipants=IND,KAZ\n").unwrap();
//! let entry = &g.entries()[0];
//! assert_eq!(entry.kind, EntityKind::Exercise);
//! assert_eq!(entry.attributes.list("participants").collect::<Vec<_>>(), ["IND", "KAZ"]);
//! ```

mod parse;

use crate::fxhash::FxHashMap as HashMap;
use std::path::Path;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::text::normalize;

/// The kinds of entity newsfacts reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    /// A person.
    Person,
    /// A military rank ("Lieutenant General").
    Rank,
    /// An official title ("Defence Minister").
    Role,
    /// A country, with its ISO 3166-1 alpha-3 code.
    Country,
    /// A place: city, region, sea, venue.
    Location,
    /// An organisation: ministry, armed service, alliance, UN body.
    Organization,
    /// A date or date range.
    Date,
    /// A named military exercise.
    Exercise,
}

impl EntityKind {
    /// Every kind, in output order.
    pub const ALL: [EntityKind; 8] = [
        EntityKind::Person,
        EntityKind::Rank,
        EntityKind::Role,
        EntityKind::Country,
        EntityKind::Location,
        EntityKind::Organization,
        EntityKind::Date,
        EntityKind::Exercise,
    ];

    /// The kind's name as in the output (`"person"`, `"country"`, ...).
    pub const fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Rank => "rank",
            EntityKind::Role => "role",
            EntityKind::Country => "country",
            EntityKind::Location => "location",
            EntityKind::Organization => "organization",
            EntityKind::Date => "date",
            EntityKind::Exercise => "exercise",
        }
    }

    /// The kind named `name`, for the kinds a gazetteer may hold (not `date`).
    pub fn from_gazetteer_name(name: &str) -> Option<EntityKind> {
        Self::ALL
            .into_iter()
            .find(|k| *k != EntityKind::Date && k.as_str() == name)
    }
}

impl std::fmt::Display for EntityKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// `key=value` attributes of an entry or an alias, in file order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attributes(pub Vec<(String, String)>);

impl Attributes {
    /// The value of `key`, if set.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// The comma-separated items of `key` (none when unset).
    pub fn list<'a>(&'a self, key: &str) -> impl Iterator<Item = &'a str> + 'a {
        self.get(key)
            .unwrap_or("")
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
    }

    /// True when `key` is set to `yes` (or `true`, `1`).
    pub fn flag(&self, key: &str) -> bool {
        matches!(self.get(key), Some("yes" | "true" | "1"))
    }

    /// True when no attribute is set.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// One name of an entry: the canonical name, an alias or a demonym.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Alias {
    /// The name as written in the file.
    pub text: String,
    /// Attributes that override the entry's for mentions of this name.
    pub attributes: Attributes,
    /// True for a demonym or adjective of a country ("Kazakh").
    pub demonym: bool,
}

/// Where an entry was defined.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Origin {
    /// File name (for embedded defaults, `gazetteers/NAME.tsv`).
    pub file: Arc<str>,
    /// 1-based line.
    pub line: usize,
}

/// A gazetteer entry: one real-world entity.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// What it is.
    pub kind: EntityKind,
    /// Its canonical name.
    pub canonical: String,
    /// Its code, where one exists (alpha-3 for countries).
    pub code: Option<String>,
    /// Every name it is matched by, the canonical name first.
    pub names: Vec<Alias>,
    /// Its attributes.
    pub attributes: Attributes,
    /// Where it was defined.
    pub origin: Origin,
}

impl Entry {
    /// The attribute `key` for a mention through name `name_index`: the name's own value
    /// first, then the entry's.
    pub fn attribute(&self, name_index: usize, key: &str) -> Option<&str> {
        self.names
            .get(name_index)
            .and_then(|n| n.attributes.get(key))
            .or_else(|| self.attributes.get(key))
    }
}

/// A set of entries, checked for consistency: `(kind, canonical)` is unique, and an alias
/// names one canonical per kind unless both entries are marked `ambiguous=yes`.
#[derive(Clone, Debug, Default)]
pub struct Gazetteer {
    entries: Vec<Entry>,
    by_canonical: HashMap<(EntityKind, String), usize>,
    by_alias: HashMap<(EntityKind, String), usize>,
    /// Person entries by the normalised last word of each of their names.
    persons_by_last_name: HashMap<String, Vec<usize>>,
    /// The first country entry with each alpha-3 code: summaries ask for every country
    /// they name, and a scan of the entries would grow with the gazetteer.
    countries_by_code: HashMap<String, usize>,
}

/// The key two names are the same by, as the matcher sees them: normalised, with every run
/// of white space one space ("Defence  Minister" is "Defence Minister").
fn name_key(name: &str) -> String {
    let key = normalize(name);
    let spaced = key.contains("  ") || key.contains(|c: char| c.is_whitespace() && c != ' ');
    if spaced {
        key.split_whitespace().collect::<Vec<_>>().join(" ")
    } else {
        key
    }
}

/// True for a name suffix, in normalised form ("jr", "iii"): not a last name.
pub(crate) fn is_name_suffix(key: &str) -> bool {
    matches!(key, "jr" | "sr" | "ii" | "iii" | "iv")
}

/// The embedded default gazetteers: `(file name, contents)`.
pub const DEFAULT_FILES: &[(&str, &str)] = &[
    (
        "gazetteers/countries.tsv",
        include_str!("../../gazetteers/countries.tsv"),
    ),
    (
        "gazetteers/locations.tsv",
        include_str!("../../gazetteers/locations.tsv"),
    ),
    (
        "gazetteers/organizations.tsv",
        include_str!("../../gazetteers/organizations.tsv"),
    ),
    (
        "gazetteers/roles.tsv",
        include_str!("../../gazetteers/roles.tsv"),
    ),
    (
        "gazetteers/ranks.tsv",
        include_str!("../../gazetteers/ranks.tsv"),
    ),
    (
        "gazetteers/exercises.tsv",
        include_str!("../../gazetteers/exercises.tsv"),
    ),
    (
        "gazetteers/persons.tsv",
        include_str!("../../gazetteers/persons.tsv"),
    ),
];

impl Gazetteer {
    /// An empty gazetteer.
    pub fn new() -> Gazetteer {
        Gazetteer::default()
    }

    /// The embedded defaults.
    pub fn defaults() -> Result<Gazetteer> {
        let mut g = Gazetteer::new();
        for (file, text) in DEFAULT_FILES {
            g.add_str(file, text)?;
        }
        Ok(g)
    }

    /// Parses one file's text; `file` names it in errors.
    pub fn parse(file: &str, text: &str) -> Result<Gazetteer> {
        let mut g = Gazetteer::new();
        g.add_str(file, text)?;
        Ok(g)
    }

    /// Adds the entries of a file's text. On error nothing of it is added.
    pub fn add_str(&mut self, file: &str, text: &str) -> Result<()> {
        let entries = parse::parse_file(file, text)?;
        self.add_entries(entries)
    }

    /// Reads and adds a file. On error nothing of it is added.
    pub fn add_file(&mut self, path: impl AsRef<Path>) -> Result<()> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        self.add_str(&path.display().to_string(), &text)
    }

    /// Adds entries, checking them against each other and the ones already here; on
    /// error nothing is added.
    pub fn add_entries(&mut self, entries: Vec<Entry>) -> Result<()> {
        let base = self.entries.len();
        // Straight into the maps, sized once (a million entries would otherwise rehash
        // twenty times); on error, everything from this call is taken out again.
        let names: usize = entries.iter().map(|e| e.names.len()).sum();
        self.by_canonical.reserve(entries.len());
        self.by_alias.reserve(names);
        let mut last_names = Vec::new();
        if let Err(e) = self.index_entries(&entries, base, &mut last_names) {
            self.by_canonical.retain(|_, &mut index| index < base);
            self.by_alias.retain(|_, &mut index| index < base);
            return Err(e);
        }
        for (offset, entry) in entries.iter().enumerate() {
            if let (EntityKind::Country, Some(code)) = (entry.kind, &entry.code) {
                if !self.countries_by_code.contains_key(code) {
                    self.countries_by_code.insert(code.clone(), base + offset);
                }
            }
        }
        self.persons_by_last_name.reserve(last_names.len());
        for (last, index) in last_names {
            match self.persons_by_last_name.get_mut(&last) {
                Some(slot) => {
                    if !slot.contains(&index) {
                        slot.push(index);
                    }
                }
                None => {
                    self.persons_by_last_name.insert(last, vec![index]);
                }
            }
        }
        if self.entries.is_empty() {
            self.entries = entries;
        } else {
            self.entries.extend(entries);
        }
        Ok(())
    }

    /// Adds `entries` (to be stored from index `base`) to the name maps, checking them
    /// against each other and the entries already here.
    /// People's last names, with their entry's index, go to `last_names`.
    fn index_entries(
        &mut self,
        entries: &[Entry],
        base: usize,
        last_names: &mut Vec<(String, usize)>,
    ) -> Result<()> {
        for (offset, entry) in entries.iter().enumerate() {
            let index = base + offset;
            let canonical_key = name_key(&entry.canonical);
            let key = (entry.kind, canonical_key);
            if let Some(&other) = self.by_canonical.get(&key) {
                let first = self.entry_or_staged(other, entries, base);
                return Err(Error::gazetteer(
                    &entry.origin.file,
                    entry.origin.line,
                    format!(
                        "duplicate canonical {} {:?} (first defined at {}:{})",
                        entry.kind, entry.canonical, first.origin.file, first.origin.line
                    ),
                ));
            }
            let canonical_key = key.1.clone();
            self.by_canonical.insert(key, index);
            for name in &entry.names {
                // The canonical name is usually the first name: its key is already made, and
                // it is found through `by_canonical`, so `by_alias` need not hold it too.
                let is_canonical = name.text == entry.canonical;
                let key = if is_canonical {
                    (entry.kind, canonical_key.clone())
                } else {
                    (entry.kind, name_key(&name.text))
                };
                if entry.kind == EntityKind::Person {
                    let last = key
                        .1
                        .rsplit([' ', '-'])
                        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
                        .find(|w| !w.is_empty() && !is_name_suffix(w))
                        .unwrap_or("");
                    last_names.push((last.to_string(), index));
                }
                let owner = self
                    .by_alias
                    .get(&key)
                    .or_else(|| self.by_canonical.get(&key))
                    .copied();
                match owner {
                    Some(other) if other != index => {
                        let first = self.entry_or_staged(other, entries, base);
                        let both_ambiguous = entry.attributes.flag("ambiguous")
                            && first.attributes.flag("ambiguous");
                        if !both_ambiguous {
                            return Err(Error::gazetteer(
                                &entry.origin.file,
                                entry.origin.line,
                                format!(
                                    "alias {:?} also names {:?} ({}:{}); mark both entries ambiguous=yes or drop it",
                                    name.text,
                                    first.canonical,
                                    first.origin.file,
                                    first.origin.line
                                ),
                            ));
                        }
                    }
                    Some(_) => {}
                    None => {
                        self.by_alias.insert(key, index);
                    }
                }
            }
        }
        Ok(())
    }

    fn entry_or_staged<'a>(&'a self, index: usize, staged: &'a [Entry], base: usize) -> &'a Entry {
        if index < base {
            &self.entries[index]
        } else {
            &staged[index - base]
        }
    }

    /// All entries, in load order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The entry of `kind` whose canonical name or alias is `name` (normalised).
    pub fn lookup(&self, kind: EntityKind, name: &str) -> Option<&Entry> {
        self.lookup_index(kind, name).map(|i| &self.entries[i])
    }

    /// The index (into [`Gazetteer::entries`]) of the entry [`Gazetteer::lookup`] finds.
    pub fn lookup_index(&self, kind: EntityKind, name: &str) -> Option<usize> {
        let key = (kind, name_key(name));
        self.by_canonical
            .get(&key)
            .or_else(|| self.by_alias.get(&key))
            .copied()
    }

    /// Person entries one of whose names ends with the word `last_name` (any case).
    ///
    /// ```
    /// use newsfacts::gazetteer::Gazetteer;
    /// let g = Gazetteer::parse("p.tsv", "person\tJoe Biden\t\tJoseph R. Biden, Jr.\n").unwrap();
    /// assert_eq!(g.persons_by_last_name("Biden").len(), 1);
    /// ```
    pub fn persons_by_last_name(&self, last_name: &str) -> &[usize] {
        self.persons_by_last_name
            .get(&normalize(last_name))
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// The country entry with alpha-3 `code` (the first loaded, should two share it).
    ///
    /// ```
    /// let g = newsfacts::gazetteer::Gazetteer::defaults().unwrap();
    /// assert_eq!(g.country_by_code("KAZ").unwrap().canonical, "Kazakhstan");
    /// assert!(g.country_by_code("XXX").is_none());
    /// ```
    pub fn country_by_code(&self, code: &str) -> Option<&Entry> {
        self.countries_by_code
            .get(code)
            .and_then(|&index| self.entries.get(index))
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when there is no entry.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}
