//! What ends a run with exit 2, by kind: the user's configuration or command line is
//! wrong (they can fix it), or the machine failed us (output closed, stdin unreadable,
//! the editor's connection gone). Problems in the files being linted never end a run:
//! they are diagnostics (PL001).

use crate::config::ConfigError;

#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// A mistake in postlint.toml or on the command line, with where it is.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// Reading or writing failed: `what` names the stream or file.
    #[error("{what}: {source}")]
    Io {
        what: String,
        #[source]
        source: std::io::Error,
    },
    /// The language server's connection failed.
    #[error("language server: {0}")]
    Server(String),
}

impl RunError {
    pub fn io(what: impl Into<String>, source: std::io::Error) -> RunError {
        RunError::Io { what: what.into(), source }
    }
}
