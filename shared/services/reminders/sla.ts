import { escalationStep, type EscalationStep } from '../../domain/reminders/sla';
import type { StaffRole } from '../../domain/team/roles';
import { DuplicateKeyError } from '../../errors';
import type { Doc, DocumentStore, Filter } from '../../ports/document-store';

export const SLA_ESCALATIONS = 'sla_escalations';

/** An open ticket as the triage capability describes it to the escalation check. */
export interface SlaTicketRef {
  ticketId: string;
  memberId?: string;
  emergency: boolean;
  urgent?: boolean;
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
  /**
   * The on-call staff an escalation is about to alert (`step.to`), so the ticket's owner can let them
   * find and act on it. Called before the escalation reminder is scheduled; when it throws, nothing is
   * scheduled and the next run tries again. Idempotent.
   */
  recordAlerted?(ticket: SlaTicketRef, staffIds: readonly string[], level: number, nowMs: number): Promise<void>;
  /** The workbench page of the ticket, put in the escalation message so the alerted person opens it in one tap. */
  pageUrl?(ticketId: string): string;
}

export interface SlaBreach {
  ticket: SlaTicketRef;
  step: Extract<EscalationStep, { action: 'escalate' | 'exhausted' }>;
  /** Staff to notify at this level. */
  notify: string[];
}

/**
 * Highest escalation level already notified per ticket on its current SLA clock, so re-running a
 * timer never notifies twice. The clock matters: a routine ticket that turns into an emergency
 * starts a new clock (SlaTicketRef.createdAtMs) with a new on-call list, and its levels count again
 * from zero — the routine ticket's levels must not suppress the emergency's. `_id` stays the ticket
 * id (triage shows the level of the current clock in the ticket detail).
 */
export interface SlaEscalationDoc extends Doc {
  level: number;
  /** The SLA clock `level` was reached on; absent on records written before clocks were kept. */
  clockAtMs?: number;
  updatedAtMs: number;
}

/** Identifies one SLA clock of one ticket. */
export type SlaClock = Pick<SlaTicketRef, 'ticketId' | 'createdAtMs'>;

export const SLA_SCAN_LIMIT = 500;

/** The level already notified on the clock that started at `clockAtMs` (0: none yet). */
export function levelOnClock(doc: SlaEscalationDoc | null, clockAtMs: number): number {
  if (!doc) return 0;
  if (doc.clockAtMs !== undefined) return doc.clockAtMs === clockAtMs ? doc.level : 0;
  // A record without its clock: it belongs to an earlier clock when it was written before this one started.
  return doc.updatedAtMs >= clockAtMs ? doc.level : 0;
}

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
    if (step.level <= levelOnClock(await levels.get(ticket.ticketId), ticket.createdAtMs)) continue;
    const notify = step.action === 'escalate' ? [step.to] : [...(ticket.supervisorUserIds ?? [])];
    out.push({ ticket, step, notify });
  }
  return out.sort((a, b) => Number(b.ticket.emergency) - Number(a.ticket.emergency) || a.ticket.createdAtMs - b.ticket.createdAtMs);
}

/**
 * Records that `level` was notified on the ticket's clock: levels only move up on one clock; a
 * later clock replaces an earlier one. A bare ticket id (no clock known) only moves the level up.
 */
export async function recordEscalated(store: DocumentStore, ticket: SlaClock | string, level: number, nowMs: number): Promise<void> {
  const levels = store.collection<SlaEscalationDoc>(SLA_ESCALATIONS);
  if (typeof ticket === 'string') {
    const moved = await levels.updateOne({ level: { $lt: level }, _id: ticket }, { $set: { level, updatedAtMs: nowMs } });
    if (moved.matched) return;
    if (await levels.get(ticket)) return;
    await levels.updateOne({ _id: ticket }, { $set: { level, updatedAtMs: nowMs } }, { upsert: true });
    return;
  }
  const { ticketId: _id, createdAtMs: clockAtMs } = ticket;
  const replaceable: Filter[] = [
    { clockAtMs, level: { $lt: level } },
    { clockAtMs: { $lt: clockAtMs } },
    { clockAtMs: { $exists: false }, updatedAtMs: { $lt: clockAtMs } },
    { clockAtMs: { $exists: false }, level: { $lt: level } },
  ];
  for (let attempt = 0; attempt < 2; attempt += 1) {
    const moved = await levels.updateOne({ $or: replaceable, _id }, { $set: { level, clockAtMs, updatedAtMs: nowMs } });
    if (moved.matched) return;
    // Already at this level or past it, or on a later clock: nothing to record.
    if (await levels.get(_id)) return;
    try {
      await levels.insert({ _id, level, clockAtMs, updatedAtMs: nowMs });
      return;
    } catch (err) {
      // Another run recorded first: compare with what it wrote.
      if (!(err instanceof DuplicateKeyError)) throw err;
    }
  }
}
