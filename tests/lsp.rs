//! Drives `postlint server` through its stdin/stdout with JSON-RPC, as an editor does.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};

use serde_json::{Value, json};

struct Client {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
    next_id: i64,
}

impl Client {
    fn start(dir: &std::path::Path) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_postlint"))
            .arg("server")
            .current_dir(dir)
            .env("POSTLINT_NOW", "2026-06-01")
            .env("XDG_CACHE_HOME", common::cache_home())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("the server starts");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = BufReader::new(child.stdout.take().expect("stdout"));
        Client { child, stdin, stdout, next_id: 1 }
    }

    fn send_raw(&mut self, bytes: &[u8]) {
        self.stdin.write_all(bytes).expect("write to the server");
        self.stdin.flush().expect("flush");
    }

    fn send(&mut self, message: Value) {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("write to the server");
        self.stdin.flush().expect("flush");
    }

    fn receive(&mut self) -> Value {
        let mut length = 0;
        loop {
            let mut line = String::new();
            self.stdout.read_line(&mut line).expect("read a header");
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(value) = line.strip_prefix("Content-Length: ") {
                length = value.parse().expect("a length");
            }
        }
        let mut body = vec![0; length];
        self.stdout.read_exact(&mut body).expect("read a body");
        serde_json::from_slice(&body).expect("JSON")
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        loop {
            let message = self.receive();
            if message["id"] == id {
                return message;
            }
        }
    }

    /// The response with this `id`, skipping anything else.
    fn receive_id(&mut self, id: i64) -> Value {
        loop {
            let message = self.receive();
            if message["id"] == id {
                return message;
            }
        }
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// The handshake; returns the `initialize` response.
    fn initialize(&mut self) -> Value {
        self.initialize_with(json!({}))
    }

    /// The handshake with the client's `capabilities`.
    fn initialize_with(&mut self, capabilities: Value) -> Value {
        let init =
            self.request("initialize", json!({"processId": null, "rootUri": null, "capabilities": capabilities}));
        self.notify("initialized", json!({}));
        init
    }

    fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
        );
    }

    /// `shutdown` then `exit`: the server answers without error and exits with success.
    fn shutdown(mut self) {
        let shutdown = self.request("shutdown", Value::Null);
        assert!(shutdown["error"].is_null(), "{shutdown}");
        self.notify("exit", Value::Null);
        assert!(self.child.wait().expect("the server exits").success());
    }

    /// The codes of the next diagnostics published for `uri`, skipping other documents'.
    fn codes_for(&mut self, uri: &str) -> Vec<String> {
        loop {
            let published = self.diagnostics();
            if published["uri"] == uri {
                let list = published["diagnostics"].as_array().cloned().unwrap_or_default();
                return list.iter().filter_map(|d| d["code"].as_str().map(str::to_string)).collect();
            }
        }
    }

    fn diagnostics(&mut self) -> Value {
        loop {
            let message = self.receive();
            if message["method"] == "textDocument/publishDiagnostics" {
                return message["params"].clone();
            }
        }
    }
}

/// The edits of a code action: one `TextDocumentEdit` naming the document's `version`.
fn edits_of(action: &Value, uri: &str, version: i64) -> Vec<Value> {
    assert!(action["edit"]["changes"].is_null(), "unversioned edits: {action}");
    let document = &action["edit"]["documentChanges"][0];
    assert_eq!(document["textDocument"], json!({"uri": uri, "version": version}), "{action}");
    document["edits"].as_array().cloned().unwrap_or_default()
}

/// Applies LSP text edits (UTF-16 positions) to `text`.
fn apply(text: &str, edits: &[Value]) -> String {
    let offset = |position: &Value| -> usize {
        let line = position["line"].as_u64().unwrap() as usize;
        let character = position["character"].as_u64().unwrap() as usize;
        let line_start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        let mut units = 0;
        for (i, ch) in text[line_start..].char_indices() {
            if units >= character {
                return line_start + i;
            }
            units += ch.len_utf16();
        }
        text.len()
    };
    let mut edits: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| (offset(&e["range"]["start"]), offset(&e["range"]["end"]), e["newText"].as_str().unwrap().to_string()))
        .collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.0));
    let mut out = text.to_string();
    for (start, end, new_text) in edits {
        out.replace_range(start..end, &new_text);
    }
    out
}

