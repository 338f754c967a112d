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
use crate::keytable::KeyTable;
use crate::text::{normalize, normalize_into};

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
///
/// Shared, not copied: a million generated people with `country=IND` hold one list.
///
/// ```
/// use newsfacts::gazetteer::Attributes;
/// let a = Attributes::new(vec![("country".into(), "IND".into()), ("group".into(), "army".into())]);
/// assert_eq!(a.get("group"), Some("army"));
/// assert_eq!(a.iter().map(|(k, _)| k).collect::<Vec<_>>(), ["country", "group"]);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attributes(Arc<[(Box<str>, Box<str>)]>);

impl Attributes {
    /// Attributes from `(key, value)` pairs, in order.
    pub fn new(pairs: Vec<(String, String)>) -> Attributes {
        Attributes(
            pairs
                .into_iter()
                .map(|(k, v)| (k.into_boxed_str(), v.into_boxed_str()))
                .collect(),
        )
    }

    /// The `(key, value)` pairs, in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(k, v)| (&**k, &**v))
    }

    /// The value of `key`, if set.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0.iter().find(|(k, _)| &**k == key).map(|(_, v)| &**v)
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
    /// The name as written in the file (shared with the mentions' [`Source`]s).
    ///
    /// [`Source`]: crate::Source
    pub text: Arc<str>,
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
    /// Every name as its kind and key ([`name_key_into`]), interned: a million names cost
    /// one arena, not a string and a map node each.
    names: KeyTable,
    /// Per name id, the entry it is the canonical name of, or [`NONE`].
    canonical_of: Vec<u32>,
    /// Per name id, the first entry it is an alias of, or [`NONE`] (a canonical name is
    /// found through `canonical_of` and not repeated here).
    alias_of: Vec<u32>,
    /// The normalised last words of people's names, interned.
    last_names: KeyTable,
    /// `(last name id, person entry)` in load order, each pair once.
    last_name_pairs: Vec<(u32, u32)>,
    /// The pairs grouped by last name: entries of last name `k` are
    /// `last_name_entries[last_name_starts[k]..last_name_starts[k + 1]]`.
    last_name_starts: Vec<u32>,
    last_name_entries: Vec<usize>,
    /// The first country entry with each alpha-3 code: summaries ask for every country
    /// they name, and a scan of the entries would grow with the gazetteer.
    countries_by_code: HashMap<String, usize>,
}

/// No entry.
const NONE: u32 = u32::MAX;

/// Writes the key two names of one kind are the same by, as the matcher sees them, to
/// `out` (cleared first): a byte for the kind, then the name normalised with every run of
/// white space as one space ("Defence  Minister" is "Defence Minister").
fn name_key_into(kind: EntityKind, name: &str, out: &mut String) {
    out.clear();
    out.push(char::from(b'a' + kind as u8));
    normalize_into(name, out);
    let key = &out[1..];
    let spaced = key.contains("  ") || key.contains(|c: char| c.is_whitespace() && c != ' ');
    if spaced {
        let collapsed = key.split_whitespace().collect::<Vec<_>>().join(" ");
        out.truncate(1);
        out.push_str(&collapsed);
    }
}

/// Longest key (kind byte included) that the look-ups build on the stack.
const STACK_KEY: usize = 64;

/// The key of a short ASCII `name` written to `buffer`, byte for byte what
/// [`name_key_into`] writes (with `kind`) or [`normalize`] does (without), or `None` when
/// the name is too long, not ASCII, or has white space that the key would collapse.
fn ascii_key<'b>(
    kind: Option<EntityKind>,
    name: &str,
    buffer: &'b mut [u8; STACK_KEY],
) -> Option<&'b [u8]> {
    let start = usize::from(kind.is_some());
    let end = start + name.len();
    if !name.is_ascii() || end > STACK_KEY {
        return None;
    }
    if let Some(kind) = kind {
        buffer[0] = b'a' + kind as u8;
        // `name_key_into` collapses runs of white space and white space other than ' '.
        let bytes = name.as_bytes();
        let spaced = bytes.windows(2).any(|w| w == b"  ")
            || bytes
                .iter()
                .any(|&b| (b.is_ascii_whitespace() && b != b' ') || b == 0x0B);
        if spaced {
            return None;
        }
    }
    for (out, &b) in buffer[start..end].iter_mut().zip(name.as_bytes()) {
        *out = crate::text::fold_ascii(b);
    }
    Some(&buffer[..end])
}

