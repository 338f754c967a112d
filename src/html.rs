//! An HTML view of one document: the article with its mentions highlighted by kind, the
//! facts with links to their evidence, and the entities.
//!
//! The page is self-contained (inline CSS, no scripts, no external resources) and works
//! on a phone. Every piece of article text and every name is HTML-escaped.
//!
//! ```
//! use newsfacts::Extractor;
//! let text = "Defence Minister Rajnath Singh held talks in Hanoi. <b>not markup</b>";
//! let doc = Extractor::new().extract(text);
//! let page = newsfacts::html::render(text, &doc, "Talks in Hanoi");
//! assert!(page.starts_with("<!DOCTYPE html>"));
//! assert!(page.contains("&lt;b&gt;not markup&lt;/b&gt;"));
//! ```
//!
//! To show several documents on one page, write [`page_start`], then [`article`] for
//! each with its own anchor prefix, then [`page_end`]; [`render`] does exactly that for
//! one document.

use std::collections::{BTreeMap, HashSet};
use std::fmt::Write;

use crate::document::{Document, Entity, Fact, Source};
use crate::gazetteer::EntityKind;
use crate::span::Span;

/// A complete page for one document: `title` names it (a file name, a headline).
pub fn render(text: &str, doc: &Document, title: &str) -> String {
    let mut page = page_start(title);
    page.push_str(&article(text, doc, title, ""));
    page.push_str(&page_end());
    page
}

/// The start of a page: the document type, the head with the style sheet, and the
/// opening of the body.
pub fn page_start(title: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"newsfacts {}\">\n\
         <title>{} · newsfacts</title>\n<style>{CSS}</style>\n</head>\n<body>\n",
        env!("CARGO_PKG_VERSION"),
        escape(title)
    )
}

/// The end of a page started with [`page_start`].
pub fn page_end() -> String {
    "<footer>Extracted by newsfacts. Hover over or tap a highlighted name for its canonical \
     form; follow a fact to its evidence, and a fact number in the text back to the fact.\
     </footer>\n</body>\n</html>\n"
        .to_string()
}

/// One document as an `<article>` element, for a page made with [`page_start`] and
/// [`page_end`]. Every `id` in it starts with `prefix`, so that several documents can
/// share a page (give each its own prefix, such as `"d3-"`).
pub fn article(text: &str, doc: &Document, title: &str, prefix: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3 + 4096);
    let p = escape(prefix);
    let _ = write!(
        out,
        "<article class=\"doc\" id=\"{p}doc\">\n<header>\n<h1>{}</h1>\n<p class=\"meta\">",
        escape(title)
    );
    let mut meta = Vec::new();
    if let Some(date) = &doc.document_date {
        meta.push(format!("published {}", escape(date)));
    }
    meta.push(count(doc.entities.len(), "entity", "entities"));
    meta.push(count(doc.facts.len(), "fact", "facts"));
    meta.push(count(text.len(), "byte", "bytes"));
    out.push_str(&meta.join(" · "));
    let _ = write!(
        out,
        "</p>\n<nav class=\"toc\"><a href=\"#{p}facts\">Facts</a> · \
         <a href=\"#{p}text\">Article</a> · <a href=\"#{p}entities\">Entities</a></nav>\n\
         </header>\n"
    );

    facts_section(&mut out, doc, &p);

    let _ = write!(
        out,
        "<section class=\"article\" id=\"{p}text\">\n<h2>Article</h2>\n"
    );
    legend(&mut out, doc);
    out.push_str("<div class=\"text\">");
    annotated_text(&mut out, text, doc, &p);
    out.push_str("</div>\n</section>\n");

    entities_section(&mut out, doc, &p);
    out.push_str("</article>\n");
    out
}

