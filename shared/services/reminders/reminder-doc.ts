import { createHash } from 'node:crypto';
import type { EncryptedField } from '../../ports/field-cipher';
import type { Channel } from '../../domain/reminders/channel-router';
import type { Recurrence, ReminderKind } from '../../domain/schedule/recurrence';
import type { FourRRole } from '../../domain/team/roles';
import type { Doc, DocumentStore } from '../../ports/document-store';

export const REMINDERS = 'reminders';
export const REMINDER_DEAD_LETTERS = 'reminder_dead_letters';

export const REMINDER_STATUSES = ['scheduled', 'leased', 'sent', 'failed', 'dead', 'cancelled'] as const;
export type ReminderStatus = (typeof REMINDER_STATUSES)[number];

/** Who receives it: the member, or a role of the member's 4R team (or a named staff userid). */
export type ReminderAudience = 'member' | FourRRole | 'staff';

/** 0 = emergencies and escalations, claimed before anything else; 1 = routine. */
export type ReminderPriority = 0 | 1;

/**
 * Number of shard slots. A reminder's slot is fixed at creation (hash of the member id); fan-out
 * workers take disjoint sets of slots, so two workers never touch the same member.
 */
export const SHARD_SLOTS = 64;

export interface ReminderError {
  code: string;
  errcode?: number | null;
  atMs: number;
}

/** Where one reminder series stands in the follow-up cadence (shared/domain/reminders/follow-up-cadence.ts, nextFollowUp). */
export interface CadenceState {
  ignoredCount: number;
  startedIgnoringAtMs: number | null;
}

export interface InFlight {
  /** occurrenceKey of the occurrence being sent. */
  occurrence: string;
  channel: Channel;
  atMs: number;
}

/**
 * One reminder series (a one-off is a series of one). `occurrenceAtMs` is the nominal instant of
 * the current occurrence (what the recurrence says); `dueAtMs` is when the dispatcher may next try it
 * (after quiet hours, caps and retry backoff). Title and content are encrypted (they can reveal a
 * condition: "请测量血糖"), bound to the member id (or the reminder id for pure staff reminders).
 */
export interface ReminderDoc extends Doc {
  kind: ReminderKind;
  audience: ReminderAudience;
  memberId?: string;
  /** Explicit staff recipients (escalations, notices); otherwise the member's team member in `audience`. */
  staffUserIds?: string[];
  title: EncryptedField;
  content?: EncryptedField;
  recurrence: Recurrence;
  /** Start of every_n_days / every_n_weeks cycles. */
  anchorAtMs: number;
  occurrenceAtMs: number;
  dueAtMs: number;
  /** No occurrence after this instant. */
  endsAtMs?: number;
  status: ReminderStatus;
  priority: ReminderPriority;
  emergency: boolean;
  attempts: number;
  lastError?: ReminderError | null;
  channel?: Channel;
  channelReason?: string;
  leaseId?: string;
  leaseUntilMs?: number;
  /**
   * The API a run routed this reminder to before handing it back unsent at its deadline (that API
   * had no send slot left). The next run starts it only while that API wants more reminders
   * (dispatch/run-loop.ts); any other write of the run removes it.
   */
  routedApi?: string;
  shard: number;
  cadence?: CadenceState;
  inFlight?: InFlight;
  sentOccurrence?: string;
  /**
   * The occurrence the dispatcher last finished with, sent or given up (occurrenceAtMs has moved on
   * to the next one by then): a plan task stays open for a while after it fell due
   * (shared/domain/health/plan-tasks.ts, completionWindowMs).
   */
  lastOccurrenceAtMs?: number;
  lastSentAtMs?: number;
  sentCount: number;
  source: 'api' | 'plan' | 'renewal' | 'sla' | 'cadence' | 'content' | 'offer';
  createdBy: string;
  createdAtMs: number;
  updatedAtMs: number;
  cancelledReason?: string;
  /** The member paused this kind in 「我的提醒」 until then. */
  pausedUntilMs?: number;
  /** Why the last attempt was put off (quiet hours, daily cap, duplicate content, rate limit). */
  lastDeferral?: { reason: string; atMs: number };
  /** Bumped by every write: the dispatcher claims by compare-and-set on it. */
  v: number;
}

