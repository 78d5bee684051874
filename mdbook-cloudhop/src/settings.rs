//! The book's settings: the `[preprocessor.cloudhop]` table of `book.toml`.
//!
//! ```toml
//! [preprocessor.cloudhop]
//! site = "https://labs.example.org/"   # the cloudhop site the labs come from (required)
//! theme = "book"                       # book (follow the book's theme), light, dark or auto
//! height = "auto"                      # auto, or a length such as 480px
//! bg = "transparent"                   # transparent (the lab sits on the page) or page
//! sandbox = false                      # true: sandboxed frames (no storage, opaque origin)
//! ```

use cloudhop_core::embed::{Background, Height, SiteBase, Theme};
use serde_json::Value;
use std::collections::BTreeMap;

/// Keys of the table that mdBook itself reads.
const MDBOOK_KEYS: &[&str] = &["command", "renderers", "before", "after", "optional"];

/// Our keys, for messages.
pub const KEYS: &[&str] = &["site", "theme", "height", "bg", "sandbox"];

/// The theme of the labs in a book.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BookTheme {
    /// Follow the book's theme: light and rust are light, coal, navy and ayu dark.
    Book,
    /// Always this theme.
    Fixed(Theme),
}

/// The settings, read and checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// The cloudhop site the labs come from.
    pub site: SiteBase,
    /// The labs' theme when a block gives none.
    pub theme: BookTheme,
    /// The labs' height when a block gives none.
    pub height: Height,
    /// What is behind the labs.
    pub background: Background,
    /// Sandboxed frames.
    pub sandbox: bool,
}

fn text<'a>(table: &'a BTreeMap<String, Value>, key: &str) -> Result<Option<&'a str>, String> {
    match table.get(key) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(other) => Err(format!(
            "[preprocessor.cloudhop] {key} must be a string in quotes, not {other}"
        )),
    }
}

impl Settings {
    /// Read the table (as JSON values: `book.toml` read by mdBook). Unknown keys are
    /// refused, so a misspelt setting is not silently ignored.
    ///
    /// ```
    /// use mdbook_cloudhop::settings::{BookTheme, Settings};
    /// let table = serde_json::from_str(r#"{"site": "https://labs.example.org", "command": "mdbook-cloudhop"}"#).unwrap();
    /// let s = Settings::from_table(&table).unwrap();
    /// assert_eq!(s.site.as_str(), "https://labs.example.org/");
    /// assert_eq!(s.theme, BookTheme::Book);
    ///
    /// let missing = serde_json::from_str("{}").unwrap();
    /// assert!(Settings::from_table(&missing).unwrap_err().contains(r#"site = "https://"#));
    /// let typo = serde_json::from_str(r#"{"site": "https://l.org", "heigth": "4"}"#).unwrap();
    /// assert!(Settings::from_table(&typo).unwrap_err().contains("unknown setting `heigth`"));
    /// ```
    pub fn from_table(table: &BTreeMap<String, Value>) -> Result<Settings, String> {
        for key in table.keys() {
            if !KEYS.contains(&key.as_str()) && !MDBOOK_KEYS.contains(&key.as_str()) {
                return Err(format!(
                    "[preprocessor.cloudhop]: unknown setting `{key}` (known: {})",
                    KEYS.join(", ")
                ));
            }
        }
        let site = text(table, "site")?.ok_or_else(|| {
            "book.toml needs the cloudhop site the labs come from:\n[preprocessor.cloudhop]\nsite = \"https://labs.example.org/\"".to_string()
        })?;
        let site =
            SiteBase::parse(site).map_err(|e| format!("[preprocessor.cloudhop] site: {e}"))?;
        let theme = match text(table, "theme")? {
            None | Some("book") => BookTheme::Book,
            Some(t) => BookTheme::Fixed(
                Theme::parse(t)
                    .filter(|_| !t.trim().is_empty())
                    .ok_or_else(|| {
                        format!(
                            "[preprocessor.cloudhop] theme `{t}` is not book, light, dark or auto"
                        )
                    })?,
            ),
        };
        let height = match text(table, "height")? {
            None => Height::Auto,
            Some(h) => Height::parse(h).map_err(|e| format!("[preprocessor.cloudhop] {e}"))?,
        };
        let background = match text(table, "bg")? {
            None | Some("transparent") => Background::Transparent,
            Some("page") => Background::Page,
            Some(b) => {
                return Err(format!(
                    "[preprocessor.cloudhop] bg `{b}` is not transparent or page"
                ))
            }
        };
        let sandbox = match table.get("sandbox") {
            None => false,
            Some(Value::Bool(b)) => *b,
            Some(other) => {
                return Err(format!(
                    "[preprocessor.cloudhop] sandbox must be true or false, not {other}"
                ))
            }
        };
        Ok(Settings {
            site,
            theme,
            height,
            background,
            sandbox,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(json: &str) -> BTreeMap<String, Value> {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn every_setting_is_read() {
        let s = Settings::from_table(&table(
            r#"{"site": "http://127.0.0.1:9/x", "theme": "dark", "height": "30rem", "bg": "page", "sandbox": true, "before": ["links"]}"#,
        ))
        .unwrap();
        assert_eq!(s.site.as_str(), "http://127.0.0.1:9/x/");
        assert_eq!(s.theme, BookTheme::Fixed(Theme::Dark));
        assert_eq!(s.height.css(), "30rem");
        assert_eq!(s.background, Background::Page);
        assert!(s.sandbox);
    }

    #[test]
    fn bad_settings_say_which_and_why() {
        for (json, says) in [
            (r#"{"site": 3}"#, "site must be a string"),
            (r#"{"site": "ftp://x"}"#, "https:// or http://"),
            (
                r#"{"site": "https://x", "theme": "pink"}"#,
                "theme `pink` is not book",
            ),
            (
                r#"{"site": "https://x", "height": "tall"}"#,
                "height `tall`",
            ),
            (r#"{"site": "https://x", "bg": "red"}"#, "bg `red`"),
            (
                r#"{"site": "https://x", "sandbox": "yes"}"#,
                "sandbox must be true or false",
            ),
        ] {
            let e = Settings::from_table(&table(json)).unwrap_err();
            assert!(e.contains(says), "{json}: {e}");
        }
    }
}
