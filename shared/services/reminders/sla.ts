import { escalationStep, type EscalationStep } from '../../domain/reminders/sla';
import type { StaffRole } from '../../domain/team/roles';
import type { Doc, DocumentStore } from '../../ports/document-store';

export const SLA_ESCALATIONS = 'sla_escalations';

/** An open ticket as the triage capability describes it to the escalation check. */
export interface SlaTicketRef {
  ticketId: string;
  memberId?: string;
  emergency: boolean;
  createdAtMs: number;
  /** The role owning the first response. */
  role: StaffRole;
  acknowledgedAtMs?: number | null;
  /** Staff userids in escalation order; `[0]` was notified when the ticket was created. */
  onCallList: readonly string[];
  /** Who hears about it once the list is exhausted. */
  supervisorUserIds?: readonly string[];
  /** Minutes per on-call step for an emergency (default 5, policy.ts SLA.emergencyAckMs). */
  emergencyAckMinutes?: number;
}

/** Port the triage capability implements: open tickets nobody has acknowledged. */
export interface SlaTicketSource {
  /** Up to `limit` tickets created before `nowMs` and not acknowledged at `nowMs`, emergencies first. */
  unacknowledgedBefore(nowMs: number, limit: number): Promise<SlaTicketRef[]>;
}

export interface SlaBreach {
  ticket: SlaTicketRef;
  step: Extract<EscalationStep, { action: 'escalate' | 'exhausted' }>;
  /** Staff to notify at this level. */
  notify: string[];
}

/** Highest escalation level already notified per ticket, so re-running a timer never notifies twice. */
export interface SlaEscalationDoc extends Doc {
  level: number;
  updatedAtMs: number;
}

export const SLA_SCAN_LIMIT = 500;

/**
 * Tickets whose next escalation level is due and not yet notified, emergencies first then oldest.
 * escalationStep is level-triggered; the recorded level turns that into "notify once per level".
 */
export async function dueSlaBreaches(store: DocumentStore, source: SlaTicketSource, nowMs: number): Promise<SlaBreach[]> {
  const tickets = await source.unacknowledgedBefore(nowMs, SLA_SCAN_LIMIT);
  const levels = store.collection<SlaEscalationDoc>(SLA_ESCALATIONS);
  const out: SlaBreach[] = [];
  for (const ticket of tickets) {
    const step = escalationStep(ticket, nowMs, ticket.onCallList, ticket.emergencyAckMinutes ? { emergencyAckMinutes: ticket.emergencyAckMinutes } : {});
    if (step.action !== 'escalate' && step.action !== 'exhausted') continue;
    const recorded = (await levels.get(ticket.ticketId))?.level ?? 0;
    if (step.level <= recorded) continue;
    const notify = step.action === 'escalate' ? [step.to] : [...(ticket.supervisorUserIds ?? [])];
    out.push({ ticket, step, notify });
  }
  return out.sort((a, b) => Number(b.ticket.emergency) - Number(a.ticket.emergency) || a.ticket.createdAtMs - b.ticket.createdAtMs);
}

export async function recordEscalated(store: DocumentStore, ticketId: string, level: number, nowMs: number): Promise<void> {
  const levels = store.collection<SlaEscalationDoc>(SLA_ESCALATIONS);
  const moved = await levels.updateOne({ level: { $lt: level }, _id: ticketId }, { $set: { level, updatedAtMs: nowMs } });
  if (moved.matched) return;
  if (await levels.get(ticketId)) return;
  await levels.updateOne({ _id: ticketId }, { $set: { level, updatedAtMs: nowMs } }, { upsert: true });
}
