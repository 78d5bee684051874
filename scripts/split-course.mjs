// Splits the course's wasm so that each lab's code is a chunk of its own, fetched the
// first time the lab is shown (issue 13, 1b; app/src/labs/chunks.rs has the split points).
//
// Trunk runs this after every build (Trunk.toml, `[[hooks]]` post_build), for `trunk build`
// and `trunk serve` alike; it does nothing for the embeds' pages (one lab each, no split).
// Trunk has built the course with the `split` feature (app/index.html), which links it with
// its relocations (app/build.rs); from that raw wasm this script:
//
// 1. splits it with wasm-split-cli (crate wasm_split_cli_support, version pinned in
//    scripts/lib.sh): a main module, one module per split point, shared chunks, and the
//    small loader (`__wasm_split.js`) the main module imports to fetch them;
// 2. runs wasm-bindgen on the main module under Trunk's own output name, so index.html's
//    references stay as Trunk wrote them (`--keep-lld-exports`: the chunks link against
//    the main module's exports);
// 3. drops every custom section (names, relocations, producers) from the wasm files;
// 4. names every chunk and the loader after a hash of its content, so a host's HTTP cache
//    never pairs a new main module with an old chunk;
// 5. puts the result in Trunk's staging folder and fixes the integrity of the main module's
//    two files in index.html.
//
// The service worker's release (scripts/release-manifest.mjs) lists every file of dist/,
// chunks included, so a lab's chunk is precached and the course works offline as before.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const html = process.env.TRUNK_HTML_FILE || '';
const stage = process.env.TRUNK_STAGING_DIR;
if (resolve(html) !== join(root, 'app/index.html')) process.exit(0); // an embed's page
if (!stage) throw new Error('TRUNK_STAGING_DIR is not set: Trunk runs this script (Trunk.toml hooks)');

const fail = (msg) => {
  console.error(`split-course: ${msg}`);
  process.exit(1);
};
const raw = join(root, 'target/wasm32-unknown-unknown/web/cloudhop-app.wasm');
if (!existsSync(raw)) fail(`${raw} is missing (Trunk builds it with the web profile)`);
const js = readdirSync(stage).find((f) => /^cloudhop-app-[0-9a-f]+\.js$/.test(f));
if (!js) fail(`no cloudhop-app-<hash>.js in ${stage}`);
const name = basename(js, '.js');

// A wasm file's sections without the custom ones (id 0): names, relocations, producers.
function withoutCustomSections(bytes) {
  const out = [bytes.subarray(0, 8)];
  let at = 8;
  while (at < bytes.length) {
    const start = at;
    const id = bytes[at++];
    let size = 0;
    let shift = 0;
    for (;;) {
      const b = bytes[at++];
      size |= (b & 0x7f) << shift;
      shift += 7;
      if (!(b & 0x80)) break;
    }
    at += size;
    if (id !== 0) out.push(bytes.subarray(start, at));
  }
  return Buffer.concat(out);
}
const hex = (bytes) => createHash('sha256').update(bytes).digest('hex').slice(0, 16);

const work = join(root, 'target/split-course');
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
const split = join(work, 'split');
const bound = join(work, 'bound');
const run = (cmd, args) => execFileSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'] });
run('wasm-split-cli', ['--target', 'web', '--out-name', name, raw, split]);
const made = readdirSync(split);
const chunks = made.filter((f) => f.endsWith('.wasm') && f !== `${name}.wasm`);
if (chunks.length === 0) fail(`wasm-split-cli found no split point in ${raw}: was it built with the split feature?`);
run('wasm-bindgen', [
  '--target', 'web', '--no-typescript', '--keep-lld-exports',
  '--remove-name-section', '--remove-producers-section',
  '--out-dir', bound, '--out-name', name, join(split, `${name}.wasm`),
]);

// The chunks, named after their content; the loader rewritten to fetch them by that name.
let loader = readFileSync(join(split, '__wasm_split.js'), 'utf8');
const sizes = [];
for (const chunk of chunks) {
  const body = withoutCustomSections(readFileSync(join(split, chunk)));
  const stem = basename(chunk, '.wasm');
  const hashed = `${stem.replace(/_/g, '-')}-${hex(body)}.wasm`;
  const literal = `"./${chunk}"`;
  if (!loader.includes(literal)) fail(`the loader does not name ${chunk}`);
  loader = loader.split(literal).join(`"./${hashed}"`);
  writeFileSync(join(stage, hashed), body);
  sizes.push([hashed, body.length, gzipSync(body).length]);
}
const loaderName = `cloudhop-chunks-${hex(loader)}.js`;
writeFileSync(join(stage, loaderName), loader);

// The main module under Trunk's names, importing the loader by its new name.
let mainJs = readFileSync(join(bound, `${name}.js`), 'utf8');
const importOf = /(from\s*['"])\.\/__wasm_split\.js(['"])/g;
if (!importOf.test(mainJs)) fail(`${name}.js does not import ./__wasm_split.js`);
mainJs = mainJs.replace(importOf, `$1./${loaderName}$2`);
const mainWasm = withoutCustomSections(readFileSync(join(bound, `${name}_bg.wasm`)));
writeFileSync(join(stage, `${name}.js`), mainJs);
writeFileSync(join(stage, `${name}_bg.wasm`), mainWasm);
sizes.unshift([`${name}_bg.wasm`, mainWasm.length, gzipSync(mainWasm).length]);

// index.html: Trunk's integrity attributes were for the unsplit files.
const indexPath = join(stage, 'index.html');
let index = readFileSync(indexPath, 'utf8');
const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
for (const [file, bytes] of [[`${name}.js`, Buffer.from(mainJs)], [`${name}_bg.wasm`, mainWasm]]) {
  const tag = new RegExp(`(<link[^>]*href="[^"]*${file.replace(/[.]/g, '\\.')}"[^>]*integrity=")[^"]*(")`, 'g');
  const tagRev = new RegExp(`(<link[^>]*integrity=")[^"]*("[^>]*href="[^"]*${file.replace(/[.]/g, '\\.')}")`, 'g');
  index = index.replace(tag, `$1${sri(bytes)}$2`).replace(tagRev, `$1${sri(bytes)}$2`);
}
writeFileSync(indexPath, index);

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log('split-course: the course in chunks (raw, gzip)');
for (const [file, rawBytes, gz] of sizes) console.log(`  ${file.padEnd(52)} ${kb(rawBytes).padStart(10)} ${kb(gz).padStart(10)}`);
