import type { DocumentStore } from '../../ports/document-store';
import { HELD_FOR_REVIEW } from './review-keys';
import { REMINDERS, type ReminderDoc } from './reminder-doc';

/**
 * A reviewer released a reminder the outbound review held (services/review/queue.ts): its waiting
 * occurrence is made due now, so the next dispatch run sends it through the channel it would have
 * taken, under the same caps and quiet hours; that run's review finds the release and lets it go.
 * Only a reminder still waiting on its review is touched, so a repeat changes nothing.
 */
export async function requeueHeldReminder(store: DocumentStore, reviewRef: string, nowMs: number): Promise<'queued' | 'failed'> {
  const reminderId = reviewRef.slice(0, reviewRef.lastIndexOf('#'));
  const r = await store
    .collection<ReminderDoc>(REMINDERS)
    .updateOne({ _id: reminderId, status: 'scheduled', 'lastDeferral.reason': HELD_FOR_REVIEW }, { $set: { dueAtMs: nowMs, updatedAtMs: nowMs }, $inc: { v: 1 } });
  return r.matched === 1 ? 'queued' : 'failed';
}
