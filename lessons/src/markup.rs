//! The small markup used in lesson text: blocks (paragraphs, lists, code, sub-headings,
//! exercise placements) and inline spans (bold, emphasis, code, links, glossary links).
//!
//! The result is a tree of plain data. The app turns it into DOM text nodes and elements;
//! nothing is ever interpreted as HTML, so `<script>` in a lesson shows up as those
//! characters.
//!
//! ```
//! use cloudhop_lessons::markup::{inline, Inline};
//! let spans = inline("Use **BGP** with [[ASN|AS numbers]] and `10.0.0.0/8`.");
//! assert_eq!(spans[1], Inline::Strong(vec![Inline::Text("BGP".into())]));
//! assert_eq!(spans[3], Inline::Glossary { term: "ASN".into(), text: "AS numbers".into() });
//! assert_eq!(spans[5], Inline::Code("10.0.0.0/8".into()));
//! ```

use serde::{Deserialize, Serialize};

/// An inline span.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Inline {
    /// Plain text.
    Text(String),
    /// `**strong**`; may hold other spans, such as a glossary link.
    Strong(Vec<Inline>),
    /// `*emphasis*`; may hold other spans.
    Em(Vec<Inline>),
    /// `` `code` ``.
    Code(String),
    /// `[text](href)`: `href` is `https://`, `http://`, `mailto:` or an in-app `#/...` link.
    Link {
        /// Shown text.
        text: String,
        /// Target.
        href: String,
    },
    /// `[[Term]]` or `[[Term|text]]`: a glossary link.
    Glossary {
        /// The term as written (matched against names and aliases, ignoring case).
        term: String,
        /// Shown text.
        text: String,
    },
}

/// A block of prose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Block {
    /// A paragraph.
    Paragraph(Vec<Inline>),
    /// A bullet list; each item is a line of inline spans.
    List(Vec<Vec<Inline>>),
    /// A fenced code block (```` ```frr ````, ```` ```diagram Caption ````...), shown verbatim.
    Code(CodeBlock),
    /// A `### ` sub-heading inside a section.
    Heading(String),
    /// `@exercise ID`: the exercise goes here.
    Exercise(String),
}

/// A fenced code block: the language named after the opening ```` ``` ````, an optional
/// caption (the rest of that line) and the lines up to the closing ```` ``` ````, verbatim.
///
/// ```
/// use cloudhop_lessons::markup::{CodeBlock, CodeLanguage};
/// let block = CodeBlock::parse_fence("```wireguard   Site A's tunnel").unwrap();
/// assert_eq!(block.language, CodeLanguage::WireGuard);
/// assert_eq!(block.caption, "Site A's tunnel");
/// assert!(block.text.is_empty());
/// assert!(CodeBlock::parse_fence("```yaml").is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodeBlock {
    /// What the text is: which tool reads it, or a diagram.
    pub language: CodeLanguage,
    /// The caption written after the language; may be empty except for a diagram, where it
    /// is the text alternative a screen reader announces.
    pub caption: String,
    /// The lines between the fences, joined with `\n`, indentation kept.
    pub text: String,
}

impl CodeBlock {
    /// Read an opening fence line (```` ```LANG caption ````) into an empty block, or say
    /// what is wrong with it.
    pub fn parse_fence(line: &str) -> Result<CodeBlock, String> {
        let info = line.trim().trim_start_matches('`').trim();
        let (tag, caption) = match info.split_once(char::is_whitespace) {
            Some((t, c)) => (t, c.trim()),
            None => (info, ""),
        };
        if tag.is_empty() {
            return Err(format!(
                "a code block needs a language after the opening ``` (known: {})",
                CodeLanguage::known()
            ));
        }
        let language = CodeLanguage::parse(tag).ok_or_else(|| {
            format!(
                "unknown code block language `{tag}` (known: {})",
                CodeLanguage::known()
            )
        })?;
        if language == CodeLanguage::Diagram && caption.is_empty() {
            return Err("a ```diagram needs a caption after the language, such as \
                        ```diagram Two VPCs joined by a tunnel: it is what a screen reader \
                        announces instead of the drawing"
                .into());
        }
        Ok(CodeBlock {
            language,
            caption: caption.to_string(),
            text: String::new(),
        })
    }
}