#[test]
fn diagnostics_code_action_fix_and_shutdown() {
    let text = "---\ntitle: \"日本の道：ノルウェーへの旅\"\ncountry: no\n---\n\n本文です。\n";
    let dir = common::site(&[("post.md", text)]);
    let path = dir.path().join("post.md");
    let uri = format!("file://{}", path.display());
    let mut client = Client::start(dir.path());
    let init = client.initialize();
    assert!(init["result"]["capabilities"]["codeActionProvider"]["codeActionKinds"].is_array(), "{init}");
    client.open(&uri, text);
    let published = client.diagnostics();
    let diagnostics = published["diagnostics"].as_array().unwrap().clone();
    let fm012 = diagnostics.iter().find(|d| d["code"] == "FM012").expect("FM012 is published").clone();
    // `no` on line 3 (0-based 2), column 9 in UTF-16 units.
    assert_eq!(fm012["range"]["start"], json!({"line": 2, "character": 9}));
    assert!(fm012["codeDescription"]["href"].as_str().unwrap().ends_with("FM012.md"));
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": fm012["range"], "context": {"diagnostics": [fm012]}}),
    );
    let action = &actions["result"][0];
    assert_eq!(action["kind"], "quickfix");
    let edits = edits_of(action, &uri, 1);
    let fixed = apply(text, &edits);
    assert!(fixed.contains("country: \"no\""), "{fixed}");
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": fixed}]}),
    );
    let published = client.diagnostics();
    assert_eq!(published["version"], 2);
    assert!(!published["diagnostics"].as_array().unwrap().iter().any(|d| d["code"] == "FM012"));
    client.shutdown();
}

#[test]
fn utf16_positions_after_astral_characters() {
    // 𠮷 is one character but two UTF-16 code units.
    let text = "---\ntitle: \"𠮷野家の牛丼、朝ごはんの定番になるまで\"\nversion: 1.10\n---\n\n## 𠮷野家:\n";
    // HD008 is opt-in: the site's config turns it on.
    let dir = common::site(&[("post.md", text), ("postlint.toml", "extend-select = [\"HD008\"]\n")]);
    let uri = format!("file://{}", dir.path().join("post.md").display());
    let mut client = Client::start(dir.path());
    client.initialize();
    client.open(&uri, text);
    let published = client.diagnostics();
    let hd008 =
        published["diagnostics"].as_array().unwrap().iter().find(|d| d["code"] == "HD008").expect("HD008").clone();
    assert_eq!(
        hd008["range"]["start"],
        json!({"line": 5, "character": 7}),
        "`## 𠮷野家` is 7 UTF-16 units (𠮷 counts 2) before the colon"
    );
    client.shutdown();
}

#[test]
fn config_changes_apply_after_save() {
    let text = "---\ntitle: \"Norway road trip notes\"\ncountry: no\n---\n";
    let dir = common::site(&[("post.md", text)]);
    let uri = format!("file://{}", dir.path().join("post.md").display());
    let mut client = Client::start(dir.path());
    client.initialize();
    client.open(&uri, text);
    assert!(client.diagnostics()["diagnostics"].as_array().unwrap().iter().any(|d| d["code"] == "FM012"));
    std::fs::write(dir.path().join("postlint.toml"), "ignore = [\"FM012\"]\n").unwrap();
    let config_uri = format!("file://{}", dir.path().join("postlint.toml").display());
    client.notify("textDocument/didSave", json!({"textDocument": {"uri": config_uri}}));
    assert!(!client.diagnostics()["diagnostics"].as_array().unwrap().iter().any(|d| d["code"] == "FM012"));
    // A bad config is shown with a link to its place in the config file.
    std::fs::write(dir.path().join("postlint.toml"), "ignore = [\"FM012\"]\nbogus = 1\n").unwrap();
    client.notify("textDocument/didSave", json!({"textDocument": {"uri": config_uri}}));
    let published = client.diagnostics();
    let error = &published["diagnostics"][0];
    assert!(error["message"].as_str().unwrap().contains("bogus"), "{published}");
    let place = &error["relatedInformation"][0]["location"];
    assert!(place["uri"].as_str().unwrap().ends_with("/postlint.toml"), "{published}");
    assert_eq!(place["range"]["start"], json!({"line": 1, "character": 0}), "{published}");
    client.shutdown();
}

