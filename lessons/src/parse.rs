//! Parsing lesson, glossary and exercise files. Each parser reports every problem it can
//! find, with the file and line, instead of stopping at the first.

use crate::error::ContentError;
use crate::exercise_check::{ExerciseCheck, Validate};
use crate::markup;
use crate::model::{slug, Exercise, Lesson, Reflection, Section, Term, DEFAULT_PASS_MARK};
use cloudhop_core::labs::ExerciseSpec;
use cloudhop_core::quiz::{Choice, ItemKind, KnownWrong, Normalizer, QuizItem};

type Lines<'a> = Vec<(usize, &'a str)>;

/// Split a file into numbered lines (1-based).
pub(crate) fn numbered(text: &str) -> Lines<'_> {
    text.lines().enumerate().map(|(i, l)| (i + 1, l)).collect()
}

/// Split `lines` at every line for which `is_head` returns a heading, giving the heading
/// line, its text, and the lines under it. Lines before the first heading are returned
/// separately.
pub(crate) fn split_headings<'a>(
    lines: &[(usize, &'a str)],
    prefix: &str,
) -> (Lines<'a>, Vec<(usize, String, Lines<'a>)>) {
    let mut before = Vec::new();
    let mut parts: Vec<(usize, String, Lines<'a>)> = Vec::new();
    let mut in_code = false;
    for &(n, line) in lines {
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
        }
        if !in_code {
            if let Some(h) = line.strip_prefix(prefix) {
                parts.push((n, h.trim().to_string(), Vec::new()));
                continue;
            }
        }
        match parts.last_mut() {
            Some((_, _, body)) => body.push((n, line)),
            None => before.push((n, line)),
        }
    }
    (before, parts)
}

pub(crate) fn is_id(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !s.starts_with('-')
}

pub(crate) fn list_of_ids(value: &str) -> Vec<String> {
    value
        .split(',')
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// A file's `---` header block, read as `key: value` entries: what a lesson file and a
/// workshop file share. Malformed lines and repeated keys are reported into `errs`; a
/// missing or unclosed block is an error on its own (`what` names the file's kind).
pub(crate) struct Header<'a> {
    /// The line of the opening `---`.
    pub line: usize,
    /// Index in `lines` of the closing `---`: the body starts after it.
    pub end: usize,
    /// `(line, key, value)`, trimmed, each key once.
    pub entries: Vec<(usize, &'a str, &'a str)>,
}

pub(crate) fn header<'a>(
    file: &str,
    lines: &[(usize, &'a str)],
    what: &str,
    errs: &mut Vec<ContentError>,
) -> Result<Header<'a>, Vec<ContentError>> {
    let first = lines.iter().position(|(_, l)| !l.trim().is_empty());
    let Some(start) = first.filter(|&i| lines[i].1.trim() == "---") else {
        return Err(vec![ContentError::at(
            file,
            first.map_or(1, |i| lines[i].0),
            format!("{what} must start with a `---` header block"),
        )]);
    };
    let Some(end) = lines[start + 1..]
        .iter()
        .position(|(_, l)| l.trim() == "---")
        .map(|p| p + start + 1)
    else {
        return Err(vec![ContentError::at(
            file,
            lines[start].0,
            "the header block opened with `---` is never closed".into(),
        )]);
    };
    let mut entries: Vec<(usize, &str, &str)> = Vec::new();
    for &(n, line) in &lines[start + 1..end] {
        if line.trim().is_empty() {
            continue;
        }
        let Some((key, value)) = line.split_once(':') else {
            errs.push(ContentError::at(
                file,
                n,
                format!(
                    "expected `key: value` in the header, found `{}`",
                    line.trim()
                ),
            ));
            continue;
        };
        let (key, value) = (key.trim(), value.trim());
        if entries.iter().any(|(_, k, _)| *k == key) {
            errs.push(ContentError::at(
                file,
                n,
                format!("header key `{key}` appears twice"),
            ));
            continue;
        }
        entries.push((n, key, value));
    }
    Ok(Header {
        line: lines[start].0,
        end,
        entries,
    })
}

