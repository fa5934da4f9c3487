import { createHttpApp, readJson, type HttpApp } from '../../shared/http/app';
import { idempotencyKeyOf } from '../../shared/idempotency-key';
import { mountHealth } from '../../shared/http/health';
import { memberWriteLimits } from '../../shared/http/member-write-limits';
import { idempotentAnswer, withReplayFlag } from '../../shared/http/replay';
import { principalOf, resolveCaller } from '../../shared/http/caller';
import { actorFromPrincipal } from '../../shared/services/access/actor';
import { isOwnLogin } from '../../shared/domain/access/principal';
import { submitHealthForm } from '../../shared/services/intake/submit-form';
import { getReading, listReadings, submitReading } from '../../shared/services/intake/readings';
import { parseReadingsQuery, readingsInRange } from '../../shared/services/intake/reading-range';
import { memberByExternalUserId } from '../../shared/services/members/external-lookup';
import { recordExamReport } from '../../shared/services/intake/reports';
import { readHealthProfile, readProfileSummary } from '../../shared/services/intake/read-profile';
import { runDueFollowUps } from '../../shared/services/intake/follow-ups';
import type { AppDeps } from '../../shared/runtime/deps';
import { FORM_PATH } from '../../shared/services/welcome/member-link';
import { requestNewLink } from '../../shared/services/intake/link-requests';
import { readMemberReport } from '../../shared/services/intake/member-report';
import { authorizedSubject } from './member-routes';
import { mountPrivacyRoutes } from '../../shared/http/privacy-routes';
import { mountBehaviourScoreRoutes } from './behaviour-score-routes';
import { mountOptionalConsentRoutes } from './optional-consent-routes';
import { mountPlanRoutes } from './plan-routes';
import { servicesOf } from './wiring';

export function intakeRoutes(app0: AppDeps): HttpApp {
  const { intake: deps, reminders, privacy } = servicesOf(app0);
  const app = createHttpApp('intake', deps.log);
  mountHealth(app, ['/api/intake'], 'intake', deps.store);
  app.use('/api/intake/*', resolveCaller(deps));
  app.use('/api/intake/*', memberWriteLimits(deps));

  /**
   * Links sent before the member pages: the form now lives at /m/form (web/member). A redirect keeps
   * them working; the browser carries the #t=… fragment over to the new address itself.
   */
  app.get('/api/intake/form', (c) => c.redirect(FORM_PATH, 302)); // LEGACY_FORM_PATH

  /** 「请健康管家发新链接」 from an expired link: public (the old token is in the body), rate limited. */
  app.post('/api/intake/link-requests', async (c) => c.json(await requestNewLink(app0, reminders, await readJson(c), c.req.header('x-client-ip') ?? 'unknown'), 202));

  /** The member's first health report, assembled from the stored assessment and plan. */
  app.get('/api/intake/report', async (c) => {
    const { memberId } = await authorizedSubject(c, app0.authorize, 'health.read', 'own');
    return c.json(await readMemberReport(deps, memberId));
  });

  /** The member's own readings (for 「我的提醒」's trend). */
  app.get('/api/intake/readings', async (c) => {
    const { memberId } = await authorizedSubject(c, app0.authorize, 'health.read', 'own');
    return c.json({ readings: await listReadings(deps, memberId, 60) });
  });

  app.post('/api/intake/forms', async (c) => {
    const { principal, memberId } = await authorizedSubject(c, app0.authorize, 'health.write', 'query');
    // The page makes one key per filled form (web/member/form.tsx); a bad one means a stale or altered page.
    const submissionKey = idempotencyKeyOf(c.req.header('idempotency-key'), undefined, { messageZh: '提交编号无效，请刷新页面后重试' });
    const result = await submitHealthForm(deps, memberId, await readJson(c), actorFromPrincipal(principal), { ownLogin: isOwnLogin(principal), ...(submissionKey && { submissionKey }) });
    return c.json(result, 201);
  });

  app.post('/api/intake/readings', async (c) => {
    const { principal, memberId } = await authorizedSubject(c, app0.authorize, 'readings.write', 'query');
    const result = await submitReading(deps, memberId, await readJson(c), actorFromPrincipal(principal));
    return idempotentAnswer(c, withReplayFlag(result), result.duplicate);
  });

  app.post('/api/intake/reports', async (c) => {
    const { principal, memberId } = await authorizedSubject(c, app0.authorize, 'health.write', 'query');
    const result = await recordExamReport(deps, memberId, await readJson(c), actorFromPrincipal(principal));
    return idempotentAnswer(c, withReplayFlag(result), result.duplicate);
  });

  /** The member's own profile (link token or mini-program session). */
  app.get('/api/intake/profile', async (c) => {
    const { memberId } = await authorizedSubject(c, app0.authorize, 'health.read', 'own');
    return c.json(await readHealthProfile(deps, memberId));
  });

  /** `?view=summary` (tier, team, non-clinical tags) needs tier.read; the full view needs health.read. */
  app.get('/api/intake/members/:memberId/profile', async (c) => {
    const { principal, memberId, requestId } = await authorizedSubject(c, app0.authorize, 'profile.read', 'path');
    if (c.req.query('view') === 'summary') {
      await app0.authorize(principal, 'tier.read', memberId, { requestId });
      return c.json(await readProfileSummary(deps, memberId));
    }
    await app0.authorize(principal, 'health.read', memberId, { requestId });
    return c.json(await readHealthProfile(deps, memberId));
  });

  /** `?days=7|30|90` or `?sinceMs=`: the trend window, with the guideline bands and red-flag lines to draw. */
  app.get('/api/intake/members/:memberId/readings', async (c) => {
    const { memberId } = await authorizedSubject(c, app0.authorize, 'health.read', 'path');
    return c.json(await readingsInRange(deps, memberId, parseReadingsQuery(c.req.query())));
  });

  /** The workbench sidebar: which member the WeCom customer of the current chat is. */
  app.get('/api/intake/members/by-external/:externalUserId', async (c) => {
    const principal = principalOf(c);
    return c.json(await memberByExternalUserId(app0, principal, c.req.param('externalUserId'), { requestId: c.get('requestId') }));
  });

  app.get('/api/intake/members/:memberId/readings/:readingId', async (c) => {
    const { memberId } = await authorizedSubject(c, app0.authorize, 'health.read', 'path');
    return c.json(await getReading(deps, memberId, c.req.param('readingId')));
  });

  /** Low-cooperation path: due nudges and marks (machine key; run by a scheduler). */
  app.post('/api/intake/follow-ups/run', async (c) => {
    const principal = principalOf(c);
    await app0.authorize(principal, 'reminder.create', undefined, { requestId: c.get('requestId') });
    return c.json(await runDueFollowUps(deps));
  });

  mountPlanRoutes(app, app0, deps);
  mountBehaviourScoreRoutes(app, app0, deps);
  mountOptionalConsentRoutes(app, app0, deps);

  // Member rights (consent withdrawal, export, erasure) live with the consent they concern.
  mountPrivacyRoutes(app, app0, privacy);
  return app;
}
