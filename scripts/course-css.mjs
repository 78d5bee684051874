// Joins the course page's stylesheets into one file before Trunk builds the course
// (Trunk.toml, `[[hooks]]` pre_build; it does nothing for an embed's page, which links its
// own two). One stylesheet rather than nine: on HTTP/1.1 a browser opens six connections to
// a host, and nine stylesheets ahead of the wasm kept it waiting for a free one
// (scripts/bench-load.mjs: the course map 0.1 s sooner on 4G). app/index.html links the
// result, target/course-css/cloudhop.css, which Trunk hashes like any stylesheet.
//
// The order: the site's base, the course pages, each lab's (by name: each is scoped to
// its lab's classes), the workshop mode, the instructor's pages.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const html = process.env.TRUNK_HTML_FILE;
// Run by hand (no Trunk), it writes the file too.
if (html && resolve(html) !== join(root, 'app/index.html')) process.exit(0);

const labs = readdirSync(join(root, 'static/labs')).filter((f) => f.endsWith('.css')).sort().map((f) => `static/labs/${f}`);
const parts = ['static/style.css', 'static/course.css', ...labs, 'static/workshop-mode.css', 'static/instructor.css'];
const out = join(root, 'target/course-css/cloudhop.css');
mkdirSync(dirname(out), { recursive: true });
const text = parts.map((p) => `/* ${p} */\n${readFileSync(join(root, p), 'utf8').trimEnd()}\n`).join('\n');
// Written only when it changes, so `trunk serve` does not rebuild for nothing.
let before = null;
try { before = readFileSync(out, 'utf8'); } catch { /* first build */ }
if (before !== text) writeFileSync(out, text);
