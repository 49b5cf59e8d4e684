//! `postlint server`: a language server over stdio. Diagnostics on open, change and save
//! (UTF-16 positions, converted from byte spans), a link to each rule's doc, related
//! information for multi-place diagnostics, and code actions for fixes.
//!
//! The server survives any input: messages are framed by our own reader (lsp-server's
//! allocates whatever `Content-Length` says and ends the connection on the first bad
//! body), bodies over `MAX_MESSAGE` are skipped without being held, a bad header block
//! is skipped up to the next message's `Content-Length`, a request whose body or params
//! do not parse gets a JSON-RPC error, a request before `initialized` gets
//! `ServerNotInitialized`, and a bad notification is logged to stderr and ignored.
//!
//! Its boundary is the workspace, never its working directory: the folders the client
//! names (`workspaceFolders`, `rootUri`) are the sites of posts that have no site of
//! their own, and each site's files are read inside its `bounded::content_boundary`.

use std::collections::HashMap;
use std::error::Error;
use std::io::{self, BufRead, Read};
use std::path::{Path, PathBuf};

use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument, DidOpenTextDocument, DidSaveTextDocument,
    Notification as _, PublishDiagnostics,
};
use lsp_types::request::{CodeActionRequest, Request as _};
use lsp_types::{
    CodeActionKind, CodeActionOrCommand, CodeActionParams, CodeActionProviderCapability, CodeDescription, Diagnostic,
    DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, Position, PublishDiagnosticsParams,
    Range, ServerCapabilities, TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    TextDocumentSyncSaveOptions, TextEdit, Uri,
};

use crate::config::{self, Overrides};
use crate::diagnostic::{Applicability, Report, Severity};
use crate::engine::{self, LintContext};
use crate::output::sarif::rulebook_url;
use crate::site::Sites;
use crate::text::dates::Date;
use crate::text::lines::LineIndex;

pub mod actions;

use actions::FIX_ALL_KIND;

struct Document {
    text: String,
    version: i32,
}

struct Server {
    documents: HashMap<String, Document>,
    sites: Sites,
    /// The client's workspace folders (`workspaceFolders`, else `rootUri`/`rootPath`).
    workspace: Vec<PathBuf>,
    /// Whether the client tells the server of files changed on disk (it accepted the
    /// watchers' registration). Without it (Neovim on Linux, older clients), the site's
    /// folders are checked again through the index cache on every open and save.
    watching: bool,
}

/// The largest message body read; a bigger one is skipped (and logged), not allocated.
pub const MAX_MESSAGE: u64 = 64 << 20;

/// The longest header line; a longer one is skipped with its message (see `read_frame`).
const MAX_HEADER_LINE: u64 = 8 << 10;

