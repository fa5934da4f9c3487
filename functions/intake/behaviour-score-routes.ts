import * as z from 'zod';
import type { HttpApp } from '../../shared/http/app';
import { principalOf } from '../../shared/http/caller';
import { actorFromPrincipal } from '../../shared/services/access/actor';
import { parseMonth, readOwnScores, sharedScoreOf, sharedScoresOfMonth } from '../../shared/services/intake/behaviour-scores';
import type { IntakeDeps } from '../../shared/services/intake/deps';
import type { AppDeps } from '../../shared/runtime/deps';
import { parseInput } from '../../shared/validation';
import { authorizedSubject } from './member-routes';

const ShareQuerySchema = z.strictObject({
  month: z.string(),
  appliedPct: z.coerce.number().min(-100).max(100).optional(),
});

/** The monthly behaviour score (健康行为分): the member's own, and what the policy system may receive. */
export function mountBehaviourScoreRoutes(app: HttpApp, app0: AppDeps, deps: IntakeDeps): void {
  /** The member's own behaviour score: the last months and this month so far, with how to raise it. */
  app.get('/api/intake/behaviour-score', async (c) => {
    const { memberId } = await authorizedSubject(c, app0.authorize, 'score.read', 'own');
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
    const { principal, memberId, requestId } = await authorizedSubject(c, app0.authorize, 'score.share', 'path');
    const query = parseInput(ShareQuerySchema, c.req.query(), 'behaviour score query');
    return c.json(await sharedScoreOf(deps, memberId, parseMonth(query.month), actorFromPrincipal(principal), query.appliedPct, requestId));
  });
}
