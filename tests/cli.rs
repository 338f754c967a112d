//! The HTML view, through the library: well formed (a small tag-balance checker), every
//! piece of article text escaped and kept, every link landing on an id. And the `extract`
//! command-line tool, run as a program: inputs (files, folders, standard input, JSON
//! Lines), formats, failures named with file and line, and output that does not depend
//! on `--threads`.
//!
//! The CLI tests run the example binary that `cargo test` builds next to the test
//! binaries (`target/<profile>/examples/extract`). When only this test target was built
//! (`cargo test --test cli`), they say so and are skipped.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::LazyLock;

use newsfacts::document::GazetteerRef;
use newsfacts::{
    Document, Entity, EntityKind, Extractor, Fact, FactDetails, Mention, Source, Span, Status,
};

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(Extractor::new);

const SAMPLE: &str = include_str!("../examples/data/sample-article.txt");
const SAMPLE_PATH: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/examples/data/sample-article.txt"
);
const VIETNAM: &str = include_str!("data/vietnam-talks.txt");
const GULF: &str = include_str!("data/gulf-visit.txt");

// ---------------------------------------------------------------------------------------
// A small HTML checker

/// An element's name and attributes.
type Element = (String, HashMap<String, String>);

const VOID: [&str; 6] = ["meta", "br", "hr", "img", "input", "link"];

/// Checks that `html` is well formed: tags balance and nest, attribute values are
/// quoted, and text holds no raw `<` or `>` and only well-formed character references.
/// Returns every element's attributes, in document order.
fn check_html(html: &str) -> Result<Vec<Element>, String> {
    let bytes = html.as_bytes();
    let mut stack: Vec<String> = Vec::new();
    let mut elements = Vec::new();
    let mut i = 0;
    let line = |at: usize| html[..at].matches('\n').count() + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'<' if html[i..].starts_with("<!--") => {
                i += html[i..].find("-->").ok_or("unclosed comment")? + 3;
            }
            b'<' if html[i..].starts_with("<!") => {
                i += html[i..].find('>').ok_or("unclosed declaration")? + 1;
            }
            b'<' => {
                let closing = bytes.get(i + 1) == Some(&b'/');
                let mut j = i + 1 + closing as usize;
                let name_start = j;
                while j < bytes.len() && bytes[j].is_ascii_alphanumeric() {
                    j += 1;
                }
                let name = html[name_start..j].to_ascii_lowercase();
                if name.is_empty() {
                    return Err(format!("line {}: a raw '<' in text", line(i)));
                }
                let mut attributes = HashMap::new();
                let mut self_closing = false;
                loop {
                    while j < bytes.len() && bytes[j].is_ascii_whitespace() {
                        j += 1;
                    }
                    match bytes.get(j) {
                        None => return Err(format!("line {}: unclosed tag <{name}", line(i))),
                        Some(b'>') => {
                            j += 1;
                            break;
                        }
                        Some(b'/') if bytes.get(j + 1) == Some(&b'>') => {
                            self_closing = true;
                            j += 2;
                            break;
                        }
                        _ => {}
                    }
                    let key_start = j;
                    while j < bytes.len()
                        && (bytes[j].is_ascii_alphanumeric() || matches!(bytes[j], b'-' | b'_'))
                    {
                        j += 1;
                    }
                    if key_start == j {
                        return Err(format!("line {}: bad attribute in <{name}>", line(i)));
                    }
                    let key = html[key_start..j].to_string();
                    let mut value = String::new();
                    if bytes.get(j) == Some(&b'=') {
                        if bytes.get(j + 1) != Some(&b'"') {
                            return Err(format!("line {}: unquoted value of {key}", line(i)));
                        }
                        let end = html[j + 2..]
                            .find('"')
                            .ok_or_else(|| format!("line {}: unclosed value", line(i)))?;
                        value = html[j + 2..j + 2 + end].to_string();
                        if value.contains('<') || value.contains('>') {
                            return Err(format!("line {}: raw < or > in {key}", line(i)));
                        }
                        check_references(&value).map_err(|e| format!("line {}: {e}", line(i)))?;
                        j += 2 + end + 1;
                    }
                    if attributes.insert(key.clone(), value).is_some() {
                        return Err(format!("line {}: {key} twice in <{name}>", line(i)));
                    }
                }
                if closing {
                    match stack.pop() {
                        Some(open) if open == name => {}
                        Some(open) => {
                            return Err(format!("line {}: </{name}> closes <{open}>", line(i)));
                        }
                        None => {
                            return Err(format!("line {}: </{name}> with nothing open", line(i)));
                        }
                    }
                } else {
                    elements.push((name.clone(), attributes));
                    if name == "style" || name == "script" {
                        // Raw text up to the closing tag.
                        let end = html[j..]
                            .find(&format!("</{name}>"))
                            .ok_or_else(|| format!("unclosed <{name}>"))?;
                        j += end + name.len() + 3;
                    } else if !self_closing && !VOID.contains(&name.as_str()) {
                        stack.push(name);
                    }
                }
                i = j;
            }
            b'>' => return Err(format!("line {}: a raw '>' in text", line(i))),
            _ => {
                let end = html[i..].find(['<', '>']).map_or(html.len(), |e| i + e);
                check_references(&html[i..end]).map_err(|e| format!("line {}: {e}", line(i)))?;
                i = end;
            }
        }
    }
    if !stack.is_empty() {
        return Err(format!("unclosed elements: {stack:?}"));
    }
    Ok(elements)
}