/// Parse one lesson file. Exercises are attached later by the course loader.
pub fn lesson(file: &str, text: &str) -> Result<Lesson, Vec<ContentError>> {
    let mut errs = Vec::new();
    let lines = numbered(text);
    let err = |line: usize, msg: String| ContentError::at(file, line, msg);

    // --- header ---------------------------------------------------------------------
    let head = header(file, &lines, "a lesson", &mut errs)?;
    let end = head.end;
    let mut id = None;
    let mut title = None;
    let mut summary = None;
    let mut minutes = None;
    let mut prerequisites = Vec::new();
    let mut related = Vec::new();
    let mut pass_mark = DEFAULT_PASS_MARK;
    for &(n, key, value) in &head.entries {
        match key {
            "id" => {
                if is_id(value) {
                    id = Some((n, value.to_string()));
                } else {
                    errs.push(err(n, format!("lesson id `{value}` must use only lowercase letters, digits and `-`")));
                }
            }
            "title" | "summary" => {
                if value.is_empty() {
                    errs.push(err(n, format!("`{key}` is empty")));
                } else if key == "title" {
                    title = Some(value.to_string());
                } else {
                    summary = Some(value.to_string());
                }
            }
            "minutes" => match value.parse::<u32>() {
                Ok(m) if (1..=240).contains(&m) => minutes = Some(m),
                _ => errs.push(err(n, format!("`minutes` must be a whole number from 1 to 240, not `{value}`"))),
            },
            "prerequisites" => prerequisites = list_of_ids(value),
            "related" => related = list_of_ids(value),
            "pass_mark" => match value.parse::<u8>() {
                Ok(p) if p <= 100 => pass_mark = p,
                _ => errs.push(err(n, format!("`pass_mark` must be a percentage from 0 to 100, not `{value}`"))),
            },
            other => errs.push(err(
                n,
                format!("unknown header key `{other}` (known: id, title, summary, minutes, prerequisites, related, pass_mark)"),
            )),
        }
    }
    let header_line = head.line;
    for (missing, present) in [
        ("id", id.is_some()),
        ("title", title.is_some()),
        ("summary", summary.is_some()),
        ("minutes", minutes.is_some()),
    ] {
        if !present
            && !errs
                .iter()
                .any(|e| e.message.contains(&format!("`{missing}`")))
        {
            errs.push(err(header_line, format!("the header has no `{missing}`")));
        }
    }

    // --- body -------------------------------------------------------------------------
    let body = &lines[end + 1..];
    let (before, parts) = split_headings(body, "## ");
    if let Some(&(n, _)) = before.iter().find(|(_, l)| !l.trim().is_empty()) {
        errs.push(err(n, "text before the first `## ` section heading".into()));
    }
    let mut sections = Vec::new();
    let mut quiz = Vec::new();
    let mut item_lines = Vec::new();
    let mut takeaways = Vec::new();
    let mut reflections = Vec::new();
    let mut sources = Vec::new();
    let mut special_seen: Vec<&str> = Vec::new();
    for (n, heading, content) in parts {
        let special = match heading.to_lowercase().as_str() {
            "quiz" => Some("Quiz"),
            "takeaways" | "key takeaways" => Some("Takeaways"),
            "reflection" | "reflections" => Some("Reflection"),
            "sources" => Some("Sources"),
            _ => None,
        };
        if let Some(name) = special {
            if special_seen.contains(&name) {
                errs.push(err(n, format!("`## {name}` appears twice")));
                continue;
            }
            special_seen.push(name);
        }
        match special {
            Some("Quiz") => quiz_section(file, &content, &mut quiz, &mut item_lines, &mut errs),
            Some(name) => match list_section(&content) {
                Ok(items) if items.is_empty() => {
                    errs.push(err(n, format!("`## {name}` has no `- ` items")))
                }
                Ok(items) => match name {
                    "Takeaways" => {
                        takeaways = items.into_iter().map(|(_, t)| markup::inline(&t)).collect()
                    }
                    "Sources" => {
                        sources = items.into_iter().map(|(_, t)| markup::inline(&t)).collect()
                    }
                    _ => {
                        for (ln, t) in items {
                            match t.split_once(':') {
                                Some((rid, q)) if is_id(rid.trim()) && !q.trim().is_empty() => {
                                    if reflections.iter().any(|r: &Reflection| r.id == rid.trim()) {
                                        errs.push(err(ln, format!("duplicate reflection id `{}`", rid.trim())));
                                    }
                                    reflections.push(Reflection {
                                        id: rid.trim().to_string(),
                                        prompt: q.trim().to_string(),
                                    });
                                }
                                _ => errs.push(err(
                                    ln,
                                    "a reflection question must be written `- id: question` (id: lowercase letters, digits, `-`)".into(),
                                )),
                            }
                        }
                    }
                },
                Err((ln, m)) => errs.push(err(ln, m)),
            },
            None => {
                if heading.is_empty() {
                    errs.push(err(n, "a section heading is empty".into()));
                    continue;
                }
                match markup::blocks(&content) {
                    Ok(blocks) if blocks.is_empty() => {
                        errs.push(err(n, format!("section `{heading}` is empty")))
                    }
                    Ok(blocks) => sections.push(Section {
                        title: heading,
                        blocks,
                    }),
                    Err((ln, m)) => errs.push(err(ln, m)),
                }
            }
        }
    }
    if !errs.is_empty() {
        return Err(errs);
    }
    let (Some((_, id)), Some(title), Some(summary), Some(minutes)) = (id, title, summary, minutes)
    else {
        return Err(vec![err(header_line, "the header is incomplete".into())]);
    };
    Ok(Lesson {
        id,
        title,
        summary,
        minutes,
        prerequisites,
        related,
        pass_mark,
        sections,
        quiz,
        item_lines,
        takeaways,
        reflections,
        sources,
        exercises: Vec::new(),
        file: file.to_string(),
    })
}

/// A section that is only a `- ` list; returns `(line, text)` per item.
fn list_section(content: &[(usize, &str)]) -> Result<Vec<(usize, String)>, (usize, String)> {
    let mut items: Vec<(usize, String)> = Vec::new();
    for &(n, line) in content {
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        if let Some(item) = t.strip_prefix("- ") {
            if item.trim().is_empty() {
                return Err((n, "a list item has no text".into()));
            }
            items.push((n, item.trim().to_string()));
        } else if line.starts_with("  ") && !items.is_empty() {
            if let Some(last) = items.last_mut() {
                last.1.push(' ');
                last.1.push_str(t);
            }
        } else {
            return Err((n, format!("expected a `- ` list item, found `{t}`")));
        }
    }
    Ok(items)
}

