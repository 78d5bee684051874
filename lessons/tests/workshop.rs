//! Workshop files: the shipped example, refusals with file:line, the resolved view, and a
//! parser that never panics.

use cloudhop_core::workshop::{decode_link, encode_link, ItemChoice};
use cloudhop_lessons::workshop::{self, EXAMPLE};
use cloudhop_lessons::Course;
use proptest::prelude::*;
use std::sync::OnceLock;

fn course() -> &'static Course {
    static C: OnceLock<Course> = OnceLock::new();
    C.get_or_init(|| cloudhop_lessons::shipped().expect("shipped course"))
}

#[test]
fn the_example_parses_checks_and_resolves() {
    let (file, r) = workshop::load("example.workshop.md", EXAMPLE, course()).unwrap();
    let w = &file.workshop;
    assert_eq!(w.id, "multicloud-networking-morning");
    let ids: Vec<&str> = r.lessons.iter().map(|l| l.lesson.id.as_str()).collect();
    assert_eq!(
        ids,
        ["multicloud-vs-hybrid", "address-planning", "failover"]
    );

    // Chosen sections, in lesson order; chosen items; the pass mark override.
    let first = &r.lessons[0];
    let titles: Vec<&str> = first
        .lesson
        .sections
        .iter()
        .map(|s| s.title.as_str())
        .collect();
    assert_eq!(
        titles,
        [
            "Three words that get mixed up",
            "Why organisations use more than one cloud"
        ]
    );
    assert_eq!(
        first.lesson.item_ids(),
        ["multi-vs-hybrid", "reasons", "hype-myth"]
    );
    assert_eq!(first.lesson.item_lines.len(), 3);
    assert_eq!(first.lesson.pass_mark, 60);
    assert_eq!(r.lessons[1].lesson.pass_mark, 70);

    // The extra exercise sits in its lesson, after the lesson's own ones.
    let planning = &r.lessons[1].lesson;
    let last = planning.exercises.last().unwrap();
    assert_eq!(last.id, "class-mesh-tunnels");
    assert_eq!(last.lesson, "address-planning");
    assert!(
        planning.exercises.len() > 1,
        "the lesson's own exercises are kept"
    );
    assert!(planning
        .unplaced_exercises()
        .iter()
        .any(|e| e.id == "class-mesh-tunnels"));
    assert_eq!(r.lessons[1].extra_exercises, ["class-mesh-tunnels"]);
    // `Lesson exercises: no` drops the lesson's own and their placements.
    assert!(r.lessons[2].lesson.exercises.is_empty());

    // Time plan and notes.
    assert_eq!(
        r.lessons
            .iter()
            .map(|l| (l.start_minute, l.minutes))
            .collect::<Vec<_>>(),
        [(0, 25), (25, 40), (65, 35)]
    );
    assert_eq!(r.total_minutes(), 100);
    let notes = &first.notes;
    assert_eq!(notes.prompts.len(), 2);
    assert_eq!(notes.expect[0].item, "hype-myth");
    assert!(
        notes.expect[0].note.ends_with("a tested runbook."),
        "{}",
        notes.expect[0].note
    );
    assert_eq!(notes.other.len(), 1);

    // The outline: what receipts and reports use.
    let o = r.outline();
    assert_eq!(o.lessons[0].items.len(), 3);
    assert_eq!(o.lessons[2].exercises.len(), 0);
    assert_eq!(o.hash, w.content_hash());
}

#[test]
fn the_format_page_shows_the_example_unchanged() {
    let doc = include_str!("../../docs/workshop-format.md");
    assert!(
        doc.contains(&format!("````markdown\n{EXAMPLE}````")),
        "docs/workshop-format.md must quote lessons/workshops/example.workshop.md exactly"
    );
}

#[test]
fn a_link_carries_the_learner_workshop_and_resolves_the_same() {
    let file = workshop::parse("example.workshop.md", EXAMPLE).unwrap();
    let from_link = decode_link(&encode_link(&file.workshop)).unwrap();
    assert!(
        from_link.segments.iter().all(|s| s.notes.is_empty()),
        "no notes in links"
    );
    let a = workshop::resolve(&file.workshop, course())
        .unwrap()
        .outline();
    let b = workshop::resolve(&from_link, course()).unwrap().outline();
    assert_eq!(a, b, "the learner's outline is the instructor's");
}

fn errors(text: &str) -> Vec<String> {
    match workshop::load("w.md", text, course()) {
        Ok(_) => vec![],
        Err(e) => e.iter().map(|e| e.to_string()).collect(),
    }
}

fn assert_error(text: &str, expected: &str) {
    let errs = errors(text);
    assert!(
        errs.iter().any(|e| e == expected),
        "expected {expected:?}\n got {errs:#?}"
    );
}

const HEAD: &str = "---\nid: w\ntitle: W\n---\n";