/// The last word of a person's name key that is not a suffix ("biden" in "joseph r.
/// biden, jr."; "jones" in "anna smith-jones"), or "" when there is none.
fn last_word(key: &str) -> &str {
    key.rsplit([' ', '-'])
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .find(|w| !w.is_empty() && !is_name_suffix(w))
        .unwrap_or("")
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
        if u32::try_from(base + entries.len()).map_or(true, |n| n == NONE) {
            let origin = entries.last().map(|e| e.origin.clone());
            let (file, line) = origin.map_or((Arc::from(""), 0), |o| (o.file, o.line));
            return Err(Error::gazetteer(&file, line, "more than 4 billion entries"));
        }
        let names: usize = entries.iter().map(|e| e.names.len()).sum();
        let people = entries.iter().filter(|e| e.kind == EntityKind::Person);
        let people_names: usize = people.map(|e| e.names.len()).sum();
        self.names.reserve(names);
        self.canonical_of.reserve(names);
        self.alias_of.reserve(names);
        self.last_names.reserve(people_names);
        let mut last_names = Vec::with_capacity(people_names);
        if let Err(e) = self.index_entries(&entries, base, &mut last_names) {
            // Names interned by this call stay, owned by nobody: harmless.
            for owner in self.canonical_of.iter_mut().chain(&mut self.alias_of) {
                if *owner != NONE && *owner as usize >= base {
                    *owner = NONE;
                }
            }
            return Err(e);
        }
        for (offset, entry) in entries.iter().enumerate() {
            if let (EntityKind::Country, Some(code)) = (entry.kind, &entry.code) {
                if !self.countries_by_code.contains_key(code) {
                    self.countries_by_code.insert(code.clone(), base + offset);
                }
            }
        }
        if !last_names.is_empty() {
            self.last_name_pairs.extend(last_names);
            self.group_last_names();
        }
        if self.entries.is_empty() {
            self.entries = entries;
        } else {
            self.entries.extend(entries);
        }
        Ok(())
    }

    /// Adds `entries` (to be stored from index `base`) to the name index, checking them
    /// against each other and the entries already here.
    /// People's `(last name, entry)` pairs go to `last_names`.
    fn index_entries(
        &mut self,
        entries: &[Entry],
        base: usize,
        last_names: &mut Vec<(u32, u32)>,
    ) -> Result<()> {
        let mut canonical_key = String::new();
        let mut key = String::new();
        for (offset, entry) in entries.iter().enumerate() {
            // `add_entries` checked that every index fits.
            let index = (base + offset) as u32;
            let fail =
                |message: String| Error::gazetteer(&entry.origin.file, entry.origin.line, message);
            name_key_into(entry.kind, &entry.canonical, &mut canonical_key);
            let canonical = self.intern_name(&canonical_key, &entry.origin)?;
            let other = self.canonical_of[canonical as usize];
            if other != NONE {
                let first = self.entry_or_staged(other as usize, entries, base);
                return Err(fail(format!(
                    "duplicate canonical {} {:?} (first defined at {}:{})",
                    entry.kind, entry.canonical, first.origin.file, first.origin.line
                )));
            }
            self.canonical_of[canonical as usize] = index;
            let pairs_of_entry = last_names.len();
            for name in &entry.names {
                // The canonical name is usually the first name: its key is already made.
                let (id, key) = if *name.text == *entry.canonical {
                    (canonical, &canonical_key)
                } else {
                    name_key_into(entry.kind, &name.text, &mut key);
                    (self.intern_name(&key, &entry.origin)?, &key)
                };
                if entry.kind == EntityKind::Person {
                    let last = self
                        .last_names
                        .get_or_insert(last_word(&key[1..]))
                        .ok_or_else(|| fail("too many distinct last names".into()))?;
                    if !last_names[pairs_of_entry..].contains(&(last, index)) {
                        last_names.push((last, index));
                    }
                }
                let alias_owner = self.alias_of[id as usize];
                let owner = if alias_owner != NONE {
                    alias_owner
                } else {
                    self.canonical_of[id as usize]
                };
                if owner == NONE {
                    self.alias_of[id as usize] = index;
                } else if owner != index {
                    let first = self.entry_or_staged(owner as usize, entries, base);
                    let both_ambiguous =
                        entry.attributes.flag("ambiguous") && first.attributes.flag("ambiguous");
                    if !both_ambiguous {
                        return Err(fail(format!(
                            "alias {:?} also names {:?} ({}:{}); mark both entries ambiguous=yes or drop it",
                            name.text, first.canonical, first.origin.file, first.origin.line
                        )));
                    }
                }
            }
        }
        Ok(())
    }

    /// The id of a name key, added with no owner if new.
    fn intern_name(&mut self, key: &str, origin: &Origin) -> Result<u32> {
        let id = self.names.get_or_insert(key).ok_or_else(|| {
            Error::gazetteer(&origin.file, origin.line, "too many distinct names")
        })?;
        if id as usize == self.canonical_of.len() {
            self.canonical_of.push(NONE);
            self.alias_of.push(NONE);
        }
        Ok(id)
    }

    /// Groups [`Gazetteer::last_name_pairs`] by last name (a counting sort, which keeps
    /// load order within each name).
    fn group_last_names(&mut self) {
        let mut starts = vec![0u32; self.last_names.len() + 1];
        for &(last, _) in &self.last_name_pairs {
            starts[last as usize + 1] += 1;
        }
        for k in 1..starts.len() {
            starts[k] += starts[k - 1];
        }
        let mut next = starts.clone();
        let mut grouped = vec![0usize; self.last_name_pairs.len()];
        for &(last, entry) in &self.last_name_pairs {
            let at = &mut next[last as usize];
            grouped[*at as usize] = entry as usize;
            *at += 1;
        }
        self.last_name_starts = starts;
        self.last_name_entries = grouped;
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
        // Most names asked for are short ASCII: their key is built on the stack.
        let mut buffer = [0u8; STACK_KEY];
        let id = match ascii_key(Some(kind), name, &mut buffer) {
            Some(key) => self.names.get(key),
            None => {
                let mut key = String::with_capacity(name.len() + 1);
                name_key_into(kind, name, &mut key);
                self.names.get(key.as_bytes())
            }
        }? as usize;
        [self.canonical_of[id], self.alias_of[id]]
            .into_iter()
            .find(|&owner| owner != NONE)
            .map(|owner| owner as usize)
    }

    /// Person entries one of whose names ends with the word `last_name` (any case).
    ///
    /// ```
    /// use newsfacts::gazetteer::Gazetteer;
    /// let g = Gazetteer::parse("p.tsv", "person\tJoe Biden\t\tJoseph R. Biden, Jr.\n").unwrap();
    /// assert_eq!(g.persons_by_last_name("Biden").len(), 1);
    /// ```
    pub fn persons_by_last_name(&self, last_name: &str) -> &[usize] {
        // The key built on the stack when the word is short ASCII, as most are.
        let mut buffer = [0u8; STACK_KEY];
        let id = match ascii_key(None, last_name, &mut buffer) {
            Some(key) => self.last_names.get(key),
            None => self.last_names.get(normalize(last_name).as_bytes()),
        };
        let Some(id) = id else {
            return &[];
        };
        let (start, end) = (
            self.last_name_starts[id as usize],
            self.last_name_starts[id as usize + 1],
        );
        &self.last_name_entries[start as usize..end as usize]
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A refused file leaves no trace in the name index: its names are not found, and a
    /// corrected file with the same names loads.
    #[test]
    fn a_refused_file_leaves_the_index_as_it_was() {
        let mut g = Gazetteer::parse("a.tsv", "country\tFrance\tFRA\tFrench Republic\n").unwrap();
        let bad = "country\tFreedonia\tFRD\tFreedonian Republic\nrole\tEnvoy\t\tA||B\n";
        assert!(g.add_str("bad.tsv", bad).is_err());
        assert_eq!(g.lookup_index(EntityKind::Country, "Freedonia"), None);
        assert_eq!(
            g.lookup_index(EntityKind::Country, "Freedonian Republic"),
            None
        );
        let fixed = "country\tFreedonia\tFRD\tFreedonian Republic\nrole\tEnvoy\t\tA|B\n";
        g.add_str("fixed.tsv", fixed).unwrap();
        assert_eq!(
            g.lookup_index(EntityKind::Country, "freedonian  republic"),
            Some(1)
        );
        assert_eq!(
            g.lookup_index(EntityKind::Country, "French Republic"),
            Some(0)
        );
        assert_eq!(g.lookup_index(EntityKind::Role, "b"), Some(2));
        assert_eq!(g.lookup_index(EntityKind::Role, "France"), None);
        // A name of another kind is another key.
        assert!(g.add_str("c.tsv", "location\tFrance\n").is_ok());
        assert_eq!(g.lookup_index(EntityKind::Location, "France"), Some(3));
    }

    /// The keys the look-ups build on the stack are those `name_key_into` and `normalize`
    /// build, and names they cannot build are left to them.
    #[test]
    fn stack_keys_match_the_string_keys() {
        let long = "x".repeat(STACK_KEY);
        let names = [
            "",
            "Defence Minister",
            "O`Neill",
            "MIXED case 42",
            " leading",
            "trailing ",
            "two  spaces",
            "tab\there",
            "vertical\u{0B}tab",
            "line\nbreak",
            "Côte d’Ivoire",
            &long[1..],
            &long,
        ];
        let mut buffer = [0u8; STACK_KEY];
        for name in names {
            for kind in EntityKind::ALL {
                let mut expected = String::new();
                name_key_into(kind, name, &mut expected);
                if let Some(key) = ascii_key(Some(kind), name, &mut buffer) {
                    assert_eq!(key, expected.as_bytes(), "{name:?}");
                }
            }
            if let Some(key) = ascii_key(None, name, &mut buffer) {
                assert_eq!(key, normalize(name).as_bytes(), "{name:?}");
            }
        }
        assert!(ascii_key(Some(EntityKind::Role), "Defence Minister", &mut buffer).is_some());
        assert!(ascii_key(Some(EntityKind::Role), "two  spaces", &mut buffer).is_none());
        assert!(ascii_key(None, "Côte", &mut buffer).is_none());
        assert!(ascii_key(None, &long, &mut buffer).is_some());
        assert!(ascii_key(Some(EntityKind::Role), &long, &mut buffer).is_none());
    }

    /// People are listed under every last name of theirs, once each, in load order, across
    /// files; suffixes are not last names.
    #[test]
    fn people_by_last_name_across_files() {
        let mut g = Gazetteer::parse(
            "a.tsv",
            "person\tJoe Biden\t\tJoseph R. Biden, Jr.|J. Biden\nperson\tHunter Biden\n",
        )
        .unwrap();
        g.add_str(
            "b.tsv",
            "person\tJill Biden\nperson\tAnna Smith-Jones\t\tAnna Smith\n",
        )
        .unwrap();
        let cases: &[(&str, &[usize])] = &[
            ("Biden", &[0, 1, 2]),
            ("BIDEN", &[0, 1, 2]),
            ("Jr", &[]),
            ("Jones", &[3]),
            ("Smith", &[3]),
            ("Nobody", &[]),
        ];
        for (last, expected) in cases {
            assert_eq!(g.persons_by_last_name(last), *expected, "{last}");
        }
    }
}
