import { nextOccurrence } from '../../domain/reminders/next-occurrence';
import type { Clock } from '../../ports/clock';
import type { DocumentStore } from '../../ports/document-store';
import { dueFor } from './occurrences';
import { ensureReminderIndexes, REMINDERS, type ReminderDoc, type ReminderStatus } from './reminder-doc';

/*
 * Stopping and pausing reminders that have not gone out for good: by one id, by the member's own
 * choice in 「我的提醒」, or for every reminder about a member who withdrew consent.
 */

export type ControlDeps = { store: DocumentStore; clock: Clock };

const CANCELLABLE: ReminderStatus[] = ['scheduled', 'leased'];

/** Cancels the pending reminders matching `filter`; how many. A leased one is cancelled too: its run's writes need the lease. */
export async function cancelWhere(deps: ControlDeps, filter: Record<string, unknown>, reason: string): Promise<number> {
  const nowMs = deps.clock.nowMs();
  const r = await deps.store.collection<ReminderDoc>(REMINDERS).updateMany(
    { status: { $in: CANCELLABLE }, ...filter },
    { $set: { status: 'cancelled', cancelledReason: reason, updatedAtMs: nowMs }, $unset: { leaseId: true, leaseUntilMs: true }, $inc: { v: 1 } },
  );
  return r.matched;
}

/**
 * The member's own 「我的提醒」: stop every pending reminder of one kind sent to them. Only
 * reminders whose audience is the member; their team's tasks about them are not the member's to stop.
 */
export async function stopKindForMember(deps: ControlDeps, memberId: string, kind: ReminderDoc['kind']): Promise<number> {
  await ensureReminderIndexes(deps.store);
  return cancelWhere(deps, { kind, audience: 'member', memberId }, 'stopped_by_member');
}

/**
 * Whether the member stopped this kind in 「我的提醒」 (stopping cancels the kind's pending reminders with
 * `stopped_by_member`): a producer that creates that kind for them — the content calendar's 健康知识 —
 * asks here and sends no more of it.
 */
export async function stoppedKindByMember(deps: Pick<ControlDeps, 'store'>, memberId: string, kind: ReminderDoc['kind']): Promise<boolean> {
  return (await deps.store.collection<ReminderDoc>(REMINDERS).findOne({ memberId, kind, status: 'cancelled', cancelledReason: 'stopped_by_member' })) !== null;
}

/**
 * Pauses one kind until `untilMs`: each scheduled series of that kind sent to the member moves to
 * its first occurrence at or after `untilMs` (a one-off moves to `untilMs`). A series the
 * dispatcher holds right now (leased) is left as it is; compare-and-set on `v` keeps a
 * concurrent dispatch from being overwritten.
 */
export async function pauseKindForMember(deps: ControlDeps, memberId: string, kind: ReminderDoc['kind'], untilMs: number): Promise<number> {
  await ensureReminderIndexes(deps.store);
  const reminders = deps.store.collection<ReminderDoc>(REMINDERS);
  const nowMs = deps.clock.nowMs();
  const docs = await reminders.find({ status: 'scheduled', kind, audience: 'member', memberId });
  let paused = 0;
  for (const doc of docs) {
    let occ: number | null = doc.occurrenceAtMs;
    if (doc.recurrence.type === 'once') occ = Math.max(occ, untilMs);
    for (let i = 0; occ !== null && occ < untilMs && i < 1000; i += 1) occ = nextOccurrence(doc.recurrence, occ, doc.anchorAtMs);
    if (occ === null || (doc.endsAtMs !== undefined && occ > doc.endsAtMs)) {
      if ((await cancelWhere(deps, { _id: doc._id, v: doc.v }, 'stopped_by_member')) === 1) paused += 1;
      continue;
    }
    const r = await reminders.updateOne(
      { v: doc.v, status: 'scheduled', _id: doc._id },
      { $set: { occurrenceAtMs: occ, dueAtMs: dueFor(doc, occ), pausedUntilMs: untilMs, lastDeferral: { reason: 'paused_by_member', atMs: nowMs }, updatedAtMs: nowMs }, $inc: { v: 1 } },
    );
    if (r.matched) paused += 1;
  }
  return paused;
}

/**
 * A withdrawn optional consent (shared/domain/consent/optional-consents.ts): the pending reminders of
 * one kind sent to the member stop, with `reason` recorded; what the team sends about them is untouched.
 */
export async function cancelKindForMember(deps: ControlDeps, memberId: string, kind: ReminderDoc['kind'], reason: string): Promise<number> {
  await ensureReminderIndexes(deps.store);
  return cancelWhere(deps, { kind, audience: 'member', memberId }, reason);
}

/** Consent withdrawal (PIPL): every pending reminder about the member stops. */
export async function cancelForMember(deps: ControlDeps, memberId: string, reason = 'consent_withdrawn'): Promise<number> {
  await ensureReminderIndexes(deps.store);
  return cancelWhere(deps, { memberId }, reason);
}
