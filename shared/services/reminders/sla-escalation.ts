import { MINUTE_MS } from '../../domain/reminders/shanghai-time';
import { AppError } from '../../errors';
import type { Logger } from '../../ports/logger';
import { createReminder, type CreationDeps } from './creation';
import { dueSlaBreaches, recordEscalated, type SlaBreach, type SlaTicketRef, type SlaTicketSource } from './sla';

/** The escalation reminder of one level on one SLA clock of a ticket. */
export const slaReminderKey = (ticket: Pick<SlaTicketRef, 'ticketId' | 'createdAtMs'>, level: number): string => `sla:${ticket.ticketId}:${ticket.createdAtMs}:${level}`;

/** What went wrong, for logs: a typed error's code, else the message (store and runtime errors). */
export function errorCode(err: unknown): string {
  return err instanceof AppError ? err.code : err instanceof Error ? err.message : 'unknown';
}

export type EscalationDeps = CreationDeps & { log: Logger; slaTickets?: SlaTicketSource };

/**
 * One staff escalation reminder per due level, keyed per ticket, SLA clock and level (notified
 * once; a ticket that became an emergency escalates again on its new clock). Each breach stands
 * alone: one that cannot be notified is logged and tried again next minute, the others go out.
 */
export async function escalateSlaBreaches(deps: EscalationDeps, nowMs: number): Promise<number> {
  if (!deps.slaTickets) return 0;
  const breaches = await dueSlaBreaches(deps.store, deps.slaTickets, nowMs);
  let notified = 0;
  for (const breach of breaches) {
    const where = { ticketId: breach.ticket.ticketId, level: breach.step.level };
    try {
      if (await notifyBreach(deps, breach, nowMs)) notified += 1;
    } catch (err) {
      // Nothing was scheduled for this level: not recorded, so the next run tries it again.
      deps.log.error('sla escalation failed', { ...where, error: errorCode(err) });
      continue;
    }
    try {
      await recordEscalated(deps.store, breach.ticket, breach.step.level, nowMs);
    } catch (err) {
      // The escalation reminder exists; its key keeps the next run from scheduling it twice.
      deps.log.error('sla escalation not recorded', { ...where, error: errorCode(err) });
    }
  }
  return notified;
}

/** Schedules the breach's escalation reminder; true when it is new. Nobody to notify: logged, nothing scheduled. */
async function notifyBreach(deps: EscalationDeps, { ticket, step, notify }: SlaBreach, nowMs: number): Promise<boolean> {
  if (notify.length === 0) {
    deps.log.error('sla breach with nobody to notify', { ticketId: ticket.ticketId, level: step.level });
    return false;
  }
  if (step.action === 'escalate') await deps.slaTickets?.recordAlerted?.(ticket, notify, step.level, nowMs);
  const minutes = Math.floor((nowMs - ticket.createdAtMs) / MINUTE_MS);
  const title =
    step.action === 'escalate'
      ? `${ticket.emergency ? '【紧急】' : ''}工单 ${ticket.ticketId} 已 ${minutes} 分钟无人确认（第 ${step.level} 级升级），请立即处理。`
      : `${ticket.emergency ? '【紧急】' : ''}工单 ${ticket.ticketId} 已通知全部值班人员，${minutes} 分钟仍无人确认，请主管介入。`;
  const r = await createReminder(
    deps,
    {
      idempotencyKey: slaReminderKey(ticket, step.level),
      ...(ticket.memberId !== undefined && { memberId: ticket.memberId }),
      kind: 'sla_escalation',
      audience: 'staff',
      staffUserIds: notify,
      title,
      ...(deps.slaTickets?.pageUrl && { content: `打开工单：${deps.slaTickets.pageUrl(ticket.ticketId)}` }),
      emergency: ticket.emergency,
      startAtMs: nowMs,
    },
    'sla',
    'sla',
  );
  return r.created;
}