pub fn run() -> Result<(), Box<dyn Error + Send + Sync>> {
    let (connection, writer) = stdio();
    let capabilities = ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Options(TextDocumentSyncOptions {
            open_close: Some(true),
            change: Some(TextDocumentSyncKind::FULL),
            save: Some(TextDocumentSyncSaveOptions::Supported(true)),
            ..TextDocumentSyncOptions::default()
        })),
        code_action_provider: Some(CodeActionProviderCapability::Options(lsp_types::CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX, CodeActionKind::new(FIX_ALL_KIND)]),
            ..lsp_types::CodeActionOptions::default()
        })),
        hover_provider: Some(lsp_types::HoverProviderCapability::Simple(true)),
        ..ServerCapabilities::default()
    };
    let result = serde_json::json!({
        "capabilities": capabilities,
        "serverInfo": {"name": "postlint", "version": env!("CARGO_PKG_VERSION")},
    });
    let Some((params, early)) = initialize(&connection, result)? else {
        drop(connection);
        writer.join().map_err(|_| "the writer thread panicked")??;
        return Ok(());
    };
    // Registering a capability the client cannot register dynamically only earns a warning
    // in its log each session (Neovim 0.7): ask only a client that says it can.
    let watching = can_watch_files(&params);
    if watching {
        register_file_watchers(&connection)?;
    }
    let workspace = workspace_folders(&params);
    let mut server = Server { documents: HashMap::new(), sites: new_sites(&workspace), workspace, watching };
    for notification in early {
        let method = notification.method.clone();
        if let Err(error) = server.notification(&connection, notification) {
            eprintln!("postlint server: ignoring `{method}` notification: {error}");
        }
    }
    // After `shutdown` the server answers requests with an error and waits for `exit`
    // (LSP 3.17, "Shutdown Request"); the reader ends the connection on `exit`.
    let mut shut_down = false;
    for message in &connection.receiver {
        match message {
            Message::Request(request) if shut_down => {
                let error = format!("`{}` after shutdown: the server only waits for `exit`", request.method);
                let response = Response::new_err(request.id, ErrorCode::InvalidRequest as i32, error);
                connection.sender.send(Message::Response(response))?;
            }
            Message::Request(request) if request.method == "shutdown" => {
                shut_down = true;
                connection.sender.send(Message::Response(Response::new_ok(request.id, ())))?;
            }
            Message::Notification(notification) if notification.method == "exit" => break,
            Message::Notification(_) if shut_down => {}
            Message::Request(request) => {
                let (id, method) = (request.id.clone(), request.method.clone());
                let response = server.request(request).unwrap_or_else(|error| {
                    eprintln!("postlint server: invalid `{method}` request: {error}");
                    Response::new_err(
                        id,
                        ErrorCode::InvalidParams as i32,
                        format!("invalid `{method}` params: {error}"),
                    )
                });
                connection.sender.send(Message::Response(response))?;
            }
            Message::Notification(notification) => {
                let method = notification.method.clone();
                if let Err(error) = server.notification(&connection, notification) {
                    eprintln!("postlint server: ignoring `{method}` notification: {error}");
                }
            }
            Message::Response(_) => {}
        }
    }
    drop(connection);
    writer.join().map_err(|_| "the writer thread panicked")??;
    Ok(())
}

/// What the handshake leaves: the `initialize` params, and the notifications that came
/// between `initialize` and `initialized`.
type Initialized = (serde_json::Value, Vec<Notification>);

/// The handshake: waits for `initialize` (answering any other request with
/// `ServerNotInitialized`), answers it with `result`, then waits for `initialized`,
/// answering requests meanwhile with `ServerNotInitialized` and keeping notifications
/// for after it. Returns the `initialize` params and those notifications; `None` when
/// the client ends the session first (`exit`, or the stream closes).
fn initialize(
    connection: &Connection,
    result: serde_json::Value,
) -> Result<Option<Initialized>, Box<dyn Error + Send + Sync>> {
    let not_initialized = |request: &Request, when: &str| {
        let message = format!("`{}` {when}", request.method);
        Message::Response(Response::new_err(request.id.clone(), ErrorCode::ServerNotInitialized as i32, message))
    };
    let mut params = None;
    let mut early = Vec::new();
    for message in &connection.receiver {
        match message {
            Message::Request(request) if params.is_none() && request.method == "initialize" => {
                connection.sender.send(Message::Response(Response::new_ok(request.id.clone(), &result)))?;
                params = Some(request.params);
            }
            Message::Request(request) => {
                let when = if params.is_none() { "before `initialize`" } else { "before `initialized`" };
                connection.sender.send(not_initialized(&request, when))?;
            }
            Message::Notification(notification) if notification.method == "exit" => return Ok(None),
            Message::Notification(notification) if notification.method == "initialized" && params.is_some() => {
                return Ok(params.map(|params| (params, early)));
            }
            // Before `initialize` a notification is dropped, as the protocol says.
            Message::Notification(notification) if params.is_some() => early.push(notification),
            Message::Notification(_) | Message::Response(_) => {}
        }
    }
    Ok(None)
}

/// The workspace folders of `initialize` params: `workspaceFolders`, else `rootUri`,
/// else the deprecated `rootPath`.
fn workspace_folders(params: &serde_json::Value) -> Vec<PathBuf> {
    let folders: Vec<PathBuf> = params
        .get("workspaceFolders")
        .and_then(serde_json::Value::as_array)
        .map(|folders| {
            folders.iter().filter_map(|folder| folder.get("uri")?.as_str()).filter_map(uri_to_path).collect()
        })
        .unwrap_or_default();
    if !folders.is_empty() {
        return folders;
    }
    let root_uri = params.get("rootUri").and_then(serde_json::Value::as_str).and_then(uri_to_path);
    let root_path = || params.get("rootPath").and_then(serde_json::Value::as_str).map(PathBuf::from);
    root_uri.or_else(root_path).filter(|path| path.is_absolute()).into_iter().collect()
}

