import * as z from 'zod';
import type { ActionHandler } from '../../shared/runtime/main-handler';
import { actorFromPrincipal } from '../../shared/services/access/actor';
import { parseInput } from '../../shared/validation';
import { withReplayFlag } from '../../shared/http/replay';
import { bindOpenIdWithToken, memberForCall, type MemberPrincipal } from '../../shared/services/intake/identify';
import { isOwnLogin } from '../../shared/domain/access/principal';
import { chargeMemberWrite } from '../../shared/services/access/member-writes';
import { windowCounter } from '../../shared/services/access/windows';
import { submitHealthForm } from '../../shared/services/intake/submit-form';
import { submitReading } from '../../shared/services/intake/readings';
import { recordExamReport } from '../../shared/services/intake/reports';
import { readHealthProfile } from '../../shared/services/intake/read-profile';
import type { AppDeps } from '../../shared/runtime/deps';
import type { IntakeDeps } from '../../shared/services/intake/deps';
import type { Action } from '../../shared/domain/access/policy';
import type { AuditActor } from '../../shared/ports/audit-log';
import { servicesOf } from './wiring';

/** Every payload may name the member with the link token; otherwise the caller's bound OPENID does. */
const token = z.string().min(1).max(2048).optional();
const BindCall = z.strictObject({ token: z.string().min(1).max(2048) });

type MemberWork = (deps: IntakeDeps, memberId: string, payload: unknown, actor: AuditActor, principal: MemberPrincipal) => Promise<unknown>;

/**
 * One member action: validate `{token?, <field>}`, identify the member (link token or bound
 * OPENID), count a write against the member's limits (shared with the HTTP routes: a forwarded link
 * token in `data` must not write without bound either), ask the policy, then run the service — the
 * same order as the HTTP routes.
 */
function memberAction(name: string, field: string | undefined, action: Action, work: MemberWork, writes: boolean): ActionHandler<AppDeps> {
  const schema = z.strictObject(field ? { token, [field]: z.unknown() } : { token });
  return async (data, caller, app) => {
    const input = parseInput(schema, data ?? {}, name) as { token?: string } & Record<string, unknown>;
    const deps = servicesOf(app).intake;
    const principal = await memberForCall(deps, caller, input.token);
    if (writes) await chargeMemberWrite(windowCounter(app), principal);
    await app.authorize(principal, action, principal.memberId);
    return work(deps, principal.memberId, field ? input[field] : undefined, actorFromPrincipal(principal), principal);
  };
}

/** Mini-program callFunction actions (`{action, data}`); same services and policy as the HTTP routes. */
export const intakeActions: Record<string, ActionHandler<AppDeps>> = {
  submitForm: memberAction('submitForm', 'form', 'health.write', (deps, id, form, actor, p) => submitHealthForm(deps, id, form, actor, { ownLogin: isOwnLogin(p) }), true),
  submitReading: memberAction('submitReading', 'reading', 'readings.write', async (deps, id, reading, actor) => withReplayFlag(await submitReading(deps, id, reading, actor)), true),
  submitReport: memberAction('submitReport', 'report', 'health.write', async (deps, id, report, actor) => withReplayFlag(await recordExamReport(deps, id, report, actor)), true),
  getProfile: memberAction('getProfile', undefined, 'health.read', (deps, id) => readHealthProfile(deps, id), false),

  /** Links the caller's mini-program account to the member named by the welcome link token. */
  async bindOpenId(data, caller, app) {
    const input = parseInput(BindCall, data ?? {}, 'bindOpenId');
    return bindOpenIdWithToken(servicesOf(app).intake, caller, input.token);
  },
};
