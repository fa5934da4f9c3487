import { createHttpApp, readJson, type HttpApp } from '../../shared/http/app';
import { mountHealth } from '../../shared/http/health';
import { memberWriteLimits } from '../../shared/http/member-write-limits';
import { idempotentAnswer } from '../../shared/http/replay';
import { principalOf, resolveCaller } from '../../shared/http/caller';
import type { AppDeps } from '../../shared/runtime/deps';
import { idempotencyKeyOf } from '../../shared/idempotency-key';
import { AnalyzeRequestSchema, ListQuerySchema, MemberParamSchema, ReportParamSchema } from '../../shared/services/gap-analysis/schemas';
import { parseInput } from '../../shared/validation';
import { servicesOf } from './wiring';

const PREFIX = '/api/gap-analysis';

export function gapAnalysisRoutes(deps: AppDeps): HttpApp {
  const app = createHttpApp('gap-analysis', deps.log);
  mountHealth(app, [PREFIX], 'gap-analysis', deps.store);
  app.use(`${PREFIX}/*`, resolveCaller(deps));
  app.use(`${PREFIX}/*`, memberWriteLimits(deps));
  const service = servicesOf(deps).gapAnalysis;

  app.post(PREFIX, async (c) => {
    const principal = principalOf(c);
    const idempotencyKey = idempotencyKeyOf(c.req.header('idempotency-key'), undefined);
    const request = parseInput(AnalyzeRequestSchema, await readJson(c), 'gap analysis input');
    const { outcome, view } = await service.analyze(principal, request, { requestId: c.get('requestId'), ...(idempotencyKey ? { idempotencyKey } : {}) });
    return idempotentAnswer(c, view, outcome === 'replayed', outcome === 'created' ? 201 : 200);
  });

  app.get(`${PREFIX}/members/:memberId/reports`, async (c) => {
    const principal = principalOf(c);
    const { memberId } = parseInput(MemberParamSchema, { memberId: c.req.param('memberId') }, 'path');
    const query = parseInput(ListQuerySchema, c.req.query(), 'query');
    const reports = await service.listReports(principal, memberId, query, { requestId: c.get('requestId') });
    return c.json({ memberId, reports });
  });

  app.get(`${PREFIX}/reports/:reportId`, async (c) => {
    const principal = principalOf(c);
    const { reportId } = parseInput(ReportParamSchema, { reportId: c.req.param('reportId') }, 'path');
    return c.json(await service.getReport(principal, reportId, { requestId: c.get('requestId') }));
  });

  // The consultant inserted the report's draft into the chat (workbench): the report was discussed.
  app.post(`${PREFIX}/reports/:reportId/discussed`, async (c) => {
    const principal = principalOf(c);
    const { reportId } = parseInput(ReportParamSchema, { reportId: c.req.param('reportId') }, 'path');
    const result = await service.markDiscussed(principal, reportId, { requestId: c.get('requestId') });
    return idempotentAnswer(c, result, result.replayed, 201);
  });

  return app;
}
