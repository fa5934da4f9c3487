import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from '../../dev/local-stack';
import { SandboxClient } from '../../dev/wecom-sandbox/inspect';
import { CONTACT_WAYS } from '../../shared/services/welcome/contact-ways';
import { errorOf } from '../helpers/http';

/** The error edge as a caller of the deployed routes meets it (README "Errors"). */
let stack: LocalStack;
let sandbox: SandboxClient;

beforeAll(async () => {
  stack = await startLocalStack({ env: { LOG_LEVEL: 'silent' } });
  sandbox = new SandboxClient(stack.sandbox.url);
});
afterAll(async () => {
  await stack?.close();
});

const signIn = (code: string) =>
  fetch(`${stack.url}/api/auth/staff-session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
const ops = () => ({ authorization: `Bearer ${stack.adminToken}`, 'content-type': 'application/json' });

describe('error edge over HTTP', () => {
  it('answers an OAuth code WeCom refuses (made up, or already used) with 400 naming the field, not 502', async () => {
    const madeUp = await signIn('not-a-real-code');
    expect(madeUp.status).toBe(400);
    expect(await errorOf(madeUp)).toMatchObject({ code: 'invalid_oauth_code', fields: [{ field: 'code' }] });

    const { code } = await sandbox.mintOauthCode({ userid: 'nobody_in_roster' });
    expect((await signIn(code)).status).toBe(403);
    const reused = await signIn(code);
    expect(reused.status).toBe(400);
    expect((await errorOf(reused)).code).toBe('invalid_oauth_code');
  });

  it('answers a WeCom failure that is not the caller\'s with an opaque 5xx: code, message and request id only', async () => {
    await sandbox.injectFault({ path: '/cgi-bin/auth/getuserinfo', kind: 'errcode', errcode: 60020, count: 5 });
    const { code } = await sandbox.mintOauthCode({ userid: 'someone' });
    const res = await signIn(code);
    expect(res.status).toBeGreaterThanOrEqual(500);
    const body = (await res.json()) as { error: Record<string, unknown> };
    expect(Object.keys(body)).toEqual(['error']);
    expect(Object.keys(body.error).sort()).toEqual(['code', 'message', 'requestId']);
    expect(body.error.code).toBe('upstream_unavailable');
    expect(body.error.requestId).toBe(res.headers.get('x-request-id'));
    expect(JSON.stringify(body)).not.toMatch(/60020|ip|getuserinfo/i);
  });

  it('answers a method the path does not serve with 405 and Allow', async () => {
    const patch = await fetch(`${stack.url}/api/points/balance`, { method: 'PATCH' });
    expect(patch.status).toBe(405);
    expect(patch.headers.get('allow')).toBe('GET, HEAD');
    const del = await fetch(`${stack.url}/api/team/staff`, { method: 'DELETE', headers: ops() });
    expect(del.status).toBe(405);
    expect(del.headers.get('allow')).toBe('GET, HEAD, PUT');
    expect((await errorOf(del)).code).toBe('method_not_allowed');
  });

  it('answers TRACE (which fetch cannot even send) with 405 through the gateway', async () => {
    const { request } = await import('node:http');
    const url = new URL(`${stack.url}/api/intake/forms`);
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({ host: url.hostname, port: url.port, path: url.pathname, method: 'TRACE' }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(405);
  });

  it('answers a contact way for staff WeCom does not know with 422 and keeps no record of it', async () => {
    stack.sandbox.state.members = new Set(['ins_a']);
    try {
      const res = await fetch(`${stack.url}/api/team/contact-ways`, { method: 'POST', headers: ops(), body: JSON.stringify({ scene: 'policy_delivery', staff: ['ghost'] }) });
      expect(res.status).toBe(422);
      expect(await errorOf(res)).toMatchObject({ code: 'unknown_staff', fields: [{ field: 'staff' }] });
      expect(await stack.deps.store.collection(CONTACT_WAYS).count({})).toBe(0);
    } finally {
      stack.sandbox.state.members = null;
    }
  });
});
