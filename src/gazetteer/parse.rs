//! The TSV parser. Every error names the file and the line.

use std::sync::Arc;

use super::{Alias, Attributes, EntityKind, Entry, Origin};
use crate::error::{Error, Result};
use crate::fxhash::FxHashMap;

/// Files larger than this are parsed in parallel pieces.
const PARALLEL_BYTES: usize = 1 << 20;

/// Parses a whole file; the first bad line fails it.
///
/// A large file (a generated list of a million people) is cut at line breaks into one
/// piece per core, parsed on scoped threads and joined in order: lines are independent,
/// and the first error by line number is the one reported, as in one pass.
pub(super) fn parse_file(file: &str, text: &str) -> Result<Vec<Entry>> {
    let file_name: Arc<str> = Arc::from(file);
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
    if threads < 2 || text.len() < PARALLEL_BYTES {
        return parse_lines(&file_name, text, 1);
    }
    // Piece boundaries just after a line break, and the line number each piece starts at.
    let mut pieces = Vec::with_capacity(threads);
    let mut start = 0;
    let mut first_line = 1;
    for n in 1..=threads {
        let end = if n == threads {
            text.len()
        } else {
            let target = (text.len() * n / threads).max(start);
            text[target..]
                .find('\n')
                .map_or(text.len(), |at| target + at + 1)
        };
        if end > start {
            pieces.push((&text[start..end], first_line));
            first_line += text[start..end].bytes().filter(|&b| b == b'\n').count();
            start = end;
        }
    }
    let parsed: Vec<Result<Vec<Entry>>> = std::thread::scope(|scope| {
        // A piece whose thread cannot be started (a process at its thread limit) is
        // parsed here instead: loading never fails for want of threads.
        let handles: Vec<_> = pieces
            .iter()
            .map(|&(piece, line)| {
                let file_name = &file_name;
                std::thread::Builder::new()
                    .spawn_scoped(scope, move || parse_lines(file_name, piece, line))
                    .map_err(|_| (piece, line))
            })
            .collect();
        handles
            .into_iter()
            .map(|handle| match handle {
                Ok(handle) => handle
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                Err((piece, line)) => parse_lines(&file_name, piece, line),
            })
            .collect()
    });
    let mut entries = Vec::new();
    for piece in parsed {
        let piece = piece?;
        if entries.is_empty() {
            entries = piece;
        } else {
            entries.extend(piece);
        }
    }
    Ok(entries)
}

/// Parses `text`, whose first line is line `first_line` of `file`.
fn parse_lines(file: &Arc<str>, text: &str, first_line: usize) -> Result<Vec<Entry>> {
    // Sized once: a million-line file would otherwise move its entries twenty times.
    let mut entries = Vec::with_capacity(text.bytes().filter(|&b| b == b'\n').count() + 1);
    let mut attributes = AttributeLists::default();
    for (n, line) in text.lines().enumerate() {
        let line_no = first_line + n;
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let origin = Origin {
            file: file.clone(),
            line: line_no,
        };
        entries.push(
            parse_line(line, origin, &mut attributes)
                .map_err(|m| Error::gazetteer(file, line_no, m))?,
        );
    }
    Ok(entries)
}

/// The attribute lists of one file, by the text of their column: generated files repeat
/// a few lists (`country=IND`) a million times, and each is parsed and stored once.
#[derive(Default)]
struct AttributeLists<'t> {
    by_text: FxHashMap<&'t str, Attributes>,
    none: Attributes,
}

impl<'t> AttributeLists<'t> {
    fn get(&mut self, text: &'t str) -> std::result::Result<Attributes, String> {
        if text.is_empty() {
            return Ok(self.none.clone());
        }
        if let Some(known) = self.by_text.get(text) {
            return Ok(known.clone());
        }
        let parsed = parse_attributes(text)?;
        self.by_text.insert(text, parsed.clone());
        Ok(parsed)
    }
}