/// The sites of a session: a post with no site of its own (no generator's config, no
/// repository) belongs to the workspace folder that holds it; the site index is read
/// through `.postlint_cache/` like the command line's (unless `POSTLINT_NO_CACHE` is
/// set), then kept up to date in memory.
fn new_sites(workspace: &[PathBuf]) -> Sites {
    let cache = std::env::var_os("POSTLINT_NO_CACHE").is_none();
    Sites::for_run(None, Default::default(), workspace, None, cache)
}

/// Whether the client can register `workspace/didChangeWatchedFiles` dynamically.
fn can_watch_files(params: &serde_json::Value) -> bool {
    params
        .pointer("/capabilities/workspace/didChangeWatchedFiles/dynamicRegistration")
        .and_then(serde_json::Value::as_bool)
        .unwrap_or(false)
}

/// Asks the client to tell the server when posts, images or configs change on disk (a
/// renamed post breaks other posts' links before anyone saves them in the editor).
fn register_file_watchers(connection: &Connection) -> Result<(), Box<dyn Error + Send + Sync>> {
    let watchers: Vec<serde_json::Value> = [
        "**/*.{md,markdown,mdx,html}",
        "**/*.{png,jpg,jpeg,gif,webp,avif,svg}",
        "**/{postlint.toml,.postlint.toml,_config.yml,hugo.toml,config.toml}",
    ]
    .iter()
    .map(|glob| serde_json::json!({"globPattern": glob}))
    .collect();
    let params = serde_json::json!({"registrations": [{
        "id": "postlint-watched-files",
        "method": "workspace/didChangeWatchedFiles",
        "registerOptions": {"watchers": watchers},
    }]});
    let request = Request::new(
        RequestId::from("postlint-register-watchers".to_string()),
        "client/registerCapability".into(),
        params,
    );
    connection.sender.send(Message::Request(request))?;
    Ok(())
}

/// A connection over stdin/stdout with our own framing (see the module doc). The reader
/// thread is not joined: it may be blocked on stdin when the server ends.
fn stdio() -> (Connection, std::thread::JoinHandle<io::Result<()>>) {
    let (server, client) = Connection::memory();
    let replies = server.sender.clone();
    let incoming = client.sender;
    std::thread::Builder::new()
        .name("postlint-lsp-reader".into())
        .spawn(move || {
            let deliver = |message| incoming.send(message).is_ok();
            let reply = |message| {
                let _ = replies.send(message);
            };
            read_messages(&mut io::stdin().lock(), deliver, reply)
        })
        .expect("spawn the reader thread");
    let outgoing = client.receiver;
    let writer = std::thread::Builder::new()
        .name("postlint-lsp-writer".into())
        .spawn(move || {
            let mut stdout = io::stdout().lock();
            outgoing.into_iter().try_for_each(|message| message.write(&mut stdout))
        })
        .expect("spawn the writer thread");
    (server, writer)
}

/// One framed message, or why there is none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Frame {
    Body(Vec<u8>),
    /// A body over `MAX_MESSAGE`, already skipped.
    TooLarge(u64),
    /// The stream ended: stop reading.
    End(Option<String>),
}

/// Reads messages until the stream ends or `exit` arrives, handing good ones to the
/// server (`deliver` is false once it is gone) and answering unparseable requests with
/// an error through `reply`. A bad header block is skipped (and logged) and reading goes
/// on with the next message.
pub fn read_messages(input: &mut impl BufRead, deliver: impl Fn(Message) -> bool, reply: impl Fn(Message)) {
    let mut skipped = |reason: String| eprintln!("postlint server: skipped a message with {reason}");
    loop {
        let body = match read_frame(input, &mut skipped) {
            Frame::Body(body) => body,
            Frame::TooLarge(size) => {
                eprintln!("postlint server: skipped a {size}-byte message (the limit is {MAX_MESSAGE} bytes)");
                continue;
            }
            Frame::End(error) => {
                if let Some(error) = error {
                    eprintln!("postlint server: closing the connection: {error}");
                }
                return;
            }
        };
        match serde_json::from_slice::<Message>(&body) {
            Ok(message) => {
                let exit = matches!(&message, Message::Notification(n) if n.method == "exit");
                if !deliver(message) || exit {
                    return;
                }
            }
            Err(error) => {
                eprintln!("postlint server: ignoring a malformed message: {error}");
                if let Some(id) = request_id(&body) {
                    let message = format!("invalid request: {error}");
                    reply(Message::Response(Response::new_err(id, ErrorCode::InvalidRequest as i32, message)));
                }
            }
        }
    }
}