const ITEM_KEYS: [&str; 8] = [
    "Explanation",
    "Answer",
    "If true",
    "If false",
    "Accept",
    "Normalize",
    "Unit",
    "Wrong",
];

fn item_key(line: &str) -> Option<(&'static str, &str)> {
    ITEM_KEYS.iter().find_map(|k| {
        line.strip_prefix(k)
            .and_then(|r| r.strip_prefix(':'))
            .map(|v| (*k, v.trim()))
    })
}

fn quiz_section(
    file: &str,
    content: &[(usize, &str)],
    quiz: &mut Vec<QuizItem>,
    item_lines: &mut Vec<usize>,
    errs: &mut Vec<ContentError>,
) {
    let (before, items) = split_headings(content, "### ");
    if let Some(&(n, _)) = before.iter().find(|(_, l)| !l.trim().is_empty()) {
        errs.push(ContentError::at(
            file,
            n,
            "text in `## Quiz` before the first `### type: id` item".into(),
        ));
    }
    if items.is_empty() {
        if let Some(&(n, _)) = content.first() {
            errs.push(ContentError::at(file, n, "`## Quiz` has no items".into()));
        }
    }
    for (n, heading, body) in items {
        match quiz_item(&heading, &body) {
            Ok(item) => {
                if quiz.iter().any(|q| q.id == item.id) {
                    errs.push(ContentError::at(
                        file,
                        n,
                        format!("duplicate quiz item id `{}`", item.id),
                    ));
                } else {
                    quiz.push(item);
                    item_lines.push(n);
                }
            }
            Err(problems) => {
                let label = heading
                    .split_once(':')
                    .map(|(_, id)| id.trim())
                    .filter(|id| !id.is_empty())
                    .unwrap_or(heading.as_str());
                for (ln, m) in problems {
                    errs.push(ContentError::at(
                        file,
                        ln.unwrap_or(n),
                        format!("quiz item `{label}`: {m}"),
                    ));
                }
            }
        }
    }
}

struct RawOption {
    line: usize,
    text: String,
    correct: bool,
    feedback: Vec<String>,
}

type Problems = Vec<(Option<usize>, String)>;

/// A `Key: value` line of a quiz item: its line, the key, the value (continuations joined).
type RawKey = (usize, &'static str, String);

/// The type in a `### TYPE: ID` heading.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ItemType {
    Single,
    Multiple,
    TrueFalse,
    Short,
}

impl ItemType {
    fn parse(text: &str) -> Option<ItemType> {
        match text {
            "single" => Some(ItemType::Single),
            "multiple" => Some(ItemType::Multiple),
            "truefalse" => Some(ItemType::TrueFalse),
            "short" => Some(ItemType::Short),
            _ => None,
        }
    }

    /// As written in the heading (and in messages).
    fn name(self) -> &'static str {
        match self {
            ItemType::Single => "single",
            ItemType::Multiple => "multiple",
            ItemType::TrueFalse => "truefalse",
            ItemType::Short => "short",
        }
    }

    fn is_choice(self) -> bool {
        matches!(self, ItemType::Single | ItemType::Multiple)
    }

    /// The `Key:` lines an item of this type may have.
    fn allowed_keys(self) -> &'static [&'static str] {
        match self {
            ItemType::Single | ItemType::Multiple => &["Explanation"],
            ItemType::TrueFalse => &["Explanation", "Answer", "If true", "If false"],
            ItemType::Short => &["Explanation", "Accept", "Normalize", "Unit", "Wrong"],
        }
    }
}

/// The body of a quiz item as written, before any check: prompt lines, options with
/// their feedback, and `Key:` lines.
struct RawItem<'a> {
    prompt: Vec<&'a str>,
    options: Vec<RawOption>,
    keys: Vec<RawKey>,
}

/// The `Key:` lines named `name`, in order.
fn keyed<'k>(keys: &'k [RawKey], name: &'static str) -> impl Iterator<Item = &'k RawKey> {
    keys.iter().filter(move |(_, k, _)| *k == name)
}

/// The first value of key `name`.
fn first_value(keys: &[RawKey], name: &'static str) -> Option<String> {
    keyed(keys, name).next().map(|(_, _, v)| v.clone())
}

fn quiz_item(heading: &str, body: &[(usize, &str)]) -> Result<QuizItem, Problems> {
    let mut problems: Problems = Vec::new();
    let (kind, id) = item_heading(heading, &mut problems)?;
    let raw = item_body(body, &mut problems);
    let prompt = raw.prompt.join(" ");
    let explanation = check_item_parts(kind, &prompt, &raw, &mut problems);
    let item_kind = match kind {
        ItemType::Single | ItemType::Multiple => choice_kind(kind, raw.options, &mut problems),
        ItemType::TrueFalse => true_false_kind(&raw.keys, &mut problems),
        ItemType::Short => short_answer_kind(&raw.keys, &mut problems),
    };
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(QuizItem {
        id,
        prompt,
        explanation: explanation.unwrap_or_default(),
        kind: item_kind,
    })
}

