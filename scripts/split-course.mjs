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
// 4. packs each split point's module with the shared pieces it needs into one file (one
//    request per lab), and names every pack and the loader after a hash of its content, so
//    a host's HTTP cache never pairs a new main module with an old chunk;
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

// Packs: a split point's module and every shared piece it needs, in one file, so that a
// lab is one request rather than twenty (wasm-split-cli makes a shared piece of every set
// of split points that reach the same code, many of them 1 KB). A piece several split
// points need is in each of their packs: a few KB fetched twice at most, against a round
// trip per piece. The loader reads each piece from the pack of the split point that asked
// for it first (`withPack`, `fetchPart` below); a failed pack is fetched again next time.
let loader = readFileSync(join(split, '__wasm_split.js'), 'utf8');
const fetchOf = /fetch\(new URL\("\.\/([A-Za-z0-9_]+\.wasm)", import\.meta\.url\)\)/g;
const fileOfChunk = new Map();
for (const m of loader.matchAll(/const (__chunk_\d+) = makeLoad\(\(\) => \{\s*const src = fetch\(new URL\("\.\/([A-Za-z0-9_]+\.wasm)"/g)) {
  fileOfChunk.set(m[1], m[2]);
}
const exportOf = /export const __wasm_split_load_(\w+) = wrapAsyncCb\(makeLoad\(\(\) => \{\s*const src = fetch\(new URL\("\.\/([A-Za-z0-9_]+\.wasm)", import\.meta\.url\)\);[\s\S]*?\n\}\n, \[([^\]]*)\]\)\);/g;
const sizes = [];
let packs = 0;
loader = loader.replace(exportOf, (whole, point, file, deps) => {
  const files = [file, ...deps.split(',').map((d) => d.trim()).filter(Boolean).map((d) => fileOfChunk.get(d)).filter(Boolean)];
  const parts = [];
  const bodies = [];
  let at = 0;
  for (const f of files) {
    const body = withoutCustomSections(readFileSync(join(split, f)));
    parts.push([f, at, body.length]);
    bodies.push(body);
    at += body.length;
  }
  const pack = Buffer.concat(bodies);
  const packName = `split-${point.replace(/_/g, '-')}-${hex(pack)}.wasm`;
  writeFileSync(join(stage, packName), pack);
  sizes.push([`${packName} (${files.length} parts)`, pack.length, gzipSync(pack).length]);
  packs++;
  return whole
    .replace('wrapAsyncCb(makeLoad(', `wrapAsyncCb(withPack("./${packName}", ${JSON.stringify(parts)}, makeLoad(`)
    .replace(/\]\)\);$/, '])));');
});
if (packs === 0) fail('the loader has no split point this script can read (a new wasm-split-cli?)');
const unread = [...loader.matchAll(fetchOf)].length;
loader = loader.replace(fetchOf, (_, f) => `fetchPart("${f}")`);
if (unread === 0) fail('the loader fetches no piece this script can read');
loader = loader.replace(/^(import \{ initSync \} from "[^"]+";\n)/, `$1
// From scripts/split-course.mjs: every piece comes out of its split point's pack.
const parts = new Map();
function withPack(url, list, load) {
    return () => {
        const missing = list.filter(([name]) => !parts.has(name));
        if (missing.length > 0) {
            const bytes = fetch(new URL(url, import.meta.url)).then((r) => {
                if (!r.ok) throw new Error(\`\${url}: HTTP \${r.status}\`);
                return r.arrayBuffer();
            });
            const mine = new Map(missing.map(([name, at, len]) => [name, bytes.then((b) => b.slice(at, at + len))]));
            for (const [name, part] of mine) parts.set(name, part);
            bytes.catch(() => {
                for (const [name, part] of mine) if (parts.get(name) === part) parts.delete(name);
            });
        }
        return load();
    };
}
function fetchPart(name) {
    const part = parts.get(name);
    if (!part) return Promise.reject(new Error(\`\${name} is in no pack\`));
    return part.then((b) => new Response(b, { headers: { "content-type": "application/wasm" } }));
}
`);
if (!loader.includes('function withPack(')) fail('the loader does not start with the main module\'s import');
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

// index.html: Trunk's integrity attributes (after each link's href) were for the unsplit files.
const indexPath = join(stage, 'index.html');
let index = readFileSync(indexPath, 'utf8');
const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
for (const [file, bytes] of [[`${name}.js`, Buffer.from(mainJs)], [`${name}_bg.wasm`, mainWasm]]) {
  const tag = new RegExp(`(<link[^>]*href="[^"]*${file.replace(/[.]/g, '\\.')}"[^>]*integrity=")[^"]*(")`, 'g');
  if (!tag.test(index)) fail(`index.html has no integrity for ${file}`);
  index = index.replace(tag, `$1${sri(bytes)}$2`);
}
writeFileSync(indexPath, index);

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log('split-course: the course in chunks (raw, gzip)');
for (const [file, rawBytes, gz] of sizes) console.log(`  ${file.padEnd(52)} ${kb(rawBytes).padStart(10)} ${kb(gz).padStart(10)}`);
