//! `postlint server`: a language server over stdio. Diagnostics on open, change and save
//! (UTF-16 positions, converted from byte spans), a link to each rule's doc, related
//! information for multi-place diagnostics, and code actions for fixes.

use std::collections::HashMap;
use std::error::Error;
use std::path::{Path, PathBuf};

use lsp_server::{Connection, Message, Notification, Request, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument, DidOpenTextDocument, DidSaveTextDocument,
    Notification as _, PublishDiagnostics,
};
use lsp_types::request::{CodeActionRequest, Request as _};
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, CodeActionProviderCapability, CodeDescription,
    Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, Position,
    PublishDiagnosticsParams, Range, ServerCapabilities, TextDocumentSyncCapability, TextDocumentSyncKind,
    TextDocumentSyncOptions, TextDocumentSyncSaveOptions, TextEdit, Uri, WorkspaceEdit,
};

use crate::config::{self, Overrides};
use crate::diagnostic::{Applicability, Report, Severity};
use crate::engine::{self, LintContext};
use crate::output::sarif::rulebook_url;
use crate::project::Sites;
use crate::text::dates::Date;
use crate::text::lines::LineIndex;

struct Document {
    text: String,
    version: i32,
}

struct Server {
    documents: HashMap<String, Document>,
    sites: Sites,
}

pub fn run() -> Result<(), Box<dyn Error + Send + Sync>> {
    let (connection, io_threads) = Connection::stdio();
    let capabilities = ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Options(TextDocumentSyncOptions {
            open_close: Some(true),
            change: Some(TextDocumentSyncKind::FULL),
            save: Some(TextDocumentSyncSaveOptions::Supported(true)),
            ..TextDocumentSyncOptions::default()
        })),
        code_action_provider: Some(CodeActionProviderCapability::Simple(true)),
        ..ServerCapabilities::default()
    };
    connection.initialize(serde_json::to_value(capabilities)?)?;
    let mut server = Server { documents: HashMap::new(), sites: Sites::new(None) };
    for message in &connection.receiver {
        match message {
            Message::Request(request) => {
                if connection.handle_shutdown(&request)? {
                    break;
                }
                server.request(&connection, request)?;
            }
            Message::Notification(notification) => server.notification(&connection, notification)?,
            Message::Response(_) => {}
        }
    }
    drop(connection);
    io_threads.join()?;
    Ok(())
}

/// `file:///a/b%20c.md` → `/a/b c.md`.
pub fn uri_to_path(uri: &str) -> Option<PathBuf> {
    let rest = uri.strip_prefix("file://")?;
    let decoded = crate::text::urls::percent_decode(rest);
    // `file:///C:/x` on Windows.
    let trimmed = if decoded.len() > 2 && decoded.as_bytes()[2] == b':' { &decoded[1..] } else { &decoded };
    Some(PathBuf::from(trimmed))
}

impl Server {
    fn request(&mut self, connection: &Connection, request: Request) -> Result<(), Box<dyn Error + Send + Sync>> {
        if request.method == CodeActionRequest::METHOD {
            let params: CodeActionParams = serde_json::from_value(request.params)?;
            let actions = code_actions(&params);
            connection.sender.send(Message::Response(Response::new_ok(request.id, actions)))?;
        } else {
            let response = Response::new_err(
                request.id,
                lsp_server::ErrorCode::MethodNotFound as i32,
                format!("unsupported request {}", request.method),
            );
            connection.sender.send(Message::Response(response))?;
        }
        Ok(())
    }

