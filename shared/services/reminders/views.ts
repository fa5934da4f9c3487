import type { FieldCipher } from '../../ports/field-cipher';
import type { Recurrence, ReminderKind } from '../../domain/schedule/recurrence';
import { decryptText, shanghaiLabel } from './content';
import type { DeadLetterDoc, ReminderAudience, ReminderDoc, ReminderError, ReminderStatus } from './reminder-doc';

/** A reminder as its member, their clinicians or the machine see it (title decrypted). */
export interface ReminderView {
  id: string;
  kind: ReminderKind;
  audience: ReminderAudience;
  memberId?: string;
  title: string;
  content?: string;
  recurrence: Recurrence;
  status: ReminderStatus;
  /** Next attempt, UTC epoch ms and Shanghai wall clock. */
  dueAtMs: number;
  dueAtLocal: string;
  emergency: boolean;
  cadence?: 'follow_up';
  attempts: number;
  lastError: ReminderError | null;
  channel: string | null;
  channelReason: string | null;
  sentCount: number;
  lastSentAtMs: number | null;
  cancelledReason?: string;
  pausedUntilMs?: number;
  createdAtMs: number;
}

export function reminderView(cipher: FieldCipher, doc: ReminderDoc): ReminderView {
  const text = decryptText(cipher, doc);
  return {
    id: doc._id,
    kind: doc.kind,
    audience: doc.audience,
    ...(doc.memberId !== undefined && { memberId: doc.memberId }),
    title: text.title,
    ...(text.content !== undefined && { content: text.content }),
    recurrence: doc.recurrence,
    status: doc.status,
    dueAtMs: doc.dueAtMs,
    dueAtLocal: shanghaiLabel(doc.dueAtMs),
    emergency: doc.emergency,
    ...(doc.cadence && { cadence: 'follow_up' as const }),
    attempts: doc.attempts,
    lastError: doc.lastError ?? null,
    channel: doc.channel ?? null,
    channelReason: doc.channelReason ?? null,
    sentCount: doc.sentCount,
    lastSentAtMs: doc.lastSentAtMs ?? null,
    ...(doc.cancelledReason !== undefined && { cancelledReason: doc.cancelledReason }),
    ...(doc.pausedUntilMs !== undefined && doc.status === 'scheduled' && { pausedUntilMs: doc.pausedUntilMs }),
    createdAtMs: doc.createdAtMs,
  };
}

/** For ops: identifiers, channel and error codes; no title or content. */
export interface DeadLetterView {
  id: string;
  reminderId: string;
  memberId?: string;
  kind: ReminderKind;
  audience: ReminderAudience;
  channel: string | null;
  reason: DeadLetterDoc['reason'];
  code: string;
  errcode: number | null;
  attempts: number;
  occurrenceAtMs: number;
  atMs: number;
}

export const deadLetterView = (d: DeadLetterDoc): DeadLetterView => ({
  id: d._id,
  reminderId: d.reminderId,
  ...(d.memberId !== undefined && { memberId: d.memberId }),
  kind: d.kind,
  audience: d.audience,
  channel: d.channel ?? null,
  reason: d.reason,
  code: d.code,
  errcode: d.errcode ?? null,
  attempts: d.attempts,
  occurrenceAtMs: d.occurrenceAtMs,
  atMs: d.atMs,
});
