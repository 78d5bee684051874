//! A class from an LRS: the statements stored for a registration, read back into the
//! per-learner [`Receipt`]s a workshop's class report takes (`crate::workshop::report`), so
//! the report is the same whether learners hand in receipts or an LRS holds their work.

use super::events::ActivityIds;
use crate::quiz::Answer;
use crate::workshop::receipt::{ExerciseResult, ItemResult, Receipt};
use crate::workshop::Outline;
use serde_json::Value;
use std::collections::BTreeMap;

/// The learner a statement is about, for a person: the actor's name, else its e-mail
/// address (without `mailto:`), else its account name.
fn learner(actor: &Value) -> Option<(String, String)> {
    let mbox = actor.get("mbox").and_then(Value::as_str);
    let account = actor
        .get("account")
        .and_then(|a| a.get("name"))
        .and_then(Value::as_str);
    let key = mbox
        .map(str::to_string)
        .or_else(|| account.map(|a| format!("account:{a}")))?;
    let name = actor
        .get("name")
        .and_then(Value::as_str)
        .filter(|n| !n.trim().is_empty())
        .map(|n| n.trim().to_string())
        .or_else(|| mbox.map(|m| m.trim_start_matches("mailto:").to_string()))
        .or_else(|| account.map(str::to_string))?;
    Some((key, name))
}

fn answer_of(response: &str) -> Answer {
    match response {
        "true" => Answer::Bool(true),
        "false" => Answer::Bool(false),
        r if !r.is_empty()
            && r.split("[,]")
                .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit())) =>
        {
            Answer::Choices(r.split("[,]").filter_map(|p| p.parse().ok()).collect())
        }
        r => Answer::Text(r.to_string()),
    }
}

/// Milliseconds since 1970 of an xAPI timestamp (ISO 8601 as xAPI 1.0.3, 4.5 allows:
/// `2026-12-03T06:01:02.123456+00:00`, `…Z`, or an offset such as `+01:00`); `None` for
/// anything else. Fractions past milliseconds are dropped.
///
/// ```
/// use cloudhop_core::xapi::class::timestamp_ms;
/// assert_eq!(timestamp_ms("1970-01-01T00:00:01Z"), Some(1_000));
/// assert_eq!(timestamp_ms("2026-12-03T07:00:00.5+01:00"), timestamp_ms("2026-12-03T06:00:00.500Z"));
/// assert_eq!(timestamp_ms("yesterday"), None);
/// ```
pub fn timestamp_ms(text: &str) -> Option<u64> {
    let b = text.trim().as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let d = b.get(r)?;
        if d.is_empty() || !d.iter().all(u8::is_ascii_digit) {
            return None;
        }
        std::str::from_utf8(d).ok()?.parse().ok()
    };
    if b.len() < 19
        || b[4] != b'-'
        || b[7] != b'-'
        || !matches!(b[10], b'T' | b't')
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (h, mi, sec) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 || sec > 60 {
        return None;
    }
    let mut i = 19;
    let mut ms = 0;
    if b.get(i) == Some(&b'.') {
        let start = i + 1;
        i = start;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == start {
            return None;
        }
        let digits = &text.trim()[start..i.min(start + 3)];
        ms = digits.parse::<i64>().ok()? * 10_i64.pow(3 - digits.len() as u32);
    }
    let offset_min = match b.get(i) {
        Some(b'Z' | b'z') if b.len() == i + 1 => 0,
        Some(&sign @ (b'+' | b'-')) if b.len() == i + 6 && b[i + 3] == b':' => {
            let m = num(i + 1..i + 3)? * 60 + num(i + 4..i + 6)?;
            if sign == b'+' {
                m
            } else {
                -m
            }
        }
        _ => return None,
    };
    // Days from 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
    let (y, m) = if mo <= 2 {
        (y - 1, mo + 9)
    } else {
        (y, mo - 3)
    };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * m + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    let total = ((days * 24 + h) * 60 + mi - offset_min) * 60_000 + sec * 1_000 + ms;
    u64::try_from(total).ok()
}

