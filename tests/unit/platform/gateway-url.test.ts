import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type Gateway } from '../../../dev/gateway';

/*
 * The local gateway turns a request into a Function URL event. Plain paths are split at "?" without building a URL
 * (the callback hot path); anything else goes through WHATWG URL parsing, so both give the function the same event.
 */
let gateway: Gateway;

beforeAll(async () => {
  gateway = await startGateway({
    load: async () => async (event) => ({ statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(event) }),
  });
});
afterAll(() => gateway.close());

/** GET with the raw path as given (fetch would resolve dot segments before sending). */
function eventFor(path: string): Promise<{ path: string; queryString: Record<string, string> }> {
  const { hostname, port } = new URL(gateway.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => (res.statusCode === 200 ? resolve(JSON.parse(body)) : reject(new Error(`status ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the gateway event of a request', () => {
  it('carries the path and the decoded query of a plain path', async () => {
    const event = await eventFor('/wecom/welcome?msg_signature=abc&timestamp=1&nonce=a%20b&echostr=x%2By');
    expect(event.path).toBe('/wecom/welcome');
    expect(event.queryString).toEqual({ msg_signature: 'abc', timestamp: '1', nonce: 'a b', echostr: 'x+y' });
  });

  it('resolves dot segments and keeps escapes as URL parsing does', async () => {
    expect((await eventFor('/wecom/x/../welcome?a=1')).path).toBe('/wecom/welcome');
    expect((await eventFor('/wecom/welcome/a%20b')).path).toBe('/wecom/welcome/a%20b');
  });

  it('gives an empty query when there is none', async () => {
    expect((await eventFor('/wecom/welcome')).queryString).toEqual({});
  });
});