/// The languages a code block may be written in. Each says which tool reads the text, so
/// that the app can label it and a learner knows where it goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CodeLanguage {
    /// FRRouting configuration (`vtysh`), the syntax of most open-source BGP routers.
    Frr,
    /// Shell commands, such as the AWS CLI.
    Sh,
    /// A WireGuard configuration file (`wg-quick`).
    #[serde(rename = "wireguard")]
    WireGuard,
    /// Plain text: the output of a command, such as a traceroute.
    Text,
    /// A drawing in text (box-drawing characters); shown as a picture with its caption.
    Diagram,
}

impl CodeLanguage {
    /// Every language, in the order the documentation lists them.
    pub const ALL: [CodeLanguage; 5] = [
        CodeLanguage::Frr,
        CodeLanguage::Sh,
        CodeLanguage::WireGuard,
        CodeLanguage::Text,
        CodeLanguage::Diagram,
    ];

    /// The language named by a fence's tag, if it is one of [`CodeLanguage::ALL`].
    ///
    /// ```
    /// use cloudhop_lessons::markup::CodeLanguage;
    /// assert_eq!(CodeLanguage::parse("frr"), Some(CodeLanguage::Frr));
    /// assert_eq!(CodeLanguage::parse("FRR"), None);
    /// ```
    pub fn parse(tag: &str) -> Option<CodeLanguage> {
        Self::ALL.into_iter().find(|l| l.tag() == tag)
    }

    /// The tag as written after ```` ``` ````.
    pub fn tag(self) -> &'static str {
        match self {
            CodeLanguage::Frr => "frr",
            CodeLanguage::Sh => "sh",
            CodeLanguage::WireGuard => "wireguard",
            CodeLanguage::Text => "text",
            CodeLanguage::Diagram => "diagram",
        }
    }

    /// What the block holds, for a person (shown above it, and in the Copy button's name).
    ///
    /// ```
    /// use cloudhop_lessons::markup::CodeLanguage;
    /// assert_eq!(CodeLanguage::Sh.label(), "Shell commands");
    /// ```
    pub fn label(self) -> &'static str {
        match self {
            CodeLanguage::Frr => "FRR configuration",
            CodeLanguage::Sh => "Shell commands",
            CodeLanguage::WireGuard => "WireGuard configuration",
            CodeLanguage::Text => "Output",
            CodeLanguage::Diagram => "Diagram",
        }
    }

    /// Whether the block is a drawing (shown as a picture, with no Copy button) rather than
    /// text a learner would paste somewhere.
    pub fn is_diagram(self) -> bool {
        self == CodeLanguage::Diagram
    }

    /// The known tags, for messages: `frr, sh, wireguard, text, diagram`.
    pub fn known() -> String {
        Self::ALL.map(CodeLanguage::tag).join(", ")
    }
}

/// Whether a link target is one the app will follow: web links open in a new tab, `#/`
/// links stay in the app. Anything else (`javascript:`, `data:`, relative files) is refused
/// by validation.
///
/// ```
/// use cloudhop_lessons::markup::safe_href;
/// assert!(safe_href("https://docs.aws.amazon.com/"));
/// assert!(safe_href("#/lab/bgp"));
/// assert!(!safe_href("javascript:alert(1)"));
/// ```
pub fn safe_href(href: &str) -> bool {
    let lower = href.trim().to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://") || lower.starts_with("mailto:"))
        && !lower.contains(char::is_whitespace)
        || lower.starts_with("#/")
}

/// Parse inline markup. Unclosed markers are kept as text.
pub fn inline(text: &str) -> Vec<Inline> {
    let mut out = Vec::new();
    let mut plain = String::new();
    let mut rest = text;
    while !rest.is_empty() {
        if let Some((span, after)) = span_at(rest) {
            if !plain.is_empty() {
                out.push(Inline::Text(std::mem::take(&mut plain)));
            }
            out.push(span);
            rest = after;
        } else {
            let mut chars = rest.chars();
            if let Some(c) = chars.next() {
                plain.push(c);
            }
            rest = chars.as_str();
        }
    }
    if !plain.is_empty() {
        out.push(Inline::Text(plain));
    }
    out
}

