//! The one error type of newsfacts.
//!
//! Building an [`Extractor`](crate::Extractor) can fail (a bad gazetteer line, an unreadable
//! file); extracting never does.

use std::fmt;
use std::path::PathBuf;

/// What went wrong, with enough context to fix it.
#[derive(Debug)]
pub struct Error {
    kind: ErrorKind,
}

/// The kinds of [`Error`].
#[derive(Debug)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A gazetteer line is malformed or contradicts another entry.
    Gazetteer {
        /// The file (or the name given to an in-memory gazetteer).
        file: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong with it.
        message: String,
    },
    /// A file could not be read.
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// An option given to the builder or the command line is not valid.
    InvalidOption(String),
}

impl Error {
    /// The kind of error.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    pub(crate) fn gazetteer(file: &str, line: usize, message: impl Into<String>) -> Error {
        Error {
            kind: ErrorKind::Gazetteer {
                file: file.to_string(),
                line,
                message: message.into(),
            },
        }
    }

    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error {
            kind: ErrorKind::Io {
                path: path.into(),
                source,
            },
        }
    }

    /// An invalid option, with a message saying which and why.
    pub fn invalid_option(message: impl Into<String>) -> Error {
        Error {
            kind: ErrorKind::InvalidOption(message.into()),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ErrorKind::Gazetteer {
                file,
                line,
                message,
            } => write!(f, "{file}:{line}: {message}"),
            ErrorKind::Io { path, source } => write!(f, "{}: {source}", path.display()),
            ErrorKind::InvalidOption(message) => write!(f, "invalid option: {message}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.kind {
            ErrorKind::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// `Result` with newsfacts' [`Error`].
pub type Result<T> = std::result::Result<T, Error>;
