//! `cloudhop package scorm`: the zip an LMS imports, and refusals of bad input.

mod common;
use common::cloudhop;
use std::path::{Path, PathBuf};
use std::process::Command;

fn site(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("cloudhop-package-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("embed/bgp")).unwrap();
    std::fs::write(dir.join("index.html"), "<!doctype html><p>cloudhop</p>").unwrap();
    std::fs::write(
        dir.join("sw.js"),
        "self.addEventListener('install', () => {});",
    )
    .unwrap();
    std::fs::write(dir.join("embed/bgp/index.html"), "embed".repeat(200)).unwrap();
    dir
}

/// The archive's listing and one file, read by Info-ZIP's `unzip` (a reader we did not write).
fn unzip(zip: &Path, file: &str) -> (String, String) {
    let list = Command::new("unzip")
        .arg("-Z1")
        .arg(zip)
        .output()
        .expect("unzip installed");
    assert!(
        list.status.success(),
        "{}",
        String::from_utf8_lossy(&list.stderr)
    );
    let test = Command::new("unzip").arg("-tq").arg(zip).output().unwrap();
    assert!(
        test.status.success(),
        "{}",
        String::from_utf8_lossy(&test.stdout)
    );
    let one = Command::new("unzip")
        .arg("-p")
        .arg(zip)
        .arg(file)
        .output()
        .unwrap();
    (
        String::from_utf8(list.stdout).unwrap(),
        String::from_utf8(one.stdout).unwrap(),
    )
}

/// Run `cloudhop package ARGS`, assert it succeeded, and return its JSON report.
fn package(args: &[&str]) -> serde_json::Value {
    let out = cloudhop("package", args, None);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn builds_a_scorm_12_and_a_2004_package_of_the_course() {
    let dir = site("course");
    for (version, needle) in [
        ("1.2", r#"adlcp:scormtype="sco""#),
        ("2004", "<schemaversion>2004 4th Edition</schemaversion>"),
    ] {
        let zip = dir.with_extension(format!("{version}.zip"));
        let report = package(&[
            "scorm",
            "--version",
            version,
            "--site",
            dir.to_str().unwrap(),
            "-o",
            zip.to_str().unwrap(),
        ]);
        assert_eq!(report["identifier"], "cloudhop-course");
        let (list, manifest) = unzip(&zip, "imsmanifest.xml");
        let names: Vec<&str> = list.lines().collect();
        assert_eq!(
            names,
            ["imsmanifest.xml", "embed/bgp/index.html", "index.html"]
        );
        assert!(manifest.contains(needle), "{manifest}");
        assert!(manifest.contains(r#"<file href="embed/bgp/index.html"/>"#));
        assert!(!manifest.contains("sw.js"));
        let token = if version == "1.2" {
            "scorm12"
        } else {
            "scorm2004"
        };
        assert!(manifest.contains(&format!(
            r#"href="index.html?lms={token}&amp;pkg=cloudhop-course""#
        )));
    }
}

#[test]
fn a_workshop_package_opens_the_workshop() {
    let dir = site("workshop");
    let zip = dir.with_extension("zip");
    let workshop = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../lessons/workshops/example.workshop.md"
    );
    let report = package(&[
        "scorm",
        "--version",
        "2004",
        "--workshop",
        workshop,
        "--site",
        dir.to_str().unwrap(),
        "-o",
        zip.to_str().unwrap(),
    ]);
    let id = report["identifier"].as_str().unwrap();
    assert!(
        id.starts_with("cloudhop-") && id != "cloudhop-course",
        "{id}"
    );
    assert!(report["launch"].as_str().unwrap().contains("&w=1."));
    let (_, manifest) = unzip(&zip, "imsmanifest.xml");
    assert!(manifest.contains(&format!(r#"<manifest identifier="{id}""#)));
}

#[test]
fn bad_input_exits_2_with_a_message() {
    let dir = site("bad");
    let zip = dir.with_extension("zip");
    let d = dir.to_str().unwrap();
    let z = zip.to_str().unwrap();
    let bad_workshop = dir.join("bad.workshop.md");
    std::fs::write(&bad_workshop, "not a workshop").unwrap();
    let missing = dir.join("nothing-here");
    for (args, says) in [
        (
            vec!["scorm", "--version", "1.3", "--site", d, "-o", z],
            "unknown SCORM version",
        ),
        (vec!["scorm", "--site", d, "-o", z], "--version"),
        (vec!["scorm", "--version", "1.2", "--site", d], "-o"),
        (
            vec![
                "scorm",
                "--version",
                "1.2",
                "--site",
                missing.to_str().unwrap(),
                "-o",
                z,
            ],
            "not a built site",
        ),
        (
            vec![
                "scorm",
                "--version",
                "1.2",
                "--site",
                d,
                "--workshop",
                bad_workshop.to_str().unwrap(),
                "-o",
                z,
            ],
            "bad.workshop.md",
        ),
        (
            vec![
                "scorm",
                "--version",
                "1.2",
                "--site",
                d,
                "--workshop",
                missing.to_str().unwrap(),
                "-o",
                z,
            ],
            "could not read",
        ),
        (vec!["zip"], "unknown package format"),
    ] {
        let out = cloudhop("package", &args, None);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(says), "{args:?}: {err}");
    }
    assert!(!zip.exists());
}

#[test]
fn a_cmi5_course_structure_points_at_the_hosted_site() {
    let dir = site("cmi5");
    let xml = dir.join("cmi5.xml");
    let x = xml.to_str().unwrap();
    let workshop = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../lessons/workshops/example.workshop.md"
    );
    // The whole course, judged by every lesson passed.
    let report = package(&[
        "cmi5",
        "--url",
        "https://docs.example.org/cloudhop/",
        "-o",
        x,
    ]);
    assert_eq!(
        report["url"],
        "https://docs.example.org/cloudhop/index.html"
    );
    assert_eq!(report["move_on"], "CompletedAndPassed");
    let text = std::fs::read_to_string(&xml).unwrap();
    assert!(text.starts_with("<?xml"));
    assert!(
        text.contains(r#"<course id="https://docs.example.org/cloudhop/cmi5/cloudhop-course">"#)
    );
    assert!(text.contains(r#"<au id="https://docs.example.org/cloudhop/cmi5/cloudhop-course/au" moveOn="CompletedAndPassed" launchMethod="AnyWindow">"#));
    assert!(text.contains("<url>https://docs.example.org/cloudhop/index.html</url>"));
    // A workshop: its link in the URL's query, a mastery score.
    let report = package(&[
        "cmi5",
        "--url",
        "https://docs.example.org/cloudhop/index.html",
        "--workshop",
        workshop,
        "--mastery",
        "0.75",
        "--move-on",
        "Passed",
        "-o",
        x,
    ]);
    let url = report["url"].as_str().unwrap();
    assert!(
        url.starts_with("https://docs.example.org/cloudhop/index.html?w=1."),
        "{url}"
    );
    let text = std::fs::read_to_string(&xml).unwrap();
    assert!(text.contains(r#"moveOn="Passed" masteryScore="0.75""#));
    for (args, says) in [
        (vec!["cmi5", "-o", x], "--url"),
        (
            vec!["cmi5", "--url", "ftp://x.org/", "-o", x],
            "not an https://",
        ),
        (
            vec!["cmi5", "--url", "https://x.org/?a=1", "-o", x],
            "without ? or #",
        ),
        (vec!["cmi5", "--url", "https://x.org/"], "-o"),
        (
            vec![
                "cmi5",
                "--url",
                "https://x.org/",
                "--mastery",
                "80",
                "-o",
                x,
            ],
            "from 0 to 1",
        ),
        (
            vec![
                "cmi5",
                "--url",
                "https://x.org/",
                "--move-on",
                "Later",
                "-o",
                x,
            ],
            "--move-on",
        ),
        (
            vec![
                "cmi5",
                "--url",
                "https://x.org/",
                "--version",
                "1.2",
                "-o",
                x,
            ],
            "unexpected `--version`",
        ),
    ] {
        let out = cloudhop("package", &args, None);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(says), "{args:?}: {err}");
    }
}