/// `text` with `&`, `<`, `>`, `"` and `'` replaced by character references, safe in
/// element content and in quoted attribute values.
///
/// ```
/// assert_eq!(newsfacts::html::escape(r#"<a href="x">Tom & Jerry's</a>"#),
///            "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;");
/// ```
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(&mut out, text);
    out
}

fn escape_into(out: &mut String, text: &str) {
    let mut last = 0;
    for (i, b) in text.bytes().enumerate() {
        let replacement = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&text[last..i]);
        out.push_str(replacement);
        last = i + 1;
    }
    out.push_str(&text[last..]);
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The CSS class of a kind's highlight.
fn kind_class(kind: EntityKind) -> String {
    format!("k-{}", kind.as_str())
}

/// The spans a fact cites: every evidence span, or the covering one when none is listed.
fn evidence_of(fact: &Fact) -> Vec<Span> {
    let mut spans = if fact.evidence_spans.is_empty() {
        vec![fact.evidence]
    } else {
        fact.evidence_spans.clone()
    };
    spans.sort();
    spans.dedup();
    spans
}

fn evidence_id(prefix: &str, span: Span) -> String {
    format!("{prefix}ev-{}-{}", span.start, span.end)
}

fn legend(out: &mut String, doc: &Document) {
    out.push_str("<p class=\"legend\" aria-label=\"legend\">");
    for kind in EntityKind::ALL {
        let n = doc.entities_of(kind).count();
        let _ = write!(
            out,
            "<span class=\"m {}{}\">{} <small>{n}</small></span> ",
            kind_class(kind),
            if n == 0 { " none" } else { "" },
            kind.as_str()
        );
    }
    out.push_str("<span class=\"m coref\">coreference</span></p>\n");
}

/// The role fields of a fact in a fixed, readable order: people, then countries, then
/// the rest; any field a future kind adds comes last.
fn fact_fields(fact: &Fact) -> Vec<(String, String)> {
    const ORDER: [&str; 13] = [
        "participants",
        "visitor",
        "person",
        "host",
        "exercise",
        "role",
        "subject",
        "organization",
        "countries",
        "country",
        "destination",
        "location",
        "date",
    ];
    let Ok(serde_json::Value::Object(map)) = serde_json::to_value(&fact.details) else {
        return Vec::new();
    };
    let mut fields: Vec<(usize, String, String)> = map
        .into_iter()
        .filter(|(key, _)| key != "kind")
        .filter_map(|(key, value)| {
            let shown = match value {
                serde_json::Value::Null => return None,
                serde_json::Value::String(s) if s.is_empty() => return None,
                serde_json::Value::String(s) => s,
                serde_json::Value::Array(items) if items.is_empty() => return None,
                serde_json::Value::Array(items) => items
                    .iter()
                    .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string))
                    .collect::<Vec<_>>()
                    .join(", "),
                other => other.to_string(),
            };
            let rank = ORDER.iter().position(|k| *k == key).unwrap_or(ORDER.len());
            Some((rank, key, shown))
        })
        .collect();
    fields.sort();
    fields.into_iter().map(|(_, k, v)| (k, v)).collect()
}

fn facts_section(out: &mut String, doc: &Document, p: &str) {
    let _ = write!(
        out,
        "<section class=\"facts\" id=\"{p}facts\">\n<h2>Facts</h2>\n"
    );
    if doc.facts.is_empty() {
        out.push_str("<p class=\"empty\">No facts found.</p>\n</section>\n");
        return;
    }
    out.push_str("<ol>\n");
    for (i, fact) in doc.facts.iter().enumerate() {
        let n = i + 1;
        let spans = evidence_of(fact);
        let first = spans.first().copied().unwrap_or(fact.evidence);
        let status = serde_json::to_value(fact.status)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        let _ = write!(
            out,
            "<li id=\"{p}fact-{n}\"><a class=\"summary\" href=\"#{}\">{}</a>\n<div class=\"fmeta\">\
             <span class=\"tag\">{}</span> <span class=\"tag s-{status}\">{status}</span> \
             confidence {:.2} · evidence",
            evidence_id(p, first),
            escape(&fact.summary),
            escape(fact.details.kind_name()),
            fact.confidence,
        );
        for (j, span) in spans.iter().enumerate() {
            let _ = write!(out, " <a href=\"#{}\">{}</a>", evidence_id(p, *span), j + 1);
        }
        out.push_str("</div>\n");
        let fields = fact_fields(fact);
        if !fields.is_empty() {
            out.push_str("<dl>");
            for (key, value) in fields {
                let _ = write!(out, "<dt>{}</dt><dd>{}</dd>", escape(&key), escape(&value));
            }
            out.push_str("</dl>\n");
        }
        let _ = writeln!(
            out,
            "<p class=\"rule\">rule <code>{}</code></p></li>",
            escape(&fact.rule)
        );
    }
    out.push_str("</ol>\n</section>\n");
}

