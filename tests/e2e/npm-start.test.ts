import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { runCli } from '../../scripts/cli';
import { SandboxClient } from '../../dev/wecom-sandbox/inspect';
import { jsonFixture } from '../helpers/fixtures';
import { errorOf } from '../helpers/http';

/**
 * `npm start` as a developer runs it (its own process, their environment), fed WeCom's official test
 * vectors (tests/fixtures/wecom/official-vectors.json, from docs/reference/wecom-protocol.md §1.3; they date
 * from 2014, hence WECOM_CALLBACK_MAX_SKEW_S=0), then the CLI against that running stack.
 */
interface Vectors {
  config: { token: string; encodingAesKey: string; corpId: string };
  urlVerification: { query: Record<string, string>; echo: string };
  postMessage: { query: Record<string, string>; body: string };
}
const v = jsonFixture<Vectors>('wecom', 'official-vectors.json');
const ROOT = join(__dirname, '..', '..');

let child: ChildProcess;
let banner = '';
let url = '';
let dataDir = '';

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'npm-start-'));
  child = spawn(join(ROOT, 'node_modules', '.bin', 'tsx'), ['dev/start.ts'], {
    cwd: ROOT,
    // Only what a developer's shell would carry, plus the variables under test.
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PORT: '0',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      WECOM_CORP_ID: v.config.corpId,
      WECOM_CALLBACK_TOKEN: v.config.token,
      WECOM_CALLBACK_AES_KEY: v.config.encodingAesKey,
      WECOM_CALLBACK_MAX_SKEW_S: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (banner += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (banner += chunk.toString('utf8')));
  await vi.waitUntil(() => banner.includes('Ctrl-C to stop.') || child.exitCode !== null, { timeout: 30_000, interval: 100 });
  url = /gateway\s+(http:\/\/\S+)/.exec(banner)?.[1] ?? '';
  if (!url) throw new Error(`npm start did not come up:\n${banner}`);
}, 40_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
});

const withQuery = (path: string, query: Record<string, string>) => `${url}${path}?${new URLSearchParams(query).toString()}`;
const flip = (hex: string) => hex.replace(/^./, (ch) => (ch === 'a' ? 'b' : 'a'));

describe('npm start with WeCom official test vectors in the environment', () => {
  it('says which WeCom, keys and store it runs with, naming variables, never printing a secret', () => {
    expect(banner).toMatch(/WeCom API\s+sandbox http:\/\/127\.0\.0\.1:\d+ .*corp wx5823bf96d3bd56c7/);
    expect(banner).toContain('Token/EncodingAESKey from your environment');
    expect(banner).toContain('timestamp window off (WECOM_CALLBACK_MAX_SKEW_S=0)');
    expect(banner).toMatch(/your env\s+.*WECOM_CALLBACK_TOKEN/);
    expect(banner).not.toContain(v.config.token);
    expect(banner).not.toContain(v.config.encodingAesKey);
  });

  for (const path of ['/wecom/welcome', '/wecom/triage']) {
    it(`${path}: answers the official URL verification with the bare echo and refuses a forged one`, async () => {
      const ok = await fetch(withQuery(path, v.urlVerification.query));
      expect(ok.status).toBe(200);
      expect(await ok.text()).toBe(v.urlVerification.echo);
      const forged = await fetch(withQuery(path, { ...v.urlVerification.query, msg_signature: flip(v.urlVerification.query.msg_signature as string) }));
      expect(forged.status).toBe(401);
      expect((await errorOf(forged)).code).toBe('bad_signature');
    });

    it(`${path}: accepts the official signed message and refuses forged ones`, async () => {
      const ok = await fetch(withQuery(path, v.postMessage.query), { method: 'POST', body: v.postMessage.body, headers: { 'content-type': 'text/xml' } });
      expect(ok.status).toBe(200);
      expect(await ok.text()).toBe('');
      expect(ok.headers.get('x-callback-outcome')).toBe('processed');

      const badSignature = await fetch(withQuery(path, { ...v.postMessage.query, msg_signature: flip(v.postMessage.query.msg_signature as string) }), { method: 'POST', body: v.postMessage.body });
      expect(badSignature.status).toBe(401);
      // Same signature, another nonce: the signature no longer covers the request.
      const replayedElsewhere = await fetch(withQuery(path, { ...v.postMessage.query, nonce: '1' }), { method: 'POST', body: v.postMessage.body });
      expect(replayedElsewhere.status).toBe(401);
    });
  }

  it('publishes where it is in DATA_DIR/local-stack.json, readable by its owner only', () => {
    const file = join(dataDir, 'local-stack.json');
    expect(existsSync(file)).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});

describe('the CLI against that running stack (nothing copied)', () => {
  function io() {
    const out: string[] = [];
    const err: string[] = [];
    const sink = (into: string[]) => new Writable({ write: (chunk, _enc, cb) => { into.push(String(chunk)); cb(); } });
    return { io: { stdin: Readable.from([]), stdout: sink(out), stderr: sink(err) }, out: () => out.join(''), err: () => err.join('') };
  }
  const cli = async (...argv: string[]) => {
    const t = io();
    vi.stubEnv('DATA_DIR', dataDir);
    try {
      return { code: await runCli(argv, t.io), out: t.out(), err: t.err() };
    } finally {
      vi.unstubAllEnvs();
    }
  };

  it('imports and lists the roster through the stack', async () => {
    const roster = join(dataDir, '..', `roster-${process.pid}.jsonl`);
    writeFileSync(roster, `${JSON.stringify({ userId: 'ins_a', name: '甲顾问', role: 'insurance_consultant', scenes: ['policy_delivery'] })}\n`);
    const imported = await cli('staff', 'import', '--in', roster);
    expect(imported.err).toBe('');
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.out)).toEqual({ created: 1, updated: 0, deactivated: 0, reassigned: 0 });
    const listed = await cli('staff', 'list');
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.out)).toMatchObject({ userId: 'ins_a', role: 'insurance_consultant', load: 0 });
  });

  it('creates a contact way with the stack\'s WeCom; a refused one exits 1 and leaves nothing behind', async () => {
    const created = await cli('contact-way', 'create', '--scene', 'policy_delivery', '--staff', 'ins_a');
    expect(created.err).toBe('');
    expect(created.code).toBe(0);
    const way = JSON.parse(created.out) as { state: string; configId: string };
    expect(way.configId).toMatch(/^[0-9a-f]{32}$/);

    const health = (await (await fetch(`${url}/healthz`)).json()) as { sandboxUrl: string };
    await new SandboxClient(health.sandboxUrl).injectFault({ path: '/cgi-bin/externalcontact/add_contact_way', kind: 'errcode', errcode: 48002 });
    const refused = await cli('contact-way', 'create', '--scene', 'claims_service', '--staff', 'ins_a');
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/^error: 502 upstream_unavailable: .*request id/);
    const listed = await cli('contact-way', 'list');
    expect(listed.out.trim().split('\n').map((l) => (JSON.parse(l) as { state: string }).state)).toEqual([way.state]);
  });
});
