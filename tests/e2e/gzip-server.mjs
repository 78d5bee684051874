// A static server for the embed tests and scripts/bench-embed.mjs: serves a folder on
// 127.0.0.1 gzipped, as real static hosts do (so transferred bytes are what readers pay),
// optionally with `Access-Control-Allow-Origin: *` (which a sandboxed iframe needs, see
// README.md "Embedding a lab"), and records every request it answers.

import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.wasm': 'application/wasm',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
};

/**
 * Serve `dir` (or answer with `pages[path]`, a string, for a path) at a free port.
 * Options: `cors` (send `Access-Control-Allow-Origin: *`), `gzip` (default true).
 * Returns { url, origin, requests, close }; `requests` lists { path, bytes } sent.
 */
export async function serveDir(dir, { cors = false, gzip = true, pages = {} } = {}) {
  const requests = [];
  const cache = new Map();
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    try {
      let body;
      let file = path;
      if (pages[path] !== undefined) body = Buffer.from(pages[path]);
      else {
        if (!dir) throw new Error('no folder');
        file = normalize(join(dir, path.endsWith('/') ? path + 'index.html' : path));
        if (!file.startsWith(dir)) throw new Error('outside');
        body = await readFile(file);
      }
      const headers = { 'content-type': TYPES[extname(file)] || (pages[path] !== undefined ? 'text/html; charset=utf-8' : 'application/octet-stream') };
      if (cors) headers['access-control-allow-origin'] = '*';
      if (gzip && /gzip/.test(req.headers['accept-encoding'] || '')) {
        const key = `${file}:${body.length}`;
        if (!cache.has(key)) cache.set(key, gzipSync(body));
        body = cache.get(key);
        headers['content-encoding'] = 'gzip';
        headers.vary = 'accept-encoding';
      }
      headers['content-length'] = body.length;
      res.writeHead(200, headers);
      res.end(body);
      requests.push({ path, bytes: body.length });
    } catch {
      res.writeHead(404, cors ? { 'access-control-allow-origin': '*' } : {});
      res.end('not found');
      requests.push({ path, bytes: 0, missing: true });
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  const origin = `http://127.0.0.1:${port}`;
  return { url: `${origin}/`, origin, requests, close: () => new Promise((ok) => server.close(ok)) };
}

/**
 * Count what `page` transfers from now on (Chromium's encodedDataLength: compressed body
 * plus headers), with the browser cache off. Returns { total(), byType(), list }.
 */
export async function countBytes(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const urls = new Map();
  const list = [];
  cdp.on('Network.responseReceived', (e) => urls.set(e.requestId, { url: e.response.url, type: e.type }));
  cdp.on('Network.loadingFinished', (e) => {
    const r = urls.get(e.requestId) || { url: '?', type: '?' };
    list.push({ ...r, bytes: e.encodedDataLength });
  });
  return {
    list,
    total: () => list.reduce((s, r) => s + r.bytes, 0),
    byType: () => {
      const out = {};
      for (const r of list) {
        const ext = (new URL(r.url, 'http://x').pathname.match(/\.([a-z0-9]+)$/) || [, 'html'])[1];
        out[ext] = (out[ext] || 0) + r.bytes;
      }
      return out;
    },
  };
}

/** Wait until `page` has made no request for `quietMs`. */
export async function networkQuiet(page, quietMs = 600, maxMs = 20000) {
  let last = Date.now();
  const bump = () => { last = Date.now(); };
  page.on('request', bump);
  page.on('requestfinished', bump);
  const start = Date.now();
  while (Date.now() - last < quietMs && Date.now() - start < maxMs) await new Promise((r) => setTimeout(r, 100));
  page.off('request', bump);
  page.off('requestfinished', bump);
}
