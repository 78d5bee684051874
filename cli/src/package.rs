//! `cloudhop package scorm`: the built site as a SCORM package an LMS imports.
//!
//! ```text
//! cloudhop package scorm --version 1.2|2004 [--workshop FILE] [--site DIR] [--course DIR] -o OUT.zip
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
use serde::Serialize;
use std::path::{Path, PathBuf};

const USAGE: &str = "\
usage: cloudhop package scorm --version 1.2|2004 [--workshop FILE] [--site DIR] [--course DIR] -o OUT.zip

  --version 1.2|2004   SCORM 1.2 or SCORM 2004 4th Edition
  --workshop FILE      package that workshop (its lessons only) instead of the whole course
  --site DIR           the built site (default: dist, from scripts/build-site)
  --course DIR         lesson files the workshop is checked against (default: the shipped course)
  -o, --out OUT.zip    where to write the package
";

/// Files of the site that never go into a package.
const LEFT_OUT: &[&str] = &["sw.js"];

/// Run `cloudhop package ...`.
pub fn run(args: &[String]) -> CliResult {
    match args.first().map(String::as_str) {
        Some("scorm") => scorm(&args[1..]),
        Some("-h" | "--help") | None => Err(CliError::usage(USAGE)),
        Some(other) => Err(CliError::usage(format!(
            "unknown package format `{other}` (only scorm)\n\n{USAGE}"
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

fn scorm(args: &[String]) -> CliResult {
    let mut version = None;
    let mut workshop = None;
    let mut site = None;
    let mut out = None;
    let mut course_dir = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let slot = match a.as_str() {
            "--version" => &mut version,
            "--workshop" => &mut workshop,
            "--site" => &mut site,
            "--course" => &mut course_dir,
            "-o" | "--out" => &mut out,
            "-h" | "--help" => return Err(CliError::usage(USAGE)),
            other => return Err(CliError::usage(format!("unexpected `{other}`\n\n{USAGE}"))),
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
    let version = Version::parse(
        version
            .as_deref()
            .ok_or_else(|| CliError::usage(format!("give --version 1.2 or 2004\n\n{USAGE}")))?,
    )
    .map_err(|e| CliError::usage(e.to_string()))?;
    let out = out.ok_or_else(|| CliError::usage(format!("give -o OUT.zip\n\n{USAGE}")))?;
    let site = PathBuf::from(site.unwrap_or_else(|| "dist".to_string()));
    if !site.join("index.html").is_file() {
        return Err(CliError::usage(format!(
            "{} is not a built site (no index.html): run scripts/build-site first, or give --site DIR",
            site.display()
        )));
    }

    let (package, title, link) = match &workshop {
        None => (
            PackageId::course(),
            "cloudhop: multi-cloud networking, hands on".to_string(),
            None,
        ),
        Some(path) => {
            let course = match &course_dir {
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
            (
                PackageId::for_workshop(&w.id),
                w.title.clone(),
                Some(format!(
                    "#/workshop?w={}",
                    cloudhop_core::workshop::link::encode_link(w)
                )),
            )
        }
    };
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
