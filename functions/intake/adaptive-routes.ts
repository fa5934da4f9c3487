import * as z from 'zod';
import { readJson, type HttpApp, type HttpContext } from '../../shared/http/app';
import { principalOf } from '../../shared/http/caller';
import { actorFromPrincipal } from '../../shared/services/access/actor';
import { ADJUSTMENT_CODES, MAX_HOLD_WEEKS, type AdjustmentCode } from '../../shared/domain/health/plan-adjustments';
import { overridePlan } from '../../shared/services/intake/plan-adaptation';
import { readPlanView } from '../../shared/services/intake/plan-view';
import { parseMonth, readOwnScores, sharedScoreOf, sharedScoresOfMonth } from '../../shared/services/intake/behaviour-scores';
import { decideOptionalConsent, listOptionalConsents } from '../../shared/services/members/consent-routes-service';
import type { IntakeDeps } from '../../shared/services/intake/deps';
import type { AppDeps } from '../../shared/runtime/deps';
import { parseInput } from '../../shared/validation';
import { subjectMemberId } from './member-routes';

/** POST /api/intake/members/:memberId/plan/overrides */
const OverrideSchema = z.strictObject({
  code: z.enum(ADJUSTMENT_CODES as [AdjustmentCode, ...AdjustmentCode[]]),
  weeks: z.int().min(1).max(MAX_HOLD_WEEKS),
});

const ShareQuerySchema = z.strictObject({
  month: z.string(),
  appliedPct: z.coerce.number().min(-100).max(100).optional(),
});

/**
 * Plans that respond to data (the plan, its adjustments and history, the doctor's override) and the
 * member's optional consents (「我的授权」), and the monthly behaviour score (member and policy system).
 */
export function mountAdaptiveRoutes(app: HttpApp, app0: AppDeps, deps: IntakeDeps): void {
  /** The member's own plan with why it changed. */
  app.get('/api/intake/plan', async (c) => {
    const principal = principalOf(c);
    const memberId = subjectMemberId(principal, undefined);
    await app0.authorize(principal, 'health.read', memberId, { requestId: c.get('requestId') });
    return c.json(await readPlanView(deps, memberId));
  });

  /** The plan, its adjustments and every version with its reasons (member and their clinicians). */
  app.get('/api/intake/members/:memberId/plan', async (c) => {
    const principal = principalOf(c);
    const memberId = c.req.param('memberId');
    await app0.authorize(principal, 'health.read', memberId, { requestId: c.get('requestId') });
    return c.json(await readPlanView(deps, memberId));
  });

  /** The member's family doctor reverts an adjustment or keeps the normal cadence for `weeks` (audited plan.override). */
  app.post('/api/intake/members/:memberId/plan/overrides', async (c) => {
    const principal = principalOf(c);
    const memberId = c.req.param('memberId');
    await app0.authorize(principal, 'plan.override', memberId, { requestId: c.get('requestId') });
    const input = parseInput(OverrideSchema, await readJson(c), 'plan override');
    const result = await overridePlan(deps, memberId, input, actorFromPrincipal(principal));
    return c.json({ ...result, plan: await readPlanView(deps, memberId) }, 201);
  });

  /** The member's own behaviour score: the last months and this month so far, with how to raise it. */
  app.get('/api/intake/behaviour-score', async (c) => {
    const principal = principalOf(c);
    const memberId = subjectMemberId(principal, undefined);
    await app0.authorize(principal, 'score.read', memberId, { requestId: c.get('requestId') });
    return c.json(await readOwnScores(deps, memberId));
  });

  /**
   * The policy system (machine key): a month's scores with a recommended premium adjustment, only of
   * members who granted behaviour_score_sharing; each disclosure audited.
   */
  app.get('/api/intake/behaviour-scores', async (c) => {
    const principal = principalOf(c);
    const requestId = c.get('requestId');
    await app0.authorize(principal, 'score.share', undefined, { requestId });
    return c.json(await sharedScoresOfMonth(deps, parseMonth(c.req.query('month')), actorFromPrincipal(principal), requestId));
  });

  /** One member's; `appliedPct`: the insurer's cumulative adjustment so far (keeps the total within the cap). */
  app.get('/api/intake/behaviour-scores/:memberId', async (c) => {
    const principal = principalOf(c);
    const memberId = c.req.param('memberId');
    const requestId = c.get('requestId');
    await app0.authorize(principal, 'score.share', memberId, { requestId });
    const query = parseInput(ShareQuerySchema, c.req.query(), 'behaviour score query');
    return c.json(await sharedScoreOf(deps, memberId, parseMonth(query.month), actorFromPrincipal(principal), query.appliedPct, requestId));
  });

  /**
   * 「我的授权」: the member's own login only (a forwarded welcome link cannot consent). `/consents` is
   * the caller's own (what the member page uses); `/members/:memberId/consents` names the member.
   */
  const listConsents = async (c: HttpContext, memberId: string) => {
    await app0.authorize(principalOf(c), 'consent.optional', memberId, { requestId: c.get('requestId') });
    return c.json(await listOptionalConsents(deps, memberId));
  };
  const decideConsent = async (c: HttpContext, memberId: string) => {
    const principal = principalOf(c);
    await app0.authorize(principal, 'consent.optional', memberId, { requestId: c.get('requestId') });
    return c.json(await decideOptionalConsent(deps, memberId, c.req.param('purpose') ?? '', await readJson(c), actorFromPrincipal(principal)));
  };
  // Only a member has consents of their own: anyone else is refused by the policy (an audited 403).
  const ownMemberId = (c: HttpContext): string => {
    const principal = principalOf(c);
    return principal.kind === 'member' ? principal.memberId : '';
  };
  app.get('/api/intake/consents', (c) => listConsents(c, ownMemberId(c)));
  app.put('/api/intake/consents/:purpose', (c) => decideConsent(c, ownMemberId(c)));
  app.get('/api/intake/members/:memberId/consents', (c) => listConsents(c, c.req.param('memberId')));
  app.put('/api/intake/members/:memberId/consents/:purpose', (c) => decideConsent(c, c.req.param('memberId')));
}