#[test]
fn bad_input_gets_errors_and_the_server_lives_on() {
    let text = "---\ntitle: \"Norway road trip notes\"\ncountry: no\n---\n";
    let dir = common::site(&[("post.md", text)]);
    let uri = format!("file://{}", dir.path().join("post.md").display());
    let mut client = Client::start(dir.path());
    client.send_raw(b"Content-Length: 9\r\n\r\n{not json");
    client.initialize();
    // Notifications with params that do not fit: logged and ignored.
    client.notify("textDocument/didOpen", json!({}));
    client
        .notify("textDocument/didChange", json!({"textDocument": {"uri": uri, "version": "2"}, "contentChanges": []}));
    // A malformed body after initialization, and a request without a method name.
    client.send_raw(b"Content-Length: 12\r\n\r\n{\"jsonrpc\":}");
    client.send(json!({"jsonrpc": "2.0", "id": 77, "method": 5}));
    assert_eq!(client.receive_id(77)["error"]["code"], -32600, "invalid request");
    // A request whose params do not parse: a JSON-RPC error, not an exit.
    let response = client
        .request("textDocument/codeAction", json!({"textDocument": {"uri": uri}, "context": {"diagnostics": []}}));
    assert_eq!(response["error"]["code"], -32602, "{response}");
    // A message over the size cap is skipped without being held, and framing goes on.
    let size = postlint::lsp::MAX_MESSAGE as usize + 1;
    client.send_raw(format!("Content-Length: {size}\r\n\r\n").as_bytes());
    client.send_raw(&vec![b' '; size]);
    assert!(client.child.try_wait().unwrap().is_none(), "the server is still running");
    client.open(&uri, text);
    assert!(client.diagnostics()["diagnostics"].as_array().unwrap().iter().any(|d| d["code"] == "FM012"));
    client.shutdown();
}

#[test]
fn a_huge_content_length_is_not_allocated() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_postlint"))
        .arg("server")
        .env("XDG_CACHE_HOME", common::cache_home())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the server starts");
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(b"Content-Length: 99999999999\r\n\r\n{}").unwrap();
    drop(stdin);
    let output = child.wait_with_output().unwrap();
    // Ends by itself at the end of input, with a log line: no abort on allocation.
    assert!(output.status.code().is_some(), "ended by a signal: {:?}", output.status);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("99999999999-byte message"), "{stderr}");
}

#[test]
fn server_info_watchers_hover_fix_all_and_disable_line() {
    let text = "---\ntitle: \"Notes on a walk by the river\"\ncountry: no\n---\n\n## Rivers\n\n#### Stones\n";
    let dir = common::site(&[("post.md", text)]);
    let uri = format!("file://{}", dir.path().join("post.md").display());
    let mut client = Client::start(dir.path());
    let init = client.initialize_with(json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}}));
    assert_eq!(init["result"]["serverInfo"]["name"], "postlint", "{init}");
    assert!(init["result"]["capabilities"]["hoverProvider"].as_bool().unwrap_or(false), "{init}");
    // The server asks to be told about files changed on disk.
    let registration = loop {
        let message = client.receive();
        if message["method"] == "client/registerCapability" {
            break message;
        }
    };
    assert_eq!(registration["params"]["registrations"][0]["method"], "workspace/didChangeWatchedFiles");
    client.open(&uri, text);
    let published = client.diagnostics();
    let diagnostics = published["diagnostics"].as_array().unwrap().clone();
    let hd002 = diagnostics.iter().find(|d| d["code"] == "HD002").expect("HD002").clone();
    // Hover over the diagnostic shows its rule's doc.
    let hover = client
        .request("textDocument/hover", json!({"textDocument": {"uri": uri}, "position": hd002["range"]["start"]}));
    let shown = hover["result"]["contents"]["value"].as_str().unwrap_or("");
    assert!(shown.contains("HD002 heading-level-skip") && shown.contains("## What it checks"), "{hover}");
    // Actions: the quick fix for FM012, "disable for this line" and "fix all".
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": hd002["range"], "context": {"diagnostics": diagnostics}}),
    );
    let actions = actions["result"].as_array().unwrap().clone();
    let disable = actions.iter().find(|a| a["title"] == "HD002: disable for this heading").expect("disable action");
    let disabled = apply(text, &edits_of(disable, &uri, 1));
    // A block of its own between blank lines: kramdown reads a header only after a blank line.
    assert!(
        disabled.ends_with("\n\n<!-- postlint-disable HD002 -->\n\n#### Stones\n\n<!-- postlint-enable HD002 -->\n"),
        "{disabled}"
    );
    let fix_all = actions.iter().find(|a| a["kind"] == "source.fixAll.postlint").expect("fix all");
    let fixed = apply(text, &edits_of(fix_all, &uri, 1));
    assert!(fixed.contains("country: \"no\""), "the safe FM012 fix: {fixed}");
    // The disabled text lints clean of HD002.
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": disabled}]}),
    );
    let published = client.diagnostics();
    assert!(!published["diagnostics"].as_array().unwrap().iter().any(|d| d["code"] == "HD002"), "{published}");
    client.shutdown();
}