fn parse_line<'t>(
    line: &'t str,
    origin: Origin,
    attribute_lists: &mut AttributeLists<'t>,
) -> std::result::Result<Entry, String> {
    let mut columns = [""; 5];
    let mut count = 0;
    for column in line.split('\t') {
        if let Some(slot) = columns.get_mut(count) {
            *slot = column;
        }
        count += 1;
    }
    if !(2..=5).contains(&count) {
        return Err(format!(
            "expected 2 to 5 TAB-separated columns (kind, canonical, code, aliases, attributes), found {count}"
        ));
    }
    let column = |i: usize| columns[i].trim();
    let kind_name = column(0);
    let kind = EntityKind::from_gazetteer_name(kind_name).ok_or_else(|| {
        format!(
            "unknown kind {kind_name:?}; expected one of person, rank, role, country, location, organization, exercise"
        )
    })?;
    let canonical = column(1);
    if canonical.is_empty() {
        return Err("empty canonical name".into());
    }
    if canonical.contains(['|', '{', '}']) {
        return Err(format!(
            "canonical name {canonical:?} contains '|', '{{' or '}}'"
        ));
    }
    let code = Some(column(2))
        .filter(|c| !c.is_empty())
        .map(str::to_string);
    if let Some(code) = &code {
        check_code(kind, code)?;
    }
    let attributes = attribute_lists.get(column(4))?;
    let mut names = vec![Alias {
        text: Arc::from(canonical),
        attributes: attribute_lists.none.clone(),
        demonym: false,
    }];
    let aliases = column(3);
    if !aliases.is_empty() {
        for raw in aliases.split('|') {
            let (text, attributes) = parse_alias(raw)?;
            names.push(Alias {
                text: Arc::from(text),
                attributes: attribute_lists.get(attributes.unwrap_or(""))?,
                demonym: false,
            });
        }
    }
    for demonym in attributes.list("demonyms") {
        // A demonym is part of an attribute value: its own attributes are not interned.
        let (text, own) = parse_alias(demonym)?;
        names.push(Alias {
            text: Arc::from(text),
            attributes: match own {
                Some(own) => parse_attributes(own)?,
                None => attribute_lists.none.clone(),
            },
            demonym: true,
        });
    }
    match attributes.get("case") {
        None | Some("any" | "exact") => {}
        Some(other) => return Err(format!("case={other:?}: expected any or exact")),
    }
    for code in attributes
        .list("participants")
        .chain(attributes.list("country"))
    {
        if !is_alpha3(code) {
            return Err(format!("{code:?} is not an alpha-3 country code"));
        }
    }
    Ok(Entry {
        kind,
        canonical: canonical.to_string(),
        code,
        names,
        attributes,
        origin,
    })
}

/// An alias's name and the text of its attributes in braces, if any.
fn parse_alias(raw: &str) -> std::result::Result<(&str, Option<&str>), String> {
    let raw = raw.trim();
    let (text, attributes) = match raw.find('{') {
        Some(open) => {
            let Some(inner) = raw[open + 1..].strip_suffix('}') else {
                return Err(format!(
                    "alias {raw:?}: attributes in braces must end the alias"
                ));
            };
            (raw[..open].trim(), Some(inner.trim()))
        }
        None => (raw, None),
    };
    if text.is_empty() {
        return Err("empty alias (two '|' in a row, or a '|' at an end)".into());
    }
    if text.contains('}') {
        return Err(format!("alias {raw:?} has an unmatched '}}'"));
    }
    Ok((text, attributes))
}

fn parse_attributes(text: &str) -> std::result::Result<Attributes, String> {
    let mut pairs = Vec::new();
    for pair in text.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        let Some((key, value)) = pair.split_once('=') else {
            return Err(format!("attribute {pair:?} has no '='"));
        };
        let key = key.trim();
        if key.is_empty() || !key.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') {
            return Err(format!(
                "attribute key {key:?}: lower-case letters and '_' only"
            ));
        }
        if pairs.iter().any(|(k, _): &(String, String)| k == key) {
            return Err(format!("attribute {key:?} given twice"));
        }
        pairs.push((key.to_string(), value.trim().to_string()));
    }
    Ok(Attributes::new(pairs))
}

fn is_alpha3(code: &str) -> bool {
    code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase())
}

fn check_code(kind: EntityKind, code: &str) -> std::result::Result<(), String> {
    match kind {
        EntityKind::Country if !is_alpha3(code) => Err(format!(
            "country code {code:?} is not ISO 3166-1 alpha-3 (three capital letters)"
        )),
        EntityKind::Rank if !is_nato_code(code) => Err(format!(
            "rank code {code:?} is not a NATO code (OF-1..OF-10, OR-1..OR-9, WO-1..WO-5)"
        )),
        _ => Ok(()),
    }
}