#[test]
fn problems_are_reported_with_file_and_line() {
    assert_error(
        "## Lesson: failover\n",
        "w.md:1: a workshop must start with a `---` header block",
    );
    assert_error(
        "---\nid: w\n",
        "w.md:1: the header block opened with `---` is never closed",
    );
    assert_error(
        "---\ntitle: W\n---\n## Lesson: failover\n",
        "w.md:1: the header has no `id`",
    );
    assert_error(
        "---\nid: w\ntitle: W\npass_mark: 120\n---\n## Lesson: failover\n",
        "w.md:4: `pass_mark`: a pass mark must be a percentage from 0 to 100, not `120`",
    );
    assert_error(
        &format!("{HEAD}hello\n## Lesson: failover\n"),
        "w.md:5: text before the first `## Lesson: ID` heading",
    );
    assert_error(
        &format!("{HEAD}## Lesson: nope\n"),
        "w.md:5: there is no lesson `nope` in the course",
    );
    assert_error(
        &format!("{HEAD}## Lesson: failover\n## Lesson: failover\n"),
        "w.md:6: lesson `failover` is in the workshop twice",
    );
    let errs = errors(&format!(
        "{HEAD}## Lesson: failover\nMinutes: 10\nSection: No such heading\n"
    ));
    assert!(errs[0].starts_with("w.md:7: lesson `failover` has no section `no-such-heading` (its sections: When the provider"), "{errs:?}");
    let errs = errors(&format!(
        "{HEAD}## Lesson: failover\nItems: dns-timeline, nope\n"
    ));
    assert!(
        errs[0].starts_with("w.md:6: lesson `failover` has no quiz item `nope`"),
        "{errs:?}"
    );
    assert_error(
        &format!("{HEAD}## Lesson: failover\nPass mark: 101\n"),
        "w.md:6: `Pass mark`: a pass mark must be a percentage from 0 to 100, not `101`",
    );
    assert_error(
        &format!("{HEAD}## Lesson: failover\nMinutes: 0\n"),
        "w.md:6: `Minutes` must be a whole number from 1 to 600, not `0`",
    );
    assert_error(
        &format!("{HEAD}## Lesson: failover\nColour: red\n"),
        "w.md:6: unknown key `Colour:` (known: Minutes, Section, Items, Pass mark, Lesson exercises)",
    );
    assert_error(
        &format!("{HEAD}## Lesson: failover\nItems: dns-timeline\n### Notes\nExpect: tunnel-slow => hm\n"),
        "w.md:8: the expected wrong answer is for item `tunnel-slow`, which this lesson does not ask in the workshop",
    );
    assert_error(
        &format!("{HEAD}## Lesson: failover\n### Notes\nExpect: no arrow\n"),
        "w.md:7: write an expected wrong answer as `Expect: ITEM-ID => what to say`",
    );
    assert_error(
        &format!("{HEAD}## Lesson: failover\n### Slides\n"),
        "w.md:6: expected `### Notes` or `### Exercise: ID`, found `### Slides`",
    );
    // Exercises: the lesson exercises' reader and its messages.
    let ex = |json: &str, lab: &str| {
        format!("{HEAD}## Lesson: failover\n### Exercise: mine\nLab: {lab}\nTitle: T\nHint: H\n\nDo it.\n\n```json\n{json}\n```\n")
    };
    assert!(errors(&ex(
        r#"{ "kind": "tunnel-count", "n": 8, "topology": "mesh" }"#,
        "latency"
    ))
    .is_empty());
    let errs = errors(&ex(r#"{ "kind": "tunnel-count", "n": 8 }"#, "latency"));
    assert!(
        errs[0]
            .starts_with("w.md:14: exercise `mine`: the parameters do not fit the `latency` lab"),
        "{errs:?}"
    );
    let errs = errors(&ex("{}", "teleport"));
    assert!(
        errs[0].starts_with(
            "w.md:14: exercise `mine`: the parameters do not fit the `teleport` lab: unknown lab"
        ),
        "{errs:?}"
    );
    assert_error(
        &format!("{HEAD}## Lesson: failover\n### Exercise: mine\nTitle: T\nHint: H\n\nDo it.\n\n```json\n{{}}\n```\n"),
        "w.md:6: exercise `mine`: it needs a `Lab:` line",
    );
    let taken = ex(
        r#"{ "kind": "tunnel-count", "n": 8, "topology": "mesh" }"#,
        "latency",
    )
    .replace("Exercise: mine", "Exercise: mesh-tunnels-12");
    assert_error(&taken, "w.md:6: exercise id `mesh-tunnels-12` is already used by an exercise of lesson `mesh-vs-hub`");
    let unsafe_link = ex(
        r#"{ "kind": "tunnel-count", "n": 8, "topology": "mesh" }"#,
        "latency",
    )
    .replace("Do it.", "Do [it](javascript:void).");
    let errs = errors(&unsafe_link);
    assert!(
        errs.iter()
            .any(|e| e.contains("link target `javascript:void` is not allowed")),
        "{errs:?}"
    );
}

#[test]
fn item_choices_read() {
    let w = workshop::parse(
        "w.md",
        &format!(
            "{HEAD}## Lesson: failover\nItems: none\n## Lesson: address-planning\nItems: all\n"
        ),
    )
    .unwrap();
    assert_eq!(w.workshop.segments[0].items, ItemChoice::None);
    assert_eq!(w.workshop.segments[1].items, ItemChoice::All);
    let r = workshop::resolve(&w.workshop, course()).unwrap();
    assert!(r.lessons[0].lesson.quiz.is_empty());
    assert_eq!(
        r.lessons[1].lesson.quiz.len(),
        course().lesson("address-planning").unwrap().quiz.len()
    );
}

proptest! {
    #[test]
    fn the_parser_never_panics(text in "\\PC{0,400}") {
        let _ = workshop::load("w.md", &text, course());
    }

    #[test]
    fn the_parser_never_panics_on_workshop_shaped_text(
        lines in proptest::collection::vec(prop_oneof![
            Just("---".to_string()), Just("id: w".to_string()), Just("title: T".to_string()),
            Just("## Lesson: failover".to_string()), Just("### Notes".to_string()),
            Just("### Exercise: x".to_string()), Just("```json".to_string()), Just("```".to_string()),
            Just("Lab: latency".to_string()), Just("Expect: a => b".to_string()),
            Just("  continued".to_string()), "\\PC{0,30}",
        ], 0..40)
    ) {
        let _ = workshop::load("w.md", &lines.join("\n"), course());
    }
}
