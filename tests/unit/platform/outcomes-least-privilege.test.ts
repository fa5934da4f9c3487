import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/*
 * The outcomes function starts with only what both descriptors give it (shared/config/outcomes-env.ts):
 * no WeCom secret, callback key or field key in its environment, yet it answers its routes and runs
 * its timer.
 */
const NARROW = {
  NODE_ENV: 'test',
  LOG_LEVEL: 'silent',
  STORE: 'embedded',
  WECOM_CORP_ID: 'wwleastprivilege',
  TOKEN_SIGNING_SECRET: 'a-token-signing-secret-of-32-chars!',
  INTERNAL_API_KEY: 'an-internal-key-of-24-chars-at-least',
};
const saved = { ...process.env };
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'outcomes-lp-'));
  for (const k of Object.keys(process.env)) if (/^(WECOM_|FIELD_|TOKEN_|INTERNAL_|STORE|MONGODB|CLOUDBASE|PUBLIC_BASE)/.test(k)) delete process.env[k];
  Object.assign(process.env, NARROW, { DATA_DIR: dir });
});
afterAll(() => {
  process.env = saved;
  rmSync(dir, { recursive: true, force: true });
});

describe('the outcomes function under least privilege', () => {
  it('answers the partner route and runs its timer without any WeCom or field secret', async () => {
    const { main_handler } = (await import('../../../functions/outcomes/index')) as { main_handler: (e: unknown, c?: unknown) => Promise<{ statusCode: number; body: string }> };
    const base = JSON.parse(readFileSync('tests/fixtures/events/function-url-post.json', 'utf8')) as Record<string, unknown>;
    const body = JSON.stringify({ invitationId: 'INV-LP', customerRef: 'C-LP', invitedAtMs: Date.now() });
    const res = await main_handler({ ...base, path: '/api/outcomes/partner/invitations', queryString: {}, body, headers: { ...(base.headers as object), 'content-length': String(body.length), 'x-internal-key': NARROW.INTERNAL_API_KEY } });
    expect(res.statusCode, res.body).toBe(201);
    const dashboard = await main_handler({ ...base, httpMethod: 'GET', path: '/api/outcomes/dashboard', queryString: {}, body: '', headers: { host: 'x' } });
    expect(dashboard.statusCode).toBe(401);
    const timer = (await main_handler(JSON.parse(readFileSync('tests/fixtures/events/timer.json', 'utf8')))) as unknown as { days?: number };
    expect(JSON.stringify(timer)).toContain('"days":93');
  });
});