/// Try to read one marked-up span at the start of `s`.
fn span_at(s: &str) -> Option<(Inline, &str)> {
    if let Some(body) = s.strip_prefix("[[") {
        let end = body.find("]]")?;
        let inner = &body[..end];
        if inner.trim().is_empty() || inner.contains('\n') {
            return None;
        }
        let (term, text) = match inner.split_once('|') {
            Some((t, x)) => (t.trim(), x.trim()),
            None => (inner.trim(), inner.trim()),
        };
        return Some((
            Inline::Glossary {
                term: term.to_string(),
                text: text.to_string(),
            },
            &body[end + 2..],
        ));
    }
    if let Some(body) = s.strip_prefix("**") {
        let end = body.find("**")?;
        if end == 0 {
            return None;
        }
        return Some((Inline::Strong(inline(&body[..end])), &body[end + 2..]));
    }
    if let Some(body) = s.strip_prefix('`') {
        let end = body.find('`')?;
        if end == 0 {
            return None;
        }
        return Some((Inline::Code(body[..end].to_string()), &body[end + 1..]));
    }
    if let Some(body) = s.strip_prefix('*') {
        // `*` followed by a space is a literal asterisk (as in "2 * 3").
        if body.starts_with(char::is_whitespace) {
            return None;
        }
        let end = body.find('*')?;
        if end == 0 {
            return None;
        }
        return Some((Inline::Em(inline(&body[..end])), &body[end + 1..]));
    }
    if let Some(body) = s.strip_prefix('[') {
        let close = body.find("](")?;
        let text = &body[..close];
        if text.contains(']') || text.is_empty() {
            return None;
        }
        let after = &body[close + 2..];
        let end = after.find(')')?;
        let href = after[..end].trim();
        if href.is_empty() {
            return None;
        }
        return Some((
            Inline::Link {
                text: text.to_string(),
                href: href.to_string(),
            },
            &after[end + 1..],
        ));
    }
    None
}

/// Plain text of inline spans (for search, titles and printing).
///
/// ```
/// use cloudhop_lessons::markup::{inline, plain_text};
/// assert_eq!(plain_text(&inline("A **bold [[BGP]]** move")), "A bold BGP move");
/// ```
pub fn plain_text(spans: &[Inline]) -> String {
    let mut out = String::new();
    for s in spans {
        match s {
            Inline::Text(t) | Inline::Code(t) => out.push_str(t),
            Inline::Strong(inner) | Inline::Em(inner) => out.push_str(&plain_text(inner)),
            Inline::Link { text, .. } | Inline::Glossary { text, .. } => out.push_str(text),
        }
    }
    out
}

/// Every span, and every span nested inside bold or emphasis, in reading order (for
/// validation: a glossary link inside `**...**` is checked like any other).
///
/// ```
/// use cloudhop_lessons::markup::{descendants, inline, Inline};
/// let spans = inline("**A [[BGP]] link**");
/// assert!(descendants(&spans).iter().any(|s| matches!(s, Inline::Glossary { .. })));
/// ```
pub fn descendants(spans: &[Inline]) -> Vec<&Inline> {
    let mut out = Vec::new();
    for s in spans {
        out.push(s);
        if let Inline::Strong(inner) | Inline::Em(inner) = s {
            out.extend(descendants(inner));
        }
    }
    out
}

/// Every span in a list of blocks, for validation.
pub fn spans_in(blocks: &[Block]) -> Vec<Inline> {
    let mut out = Vec::new();
    for b in blocks {
        match b {
            Block::Paragraph(p) => out.extend(p.iter().cloned()),
            Block::List(items) => items.iter().for_each(|i| out.extend(i.iter().cloned())),
            Block::Code(_) | Block::Heading(_) | Block::Exercise(_) => {}
        }
    }
    out
}