/// Every `&` starts a reference: `&name;` or `&#digits;`.
fn check_references(text: &str) -> Result<(), String> {
    for (at, _) in text.match_indices('&') {
        let rest = &text[at + 1..];
        let end = rest.find(';').filter(|&e| e > 0 && e < 10);
        let ok = end.is_some_and(|e| match rest[..e].strip_prefix('#') {
            Some(digits) => !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()),
            None => rest[..e].bytes().all(|b| b.is_ascii_alphanumeric()),
        });
        if !ok {
            return Err(format!(
                "a bare '&' before {:?}",
                &rest[..rest.len().min(12)]
            ));
        }
    }
    Ok(())
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The article text as shown in the page: the contents of `<div class="text">` without
/// tags and without the fact-number links, unescaped.
fn shown_text(html: &str, from: usize) -> String {
    let start = html[from..]
        .find("<div class=\"text\">")
        .expect("a text block")
        + from
        + 18;
    let mut out = String::new();
    let mut depth = 0usize;
    let mut in_ref = false;
    let mut i = start;
    while i < html.len() {
        if html[i..].starts_with('<') {
            let end = i + html[i..].find('>').unwrap() + 1;
            let tag = &html[i..end];
            if tag.starts_with("<a class=\"ref\"") {
                in_ref = true;
            } else if tag == "</a>" && in_ref {
                in_ref = false;
            } else if tag.starts_with("</") {
                if depth == 0 {
                    assert_eq!(tag, "</div>");
                    break;
                }
                depth -= 1;
            } else {
                depth += 1;
            }
            i = end;
        } else {
            let end = html[i..].find('<').map_or(html.len(), |e| i + e);
            if !in_ref {
                out.push_str(&unescape(&html[i..end]));
            }
            i = end;
        }
    }
    out
}

/// Checks a page: well formed, ids unique, every `#fragment` link lands on an id.
fn check_page(html: &str) -> Vec<Element> {
    let elements = check_html(html).unwrap_or_else(|e| panic!("malformed HTML: {e}"));
    let mut ids = HashSet::new();
    for (name, attributes) in &elements {
        if let Some(id) = attributes.get("id") {
            assert!(ids.insert(id.clone()), "id {id:?} twice (on <{name}>)");
        }
    }
    for (_, attributes) in &elements {
        if let Some(target) = attributes.get("href").and_then(|h| h.strip_prefix('#')) {
            assert!(ids.contains(target), "link to a missing id: #{target}");
        }
    }
    elements
}

// ---------------------------------------------------------------------------------------
// HTML through the library

#[test]
fn checker_catches_malformed_html() {
    assert!(check_html("<p><b>x</p></b>").is_err());
    assert!(check_html("<p>a < b</p>").is_err());
    assert!(check_html("<p>Tom & Jerry</p>").is_err());
    assert!(check_html("<p title=x>y</p>").is_err());
    assert!(check_html("<p>").is_err());
    assert!(check_html("<!DOCTYPE html><p class=\"a\">x &amp; y &#39;<br></p>").is_ok());
}

