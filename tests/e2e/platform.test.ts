import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from '../../dev/local-stack';
import { readDeployManifest } from '../../dev/deploy-manifest';
import { errorOf } from '../helpers/http';

let stack: LocalStack;
beforeAll(async () => {
  stack = await startLocalStack({ env: { LOG_LEVEL: 'silent' } });
});
afterAll(async () => {
  await stack?.close();
});

describe('local stack', () => {
  it('serves /healthz listing the functions, routes and timers of the deploy descriptors', async () => {
    const res = await fetch(`${stack.url}/healthz`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { functions: string[]; timers: { function: string }[]; sandboxUrl: string };
    expect(body.functions).toEqual(readDeployManifest().functionDirs);
    expect(body.timers.map((t) => t.function).sort()).toEqual(['intake', 'outcomes', 'points', 'reminder-cron', 'triage', 'welcome']);
    expect(body.sandboxUrl).toBe(stack.sandbox.url);
  });

  it('reaches every HTTP function through its route prefix, on the embedded store', async () => {
    for (const route of readDeployManifest().routes) {
      const res = await fetch(`${stack.url}${route.path}/healthz`);
      expect(res.status, route.path).toBe(200);
      // The web function serves built pages and opens no store.
      expect(await res.json()).toMatchObject({ status: 'ok', function: route.function, ...(route.function !== 'web' && { store: 'embedded' }) });
    }
  });

  it('answers unknown paths and routes with 404 and a reason', async () => {
    const outside = await fetch(`${stack.url}/nowhere`);
    expect(outside.status).toBe(404);
    expect((await errorOf(outside)).code).toBe('route_not_found');
    const inside = await fetch(`${stack.url}/api/points/no-such-thing`);
    expect(inside.status).toBe(404);
    expect((await errorOf(inside)).message).toContain('/api/points/no-such-thing');
  });

  it('refuses to fire a timer a function does not have', async () => {
    const res = await fetch(`${stack.url}/_dev/timers/gap-analysis`, { method: 'POST' });
    expect(res.status).toBe(404);
    expect((await errorOf(res)).code).toBe('no_timer');
  });

  it('runs the points recovery timer through the gateway', async () => {
    const res = await fetch(`${stack.url}/_dev/timers/points`, { method: 'POST' });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { result: Record<string, unknown> }).result).toHaveProperty('recovered');
  });

  it('answers 413 for a body over 1 MB and stores nothing', async () => {
    const before = await stack.deps.store.collection('wecom_inbox').count({});
    const res = await fetch(`${stack.url}/api/intake/forms`, { method: 'POST', body: 'x'.repeat(1024 * 1024 + 10), headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(413);
    expect((await errorOf(res)).code).toBe('payload_too_large');
    expect(await stack.deps.store.collection('wecom_inbox').count({})).toBe(before);
  });
});
