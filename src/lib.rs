//! # newsfacts
//!
//! Structured facts from defence and diplomacy news: who met whom, who visited where,
//! which exercise was held between which countries, who was appointed to what, and when.
//! Offline, fast and explainable: gazetteers and patterns, no model download.
//!
//! ```
//! use newsfacts::{Extractor, Input, mention::date::Date};
//!
//! let extractor = Extractor::new(); // build once, share across threads
//! let text = "Defence Minister Rajnath Singh held talks with his Kazakh counterpart \
//!             Lieutenant General Nurlan Yermekbayev in New Delhi on April 9, 2021.";
//! let doc = extractor.extract(Input::new(text).document_date(Date::new(2021, 4, 9).unwrap()));
//! let people: Vec<&str> = doc
//!     .entities
//!     .iter()
//!     .filter(|e| e.kind == newsfacts::EntityKind::Person)
//!     .map(|e| e.name.as_str())
//!     .collect();
//! assert_eq!(people, ["Rajnath Singh", "Nurlan Yermekbayev"]);
//! ```
//!
//! The pipeline, one way: [`text`] (tokens, sentences, normalised keys) → [`mention`]
//! (gazetteer hits, dates, patterns) → [`resolve`] (overlaps, people, coreference) →
//! [`fact`] (meetings, visits, exercises, appointments, agreements, deployments) →
//! [`Document`]. Only [`Extractor`] knows every stage.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod document;
pub mod error;
pub mod extractor;
pub mod fact;
mod fxhash;
pub mod gazetteer;
pub mod html;
mod keytable;
pub mod mention;
pub mod resolve;
mod sorted;
mod span;
pub mod text;

pub use document::{Document, Entity, Fact, FactDetails, Mention, Source, Status};
pub use error::{Error, ErrorKind, Result};
pub use extractor::{Extractor, ExtractorBuilder, Input};
pub use gazetteer::EntityKind;
pub use span::Span;
