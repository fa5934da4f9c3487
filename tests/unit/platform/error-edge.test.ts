import { describe, expect, it, vi } from 'vitest';
import { createMainHandler } from '../../../shared/runtime/main-handler';
import { createHttpApp } from '../../../shared/http/app';
import { createLogger } from '../../../shared/adapters/log/logger';
import { ConfigError } from '../../../shared/config';
import { ValidationError } from '../../../shared/errors';
import { WecomApiError } from '../../../shared/ports/wecom-api';
import { jsonFixture } from '../../helpers/fixtures';

/** What WeCom answers a call from an IP outside the trusted list: its text names our egress IP. */
const upstream = () =>
  new WecomApiError({ api: 'auth/getuserinfo', kind: 'errcode', errcode: 60020, errmsg: 'not allow to access from your ip, hint: [1712], from ip: 203.0.113.7', retryable: false, outcomeUnknown: false });

function handlerWithLog(loadDeps?: () => Promise<{ log: ReturnType<typeof createLogger> }>) {
  const lines: string[] = [];
  const log = createLogger({ level: 'debug', write: (l) => lines.push(l) });
  const handler = createMainHandler(
    {
      name: 'edge',
      http: (d) => {
        const app = createHttpApp('edge', d.log);
        app.get('/api/upstream', () => {
          throw upstream();
        });
        app.get('/api/bug', () => {
          throw new TypeError("Cannot read properties of undefined (reading 'mongodb://admin:pw@10.0.0.5')");
        });
        app.post('/api/things', () => {
          throw new ValidationError('invalid thing: n: expected number', [{ field: 'n', message: 'expected number' }]);
        });
        app.get('/api/things/:id', (c) => c.json({ id: c.req.param('id') }));
        return app;
      },
      actions: {
        upstream: async () => {
          throw upstream();
        },
        invalid: async () => {
          throw new ValidationError('invalid data: n: expected number', [{ field: 'n', message: 'expected number' }]);
        },
      },
    },
    loadDeps ?? (async () => ({ log })),
  );
  return { handler, lines };
}

const base = () => jsonFixture<Record<string, unknown>>('events', 'function-url-post.json');
const request = (method: string, path: string) => ({ ...base(), httpMethod: method, path, body: method === 'GET' ? '' : '{}', headers: { ...(base().headers as object), 'x-scf-request-id': 'req-edge-1' } });
type Result = { statusCode: number; headers: Record<string, string>; body: string };

describe('error edge', () => {
  it('answers an upstream failure with an opaque 502 that carries only code, message and request id; the log has the detail', async () => {
    const { handler, lines } = handlerWithLog();
    const res = (await handler(request('GET', '/api/upstream'))) as Result;
    expect(res.statusCode).toBe(502);
    const body = JSON.parse(res.body) as { error: Record<string, unknown> };
    expect(Object.keys(body)).toEqual(['error']);
    expect(body.error).toEqual({ code: 'upstream_unavailable', message: expect.any(String), requestId: 'req-edge-1' });
    expect(res.body).not.toContain('203.0.113.7');
    expect(res.body).not.toContain('60020');
    const logged = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.requestId === 'req-edge-1');
    expect(logged).toMatchObject({ level: 'error', code: 'wecom_api_error' });
    expect(JSON.stringify(logged)).toContain('60020');
  });

  it('answers our own bug with an opaque 500 naming nothing but the request id', async () => {
    const { handler } = handlerWithLog();
    const res = (await handler(request('GET', '/api/bug'))) as Result;
    expect(res.statusCode).toBe(500);
    expect(JSON.parse(res.body)).toEqual({ error: { code: 'internal', message: 'internal error', requestId: 'req-edge-1' } });
  });

  it('keeps code, message and fields on a caller fault', async () => {
    const { handler } = handlerWithLog();
    const res = (await handler(request('POST', '/api/things'))) as Result;
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body)).toEqual({ error: { code: 'validation_failed', message: 'invalid thing: n: expected number', fields: [{ field: 'n', message: 'expected number' }] } });
  });

  it('answers a failed cold start (bad configuration) with an opaque 500 and logs which variable', async () => {
    const failing = async () => {
      throw new ConfigError('invalid configuration:\n  REMINDER_BATCH_SIZE: Invalid input: expected number, received NaN');
    };
    const { handler } = handlerWithLog(failing);
    // Without dependencies the function logs through its fallback logger, on stdout as SCF ships it.
    const written: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => written.push(String(chunk)) > 0);
    let res: Result;
    try {
      res = (await handler(request('GET', '/api/things/1'))) as Result;
    } finally {
      spy.mockRestore();
    }
    expect(res.statusCode).toBe(500);
    expect(JSON.parse(res.body)).toEqual({ error: { code: 'internal', message: 'internal error', requestId: 'req-edge-1' } });
    expect(written.join('')).toMatch(/"requestId":"req-edge-1".*REMINDER_BATCH_SIZE/);
  });

  it('does the same for callFunction: opaque upstream failure with the request id, details on caller faults', async () => {
    const { handler } = handlerWithLog();
    const ctx = jsonFixture<Record<string, string>>('events', 'call-function-context.json');
    expect(await handler({ action: 'upstream', data: {} }, ctx)).toEqual({
      ok: false,
      error: { code: 'upstream_unavailable', message: expect.any(String), requestId: ctx.request_id },
    });
    expect(await handler({ action: 'invalid', data: {} }, ctx)).toEqual({
      ok: false,
      error: { code: 'validation_failed', message: 'invalid data: n: expected number', fields: [{ field: 'n', message: 'expected number' }] },
    });
  });

  it('answers 405 with Allow for TRACE and for a method the path does not serve; 404 for a path nobody serves', async () => {
    const { handler } = handlerWithLog();
    const trace = (await handler(request('TRACE', '/api/things/1'))) as Result;
    expect(trace.statusCode).toBe(405);
    expect(JSON.parse(trace.body)).toMatchObject({ error: { code: 'method_not_allowed' } });
    expect(trace.headers.allow).toBe('GET, HEAD');
    const del = (await handler(request('DELETE', '/api/things/1'))) as Result;
    expect(del.statusCode).toBe(405);
    expect(del.headers.allow).toBe('GET, HEAD');
    const propfind = (await handler(request('PROPFIND', '/api/things'))) as Result;
    expect(propfind.statusCode).toBe(405);
    expect(propfind.headers.allow).toBe('POST');
    expect(((await handler(request('GET', '/api/nothing-here'))) as Result).statusCode).toBe(404);
  });
});