/// A renamed post breaks another open post's `post_url` at once, and renaming it back
/// mends it: the server updates its index from the watched-file events, not a restart.
#[test]
fn watched_renames_update_the_index_in_memory() {
    let linking = "---\ntitle: \"Spring garden notes\"\ndate: 2026-01-20\n---\n\nSee [the plan]({% post_url 2026-01-12-plan %}).\n";
    let target = "---\ntitle: \"The planting plan\"\ndate: 2026-01-12\n---\n\nRows of beans.\n";
    let dir = common::site(&[
        ("_config.yml", "title: Garden\n"),
        ("_posts/2026-01-20-notes.md", linking),
        ("_posts/2026-01-12-plan.md", target),
    ]);
    let uri = |name: &str| format!("file://{}", dir.path().join("_posts").join(name).display());
    let notes = uri("2026-01-20-notes.md");
    let mut client = Client::start(dir.path());
    client.initialize();
    client.open(&notes, linking);
    assert!(!client.codes_for(&notes).contains(&"LNK001".to_string()));

    let (old, new) = (dir.path().join("_posts/2026-01-12-plan.md"), dir.path().join("_posts/2026-01-13-plan.md"));
    std::fs::rename(&old, &new).unwrap();
    let renamed = json!({"changes": [
        {"uri": uri("2026-01-12-plan.md"), "type": 3},
        {"uri": uri("2026-01-13-plan.md"), "type": 1},
    ]});
    client.notify("workspace/didChangeWatchedFiles", renamed);
    assert!(client.codes_for(&notes).contains(&"LNK001".to_string()), "the link's target is gone");

    std::fs::rename(&new, &old).unwrap();
    let back = json!({"changes": [
        {"uri": uri("2026-01-13-plan.md"), "type": 3},
        {"uri": uri("2026-01-12-plan.md"), "type": 1},
    ]});
    client.notify("workspace/didChangeWatchedFiles", back);
    assert!(!client.codes_for(&notes).contains(&"LNK001".to_string()), "the target is back");
    client.shutdown();
}