    fn notification(
        &mut self,
        connection: &Connection,
        notification: Notification,
    ) -> Result<(), Box<dyn Error + Send + Sync>> {
        match notification.method.as_str() {
            DidOpenTextDocument::METHOD => {
                let params: lsp_types::DidOpenTextDocumentParams = serde_json::from_value(notification.params)?;
                let uri = params.text_document.uri;
                self.documents.insert(
                    uri.as_str().to_string(),
                    Document { text: params.text_document.text, version: params.text_document.version },
                );
                self.publish(connection, &uri)?;
            }
            DidChangeTextDocument::METHOD => {
                let params: lsp_types::DidChangeTextDocumentParams = serde_json::from_value(notification.params)?;
                let uri = params.text_document.uri;
                if let Some(change) = params.content_changes.into_iter().last() {
                    self.documents.insert(
                        uri.as_str().to_string(),
                        Document { text: change.text, version: params.text_document.version },
                    );
                }
                self.publish(connection, &uri)?;
            }
            DidSaveTextDocument::METHOD => {
                let params: lsp_types::DidSaveTextDocumentParams = serde_json::from_value(notification.params)?;
                // A saved post can change the site index; a saved config changes everything.
                self.sites = Sites::new(None);
                if is_config(params.text_document.uri.as_str()) {
                    self.publish_all(connection)?;
                } else {
                    self.publish(connection, &params.text_document.uri)?;
                }
            }
            DidChangeWatchedFiles::METHOD => {
                self.sites = Sites::new(None);
                self.publish_all(connection)?;
            }
            DidCloseTextDocument::METHOD => {
                let params: lsp_types::DidCloseTextDocumentParams = serde_json::from_value(notification.params)?;
                self.documents.remove(params.text_document.uri.as_str());
                let clear =
                    PublishDiagnosticsParams { uri: params.text_document.uri, diagnostics: Vec::new(), version: None };
                connection
                    .sender
                    .send(Message::Notification(Notification::new(PublishDiagnostics::METHOD.to_string(), clear)))?;
            }
            _ => {}
        }
        Ok(())
    }

    fn publish_all(&self, connection: &Connection) -> Result<(), Box<dyn Error + Send + Sync>> {
        let uris: Vec<String> = self.documents.keys().cloned().collect();
        for uri in uris {
            if let Ok(uri) = uri.parse::<Uri>() {
                self.publish(connection, &uri)?;
            }
        }
        Ok(())
    }

    fn publish(&self, connection: &Connection, uri: &Uri) -> Result<(), Box<dyn Error + Send + Sync>> {
        let Some(document) = self.documents.get(uri.as_str()) else { return Ok(()) };
        let diagnostics = match uri_to_path(uri.as_str()) {
            Some(path) => self.lint(uri, &path, &document.text),
            None => Vec::new(),
        };
        let params = PublishDiagnosticsParams { uri: uri.clone(), diagnostics, version: Some(document.version) };
        connection
            .sender
            .send(Message::Notification(Notification::new(PublishDiagnostics::METHOD.to_string(), params)))?;
        Ok(())
    }

    fn lint(&self, uri: &Uri, path: &Path, text: &str) -> Vec<Diagnostic> {
        let settings = match config::load(path, &Overrides::default()) {
            Ok(settings) => settings,
            Err(error) => {
                return vec![Diagnostic {
                    range: Range::default(),
                    severity: Some(DiagnosticSeverity::ERROR),
                    source: Some("postlint".into()),
                    message: format!("postlint configuration: {error}"),
                    ..Diagnostic::default()
                }];
            }
        };
        let site = self.sites.for_file(path);
        let today = std::env::var("POSTLINT_NOW")
            .ok()
            .and_then(|t| crate::text::dates::parse_datetime(&t).ok())
            .map_or_else(Date::today_utc, |d| d.date);
        let context = LintContext { settings: &settings, site: &site, today };
        let display = path.to_string_lossy();
        let reports = engine::lint_source(&display, path, text, &context);
        let converter = Utf16::new(text);
        reports.iter().map(|report| to_lsp(uri, report, &converter)).collect()
    }
}

fn is_config(uri: &str) -> bool {
    config::CONFIG_NAMES.iter().any(|name| uri.ends_with(&format!("/{name}")))
}

