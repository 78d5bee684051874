//! `cloudhop package scorm`: the built site as a SCORM package an LMS imports;
//! `cloudhop package cmi5`: the course structure (`cmi5.xml`) for a hosted copy.
//!
//! ```text
//! cloudhop package scorm --version 1.2|2004 [--workshop FILE] [--site DIR] [--course DIR] -o OUT.zip
//! cloudhop package cmi5 --url URL [--workshop FILE] [--course DIR] [--move-on WORD] [--mastery 0..1] -o cmi5.xml
//! ```
//!
//! The manifest comes from `core::scorm::manifest`, the archive from `core::scorm::zip`;
//! this command reads the site's files and writes the zip. The site's service worker
//! (`sw.js`) is left out: inside a package the LMS serves the files, and the page does not
//! register one (`static/register-sw.js`).

use crate::output::{json, CliError, CliResult};
use cloudhop_core::scorm::launch::{Launch, PackageId};
use cloudhop_core::scorm::manifest::Manifest;
use cloudhop_core::scorm::zip::Archive;
use cloudhop_core::scorm::Version;
use cloudhop_core::xapi::cmi5::{CourseStructure, MoveOn};
use serde::Serialize;
use std::path::{Path, PathBuf};

const USAGE: &str = "\
usage: cloudhop package scorm --version 1.2|2004 [--workshop FILE] [--site DIR] [--course DIR] -o OUT.zip
       cloudhop package cmi5 --url URL [--workshop FILE] [--course DIR] [--move-on WORD] [--mastery 0..1] -o cmi5.xml

  --version 1.2|2004   SCORM 1.2 or SCORM 2004 4th Edition
  --workshop FILE      package that workshop (its lessons only) instead of the whole course
  --site DIR           the built site (default: dist, from scripts/build-site)
  --course DIR         lesson files the workshop is checked against (default: the shipped course)
  --url URL            cmi5: where the built site is hosted (https://…/index.html or its folder)
  --move-on WORD       cmi5: Passed, Completed, CompletedAndPassed (default), CompletedOrPassed
                       or NotApplicable
  --mastery 0..1       cmi5: the scaled score that passes (default: every lesson passed)
  -o, --out OUT        where to write the package or the course structure
";

/// Files of the site that never go into a package.
const LEFT_OUT: &[&str] = &["sw.js"];

/// Run `cloudhop package ...`.
pub fn run(args: &[String]) -> CliResult {
    match args.first().map(String::as_str) {
        Some("scorm") => scorm(&args[1..]),
        Some("cmi5") => cmi5(&args[1..]),
        Some("-h" | "--help") | None => Err(CliError::usage(USAGE)),
        Some(other) => Err(CliError::usage(format!(
            "unknown package format `{other}` (scorm or cmi5)\n\n{USAGE}"
        ))),
    }
}

#[derive(Serialize)]
struct Built {
    package: String,
    version: String,
    identifier: String,
    title: String,
    launch: String,
    files: usize,
    bytes: usize,
}

/// The flags of `package` (each at most once, each with a value).
#[derive(Default)]
struct Options {
    version: Option<String>,
    workshop: Option<String>,
    site: Option<String>,
    out: Option<String>,
    course_dir: Option<String>,
    url: Option<String>,
    move_on: Option<String>,
    mastery: Option<String>,
}

impl Options {
    /// Read `args`, refusing any flag not in `allowed`.
    fn read(args: &[String], allowed: &[&str]) -> Result<Options, CliError> {
        let mut o = Options::default();
        let mut it = args.iter();
        while let Some(a) = it.next() {
            if matches!(a.as_str(), "-h" | "--help") {
                return Err(CliError::usage(USAGE));
            }
            let name = if a == "-o" { "--out" } else { a.as_str() };
            if !allowed.contains(&name) {
                return Err(CliError::usage(format!("unexpected `{a}`\n\n{USAGE}")));
            }
            let slot = match name {
                "--version" => &mut o.version,
                "--workshop" => &mut o.workshop,
                "--site" => &mut o.site,
                "--course" => &mut o.course_dir,
                "--url" => &mut o.url,
                "--move-on" => &mut o.move_on,
                "--mastery" => &mut o.mastery,
                _ => &mut o.out,
            };
            if slot.is_some() {
                return Err(CliError::usage(format!("`{a}` is given twice")));
            }
            *slot = Some(
                it.next()
                    .ok_or_else(|| CliError::usage(format!("`{a}` needs a value")))?
                    .clone(),
            );
        }
        Ok(o)
    }

    /// The package's id, title and (for a workshop) the workshop link.
    fn what(&self) -> Result<(PackageId, String, Option<String>), CliError> {
        let Some(path) = &self.workshop else {
            return Ok((
                PackageId::course(),
                "cloudhop: multi-cloud networking, hands on".to_string(),
                None,
            ));
        };
        let course = match &self.course_dir {
            Some(d) if !Path::new(d).is_dir() => {
                return Err(CliError::usage(format!("{d} is not a folder")))
            }
            Some(d) => cloudhop_lessons::load_dir(Path::new(d)),
            None => cloudhop_lessons::shipped(),
        }
        .map_err(|e| CliError::usage(crate::lessons::report(&e).message))?;
        let text = std::fs::read_to_string(path)
            .map_err(|e| CliError::usage(format!("could not read {path}: {e}")))?;
        let (file, _) = cloudhop_lessons::workshop::load(path, &text, &course)
            .map_err(|e| CliError::usage(crate::lessons::report(&e).message))?;
        let w = &file.workshop;
        Ok((
            PackageId::for_workshop(&w.id),
            w.title.clone(),
            Some(format!(
                "#/workshop?w={}",
                cloudhop_core::workshop::link::encode_link(w)
            )),
        ))
    }
}

fn scorm(args: &[String]) -> CliResult {
    let o = Options::read(
        args,
        &["--version", "--workshop", "--site", "--course", "--out"],
    )?;
    let Options {
        version, site, out, ..
    } = &o;
    let version = Version::parse(
        version
            .as_deref()
            .ok_or_else(|| CliError::usage(format!("give --version 1.2 or 2004\n\n{USAGE}")))?,
    )
    .map_err(|e| CliError::usage(e.to_string()))?;
    let out = out
        .clone()
        .ok_or_else(|| CliError::usage(format!("give -o OUT.zip\n\n{USAGE}")))?;
    let site = PathBuf::from(site.clone().unwrap_or_else(|| "dist".to_string()));
    if !site.join("index.html").is_file() {
        return Err(CliError::usage(format!(
            "{} is not a built site (no index.html): run scripts/build-site first, or give --site DIR",
            site.display()
        )));
    }

    let (package, title, link) = o.what()?;
    let launch = Launch {
        version,
        package,
        workshop: link,
    };

    let mut files = Vec::new();
    collect(&site, &site, &mut files)?;
    files.retain(|(name, _)| !LEFT_OUT.contains(&name.as_str()) && name != "imsmanifest.xml");
    files.sort();
    let manifest = Manifest {
        launch: launch.clone(),
        title: title.clone(),
        mastery_score: None,
        files: files.iter().map(|(n, _)| n.clone()).collect(),
    };
    let mut zip = Archive::new();
    let bad = |e: cloudhop_core::scorm::zip::ZipError| CliError::usage(e.to_string());
    zip.add("imsmanifest.xml", manifest.to_xml().as_bytes())
        .map_err(bad)?;
    for (name, path) in &files {
        let bytes = std::fs::read(path)
            .map_err(|e| CliError::usage(format!("could not read {}: {e}", path.display())))?;
        zip.add(name, &bytes).map_err(bad)?;
    }
    let bytes = zip.finish().map_err(bad)?;
    std::fs::write(&out, &bytes)
        .map_err(|e| CliError::usage(format!("could not write {out}: {e}")))?;
    json(&Built {
        package: out,
        version: version.to_string(),
        identifier: launch.package.to_string(),
        title,
        launch: launch.href(),
        files: files.len() + 1,
        bytes: bytes.len(),
    })
}

#[derive(Serialize)]
struct Structure {
    structure: String,
    course: String,
    au: String,
    title: String,
    url: String,
    move_on: String,
    mastery_score: Option<f64>,
}

/// `cloudhop package cmi5`: the course structure for a copy of the site hosted at `--url`.
fn cmi5(args: &[String]) -> CliResult {
    let o = Options::read(
        args,
        &[
            "--url",
            "--workshop",
            "--course",
            "--move-on",
            "--mastery",
            "--out",
        ],
    )?;
    let out = o
        .out
        .clone()
        .ok_or_else(|| CliError::usage(format!("give -o cmi5.xml\n\n{USAGE}")))?;
    let url = o.url.as_deref().ok_or_else(|| {
        CliError::usage(format!(
            "give --url: where the built site is hosted, such as https://docs.example.org/cloudhop/\n\n{USAGE}"
        ))
    })?;
    let base = url.trim();
    let host_ok = base
        .strip_prefix("https://")
        .or_else(|| base.strip_prefix("http://"))
        .is_some_and(|r| !r.is_empty() && !r.starts_with('/'));
    if !host_ok || base.contains(['?', '#', ' ', '"', '<', '>']) {
        return Err(CliError::usage(format!(
            "--url `{base}` is not an https:// or http:// address of the site (without ? or #)"
        )));
    }
    let page = if base.ends_with(".html") {
        base.to_string()
    } else {
        format!("{}/index.html", base.trim_end_matches('/'))
    };
    let move_on = match o.move_on.as_deref() {
        None => MoveOn::CompletedAndPassed,
        Some(m) => MoveOn::parse(m).ok_or_else(|| {
            CliError::usage(format!(
                "--move-on `{m}` is not Passed, Completed, CompletedAndPassed, CompletedOrPassed or NotApplicable"
            ))
        })?,
    };
    let mastery_score = match o.mastery.as_deref() {
        None => None,
        Some(m) => Some(
            m.parse::<f64>()
                .ok()
                .filter(|v| (0.0..=1.0).contains(v))
                .ok_or_else(|| {
                    CliError::usage(format!("--mastery `{m}` is not a number from 0 to 1"))
                })?,
        ),
    };
    let (package, title, link) = o.what()?;
    // The workshop goes in the query: the LMS appends its launch parameters to the URL.
    let url = match &link {
        Some(l) => format!(
            "{page}?w={}",
            l.rsplit_once("w=").map_or(l.as_str(), |(_, p)| p)
        ),
        None => page,
    };
    let base_id = base.trim_end_matches("/index.html").trim_end_matches('/');
    let structure = CourseStructure {
        id: format!("{base_id}/cmi5/{package}"),
        title: title.clone(),
        description:
            "Hands-on multi-cloud networking: lessons, quizzes and labs that run in the browser."
                .into(),
        url: url.clone(),
        move_on,
        mastery_score,
    };
    std::fs::write(&out, structure.to_xml())
        .map_err(|e| CliError::usage(format!("could not write {out}: {e}")))?;
    json(&Structure {
        structure: out,
        course: structure.id.clone(),
        au: format!("{}/au", structure.id),
        title,
        url,
        move_on: move_on.as_str().to_string(),
        mastery_score,
    })
}

/// Every file under `dir`, as (name relative to `root` with `/`, path).
fn collect(root: &Path, dir: &Path, out: &mut Vec<(String, PathBuf)>) -> Result<(), CliError> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| CliError::usage(format!("could not read {}: {e}", dir.display())))?;
    for entry in entries {
        let entry =
            entry.map_err(|e| CliError::usage(format!("could not read {}: {e}", dir.display())))?;
        let path = entry.path();
        if path.is_dir() {
            collect(root, &path, out)?;
        } else {
            let rel = path.strip_prefix(root).unwrap_or(&path);
            let name = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            out.push((name, path));
        }
    }
    Ok(())
}