/** Why an occurrence ended up with ops: out of retries, a final error, or an unknown outcome. */
export type DeadLetterReason = 'retries_exhausted' | 'final_error' | 'outcome_unknown' | 'no_channel';

/** No titles or content: ops read this list and ops see no health content. */
export interface DeadLetterDoc extends Doc {
  reminderId: string;
  occurrenceAtMs: number;
  memberId?: string;
  kind: ReminderKind;
  audience: ReminderAudience;
  channel?: Channel;
  reason: DeadLetterReason;
  code: string;
  errcode?: number | null;
  attempts: number;
  atMs: number;
}

/** One reminder by id, for a capability that made it and follows its fate (offers, plan tasks); null when there is none. */
export const reminderById = (store: DocumentStore, reminderId: string): Promise<ReminderDoc | null> => store.collection<ReminderDoc>(REMINDERS).get(reminderId);

export const occurrenceKey = (doc: Pick<ReminderDoc, '_id' | 'occurrenceAtMs'>): string => `${doc._id}@${doc.occurrenceAtMs}`;

export function shardOf(key: string): number {
  return createHash('sha256').update(key).digest().readUInt32BE(0) % SHARD_SLOTS;
}

export const isRecurring = (doc: Pick<ReminderDoc, 'recurrence' | 'cadence'>): boolean => doc.recurrence.type !== 'once' || doc.cadence !== undefined;

const indexed = new WeakMap<DocumentStore, Promise<void>>();

/**
 * Indexes the dispatcher relies on. Due lookup: equality on status and priority, range on dueAtMs
 * — a range scan whose cost follows the due count, not the member count. A fan-out worker adds
 * `shard $in […]`: with shard in the index before dueAtMs, MongoDB reads only the worker's slots
 * (merging their sorted ranges) instead of fetching every due reminder and dropping the others'.
 * CloudBase: the console must mirror these (CLOUDBASE_INDEXES in shared/adapters/store/cloudbase-indexes.ts, checked at start).
 *
 * The embedded store (dev, tests, bench) cannot use a compound index for a range, and it keeps one
 * array per index key that it filters linearly on every update, so an index on a key thousands of
 * reminders share (status) would make each status change O(n). It gets single-field range indexes
 * instead (`ranged`: distinct keys even when thousands are due at the same instant): dueAtMs (the due
 * lookup reads only what is due, then checks status and priority) and leaseUntilMs, which only leased
 * reminders carry. Filters list `_id` last because nedb
 * plans with the last indexed equality field of a filter.
 */
export function ensureReminderIndexes(store: DocumentStore): Promise<void> {
  let done = indexed.get(store);
  if (!done) {
    const reminders = store.collection(REMINDERS);
    const ranged =
      store.kind === 'embedded'
        ? [reminders.ensureIndex({ fields: ['dueAtMs'], ranged: true }), reminders.ensureIndex({ fields: ['leaseUntilMs'], ranged: true })]
        : [
            reminders.ensureIndex({ fields: ['status', 'priority', 'dueAtMs'] }),
            reminders.ensureIndex({ fields: ['status', 'priority', 'shard', 'dueAtMs'] }),
            reminders.ensureIndex({ fields: ['status', 'leaseUntilMs'] }),
          ];
    done = Promise.all([...ranged, reminders.ensureIndex({ fields: ['memberId'] }), store.collection(REMINDER_DEAD_LETTERS).ensureIndex({ fields: ['atMs'] })]).then(() => undefined);
    done.catch(() => indexed.delete(store));
    indexed.set(store, done);
  }
  return done;
}
