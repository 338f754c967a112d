//! The output: owned, serde-serialisable types with byte spans.
//!
//! Their JSON form is the wire format of `EVAL.md`: `Document` serialises to
//! `{"document_date", "entities", "facts"}`, entities carry `kind`, `name` and the fields of
//! their kind, and every mention carries `start`, `end`, `text` and where it came from.

use std::borrow::Cow;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::Span;
use crate::gazetteer::EntityKind;

/// Everything newsfacts found in one document.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// The publication date, `YYYY-MM-DD`, from the input or the text; `None` if unknown.
    pub document_date: Option<String>,
    /// One entity per distinct real-world thing, in order of first mention.
    pub entities: Vec<Entity>,
    /// The facts, in order of first evidence.
    pub facts: Vec<Fact>,
}

impl Document {
    /// The entity with id `id`.
    pub fn entity(&self, id: usize) -> Option<&Entity> {
        self.entities.iter().find(|e| e.id == id)
    }

    /// The entities of one kind.
    pub fn entities_of(&self, kind: EntityKind) -> impl Iterator<Item = &Entity> {
        self.entities.iter().filter(move |e| e.kind == kind)
    }

    /// The document as pretty JSON (the format of `EVAL.md`).
    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
    }

    /// The document as one line of JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
    }
}

/// One real-world thing and all its mentions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// Its number within the document; facts and coreference refer to it.
    pub id: usize,
    /// What it is.
    pub kind: EntityKind,
    /// The canonical name (a person's full name even when a mention says only "Singh").
    pub name: String,
    /// ISO 3166-1 alpha-3 for countries; NATO code for ranks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// For dates: `YYYY-MM-DD`, `YYYY-MM`, `YYYY`, or `START/END`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// For people, roles, places, organisations and exercises: the country (alpha-3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// For people: the military rank.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rank: Option<String>,
    /// For people: the official roles.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<String>,
    /// For exercises: the participating countries (alpha-3).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub participants: Vec<String>,
    /// The gazetteer entry behind the entity, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gazetteer: Option<GazetteerRef>,
    /// Every mention, in text order.
    pub mentions: Vec<Mention>,
}

impl Entity {
    /// The first mention's span.
    pub fn first_span(&self) -> Option<Span> {
        self.mentions.first().map(|m| m.span())
    }
}

/// Where a gazetteer entry was defined.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GazetteerRef {
    /// The file (shared with the gazetteer entry: many entities name one file).
    pub file: Arc<str>,
    /// 1-based line.
    pub line: usize,
}

/// One place in the text that names an entity.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The text of the mention.
    pub text: String,
    /// Why newsfacts thinks this is a mention of the entity.
    pub source: Source,
}

impl Mention {
    /// The mention's span.
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

/// Where a mention came from: enough to explain a false alarm from the output alone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Source {
    /// A gazetteer name.
    Gazetteer {
        /// The file (shared with the gazetteer entry).
        file: Arc<str>,
        /// 1-based line.
        line: usize,
        /// The name as written in the gazetteer (shared with the gazetteer's name).
        alias: Arc<str>,
    },
    /// A pattern rule ("title_name", "apposition", "acronym_definition", ...).
    Pattern {
        /// The rule's name (borrowed for the crate's own rules).
        rule: Cow<'static, str>,
    },
    /// A date rule.
    Date {
        /// The rule's name (borrowed for the crate's own rules).
        rule: Cow<'static, str>,
    },
    /// A coreference link to an earlier mention.
    Coreference {
        /// The rule that linked it ("surname", "role", "pronoun", ...; borrowed for the
        /// crate's own rules).
        rule: Cow<'static, str>,
        /// The antecedent mention's span.
        antecedent: Span,
    },
}

/// Whether a fact's event happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// It happened (or is happening).
    #[default]
    Happened,
    /// It is planned or announced ("will meet", "is scheduled to").
    Planned,
    /// It was cancelled or postponed.
    Cancelled,
    /// The text says it did not happen ("did not meet").
    Negated,
}

