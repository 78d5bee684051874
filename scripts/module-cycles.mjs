#!/usr/bin/env node
// Finds circular dependencies between the modules of each crate (core, lessons, app, cli).
//
//   node scripts/module-cycles.mjs          # exit 0: none; exit 1: lists each cycle
//
// A module is a file (`foo.rs` or `foo/mod.rs` is `foo`, `foo/bar.rs` is `foo::bar`). Module
// A depends on module B when A's code (not its comments, not its `#[cfg(test)]` block)
// names B or an item in it through `crate::`, `super::` or `self::` paths, in `use` lines
// or inline. A child naming its ancestor's items is containment, not a dependency between
// peers, and does not count; everything else does. Cycles are the strongly connected
// components of that graph with more than one module.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(import.meta.url), '..', '..');
const crates = ['core/src', 'lessons/src', 'app/src', 'cli/src'];

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return files(p);
    return p.endsWith('.rs') ? [p] : [];
  });
}

/** `a/b.rs` -> ['a','b']; `a/mod.rs` -> ['a']; `lib.rs`/`main.rs` -> []. */
function modulePath(src, file) {
  const parts = relative(src, file).split(sep);
  const last = parts.pop().replace(/\.rs$/, '');
  if (parts.length === 0 && (last === 'lib' || last === 'main')) return [];
  if (last !== 'mod') parts.push(last);
  return parts;
}

/** Source without comments, string contents and the `#[cfg(test)]` item that follows. */
function code(text) {
  let out = '';
  let i = 0;
  while (i < text.length) {
    if (text.startsWith('//', i)) {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 2;
    } else if (text[i] === '"' && text[i - 1] !== "'") {
      i++;
      while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      i++;
      out += '""';
    } else if (text.startsWith('r#"', i)) {
      const end = text.indexOf('"#', i + 3);
      i = end < 0 ? text.length : end + 2;
      out += '""';
    } else {
      out += text[i++];
    }
  }
  // Drop every `#[cfg(test)]` item (a `mod tests { ... }` block or a single item).
  for (;;) {
    const at = out.indexOf('#[cfg(test)]');
    if (at < 0) break;
    let j = at + '#[cfg(test)]'.length;
    const semi = out.indexOf(';', j);
    const brace = out.indexOf('{', j);
    if (brace < 0 && semi < 0) {
      out = out.slice(0, at);
      break;
    }
    if (brace < 0 || (semi >= 0 && semi < brace)) {
      out = out.slice(0, at) + out.slice(semi + 1);
      continue;
    }
    let depth = 0;
    for (j = brace; j < out.length; j++) {
      if (out[j] === '{') depth++;
      else if (out[j] === '}' && --depth === 0) break;
    }
    out = out.slice(0, at) + out.slice(j + 1);
  }
  return out;
}

/** Every path a module names, expanded from `use a::{b, c::d}` groups, as segment lists. */
function namedPaths(src) {
  const paths = [];
  const expand = (prefix, body) => {
    // Split `body` on top-level commas.
    let depth = 0;
    let start = 0;
    const parts = [];
    for (let k = 0; k < body.length; k++) {
      if (body[k] === '{') depth++;
      else if (body[k] === '}') depth--;
      else if (body[k] === ',' && depth === 0) {
        parts.push(body.slice(start, k));
        start = k + 1;
      }
    }
    parts.push(body.slice(start));
    for (let p of parts) {
      p = p.trim().replace(/\s+as\s+\w+$/, '');
      if (!p) continue;
      const open = p.indexOf('{');
      if (open >= 0) {
        const head = p.slice(0, open).replace(/::$/, '');
        expand([...prefix, ...head.split('::').filter(Boolean)], p.slice(open + 1, p.lastIndexOf('}')));
      } else {
        paths.push([...prefix, ...p.split('::').map((s) => s.trim()).filter(Boolean)]);
      }
    }
  };
  for (const m of src.matchAll(/\buse\s+([^;]+);/g)) expand([], m[1].replace(/\s+/g, ' '));
  for (const m of src.matchAll(/\b((?:crate|super|self)(?:::\w+)+)/g)) paths.push(m[1].split('::'));
  return paths;
}

let cycles = 0;
for (const crate of crates) {
  const src = join(root, crate);
  const mods = new Map(); // key -> { path, file, text }
  for (const f of files(src)) {
    const path = modulePath(src, f);
    mods.set(path.join('::'), { path, file: relative(root, f), text: code(readFileSync(f, 'utf8')) });
  }
  const edges = new Map([...mods.keys()].map((k) => [k, new Map()]));
  const isAncestor = (a, b) => a.length < b.length && a.every((s, i) => b[i] === s);
  for (const [key, m] of mods) {
    for (const raw of namedPaths(m.text)) {
      let base;
      let rest;
      if (raw[0] === 'crate') {
        base = [];
        rest = raw.slice(1);
      } else if (raw[0] === 'super' || raw[0] === 'self') {
        base = [...m.path];
        rest = [...raw];
        while (rest[0] === 'super' || rest[0] === 'self') {
          if (rest.shift() === 'super') base.pop();
        }
      } else {
        continue; // an external crate, or a name in scope
      }
      // The longest prefix that is a module.
      let target = null;
      for (let n = rest.length; n >= 0; n--) {
        const cand = [...base, ...rest.slice(0, n)];
        if (mods.has(cand.join('::'))) {
          target = cand;
          break;
        }
      }
      if (!target) continue;
      const t = target.join('::');
      if (t === key || isAncestor(target, m.path)) continue;
      if (!edges.get(key).has(t)) edges.get(key).set(t, raw.join('::'));
    }
  }
  // Tarjan's strongly connected components.
  let index = 0;
  const idx = new Map();
  const low = new Map();
  const stack = [];
  const on = new Set();
  const sccs = [];
  const visit = (v) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of edges.get(v).keys()) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (on.has(w)) {
        low.set(v, Math.min(low.get(v), idx.get(w)));
      }
    }
    if (low.get(v) === idx.get(v)) {
      const c = [];
      let w;
      do {
        w = stack.pop();
        on.delete(w);
        c.push(w);
      } while (w !== v);
      if (c.length > 1) sccs.push(c);
    }
  };
  for (const v of edges.keys()) if (!idx.has(v)) visit(v);
  const name = (k) => mods.get(k).file;
  for (const c of sccs) {
    cycles++;
    console.log(`cycle in ${crate}: ${c.map(name).join(' <-> ')}`);
    for (const a of c) {
      for (const [b, via] of edges.get(a)) {
        if (c.includes(b)) console.log(`  ${name(a)} -> ${name(b)} (names ${via})`);
      }
    }
  }
  const n = [...edges.values()].reduce((s, e) => s + e.size, 0);
  console.log(`${crate}: ${mods.size} modules, ${n} dependencies, ${sccs.length} cycles`);
}
process.exit(cycles ? 1 : 0);
