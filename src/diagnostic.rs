//! What a rule reports: a span in the file, a message, and optionally a fix.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::text::lines::{LineIndex, Position, Span};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn parse(text: &str) -> Option<Severity> {
        match text {
            "error" => Some(Severity::Error),
            "warning" => Some(Severity::Warning),
            "info" => Some(Severity::Info),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// Changes meaning in some cases; applied only with `--unsafe-fixes`.
    Unsafe,
    /// Keeps the post's meaning; applied by `--fix`.
    Safe,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub span: Span,
    pub content: String,
}

impl Edit {
    pub fn replace(span: Span, content: impl Into<String>) -> Edit {
        Edit { span, content: content.into() }
    }

    pub fn delete(span: Span) -> Edit {
        Edit { span, content: String::new() }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub applicability: Applicability,
    pub edits: Vec<Edit>,
}

impl Fix {
    pub fn safe(edits: Vec<Edit>) -> Fix {
        Fix { applicability: Applicability::Safe, edits }
    }

    pub fn unsafe_edits(edits: Vec<Edit>) -> Fix {
        Fix { applicability: Applicability::Unsafe, edits }
    }
}

/// A secondary place that explains a diagnostic ("first given here").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub message: String,
}

/// Another file that explains a diagnostic (the other post with the same title).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Related {
    /// The file's path as output shows paths (relative to the working directory).
    pub path: String,
    pub message: String,
}

/// A diagnostic as a rule reports it, in byte spans of the file being linted.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub code: &'static str,
    pub span: Span,
    pub message: String,
    pub severity: Option<Severity>,
    pub help: Option<String>,
    pub labels: Vec<Label>,
    /// Places in other files (cross-file findings: duplicate titles, URLs).
    pub related: Vec<Related>,
    pub fix: Option<Fix>,
}

impl Diagnostic {
    /// A rule's diagnostic; the rule's `Reporter` gives it the rule's code.
    pub fn new(span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic::engine("", span, message)
    }

    /// A diagnostic the engine reports itself (PL001–PL003), under an explicit code.
    pub fn engine(code: &'static str, span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            code,
            span,
            message: message.into(),
            severity: None,
            help: None,
            labels: Vec::new(),
            related: Vec::new(),
            fix: None,
        }
    }

    pub fn related(mut self, path: impl Into<String>, message: impl Into<String>) -> Self {
        self.related.push(Related { path: path.into(), message: message.into() });
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn label(mut self, span: Span, message: impl Into<String>) -> Self {
        self.labels.push(Label { span, message: message.into() });
        self
    }

    pub fn fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }

    /// Overrides the rule's default severity (a rule whose severity depends on the case).
    pub fn severity(mut self, severity: Severity) -> Self {
        self.severity = Some(severity);
        self
    }
}

/// A place in a file, in the coordinates people and tools read.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Location {
    pub start: Position,
    pub end: Position,
}

impl Location {
    pub fn resolve(index: &LineIndex, text: &str, span: &Span) -> Location {
        Location { start: index.position(text, span.start), end: index.position(text, span.end.max(span.start)) }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResolvedEdit {
    pub location: Location,
    pub span: Span,
    pub content: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResolvedFix {
    pub applicability: Applicability,
    pub edits: Vec<ResolvedEdit>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResolvedLabel {
    pub location: Location,
    /// Byte span in the file, for drawing the label under its text.
    pub span: Span,
    pub message: String,
}

/// A diagnostic ready for output: positions computed, rule metadata attached. It no
/// longer needs the file's text, so the text can be dropped once a file is linted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    pub path: String,
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    pub message: String,
    pub location: Location,
    pub span: Span,
    pub help: Option<String>,
    pub labels: Vec<ResolvedLabel>,
    pub related: Vec<Related>,
    pub fix: Option<ResolvedFix>,
}

impl Report {
    pub fn sort_key(&self) -> (&str, Position, &'static str, Position) {
        (&self.path, self.location.start, self.code, self.location.end)
    }
}
