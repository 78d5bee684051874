//! Finding the cloudhop blocks of a chapter and writing each as an embedded lab.
//!
//! A block is a fenced code block (```` ``` ```` or `~~~`, as CommonMark reads fences)
//! whose info string starts with `cloudhop`; its body must be empty. Blocks inside other
//! fenced blocks (a book showing the syntax) are left alone, as is everything else.

use crate::settings::{BookTheme, Settings};
use cloudhop_core::embed::{is_lab_fence, LabElement, LabFence, Theme};
use std::fmt;

/// A block that cannot be made into a lab, with its line in the chapter (from 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockError {
    /// The line of the block's opening fence.
    pub line: usize,
    /// What is wrong, for the book's author.
    pub message: String,
}

impl fmt::Display for BlockError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// An opening fence: its character, its length and its info string.
fn opening(line: &str) -> Option<(char, usize, &str)> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 3 {
        return None;
    }
    let rest = &line[indent..];
    let c = rest.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let n = rest.len() - rest.trim_start_matches(c).len();
    if n < 3 {
        return None;
    }
    let info = rest[n..].trim();
    // A backtick fence's info string holds no backtick (CommonMark).
    if c == '`' && info.contains('`') {
        return None;
    }
    Some((c, n, info))
}

/// Whether `line` closes a fence of `c` opened with `n` characters.
fn closes(line: &str, c: char, n: usize) -> bool {
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 3 {
        return false;
    }
    let rest = &line[indent..];
    let m = rest.len() - rest.trim_start_matches(c).len();
    m >= n && rest[m..].trim().is_empty()
}

/// The scripts a chapter with labs loads once, before its first lab: the book's theme
/// follower first, so that the labs open in the book's theme.
pub fn scripts(settings: &Settings) -> String {
    let site = cloudhop_core::embed::html_attribute(settings.site.as_str());
    format!(
        "<script src=\"{site}cloudhop-mdbook.js\" defer></script>\n<script src=\"{site}cloudhop-lab.js\" defer></script>\n"
    )
}

/// The element for one fence.
fn element(fence: LabFence, settings: &Settings) -> LabElement {
    let mut e = LabElement::new(fence.lab);
    e.state = fence.state;
    e.title = fence.title;
    e.height = fence.height.unwrap_or_else(|| settings.height.clone());
    e.background = settings.background;
    e.sandbox = settings.sandbox;
    match (fence.theme, settings.theme) {
        (Some(t), _) | (None, BookTheme::Fixed(t)) => e.theme = t,
        (None, BookTheme::Book) => {
            e.theme = Theme::Auto;
            e.follow_book_theme = true;
        }
    }
    e
}

/// Read one fence and check its state.
fn read(info: &str) -> Result<LabFence, String> {
    let fence = LabFence::parse(info).map_err(|e| e.to_string())?;
    if let Some(s) = &fence.state {
        fence.lab.read_state(s).map_err(|e| {
            format!(
                "the state of this {} block cannot be opened: {e} (copy it from the lab's Share / embed control)",
                fence.lab.slug()
            )
        })?;
    }
    Ok(fence)
}

