//! `cloudhop lessons check` on good and broken content.

use std::path::PathBuf;
use std::process::Command;

fn cloudhop(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_cloudhop"))
        .args(args)
        .output()
        .expect("run cloudhop");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn temp_course(name: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("cloudhop-lessons-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    for (path, text) in files {
        let p = dir.join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    dir
}

const GLOSSARY: &str = "## CIDR\nClassless inter-domain routing notation.\n";

#[test]
fn the_shipped_course_passes() {
    let (code, out, err) = cloudhop(&["lessons", "check"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("ok: "), "{out}");
}

#[test]
fn export_gives_the_whole_course_with_answer_keys() {
    let (code, out, err) = cloudhop(&["lessons", "export"]);
    assert_eq!(code, 0, "{err}");
    let course: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let lessons = course["lessons"].as_array().expect("lessons array");
    assert_eq!(lessons.len(), 12);
    let first = &lessons[0]["quiz"][0];
    assert_eq!(first["kind"]["type"], "single_choice");
    assert!(first["kind"]["options"]
        .as_array()
        .unwrap()
        .iter()
        .any(|o| o["correct"] == true));
    let (code, _, err) = cloudhop(&["lessons", "export", "/no/such/folder"]);
    assert_eq!(code, 2);
    assert!(err.contains("not a folder"), "{err}");
}

#[test]
fn broken_files_are_reported_with_file_line_and_problem() {
    let lesson = "---\nid: a\ntitle: A\nsummary: S\nminutes: 5\nprerequisites: missing\n---\n## Intro\nSee [[CIDR]].\n## Quiz\n### single: q\nPick.\n- [x] One\n- [x] Two\nExplanation: E.\n### poll: p\nVote.\nExplanation: E.\n";
    let dir = temp_course("broken", &[("01-a.md", lesson), ("glossary.md", GLOSSARY)]);
    let (code, out, err) = cloudhop(&["lessons", "check", dir.to_str().unwrap()]);
    assert_eq!(code, 1, "stdout: {out}\nstderr: {err}");
    let file = dir.join("01-a.md").display().to_string();
    for expected in [
        format!("{file}:11: quiz item `q`: a single-choice item needs exactly one correct option, this one has 2"),
        format!("{file}:16: quiz item `p`: unknown item type `poll` (known: single, multiple, truefalse, short)"),
    ] {
        assert!(err.lines().any(|l| l == expected), "missing {expected:?} in\n{err}");
    }
    assert!(err.trim_end().ends_with("2 problems found"), "{err}");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_good_folder_passes_and_lists() {
    let lesson = "---\nid: a\ntitle: A\nsummary: S\nminutes: 5\n---\n## Intro\nSee [[CIDR]].\n";
    let dir = temp_course("good", &[("01-a.md", lesson), ("glossary.md", GLOSSARY)]);
    let (code, out, _) = cloudhop(&["lessons", "check", dir.to_str().unwrap()]);
    assert_eq!(
        (code, out.trim()),
        (
            0,
            "ok: 1 lessons, 0 quiz items, 0 exercises, 1 glossary terms"
        )
    );
    let (code, out, _) = cloudhop(&["lessons", "list", dir.to_str().unwrap()]);
    assert_eq!(code, 0);
    let rows: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(rows[0]["id"], "a");
    assert_eq!(rows[0]["minutes"], 5);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(cloudhop(&["lessons"]).0, 2);
    assert_eq!(cloudhop(&["lessons", "frobnicate"]).0, 2);
    let (code, _, err) = cloudhop(&["lessons", "check", "/definitely/not/here"]);
    assert_eq!(code, 2);
    assert!(err.contains("is not a folder"), "{err}");
}

#[test]
fn a_reader_that_stops_early_is_not_a_crash() {
    // `cloudhop lessons export | head -1`: the export is far larger than a pipe's buffer,
    // so writing hits a closed pipe. That must end quietly, not in a panic.
    use std::io::Read;
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_cloudhop"))
        .args(["lessons", "export"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run cloudhop");
    let mut first = [0u8; 16];
    child
        .stdout
        .take()
        .expect("stdout")
        .read_exact(&mut first)
        .expect("some output");
    // The read end is dropped here, closing the pipe.
    let out = child.wait_with_output().expect("wait");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(out.status.code(), Some(0), "{err}");
}

/// A lesson whose five true/false claims are all false: valid, but biased.
fn all_false_lesson() -> String {
    let mut s = String::from(
        "---\nid: a\ntitle: A\nsummary: S\nminutes: 5\n---\n## Intro\nSee [[CIDR]].\n## Quiz\n",
    );
    for i in 0..5 {
        s.push_str(&format!(
            "### truefalse: t{i}\nA claim.\n\nAnswer: false\nIf true: No.\nExplanation: E.\n\n"
        ));
    }
    s
}

#[test]
fn a_course_wide_bias_is_a_warning_by_default() {
    let lesson = all_false_lesson();
    let dir = temp_course(
        "bias-warn",
        &[("01-a.md", &lesson), ("glossary.md", GLOSSARY)],
    );
    let (code, out, err) = cloudhop(&["lessons", "check", dir.to_str().unwrap()]);
    assert_eq!(code, 0, "stdout: {out}\nstderr: {err}");
    assert!(out.starts_with("ok: 1 lessons, 5 quiz items"), "{out}");
    assert!(
        err.starts_with("warning: 0 of 5 true/false items (0%) are true"),
        "{err}"
    );
    let file = dir.join("01-a.md").display().to_string();
    assert!(
        err.contains(&format!("  {file}:10: item `t0`: answer false")),
        "{err}"
    );
    assert!(
        err.trim_end().ends_with(
            "1 course-wide bias in the answer keys (a warning; `--strict` makes it an error)"
        ),
        "{err}"
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn strict_makes_a_bias_an_error() {
    let lesson = all_false_lesson();
    let dir = temp_course(
        "bias-strict",
        &[("01-a.md", &lesson), ("glossary.md", GLOSSARY)],
    );
    let d = dir.to_str().unwrap();
    for args in [
        ["lessons", "check", "--strict", d],
        ["lessons", "check", d, "--strict"],
    ] {
        let (code, out, err) = cloudhop(&args);
        assert_eq!(code, 1, "stdout: {out}\nstderr: {err}");
        assert!(out.is_empty(), "{out}");
        assert!(
            err.starts_with("0 of 5 true/false items (0%) are true: keep it between 35% and 65%"),
            "{err}"
        );
        let file = dir.join("01-a.md").display().to_string();
        assert!(
            err.contains(&format!("  {file}:10: item `t0`: answer false")),
            "{err}"
        );
        assert!(
            err.trim_end()
                .ends_with("1 course-wide bias in the answer keys found"),
            "{err}"
        );
    }
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn strict_passes_a_balanced_folder_and_is_only_for_check() {
    let lesson = "---\nid: a\ntitle: A\nsummary: S\nminutes: 5\n---\n## Intro\nSee [[CIDR]].\n";
    let dir = temp_course(
        "strict-good",
        &[("01-a.md", lesson), ("glossary.md", GLOSSARY)],
    );
    let d = dir.to_str().unwrap();
    let (code, out, err) = cloudhop(&["lessons", "check", "--strict", d]);
    assert_eq!((code, err.as_str()), (0, ""), "{out}");
    assert!(out.starts_with("ok: "), "{out}");
    assert_eq!(cloudhop(&["lessons", "export", "--strict", d]).0, 2);
    assert_eq!(cloudhop(&["lessons", "check", "--loose", d]).0, 2);
    let _ = std::fs::remove_dir_all(dir);
}
