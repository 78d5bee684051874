//! `mdbook-cloudhop`: an mdBook (0.5) preprocessor that turns a fenced block
//!
//! ````markdown
//! ```cloudhop lab=planner state=… theme=dark height=480px title="Plan the VPCs"
//! ```
//! ````
//!
//! into an embedded cloudhop lab: the `<cloudhop-lab>` element of the cloudhop site named
//! in `book.toml` (see [`settings`]), with its script once per chapter. The fence format is
//! `cloudhop_core::embed::LabFence`, the one the labs' Share / embed control writes; the
//! labs it knows are core's list. A bad block stops the build with the chapter, the line
//! and what is wrong; nothing here panics on a book's text.
//!
//! ```
//! use mdbook_cloudhop::Cloudhop;
//! use mdbook_preprocessor::Preprocessor;
//! assert_eq!(Cloudhop.name(), "cloudhop");
//! assert!(Cloudhop.supports_renderer("html").unwrap());
//! assert!(!Cloudhop.supports_renderer("markdown").unwrap());
//! ```

pub mod blocks;
pub mod settings;

use mdbook_preprocessor::book::{Book, BookItem};
use mdbook_preprocessor::errors::{Error, Result};
use mdbook_preprocessor::{Preprocessor, PreprocessorContext};
use serde_json::Value;
use settings::Settings;
use std::collections::BTreeMap;

/// The preprocessor.
pub struct Cloudhop;

/// Every bad block of the book, one line each: `chapter "Name" (path.md) line N: what`.
pub fn expand_book(book: &mut Book, settings: &Settings) -> std::result::Result<usize, String> {
    let mut problems = Vec::new();
    let mut labs = 0;
    book.for_each_mut(|item| {
        let BookItem::Chapter(ch) = item else { return };
        match blocks::expand(&ch.content, settings) {
            Ok((content, n)) => {
                ch.content = content;
                labs += n;
            }
            Err(errors) => {
                let path = ch
                    .source_path
                    .as_ref()
                    .or(ch.path.as_ref())
                    .map(|p| format!(" ({})", p.display()))
                    .unwrap_or_default();
                for e in errors {
                    problems.push(format!("chapter \"{}\"{path} {e}", ch.name));
                }
            }
        }
    });
    if problems.is_empty() {
        Ok(labs)
    } else {
        Err(format!("cloudhop: {}", problems.join("\ncloudhop: ")))
    }
}

impl Preprocessor for Cloudhop {
    fn name(&self) -> &str {
        "cloudhop"
    }

    fn run(&self, ctx: &PreprocessorContext, mut book: Book) -> Result<Book> {
        let table: BTreeMap<String, Value> = ctx
            .config
            .get("preprocessor.cloudhop")
            .map_err(|e| {
                Error::msg(format!(
                    "cloudhop: [preprocessor.cloudhop] cannot be read: {e:#}"
                ))
            })?
            .unwrap_or_default();
        let settings =
            Settings::from_table(&table).map_err(|e| Error::msg(format!("cloudhop: {e}")))?;
        expand_book(&mut book, &settings).map_err(Error::msg)?;
        Ok(book)
    }

    fn supports_renderer(&self, renderer: &str) -> Result<bool> {
        Ok(renderer == "html")
    }
}
