import { readJson, type HttpApp } from './app';
import { mountHealth } from './health';
import { callerKey, principalOf, resolveCaller } from './caller';
import { rateLimit } from './rate-limit';
import { parseInput } from '../validation';
import type { AppDeps } from '../runtime/deps';
import type { PrivacyService } from '../services/privacy/privacy-service';
import { WITHDRAWAL_NOTICE_VERSION, WITHDRAWAL_NOTICES_ZH } from '../services/privacy/texts';
import {
  AuditQuerySchema,
  CreateRequestBodySchema,
  EraseBodySchema,
  ExportQuerySchema,
  MemberParamSchema,
  RequestQueueQuerySchema,
  WithdrawBodySchema,
} from '../services/privacy/schemas';

export const PRIVACY_PREFIX = '/api/privacy';

/**
 * Limits per window of 60 s. Per client address: everything under the prefix, generous enough for
 * staff behind one corporate NAT. Per caller (the verified principal, whatever token or address it
 * comes with): what one member, staff member or machine may do. The
 * heavy operations (export decrypts everything, erasure and withdrawal write everywhere) have their
 * own, tighter budget.
 */
export const PRIVACY_RATE_LIMITS = { perAddress: 300, perCaller: 60, heavyPerCaller: 10, windowS: 60 } as const;


/**
 * Member rights and oversight, mounted on the intake function (same data, same cold start):
 * - `POST …/members/:memberId/requests {type}`   the member asks ops to carry out export/erase/consent_withdraw
 * - `GET  …/members/:memberId/requests`          the member's requests (member, ops)
 * - `GET  …/requests?status=`                    ops' queue
 * - `POST …/members/:memberId/consent/withdraw {textVersion?, requestId?}`
 * - `GET  …/members/:memberId/export?requestId=`
 * - `POST …/members/:memberId/erase {confirm: true, requestId?}`
 * - `GET  …/audit?memberId=&actorId=&sinceMs=&limit=`   members: their own; ops: any
 * - `GET  …/stats`                               counts (supervisors, ops)
 * - `GET  …/texts`                               the withdrawal notice (versioned)
 * `requestId` in a body or query is the member's privacy request (`pr_…`) staff act on; the HTTP
 * request id (x-request-id) goes on the audit entries as everywhere. `service` is the privacy service
 * of the intake function's composition root (functions/intake/wiring.ts).
 */
export function mountPrivacyRoutes(app: HttpApp, deps: AppDeps, service: PrivacyService): void {
  const P = PRIVACY_PREFIX;
  const limits = { store: deps.store, clock: deps.clock, windowS: PRIVACY_RATE_LIMITS.windowS };
  app.use(`${P}/*`, resolveCaller(deps));
  app.use(`${P}/*`, rateLimit({ ...limits, name: 'privacy-addr', limit: PRIVACY_RATE_LIMITS.perAddress }));
  app.use(`${P}/*`, rateLimit({ ...limits, name: 'privacy-caller', limit: PRIVACY_RATE_LIMITS.perCaller, key: callerKey }));
  const heavy = rateLimit({ ...limits, name: 'privacy-heavy', limit: PRIVACY_RATE_LIMITS.heavyPerCaller, key: callerKey });
  mountHealth(app, [P], 'intake', deps.store);

  type Ctx = { req: { header(name: string): string | undefined; param(name: string): string; query(): Record<string, string> }; get(key: 'requestId'): string };
  const memberOf = (c: Ctx) => parseInput(MemberParamSchema, { memberId: c.req.param('memberId') }, 'path').memberId;
  const opts = (c: Ctx) => ({ requestId: c.get('requestId') });

  app.get(`${P}/texts`, (c) => c.json({ withdrawalNotice: { version: WITHDRAWAL_NOTICE_VERSION, textZh: WITHDRAWAL_NOTICES_ZH[WITHDRAWAL_NOTICE_VERSION] } }));

  app.post(`${P}/members/:memberId/requests`, heavy, async (c) => {
    const principal = principalOf(c);
    const memberId = memberOf(c);
    const { type } = parseInput(CreateRequestBodySchema, await readJson(c), 'privacy request');
    const { request, created } = await service.openRequest(principal, memberId, type, opts(c));
    return c.json(request, created ? 201 : 200);
  });

  app.get(`${P}/members/:memberId/requests`, async (c) => {
    const principal = principalOf(c);
    const memberId = memberOf(c);
    return c.json({ memberId, requests: await service.listRequests(principal, memberId, opts(c)) });
  });

  app.get(`${P}/requests`, async (c) => {
    const principal = principalOf(c);
    const q = parseInput(RequestQueueQuerySchema, c.req.query(), 'query');
    return c.json({ requests: await service.requestQueue(principal, q, opts(c)) });
  });

  app.post(`${P}/members/:memberId/consent/withdraw`, heavy, async (c) => {
    const principal = principalOf(c);
    const memberId = memberOf(c);
    const body = parseInput(WithdrawBodySchema, (await readJson(c)) ?? {}, 'withdrawal');
    return c.json(await service.withdrawConsent(principal, memberId, body, opts(c)));
  });

  app.get(`${P}/members/:memberId/export`, heavy, async (c) => {
    const principal = principalOf(c);
    const memberId = memberOf(c);
    const q = parseInput(ExportQuerySchema, c.req.query(), 'query');
    const result = await service.exportData(principal, memberId, q, opts(c));
    if (result.delivered === 'member') {
      return c.json(result.export, 200, { 'cache-control': 'no-store', 'content-disposition': `attachment; filename="member-export-${memberId}.json"` });
    }
    return c.json(result, 202);
  });

  app.post(`${P}/members/:memberId/erase`, heavy, async (c) => {
    const principal = principalOf(c);
    const memberId = memberOf(c);
    const body = parseInput(EraseBodySchema, await readJson(c), 'erasure');
    return c.json(await service.erase(principal, memberId, body, opts(c)));
  });

  app.get(`${P}/audit`, async (c) => {
    const principal = principalOf(c);
    const q = parseInput(AuditQuerySchema, c.req.query(), 'query');
    return c.json(await service.auditTrail(principal, q, opts(c)));
  });

  app.get(`${P}/stats`, async (c) => {
    const principal = principalOf(c);
    return c.json(await service.stats(principal, opts(c)));
  });
}