/// A few words about an entity for its tooltip and the entity table: code or value, rank,
/// country, roles, participants.
fn details(entity: &Entity) -> Vec<String> {
    let mut parts: Vec<String> = [&entity.code, &entity.value, &entity.rank, &entity.country]
        .into_iter()
        .flatten()
        .cloned()
        .collect();
    parts.extend(entity.roles.iter().cloned());
    if !entity.participants.is_empty() {
        parts.push(format!("participants {}", entity.participants.join(", ")));
    }
    parts
}

fn entities_section(out: &mut String, doc: &Document, p: &str) {
    let _ = write!(
        out,
        "<section class=\"entities\" id=\"{p}entities\">\n<h2>Entities</h2>\n"
    );
    if doc.entities.is_empty() {
        out.push_str("<p class=\"empty\">No entities found.</p>\n</section>\n");
        return;
    }
    out.push_str("<ul>\n");
    for kind in EntityKind::ALL {
        for entity in doc.entities_of(kind) {
            let _ = write!(
                out,
                "<li><span class=\"m {}\">{}</span> <a href=\"#{p}ent-{}\">{}</a>",
                kind_class(kind),
                kind.as_str(),
                entity.id,
                escape(&entity.name)
            );
            let extra = details(entity);
            if !extra.is_empty() {
                let _ = write!(
                    out,
                    " <span class=\"detail\">{}</span>",
                    escape(&extra.join(" · "))
                );
            }
            let _ = write!(
                out,
                " <small>{}",
                count(entity.mentions.len(), "mention", "mentions")
            );
            if let Some(g) = &entity.gazetteer {
                let _ = write!(out, " · {}:{}", escape(&g.file), g.line);
            }
            out.push_str("</small></li>\n");
        }
    }
    out.push_str("</ul>\n</section>\n");
}

/// A stretch of text to wrap in an element. Intervals may nest or cross; crossing ones
/// are split into pieces, and only the first piece carries the `id`.
struct Interval {
    start: usize,
    end: usize,
    /// 0 for evidence (outermost), 1 for mentions.
    layer: u8,
    /// The opening tag of the first piece (with the id), and of the later pieces.
    open: String,
    reopen: String,
    close: &'static str,
}