#[test]
fn sample_page_is_well_formed_and_complete() {
    let doc = EXTRACTOR.extract(SAMPLE);
    let html = newsfacts::html::render(SAMPLE, &doc, "sample <article>");
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(
        html.contains("<meta name=\"viewport\""),
        "phones need a viewport"
    );
    assert!(!html.contains("<script"), "the page needs no scripts");
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "self-contained"
    );
    assert!(html.contains("<title>sample &lt;article&gt; · newsfacts</title>"));
    let elements = check_page(&html);
    assert_eq!(
        shown_text(&html, 0),
        SAMPLE,
        "the article text, whole and in order"
    );

    // Mentions: one highlight per mention (crossing ones may be split into pieces, the
    // first piece carrying the entity's anchor), the canonical name on hover, a class per
    // kind, and a legend entry for every kind.
    let highlights: Vec<&HashMap<String, String>> = elements
        .iter()
        .filter(|(n, a)| n == "span" && a.get("class").is_some_and(|c| c.starts_with("m k-")))
        .map(|(_, a)| a)
        .filter(|a| a.contains_key("title"))
        .collect();
    let mentions: usize = doc.entities.iter().map(|e| e.mentions.len()).sum();
    assert!(
        highlights.len() >= mentions,
        "{} < {mentions}",
        highlights.len()
    );
    for entity in &doc.entities {
        let anchor = format!("ent-{}", entity.id);
        let first = highlights
            .iter()
            .find(|a| a.get("id") == Some(&anchor))
            .unwrap_or_else(|| panic!("no anchor for {}", entity.name));
        let title = unescape(&first["title"]);
        assert!(
            title.starts_with(&entity.name),
            "{title:?} names {}",
            entity.name
        );
        assert!(first["class"].contains(&format!("k-{}", entity.kind.as_str())));
    }
    for kind in EntityKind::ALL {
        assert!(
            html.contains(&format!("class=\"m k-{}", kind.as_str())),
            "legend: {kind}"
        );
    }

    // Facts: a list item per fact, its summary linking to its first evidence span.
    assert!(!doc.facts.is_empty());
    for (i, fact) in doc.facts.iter().enumerate() {
        let item = format!("<li id=\"fact-{}\"><a class=\"summary\" href=\"#ev-", i + 1);
        let at = html.find(&item).unwrap_or_else(|| panic!("fact {}", i + 1));
        let summary = newsfacts::html::escape(&fact.summary);
        assert!(html[at..].contains(&summary));
        let span = fact
            .evidence_spans
            .first()
            .copied()
            .unwrap_or(fact.evidence);
        let target = format!("id=\"ev-{}-{}\"", span.start, span.end);
        assert!(
            html.contains(&target),
            "the evidence span {span:?} has an anchor"
        );
    }
}

