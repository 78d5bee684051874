// A real learning record store for the xAPI tests: Ralph LRS (PyPI `ralph-malph`, file
// backend) on a free loopback port, run as this test's own process in its own folder, and
// one origin that serves the built site and proxies /xAPI/ to Ralph (Ralph sends no CORS
// headers, so the browser must see the site and the LRS on one origin).

import { createServer, request } from 'node:http';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, existsSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
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
 * forwarded requests as "METHOD path STATUS". `options.lms(req, res, path)` answers
 * first, when given (an LMS's own endpoints: cmi5's fetch URL and state documents).
 */
export async function serveWithLrs(lrsUrl, dir = DIST, options = {}) {
  const target = new URL(lrsUrl);
  const proxied = [];
  const handle = (req, res, path) => {
    if (options.lms?.(req, res, path)) return true;
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

/**
 * The LMS side of a cmi5 launch, for an LRS without the State API (Ralph has statements
 * only): the one-time fetch URL handing out the writer's credentials as the auth-token
 * (cmi5 8.2), the `LMS.LaunchData` state document for each launch (cmi5 10), no learner
 * preferences (a 404, which the AU must accept), and a return page. `launch(...)` registers
 * a launch and returns its query; `fetches` counts the fetch URL's uses.
 */
export function cmi5Lms(ralph) {
  const launches = new Map();
  const lms = {
    fetches: 0,
    stateReads: [],
    launch({ actor, registration, activityId, launchData }) {
      const key = randomUUID();
      launches.set(key, { used: false, actor, registration, activityId, launchData });
      return new URLSearchParams({ endpoint: '/xAPI/', fetch: `/lms/fetch?k=${key}`, actor: JSON.stringify(actor), registration, activityId });
    },
    handle(req, res, path) {
      const url = new URL(req.url, 'http://lms.invalid');
      const json = (status, body) => {
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (path === '/lms/fetch' && req.method === 'POST') {
        lms.fetches++;
        const l = launches.get(url.searchParams.get('k'));
        if (!l) return json(200, { 'error-code': '2', 'error-text': 'Unknown launch.' }), true;
        if (l.used) return json(200, { 'error-code': '1', 'error-text': 'The authorization token has already been returned.' }), true;
        l.used = true;
        return json(200, { 'auth-token': ralph.auth.replace(/^Basic /, '') }), true;
      }
      if (path === '/xAPI/activities/state' && req.method === 'GET') {
        const q = url.searchParams;
        lms.stateReads.push(q.toString());
        const l = [...launches.values()].find(
          (x) => x.activityId === q.get('activityId') && x.registration === q.get('registration') && JSON.stringify(JSON.parse(q.get('agent') || 'null')?.account) === JSON.stringify(x.actor.account),
        );
        if (req.headers.authorization !== ralph.auth) return json(401, { error: 'no token' }), true;
        if (!l || q.get('stateId') !== 'LMS.LaunchData') return json(404, {}), true;
        return json(200, l.launchData), true;
      }
      if (path === '/xAPI/agents/profile') return json(404, {}), true;
      if (path === '/lms/return') {
        res.writeHead(200, { 'Content-Type': 'text/html' });
        res.end('<!doctype html><title>Back in the LMS</title><h1>Back in the LMS</h1>');
        return true;
      }
      return false;
    },
  };
  return lms;
}