/// The article text, escaped, with evidence spans and mentions wrapped in elements and a
/// numbered link back to each fact after its evidence.
fn annotated_text(out: &mut String, text: &str, doc: &Document, p: &str) {
    let valid = |s: Span| {
        s.start < s.end
            && s.end <= text.len()
            && text.is_char_boundary(s.start)
            && text.is_char_boundary(s.end)
    };
    let mut intervals: Vec<Interval> = Vec::new();
    // Markers after evidence: position -> fact numbers.
    let mut markers: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    let mut evidence: HashSet<Span> = HashSet::new();
    for (i, fact) in doc.facts.iter().enumerate() {
        for span in evidence_of(fact).into_iter().filter(|s| valid(*s)) {
            markers.entry(span.end).or_default().push(i + 1);
            if evidence.insert(span) {
                intervals.push(Interval {
                    start: span.start,
                    end: span.end,
                    layer: 0,
                    open: format!("<span class=\"ev\" id=\"{}\">", evidence_id(p, span)),
                    reopen: "<span class=\"ev\">".to_string(),
                    close: "</span>",
                });
            }
        }
    }
    for entity in &doc.entities {
        let detail = details(entity);
        let mut name = format!("{} ({}", entity.name, entity.kind.as_str());
        for d in &detail {
            name.push_str(" · ");
            name.push_str(d);
        }
        name.push(')');
        for (j, m) in entity.mentions.iter().enumerate() {
            let span = m.span();
            if !valid(span) {
                continue;
            }
            let (coref, title) = match &m.source {
                Source::Coreference { rule, .. } => {
                    (" coref", format!("{name}, by coreference ({rule})"))
                }
                _ => ("", name.clone()),
            };
            let attributes = format!(
                "class=\"m {}{coref}\" title=\"{}\" tabindex=\"0\"",
                kind_class(entity.kind),
                escape(&title)
            );
            let id = if j == 0 {
                format!(" id=\"{p}ent-{}\"", entity.id)
            } else {
                String::new()
            };
            intervals.push(Interval {
                start: span.start,
                end: span.end,
                layer: 1,
                open: format!("<span {attributes}{id}>"),
                reopen: format!("<span {attributes}>"),
                close: "</span>",
            });
        }
    }
    // Open order at one position: evidence before mentions, longer before shorter.
    intervals.sort_by_key(|iv| (iv.start, iv.layer, std::cmp::Reverse(iv.end)));

    let mut cuts: Vec<usize> = intervals
        .iter()
        .flat_map(|iv| [iv.start, iv.end])
        .chain(markers.keys().copied())
        .collect();
    cuts.push(text.len());
    cuts.sort_unstable();
    cuts.dedup();

    let mut stack: Vec<usize> = Vec::new();
    let mut next = 0; // next interval to open
    let mut at = 0; // text written up to here
    for &cut in &cuts {
        escape_into(out, &text[at..cut]);
        at = cut;
        // Close everything that ends here; what was opened inside it and goes on is
        // closed with it and reopened.
        if let Some(lowest) = stack.iter().position(|&i| intervals[i].end == cut) {
            let above: Vec<usize> = stack.drain(lowest..).collect();
            for &i in above.iter().rev() {
                out.push_str(intervals[i].close);
            }
            for i in above {
                if intervals[i].end > cut {
                    out.push_str(&intervals[i].reopen);
                    stack.push(i);
                }
            }
        }
        if let Some(facts) = markers.get(&cut) {
            for n in facts {
                let _ = write!(out, "<a class=\"ref\" href=\"#{p}fact-{n}\">{n}</a>");
            }
        }
        while next < intervals.len() && intervals[next].start == cut {
            out.push_str(&intervals[next].open);
            stack.push(next);
            next += 1;
        }
    }
    for &i in stack.iter().rev() {
        out.push_str(intervals[i].close);
    }
}

