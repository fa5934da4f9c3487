import { createHttpApp, readJson, type HttpApp } from '../../shared/http/app';
import { mountHealth } from '../../shared/http/health';
import { idempotentAnswer } from '../../shared/http/replay';
import { principalOf, resolveCaller } from '../../shared/http/caller';
import type { OutcomesDeps } from './deps';
import { outcomesDashboard, RangeQuerySchema } from '../../shared/services/outcomes/dashboard';
import { InvitationSchema, LinkSchema, PolicySchema } from '../../shared/services/outcomes/partner';
import { parseInput } from '../../shared/validation';
import { servicesOf } from './wiring';

const PREFIX = '/api/outcomes';

/**
 * - `GET /dashboard?from&to`: supervisors and ops (stats.read);
 * - `POST /partner/invitations|policies|customers`: the policy and claims system (X-Internal-Key),
 *   201 when recorded, 200 with `Idempotent-Replayed: true` when the partner's id was seen already.
 */
export function outcomesRoutes(deps: OutcomesDeps): HttpApp {
  const app = createHttpApp('outcomes', deps.log);
  mountHealth(app, [PREFIX], 'outcomes', deps.store);
  app.use(`${PREFIX}/*`, resolveCaller(deps));
  const { partner } = servicesOf(deps);

  app.get(`${PREFIX}/dashboard`, async (c) => {
    const principal = principalOf(c);
    const query = parseInput(RangeQuerySchema, c.req.query(), 'query');
    return c.json(await outcomesDashboard(deps, principal, query, { requestId: c.get('requestId') }));
  });

  app.post(`${PREFIX}/partner/invitations`, async (c) => {
    const principal = principalOf(c);
    const body = parseInput(InvitationSchema, await readJson(c), 'invitation');
    const result = await partner.invited(principal, body);
    return idempotentAnswer(c, result, !result.recorded);
  });

  app.post(`${PREFIX}/partner/policies`, async (c) => {
    const principal = principalOf(c);
    const body = parseInput(PolicySchema, await readJson(c), 'policy');
    const result = await partner.policyBought(principal, body);
    return idempotentAnswer(c, result, !result.recorded);
  });

  app.post(`${PREFIX}/partner/customers`, async (c) => {
    const principal = principalOf(c);
    const body = parseInput(LinkSchema, await readJson(c), 'customer link');
    return c.json(await partner.linkCustomer(principal, body));
  });

  return app;
}
