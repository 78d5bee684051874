//! Reading a workshop file (format in `docs/workshop-format.md`) into a
//! [`cloudhop_core::workshop::Workshop`], with every problem's line.

use super::{FileLines, SegmentLines, WorkshopFile};
use crate::error::ContentError;
use crate::exercise_check::Validate;
use crate::model::slug;
use crate::parse::{exercise_entry, header, is_id, list_of_ids, numbered, split_headings, Place};
use cloudhop_core::workshop::{
    ExpectedWrong, ItemChoice, Notes, Segment, Workshop, WorkshopExercise, DEFAULT_PASS_MARK,
};

/// The most minutes one segment may plan (a whole day).
pub const MAX_SEGMENT_MINUTES: u32 = 600;

fn pass_mark(value: &str) -> Result<u8, String> {
    match value.trim_end_matches('%').trim().parse::<u8>() {
        Ok(p) if p <= 100 => Ok(p),
        _ => Err(format!(
            "a pass mark must be a percentage from 0 to 100, not `{value}`"
        )),
    }
}

fn yes_no(value: &str) -> Option<bool> {
    match value.to_lowercase().as_str() {
        "yes" | "true" => Some(true),
        "no" | "false" => Some(false),
        _ => None,
    }
}

/// Parse a workshop file. Lessons, sections and items are only checked against the course
/// by [`WorkshopFile::check`]; lab exercises are read and validated here, by the reader the
/// course's exercise files use.
pub fn parse(file: &str, text: &str) -> Result<WorkshopFile, Vec<ContentError>> {
    let mut errs = Vec::new();
    let lines = numbered(text);
    let err = |line: usize, msg: String| ContentError::at(file, line, msg);

    // --- header -----------------------------------------------------------------------
    let head = header(file, &lines, "a workshop", &mut errs)?;
    let (header_line, end) = (head.line, head.end);
    let (mut id, mut title, mut mark) = (None, None, DEFAULT_PASS_MARK);
    for &(n, key, value) in &head.entries {
        match key {
            "id" if is_id(value) && value.len() <= 64 => id = Some((n, value.to_string())),
            "id" => errs.push(err(
                n,
                format!("workshop id `{value}` must be 1 to 64 lowercase letters, digits and `-`"),
            )),
            "title" if !value.is_empty() => title = Some(value.to_string()),
            "title" => errs.push(err(n, "`title` is empty".into())),
            "pass_mark" => match pass_mark(value) {
                Ok(p) => mark = p,
                Err(m) => errs.push(err(n, format!("`pass_mark`: {m}"))),
            },
            other => errs.push(err(
                n,
                format!("unknown header key `{other}` (known: id, title, pass_mark)"),
            )),
        }
    }
    for (missing, present) in [("id", id.is_some()), ("title", title.is_some())] {
        if !present && !head.entries.iter().any(|(_, k, _)| *k == missing) {
            errs.push(err(header_line, format!("the header has no `{missing}`")));
        }
    }

    // --- segments ---------------------------------------------------------------------
    let (before, parts) = split_headings(&lines[end + 1..], "## ");
    if let Some(&(n, _)) = before.iter().find(|(_, l)| !l.trim().is_empty()) {
        errs.push(err(
            n,
            "text before the first `## Lesson: ID` heading".into(),
        ));
    }
    if parts.is_empty() {
        errs.push(err(
            header_line,
            "the workshop has no `## Lesson: ID` section".into(),
        ));
    }
    let mut segments = Vec::new();
    let mut seg_lines = Vec::new();
    for (n, heading, body) in parts {
        let Some(lesson) = heading.strip_prefix("Lesson:").map(str::trim) else {
            errs.push(err(
                n,
                format!("expected `## Lesson: ID`, found `## {heading}`"),
            ));
            continue;
        };
        if !is_id(lesson) {
            errs.push(err(
                n,
                format!("lesson id `{lesson}` must use only lowercase letters, digits and `-`"),
            ));
            continue;
        }
        let mut seg = Segment::whole(lesson);
        let mut at = SegmentLines {
            heading: n,
            ..SegmentLines::default()
        };
        let (keys, subs) = split_headings(&body, "### ");
        segment_keys(file, &keys, &mut seg, &mut at, &mut errs);
        let mut notes_seen = false;
        for (sn, sub, sbody) in subs {
            if sub.eq_ignore_ascii_case("notes") {
                if notes_seen {
                    errs.push(err(sn, "`### Notes` appears twice in this lesson".into()));
                }
                notes_seen = true;
                seg.notes = notes(file, &sbody, &mut at, &mut errs);
            } else if let Some(eid) = sub.strip_prefix("Exercise:").map(str::trim) {
                let place = Place {
                    lab: None,
                    lesson: Some(lesson),
                };
                if let Some((ex, task)) =
                    exercise_entry::<Validate>(file, sn, eid, &sbody, place, &mut errs)
                {
                    seg.exercises.push(WorkshopExercise {
                        id: ex.id,
                        title: ex.title,
                        hint: ex.hint,
                        task,
                        spec: ex.spec,
                    });
                    at.exercises.push(sn);
                }
            } else {
                errs.push(err(
                    sn,
                    format!("expected `### Notes` or `### Exercise: ID`, found `### {sub}`"),
                ));
            }
        }
        segments.push(seg);
        seg_lines.push(at);
    }
    if !errs.is_empty() {
        return Err(errs);
    }
    let (Some((id_line, id)), Some(title)) = (id, title) else {
        return Err(vec![err(header_line, "the header is incomplete".into())]);
    };
    Ok(WorkshopFile {
        file: file.to_string(),
        workshop: Workshop {
            id,
            title,
            pass_mark: mark,
            segments,
        },
        lines: FileLines {
            id: id_line,
            segments: seg_lines,
        },
    })
}