/// The type and id of `### TYPE: ID`. A bad id is a problem; a heading without `:` or
/// with an unknown type is the only problem reported.
fn item_heading(heading: &str, problems: &mut Problems) -> Result<(ItemType, String), Problems> {
    let Some((kind, id)) = heading.split_once(':') else {
        return Err(vec![(
            None,
            "an item heading must be `### TYPE: ID` (TYPE: single, multiple, truefalse or short)"
                .into(),
        )]);
    };
    let kind = kind.trim().to_lowercase();
    let id = id.trim().to_string();
    if !is_id(&id) {
        problems.push((
            None,
            format!("item id `{id}` must use only lowercase letters, digits and `-`"),
        ));
    }
    match ItemType::parse(&kind) {
        Some(k) => Ok((k, id)),
        None => Err(vec![(
            None,
            format!("unknown item type `{kind}` (known: single, multiple, truefalse, short)"),
        )]),
    }
}

/// Read the body lines: the prompt, then options (`- [x]` / `- [ ]`) with `>` feedback,
/// and `Key:` lines; indented lines continue the option or key above them.
fn item_body<'a>(body: &[(usize, &'a str)], problems: &mut Problems) -> RawItem<'a> {
    let mut item = RawItem {
        prompt: Vec::new(),
        options: Vec::new(),
        keys: Vec::new(),
    };
    // What an indented continuation line extends.
    enum Last {
        Prompt,
        Option,
        Key,
    }
    let mut last = Last::Prompt;
    for &(n, raw) in body {
        let line = raw.trim_end();
        let t = line.trim_start();
        if t.is_empty() {
            if matches!(last, Last::Key) {
                last = Last::Prompt; // a blank line ends a key's continuation
            }
            continue;
        }
        if let Some(rest) = t.strip_prefix("- [") {
            if let Some(option) = option_line(n, rest, problems) {
                item.options.push(option);
                last = Last::Option;
            }
        } else if let Some(fb) = t.strip_prefix('>') {
            match item.options.last_mut() {
                Some(o) if matches!(last, Last::Option) => o.feedback.push(fb.trim().to_string()),
                _ => problems.push((Some(n), "feedback (`>`) must follow an option".into())),
            }
        } else if let Some((k, v)) = item_key(t) {
            item.keys.push((n, k, v.to_string()));
            last = Last::Key;
        } else if line.starts_with("  ") && !matches!(last, Last::Prompt) {
            let continued = match last {
                Last::Option => item.options.last_mut().map(|o| &mut o.text),
                Last::Key => item.keys.last_mut().map(|k| &mut k.2),
                Last::Prompt => None,
            };
            if let Some(text) = continued {
                text.push(' ');
                text.push_str(t);
            }
        } else if t.starts_with("- ") {
            problems.push((
                Some(n),
                "an option must start with `- [x]` or `- [ ]`".into(),
            ));
        } else if item.options.is_empty() && item.keys.is_empty() {
            item.prompt.push(t);
        } else {
            problems.push((
                Some(n),
                format!("unexpected text `{t}` after the options (a `Key:` line, an option or `>` feedback was expected)"),
            ));
        }
    }
    item
}

/// An option line after its `- [`: the mark decides right or wrong.
fn option_line(n: usize, rest: &str, problems: &mut Problems) -> Option<RawOption> {
    let Some((mark, text)) = rest.split_once(']') else {
        problems.push((
            Some(n),
            "an option must start with `- [x]` or `- [ ]`".into(),
        ));
        return None;
    };
    let correct = match mark.trim().to_lowercase().as_str() {
        "x" => true,
        "" => false,
        other => {
            problems.push((
                Some(n),
                format!("an option is marked `[{other}]`; use `[x]` for right or `[ ]` for wrong"),
            ));
            return None;
        }
    };
    Some(RawOption {
        line: n,
        text: text.trim().to_string(),
        correct,
        feedback: Vec::new(),
    })
}

/// The checks every item type shares: a prompt, option texts, keys neither empty nor
/// repeated (but `Wrong:`), an explanation (returned), only the type's keys, and options
/// only in choice items.
fn check_item_parts(
    kind: ItemType,
    prompt: &str,
    raw: &RawItem<'_>,
    problems: &mut Problems,
) -> Option<String> {
    if prompt.trim().is_empty() {
        problems.push((None, "the question text is empty".into()));
    }
    for o in &raw.options {
        if o.text.is_empty() {
            problems.push((Some(o.line), "an option has no text".into()));
        }
    }
    for (n, k, v) in &raw.keys {
        if v.trim().is_empty() {
            problems.push((Some(*n), format!("`{k}:` is empty")));
        }
        if *k != "Wrong" && keyed(&raw.keys, k).count() > 1 {
            problems.push((Some(*n), format!("`{k}:` appears more than once")));
        }
    }
    let explanation = first_value(&raw.keys, "Explanation");
    if explanation.is_none() {
        problems.push((None, "it has no `Explanation:`".into()));
    }
    for (n, k, _) in &raw.keys {
        if !kind.allowed_keys().contains(k) {
            problems.push((
                Some(*n),
                format!("`{k}:` does not belong in a `{}` item", kind.name()),
            ));
        }
    }
    if let Some(first) = raw.options.first().filter(|_| !kind.is_choice()) {
        problems.push((
            Some(first.line),
            format!(
                "a `{}` item has no options; use `single` or `multiple` for choices",
                kind.name()
            ),
        ));
    }
    explanation
}

