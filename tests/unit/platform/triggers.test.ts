import { describe, expect, it, vi } from 'vitest';
import * as z from 'zod';
import { createMainHandler } from '../../../shared/runtime/main-handler';
import { createHttpApp, readJson } from '../../../shared/http/app';
import { parseInput } from '../../../shared/validation';
import { ForbiddenError } from '../../../shared/errors';
import { jsonFixture } from '../../helpers/fixtures';
import type { Logger } from '../../../shared/ports/logger';

const silent: Logger = { debug() {}, info() {}, warn() {}, error() {}, child: () => silent };

interface Deps { calls: string[] }

function echoHandler(deps: Deps) {
  return createMainHandler<Deps>(
    {
      name: 'echo',
      http: () => {
        const app = createHttpApp('echo', silent);
        app.post('/api/strict', async (c) => c.json(parseInput(z.object({ n: z.number() }).strict(), await readJson(c))));
        app.get('/api/forbidden', () => {
          throw new ForbiddenError('not_own_team');
        });
        app.get('/api/crash', () => {
          throw new Error('db password is hunter2');
        });
        app.all('/api/*', async (c) =>
          c.json({ method: c.req.method, path: c.req.path, query: c.req.query(), body: await c.req.text(), ip: c.req.header('x-client-ip') ?? null }),
        );
        return app;
      },
      timer: async (event, d) => {
        d.calls.push(`timer:${event.TriggerName}`);
        return { ran: event.TriggerName };
      },
      actions: {
        whoami: async (data, caller) => ({ data, openId: caller.openId ?? null }),
      },
    },
    async () => deps,
  );
}

const parseBody = (res: unknown) => JSON.parse((res as { body: string }).body) as Record<string, unknown>;