/// A client that cannot watch files (Neovim on Linux) is not asked to, and a post renamed
/// on disk is still seen: on the next save of any document, and on the next open.
#[test]
fn without_file_watching_a_rename_is_seen_on_save_and_open() {
    let linking = "---\ntitle: \"Spring garden notes\"\ndate: 2026-01-20\n---\n\nSee [the plan]({% post_url 2026-01-12-plan %}).\n";
    let target = "---\ntitle: \"The planting plan\"\ndate: 2026-01-12\n---\n\nRows of beans.\n";
    let other = "---\ntitle: \"Compost notes\"\ndate: 2026-01-25\n---\n\nTurn it weekly.\n";
    let dir = common::site(&[
        ("_config.yml", "title: Garden\n"),
        ("_posts/2026-01-20-notes.md", linking),
        ("_posts/2026-01-12-plan.md", target),
        ("_posts/2026-01-25-compost.md", other),
    ]);
    let uri = |name: &str| format!("file://{}", dir.path().join("_posts").join(name).display());
    let (notes, compost) = (uri("2026-01-20-notes.md"), uri("2026-01-25-compost.md"));
    let mut client = Client::start(dir.path());
    client.initialize();
    client.open(&notes, linking);
    // The first message after the handshake is the diagnostics, not a registration.
    let first = client.receive();
    assert_eq!(first["method"], "textDocument/publishDiagnostics", "{first}");
    assert!(!first["params"]["diagnostics"].to_string().contains("LNK001"), "{first}");

    let plan = dir.path().join("_posts/2026-01-12-plan.md");
    std::fs::rename(&plan, dir.path().join("_posts/2026-01-13-plan.md")).unwrap();
    client.open(&compost, other);
    client.notify("textDocument/didSave", json!({"textDocument": {"uri": compost}}));
    assert!(client.codes_for(&notes).contains(&"LNK001".to_string()), "the link's target is gone");

    std::fs::rename(dir.path().join("_posts/2026-01-13-plan.md"), &plan).unwrap();
    client.notify("textDocument/didSave", json!({"textDocument": {"uri": compost}}));
    assert!(!client.codes_for(&notes).contains(&"LNK001".to_string()), "the target is back");
    client.shutdown();
}

/// An unsaved edit of one post's title is seen by the other open posts (duplicate titles),
/// and closing the buffer without saving brings back what the file says.
#[test]
fn unsaved_buffers_update_the_index() {
    let first = "---\ntitle: \"Winter pruning guide\"\ndate: 2026-01-10\n---\n\nCut above a bud.\n";
    let second = "---\ntitle: \"Winter pruning guide\"\ndate: 2026-02-10\n---\n\nSharpen the shears.\n";
    let dir = common::site(&[
        ("_config.yml", "title: Garden\n"),
        ("postlint.toml", "extend-select = [\"LNK005\"]\n"),
        ("_posts/2026-01-10-pruning.md", first),
        ("_posts/2026-02-10-pruning-again.md", second),
    ]);
    let uri = |name: &str| format!("file://{}", dir.path().join("_posts").join(name).display());
    let (a, b) = (uri("2026-01-10-pruning.md"), uri("2026-02-10-pruning-again.md"));
    let mut client = Client::start(dir.path());
    client.initialize();
    client.open(&b, second);
    assert!(client.codes_for(&b).contains(&"LNK005".to_string()), "the later post repeats the title");
    client.open(&a, first);
    client.codes_for(&a);

    let renamed = first.replace("Winter pruning guide", "Shears and saws");
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": a, "version": 2}, "contentChanges": [{"text": renamed}]}),
    );
    assert!(!client.codes_for(&b).contains(&"LNK005".to_string()), "the other post sees the unsaved title");

    client.notify("textDocument/didClose", json!({"textDocument": {"uri": a}}));
    assert!(client.codes_for(&b).contains(&"LNK005".to_string()), "the file still has the old title");
    client.shutdown();
}

/// A header block that cannot be read (`Content-Length: abc` or `-1`, a header line over
/// 8 KiB, a line without `:`) loses its message, not the connection: the server reads on
/// from the next message's `Content-Length`.
#[test]
fn bad_header_blocks_are_skipped_and_the_next_message_is_read() {
    let text = "---\ntitle: \"Norway road trip notes\"\ncountry: no\n---\n";
    let dir = common::site(&[("post.md", text)]);
    let uri = format!("file://{}", dir.path().join("post.md").display());
    let mut client = Client::start(dir.path());
    client.initialize();
    let long = format!("X-Padding: {}\r\n\r\n{{}}", "x".repeat(9000));
    for bad in ["Content-Length: abc\r\n\r\n{}", "Content-Length: -1\r\n\r\n{\"a\":1}", &long, "no colon\r\n\r\n{}"] {
        client.send_raw(bad.as_bytes());
        let hover = client.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}}),
        );
        assert!(hover["error"].is_null(), "{hover}");
        assert!(client.child.try_wait().unwrap().is_none(), "the server is still running");
    }
    client.open(&uri, text);
    assert!(client.codes_for(&uri).contains(&"FM012".to_string()));
    client.shutdown();
}