/// The role fields of a fact, by kind; serialised with a `"kind"` tag.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FactDetails {
    /// Talks, meetings, calls, summits.
    Meeting {
        /// People who took part (canonical names).
        participants: Vec<String>,
        /// Countries of the parties (alpha-3).
        countries: Vec<String>,
        /// When.
        date: Option<String>,
        /// Where.
        location: Option<String>,
    },
    /// A visit by a person to a place.
    Visit {
        /// Who visited.
        visitor: Option<String>,
        /// The visitor's countries.
        countries: Vec<String>,
        /// A country code or a place name.
        destination: Option<String>,
        /// When (often a range).
        date: Option<String>,
        /// Who received the visitor.
        host: Option<String>,
    },
    /// A military exercise held or planned.
    Exercise {
        /// Its name.
        exercise: Option<String>,
        /// Participating countries.
        countries: Vec<String>,
        /// When.
        date: Option<String>,
        /// Where.
        location: Option<String>,
    },
    /// Someone appointed, re-appointed, named or nominated to a role.
    Appointment {
        /// Who.
        person: Option<String>,
        /// To what.
        role: Option<String>,
        /// In which country's service.
        country: Option<String>,
        /// When.
        date: Option<String>,
    },
    /// An agreement, MoU, pact or treaty.
    Agreement {
        /// The parties' countries.
        countries: Vec<String>,
        /// People who agreed or signed.
        participants: Vec<String>,
        /// What it is about or called.
        subject: Option<String>,
        /// When.
        date: Option<String>,
    },
    /// Troops deployed or stationed.
    Deployment {
        /// Countries of the troops.
        countries: Vec<String>,
        /// The mission or force they serve in.
        organization: Option<String>,
        /// Where.
        location: Option<String>,
    },
}

impl FactDetails {
    /// The kind's name as in the output.
    pub fn kind_name(&self) -> &'static str {
        match self {
            FactDetails::Meeting { .. } => "meeting",
            FactDetails::Visit { .. } => "visit",
            FactDetails::Exercise { .. } => "exercise",
            FactDetails::Appointment { .. } => "appointment",
            FactDetails::Agreement { .. } => "agreement",
            FactDetails::Deployment { .. } => "deployment",
        }
    }
}

/// One event or relation, with the evidence for it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Fact {
    /// The kind and its role fields.
    #[serde(flatten)]
    pub details: FactDetails,
    /// Happened, planned, cancelled or negated.
    pub status: Status,
    /// One line for people: "meeting between Rajnath Singh (India) and ... on 2021-04-09".
    pub summary: String,
    /// The span covering the sentences it came from.
    pub evidence: Span,
    /// Every sentence it came from, when merged from several.
    pub evidence_spans: Vec<Span>,
    /// How sure newsfacts is, 0..1.
    pub confidence: f32,
    /// The rule that produced it (the first, when merged).
    pub rule: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Shared (`Arc<str>`) and borrowed (`Cow`) strings write the JSON plain strings did,
    /// and read back to equal values.
    #[test]
    fn sources_serialise_as_plain_strings_and_read_back() {
        let sources = [
            Source::Gazetteer {
                file: "gazetteers/countries.tsv".into(),
                line: 7,
                alias: "Kazakh \"Republic\"".into(),
            },
            Source::Pattern {
                rule: "title_name".into(),
            },
            Source::Date {
                rule: String::from("range_dates").into(),
            },
            Source::Coreference {
                rule: "pronoun".into(),
                antecedent: Span::new(3, 9),
            },
        ];
        let json = serde_json::to_string(&sources).unwrap();
        assert_eq!(
            json,
            concat!(
                r#"[{"type":"gazetteer","file":"gazetteers/countries.tsv","line":7,"#,
                r#""alias":"Kazakh \"Republic\""},"#,
                r#"{"type":"pattern","rule":"title_name"},"#,
                r#"{"type":"date","rule":"range_dates"},"#,
                r#"{"type":"coreference","rule":"pronoun","antecedent":{"start":3,"end":9}}]"#
            )
        );
        let back: Vec<Source> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, sources);
        let reference = GazetteerRef {
            file: "a.tsv".into(),
            line: 2,
        };
        let json = serde_json::to_string(&reference).unwrap();
        assert_eq!(json, r#"{"file":"a.tsv","line":2}"#);
        assert_eq!(
            serde_json::from_str::<GazetteerRef>(&json).unwrap(),
            reference
        );
    }
}
