// A real learning record store for the xAPI tests: Ralph LRS (PyPI `ralph-malph`, file
// backend) on a free loopback port, run as this test's own process in its own folder, and
// one origin that serves the built site and proxies /xAPI/ to Ralph (Ralph sends no CORS
// headers, so the browser must see the site and the LRS on one origin).

import { createServer, request } from 'node:http';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, DIST, serve } from './harness.mjs';

const VENV = process.env.RALPH_VENV || join(ROOT, 'target', 'setup', 'ralph-venv');
const RALPH = join(VENV, 'bin', 'ralph');
const PYTHON = join(VENV, 'bin', 'python');
// `ralph runserver`, with the 5.1.0 file backend's append fix (see ralph-serve.py).
const SERVE = join(ROOT, 'tests', 'e2e', 'ralph-serve.py');

async function freePort() {
  const s = createServer();
  await new Promise((ok) => s.listen(0, '127.0.0.1', ok));
  const { port } = s.address();
  await new Promise((ok) => s.close(ok));
  return port;
}

/**
 * Start Ralph with a fresh store and two users: `cloudhop` (every scope: the app sends with
 * it) and `reader` (scope `statements/read` only, as an instructor's read-only
 * credentials; scopes are enforced). Returns { url, auth, user, reader: { key, secret },
 * get(path), close() }; `auth` is the writer's `Authorization` header value, `get` reads
 * the xAPI API with it.
 */
export async function startRalph() {
  if (!existsSync(RALPH)) throw new Error(`${RALPH} is missing: run scripts/setup (it installs Ralph LRS)`);
  const dir = mkdtempSync(join(tmpdir(), 'cloudhop-ralph-'));
  const env = {
    ...process.env,
    RALPH_RUNSERVER_BACKEND: 'fs',
    RALPH_APP_DIR: join(dir, 'app'),
    RALPH_BACKENDS__DATA__FS__DEFAULT_DIRECTORY_PATH: dir,
    // Scopes are checked (Ralph needs authority restriction on for that): `reader` may
    // read every statement (scope statements/read) and write none.
    RALPH_LRS_RESTRICT_BY_SCOPES: 'true',
    RALPH_LRS_RESTRICT_BY_AUTHORITY: 'true',
  };
  const user = 'cloudhop';
  const pass = 'loopback-only';
  execFileSync(RALPH, ['auth', '-u', user, '-p', pass, '-s', 'all', '-M', `mailto:${user}@example.org`, '-w'], { cwd: dir, env, stdio: 'ignore' });
  const reader = { key: 'reader', secret: 'read-only-loopback' };
  execFileSync(RALPH, ['auth', '-u', reader.key, '-p', reader.secret, '-s', 'statements/read', '-M', 'mailto:reader@example.org', '-w'], { cwd: dir, env, stdio: 'ignore' });
  const port = await freePort();
  const child = spawn(PYTHON, [SERVE, '127.0.0.1', String(port)], { cwd: dir, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr.on('data', (d) => (log += d));
  const url = `http://127.0.0.1:${port}`;
  const auth = 'Basic ' + Buffer.from(`${user}:${pass}`).toString('base64');
  const headers = { Authorization: auth, 'X-Experience-API-Version': '1.0.3' };
  const get = async (path) => {
    const r = await fetch(url + path, { headers });
    if (!r.ok) throw new Error(`GET ${path}: HTTP ${r.status} ${await r.text()}`);
    return r.json();
  };
  const started = Date.now();
  for (;;) {
    try {
      await get('/xAPI/statements?limit=1');
      break;
    } catch (e) {
      if (child.exitCode !== null || Date.now() - started > 30000) {
        child.kill();
        throw new Error(`Ralph did not start: ${e.message}\n${log}`);
      }
      await new Promise((ok) => setTimeout(ok, 200));
    }
  }
  return {
    url,
    auth,
    user,
    reader,
    get,
    /** Every statement of `registration`, following `more`, in the order the LRS stored them. */
    async statements(registration) {
      const all = [];
      let path = `/xAPI/statements?registration=${registration}&limit=20&ascending=true`;
      while (path) {
        const page = await get(path);
        all.push(...page.statements);
        path = page.more || null;
      }
      return all;
    },
    close: async () => {
      child.kill('SIGTERM');
      await new Promise((ok) => (child.exitCode !== null ? ok() : child.once('exit', ok)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Serve the built site on 127.0.0.1 and forward every /xAPI/ request to `lrsUrl`, so the
 * page and the LRS share one origin. Returns { url, proxied, close }; `proxied` lists the
 * forwarded requests as "METHOD path STATUS".
 */
export async function serveWithLrs(lrsUrl, dir = DIST) {
  const target = new URL(lrsUrl);
  const proxied = [];
  const handle = (req, res, path) => {
    if (!path.startsWith('/xAPI/')) return false;
    const up = request(
      { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: { ...req.headers, host: target.host } },
      (r) => {
        proxied.push(`${req.method} ${req.url} ${r.statusCode}`);
        res.writeHead(r.statusCode, r.headers);
        r.pipe(res);
      },
    );
    up.on('error', () => {
      res.writeHead(502);
      res.end('LRS unreachable');
    });
    req.pipe(up);
    return true;
  };
  return { ...(await serve(dir, { handle })), proxied };
}