/// Red-team B5: a header block without `Content-Length` followed by a body, or a
/// `Content-Length` shorter than the body, loses that message only: every later request
/// is answered. The input is closed after the requests, so a deaf server fails the test
/// rather than hanging it.
#[test]
fn a_block_without_a_length_or_with_a_short_one_loses_that_message_only() {
    let dir = common::site(&[("post.md", "---\ntitle: \"Norway road trip notes\"\n---\n")]);
    let uri = format!("file://{}", dir.path().join("post.md").display());
    for bad in ["X-Foo: y\r\n\r\n{}", "Content-Length: 1\r\n\r\n{}"] {
        let mut client = Client::start(dir.path());
        client.initialize();
        client.send_raw(bad.as_bytes());
        let ids: Vec<i64> = (100..105).collect();
        for id in &ids {
            client.send(json!({"jsonrpc": "2.0", "id": id, "method": "textDocument/hover",
                "params": {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}}}));
        }
        let Client { mut child, stdin, mut stdout, .. } = client;
        drop(stdin);
        let mut out = String::new();
        stdout.read_to_string(&mut out).expect("read the server's output");
        let _ = child.wait();
        let answered: Vec<i64> = ids.iter().copied().filter(|id| out.contains(&format!("\"id\":{id}"))).collect();
        assert_eq!(answered, ids, "after {bad:?}");
    }
}

#[test]
fn a_request_before_initialized_gets_server_not_initialized() {
    let text = "---\ntitle: \"Norway road trip notes\"\ncountry: no\n---\n";
    let dir = common::site(&[("post.md", text)]);
    let uri = format!("file://{}", dir.path().join("post.md").display());
    let mut client = Client::start(dir.path());
    let init = client.request("initialize", json!({"processId": null, "rootUri": null, "capabilities": {}}));
    assert!(init["result"]["capabilities"].is_object(), "{init}");
    let early = client
        .request("textDocument/hover", json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}}));
    assert_eq!(early["error"]["code"], -32002, "ServerNotInitialized: {early}");
    client.notify("initialized", json!({}));
    client.open(&uri, text);
    assert!(client.codes_for(&uri).contains(&"FM012".to_string()));
    client.shutdown();
}

/// Started from `/`, the server reads a post's schema inside the workspace's site, not
/// inside its working directory's: `$schema: /etc/passwd` is refused unread.
#[cfg(unix)]
#[test]
fn the_schema_boundary_is_the_workspace_not_the_working_directory() {
    let schema_post =
        |schema: &str| format!("---\n$schema: {schema}\ntitle: \"Notes from the market\"\n---\n\nBody.\n");
    let (passwd, own) = (schema_post("/etc/passwd"), schema_post("../schemas/post.json"));
    let dir = common::site(&[
        ("postlint.toml", "extend-select = [\"FM017\"]\n"),
        ("notes/passwd.md", &passwd),
        ("notes/own.md", &own),
        ("schemas/post.json", "{\"required\": [\"author\"]}"),
    ]);
    let uri = |name: &str| format!("file://{}", dir.path().join("notes").join(name).display());
    let mut client = Client::start(std::path::Path::new("/"));
    let root = format!("file://{}", dir.path().display());
    client.request("initialize", json!({"processId": null, "rootUri": root, "capabilities": {}}));
    client.notify("initialized", json!({}));
    let fm017 = |client: &mut Client, uri: &str| loop {
        let published = client.diagnostics();
        if published["uri"] == uri {
            let list = published["diagnostics"].as_array().cloned().unwrap_or_default();
            break list
                .iter()
                .filter(|d| d["code"] == "FM017")
                .map(|d| d["message"].as_str().unwrap_or("").to_string())
                .collect::<Vec<_>>();
        }
    };
    client.open(&uri("passwd.md"), &passwd);
    let messages = fm017(&mut client, &uri("passwd.md"));
    assert!(messages.iter().any(|m| m.contains("outside")), "{messages:?}");
    assert!(!messages.iter().any(|m| m.contains("not valid JSON")), "/etc/passwd was read: {messages:?}");
    // The workspace's own schema, beside the post's folder, is read.
    client.open(&uri("own.md"), &own);
    let messages = fm017(&mut client, &uri("own.md"));
    assert!(messages.iter().any(|m| m.contains("author")), "{messages:?}");
    client.shutdown();
}

