import type { Channel } from '../../../domain/reminders/channel-router';
import type { Filter, Update } from '../../../ports/document-store';
import { occurrenceKey, type ReminderDoc } from '../reminder-doc';
import type { RunState } from './run-state';

/*
 * The lease on a claimed reminder. A run claims a due reminder by compare-and-set on its version
 * (`status` scheduled → leased, `leaseUntilMs`); every later write of the run is conditional on still
 * holding that lease, so a run that overran its lease (another run reclaimed the reminder) can no
 * longer record anything over the other run's work.
 */

/** The filter of every write on a claimed reminder: still leased, by this claim. */
const held = (doc: ReminderDoc): Filter => ({ status: 'leased', leaseId: doc.leaseId ?? null, _id: doc._id });
const RELEASE: Update['$unset'] = { leaseId: true, leaseUntilMs: true, inFlight: true, routedApi: true };

/** Due reminders, urgent first, then expired leases (a crashed run's), then routine ones; at most `limit`. */
export async function findDue(run: RunState, nowMs: number, limit: number): Promise<ReminderDoc[]> {
  const { reminders, shardFilter } = run;
  const due = (priority: 0 | 1, n: number) =>
    n <= 0 ? Promise.resolve([]) : reminders.find({ status: 'scheduled', priority, dueAtMs: { $lte: nowMs }, ...shardFilter }, { sort: { dueAtMs: 1 }, limit: n });
  const urgent = await due(0, limit);
  const expiredLimit = limit - urgent.length;
  const expired = run.expiredLeasesLeft && expiredLimit > 0 ? await reminders.find({ status: 'leased', leaseUntilMs: { $lt: nowMs }, ...shardFilter }, { sort: { leaseUntilMs: 1 }, limit: expiredLimit }) : [];
  if (expired.length < expiredLimit) run.expiredLeasesLeft = false;
  const routine = await due(1, limit - urgent.length - expired.length);
  return [...urgent, ...expired, ...routine];
}

/** Takes the lease on a reminder as it was read; null when another run changed it first. */
export async function claim(run: RunState, doc: ReminderDoc, nowMs: number): Promise<ReminderDoc | null> {
  const leaseId = `${run.runId}.${(run.claimSeq += 1)}`;
  const leaseUntilMs = nowMs + run.settings.leaseMs;
  const r = await run.reminders.updateOne({ v: doc.v, _id: doc._id }, { $set: { status: 'leased', leaseId, leaseUntilMs, updatedAtMs: nowMs }, $inc: { v: 1 } });
  return r.matched ? { ...doc, status: 'leased', leaseId, leaseUntilMs, v: doc.v + 1 } : null;
}

/** Records `set` and gives the lease up, in one write. False: the lease was lost first (logged). */
export async function write(run: RunState, doc: ReminderDoc, set: Record<string, unknown>, extra: Omit<Update, '$set'> = {}): Promise<boolean> {
  run.checkCrash();
  // A field written here is not also removed (routedApi on a release).
  const unset = Object.fromEntries(Object.entries({ ...RELEASE, ...extra.$unset }).filter(([k]) => !(k in set)));
  const r = await run.reminders.updateOne(held(doc), {
    $set: { ...set, updatedAtMs: run.clock.nowMs() },
    $unset: unset,
    $inc: { v: 1, ...extra.$inc },
  });
  if (!r.matched) run.deps.log.warn('reminder lease lost before its outcome was recorded', { reminderId: doc._id, runId: run.runId });
  return r.matched === 1;
}

/** Handed back unprocessed: due again as it was, with the API it waited for if it got that far. */
export async function release(run: RunState, doc: ReminderDoc): Promise<void> {
  if (await write(run, doc, { status: 'scheduled', ...(doc.routedApi !== undefined && { routedApi: doc.routedApi }) })) run.report.released += 1;
}

/** Put off to `dueAtMs` without counting an attempt (quiet hours, anti-spam rules, a blocked API). */
export async function defer(run: RunState, doc: ReminderDoc, dueAtMs: number, reason: string): Promise<void> {
  if (await write(run, doc, { status: 'scheduled', dueAtMs, occurrenceAtMs: doc.occurrenceAtMs, lastDeferral: { reason, atMs: run.clock.nowMs() } })) run.report.deferred += 1;
}

export async function cancel(run: RunState, doc: ReminderDoc, reason: string): Promise<void> {
  if (await write(run, doc, { status: 'cancelled', cancelledReason: reason })) run.report.cancelled += 1;
}

/**
 * Marks the occurrence in flight on `channel` right before its WeCom call, keeping the lease: a run
 * that dies after this leaves the mark, and the next run does not resend (outcomes.ts,
 * recordInterrupted). `crashPoint` false: the caller checked for a crash itself (a mass task marks
 * all its members and calls as one step).
 */
export async function markInFlight(run: RunState, doc: ReminderDoc, channel: Channel, crashPoint = true): Promise<boolean> {
  if (crashPoint) run.checkCrash();
  const nowMs = run.clock.nowMs();
  const r = await run.reminders.updateOne(held(doc), {
    $set: { inFlight: { occurrence: occurrenceKey(doc), channel, atMs: nowMs }, occurrenceAtMs: doc.occurrenceAtMs, updatedAtMs: nowMs },
    $inc: { v: 1 },
  });
  return r.matched === 1;
}

/**
 * The channel tried was refused without delivering: drop its in-flight mark, so a crash before
 * the next channel's send is not mistaken for a send that may have arrived. False: lease lost.
 */
export async function clearInFlight(run: RunState, doc: ReminderDoc): Promise<boolean> {
  run.checkCrash();
  const r = await run.reminders.updateOne(held(doc), { $unset: { inFlight: true }, $set: { updatedAtMs: run.clock.nowMs() }, $inc: { v: 1 } });
  return r.matched === 1;
}