/// A text full of markup-like and reference-like characters, with hand-made mentions and
/// facts that nest, cross, touch and fall outside the text.
fn hostile() -> (String, Document) {
    let text = "<script>alert(\"x\")</script> Tom & Jerry's <b>AT&amp;T</b> met\n\n\
                Ana Ñúñez in São Paulo > Rio; 5 < 6 && \"quoted\" 'single' &#x41; ]]>"
        .to_string();
    let at = |s: &str| {
        let start = text.find(s).unwrap();
        Span::new(start, start + s.len())
    };
    let mention = |span: Span, source: Source| Mention {
        start: span.start,
        end: span.end,
        text: text[span.range()].to_string(),
        source,
    };
    let gaz = |alias: &str| Source::Gazetteer {
        file: "<x>.tsv".into(),
        line: 1,
        alias: alias.into(),
    };
    let entity = |id: usize, kind: EntityKind, name: &str, mentions: Vec<Mention>| Entity {
        id,
        kind,
        name: name.into(),
        code: None,
        value: None,
        country: Some("\"<&>\"".into()),
        rank: None,
        roles: vec!["Role <i>".into()],
        participants: Vec::new(),
        gazetteer: Some(GazetteerRef {
            file: "a&b.tsv".into(),
            line: 3,
        }),
        mentions,
    };
    let jerry = at("Jerry's");
    let tom_and = at("Tom & Jerry");
    let sao = at("São Paulo");
    let ana = at("Ana Ñúñez");
    let doc = Document {
        document_date: Some("2024-01-02".into()),
        entities: vec![
            entity(
                0,
                EntityKind::Person,
                "Tom <&> \"T\"",
                vec![mention(tom_and, gaz("Tom"))],
            ),
            // Crosses the first mention.
            entity(
                1,
                EntityKind::Person,
                "Jerry's",
                vec![mention(jerry, gaz("J"))],
            ),
            entity(
                2,
                EntityKind::Person,
                "Ana Ñúñez",
                vec![
                    mention(ana, gaz("Ana")),
                    // Out of range and off a char boundary: skipped, not a panic.
                    Mention {
                        start: 5000,
                        end: 5001,
                        text: String::new(),
                        source: gaz("x"),
                    },
                    Mention {
                        start: ana.start + 5,
                        end: ana.start + 6,
                        text: String::new(),
                        source: gaz("x"),
                    },
                ],
            ),
            entity(
                3,
                EntityKind::Location,
                "São Paulo",
                vec![
                    mention(sao, gaz("São Paulo")),
                    mention(
                        at("Rio"),
                        Source::Coreference {
                            rule: "r<u>le".into(),
                            antecedent: sao,
                        },
                    ),
                ],
            ),
        ],
        facts: vec![
            Fact {
                details: FactDetails::Meeting {
                    participants: vec!["Tom <&>".into(), "Ana".into()],
                    countries: vec![],
                    date: None,
                    location: Some("São <Paulo>".into()),
                },
                status: Status::Planned,
                summary: "meeting <between> Tom & \"Ana\"".into(),
                evidence: Span::new(0, text.len()),
                // Overlapping evidence spans, and one that crosses a mention.
                evidence_spans: vec![
                    at("Tom & Jerry's <b>"),
                    Span::new(tom_and.start + 2, ana.end),
                ],
                confidence: 0.5,
                rule: "meeting:<met>".into(),
            },
            Fact {
                details: FactDetails::Visit {
                    visitor: Some("Ana".into()),
                    countries: vec![],
                    destination: None,
                    date: None,
                    host: None,
                },
                status: Status::Happened,
                summary: "visit".into(),
                evidence: Span::new(ana.start, text.len()),
                evidence_spans: vec![],
                confidence: 0.9,
                rule: "visit:x".into(),
            },
        ],
    };
    (text, doc)
}

#[test]
fn hostile_text_is_escaped_and_kept() {
    let (text, doc) = hostile();
    let html = newsfacts::html::render(&text, &doc, "<title> & \"quotes\"");
    check_page(&html);
    assert_eq!(shown_text(&html, 0), text);
    assert!(!html.contains("<script>alert"));
    assert!(!html.contains("<b>AT"));
    assert!(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"));
    assert!(
        html.contains("AT&amp;amp;T"),
        "a reference in the text stays literal text"
    );
    assert!(html.contains("title=\"Tom &lt;&amp;&gt; &quot;T&quot; (person"));
    assert!(html.contains("meeting &lt;between&gt; Tom &amp; &quot;Ana&quot;"));
}

#[test]
fn several_documents_share_a_page() {
    let mut page = newsfacts::html::page_start("corpus");
    for (n, text) in [SAMPLE, VIETNAM, GULF, SAMPLE].iter().enumerate() {
        let doc = EXTRACTOR.extract(*text);
        page.push_str(&newsfacts::html::article(
            text,
            &doc,
            &format!("doc {n}"),
            &format!("d{n}-"),
        ));
    }
    page.push_str(&newsfacts::html::page_end());
    check_page(&page);
    let (text, doc) = hostile();
    page.truncate(page.len() - newsfacts::html::page_end().len());
    page.push_str(&newsfacts::html::article(&text, &doc, "hostile", "d9-"));
    page.push_str(&newsfacts::html::page_end());
    check_page(&page);
    let at = page.find("id=\"d9-doc\"").unwrap();
    assert_eq!(shown_text(&page, at), text);
}

#[test]
fn empty_document_renders() {
    let html = newsfacts::html::render("", &Document::default(), "");
    check_page(&html);
    assert!(html.contains("No facts found."));
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig {
            cases: 64,
            failure_persistence: None,
            ..ProptestConfig::default()
        })]
        /// Any text with any spans (crossing, nested, empty, out of range, off char
        /// boundaries) gives a well-formed page that shows the text unchanged.
        #[test]
        fn any_spans_give_a_well_formed_page(
            text in "[a-zA-Z <>&\"'é\n]{0,80}",
            spans in proptest::collection::vec((0usize..90, 0usize..90, 0usize..3), 0..12),
        ) {
            let mut entities = Vec::new();
            let mut facts = Vec::new();
            for (n, (a, b, what)) in spans.into_iter().enumerate() {
                let span = Span::new(a.min(b), a.max(b));
                let text_of = text.get(span.range()).unwrap_or("").to_string();
                if what == 2 {
                    facts.push(Fact {
                        details: FactDetails::Deployment { countries: vec![], organization: None, location: None },
                        status: Status::Happened,
                        summary: format!("fact <{n}>"),
                        evidence: span,
                        evidence_spans: vec![span],
                        confidence: 1.0,
                        rule: "r".into(),
                    });
                } else {
                    entities.push(Entity {
                        id: n,
                        kind: if what == 0 { EntityKind::Country } else { EntityKind::Person },
                        name: format!("<{n}>"),
                        code: None, value: None, country: None, rank: None,
                        roles: vec![], participants: vec![], gazetteer: None,
                        mentions: vec![Mention { start: span.start, end: span.end, text: text_of, source: Source::Pattern { rule: "p".into() } }],
                    });
                }
            }
            let doc = Document { document_date: None, entities, facts };
            let html = newsfacts::html::render(&text, &doc, "t");
            prop_assert!(check_html(&html).is_ok(), "{:?}", check_html(&html).err());
            prop_assert_eq!(shown_text(&html, 0), text);
        }
    }
}