fn is_nato_code(code: &str) -> bool {
    let Some((grade, number)) = code.split_once('-') else {
        return false;
    };
    let limit = match grade {
        "OF" => 10,
        "OR" => 9,
        "WO" => 5,
        _ => return false,
    };
    // OF-D (officer designate) is part of the scale too.
    (grade == "OF" && number == "D")
        || number
            .parse::<u8>()
            .is_ok_and(|n| (1..=limit).contains(&n) || (grade == "OF" && n == 0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    fn error_of(text: &str) -> (usize, String) {
        match parse_file("test.tsv", text).map_err(|e| e.kind().clone_summary()) {
            Err(summary) => summary,
            Ok(_) => panic!("expected an error for {text:?}"),
        }
    }

    trait Summary {
        fn clone_summary(&self) -> (usize, String);
    }
    impl Summary for ErrorKind {
        fn clone_summary(&self) -> (usize, String) {
            match self {
                ErrorKind::Gazetteer { line, message, .. } => (*line, message.clone()),
                other => panic!("unexpected {other:?}"),
            }
        }
    }

    #[test]
    fn good_lines() {
        let text = "# header\n\ncountry\tKazakhstan\tKAZ\tRepublic of Kazakhstan\tdemonyms=Kazakh,Kazakhstani\nrole\tDefence Minister\t\tMinister of Defence|Union Defence Minister{country=IND}\tgroup=defence_minister\r\nrank\tGeneral\tOF-9\nexercise\tKAZIND\n";
        let entries = parse_file("test.tsv", text).unwrap();
        assert_eq!(entries.len(), 4);
        let kaz = &entries[0];
        assert_eq!(kaz.code.as_deref(), Some("KAZ"));
        assert_eq!(kaz.names.len(), 4);
        assert!(kaz.names[2].demonym);
        assert_eq!(kaz.origin.line, 3);
        let role = &entries[1];
        assert_eq!(&*role.names[2].text, "Union Defence Minister");
        assert_eq!(role.attribute(2, "country"), Some("IND"));
        assert_eq!(role.attribute(1, "country"), None);
        assert_eq!(role.attribute(1, "group"), Some("defence_minister"));
        assert_eq!(entries[2].code.as_deref(), Some("OF-9"));
        assert_eq!(entries[3].kind, EntityKind::Exercise);
    }

    #[test]
    fn bad_lines_name_their_line() {
        let cases = [
            ("country\tKazakhstan\tKZ\n", 1, "alpha-3"),
            ("# c\nplanet\tMars\n", 2, "unknown kind"),
            ("role\tPresident\t\tA||B\n", 1, "empty alias"),
            ("role\t\t\n", 1, "empty canonical"),
            ("role\tX\t\t\tcountry\n", 1, "no '='"),
            ("role\tX\t\t\tcountry=India\n", 1, "alpha-3"),
            ("role\tX\t\t\ta=1\tsurplus\n", 1, "columns"),
            ("role\n", 1, "columns"),
            ("rank\tGeneral\tOF-12\n", 1, "NATO"),
            ("role\tX\t\tY{country=IND\n", 1, "braces"),
            ("role\tX\t\t\tcase=loud\n", 1, "case"),
            ("role\tX\t\t\tKey=1\n", 1, "lower-case"),
            ("role\tX\t\t\ta=1;a=2\n", 1, "twice"),
        ];
        for (text, line, needle) in cases {
            let (got_line, message) = error_of(text);
            assert_eq!(got_line, line, "{text:?}");
            assert!(message.contains(needle), "{text:?}: {message}");
        }
    }

    /// A file big enough to be parsed in pieces gives what one pass gives: every entry in
    /// order with its line, and the first bad line by number, wherever the pieces fall.
    #[test]
    fn large_files_parse_in_pieces_as_in_one_pass() {
        let mut text = String::from("# people\n\n");
        let mut n = 0;
        while text.len() < 3 * PARALLEL_BYTES {
            text.push_str(&format!("person\tPerson Number{n}\t\t\tcountry=IND\r\n"));
            n += 1;
            if n % 1000 == 0 {
                text.push_str("# a comment\n");
            }
        }
        let entries = parse_file("big.tsv", &text).unwrap();
        assert_eq!(entries.len(), n);
        let one_pass = parse_lines(&Arc::from("big.tsv"), &text, 1).unwrap();
        assert_eq!(entries, one_pass);
        let lines: Vec<&str> = text.lines().collect();
        for entry in [&entries[0], &entries[n / 2], &entries[n - 1]] {
            assert!(lines[entry.origin.line - 1].contains(&entry.canonical));
        }
        // Two bad lines, both in the later pieces: the first is reported.
        let mut bad = text.clone();
        let at = bad.len() * 2 / 3;
        let cut = at + bad[at..].find('\n').unwrap() + 1;
        bad.insert_str(cut, "planet\tMars\n");
        bad.push_str("role\n");
        let line = bad[..cut].lines().count() + 1;
        assert_eq!(error_of(&bad), (line, error_of("planet\tMars\n").1));
    }
}
