import { createHttpApp, readJson, type HttpApp } from '../../shared/http/app';
import { mountHealth } from '../../shared/http/health';
import { idempotentAnswer, withReplayFlag } from '../../shared/http/replay';
import { principalOf, resolveCaller } from '../../shared/http/caller';
import { callbackCryptoFor, mountWecomCallback } from '../../shared/http/wecom-callback';
import type { AppDeps } from '../../shared/runtime/deps';
import { CloseBodySchema, ListTicketsQuerySchema, ReplyBodySchema, TicketParamSchema } from '../../shared/services/triage/schemas';
import { triageActsOn } from '../../shared/services/triage/intake';
import { ListReviewsQuerySchema, RejectBodySchema, ReviewParamSchema } from '../../shared/services/review/schemas';
import { parseInput } from '../../shared/validation';
import { servicesOf } from './wiring';

const PREFIX = '/api/triage';

export function triageRoutes(deps: AppDeps): HttpApp {
  const app = createHttpApp('triage', deps.log);
  mountHealth(app, ['/wecom/triage', PREFIX], 'triage', deps.store);
  app.use(`${PREFIX}/*`, resolveCaller(deps));
  const service = servicesOf(deps).triage;
  const cfg = deps.config;

  // 微信客服 kf_msg_or_event and staff forwards (app text messages) arrive on the same URL.
  mountWecomCallback(app, {
    path: '/wecom/triage',
    source: 'triage',
    crypto: callbackCryptoFor(cfg, 'triage'),
    maxSkewS: cfg.WECOM_CALLBACK_MAX_SKEW_S,
    clock: deps.clock,
    inbox: deps.inbox,
    handle: (event) => service.handleCallback(event),
    acts: triageActsOn,
  });


  app.get(`${PREFIX}/tickets`, async (c) => {
    const principal = principalOf(c);
    const query = parseInput(ListTicketsQuerySchema, c.req.query(), 'query');
    return c.json({ tickets: await service.listTickets(principal, query, { requestId: c.get('requestId') }) });
  });

  app.get(`${PREFIX}/tickets/:id`, async (c) => {
    const principal = principalOf(c);
    const { id } = parseInput(TicketParamSchema, { id: c.req.param('id') }, 'ticket id');
    return c.json(await service.getTicket(principal, id, { requestId: c.get('requestId') }));
  });

  app.post(`${PREFIX}/tickets/:id/ack`, async (c) => {
    const principal = principalOf(c);
    const { id } = parseInput(TicketParamSchema, { id: c.req.param('id') }, 'ticket id');
    return c.json(await service.acknowledge(principal, id, { requestId: c.get('requestId') }));
  });

  app.post(`${PREFIX}/tickets/:id/close`, async (c) => {
    const principal = principalOf(c);
    const { id } = parseInput(TicketParamSchema, { id: c.req.param('id') }, 'ticket id');
    const body = parseInput(CloseBodySchema, (await readJson(c)) ?? {}, 'close request');
    return c.json(await service.close(principal, id, body, { requestId: c.get('requestId') }));
  });

  /** The workbench's answer to the customer, over 微信客服 while its window is open; idempotent by `key`. */
  app.post(`${PREFIX}/tickets/:id/reply`, async (c) => {
    const principal = principalOf(c);
    const { id } = parseInput(TicketParamSchema, { id: c.req.param('id') }, 'ticket id');
    const body = parseInput(ReplyBodySchema, (await readJson(c)) ?? {}, 'reply');
    const sent = await service.reply(principal, id, body, { requestId: c.get('requestId') });
    // 202: accepted but held by the outbound review, not sent (yet).
    if (!sent.sent && !sent.duplicate) return c.json(withReplayFlag(sent), 202);
    return idempotentAnswer(c, withReplayFlag(sent), sent.duplicate, 200);
  });

  /** The outbound review's human queue (shared/services/review/queue.ts): held texts a reviewer decides on. */
  app.get(`${PREFIX}/reviews`, async (c) => {
    const principal = principalOf(c);
    const { status } = parseInput(ListReviewsQuerySchema, c.req.query(), 'query');
    return c.json({ reviews: await service.listReviews(principal, { requestId: c.get('requestId') }, status) });
  });

  app.get(`${PREFIX}/reviews/:id`, async (c) => {
    const principal = principalOf(c);
    const { id } = parseInput(ReviewParamSchema, { id: c.req.param('id') }, 'review id');
    return c.json(await service.getReview(principal, id, { requestId: c.get('requestId') }));
  });

  /** Release: sent once through its own channel; a repeat answers 200 `replayed` and sends nothing. */
  app.post(`${PREFIX}/reviews/:id/release`, async (c) => {
    const principal = principalOf(c);
    const { id } = parseInput(ReviewParamSchema, { id: c.req.param('id') }, 'review id');
    const out = await service.releaseReview(principal, id, { requestId: c.get('requestId') });
    return idempotentAnswer(c, { ...out.review, replayed: out.replayed }, out.replayed, 200);
  });

  /** A flagged (already sent) text marked 已复查: it leaves the flagged list; a repeat answers 200 `replayed`. */
  app.post(`${PREFIX}/reviews/:id/checked`, async (c) => {
    const principal = principalOf(c);
    const { id } = parseInput(ReviewParamSchema, { id: c.req.param('id') }, 'review id');
    const out = await service.checkReview(principal, id, { requestId: c.get('requestId') });
    return idempotentAnswer(c, { ...out.review, replayed: out.replayed }, out.replayed, 200);
  });

  app.post(`${PREFIX}/reviews/:id/reject`, async (c) => {
    const principal = principalOf(c);
    const { id } = parseInput(ReviewParamSchema, { id: c.req.param('id') }, 'review id');
    const body = parseInput(RejectBodySchema, (await readJson(c)) ?? {}, 'reject');
    const out = await service.rejectReview(principal, id, body.reason, { requestId: c.get('requestId') });
    return idempotentAnswer(c, { ...out.review, replayed: out.replayed }, out.replayed, 200);
  });

  return app;
}