/// The `Key: value` lines at the top of a `## Lesson:` section.
fn segment_keys(
    file: &str,
    keys: &[(usize, &str)],
    seg: &mut Segment,
    at: &mut SegmentLines,
    errs: &mut Vec<ContentError>,
) {
    let err = |line: usize, msg: String| ContentError::at(file, line, msg);
    let mut seen: Vec<&str> = Vec::new();
    for &(n, line) in keys {
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        let Some((key, value)) = t.split_once(':') else {
            errs.push(err(n, format!("expected `Key: value` (Minutes, Section, Items, Pass mark, Lesson exercises) or a `### ` heading, found `{t}`")));
            continue;
        };
        let (key, value) = (key.trim(), value.trim());
        if key != "Section" {
            if seen.contains(&key) {
                errs.push(err(n, format!("`{key}:` appears twice in this lesson")));
                continue;
            }
            seen.push(key);
        }
        match key {
            "Minutes" => match value.parse::<u32>() {
                Ok(m) if (1..=MAX_SEGMENT_MINUTES).contains(&m) => seg.minutes = Some(m),
                _ => errs.push(err(
                    n,
                    format!("`Minutes` must be a whole number from 1 to {MAX_SEGMENT_MINUTES}, not `{value}`"),
                )),
            },
            "Section" if slug(value).is_empty() => {
                errs.push(err(n, "`Section:` names no heading".into()))
            }
            "Section" => {
                seg.sections.push(slug(value));
                at.sections.push(n);
            }
            "Items" => {
                at.items = Some(n);
                seg.items = match value.to_lowercase().as_str() {
                    "all" => ItemChoice::All,
                    "none" => ItemChoice::None,
                    _ => {
                        let ids = list_of_ids(value);
                        if let Some(bad) = ids.iter().find(|i| !is_id(i)) {
                            errs.push(err(n, format!("`Items`: `{bad}` is not an item id (write `all`, `none` or ids separated by commas)")));
                        }
                        ItemChoice::Only(ids)
                    }
                };
            }
            "Pass mark" => match pass_mark(value) {
                Ok(p) => seg.pass_mark = Some(p),
                Err(m) => errs.push(err(n, format!("`Pass mark`: {m}"))),
            },
            "Lesson exercises" => match yes_no(value) {
                Some(b) => seg.lesson_exercises = b,
                None => errs.push(err(
                    n,
                    format!("`Lesson exercises` is `yes` or `no`, not `{value}`"),
                )),
            },
            other => errs.push(err(
                n,
                format!("unknown key `{other}:` (known: Minutes, Section, Items, Pass mark, Lesson exercises)"),
            )),
        }
    }
}

/// A `### Notes` block: `Timing:`, `Prompt:` and `Expect: ITEM => note` lines, other text as
/// paragraphs. A line indented by two spaces continues the line above.
fn notes(
    file: &str,
    body: &[(usize, &str)],
    at: &mut SegmentLines,
    errs: &mut Vec<ContentError>,
) -> Notes {
    enum Last {
        Timing,
        Prompt,
        Expect,
        Other,
        Gap,
    }
    let mut notes = Notes::default();
    let mut last = Last::Gap;
    for &(n, line) in body {
        let t = line.trim();
        if t.is_empty() {
            last = Last::Gap;
            continue;
        }
        let append = |s: &mut String| {
            s.push(' ');
            s.push_str(t);
        };
        if line.starts_with("  ") {
            match last {
                Last::Timing => {
                    if let Some(s) = notes.timing.as_mut() {
                        append(s)
                    }
                }
                Last::Prompt => {
                    if let Some(s) = notes.prompts.last_mut() {
                        append(s)
                    }
                }
                Last::Expect => {
                    if let Some(e) = notes.expect.last_mut() {
                        append(&mut e.note)
                    }
                }
                Last::Other => {
                    if let Some(s) = notes.other.last_mut() {
                        append(s)
                    }
                }
                Last::Gap => {
                    notes.other.push(t.to_string());
                    last = Last::Other;
                }
            }
            continue;
        }
        if let Some(v) = t.strip_prefix("Timing:") {
            notes.timing = Some(v.trim().to_string());
            last = Last::Timing;
        } else if let Some(v) = t.strip_prefix("Prompt:") {
            notes.prompts.push(v.trim().to_string());
            last = Last::Prompt;
        } else if let Some((item, note)) =
            t.strip_prefix("Expect:").and_then(|v| v.split_once("=>"))
        {
            notes.expect.push(ExpectedWrong {
                item: item.trim().to_string(),
                note: note.trim().to_string(),
            });
            at.expect.push(n);
            last = Last::Expect;
        } else if t.starts_with("Expect:") {
            errs.push(ContentError::at(
                file,
                n,
                "write an expected wrong answer as `Expect: ITEM-ID => what to say`".into(),
            ));
        } else {
            match (&last, notes.other.last_mut()) {
                (Last::Other, Some(s)) => {
                    s.push(' ');
                    s.push_str(t);
                }
                _ => notes.other.push(t.to_string()),
            }
            last = Last::Other;
        }
    }
    notes
}