/// The `id` of a body that is a JSON object with one, so a bad request can be answered.
fn request_id(body: &[u8]) -> Option<RequestId> {
    let value: serde_json::Value = serde_json::from_slice(body).ok()?;
    match value.get("id")? {
        serde_json::Value::Number(n) => Some(RequestId::from(i32::try_from(n.as_i64()?).ok()?)),
        serde_json::Value::String(s) => Some(RequestId::from(s.clone())),
        _ => None,
    }
}

/// The header that frames every message, as the resynchronisation looks for it.
const CONTENT_LENGTH: &[u8] = b"content-length:";

/// Reads one `Content-Length`-framed body, never holding more than `MAX_MESSAGE` bytes
/// of a body or `MAX_HEADER_LINE` of a header line.
///
/// A header block that cannot be read — a `Content-Length` that is not a number (`abc`,
/// `-1`), a line over `MAX_HEADER_LINE`, a line without `:`, a block with no
/// `Content-Length` at all — loses its message, but not the connection: `skipped` is told
/// why, the input is skipped up to the next `Content-Length:` (any case), and that message
/// is read. A `Content-Length` shorter than its body loses that body: the rest runs into
/// the next header line (`}Content-Length: 74`), whose `Content-Length` is still read.
pub fn read_frame(input: &mut impl BufRead, skipped: &mut dyn FnMut(String)) -> Frame {
    let mut length: Option<u64> = None;
    // After a resynchronisation the header name is read already: the next line is its value.
    let mut resumed = false;
    // Whether a header line of this block was read (blank lines between messages are fine).
    let mut in_block = false;
    loop {
        let mut line = Vec::new();
        let problem = match input.by_ref().take(MAX_HEADER_LINE).read_until(b'\n', &mut line) {
            Ok(0) if length.is_none() && !resumed => return Frame::End(None),
            Ok(_) if line.ends_with(b"\n") => header_problem(&line, resumed, &mut length),
            Ok(read) if read as u64 >= MAX_HEADER_LINE => Some(format!("a header line over {MAX_HEADER_LINE} bytes")),
            Ok(_) => return Frame::End(Some("the stream ended inside a header".into())),
            Err(error) => return Frame::End(Some(error.to_string())),
        };
        let blank = !resumed && line.iter().all(|b| matches!(b, b'\r' | b'\n'));
        // A block of headers without a `Content-Length` has no length to read its body by.
        let problem = problem.or_else(|| {
            (blank && length.is_none() && in_block).then(|| "a header block without Content-Length".to_string())
        });
        in_block = !blank;
        resumed = false;
        if let Some(problem) = problem {
            skipped(problem);
            length = None;
            match skip_to_content_length(input) {
                Ok(true) => resumed = true,
                Ok(false) => return Frame::End(None),
                Err(error) => return Frame::End(Some(error.to_string())),
            }
        } else if blank && length.is_some() {
            break;
        }
    }
    let length = length.unwrap_or(0);
    if length > MAX_MESSAGE {
        return match io::copy(&mut input.by_ref().take(length), &mut io::sink()) {
            Ok(skipped) if skipped == length => Frame::TooLarge(length),
            Ok(_) => Frame::End(Some(format!("the stream ended inside a {length}-byte message"))),
            Err(error) => Frame::End(Some(error.to_string())),
        };
    }
    let mut body = Vec::with_capacity(length as usize);
    match input.by_ref().take(length).read_to_end(&mut body) {
        Ok(read) if read as u64 == length => Frame::Body(body),
        Ok(_) => Frame::End(Some("the stream ended inside a message".into())),
        Err(error) => Frame::End(Some(error.to_string())),
    }
}

