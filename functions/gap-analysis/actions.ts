import * as z from 'zod';
import type { ActionHandler } from '../../shared/runtime/main-handler';
import type { MiniProgramCaller } from '../../shared/ports/mini-program-caller';
import { memberOfMiniProgramCaller } from '../../shared/services/members/mini-program-member';
import type { AppDeps } from '../../shared/runtime/deps';
import { AnalyzeRequestSchema, IdempotencyDataSchema, ListQuerySchema, MemberIdSchema, ReportIdSchema } from '../../shared/services/gap-analysis/schemas';
import { parseInput } from '../../shared/validation';
import { servicesOf } from './wiring';

const memberCaller = async (caller: MiniProgramCaller, deps: AppDeps) => (await memberOfMiniProgramCaller(deps.members, caller)).principal;

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

const ListDataSchema = z.strictObject({ memberId: MemberIdSchema.optional(), limit: ListQuerySchema.shape.limit });
const GetDataSchema = z.strictObject({ reportId: ReportIdSchema });

/**
 * callFunction `{action, data}`. `analyze` takes the same body as POST /api/gap-analysis plus an
 * optional `idempotencyKey`; `listReports` `{memberId?, limit?}` and `getReport` `{reportId}` read
 * reports. A member's own id is the default member.
 */
export const gapAnalysisActions: Record<string, ActionHandler<AppDeps>> = {
  async analyze(data, caller, deps) {
    const { idempotencyKey: rawKey, ...body } = isRecord(data) ? data : {};
    const { idempotencyKey } = parseInput(IdempotencyDataSchema, { idempotencyKey: rawKey }, 'analyze data');
    const request = parseInput(AnalyzeRequestSchema, isRecord(data) ? body : data, 'gap analysis input');
    const principal = await memberCaller(caller, deps);
    const { outcome, view } = await servicesOf(deps).gapAnalysis.analyze(principal, request, idempotencyKey ? { idempotencyKey } : {});
    return { outcome, replayed: outcome === 'replayed', report: view };
  },

  async listReports(data, caller, deps) {
    const input = parseInput(ListDataSchema, data ?? {}, 'listReports data');
    const principal = await memberCaller(caller, deps);
    const memberId = input.memberId ?? principal.memberId;
    return { memberId, reports: await servicesOf(deps).gapAnalysis.listReports(principal, memberId, { limit: input.limit }) };
  },

  async getReport(data, caller, deps) {
    const { reportId } = parseInput(GetDataSchema, data, 'getReport data');
    return servicesOf(deps).gapAnalysis.getReport(await memberCaller(caller, deps), reportId);
  },
};
