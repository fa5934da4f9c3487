import { describe, expect, it } from 'vitest';
import { createMainHandler } from '../../../shared/runtime/main-handler';
import { createHttpApp } from '../../../shared/http/app';
import { mountHealth } from '../../../shared/http/health';
import { mountDirect } from '../../../shared/http/direct-routes';
import { AppError } from '../../../shared/errors';
import type { DocumentStore } from '../../../shared/ports/document-store';
import type { Logger } from '../../../shared/ports/logger';

const silent: Logger = { debug() {}, info() {}, warn() {}, error() {}, child: () => silent };

/** A store that records whether anyone reached for it. */
function watchedStore(): DocumentStore & { touched: number } {
  const s = {
    kind: 'mongodb' as const,
    touched: 0,
    collection() {
      s.touched += 1;
      return { count: async () => 0 } as never;
    },
    close: async () => {},
  };
  return s;
}

function handlerWith(store: DocumentStore) {
  const app = createHttpApp('probe', silent);
  mountHealth(app, ['/api/probe'], 'probe', store);
  mountDirect(app, {
    method: 'POST',
    path: '/api/probe/teapot',
    handle: () => {
      throw new AppError('validation_failed', 'not a teapot', 422);
    },
  });
  return { app, handler: createMainHandler({ name: 'probe', http: () => app }, async () => ({})) };
}

const event = (method: string, path: string, queryString: Record<string, string> = {}) => ({ httpMethod: method, path, headers: {}, queryString, body: '' });

describe('direct routes', () => {
  it('answers /healthz without touching the store, so no store driver loads for it', async () => {
    const store = watchedStore();
    const { handler } = handlerWith(store);
    const res = (await handler(event('GET', '/api/probe/healthz'))) as { statusCode: number; headers: Record<string, string>; body: string };
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ status: 'ok', function: 'probe', version: 'dev', store: 'mongodb' });
    expect(res.headers['x-request-id']).toMatch(/[0-9a-f-]{36}/);
    expect(store.touched).toBe(0);
  });

  it('asks the store only when the probe says ?store=1', async () => {
    const store = watchedStore();
    const { handler } = handlerWith(store);
    const res = (await handler(event('GET', '/api/probe/healthz', { store: '1' }))) as { body: string };
    expect(JSON.parse(res.body)).toMatchObject({ status: 'ok', storeMs: expect.any(Number) });
    expect(store.touched).toBe(1);
  });

  it('gives the same answer through the Hono app, and the app still refuses other methods with 405', async () => {
    const { app } = handlerWith(watchedStore());
    const res = await app.request('/api/probe/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', function: 'probe', version: 'dev', store: 'mongodb' });
    expect(res.headers.get('x-request-id')).toBeTruthy();
    expect((await app.request('/api/probe/healthz', { method: 'DELETE' })).status).toBe(405);
  });

  it('turns a direct route\'s error into the app\'s JSON error, with the platform\'s request id', async () => {
    const { handler } = handlerWith(watchedStore());
    const res = (await handler({ ...event('POST', '/api/probe/teapot'), requestContext: { serviceId: 's', requestId: 'req-1' } })) as { statusCode: number; headers: Record<string, string>; body: string };
    expect(res.statusCode).toBe(422);
    expect(res.headers['x-request-id']).toBe('req-1');
    expect(JSON.parse(res.body)).toEqual({ error: { code: 'validation_failed', message: 'not a teapot' } });
  });
});