/// Parse prose lines into blocks. `lines` are `(line number, text)`. Errors carry the
/// line number.
pub(crate) fn blocks(lines: &[(usize, &str)]) -> Result<Vec<Block>, (usize, String)> {
    let mut out = Vec::new();
    let mut para: Vec<&str> = Vec::new();
    let mut list: Vec<String> = Vec::new();
    let mut i = 0;
    let flush = |out: &mut Vec<Block>, para: &mut Vec<&str>, list: &mut Vec<String>| {
        if !para.is_empty() {
            out.push(Block::Paragraph(inline(&para.join(" "))));
            para.clear();
        }
        if !list.is_empty() {
            out.push(Block::List(list.iter().map(|l| inline(l)).collect()));
            list.clear();
        }
    };
    while i < lines.len() {
        let (n, raw) = lines[i];
        let line = raw.trim_end();
        let trimmed = line.trim_start();
        if trimmed.is_empty() {
            flush(&mut out, &mut para, &mut list);
        } else if trimmed.starts_with("```") {
            flush(&mut out, &mut para, &mut list);
            let mut block = CodeBlock::parse_fence(trimmed).map_err(|m| (n, m))?;
            let mut code = Vec::new();
            let mut closed = false;
            i += 1;
            while i < lines.len() {
                if lines[i].1.trim() == "```" {
                    closed = true;
                    break;
                }
                code.push(lines[i].1.trim_end());
                i += 1;
            }
            if !closed {
                return Err((
                    n,
                    format!(
                        "the ```{} block opened here is never closed: end it with a line of ```",
                        block.language.tag()
                    ),
                ));
            }
            if let Some(tab) = code.iter().position(|l| l.contains('\t')) {
                return Err((
                    n + 1 + tab,
                    "a tab in a code block: indent with spaces, so that it lines up the same everywhere".into(),
                ));
            }
            // Blank lines at either end are layout, not content.
            while code.first().is_some_and(|l| l.is_empty()) {
                code.remove(0);
            }
            while code.last().is_some_and(|l| l.is_empty()) {
                code.pop();
            }
            if code.is_empty() {
                return Err((n, format!("the ```{} block is empty", block.language.tag())));
            }
            block.text = code.join("\n");
            out.push(Block::Code(block));
        } else if let Some(id) = trimmed.strip_prefix("@exercise") {
            flush(&mut out, &mut para, &mut list);
            let id = id.trim();
            if id.is_empty() {
                return Err((n, "`@exercise` needs an exercise id".into()));
            }
            out.push(Block::Exercise(id.to_string()));
        } else if let Some(h) = trimmed.strip_prefix("### ") {
            flush(&mut out, &mut para, &mut list);
            if h.trim().is_empty() {
                return Err((n, "a sub-heading has no text".into()));
            }
            out.push(Block::Heading(h.trim().to_string()));
        } else if let Some(item) = trimmed.strip_prefix("- ") {
            if !para.is_empty() {
                flush(&mut out, &mut para, &mut list);
            }
            if item.trim().is_empty() {
                return Err((n, "a list item has no text".into()));
            }
            list.push(item.trim().to_string());
        } else if !list.is_empty() && line.starts_with("  ") {
            // Continuation of the last list item.
            if let Some(last) = list.last_mut() {
                last.push(' ');
                last.push_str(trimmed);
            }
        } else {
            if !list.is_empty() {
                flush(&mut out, &mut para, &mut list);
            }
            para.push(trimmed);
        }
        i += 1;
    }
    flush(&mut out, &mut para, &mut list);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unclosed_markers_stay_text() {
        assert_eq!(
            inline("2 * 3 and **open and `tick"),
            vec![Inline::Text("2 * 3 and **open and `tick".into())]
        );
        assert_eq!(
            inline("[not a link] [x]("),
            vec![Inline::Text("[not a link] [x](".into())]
        );
    }

    #[test]
    fn html_is_just_text() {
        assert_eq!(
            inline("<script>alert(1)</script>"),
            vec![Inline::Text("<script>alert(1)</script>".into())]
        );
    }

    #[test]
    fn bold_holds_a_glossary_link() {
        assert_eq!(
            inline("**A [[Dedicated connection|dedicated link]].** Then"),
            vec![
                Inline::Strong(vec![
                    Inline::Text("A ".into()),
                    Inline::Glossary {
                        term: "Dedicated connection".into(),
                        text: "dedicated link".into()
                    },
                    Inline::Text(".".into()),
                ]),
                Inline::Text(" Then".into()),
            ]
        );
    }

    #[test]
    fn links_and_emphasis() {
        let s = inline("See *this* [AWS docs](https://docs.aws.amazon.com/x) now");
        assert_eq!(
            s,
            vec![
                Inline::Text("See ".into()),
                Inline::Em(vec![Inline::Text("this".into())]),
                Inline::Text(" ".into()),
                Inline::Link {
                    text: "AWS docs".into(),
                    href: "https://docs.aws.amazon.com/x".into()
                },
                Inline::Text(" now".into()),
            ]
        );
    }

    #[test]
    fn blocks_split_paragraphs_lists_code_and_exercises() {
        let src = [
            "First line",
            "continues.",
            "",
            "- one",
            "  more of one",
            "- two",
            "```sh",
            "cloudhop cidr info 10.0.0.0/8",
            "```",
            "@exercise ex1",
        ];
        let lines: Vec<(usize, &str)> = src.iter().enumerate().map(|(i, l)| (i + 1, *l)).collect();
        let b = blocks(&lines).unwrap();
        assert_eq!(
            b[0],
            Block::Paragraph(vec![Inline::Text("First line continues.".into())])
        );
        assert_eq!(
            b[1],
            Block::List(vec![
                vec![Inline::Text("one more of one".into())],
                vec![Inline::Text("two".into())]
            ])
        );
        assert_eq!(
            b[2],
            Block::Code(CodeBlock {
                language: CodeLanguage::Sh,
                caption: String::new(),
                text: "cloudhop cidr info 10.0.0.0/8".into()
            })
        );
        assert_eq!(b[3], Block::Exercise("ex1".into()));
    }

    fn numbered<'a>(first: usize, src: &[&'a str]) -> Vec<(usize, &'a str)> {
        src.iter()
            .enumerate()
            .map(|(i, l)| (first + i, *l))
            .collect()
    }

    #[test]
    fn a_fence_keeps_its_text_verbatim_and_its_language() {
        let src = [
            "Look at the `set` lines.",
            "",
            "```frr",
            "route-map FROM-DX permit 10",
            " set local-preference 200",
            "",
            "! **not bold**, [[not a link]], <b>not html</b>",
            "## not a heading",
            "- not a list",
            "```",
            "After.",
        ];
        let b = blocks(&numbered(1, &src)).unwrap();
        assert_eq!(b.len(), 3);
        let Block::Code(code) = &b[1] else {
            panic!("a code block: {b:?}")
        };
        assert_eq!(code.language, CodeLanguage::Frr);
        assert_eq!(
            code.text,
            "route-map FROM-DX permit 10\n set local-preference 200\n\n! **not bold**, [[not a link]], <b>not html</b>\n## not a heading\n- not a list"
        );
        assert_eq!(b[2], Block::Paragraph(vec![Inline::Text("After.".into())]));
    }

    #[test]
    fn every_language_reads_back_from_its_tag_and_a_diagram_keeps_its_caption() {
        for lang in CodeLanguage::ALL {
            let fence = format!("```{}  Caption of it ", lang.tag());
            let block = CodeBlock::parse_fence(&fence).unwrap();
            assert_eq!(
                (block.language, block.caption.as_str()),
                (lang, "Caption of it")
            );
        }
        let b = blocks(&numbered(
            7,
            &["```diagram Two sites, one tunnel", "A ── B", "```"],
        ))
        .unwrap();
        assert_eq!(
            b,
            [Block::Code(CodeBlock {
                language: CodeLanguage::Diagram,
                caption: "Two sites, one tunnel".into(),
                text: "A ── B".into()
            })]
        );
    }

    #[test]
    fn fence_mistakes_are_reported_on_their_line() {
        let err = |first: usize, src: &[&str]| blocks(&numbered(first, src)).unwrap_err();
        assert_eq!(
            err(
                40,
                &["Text.", "", "```wireguard", "[Interface]", "PrivateKey = x"]
            ),
            (
                42,
                "the ```wireguard block opened here is never closed: end it with a line of ```"
                    .to_string()
            )
        );
        // A closing fence is a line of ``` alone; ```sh below opens nothing and closes nothing.
        assert_eq!(err(1, &["```text", "a", "```sh"]).0, 1);
        let (line, msg) = err(9, &["```", "x", "```"]);
        assert_eq!(line, 9);
        assert!(msg.starts_with("a code block needs a language"), "{msg}");
        assert!(msg.contains("frr, sh, wireguard, text, diagram"), "{msg}");
        let (line, msg) = err(3, &["```yaml", "a: 1", "```"]);
        assert_eq!(
            (line, msg.as_str()),
            (
                3,
                "unknown code block language `yaml` (known: frr, sh, wireguard, text, diagram)"
            )
        );
        let (line, msg) = err(5, &["```diagram", "A ── B", "```"]);
        assert_eq!(line, 5);
        assert!(msg.starts_with("a ```diagram needs a caption"), "{msg}");
        assert_eq!(
            err(2, &["```sh", "", "   ", "```"]),
            (2, "the ```sh block is empty".to_string())
        );
        assert_eq!(err(10, &["```text", "ok", "\tbad", "```"]).0, 12);
    }
}