/// A single- or multiple-choice item: at least two options, and one (single) or at
/// least one (multiple) correct.
fn choice_kind(kind: ItemType, options: Vec<RawOption>, problems: &mut Problems) -> ItemKind {
    let correct = options.iter().filter(|o| o.correct).count();
    if options.len() < 2 {
        problems.push((
            None,
            format!(
                "a choice item needs at least two options, this one has {}",
                options.len()
            ),
        ));
    }
    if correct == 0 {
        problems.push((
            None,
            "a choice item needs a correct option (`- [x]`), this one has none".into(),
        ));
    }
    if kind == ItemType::Single && correct > 1 {
        problems.push((
            None,
            format!(
                "a single-choice item needs exactly one correct option, this one has {correct}"
            ),
        ));
    }
    let options: Vec<Choice> = options
        .into_iter()
        .map(|o| {
            let (text, pinned) = option_marker(o.line, &o.text, problems);
            Choice {
                text,
                correct: o.correct,
                feedback: (!o.feedback.is_empty()).then(|| o.feedback.join(" ")),
                pinned,
            }
        })
        .collect();
    let pinned = options.iter().filter(|o| o.pinned).count();
    if options.len() >= 2 && options.len() - pinned < 2 {
        problems.push((
            None,
            format!(
                "{pinned} of its {} options are pinned with `{PIN}`; leave at least two free so that their order can change",
                options.len()
            ),
        ));
    }
    if kind == ItemType::Single {
        ItemKind::SingleChoice { options }
    } else {
        ItemKind::MultipleChoice { options }
    }
}

/// The marker at the end of an option line that keeps the option in its place.
const PIN: &str = "@pin";

/// An option's text without its trailing marker, and whether it is pinned. A last word
/// that starts with `@` and is not `@pin` is a problem (most likely a misspelt marker).
fn option_marker(line: usize, text: &str, problems: &mut Problems) -> (String, bool) {
    let Some((before, last)) = text.rsplit_once(char::is_whitespace) else {
        if text.starts_with('@') && text.len() > 1 {
            problems.push((
                Some(line),
                format!("an option needs text before its `{text}` marker"),
            ));
        }
        return (text.to_string(), false);
    };
    let is_marker = last.len() > 1
        && last.starts_with('@')
        && last[1..]
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-');
    if !is_marker {
        return (text.to_string(), false);
    }
    if last != PIN {
        problems.push((
            Some(line),
            format!("unknown option marker `{last}`; the only one is `{PIN}`, which keeps an option in its place"),
        ));
        return (text.to_string(), false);
    }
    (before.trim_end().to_string(), true)
}

/// A true/false item: its `Answer:` and the feedback for each answer.
fn true_false_kind(keys: &[RawKey], problems: &mut Problems) -> ItemKind {
    let answer = match keyed(keys, "Answer").next() {
        Some((n, _, v)) => match v.trim().to_lowercase().as_str() {
            "true" => Some(true),
            "false" => Some(false),
            other => {
                problems.push((
                    Some(*n),
                    format!("`Answer:` must be `true` or `false`, not `{other}`"),
                ));
                None
            }
        },
        None => {
            problems.push((
                None,
                "a truefalse item needs `Answer: true` or `Answer: false`".into(),
            ));
            None
        }
    };
    ItemKind::TrueFalse {
        answer: answer.unwrap_or(false),
        if_true: first_value(keys, "If true"),
        if_false: first_value(keys, "If false"),
    }
}

/// A short-answer item: accepted answers, how answers are compared, and known wrong
/// answers with their feedback (none of them accepted).
fn short_answer_kind(keys: &[RawKey], problems: &mut Problems) -> ItemKind {
    let accepted: Vec<String> = keyed(keys, "Accept")
        .flat_map(|(_, _, v)| v.split('|').map(|a| a.trim().to_string()))
        .filter(|a| !a.is_empty())
        .collect();
    if accepted.is_empty() {
        problems.push((
            None,
            "a short-answer item needs `Accept:` with at least one answer".into(),
        ));
    }
    let normalizer = normalizer_of(keys, problems);
    let units: Vec<String> = keyed(keys, "Unit")
        .flat_map(|(_, _, v)| v.split('|').map(|u| u.trim().to_string()))
        .filter(|u| !u.is_empty())
        .collect();
    if let Some((n, _, _)) = keyed(keys, "Unit").next() {
        if normalizer != Normalizer::Number {
            problems.push((
                Some(*n),
                "`Unit:` applies only to numbers: add `Normalize: number`".into(),
            ));
        }
    }
    for a in &accepted {
        if normalizer.read(a, &units).is_none() {
            problems.push((
                None,
                format!(
                    "accepted answer `{a}` is not {} (`Normalize: {}`): a learner's answer in that form could never match it",
                    if normalizer == Normalizer::Cidr { "a prefix" } else { "a number" },
                    if normalizer == Normalizer::Cidr { "cidr" } else { "number" },
                ),
            ));
        }
    }
    let known_wrong = known_wrong_of(keys, problems);
    for w in &known_wrong {
        if accepted
            .iter()
            .any(|a| normalizer.normalize(a) == normalizer.normalize(&w.answer))
        {
            problems.push((
                None,
                format!("`{}` is both accepted and listed as wrong", w.answer),
            ));
        }
    }
    ItemKind::ShortAnswer {
        accepted,
        normalizer,
        units,
        known_wrong,
    }
}