/// The chapter with each cloudhop block replaced by its lab, and how many there were.
/// The first lab is preceded by [`scripts`]. Every bad block is reported, in order.
///
/// ```
/// use mdbook_cloudhop::blocks::expand;
/// use mdbook_cloudhop::settings::Settings;
/// let table = serde_json::from_str(r#"{"site": "https://labs.example.org/"}"#).unwrap();
/// let settings = Settings::from_table(&table).unwrap();
/// let (html, n) = expand("# Plan\n\n```cloudhop lab=planner\n```\n\nText.\n", &settings).unwrap();
/// assert_eq!(n, 1);
/// assert!(html.contains(r#"<cloudhop-lab lab="planner""#));
/// assert!(html.contains("cloudhop-lab.js"));
/// assert!(html.ends_with("\nText.\n"));
/// let bad = expand("a\n\n```cloudhop lab=teleport\n```\n", &settings).unwrap_err();
/// assert_eq!(bad[0].line, 3);
/// assert!(bad[0].message.contains("unknown lab `teleport` (known: planner"));
/// ```
pub fn expand(content: &str, settings: &Settings) -> Result<(String, usize), Vec<BlockError>> {
    let lines: Vec<&str> = content.split_inclusive('\n').collect();
    let mut out = String::with_capacity(content.len());
    let mut errors = Vec::new();
    let mut labs = 0;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let Some((c, n, info)) = opening(line.trim_end_matches(['\n', '\r'])) else {
            out.push_str(line);
            i += 1;
            continue;
        };
        let close =
            (i + 1..lines.len()).find(|&j| closes(lines[j].trim_end_matches(['\n', '\r']), c, n));
        if !is_lab_fence(info) {
            // Another block: copied as it is, cloudhop fences inside it included.
            let end = close.map_or(lines.len(), |j| j + 1);
            lines[i..end].iter().for_each(|l| out.push_str(l));
            i = end;
            continue;
        }
        let Some(close) = close else {
            errors.push(BlockError {
                line: i + 1,
                message: format!(
                    "this cloudhop block is not closed (end it with a line of {})",
                    c.to_string().repeat(n)
                ),
            });
            break;
        };
        let body_line = (i + 1..close).find(|&j| !lines[j].trim().is_empty());
        let result = match body_line {
            Some(j) => Err(format!(
                "a cloudhop block has nothing inside (line {} holds text): put lab=, state=, theme=, height= and title= on the fence line",
                j + 1
            )),
            None => read(info),
        };
        match result {
            Ok(fence) => {
                // An HTML block of its own (a blank line before and after), so Markdown
                // leaves it as it is.
                if !out.is_empty() && !out.ends_with("\n\n") {
                    out.push('\n');
                }
                out.push_str("<div class=\"cloudhop-embed\">\n");
                if labs == 0 {
                    out.push_str(&scripts(settings));
                }
                out.push_str(&element(fence, settings).html(&settings.site));
                out.push_str("\n</div>\n\n");
                labs += 1;
            }
            Err(message) => errors.push(BlockError {
                line: i + 1,
                message,
            }),
        }
        i = close + 1;
    }
    if errors.is_empty() {
        Ok((out, labs))
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cloudhop_core::exercise::{encode_state, Lab};
    use cloudhop_core::labs::Latency;

    fn settings(extra: &str) -> Settings {
        let json = format!(r#"{{"site": "https://labs.example.org/"{extra}}}"#);
        Settings::from_table(&serde_json::from_str(&json).unwrap()).unwrap()
    }

    #[test]
    fn two_labs_one_pair_of_scripts_and_the_text_around_kept() {
        let state = encode_state::<Latency>(&Latency::default_state());
        let md = format!("# Two\n\nBefore.\n```cloudhop lab=bgp theme=dark\n```\nMiddle.\n\n~~~~ cloudhop lab=latency state={state} height=500 title=\"Mesh or hub\"\n\n~~~~\nAfter.\n");
        let (html, n) = expand(&md, &settings("")).unwrap();
        assert_eq!(n, 2);
        assert_eq!(html.matches("cloudhop-lab.js").count(), 1);
        assert_eq!(html.matches("cloudhop-mdbook.js").count(), 1);
        assert!(html.starts_with("# Two\n\nBefore.\n\n<div class=\"cloudhop-embed\">\n<script"));
        assert!(html
            .contains(r#"<cloudhop-lab lab="bgp" theme="dark" height="auto" bg="transparent">"#));
        assert!(html.contains(&format!(r#"<cloudhop-lab lab="latency" state="{state}" theme="auto" height="500px" bg="transparent" title="Mesh or hub" data-theme-from="mdbook">"#)));
        assert!(html.contains("</div>\n\nMiddle.\n"));
        assert!(html.ends_with("</div>\n\nAfter.\n"));
    }

    #[test]
    fn fences_inside_other_blocks_are_left_alone() {
        let md =
            "````markdown\n```cloudhop lab=teleport\n```\n````\n\n    ```cloudhop lab=teleport\n";
        assert_eq!(expand(md, &settings("")).unwrap(), (md.to_string(), 0));
    }

    #[test]
    fn every_bad_block_is_reported_with_its_line() {
        let md = "```cloudhop lab=bgp state=%7Bnot\n```\n\n```cloudhop lab=dns\nlab=bgp\n```\n\n```cloudhop title=x\n```\n\n```cloudhop lab=bgp\n";
        let errors = expand(md, &settings("")).unwrap_err();
        let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, [1, 4, 8, 11]);
        assert!(
            errors[0]
                .message
                .contains("state of this bgp block cannot be opened"),
            "{}",
            errors[0]
        );
        assert!(
            errors[1].message.contains("line 5 holds text"),
            "{}",
            errors[1]
        );
        assert!(
            errors[2].message.contains("needs lab=<name>"),
            "{}",
            errors[2]
        );
        assert!(errors[3].message.contains("not closed"), "{}", errors[3]);
    }

    #[test]
    fn the_book_settings_apply_where_a_block_says_nothing() {
        let (html, _) = expand(
            "```cloudhop lab=failover\n```\n",
            &settings(r#", "theme": "light", "height": "40rem", "bg": "page", "sandbox": true"#),
        )
        .unwrap();
        assert!(
            html.contains(r#"<cloudhop-lab lab="failover" theme="light" height="40rem" sandbox>"#),
            "{html}"
        );
    }
}