/// The style sheet: one colour per kind, readable from 320 px wide up.
const CSS: &str = "
:root{color-scheme:light;--ink:#1d1d1f;--muted:#5f6368;--line:#d9d9de;--accent:#1a5fb4}
*{box-sizing:border-box}
body{margin:0;font:17px/1.6 system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans',sans-serif;color:var(--ink);background:#f6f6f8}
.doc{max-width:46rem;margin:0 auto 1.5rem;padding:1rem 1.1rem 1.5rem;background:#fff;border-bottom:1px solid var(--line)}
@media (min-width:48rem){.doc{margin-top:1.5rem;border:1px solid var(--line);border-radius:10px;padding:1.5rem 2rem 2rem}}
h1{font-size:1.35rem;line-height:1.3;margin:.2rem 0;overflow-wrap:anywhere}
h2{font-size:1.05rem;margin:1.6rem 0 .6rem;padding-bottom:.2rem;border-bottom:1px solid var(--line);color:var(--muted);text-transform:uppercase;letter-spacing:.04em}
.meta,.empty,small,.rule,footer{color:var(--muted);font-size:.85rem}
a{color:var(--accent)}
.facts ol{padding-left:1.6rem;margin:0}
.facts li{margin:0 0 .8rem;scroll-margin-top:3rem}
.facts li:target{background:#fff6c2;border-radius:6px;outline:4px solid #fff6c2}
.summary{font-weight:600;text-decoration:none}.summary:hover,.summary:focus{text-decoration:underline}
.toc{font-size:.9rem;margin:.2rem 0 0}
section{scroll-margin-top:.5rem}
.fmeta{font-size:.85rem;color:var(--muted)}
.tag{display:inline-block;padding:0 .45em;border-radius:4px;background:#eceef1;color:var(--ink);font-size:.8rem}
.s-planned{background:#dbe9ff}.s-cancelled,.s-negated{background:#ffd9d9}
dl{display:grid;grid-template-columns:max-content 1fr;gap:0 .8rem;margin:.25rem 0 0;font-size:.88rem;line-height:1.45}
dt{color:var(--muted)}dd{margin:0;overflow-wrap:anywhere}
.rule{margin:.1rem 0 0}code{font-size:.8rem;overflow-wrap:anywhere}
.legend{position:sticky;top:0;z-index:3;margin:0 -.3rem .6rem;padding:.3rem .3rem;background:rgba(255,255,255,.95);border-bottom:1px solid var(--line);line-height:1.9;font-size:.8rem}
.legend .none{opacity:.45}
.text{white-space:pre-wrap;overflow-wrap:anywhere;font-family:Georgia,'Noto Serif','Times New Roman',serif;font-size:1.05rem;line-height:1.7}
.m{position:relative;padding:.05em .15em;border-radius:3px;border-bottom:2px solid;box-decoration-break:clone;-webkit-box-decoration-break:clone;cursor:help;scroll-margin-top:3rem}
.m .m{padding-left:0;padding-right:0}
.m:focus{outline:2px solid var(--accent);outline-offset:1px}
.m:focus::after{content:attr(title);position:absolute;left:0;top:100%;z-index:4;margin-top:4px;padding:.2em .5em;width:max-content;max-width:16rem;white-space:normal;font:600 .8rem/1.4 system-ui,sans-serif;color:#fff;background:#222;border-radius:4px}
.legend .coref{border-color:var(--muted)}
.k-person{background:#ffe0e0;border-color:#d0353f}
.k-rank{background:#ffe9cc;border-color:#c76b00}
.k-role{background:#fff3b8;border-color:#a88a00}
.k-country{background:#d9f5d9;border-color:#2b8a3e}
.k-location{background:#d3eefb;border-color:#0b7bb5}
.k-organization{background:#e6e0ff;border-color:#6741d9}
.k-date{background:#ececec;border-color:#6b6b6b}
.k-exercise{background:#ffdcf1;border-color:#c2255c}
.m.coref{background:none;border-bottom-style:dashed}
.ev{scroll-margin-top:3rem}
.ev:target{background:#fff6c2;outline:3px solid #fff6c2}
.ref{font:600 .7rem system-ui,sans-serif;vertical-align:super;margin-left:.1em;padding:0 .3em;border-radius:8px;background:#eceef1;text-decoration:none}
.entities ul{list-style:none;padding:0;margin:0}
.entities li{margin:0 0 .55rem;padding-left:.2rem;line-height:1.45}
.entities small{display:block}
.entities .m{font-size:.75rem;cursor:default}
.detail{color:var(--muted);font-size:.9rem}
footer{max-width:46rem;margin:0 auto 2rem;padding:0 1.1rem}
";