/// The `Normalize:` value (text if absent or unknown).
fn normalizer_of(keys: &[RawKey], problems: &mut Problems) -> Normalizer {
    let Some((n, _, v)) = keyed(keys, "Normalize").next() else {
        return Normalizer::Text;
    };
    match v.trim().to_lowercase().as_str() {
        "text" => Normalizer::Text,
        "cidr" => Normalizer::Cidr,
        "number" => Normalizer::Number,
        "exact" => Normalizer::Exact,
        other => {
            problems.push((
                Some(*n),
                format!("unknown `Normalize:` value `{other}` (known: text, cidr, number, exact)"),
            ));
            Normalizer::Text
        }
    }
}

/// The `Wrong: answer => feedback` lines.
fn known_wrong_of(keys: &[RawKey], problems: &mut Problems) -> Vec<KnownWrong> {
    let mut known_wrong = Vec::new();
    for (n, _, v) in keyed(keys, "Wrong") {
        match v.split_once("=>") {
            Some((a, f)) if !a.trim().is_empty() && !f.trim().is_empty() => {
                known_wrong.push(KnownWrong {
                    answer: a.trim().to_string(),
                    feedback: f.trim().to_string(),
                })
            }
            _ => problems.push((Some(*n), "`Wrong:` must be `answer => feedback`".into())),
        }
    }
    known_wrong
}

/// Parse the glossary file.
pub fn glossary(file: &str, text: &str) -> Result<Vec<Term>, Vec<ContentError>> {
    let lines = numbered(text);
    let (before, parts) = split_headings(&lines, "## ");
    let mut errs = Vec::new();
    if let Some(&(n, _)) = before.iter().find(|(_, l)| !l.trim().is_empty()) {
        errs.push(ContentError::at(
            file,
            n,
            "text before the first `## Term` heading".into(),
        ));
    }
    let mut terms: Vec<Term> = Vec::new();
    for (n, name, body) in parts {
        let mut aliases = Vec::new();
        let mut rest = Vec::new();
        for &(ln, l) in &body {
            match l.trim().strip_prefix("Also:") {
                Some(a)
                    if rest
                        .iter()
                        .all(|(_, r): &(usize, &str)| r.trim().is_empty()) =>
                {
                    aliases.extend(
                        a.split(',')
                            .map(|s| s.trim().to_string())
                            .filter(|s| !s.is_empty()),
                    )
                }
                _ => rest.push((ln, l)),
            }
        }
        let id = slug(&name);
        if id.is_empty() {
            errs.push(ContentError::at(
                file,
                n,
                "a glossary heading is empty".into(),
            ));
            continue;
        }
        match markup::blocks(&rest) {
            Ok(def) if def.is_empty() => errs.push(ContentError::at(
                file,
                n,
                format!("glossary term `{name}` has no definition"),
            )),
            Ok(definition) => {
                let all: Vec<String> = std::iter::once(name.to_lowercase())
                    .chain(aliases.iter().map(|a| a.to_lowercase()))
                    .collect();
                if let Some(clash) = terms
                    .iter()
                    .find(|t| t.id == id || all.iter().any(|a| t.matches(a)))
                {
                    errs.push(ContentError::at(
                        file,
                        n,
                        format!(
                            "glossary term `{name}` clashes with `{}` (same name or alias)",
                            clash.name
                        ),
                    ));
                    continue;
                }
                terms.push(Term {
                    id,
                    name,
                    aliases,
                    definition,
                });
            }
            Err((ln, m)) => errs.push(ContentError::at(file, ln, m)),
        }
    }
    if errs.is_empty() {
        Ok(terms)
    } else {
        Err(errs)
    }
}

/// Parse an exercise file `exercises/<lab>.md`.
pub fn exercises(file: &str, lab: &str, text: &str) -> Result<Vec<Exercise>, Vec<ContentError>> {
    exercises_with::<Validate>(file, lab, text)
}

/// [`exercises`], each checked as `C` says ([`crate::exercise_check`]).
pub fn exercises_with<C: ExerciseCheck>(
    file: &str,
    lab: &str,
    text: &str,
) -> Result<Vec<Exercise>, Vec<ContentError>> {
    let lines = numbered(text);
    let (before, parts) = split_headings(&lines, "## ");
    let mut errs = Vec::new();
    if let Some(&(n, _)) = before.iter().find(|(_, l)| !l.trim().is_empty()) {
        errs.push(ContentError::at(
            file,
            n,
            "text before the first `## Exercise: ID` heading".into(),
        ));
    }
    let mut out = Vec::new();
    for (n, heading, body) in parts {
        let Some(id) = heading.strip_prefix("Exercise:").map(str::trim) else {
            errs.push(ContentError::at(
                file,
                n,
                format!("expected `## Exercise: ID`, found `## {heading}`"),
            ));
            continue;
        };
        if let Some((ex, _)) = exercise_entry::<C>(
            file,
            n,
            id,
            &body,
            Place {
                lab: Some(lab),
                lesson: None,
            },
            &mut errs,
        ) {
            out.push(ex);
        }
    }
    if errs.is_empty() {
        Ok(out)
    } else {
        Err(errs)
    }
}