// ---------------------------------------------------------------------------------------
// The command-line tool

/// The `extract` example built by `cargo test` beside this test binary.
fn extract_binary() -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    // target/<profile>/deps/cli-HASH -> target/<profile>/examples/extract
    let profile_dir = exe.parent()?.parent()?;
    let binary = profile_dir
        .join("examples")
        .join(format!("extract{}", std::env::consts::EXE_SUFFIX));
    if binary.is_file() {
        Some(binary)
    } else {
        eprintln!(
            "skipped: {} is not built (run `cargo test`, which builds the examples)",
            binary.display()
        );
        None
    }
}

/// A fresh scratch folder for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("cli")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn run(binary: &Path, args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(binary)
        .args(args)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the extract binary runs");
    if let Some(input) = stdin {
        use std::io::Write;
        let mut pipe = child.stdin.take().unwrap();
        let input = input.to_vec();
        // Write from a thread so that a full stdout pipe cannot deadlock us.
        std::thread::spawn(move || {
            let _ = pipe.write_all(&input);
        });
    }
    child.wait_with_output().unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn jsonl_line(id: &str, text: &str, date: Option<&str>) -> String {
    let mut value = serde_json::json!({"id": id, "text": text});
    if let Some(d) = date {
        value["date"] = d.into();
    }
    value.to_string()
}

#[test]
fn one_file_gives_one_pretty_document() {
    let Some(bin) = extract_binary() else { return };
    let output = run(&bin, &["--format", "json", SAMPLE_PATH], None);
    assert!(output.status.success(), "{}", stderr(&output));
    let expected = EXTRACTOR.extract(SAMPLE).to_json_pretty() + "\n";
    assert_eq!(stdout(&output), expected);
    assert!(
        stderr(&output).contains("1 document"),
        "a summary line: {}",
        stderr(&output)
    );

    // The same through standard input, and quietly.
    let output = run(&bin, &["-q", "-"], Some(SAMPLE.as_bytes()));
    assert!(output.status.success());
    assert_eq!(stdout(&output), expected);
    assert_eq!(stderr(&output), "");
}