/// A file-watching event for a new post that links outside the site does not open it:
/// its title (the same as an open post's) never reaches the index.
#[cfg(unix)]
#[test]
fn a_watched_post_linked_outside_is_not_opened() {
    let post = "---\ntitle: \"Winter pruning guide\"\ndate: 2026-01-10\n---\n\nCut above a bud.\n";
    let outside = common::site(&[("secret.md", "---\ntitle: \"Winter pruning guide\"\ndate: 2026-01-01\n---\n")]);
    let dir = common::site(&[
        ("_config.yml", "title: Garden\n"),
        ("postlint.toml", "extend-select = [\"LNK005\"]\n"),
        ("_posts/2026-01-10-pruning.md", post),
    ]);
    let uri = |name: &str| format!("file://{}", dir.path().join("_posts").join(name).display());
    let mine = uri("2026-01-10-pruning.md");
    let mut client = Client::start(dir.path());
    client.initialize();
    client.open(&mine, post);
    assert!(!client.codes_for(&mine).contains(&"LNK005".to_string()));
    std::os::unix::fs::symlink(outside.path().join("secret.md"), dir.path().join("_posts/2026-01-01-leak.md")).unwrap();
    client
        .notify("workspace/didChangeWatchedFiles", json!({"changes": [{"uri": uri("2026-01-01-leak.md"), "type": 1}]}));
    assert!(!client.codes_for(&mine).contains(&"LNK005".to_string()), "the outside post was read");
    client.shutdown();
}

/// The server loads the config for every lint, under the same rules as `check`: a
/// `postlint.toml` linked outside the site is refused, and its values are not shown.
#[cfg(unix)]
#[test]
fn the_config_is_reloaded_under_the_same_rules_as_check() {
    let text = "---\ntitle: \"Norway road trip notes\"\ncountry: no\n---\n";
    let outside = common::site(&[("secret.toml", "select = \"TOPSECRET-abc123\"\n")]);
    let dir = common::site(&[("post.md", text)]);
    std::os::unix::fs::symlink(outside.path().join("secret.toml"), dir.path().join("postlint.toml")).unwrap();
    let uri = format!("file://{}", dir.path().join("post.md").display());
    let mut client = Client::start(dir.path());
    client.initialize();
    client.open(&uri, text);
    let published = client.diagnostics();
    let shown = published.to_string();
    assert!(!shown.contains("TOPSECRET"), "{shown}");
    assert!(shown.contains("postlint configuration") && shown.contains("outside"), "{shown}");
    client.shutdown();
}

/// Red-team: a request after `shutdown` gets an `InvalidRequest` error (LSP 3.17,
/// "Shutdown Request"), a notification is dropped, and the server still exits cleanly
/// on `exit`.
#[test]
fn requests_after_shutdown_get_an_error_and_exit_still_ends_the_server() {
    let dir = common::site(&[("post.md", "---\ntitle: \"Notes on a quiet week\"\n---\n\nText.\n")]);
    let uri = format!("file://{}", dir.path().join("post.md").display());
    let mut client = Client::start(dir.path());
    client.initialize();
    let shutdown = client.request("shutdown", Value::Null);
    assert!(shutdown["error"].is_null(), "{shutdown}");
    client.open(&uri, "---\ntitle: x\n---\n");
    let hover = client
        .request("textDocument/hover", json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}}));
    assert_eq!(hover["error"]["code"], -32600, "{hover}");
    let again = client.request("shutdown", Value::Null);
    assert_eq!(again["error"]["code"], -32600, "{again}");
    client.notify("exit", Value::Null);
    assert!(client.child.wait().expect("the server exits").success());
}