/// Where an exercise entry is read: an exercise file names its lab (from the file name) and
/// each entry its lesson (`Lesson:`); a workshop file names its lesson (the segment) and each
/// entry its lab (`Lab:`). A value given here is not read from a line.
#[derive(Clone, Copy)]
pub(crate) struct Place<'a> {
    pub(crate) lab: Option<&'a str>,
    pub(crate) lesson: Option<&'a str>,
}

/// Read one `## Exercise: ID` entry (heading on line `n`, `body` under it): the keys, the
/// task prose and the ```json block, read by [`ExerciseSpec::from_lab_json`] and checked
/// as `C` says ([`crate::exercise_check`]). The one reader of exercises, for exercise files
/// and workshop files. Returns the exercise and its task as written (markup source).
pub(crate) fn exercise_entry<C: ExerciseCheck>(
    file: &str,
    n: usize,
    id: &str,
    body: &[(usize, &str)],
    place: Place<'_>,
    errs: &mut Vec<ContentError>,
) -> Option<(Exercise, String)> {
    let label = |m: String| format!("exercise `{id}`: {m}");
    if !is_id(id) {
        errs.push(ContentError::at(
            file,
            n,
            label("the id must use only lowercase letters, digits and `-`".into()),
        ));
        return None;
    }
    let mut lesson = place.lesson.map(str::to_string);
    let mut lab = place.lab.map(str::to_string);
    let mut title = None;
    let mut hint = None;
    let mut task = Vec::new();
    let mut json: Option<(usize, String)> = None;
    let mut i = 0;
    while i < body.len() {
        let (ln, l) = body[i];
        let t = l.trim();
        if t.starts_with("```json") {
            let mut buf = Vec::new();
            let mut closed = false;
            i += 1;
            while i < body.len() {
                if body[i].1.trim().starts_with("```") {
                    closed = true;
                    break;
                }
                buf.push(body[i].1);
                i += 1;
            }
            if !closed {
                errs.push(ContentError::at(
                    file,
                    ln,
                    label("the ```json block is never closed".into()),
                ));
            }
            if json.is_some() {
                errs.push(ContentError::at(
                    file,
                    ln,
                    label("more than one ```json block".into()),
                ));
            }
            json = Some((ln, buf.join("\n")));
        } else if let Some(v) = t
            .strip_prefix("Lesson:")
            .filter(|_| task.is_empty() && place.lesson.is_none())
        {
            lesson = Some(v.trim().to_string());
        } else if let Some(v) = t
            .strip_prefix("Lab:")
            .filter(|_| task.is_empty() && place.lab.is_none())
        {
            lab = Some(v.trim().to_string());
        } else if let Some(v) = t.strip_prefix("Title:").filter(|_| task.is_empty()) {
            title = Some(v.trim().to_string());
        } else if let Some(v) = t.strip_prefix("Hint:").filter(|_| task.is_empty()) {
            hint = Some(v.trim().to_string());
        } else {
            task.push((ln, l));
        }
        i += 1;
    }
    let mut ok = true;
    for (name, v) in [
        ("Lesson", &lesson),
        ("Lab", &lab),
        ("Title", &title),
        ("Hint", &hint),
    ] {
        if v.as_deref().is_none_or(|s| s.is_empty()) {
            errs.push(ContentError::at(
                file,
                n,
                label(format!("it needs a `{name}:` line")),
            ));
            ok = false;
        }
    }
    let source = task
        .iter()
        .map(|(_, l)| *l)
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_string();
    let task = match markup::blocks(&task) {
        Ok(b) if b.is_empty() => {
            errs.push(ContentError::at(
                file,
                n,
                label("it has no task text".into()),
            ));
            ok = false;
            b
        }
        Ok(b) => b,
        Err((ln, m)) => {
            errs.push(ContentError::at(file, ln, label(m)));
            ok = false;
            Vec::new()
        }
    };
    let spec = match &json {
        None => {
            errs.push(ContentError::at(
                file,
                n,
                label("it needs a ```json block with the lab's parameters".into()),
            ));
            None
        }
        Some(_) if lab.is_none() => None,
        Some((jl, text)) => match spec_from_json(lab.as_deref().unwrap_or_default(), text) {
            Ok(spec) => match C::check(&spec) {
                Ok(()) => Some(spec),
                Err(m) => {
                    errs.push(ContentError::at(file, *jl, label(m)));
                    None
                }
            },
            Err((off, m)) => {
                errs.push(ContentError::at(file, jl + off, label(m)));
                None
            }
        },
    };
    match (ok, spec) {
        (true, Some(spec)) => Some((
            Exercise {
                id: id.to_string(),
                lesson: lesson.unwrap_or_default(),
                title: title.unwrap_or_default(),
                hint: hint.unwrap_or_default(),
                task,
                spec,
            },
            source,
        )),
        _ => None,
    }
}

