import * as z from 'zod';
import type { ActionHandler } from '../../shared/adapters/triggers/main-handler';
import { actorFromPrincipal } from '../../shared/adapters/audit/actor';
import { parseInput } from '../../shared/validation';
import { bindOpenIdWithToken, memberForCall } from '../../shared/services/intake/identify';
import { submitHealthForm } from '../../shared/services/intake/submit-form';
import { submitReading } from '../../shared/services/intake/readings';
import { recordExamReport } from '../../shared/services/intake/reports';
import { readHealthProfile } from '../../shared/services/intake/read-profile';
import { intakeDepsOf } from '../../shared/services/intake/wiring';
import type { AppDeps } from '../../shared/runtime/deps';

/** Every payload may name the member with the link token; otherwise the caller's bound OPENID does. */
const token = z.string().min(1).max(2048).optional();
const FormCall = z.strictObject({ token, form: z.unknown() });
const ReadingCall = z.strictObject({ token, reading: z.unknown() });
const ReportCall = z.strictObject({ token, report: z.unknown() });
const ProfileCall = z.strictObject({ token });
const BindCall = z.strictObject({ token: z.string().min(1).max(2048) });

/** Mini-program callFunction actions (`{action, data}`); same services and policy as the HTTP routes. */
export const intakeActions: Record<string, ActionHandler<AppDeps>> = {
  async submitForm(data, caller, app) {
    const input = parseInput(FormCall, data ?? {}, 'submitForm');
    const deps = intakeDepsOf(app);
    const principal = await memberForCall(deps, caller, input.token);
    await app.authorize(principal, 'health.write', principal.memberId);
    return submitHealthForm(deps, principal.memberId, input.form, actorFromPrincipal(principal));
  },

  async submitReading(data, caller, app) {
    const input = parseInput(ReadingCall, data ?? {}, 'submitReading');
    const deps = intakeDepsOf(app);
    const principal = await memberForCall(deps, caller, input.token);
    await app.authorize(principal, 'readings.write', principal.memberId);
    return submitReading(deps, principal.memberId, input.reading, actorFromPrincipal(principal));
  },

  async submitReport(data, caller, app) {
    const input = parseInput(ReportCall, data ?? {}, 'submitReport');
    const deps = intakeDepsOf(app);
    const principal = await memberForCall(deps, caller, input.token);
    await app.authorize(principal, 'health.write', principal.memberId);
    return recordExamReport(deps, principal.memberId, input.report, actorFromPrincipal(principal));
  },

  async getProfile(data, caller, app) {
    const input = parseInput(ProfileCall, data ?? {}, 'getProfile');
    const deps = intakeDepsOf(app);
    const principal = await memberForCall(deps, caller, input.token);
    await app.authorize(principal, 'health.read', principal.memberId);
    return readHealthProfile(deps, principal.memberId);
  },

  /** Links the caller's mini-program account to the member named by the welcome link token. */
  async bindOpenId(data, caller, app) {
    const input = parseInput(BindCall, data ?? {}, 'bindOpenId');
    return bindOpenIdWithToken(intakeDepsOf(app), caller, input.token);
  },
};
