import { actorFromPrincipal } from '../access/actor';
import { principalId, type Principal } from '../../domain/access/principal';
import { ForbiddenError } from '../../errors';
import type { AppDeps } from '../../runtime/deps';
import { callerReminderId, reminderRuleViolation, type ReminderRuleViolation } from './caller-rules';
import type { ReminderDoc } from './reminder-doc';
import type { ReminderService } from './reminder-service';
import type { CreateReminderInput, PolicyExpiryInput } from './schemas';

export interface RequestContext {
  requestId?: string;
}

/**
 * Reminders asked for by a caller (HTTP routes, callFunction): the access policy decides which
 * member the caller may act on, caller-rules.ts what they may schedule, and the caller's idempotency
 * key is moved into the caller's own namespace before it becomes an id. Every refusal is a 403 with
 * its reason code and leaves a denial on the audit trail, like the policy's own.
 */
export function createReminderRequests(deps: Pick<AppDeps, 'authorize' | 'audit' | 'members'>, service: ReminderService) {
  async function deny(principal: Principal, action: string, memberId: string, violation: ReminderRuleViolation, rc: RequestContext): Promise<never> {
    await deps.audit.append({
      actor: actorFromPrincipal(principal),
      action,
      subjectMemberId: memberId,
      outcome: 'denied',
      reason: violation.code,
      ...(rc.requestId !== undefined && { requestId: rc.requestId }),
    });
    throw new ForbiddenError(violation.code, violation.message);
  }

  return {
    async create(principal: Principal, input: CreateReminderInput & { memberId: string }, rc: RequestContext = {}): Promise<{ reminder: ReminderDoc; created: boolean }> {
      await deps.authorize(principal, 'reminder.create', input.memberId, rc);
      const violation = reminderRuleViolation(principal, input);
      if (violation) await deny(principal, 'reminder.create', input.memberId, violation, rc);
      const { idempotencyKey, ...rest } = input;
      return service.create({ ...rest, ...(idempotencyKey !== undefined && { idempotencyKey: callerReminderId(principal, idempotencyKey) }) }, principalId(principal), 'api');
    },

    /** Renewal reminders: the system, or the member's own insurance consultant (policy 'reminder.renewal'). */
    async renewals(principal: Principal, input: PolicyExpiryInput, rc: RequestContext = {}): ReturnType<ReminderService['renewalReminders']> {
      await deps.authorize(principal, 'reminder.renewal', input.memberId, rc);
      return service.renewalReminders(input, principalId(principal));
    },
  };
}

export type ReminderRequests = ReturnType<typeof createReminderRequests>;