/// Deserialise an exercise's JSON for `lab`. Errors give the line offset inside the block.
fn spec_from_json(lab: &str, text: &str) -> Result<ExerciseSpec, (usize, String)> {
    let value: serde_json::Value = serde_json::from_str(text)
        .map_err(|e| (e.line(), format!("the JSON block is not valid JSON: {e}")))?;
    if !value.is_object() {
        return Err((1, "the JSON block must be an object `{ ... }`".into()));
    }
    ExerciseSpec::from_lab_json(lab, value)
        .map_err(|e| (1, format!("the parameters do not fit the `{lab}` lab: {e}")))
}

#[cfg(test)]
mod pin_tests {
    use crate::load_sources;
    use cloudhop_core::quiz::ItemKind;

    const GLOSSARY: &str = "## BGP\nThe routing protocol of the internet.\n";

    fn lesson(quiz: &str) -> String {
        format!(
            "---\nid: a\ntitle: A\nsummary: S\nminutes: 5\n---\n## Intro\nHello.\n## Quiz\n{quiz}"
        )
    }

    fn errors(quiz: &str) -> Vec<String> {
        match load_sources(&[("a.md", &lesson(quiz)), ("glossary.md", GLOSSARY)]) {
            Ok(_) => vec![],
            Err(e) => e.iter().map(|e| e.to_string()).collect(),
        }
    }

    #[test]
    fn a_pinned_option_loses_its_marker_and_keeps_its_place() {
        let quiz = "### single: s\nPick.\n- [x] One\n- [ ] Two\n- [ ] Three\n- [ ] None of the above @pin\n  > Not this.\nExplanation: E.\n";
        let course = load_sources(&[("a.md", &lesson(quiz)), ("glossary.md", GLOSSARY)]).unwrap();
        let item = &course.lessons[0].quiz[0];
        let ItemKind::SingleChoice { options } = &item.kind else {
            panic!("a single-choice item")
        };
        assert_eq!(options[3].text, "None of the above");
        assert!(options[3].pinned);
        assert!(options[..3].iter().all(|o| !o.pinned));
        assert_eq!(options[3].feedback.as_deref(), Some("Not this."));
        for seed in 1..200 {
            assert_eq!(item.shown_order(seed)[3].0, 3, "seed {seed}");
        }
        // The marker may end a continued option line too.
        let continued = "### multiple: m\nPick.\n- [x] One\n- [x] Two\n- [ ] All of\n  the above @pin\nExplanation: E.\n";
        let course =
            load_sources(&[("a.md", &lesson(continued)), ("glossary.md", GLOSSARY)]).unwrap();
        let ItemKind::MultipleChoice { options } = &course.lessons[0].quiz[0].kind else {
            panic!("a multiple-choice item")
        };
        assert_eq!(
            (options[2].text.as_str(), options[2].pinned),
            ("All of the above", true)
        );
        // An address with `@` inside a word is text, not a marker.
        let mail =
            "### single: s\nPick.\n- [x] Write to noc@example.org\n- [ ] Call\nExplanation: E.\n";
        assert_eq!(errors(mail), Vec::<String>::new());
    }

    #[test]
    fn bad_markers_are_reported_with_file_and_line() {
        let typo = "### single: s\nPick.\n- [x] One\n- [ ] Two\n- [ ] None of these @pinned\nExplanation: E.\n";
        assert_eq!(
            errors(typo),
            ["a.md:14: quiz item `s`: unknown option marker `@pinned`; the only one is `@pin`, which keeps an option in its place"]
        );
        let all =
            "### single: s\nPick.\n- [x] One @pin\n- [ ] Two\n- [ ] Three @pin\nExplanation: E.\n";
        assert_eq!(
            errors(all),
            ["a.md:10: quiz item `s`: 2 of its 3 options are pinned with `@pin`; leave at least two free so that their order can change"]
        );
        let bare = "### single: s\nPick.\n- [x] One\n- [ ] Two\n- [ ] @pin\nExplanation: E.\n";
        assert_eq!(
            errors(bare),
            ["a.md:14: quiz item `s`: an option needs text before its `@pin` marker"]
        );
    }

    #[test]
    fn the_shipped_quiz_cannot_be_passed_by_position() {
        // Over many learners, the right option of a single-choice item is shown first in
        // about 1/n of the cases, whatever position the author gave it.
        let course = crate::shipped().unwrap();
        let mut expected = 0.0;
        let mut first = 0u32;
        let mut items = 0u32;
        for lesson in &course.lessons {
            for item in &lesson.quiz {
                let ItemKind::SingleChoice { options } = &item.kind else {
                    continue;
                };
                items += 1;
                for seed in 1..=500 {
                    let shown = item.shown_order(seed);
                    if shown.first().is_some_and(|(_, o)| o.correct) {
                        first += 1;
                    }
                    expected += 1.0 / options.len() as f64;
                }
            }
        }
        assert!(items > 0);
        let ratio = f64::from(first) / expected;
        assert!(
            (0.9..1.1).contains(&ratio),
            "right option first {first} times, expected about {expected:.0}"
        );
    }
}