#[test]
fn a_folder_gives_every_txt_below_it_in_path_order() {
    let Some(bin) = extract_binary() else { return };
    let dir = scratch("folder");
    std::fs::create_dir_all(dir.join("b/inner")).unwrap();
    std::fs::write(dir.join("b/inner/z.txt"), GULF).unwrap();
    std::fs::write(dir.join("b.txt"), VIETNAM).unwrap();
    std::fs::write(dir.join("a.txt"), SAMPLE).unwrap();
    std::fs::write(dir.join("notes.md"), "not an article").unwrap();
    let output = run(
        &bin,
        &["-q", "--format", "jsonl", dir.to_str().unwrap()],
        None,
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let lines: Vec<serde_json::Value> = stdout(&output)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let ids: Vec<&str> = lines.iter().map(|l| l["id"].as_str().unwrap()).collect();
    let expect = |p: &str| dir.join(p).display().to_string();
    // Sorted by path component by component: a folder's files and subfolders by name.
    assert_eq!(
        ids,
        [expect("a.txt"), expect("b/inner/z.txt"), expect("b.txt")]
    );
    // Each line is the document of EVAL.md with its id.
    let doc: Document = serde_json::from_value(lines[0].clone()).unwrap();
    assert_eq!(doc, EXTRACTOR.extract(SAMPLE));
}

/// A program that streams articles through the tool and waits for each answer before
/// sending the next gets it at once: output is flushed while the tool waits for input.
#[test]
fn streamed_jsonl_answers_each_line_before_the_next_is_sent() {
    use std::io::{BufRead, BufReader, Write};
    let Some(bin) = extract_binary() else { return };
    let mut child = Command::new(&bin)
        .args([
            "--input",
            "jsonl",
            "--format",
            "jsonl",
            "--threads",
            "2",
            "-",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the extract binary runs");
    let mut input = child.stdin.take().unwrap();
    let output = child.stdout.take().unwrap();
    // Answers arrive through a thread, so that a missing one fails instead of hanging.
    let (tx, answers) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(output).lines() {
            if line.is_err() || tx.send(line.unwrap()).is_err() {
                break;
            }
        }
    });
    for (n, text) in [SAMPLE, VIETNAM, GULF].into_iter().enumerate() {
        let id = format!("q{n}");
        writeln!(input, "{}", jsonl_line(&id, text, None)).unwrap();
        input.flush().unwrap();
        let Ok(answer) = answers.recv_timeout(std::time::Duration::from_secs(30)) else {
            let _ = child.kill();
            panic!("no answer to {id} within 30 s while the tool waits for input");
        };
        let answer: serde_json::Value = serde_json::from_str(&answer).unwrap();
        assert_eq!(answer["id"], id.as_str());
    }
    drop(input);
    let finished = child.wait_with_output().unwrap();
    assert!(finished.status.success(), "{}", stderr(&finished));
    if cfg!(target_os = "linux") {
        let err = stderr(&finished);
        assert!(err.contains("3 documents") && err.contains(" MB)"), "{err}");
        assert!(
            err.contains(", peak RSS "),
            "the summary gives the peak RSS: {err}"
        );
    }
}

#[test]
fn jsonl_failures_are_named_and_the_rest_go_on() {
    let Some(bin) = extract_binary() else { return };
    let input = [
        jsonl_line("first", VIETNAM, None),
        "this is not JSON".to_string(),
        r#"{"id": "no-text", "date": "2021-04-09"}"#.to_string(),
        String::new(),
        r#"{"id": 42, "text": "Kazakh troops joined the Indian battalion.", "date": "2021-04-09"}"#
            .to_string(),
        r#"{"text": "No id here.", "date": null}"#.to_string(),
    ]
    .join("\n");
    let output = run(
        &bin,
        &["--input", "jsonl", "--format", "jsonl", "-"],
        Some(input.as_bytes()),
    );
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let err = stderr(&output);
    assert!(err.contains("standard input:2: not JSON"), "{err}");
    assert!(err.contains("standard input:3: no \"text\""), "{err}");
    assert!(err.contains("2 failed"), "{err}");
    let lines: Vec<serde_json::Value> = stdout(&output)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["id"], "first");
    assert_eq!(lines[1]["id"], 42);
    assert_eq!(lines[1]["document_date"], "2021-04-09");
    assert_eq!(lines[2]["id"], "standard input:6");
}

