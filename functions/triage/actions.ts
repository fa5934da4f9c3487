import type { ActionHandler } from '../../shared/runtime/main-handler';
import { memberOfMiniProgramCaller } from '../../shared/services/members/mini-program-member';
import type { AppDeps } from '../../shared/runtime/deps';
import { AskDataSchema } from '../../shared/services/triage/schemas';
import { roleLabelZh } from '../../shared/services/triage/texts';
import { parseInput } from '../../shared/validation';
import { servicesOf } from './wiring';

/**
 * callFunction `{action: "ask", data: {text, clientMsgId?}}` from the mini-program. The member is the
 * one the caller's OPENID is bound to; a retried call with the same clientMsgId gets the first answer.
 */
export const triageActions: Record<string, ActionHandler<AppDeps>> = {
  async ask(data, caller, deps) {
    const input = parseInput(AskDataSchema, data, 'ask data');
    const { member } = await memberOfMiniProgramCaller(deps.members, caller);
    const result = await servicesOf(deps).triage.ask(member, input);
    return {
      outcome: result.outcome,
      replayed: result.outcome === 'duplicate',
      ticketId: result.ticketId ?? null,
      role: result.role ?? null,
      roleLabelZh: result.role ? roleLabelZh(result.role) : null,
      emergency: result.emergency ?? false,
      reply: result.reply?.text ?? null,
    };
  },
};
