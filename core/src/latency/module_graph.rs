//! A check anyone can run (`cargo test -p cloudhop-core module_graph`): the modules of
//! the latency engine, and of the latency lab in the app, do not use each other in a
//! circle. A module uses another when its code (tests and comments aside) names it by a
//! `super::` or `crate::` path, or names a child module it declares.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

type Module = Vec<String>;

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// `a/b.rs` -> [a, b]; `a/mod.rs` -> [a]; the directory's own `mod.rs` -> [].
fn module_of(root: &Path, file: &Path) -> Module {
    let rel = file.strip_prefix(root).unwrap_or(file).with_extension("");
    let mut m: Module = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if m.last().is_some_and(|l| l == "mod") {
        m.pop();
    }
    m
}

/// The code of a file without its test module and comments.
fn code(text: &str) -> String {
    let body = text.split("#[cfg(test)]\nmod tests").next().unwrap_or(text);
    body.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Paths `prefix::a::b::...` in `text`, as their segments.
fn paths_after<'a>(text: &'a str, prefix: &'a str) -> impl Iterator<Item = Vec<&'a str>> + 'a {
    text.match_indices(prefix).filter_map(move |(i, _)| {
        let before = text[..i].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
            return None;
        }
        let rest = &text[i + prefix.len()..];
        let end = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
            .unwrap_or(rest.len());
        Some(rest[..end].split("::").filter(|s| !s.is_empty()).collect())
    })
}

/// The use graph of the modules under `root`, whose crate path is `crate_path`.
fn graph(root: &Path, crate_path: &[&str]) -> BTreeMap<Module, BTreeSet<Module>> {
    let mut files = Vec::new();
    rust_files(root, &mut files);
    let mods: BTreeMap<Module, PathBuf> = files
        .iter()
        .map(|f| (module_of(root, f), f.clone()))
        .collect();
    let longest = |target: &[String]| -> Option<Module> {
        (1..=target.len())
            .rev()
            .map(|k| target[..k].to_vec())
            .find(|t| mods.contains_key(t))
    };
    let mut g: BTreeMap<Module, BTreeSet<Module>> = BTreeMap::new();
    for (m, f) in &mods {
        let text = code(&std::fs::read_to_string(f).unwrap_or_default());
        let is_dir = f.ends_with("mod.rs");
        // `super` is the parent module, for a file module and a `mod.rs` alike.
        let parent: Module = m[..m.len().saturating_sub(1)].to_vec();
        let mut uses = BTreeSet::new();
        for segs in paths_after(&text, "super::") {
            let target: Module = parent
                .iter()
                .cloned()
                .chain(segs.iter().map(|s| s.to_string()))
                .collect();
            uses.extend(longest(&target));
        }
        for segs in paths_after(&text, "crate::") {
            if segs.len() > crate_path.len() && segs[..crate_path.len()] == *crate_path {
                let target: Module = segs[crate_path.len()..]
                    .iter()
                    .map(|s| s.to_string())
                    .collect();
                uses.extend(longest(&target));
            }
        }
        if is_dir {
            for line in text.lines() {
                let l = line
                    .trim()
                    .trim_start_matches("pub(crate) ")
                    .trim_start_matches("pub ");
                let Some(child) = l.strip_prefix("mod ").and_then(|c| c.strip_suffix(';')) else {
                    continue;
                };
                let named = paths_after(&text, &format!("{child}::")).next().is_some();
                let target: Module = m.iter().cloned().chain([child.to_string()]).collect();
                if named && mods.contains_key(&target) {
                    uses.insert(target);
                }
            }
        }
        uses.remove(m);
        uses.remove(&Vec::new());
        g.insert(m.clone(), uses);
    }
    g
}

/// Every cycle found by a depth-first search, as module paths.
fn cycles(g: &BTreeMap<Module, BTreeSet<Module>>) -> Vec<String> {
    fn walk(
        g: &BTreeMap<Module, BTreeSet<Module>>,
        path: &mut Vec<Module>,
        done: &mut BTreeSet<Module>,
        out: &mut Vec<String>,
    ) {
        let Some(last) = path.last().cloned() else {
            return;
        };
        for next in g.get(&last).into_iter().flatten() {
            if let Some(k) = path.iter().position(|m| m == next) {
                let names: Vec<String> = path[k..]
                    .iter()
                    .chain([next])
                    .map(|m| m.join("::"))
                    .collect();
                out.push(names.join(" -> "));
            } else if !done.contains(next) {
                path.push(next.clone());
                walk(g, path, done, out);
                path.pop();
            }
        }
        done.insert(last);
    }
    let mut out = Vec::new();
    let mut done = BTreeSet::new();
    for m in g.keys() {
        walk(g, &mut vec![m.clone()], &mut done, &mut out);
    }
    out
}

#[test]
fn latency_modules_use_each_other_without_cycles() {
    let core = Path::new(env!("CARGO_MANIFEST_DIR"));
    for (dir, crate_path) in [
        (core.join("src/latency"), vec!["latency"]),
        (
            core.join("../app/src/labs/latency"),
            vec!["labs", "latency"],
        ),
    ] {
        let g = graph(&dir, &crate_path);
        assert!(g.len() > 5, "{}: {} modules", dir.display(), g.len());
        for (m, uses) in &g {
            let uses: Vec<String> = uses.iter().map(|u| u.join("::")).collect();
            println!("{} -> {}", m.join("::"), uses.join(", "));
        }
        let found = cycles(&g);
        assert!(found.is_empty(), "{}: {found:?}", dir.display());
    }
}

#[test]
fn the_check_finds_a_cycle() {
    let dir = std::env::temp_dir().join(format!("cloudhop-module-graph-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("mod.rs"), "mod a;\nmod b;\n").unwrap();
    std::fs::write(dir.join("a.rs"), "use super::b::X;\n").unwrap();
    std::fs::write(dir.join("b.rs"), "use crate::m::a::Y;\n// use super::c;\n").unwrap();
    let g = graph(&dir, &["m"]);
    let found = cycles(&g);
    std::fs::remove_dir_all(&dir).ok();
    assert!(found.iter().any(|c| c == "a -> b -> a"), "{found:?} {g:?}");
}
