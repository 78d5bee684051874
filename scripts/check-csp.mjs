// Fails (exit 1) if the built page breaks its own Content-Security-Policy: an inline
// <script> (the policy has no 'unsafe-inline' and no hashes for scripts, so the browser
// would refuse it), a style="" attribute or <style> element, or 'unsafe-inline' in the
// policy. Run by scripts/build-site on dist/index.html.
//
//   node scripts/check-csp.mjs dist/index.html
import { readFileSync } from 'node:fs';

const file = process.argv[2] || 'dist/index.html';
const html = readFileSync(file, 'utf8');
const problems = [];
const csp = html.match(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i);
if (!csp) problems.push('no Content-Security-Policy meta tag');
else if (csp[1].includes("'unsafe-inline'")) problems.push(`the policy allows 'unsafe-inline': ${csp[1]}`);
for (const [tag, attrs, body] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
  if (!/\ssrc=/i.test(attrs)) problems.push(`inline script: ${tag.slice(0, 80)}`);
  else if (body.trim()) problems.push(`script with both src and a body: ${tag.slice(0, 80)}`);
}
if (/<style\b/i.test(html)) problems.push('a <style> element');
if (/\sstyle=/i.test(html)) problems.push('a style="" attribute');
if (problems.length) {
  console.error(`${file} breaks its Content-Security-Policy:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