describe('trigger adapters', () => {
  it('serves a Function URL event and answers in the Function URL shape', async () => {
    const handler = echoHandler({ calls: [] });
    const res = (await handler(jsonFixture('events', 'function-url-post.json'))) as Record<string, unknown>;
    expect(res.statusCode).toBe(200);
    expect(res).not.toHaveProperty('isBase64Encoded');
    expect(parseBody(res)).toMatchObject({ method: 'POST', path: '/api/intake/healthz', query: { a: '1', b: '2' }, body: '{"age":52}', ip: '111.206.96.145' });
  });

  it('serves a legacy API Gateway event with repeated and valueless query keys, answering the integrated-response shape', async () => {
    const res = (await echoHandler({ calls: [] })(jsonFixture('events', 'apigw-get.json'))) as Record<string, unknown>;
    expect(res).toMatchObject({ statusCode: 200, isBase64Encoded: false });
    expect(parseBody(res)).toMatchObject({ method: 'GET', query: { foo: 'bar', bob: 'alice', flag: '', multi: 'x' }, ip: '10.0.2.14' });
  });

  it('decodes a base64 API Gateway body', async () => {
    const res = await echoHandler({ calls: [] })(jsonFixture('events', 'apigw-post-base64.json'));
    expect(parseBody(res).body).toBe('{"sample":"你好"}');
  });

  it('serves a CloudBase HTTP access event', async () => {
    const res = await echoHandler({ calls: [] })(jsonFixture('events', 'cloudbase-http-get.json'));
    expect(parseBody(res)).toMatchObject({ path: '/api/points/healthz', query: { page: '2' } });
  });

  it('runs the timer with the trigger name', async () => {
    const deps = { calls: [] as string[] };
    const res = await echoHandler(deps)(jsonFixture('events', 'timer.json'));
    expect(res).toEqual({ ran: 'every-minute' });
    expect(deps.calls).toEqual(['timer:every-minute']);
  });

  it('takes the callFunction caller from the platform context, not from the event', async () => {
    const handler = echoHandler({ calls: [] });
    const ctx = jsonFixture<Record<string, string>>('events', 'call-function-context.json');
    const res = await handler({ action: 'whoami', data: { q: 1 }, userInfo: { openId: 'spoofed' } }, ctx);
    expect(res).toEqual({ ok: true, data: { data: { q: 1 }, openId: 'oR3Xx5b1YVmW8cRf2z7lL0kQd9sE' } });
  });

  it('does not let a mini-program client pass a timer or HTTP event off as one', async () => {
    const deps = { calls: [] as string[] };
    const handler = echoHandler(deps);
    const ctx = jsonFixture<Record<string, string>>('events', 'call-function-context.json');
    expect(await handler(jsonFixture('events', 'timer.json'), ctx)).toMatchObject({ ok: false, error: { code: 'unknown_action' } });
    expect(await handler(jsonFixture('events', 'function-url-post.json'), ctx)).toMatchObject({ ok: false, error: { code: 'unknown_action' } });
    expect(deps.calls).toEqual([]);
  });

  it('refuses an HTTP or timer event inside CloudBase when the platform names a WeChat caller in the process environment', async () => {
    const deps = { calls: [] as string[] };
    const handler = echoHandler(deps);
    try {
      vi.stubEnv('WX_OPENID', 'oR3Xx5b1YVmW8cRf2z7lL0kQd9sE');
      expect(await handler(jsonFixture('events', 'function-url-post.json'))).toMatchObject({ ok: false, error: { code: 'unknown_action' } });
      vi.stubEnv('WX_OPENID', '');
      vi.stubEnv('TCB_SOURCE', 'wx_devtools');
      expect(await handler(jsonFixture('events', 'timer.json'))).toMatchObject({ ok: false, error: { code: 'unknown_action' } });
      vi.stubEnv('TCB_SOURCE', 'scf');
      expect(await handler(jsonFixture('events', 'timer.json'))).toEqual({ ran: 'every-minute' });
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('takes the client address from the platform, never from a header the caller sets', async () => {
    const base = jsonFixture<Record<string, unknown>>('events', 'function-url-post.json');
    const headers = { ...(base.headers as Record<string, string>), 'x-client-ip': '6.6.6.6' };
    const res = await echoHandler({ calls: [] })({ ...base, headers });
    expect(parseBody(res).ip).toBe('111.206.96.145');
    const apigw = jsonFixture<Record<string, unknown>>('events', 'apigw-get.json');
    const spoofed = await echoHandler({ calls: [] })({ ...apigw, headers: { ...(apigw.headers as Record<string, string>), 'x-scf-remote-addr': '6.6.6.6' } });
    expect(parseBody(spoofed).ip).toBe('10.0.2.14');
  });

  it('refuses an unknown action and an unknown event shape with a reason', async () => {
    const handler = echoHandler({ calls: [] });
    expect(await handler({ action: 'nope' })).toMatchObject({ ok: false, error: { code: 'unknown_action' } });
    expect(await handler('a string')).toMatchObject({ ok: false, error: { code: 'unknown_event' } });
  });

  it('refuses an HTTP, timer or call event whose fields have the wrong type, and ignores fields its shape does not have', async () => {
    const handler = echoHandler({ calls: [] });
    const url = jsonFixture<Record<string, unknown>>('events', 'function-url-post.json');
    const apigw = jsonFixture<Record<string, unknown>>('events', 'apigw-get.json');
    const cloudbase = jsonFixture<Record<string, unknown>>('events', 'cloudbase-http-get.json');
    const timer = jsonFixture<Record<string, unknown>>('events', 'timer.json');
    for (const bad of [
      { ...url, path: 42 },
      { ...url, headers: { accept: 1 } },
      { ...url, headers: ['accept'] },
      { ...url, queryString: { a: 1 } },
      { ...url, body: { age: 52 } },
      { ...apigw, requestContext: { ...(apigw.requestContext as object), sourceIp: 7 } },
      { ...apigw, isBase64Encoded: 'yes' },
      { ...cloudbase, queryStringParameters: { page: ['2'] } },
      { ...timer, Message: null },
      { ...timer, TriggerName: undefined },
    ]) {
      expect(await handler(bad)).toMatchObject({ ok: false, error: { code: 'unknown_event' } });
    }
    expect(await handler({ action: '' })).toMatchObject({ ok: false, error: { code: 'unknown_event' } });
    // isBase64Encoded belongs to API Gateway and CloudBase events: on a Function URL event the body stays as sent.
    const plain = await handler({ ...url, isBase64Encoded: true, body: 'eyJhZ2UiOjUyfQ==' });
    expect(parseBody(plain).body).toBe('eyJhZ2UiOjUyfQ==');
    // Headers may be absent, and a header may repeat (an array).
    const { headers: _omitted, ...noHeaders } = url;
    expect((await handler(noHeaders)) as { statusCode: number }).toMatchObject({ statusCode: 200 });
    expect((await handler({ ...url, headers: { accept: ['a', 'b'] } })) as { statusCode: number }).toMatchObject({ statusCode: 200 });
  });

  it('offers only the actions the function defines, never what every object inherits', async () => {
    const handler = echoHandler({ calls: [] });
    for (const action of ['constructor', 'toString', 'hasOwnProperty', '__proto__', 'valueOf', '__defineGetter__']) {
      expect({ action, answer: await handler({ action, data: {} }) }).toMatchObject({ action, answer: { ok: false, status: 404, error: { code: 'unknown_action' } } });
    }
    expect(await handler({ action: 'whoami', data: {} })).toMatchObject({ ok: true });
  });

  it('maps validation failures to 400 naming the field, and forbidden to 403', async () => {
    const handler = echoHandler({ calls: [] });
    const base = jsonFixture<Record<string, unknown>>('events', 'function-url-post.json');
    const bad = parseBody(await handler({ ...base, path: '/api/strict', body: '{"n":"x","extra":1}' }));
    expect(bad).toMatchObject({ error: { code: 'validation_failed' } });
    const fields = (bad.error as { fields: { field: string }[] }).fields.map((f) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['n', '(root)']));
    const notJson = (await handler({ ...base, path: '/api/strict', body: '{oops' })) as { statusCode: number };
    expect(notJson.statusCode).toBe(400);
    const forbidden = (await handler({ ...base, httpMethod: 'GET', path: '/api/forbidden', body: '' })) as { statusCode: number; body: string };
    expect(forbidden.statusCode).toBe(403);
    expect(JSON.parse(forbidden.body)).toEqual({ error: { code: 'not_own_team', message: 'not allowed' } });
  });

  it('hides internal errors behind an opaque 500', async () => {
    const base = jsonFixture<Record<string, unknown>>('events', 'function-url-post.json');
    const res = (await echoHandler({ calls: [] })({ ...base, httpMethod: 'GET', path: '/api/crash', body: '' })) as { statusCode: number; body: string };
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain('hunter2');
    expect(JSON.parse(res.body)).toEqual({ error: { code: 'internal', message: 'internal error', requestId: expect.any(String) } });
  });

  it('answers 413 for a body over 1 MB', async () => {
    const base = jsonFixture<Record<string, unknown>>('events', 'function-url-post.json');
    const res = (await echoHandler({ calls: [] })({ ...base, path: '/api/strict', body: 'x'.repeat(1024 * 1024 + 1) })) as { statusCode: number; body: string };
    expect(res.statusCode).toBe(413);
    expect(JSON.parse(res.body).error.code).toBe('payload_too_large');
  });
});