/// One receipt per learner from `statements` (the LRS's `statements` arrays, in the order
/// stored), for the workshop `outline` launched under the course activity id `course`.
/// Only `answered` and `attempted` statements about the outline's items and exercises
/// count; anything else (other courses, unknown items, damaged statements) is skipped.
/// Learners come in the order of their first statement; a learner's "handed in" time is
/// their latest statement's `timestamp` (else `stored`).
///
/// ```
/// use cloudhop_core::xapi::class::receipts_from_statements;
/// use cloudhop_core::workshop::{Outline, OutlineLesson, ContentHash};
/// let outline = Outline { id: "w".into(), title: "W".into(), hash: ContentHash(1), lessons: vec![] };
/// assert!(receipts_from_statements(&[], "https://ex.org/c", &outline).is_empty());
/// ```
pub fn receipts_from_statements(
    statements: &[Value],
    course: &str,
    outline: &Outline,
) -> Vec<Receipt> {
    let ids = ActivityIds { course };
    let mut items: BTreeMap<String, (&str, &str)> = BTreeMap::new();
    let mut exercises: BTreeMap<String, (&str, &str)> = BTreeMap::new();
    for l in &outline.lessons {
        for q in &l.items {
            items.insert(ids.item(&l.id, &q.id), (&l.id, &q.id));
        }
        for e in &l.exercises {
            exercises.insert(ids.exercise(&e.id), (&l.id, &e.id));
        }
    }
    let mut order: Vec<String> = Vec::new();
    let mut by_learner: BTreeMap<String, Receipt> = BTreeMap::new();
    for s in statements {
        let (Some(verb), Some(object), Some((key, name))) = (
            s.pointer("/verb/id").and_then(Value::as_str),
            s.pointer("/object/id").and_then(Value::as_str),
            s.get("actor").and_then(learner),
        ) else {
            continue;
        };
        let when = ["timestamp", "stored"]
            .iter()
            .find_map(|k| s.get(*k).and_then(Value::as_str).and_then(timestamp_ms))
            .unwrap_or(0);
        let scaled = s.pointer("/result/score/scaled").and_then(Value::as_f64);
        let success = s.pointer("/result/success").and_then(Value::as_bool);
        let receipt = || Receipt {
            learner: name.clone(),
            workshop: outline.id.clone(),
            hash: outline.hash,
            handed_in_ms: 0,
            items: Vec::new(),
            exercises: Vec::new(),
            reflections: Vec::new(),
        };
        if verb == super::VerbId::Answered.iri() {
            let Some(&(lesson, item)) = items.get(object) else {
                continue;
            };
            let score = (scaled.unwrap_or(0.0).clamp(0.0, 1.0) * 100.0).round() as u8;
            if !by_learner.contains_key(&key) {
                order.push(key.clone());
            }
            let r = by_learner.entry(key).or_insert_with(receipt);
            r.handed_in_ms = r.handed_in_ms.max(when);
            let response = s.pointer("/result/response").and_then(Value::as_str);
            match r
                .items
                .iter_mut()
                .find(|i| i.lesson == lesson && i.item == item)
            {
                Some(i) => {
                    i.attempts = i.attempts.saturating_add(1);
                    i.best = i.best.max(score);
                    if let Some(resp) = response {
                        i.last = Some(answer_of(resp));
                    }
                }
                None => r.items.push(ItemResult {
                    lesson: lesson.to_string(),
                    item: item.to_string(),
                    attempts: 1,
                    best: score,
                    first: Some(score),
                    gave_up: false,
                    last: response.map(answer_of),
                }),
            }
        } else if verb == super::VerbId::Attempted.iri() {
            let Some(&(lesson, exercise)) = exercises.get(object) else {
                continue;
            };
            if !by_learner.contains_key(&key) {
                order.push(key.clone());
            }
            let r = by_learner.entry(key).or_insert_with(receipt);
            r.handed_in_ms = r.handed_in_ms.max(when);
            match r
                .exercises
                .iter_mut()
                .find(|e| e.lesson == lesson && e.exercise == exercise)
            {
                Some(e) => {
                    e.attempts = e.attempts.saturating_add(1);
                    e.passed |= success == Some(true);
                }
                None => r.exercises.push(ExerciseResult {
                    lesson: lesson.to_string(),
                    exercise: exercise.to_string(),
                    attempts: 1,
                    passed: success == Some(true),
                }),
            }
        }
    }
    order.iter().filter_map(|k| by_learner.remove(k)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_are_read_exactly() {
        for (text, ms) in [
            ("2000-03-01T00:00:00+00:00", Some(951_868_800_000)),
            ("2024-02-29T12:34:56.789Z", Some(1_709_210_096_789)),
            ("1999-12-31T23:59:59Z", Some(946_684_799_000)),
            ("2026-12-03T06:01:02.123456+00:00", Some(1_796_277_662_123)),
            ("2026-12-03T08:01:02.123456+02:00", Some(1_796_277_662_123)),
            ("2026-12-03T06:01:02", None),
            ("2026-13-03T06:01:02Z", None),
            ("2026-12-03T06:01:02.Z", None),
            ("2026-12-03T06:01:02+0200", None),
            ("1969-12-31T23:59:59Z", None),
            ("", None),
            ("2026-12-03T06:01:02Zjunk", None),
            ("２０２６-12-03T06:01:02Z", None),
        ] {
            assert_eq!(timestamp_ms(text), ms, "{text}");
        }
    }
    use crate::progress::Progress;
    use crate::quiz::{ItemKind, QuizItem};
    use crate::workshop::report::Class;
    use crate::workshop::{ContentHash, OutlineExercise, OutlineLesson};
    use crate::xapi::{statements_for_change, LaunchParams, LessonOutline};

    fn item(id: &str) -> QuizItem {
        QuizItem {
            id: id.into(),
            prompt: format!("Claim {id}."),
            explanation: String::new(),
            kind: ItemKind::TrueFalse {
                answer: true,
                if_true: None,
                if_false: None,
            },
        }
    }

    #[test]
    fn statements_sent_become_the_class_report_a_receipt_gives() {
        let items = vec![item("a"), item("b")];
        let outline = Outline {
            id: "w1".into(),
            title: "Workshop".into(),
            hash: ContentHash(7),
            lessons: vec![OutlineLesson {
                id: "l1".into(),
                title: "Lesson".into(),
                pass_mark: 70,
                items: items.clone(),
                exercises: vec![OutlineExercise {
                    id: "ex".into(),
                    title: "Ex".into(),
                }],
                reflections: vec![],
            }],
        };
        let lessons = [LessonOutline {
            id: "l1",
            title: "Lesson",
            pass_mark: 70,
            items: &items,
            exercises: vec![("ex", "Ex")],
        }];
        let mut all = Vec::new();
        for (who, right) in [("ana", true), ("bo", false)] {
            let launch = LaunchParams::from_query(&format!("endpoint=%2FxAPI%2F&auth=x&actor=%7B%22mbox%22%3A%22mailto%3A{who}%40example.org%22%7D&registration=1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed&activity_id=https%3A%2F%2Fex.org%2Fc")).unwrap();
            let mut p = Progress::default();
            for step in 0..4 {
                let old = p.clone();
                match step {
                    0 => drop(p.answer("l1", &items[0], &Answer::Bool(false))),
                    1 => drop(p.answer("l1", &items[0], &Answer::Bool(true))),
                    2 => drop(p.answer("l1", &items[1], &Answer::Bool(right))),
                    _ => p.exercise("l1", "ex", right, None),
                }
                for s in statements_for_change(&launch, "c", &old, &p, &lessons, None) {
                    all.push(serde_json::from_str::<Value>(&s.to_json()).unwrap());
                }
            }
        }
        // A statement about another course is not counted.
        let mut other = all[0].clone();
        other["object"]["id"] = "https://elsewhere.example/x".into();
        all.push(other);
        let receipts = receipts_from_statements(&all, "https://ex.org/c", &outline);
        assert_eq!(receipts.len(), 2);
        assert_eq!(receipts[0].learner, "ana@example.org");
        let a = &receipts[0].items[0];
        assert_eq!((a.attempts, a.best, a.first), (2, 100, Some(0)));
        assert_eq!(a.last, Some(Answer::Bool(true)));
        assert!(receipts[0].exercises[0].passed);
        assert!(!receipts[1].exercises[0].passed);
        let mut class = Class::new(outline);
        for r in receipts {
            class.add(r).unwrap();
        }
        let report = class.report();
        assert_eq!(report.roster.len(), 2);
        assert_eq!(report.roster[0].lessons_passed, 1);
        assert_eq!(report.roster[1].lessons_passed, 0);
    }

    #[test]
    fn responses_read_back() {
        assert_eq!(answer_of("0[,]2"), Answer::Choices(vec![0, 2]));
        assert_eq!(answer_of("false"), Answer::Bool(false));
        assert_eq!(answer_of("10.0.0.0/8"), Answer::Text("10.0.0.0/8".into()));
    }
}
