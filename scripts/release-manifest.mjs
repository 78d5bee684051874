// Writes the release into a built site (run by scripts/build-site on dist/):
//
// - the release id: the first 16 hex digits of a SHA-256 over every file's path and hash,
//   so any changed file makes a new release;
// - `<meta name="cloudhop-release" content="<id>">` in index.html (the page says which
//   release it is);
// - the list of every file of the site with its SHA-256, baked into sw.js (the line
//   `const RELEASE = …; // cloudhop:release`). The service worker precaches exactly these
//   files on install, checking each hash, in a cache named after the release; a new id
//   also makes sw.js differ byte for byte, which is how browsers notice a new release.
//
// Running it again on the same folder (or on a copy with a file changed) rewrites both.
//
//   node scripts/release-manifest.mjs dist
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const dir = process.argv[2] || 'dist';
const SW = 'sw.js';
const META = /\s*<meta name="cloudhop-release" content="[^"]*">/;
const MARK = /^const RELEASE = .*; \/\/ cloudhop:release.*$/m;

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

function walk(d) {
  return readdirSync(d).flatMap((name) => {
    const p = join(d, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

const paths = walk(dir)
  .map((p) => relative(dir, p).split(sep).join('/'))
  .filter((p) => p !== SW)
  .sort();
if (!paths.includes('index.html')) {
  console.error(`${dir}/index.html is missing: build the site first`);
  process.exit(1);
}

// The id is computed with index.html as it is without the release tag.
const html = readFileSync(join(dir, 'index.html'), 'utf8').replace(META, '');
const content = (p) => (p === 'index.html' ? Buffer.from(html) : readFileSync(join(dir, p)));
const id = sha256(paths.map((p) => `${p}\0${sha256(content(p))}\n`).join('')).slice(0, 16);

const tagged = html.replace(/(<meta charset="utf-8">)/i, `$1\n  <meta name="cloudhop-release" content="${id}">`);
if (tagged === html) {
  console.error(`${dir}/index.html has no <meta charset="utf-8"> to put the release after`);
  process.exit(1);
}
writeFileSync(join(dir, 'index.html'), tagged);

let bytes = 0;
const files = paths.map((path) => {
  const body = readFileSync(join(dir, path));
  bytes += body.length;
  return { path, sha256: sha256(body) };
});
const sw = readFileSync(join(dir, SW), 'utf8');
if (!MARK.test(sw)) {
  console.error(`${dir}/${SW} has no "const RELEASE = …; // cloudhop:release" line`);
  process.exit(1);
}
const line = `const RELEASE = ${JSON.stringify({ id, files })}; // cloudhop:release (scripts/release-manifest.mjs)`;
writeFileSync(join(dir, SW), sw.replace(MARK, () => line));
console.log(`release ${id}: ${files.length} files, ${Math.round(bytes / 1024)} KB precached by ${SW}`);