#[test]
fn unreadable_and_damaged_files_are_reported() {
    let Some(bin) = extract_binary() else { return };
    let dir = scratch("damaged");
    let good = dir.join("good.txt");
    let missing = dir.join("missing.txt");
    let bad = dir.join("bad.txt");
    std::fs::write(&good, GULF).unwrap();
    let mut bytes = b"Kazakh \xff troops".to_vec();
    bytes.extend_from_slice(VIETNAM.as_bytes());
    std::fs::write(&bad, &bytes).unwrap();
    let args = [
        good.to_str().unwrap(),
        missing.to_str().unwrap(),
        bad.to_str().unwrap(),
    ];
    let output = run(&bin, &[&["--format", "jsonl"], &args[..]].concat(), None);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains(&format!("{}:", missing.display())), "{err}");
    assert!(
        err.contains(&format!("{}: byte 7: invalid UTF-8", bad.display())),
        "{err}"
    );
    let ids: Vec<String> = stdout(&output)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["id"].to_string())
        .collect();
    assert_eq!(ids.len(), 2, "the good and the damaged file: {ids:?}");
}

#[test]
fn output_does_not_depend_on_threads() {
    let Some(bin) = extract_binary() else { return };
    let dir = scratch("threads");
    let texts = [SAMPLE, VIETNAM, GULF];
    let mut lines = Vec::new();
    for n in 0..30 {
        // Documents of different lengths, so that workers finish out of order.
        let text = texts[n % 3].repeat(1 + n % 4);
        let date = (n % 2 == 0).then_some("2022-06-08");
        lines.push(jsonl_line(&format!("doc-{n}"), &text, date));
        if n == 20 {
            lines.push("{broken".into());
        }
    }
    let corpus = dir.join("corpus.jsonl");
    std::fs::write(&corpus, lines.join("\n") + "\n").unwrap();
    let corpus = corpus.to_str().unwrap();
    for format in ["jsonl", "text", "json", "html"] {
        let mut outputs = Vec::new();
        for threads in ["1", "4"] {
            let args = [
                "-q",
                "--input",
                "jsonl",
                "--format",
                format,
                "--threads",
                threads,
                corpus,
            ];
            let output = run(&bin, &args, None);
            assert_eq!(output.status.code(), Some(1), "the broken line fails");
            assert!(
                stderr(&output).contains("corpus.jsonl:22: not JSON"),
                "{}",
                stderr(&output)
            );
            outputs.push(output.stdout);
        }
        assert!(
            outputs.windows(2).all(|w| w[0] == w[1]),
            "--format {format}"
        );
        if format == "jsonl" {
            let ids: Vec<String> = String::from_utf8(outputs[0].clone())
                .unwrap()
                .lines()
                .map(|l| {
                    serde_json::from_str::<serde_json::Value>(l).unwrap()["id"]
                        .as_str()
                        .unwrap()
                        .to_string()
                })
                .collect();
            let expected: Vec<String> = (0..30).map(|n| format!("doc-{n}")).collect();
            assert_eq!(ids, expected, "input order");
        }
        if format == "html" {
            let page = String::from_utf8(outputs[0].clone()).unwrap();
            check_page(&page);
            assert_eq!(page.matches("<article").count(), 30);
        }
    }
}

#[test]
fn html_and_text_formats() {
    let Some(bin) = extract_binary() else { return };
    let output = run(&bin, &["-q", "--format", "html", SAMPLE_PATH], None);
    assert!(output.status.success());
    let page = stdout(&output);
    check_page(&page);
    assert_eq!(shown_text(&page, 0), SAMPLE);

    let output = run(
        &bin,
        &[
            "-q",
            "--format",
            "text",
            "--date",
            "2022-06-08",
            SAMPLE_PATH,
        ],
        None,
    );
    assert!(output.status.success());
    let text = stdout(&output);
    assert!(
        text.starts_with(&format!("== {SAMPLE_PATH}\ndocument date: 2022-06-08\n")),
        "{text}"
    );
    assert!(text.contains("facts:\n  - "), "{text}");
}

#[test]
fn usage_errors_exit_with_2() {
    let Some(bin) = extract_binary() else { return };
    for args in [
        &["--format", "xml", "x.txt"][..],
        &["--threads", "0", "x.txt"],
        &["--input", "csv", "x.txt"],
        &["--date", "2021-13-01", "x.txt"],
        &[],
    ] {
        let output = run(&bin, args, None);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(stderr(&output).contains("usage:"));
    }
    let dir = scratch("usage");
    let gazetteer = dir.join("bad.tsv");
    std::fs::write(&gazetteer, "nonsense\tX\n").unwrap();
    let output = run(
        &bin,
        &["--gazetteer", gazetteer.to_str().unwrap(), "-"],
        Some(b"x"),
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("bad.tsv"), "{}", stderr(&output));
}
