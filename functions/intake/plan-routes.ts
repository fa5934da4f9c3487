import * as z from 'zod';
import { readJson, type HttpApp } from '../../shared/http/app';
import { actorFromPrincipal } from '../../shared/services/access/actor';
import { ADJUSTMENT_CODES, MAX_HOLD_WEEKS, type AdjustmentCode } from '../../shared/domain/health/plan-adjustments';
import { overridePlan } from '../../shared/services/intake/plan-adaptation';
import { readPlanView } from '../../shared/services/intake/plan-view';
import type { IntakeDeps } from '../../shared/services/intake/deps';
import type { AppDeps } from '../../shared/runtime/deps';
import { parseInput } from '../../shared/validation';
import { authorizedSubject } from './member-routes';

/** POST /api/intake/members/:memberId/plan/overrides */
const OverrideSchema = z.strictObject({
  code: z.enum(ADJUSTMENT_CODES as [AdjustmentCode, ...AdjustmentCode[]]),
  weeks: z.int().min(1).max(MAX_HOLD_WEEKS),
});

/** Plans that respond to data: the plan, its adjustments and history, and the family doctor's override. */
export function mountPlanRoutes(app: HttpApp, app0: AppDeps, deps: IntakeDeps): void {
  /** The member's own plan with why it changed. */
  app.get('/api/intake/plan', async (c) => {
    const { memberId } = await authorizedSubject(c, app0.authorize, 'health.read', 'own');
    return c.json(await readPlanView(deps, memberId));
  });

  /** The plan, its adjustments and every version with its reasons (member and their clinicians). */
  app.get('/api/intake/members/:memberId/plan', async (c) => {
    const { memberId } = await authorizedSubject(c, app0.authorize, 'health.read', 'path');
    return c.json(await readPlanView(deps, memberId));
  });

  /** The member's family doctor reverts an adjustment or keeps the normal cadence for `weeks` (audited plan.override). */
  app.post('/api/intake/members/:memberId/plan/overrides', async (c) => {
    const { principal, memberId } = await authorizedSubject(c, app0.authorize, 'plan.override', 'path');
    const input = parseInput(OverrideSchema, await readJson(c), 'plan override');
    const result = await overridePlan(deps, memberId, input, actorFromPrincipal(principal));
    return c.json({ ...result, plan: await readPlanView(deps, memberId) }, 201);
  });
}