/// What is wrong with one header line (ending in `\n`), if anything; a good
/// `Content-Length` is noted in `length`. `resumed`: the line is the value of a
/// `Content-Length:` found by resynchronising. Blank lines are fine (they end a block,
/// or come between messages).
fn header_problem(line: &[u8], resumed: bool, length: &mut Option<u64>) -> Option<String> {
    let text = String::from_utf8_lossy(line);
    let text = text.trim_end_matches(['\r', '\n']);
    let value = if resumed {
        text
    } else if text.is_empty() {
        return None;
    } else {
        let Some((name, value)) = text.split_once(':') else {
            return Some(format!("a malformed header {:?}", crate::text::escape::truncate_chars(text, 80)));
        };
        if !name.trim().eq_ignore_ascii_case("Content-Length") {
            // The rest of a message whose `Content-Length` was too short runs into the
            // next message's header (`}Content-Length: 74`): that header is read, and the
            // bytes before it are what is lost.
            let at = text.to_ascii_lowercase().find("content-length:")?;
            return header_problem(&text.as_bytes()[at + CONTENT_LENGTH.len()..], true, length);
        }
        value
    };
    match value.trim().parse::<u64>() {
        Ok(size) => {
            *length = Some(size);
            None
        }
        Err(_) => Some(format!(
            "a Content-Length that is not a number ({:?})",
            crate::text::escape::truncate_chars(value.trim(), 20)
        )),
    }
}

/// Consumes the input up to and including the next `Content-Length:` (any case), a byte
/// at a time through the reader's buffer, holding nothing; false when the input ends.
fn skip_to_content_length(input: &mut impl BufRead) -> io::Result<bool> {
    let mut matched = 0;
    loop {
        let buffer = match input.fill_buf() {
            Ok(buffer) => buffer,
            Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
            Err(error) => return Err(error),
        };
        if buffer.is_empty() {
            return Ok(false);
        }
        let mut used = 0;
        let mut found = false;
        for &byte in buffer {
            used += 1;
            let byte = byte.to_ascii_lowercase();
            // `c` occurs once in the name, so a failed match can only restart at a `c`.
            matched =
                if byte == CONTENT_LENGTH[matched] { matched + 1 } else { usize::from(byte == CONTENT_LENGTH[0]) };
            if matched == CONTENT_LENGTH.len() {
                found = true;
                break;
            }
        }
        input.consume(used);
        if found {
            return Ok(true);
        }
    }
}

#[cfg(test)]
mod framing_tests {
    use super::*;

    fn framed(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    /// Every frame of `input` until its end, and the reasons given for skipped blocks.
    fn frames(input: &[u8]) -> (Vec<Frame>, Vec<String>) {
        let mut reader = io::BufReader::with_capacity(16, input);
        let (mut found, mut reasons) = (Vec::new(), Vec::new());
        loop {
            match read_frame(&mut reader, &mut |reason| reasons.push(reason)) {
                Frame::End(None) => return (found, reasons),
                frame => found.push(frame),
            }
        }
    }

    #[test]
    fn a_bad_header_block_is_skipped_and_the_next_message_is_read() {
        let good = r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#;
        for bad in [
            "Content-Length: abc\r\n\r\n{}".to_string(),
            "Content-Length: -1\r\n\r\n{\"a\":1}".to_string(),
            format!("X-Long: {}\r\n\r\n{{}}", "x".repeat(9000)),
            "no colon here\r\n\r\n{}".to_string(),
            "content-length: 7\r\nbroken\r\n\r\n{\"x\":1}".to_string(),
            // Red-team B5: a block without Content-Length, followed by a body.
            "X-Foo: y\r\n\r\n{}".to_string(),
            "X-Foo: y\r\n\r\n".to_string(),
        ] {
            let input = format!("{bad}{}{}", framed(good), framed(good));
            let (found, reasons) = frames(input.as_bytes());
            let expected = vec![Frame::Body(good.as_bytes().to_vec()), Frame::Body(good.as_bytes().to_vec())];
            assert_eq!(found, expected, "after {:?}", crate::text::escape::truncate_chars(&bad, 40));
            assert_eq!(reasons.len(), 1, "{reasons:?}");
        }
    }

    /// Red-team B5: a `Content-Length` shorter than its body loses that message only —
    /// the rest of the body runs into the next header, which is still read.
    #[test]
    fn a_short_content_length_loses_that_message_only() {
        let good = r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#;
        let input = format!("Content-Length: 1\r\n\r\n{{}}{}{}", framed(good), framed(good));
        let (found, _) = frames(input.as_bytes());
        let good = Frame::Body(good.as_bytes().to_vec());
        assert_eq!(found, vec![Frame::Body(b"{".to_vec()), good.clone(), good]);
    }

    /// A body longer than its `Content-Length`, cut anywhere (in a string, after a
    /// newline, at a colon): whatever of it is left before the next header costs that
    /// message only, never the next one.
    #[test]
    fn a_body_longer_than_its_content_length_never_costs_the_next_message() {
        let good = r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#;
        let long = "{\r\n  \"jsonrpc\": \"2.0\",\n  \"method\": \"textDocument/didChange\",\r\n\r\n  \"params\": {\"text\": \"a: b\\nc\"}\n}\r\n";
        for cut in 0..long.len() {
            let input = format!("Content-Length: {cut}\r\n\r\n{long}{}", framed(good));
            let (found, _) = frames(input.as_bytes());
            assert_eq!(found.last(), Some(&Frame::Body(good.as_bytes().to_vec())), "cut at {cut}: {:?}", &long[cut..]);
        }
    }

    #[test]
    fn the_reasons_name_the_problem_and_the_stream_may_end_while_resynchronising() {
        let (found, reasons) = frames(b"Content-Length: abc\r\n\r\n{}");
        assert!(found.is_empty());
        assert!(reasons[0].contains("not a number"), "{reasons:?}");
        let (_, reasons) = frames(format!("{}\n", "y".repeat(9000)).as_bytes());
        assert!(reasons[0].contains("over 8192 bytes"), "{reasons:?}");
        // A header cut off by the end of the stream ends it, with a reason.
        let mut reader = io::BufReader::new(&b"Content-Length: 5"[..]);
        assert!(matches!(read_frame(&mut reader, &mut |_| {}), Frame::End(Some(_))));
    }

    #[test]
    fn fuzz_regressions_for_the_message_reader_end_without_a_panic() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions");
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            if !entry.file_name().to_string_lossy().starts_with("lsp-") {
                continue;
            }
            let bytes = std::fs::read(entry.path()).unwrap_or_default();
            read_messages(&mut io::BufReader::new(&bytes[..]), |_| true, |_| {});
        }
    }
}

