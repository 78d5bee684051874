//! `cloudhop workshop check | link | report | receipts` on the shipped example and broken files.

mod common;

use cloudhop_core::progress::Progress;
use cloudhop_core::quiz::{Answer, ItemKind};
use cloudhop_core::workshop::{decode_link, Receipt};
use cloudhop_lessons::workshop;
use std::path::PathBuf;

const EXAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../lessons/workshops/example.workshop.md"
);

fn run(args: &[&str]) -> (i32, String, String) {
    let out = common::cloudhop("workshop", args, None);
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn temp(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("cloudhop-workshop-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

#[test]
fn check_passes_the_example_with_its_plan() {
    let (code, out, err) = run(&["check", EXAMPLE]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["ok"], true);
    assert_eq!(v["id"], "multicloud-networking-morning");
    assert_eq!(v["total_minutes"], 100);
    assert_eq!(v["lessons"][1]["extra_exercises"][0], "class-mesh-tunnels");
    assert_eq!(v["lessons"][2]["start_minute"], 65);
}

#[test]
fn check_reports_problems_with_file_and_line() {
    let text = "---\nid: w\ntitle: W\n---\n## Lesson: failover\nSection: Nowhere\nPass mark: 140\n## Lesson: nope\n";
    let p = temp("broken.workshop.md", text);
    let path = p.display().to_string();
    let (code, out, err) = run(&["check", &path]);
    assert_eq!(code, 1, "{out}");
    assert!(
        err.contains(&format!(
            "{path}:7: `Pass mark`: a pass mark must be a percentage from 0 to 100, not `140`"
        )),
        "{err}"
    );
    assert!(err.ends_with("1 problem found\n"), "{err}");
    // Fixed the pass mark, the course problems show.
    let p = temp("broken2.workshop.md", &text.replace("140", "80"));
    let path = p.display().to_string();
    let (code, _, err) = run(&["check", &path]);
    assert_eq!(code, 1);
    assert!(
        err.contains(&format!(
            "{path}:6: lesson `failover` has no section `nowhere`"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "{path}:8: there is no lesson `nope` in the course"
        )),
        "{err}"
    );
    assert!(err.ends_with("2 problems found\n"), "{err}");
    // Usage errors.
    assert_eq!(run(&["check"]).0, 2);
    assert_eq!(run(&["check", "/no/such/file"]).0, 2);
    assert_eq!(run(&["check", EXAMPLE, "--colour", "red"]).0, 2);
}

#[test]
fn link_round_trips_through_core() {
    let (code, out, err) = run(&["link", EXAMPLE, "--base", "https://example.org/cloudhop/"]);
    assert_eq!(code, 0, "{err}");
    let url = out.trim();
    assert!(
        url.starts_with("https://example.org/cloudhop/#/workshop?w=1."),
        "{url}"
    );
    assert!(url.len() <= 2000);
    let text = std::fs::read_to_string(EXAMPLE).unwrap();
    let file = workshop::parse("x", &text).unwrap();
    assert_eq!(decode_link(url).unwrap(), file.workshop.for_learners());
    assert_eq!(run(&["link", EXAMPLE, "--base", "ftp://x/"]).0, 2);
}

#[test]
fn a_long_workshop_gets_a_file_instead_of_a_link() {
    // Every lesson, each with a long note-free extra exercise task: far over 2,000 characters.
    let course = cloudhop_lessons::shipped().unwrap();
    let mut text = String::from("---\nid: long-one\ntitle: Long\n---\n");
    for (i, l) in course.lessons.iter().enumerate() {
        text.push_str(&format!(
            "## Lesson: {}\n### Exercise: extra-{i}\nLab: latency\nTitle: T{i}\nHint: H\n\n",
            l.id
        ));
        for k in 0..12 {
            text.push_str(&format!(
                "Sentence {k} of task {i} with words {} that do not repeat.\n",
                k * 7919 + i * 104_729
            ));
        }
        text.push_str(&format!(
            "\n```json\n{{ \"kind\": \"tunnel-count\", \"n\": {}, \"topology\": \"mesh\" }}\n```\n",
            i + 3
        ));
    }
    let p = temp("long.workshop.md", &text);
    let out_file = p.with_file_name("long.learners.json");
    let (code, out, err) = run(&[
        "link",
        &p.display().to_string(),
        "--out",
        &out_file.display().to_string(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("over the 2000"), "{out}");
    assert!(out.contains("http://127.0.0.1:8080/#/workshop"), "{out}");
    let written = std::fs::read_to_string(&out_file).unwrap();
    let w = cloudhop_core::workshop::link::from_file(&written).unwrap();
    assert_eq!(w.id, "long-one");
    assert_eq!(w.segments.len(), course.lessons.len());
}

#[test]
fn report_takes_receipts_and_refuses_duplicates_and_damage() {
    let course = cloudhop_lessons::shipped().unwrap();
    let text = std::fs::read_to_string(EXAMPLE).unwrap();
    let (_, resolved) = workshop::load("x", &text, &course).unwrap();
    let outline = resolved.outline();
    // Three learners: all right, all wrong (the first wrong option), and half.
    let receipt = |name: &str, right: bool| {
        let mut p = Progress::default();
        for l in &outline.lessons {
            for q in &l.items {
                let answer = match &q.kind {
                    ItemKind::SingleChoice { options } => Answer::Choices(vec![options
                        .iter()
                        .position(|o| o.correct == right)
                        .unwrap()]),
                    ItemKind::MultipleChoice { options } if right => Answer::Choices(
                        (0..options.len()).filter(|&i| options[i].correct).collect(),
                    ),
                    ItemKind::MultipleChoice { options } => {
                        Answer::Choices(vec![options.iter().position(|o| !o.correct).unwrap()])
                    }
                    ItemKind::TrueFalse { answer, .. } => Answer::Bool(*answer == right),
                    ItemKind::ShortAnswer { accepted, .. } if right => {
                        Answer::Text(accepted[0].clone())
                    }
                    // A wrong answer in the form the item expects (a number, a prefix…):
                    // an answer in another form is refused, not marked.
                    ItemKind::ShortAnswer { .. } => ["no idea", "203.0.113.0/29", "1"]
                        .into_iter()
                        .map(|t| Answer::Text(t.into()))
                        .find(|a| q.mark(a).is_ok_and(|m| !m.correct))
                        .expect("a wrong answer in the item's form"),
                };
                p.answer(&l.id, q, &answer).unwrap();
            }
            // A lesson passes with its quiz *and* its exercises: the learner who gets
            // everything right solves them too.
            for e in &l.exercises {
                p.exercise(&l.id, &e.id, right, None);
            }
        }
        Receipt::from_progress(&outline, &p, name, 1_764_680_000_000, false).unwrap()
    };
    let ada = temp("ada.txt", &receipt("Ada", true).to_code());
    let bo = temp("bo.json", &receipt("Bo", false).to_file());
    let again = temp(
        "again.txt",
        &format!("{}\n", receipt("ada", false).to_code()),
    );
    let mut damaged = receipt("Cy", true).to_code();
    damaged.truncate(damaged.len() - 3);
    let bad = temp("bad.txt", &damaged);
    let args: Vec<String> = [&ada, &bo, &again, &bad]
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    let mut all = vec!["report", EXAMPLE];
    all.extend(args.iter().map(String::as_str));
    let (code, out, err) = run(&all);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let roster = v["report"]["roster"].as_array().unwrap();
    assert_eq!(roster.len(), 2);
    assert_eq!(
        (roster[0]["learner"].as_str(), roster[0]["score"].as_u64()),
        (Some("Ada"), Some(100))
    );
    assert_eq!(
        (roster[1]["learner"].as_str(), roster[1]["score"].as_u64()),
        (Some("Bo"), Some(0))
    );
    assert_eq!(v["report"]["lessons"][0]["pass_rate"], 50);
    let refused = v["refused"].as_array().unwrap();
    assert_eq!(refused.len(), 2, "{refused:?}");
    assert!(refused[0]["message"]
        .as_str()
        .unwrap()
        .contains("Ada has already handed in"));
    assert!(refused[1]["message"].as_str().unwrap().contains("checksum"));
    assert!(err.contains("refused ("), "{err}");
    // Every item was missed once, by Bo, with the wrong option he chose.
    let missed = v["report"]["missed"].as_array().unwrap();
    let asked: usize = outline.lessons.iter().map(|l| l.items.len()).sum();
    assert_eq!(missed.len(), asked);
    assert!(missed
        .iter()
        .all(|m| m["missed"] == 1 && m["wrong"][0]["count"] == 1));

    let (code, csv, _) = run(&["report", EXAMPLE, &args[0], &args[1], "--csv", "roster"]);
    assert_eq!(code, 0);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 3);
    assert!(
        lines[1].starts_with("Ada,2025-12-02 12:53,100,3 of 3,"),
        "{csv}"
    );
    let (code, csv, _) = run(&["report", EXAMPLE, &args[1], "--csv", "items"]);
    assert_eq!(code, 0);
    assert!(
        csv.starts_with("lesson,item,question,answered,missed,gave up,wrong answers chosen"),
        "{csv}"
    );
}

#[test]
fn receipts_are_made_for_scripted_and_synthetic_learners() {
    let scripts = r#"[
        {"learner": "Ada", "answers": {"multicloud-vs-hybrid/hype-myth": {"type": "bool", "value": true}}},
        {"learner": "Bo", "exercises": {"address-planning/class-mesh-tunnels": true},
         "reflections": {}}
    ]"#;
    let p = temp("scripts.json", scripts);
    let (code, out, err) = run(&["receipts", EXAMPLE, &p.display().to_string()]);
    assert_eq!(code, 0, "{err}");
    let codes: Vec<&str> = out.lines().collect();
    assert_eq!(codes.len(), 2, "{out}");
    let ada = Receipt::read(codes[0]).unwrap();
    assert_eq!(ada.learner, "Ada");
    assert_eq!(ada.items[0].item, "hype-myth");
    assert_eq!(ada.handed_in_ms, 1_764_680_000_000);
    assert!(Receipt::read(codes[1]).unwrap().exercises[0].passed);

    // Synthetic: N distinct learners, the same for the same seed, all taken by `report`.
    let (code, out, err) = run(&["receipts", EXAMPLE, "--synthetic", "5", "--seed", "9"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().count(), 5);
    let (_, again, _) = run(&["receipts", EXAMPLE, "--synthetic", "5", "--seed", "9"]);
    assert_eq!(out, again);
    let (_, other, _) = run(&["receipts", EXAMPLE, "--synthetic", "5", "--seed", "10"]);
    assert_ne!(out, other);
    let all = temp("synthetic.txt", &out);
    let (code, rep, err) = run(&["report", EXAMPLE, &all.display().to_string()]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&rep).unwrap();
    assert_eq!(v["report"]["roster"].as_array().unwrap().len(), 5);
    assert_eq!(v["refused"].as_array().unwrap().len(), 0);

    // Scripts that do not fit, and bad options, are usage errors with a reason.
    let bad = temp(
        "bad-scripts.json",
        r#"[{"learner": "Cy", "answers": {"failover/no-such-item": {"type": "bool", "value": true}}}]"#,
    );
    let (code, _, err) = run(&["receipts", EXAMPLE, &bad.display().to_string()]);
    assert_eq!(code, 2);
    assert!(
        err.contains("learner 1 (Cy)") && err.contains("no-such-item"),
        "{err}"
    );
    let (code, _, err) = run(&["receipts", EXAMPLE, "--synthetic", "0"]);
    assert_eq!(code, 2);
    assert!(err.contains("from 1 to"), "{err}");
    let (code, _, err) = run(&["receipts", EXAMPLE]);
    assert_eq!(code, 2);
    assert!(err.contains("scripts file"), "{err}");
}