/// Byte offsets to LSP positions (UTF-16 code units).
struct Utf16<'a> {
    text: &'a str,
    lines: LineIndex,
}

impl<'a> Utf16<'a> {
    fn new(text: &'a str) -> Self {
        Utf16 { text, lines: LineIndex::new(text) }
    }

    fn position(&self, offset: usize) -> Position {
        let offset = crate::text::lines::floor_char_boundary(self.text, offset);
        let line = self.lines.line_of(offset);
        let start = self.lines.line_start(line);
        Position { line: line as u32, character: self.text[start..offset].encode_utf16().count() as u32 }
    }

    fn range(&self, span: &std::ops::Range<usize>) -> Range {
        Range { start: self.position(span.start), end: self.position(span.end) }
    }

    /// A range from a 1-based line and character column (labels carry positions, not spans).
    fn location_range(&self, location: &crate::diagnostic::Location) -> Range {
        let start = self.lines.offset(self.text, location.start.line, location.start.column);
        let end = self.lines.offset(self.text, location.end.line, location.end.column);
        self.range(&(start..end.max(start)))
    }
}

fn to_lsp(uri: &Uri, report: &Report, converter: &Utf16<'_>) -> Diagnostic {
    let severity = match report.severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    };
    let href = format!("{}{}.md", rulebook_url(), report.code).parse::<Uri>().ok();
    let related: Vec<DiagnosticRelatedInformation> = report
        .labels
        .iter()
        .map(|label| DiagnosticRelatedInformation {
            location: Location { uri: uri.clone(), range: converter.location_range(&label.location) },
            message: label.message.clone(),
        })
        .collect();
    let data = report.fix.as_ref().map(|fix| {
        let edits: Vec<TextEdit> = fix
            .edits
            .iter()
            .map(|edit| TextEdit { range: converter.range(&edit.span), new_text: edit.content.clone() })
            .collect();
        serde_json::json!({"unsafe": fix.applicability == Applicability::Unsafe, "help": report.help, "edits": edits})
    });
    let message = match &report.help {
        Some(help) => format!("{}\nhelp: {help}", report.message),
        None => report.message.clone(),
    };
    Diagnostic {
        range: converter.range(&report.span),
        severity: Some(severity),
        code: Some(NumberOrString::String(report.code.to_string())),
        code_description: href.map(|href| CodeDescription { href }),
        source: Some("postlint".to_string()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data,
    }
}

/// Quick fixes from the fix each diagnostic carries in its `data`.
// lsp-types' `WorkspaceEdit::changes` is keyed by `Uri`, whose hash ignores its cache.
#[allow(clippy::mutable_key_type)]
fn code_actions(params: &CodeActionParams) -> Vec<CodeActionOrCommand> {
    let uri = &params.text_document.uri;
    params
        .context
        .diagnostics
        .iter()
        .filter(|d| d.source.as_deref() == Some("postlint"))
        .filter_map(|diagnostic| {
            let data = diagnostic.data.as_ref()?;
            let edits: Vec<TextEdit> = serde_json::from_value(data.get("edits")?.clone()).ok()?;
            let code = match &diagnostic.code {
                Some(NumberOrString::String(code)) => code.clone(),
                _ => String::new(),
            };
            let is_unsafe = data.get("unsafe").and_then(serde_json::Value::as_bool).unwrap_or(false);
            let help = data.get("help").and_then(serde_json::Value::as_str).unwrap_or("apply the fix");
            let title = format!("{code}: {help}{}", if is_unsafe { " (unsafe fix)" } else { "" });
            let changes = HashMap::from([(uri.clone(), edits)]);
            Some(CodeActionOrCommand::CodeAction(CodeAction {
                title,
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![diagnostic.clone()]),
                edit: Some(WorkspaceEdit { changes: Some(changes), ..WorkspaceEdit::default() }),
                is_preferred: Some(!is_unsafe),
                ..CodeAction::default()
            }))
        })
        .collect()
}