/// `file:///a/b%20c.md` → `/a/b c.md` (and `file:///C:/x` on Windows), by the url crate.
pub fn uri_to_path(uri: &str) -> Option<PathBuf> {
    url::Url::parse(uri).ok().filter(|url| url.scheme() == "file")?.to_file_path().ok()
}

impl Server {
    /// The response to one request; an error when its params do not parse.
    fn request(&mut self, request: Request) -> Result<Response, serde_json::Error> {
        if request.method == CodeActionRequest::METHOD {
            let params: CodeActionParams = serde_json::from_value(request.params)?;
            let actions = self.code_actions(&params);
            Ok(Response::new_ok(request.id, actions))
        } else if request.method == lsp_types::request::HoverRequest::METHOD {
            let params: lsp_types::HoverParams = serde_json::from_value(request.params)?;
            let hover = self.hover(&params);
            Ok(Response::new_ok(request.id, hover))
        } else {
            Ok(Response::new_err(
                request.id,
                ErrorCode::MethodNotFound as i32,
                format!("unsupported request {}", request.method),
            ))
        }
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
                if !self.watching {
                    // A post renamed on disk since the last look is seen when another opens.
                    self.rescan();
                }
                self.publish_after_change(connection, &uri, false)?;
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
                self.publish_after_change(connection, &uri, false)?;
            }
            DidSaveTextDocument::METHOD => {
                let params: lsp_types::DidSaveTextDocumentParams = serde_json::from_value(notification.params)?;
                if is_config(params.text_document.uri.as_str()) {
                    // A saved config changes everything.
                    self.sites = new_sites(&self.workspace);
                    self.publish_all(connection)?;
                } else if !self.watching {
                    // No watcher told of renames or deletions: look again (the index cache
                    // revisits only the folders whose modification time changed).
                    self.rescan();
                    self.publish_all(connection)?;
                } else {
                    self.publish_after_change(connection, &params.text_document.uri, true)?;
                }
            }
            DidChangeWatchedFiles::METHOD => {
                let params: lsp_types::DidChangeWatchedFilesParams = serde_json::from_value(notification.params)?;
                if params.changes.iter().any(|change| is_config(change.uri.as_str())) {
                    self.sites = new_sites(&self.workspace);
                } else {
                    let paths: Vec<PathBuf> =
                        params.changes.iter().filter_map(|change| uri_to_path(change.uri.as_str())).collect();
                    self.sites.refresh(&paths, true, &|path| self.buffer_text(path));
                }
                self.publish_all(connection)?;
            }
            DidCloseTextDocument::METHOD => {
                let params: lsp_types::DidCloseTextDocumentParams = serde_json::from_value(notification.params)?;
                self.documents.remove(params.text_document.uri.as_str());
                // What the index knew from the unsaved buffer gives way to the file.
                if let Some(path) = uri_to_path(params.text_document.uri.as_str())
                    && self.sites.refresh(&[path], false, &|path| self.buffer_text(path))
                {
                    self.publish_all(connection)?;
                }
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

    /// Publishes a changed document's diagnostics, after updating the site index with
    /// what its buffer now says; when that changed what other posts see (a new title, a
    /// moved permalink), every open document's.
    fn publish_after_change(
        &self,
        connection: &Connection,
        uri: &Uri,
        on_disk: bool,
    ) -> Result<(), Box<dyn Error + Send + Sync>> {
        let affected = uri_to_path(uri.as_str())
            .is_some_and(|path| self.sites.refresh(&[path], on_disk, &|path| self.buffer_text(path)));
        if affected { self.publish_all(connection) } else { self.publish(connection, uri) }
    }

    /// The site index read again from disk through its cache (what changed on disk since
    /// is seen), with the open buffers' unsaved text laid over it again.
    fn rescan(&mut self) {
        self.sites = new_sites(&self.workspace);
        let open: Vec<PathBuf> = self.documents.keys().filter_map(|uri| uri_to_path(uri)).collect();
        self.sites.refresh(&open, false, &|path| self.buffer_text(path));
    }

    /// The unsaved text of the open document at `path`, if any.
    fn buffer_text(&self, path: &Path) -> Option<String> {
        let wanted = crate::site::absolute_path(path);
        self.documents.iter().find_map(|(uri, document)| {
            let open = uri_to_path(uri).map(|p| crate::site::absolute_path(&p))?;
            (open == wanted).then(|| document.text.clone())
        })
    }

    /// The rule docs of the diagnostics under the cursor.
    fn hover(&self, params: &lsp_types::HoverParams) -> Option<lsp_types::Hover> {
        let uri = &params.text_document_position_params.text_document.uri;
        let position = params.text_document_position_params.position;
        let document = self.documents.get(uri.as_str())?;
        let path = uri_to_path(uri.as_str())?;
        let diagnostics = self.lint(uri, &path, &document.text);
        let inside = |range: &Range| {
            (range.start.line, range.start.character) <= (position.line, position.character)
                && (position.line, position.character) <= (range.end.line, range.end.character)
        };
        let mut docs: Vec<String> = Vec::new();
        for diagnostic in diagnostics.iter().filter(|d| inside(&d.range)) {
            let Some(NumberOrString::String(code)) = &diagnostic.code else { continue };
            let Some(doc) = crate::rulebook::find(code) else { continue };
            let text = format!("**{} {}** ({})\n\n{}", doc.code, doc.name, doc.severity.as_str(), doc.body().trim());
            if !docs.contains(&text) {
                docs.push(text);
            }
        }
        (!docs.is_empty()).then(|| lsp_types::Hover {
            contents: lsp_types::HoverContents::Markup(lsp_types::MarkupContent {
                kind: lsp_types::MarkupKind::Markdown,
                value: docs.join("\n\n---\n\n"),
            }),
            range: None,
        })
    }

    /// The code actions for a request, computed from the document as it is now and
    /// naming its version (see `actions`).
    fn code_actions(&self, params: &CodeActionParams) -> Vec<CodeActionOrCommand> {
        let uri = &params.text_document.uri;
        let Some(document) = self.documents.get(uri.as_str()) else { return Vec::new() };
        let Some(path) = uri_to_path(uri.as_str()) else { return Vec::new() };
        let diagnostics = self.lint(uri, &path, &document.text);
        let snapshot =
            actions::Snapshot { uri, text: &document.text, version: document.version, diagnostics: &diagnostics };
        actions::for_request(&snapshot, &params.context.diagnostics, params.context.only.as_deref())
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
                // Point at the place in the config file, so the editor can jump there.
                let related = config_location(&error.origin)
                    .map(|location| vec![DiagnosticRelatedInformation { location, message: error.message.clone() }]);
                return vec![Diagnostic {
                    range: Range::default(),
                    severity: Some(DiagnosticSeverity::ERROR),
                    source: Some("postlint".into()),
                    message: format!("postlint configuration: {error}"),
                    related_information: related,
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

/// `path/postlint.toml:3:7` (a config error's origin) as an LSP location in that file.
fn config_location(origin: &str) -> Option<Location> {
    let mut parts = origin.rsplitn(3, ':');
    let column: u32 = parts.next()?.trim().parse().ok()?;
    let line: u32 = parts.next()?.trim().parse().ok()?;
    let path = crate::site::absolute_path(Path::new(parts.next()?));
    let uri = url::Url::from_file_path(&path).ok()?.as_str().parse::<Uri>().ok()?;
    let at = Position { line: line.saturating_sub(1), character: column.saturating_sub(1) };
    Some(Location { uri, range: Range { start: at, end: at } })
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

/// Whether a label is another rule's finding folded into the diagnostic (`CODE: message`).
fn is_folded_finding(message: &str) -> bool {
    let Some((code, _)) = message.split_once(": ") else { return false };
    let letters = code.trim_end_matches(|c: char| c.is_ascii_digit());
    let digits = code.len() - letters.len();
    digits == 3 && (2..=3).contains(&letters.len()) && letters.chars().all(|c| c.is_ascii_uppercase())
}

fn to_lsp(uri: &Uri, report: &Report, converter: &Utf16<'_>) -> Diagnostic {
    let severity = match report.severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    };
    let href = format!("{}{}.md", rulebook_url(), report.code).parse::<Uri>().ok();
    let mut related: Vec<DiagnosticRelatedInformation> = report
        .labels
        .iter()
        .map(|label| DiagnosticRelatedInformation {
            location: Location { uri: uri.clone(), range: converter.location_range(&label.location) },
            message: label.message.clone(),
        })
        .collect();
    // Other files (the post with the same title): their first line, by file URI.
    for other in &report.related {
        let absolute = crate::site::absolute_path(Path::new(&other.path));
        if let Some(other_uri) = url::Url::from_file_path(&absolute).ok().and_then(|u| u.as_str().parse::<Uri>().ok()) {
            related.push(DiagnosticRelatedInformation {
                location: Location { uri: other_uri, range: lsp_types::Range::default() },
                message: format!("{}: {}", other.path, other.message),
            });
        }
    }
    let data = report.fix.as_ref().map(|fix| {
        let edits: Vec<TextEdit> = fix
            .edits
            .iter()
            .map(|edit| TextEdit { range: converter.range(&edit.span), new_text: edit.content.clone() })
            .collect();
        serde_json::json!({"unsafe": fix.applicability == Applicability::Unsafe, "help": report.help, "edits": edits})
    });
    let mut message = match &report.help {
        Some(help) => format!("{}\nhelp: {help}", report.message),
        None => report.message.clone(),
    };
    // Findings folded into this one (LD007's: `LD009: unknown property …`) are labels, and
    // many clients never show related information: they go in the message too.
    for label in report.labels.iter().filter(|label| is_folded_finding(&label.message)) {
        message.push_str(&format!("\nline {}: {}", label.location.start.line, label.message));
    }
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

#[cfg(test)]
mod tests {
    #[test]
    fn folded_findings_are_told_from_ordinary_labels() {
        assert!(super::is_folded_finding("LD009: unknown property `autor`"));
        assert!(super::is_folded_finding("IMG002: `w` given twice"));
        assert!(!super::is_folded_finding("first one here"));
        assert!(!super::is_folded_finding("Note: see LD009"));
        assert!(!super::is_folded_finding("LD09: short"));
    }

    use super::*;

    #[test]
    fn file_uris_become_paths_and_other_schemes_do_not() {
        assert_eq!(uri_to_path("file:///blog/_posts/a%20b.md"), Some(PathBuf::from("/blog/_posts/a b.md")));
        assert_eq!(
            uri_to_path("file:///blog/%E6%97%A5%E6%9C%AC.md"),
            Some(PathBuf::from("/blog/日本.md")),
            "percent-encoded UTF-8"
        );
        assert_eq!(uri_to_path("untitled:Untitled-1"), None);
        assert_eq!(uri_to_path("https://example.org/a.md"), None);
    }
}
