import type { ActionHandler } from '../../shared/runtime/main-handler';
import type { MiniProgramCaller } from '../../shared/ports/mini-program-caller';
import { memberOfMiniProgramCaller } from '../../shared/services/members/mini-program-member';
import type { AppDeps } from '../../shared/runtime/deps';
import { ListQuerySchema, SubscribeDataSchema } from '../../shared/services/reminders/schemas';
import { parseInput } from '../../shared/validation';
import { listMemberTasks } from '../../shared/services/plan-tasks/member-tasks';
import { markDoneByMember } from '../../shared/services/plan-tasks/mark-done';
import { TaskDoneDataSchema } from '../../shared/services/plan-tasks/schemas';
import { consentsPageUrl } from '../../shared/services/offers/moments';
import { servicesOf } from './wiring';

async function callerMember(caller: MiniProgramCaller, deps: AppDeps): Promise<{ memberId: string; openId: string }> {
  const { principal, openId } = await memberOfMiniProgramCaller(deps.members, caller);
  return { memberId: principal.memberId, openId };
}

/**
 * Mini-program calls: `templates` (which subscription templates to request with
 * wx.requestSubscribeMessage), `subscribe` `{templateId, count?}` after the member accepted, and
 * `list` `{status?, limit?}` for the member's own reminders, `tasks` for their plan tasks and `done`
 * `{reminderId, occurrenceAtMs}` for 「完成」 on one (as `/api/reminders/mine/tasks` and `…/done`), and
 * `offers` for the offers made to the member, each with the reason it was made (and where to switch offers off).
 */
export const reminderActions: Record<string, ActionHandler<AppDeps>> = {
  async templates(_data, _caller, deps) {
    return { templateIds: [...new Set(Object.values(servicesOf(deps).reminders.settings.subscribeTemplates))] };
  },

  async subscribe(data, caller, deps) {
    const input = parseInput(SubscribeDataSchema, data ?? {}, 'subscribe data');
    const { memberId, openId } = await callerMember(caller, deps);
    const service = servicesOf(deps).reminders;
    const known = new Set(Object.values(service.settings.subscribeTemplates));
    if (!known.has(input.templateId)) return { accepted: false, reason: 'unknown_template' };
    const remaining = await service.subscriptions.add({ memberId, openId, templateId: input.templateId, count: input.count, nowMs: deps.clock.nowMs() });
    return { accepted: true, templateId: input.templateId, remaining };
  },

  async offers(_data, caller, deps) {
    const { memberId } = await callerMember(caller, deps);
    return { memberId, offers: await servicesOf(deps).offerMeasures.listForMember(memberId), switchOffUrl: consentsPageUrl(deps.config.PUBLIC_BASE_URL) };
  },

  async list(data, caller, deps) {
    const query = parseInput(ListQuerySchema, data ?? {}, 'list data');
    const { memberId } = await callerMember(caller, deps);
    return { memberId, reminders: await servicesOf(deps).reminders.listForMember(memberId, query) };
  },

  async tasks(_data, caller, deps) {
    const { principal } = await memberOfMiniProgramCaller(deps.members, caller);
    await deps.authorize(principal, 'reminder.own', principal.memberId);
    return { memberId: principal.memberId, tasks: await listMemberTasks(servicesOf(deps).planTasks, principal.memberId) };
  },

  async done(data, caller, deps) {
    const input = parseInput(TaskDoneDataSchema, data ?? {}, 'done data');
    const { principal } = await memberOfMiniProgramCaller(deps.members, caller);
    await deps.authorize(principal, 'plan_task.done', principal.memberId);
    const result = await markDoneByMember(servicesOf(deps).planTasks, { memberId: principal.memberId, ...input, via: principal.credential });
    if (!result.replayed) {
      await deps.audit.append({ actor: { kind: 'member', id: principal.memberId }, action: 'plan_task.done', subjectMemberId: principal.memberId, outcome: 'done', meta: { credential: principal.credential, reminderId: input.reminderId, occurrenceAtMs: input.occurrenceAtMs } });
    }
    return result;
  },
};
