import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SANDBOX_DEFAULTS } from '../../../dev/wecom-sandbox/config';
import { TICKET_COLLECTION } from '../../../shared/adapters/wecom/api/ticket-cache';
import { signPage } from '../../../shared/services/identity/page-signature';
import { createEmbeddedStore } from '../../../shared/adapters/store/embedded';
import type { DocumentStore } from '../../../shared/ports/document-store';
import { failure, startHarness, type Harness } from './harness';

describe('JS-SDK tickets', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.close());

  it('are fetched once per kind and shared by client instances over one store, never stored with the secret', async () => {
    const [a, b] = [h.client(), h.client()];
    const corp = await a.jsapiTicket('corp');
    expect(await b.jsapiTicket('corp')).toBe(corp);
    const agent = await a.jsapiTicket('agent');
    expect(await b.jsapiTicket('agent')).toBe(agent);
    expect(agent).not.toBe(corp);

    expect(await h.admin.calls('get_jsapi_ticket')).toHaveLength(1);
    expect(await h.admin.calls('ticket/get')).toHaveLength(1);
    const docs = await h.store.collection(TICKET_COLLECTION).find({});
    expect(docs).toHaveLength(2);
    expect(JSON.stringify(docs)).not.toContain(SANDBOX_DEFAULTS.appSecret);
  });

  it('are fetched once when cold instances ask together, in one process and across instances', async () => {
    const one = h.client();
    // Another instance has its own memory but the same database: a store object of its own over the same data.
    const otherInstance = (): DocumentStore => ({ kind: h.store.kind, collection: (name) => h.store.collection(name), close: async () => undefined });
    const others = [1, 2, 3].map(() => h.client({ store: otherInstance() }));
    const got = await Promise.all([...Array.from({ length: 4 }, () => one.jsapiTicket('agent')), ...others.map((c) => c.jsapiTicket('agent'))]);

    expect(new Set(got).size).toBe(1);
    expect(await h.admin.calls('ticket/get')).toHaveLength(1);
  });

  it('are refreshed shortly before expires_in, and the old one serves while a refresh fails', async () => {
    const api = h.client();
    const first = await api.jsapiTicket('corp');
    h.clock.advance(7200_000 - 10 * 60_000);
    expect(await api.jsapiTicket('corp')).toBe(first);

    h.clock.advance(6 * 60_000); // inside the 5-minute margin
    await h.admin.injectFault({ path: 'get_jsapi_ticket', kind: 'errcode', errcode: -1, count: 3 });
    expect(await api.jsapiTicket('corp')).toBe(first);

    const second = await h.client().jsapiTicket('corp');
    expect(second).not.toBe(first);
    expect((await h.admin.calls('get_jsapi_ticket')).map((c) => c.errcode)).toEqual([0, -1, -1, -1, 0]);
  });

  it("meet the sandbox's hourly fetch limit with 45009, which is not retried", async () => {
    await h.admin.setLimits({ jsapiTicketPerAppPerHour: 2 });
    // Separate stores: instances that share no cache, each fetching for itself.
    const fresh = () => h.client({ store: createEmbeddedStore({ inMemory: true }) });
    await fresh().jsapiTicket('corp');
    await fresh().jsapiTicket('agent');

    const error = await failure(fresh().jsapiTicket('corp'));
    expect(error).toMatchObject({ errcode: 45009, status: 503 });
    expect(await h.admin.calls('get_jsapi_ticket')).toHaveLength(2);

    h.clock.advance(3600_000);
    await expect(fresh().jsapiTicket('corp')).resolves.toEqual(expect.any(String));
  });

  it('sign pages so that the sandbox, like the WeCom client, accepts both signatures, and only for that url', async () => {
    const url = 'http://127.0.0.1:3000/staff/tickets/t1?from=card';
    const deps = { wecom: h.client(), clock: h.clock, config: { PUBLIC_BASE_URL: 'http://127.0.0.1:3000', WECOM_CORP_ID: SANDBOX_DEFAULTS.corpId, WECOM_AGENT_ID: SANDBOX_DEFAULTS.agentId } };
    const signed = await signPage(deps, `${url}#top`);
    expect(signed.corp.timestamp).toBe(Math.floor(h.clock.nowMs() / 1000));

    const verify = (kind: 'corp' | 'agent', pageUrl: string) =>
      h.admin.verifyJssdkSignature({ kind, corpId: signed.corpId, agentId: signed.agentId, url: pageUrl, ...signed[kind] });
    expect(await verify('corp', url)).toEqual({ valid: true, errMsg: 'config:ok' });
    expect(await verify('agent', url)).toEqual({ valid: true, errMsg: 'agentConfig:ok' });
    expect(await verify('corp', `${url}&x=1`)).toEqual({ valid: false, errMsg: 'config:fail invalid signature' });
    // The corp signature is no agentConfig signature: the tickets differ.
    expect(await h.admin.verifyJssdkSignature({ kind: 'agent', corpId: signed.corpId, agentId: signed.agentId, url, ...signed.corp })).toMatchObject({ valid: false });
  });
});
