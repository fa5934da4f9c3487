import { randomUUID } from 'node:crypto';
import { firstOccurrence, validateRecurrence } from '../../domain/reminders/next-occurrence';
import type { ScheduleEntry } from '../../domain/schedule/recurrence';
import { ConflictError, DuplicateKeyError } from '../../errors';
import type { AppDeps } from '../../runtime/deps';
import { assertActiveStatus } from '../access/refusals';
import { parseInput } from '../../validation';
import { encryptText } from './content';
import { dueFor } from './occurrences';
import { ensureReminderIndexes, REMINDERS, shardOf, type ReminderDoc } from './reminder-doc';
import { CreateReminderSchema, type CreateReminderInput } from './schemas';

/** What creating a reminder needs (every part of the reminder service that schedules one passes it on). */
export type CreationDeps = Pick<AppDeps, 'store' | 'clock' | 'members' | 'cipher'>;

/** Who asked for a reminder (recorded, never shown to members). */
export type CreatedBy = string;

/**
 * Nothing new is scheduled to or about a member who withdrew consent or was erased: 409
 * `member_not_active` (as points answers), before anything is stored. The dispatcher would cancel
 * such a reminder anyway; refusing here tells the caller. An id with no member record yet passes
 * (the dispatcher cancels it as `member_unknown` if nobody joins under it). SLA escalations are
 * exempt: they tell staff about a ticket already raised — a non-member's emergency included.
 */
export async function assertMemberActive(deps: Pick<CreationDeps, 'members'>, memberId: string | undefined, kind?: ReminderDoc['kind']): Promise<void> {
  if (memberId === undefined || kind === 'sla_escalation') return;
  const member = await deps.members.get(memberId);
  if (member) assertActiveStatus(member, `no reminders are scheduled for a member whose status is ${member.status}`);
}

/** Creates one reminder; the same idempotency key returns the first one (201 vs 200 at the edge). */
export async function createReminder(
  deps: CreationDeps,
  raw: CreateReminderInput,
  createdBy: CreatedBy = 'system',
  source: ReminderDoc['source'] = 'api',
): Promise<{ reminder: ReminderDoc; created: boolean }> {
  const input = parseInput(CreateReminderSchema, raw, 'reminder');
  validateRecurrence(input.recurrence);
  await assertMemberActive(deps, input.memberId, input.kind);
  await ensureReminderIndexes(deps.store);
  const nowMs = deps.clock.nowMs();
  const startAtMs = input.startAtMs ?? nowMs;
  const occurrenceAtMs = input.cadence ? startAtMs : firstOccurrence(input.recurrence, startAtMs);
  const _id = input.idempotencyKey ?? `rem_${randomUUID()}`;
  const partial = { kind: input.kind, emergency: input.emergency };
  const doc: ReminderDoc = {
    _id,
    kind: input.kind,
    audience: input.audience,
    ...(input.memberId !== undefined && { memberId: input.memberId }),
    ...(input.staffUserIds && { staffUserIds: input.staffUserIds }),
    ...encryptText(deps.cipher, { title: input.title, ...(input.content !== undefined && { content: input.content }) }, input.memberId ?? _id),
    recurrence: input.recurrence,
    anchorAtMs: startAtMs,
    occurrenceAtMs,
    dueAtMs: dueFor(partial, occurrenceAtMs),
    ...(input.endsAtMs !== undefined && { endsAtMs: input.endsAtMs }),
    status: 'scheduled',
    priority: input.emergency || input.kind === 'sla_escalation' ? 0 : 1,
    emergency: input.emergency,
    attempts: 0,
    lastError: null,
    shard: shardOf(input.memberId ?? _id),
    ...(input.cadence && { cadence: { ignoredCount: 0, startedIgnoringAtMs: null } }),
    sentCount: 0,
    source,
    createdBy,
    createdAtMs: nowMs,
    updatedAtMs: nowMs,
    v: 0,
  };
  if (doc.endsAtMs !== undefined && occurrenceAtMs > doc.endsAtMs) {
    throw new ConflictError('reminder_ends_before_start', 'the first occurrence is after endsAtMs');
  }
  return insertOnce(deps, doc);
}

/** Stores a new reminder, or returns the one already stored under its key when it is the same reminder. */
async function insertOnce(deps: CreationDeps, doc: ReminderDoc): Promise<{ reminder: ReminderDoc; created: boolean }> {
  const reminders = deps.store.collection<ReminderDoc>(REMINDERS);
  try {
    await reminders.insert(doc);
    return { reminder: doc, created: true };
  } catch (err) {
    if (!(err instanceof DuplicateKeyError)) throw err;
    const existing = await reminders.get(doc._id);
    if (!existing || existing.memberId !== doc.memberId || existing.kind !== doc.kind || existing.audience !== doc.audience) {
      throw new ConflictError('idempotency_key_reused', 'this idempotency key belongs to a different reminder');
    }
    return { reminder: existing, created: false };
  }
}

/**
 * Intake's personal plan (or nudges) → reminders, one per entry, keyed `${prefix}:${index}` so
 * a replay of the same plan creates nothing new.
 */
export async function createFromPlan(
  deps: CreationDeps,
  memberId: string,
  entries: ScheduleEntry[],
  opts: { idempotencyKeyPrefix: string },
): Promise<{ created: number; existing: number; ids: string[] }> {
  await assertMemberActive(deps, memberId);
  let created = 0;
  const ids: string[] = [];
  for (const [i, entry] of entries.entries()) {
    const r = await createReminder(
      deps,
      {
        idempotencyKey: `${opts.idempotencyKeyPrefix}:${i}`,
        memberId,
        kind: entry.kind,
        audience: entry.audience,
        title: entry.title,
        recurrence: entry.recurrence,
        ...(entry.startAtMs !== undefined && { startAtMs: entry.startAtMs }),
        ...(entry.cadence && { cadence: entry.cadence }),
      },
      'plan',
      'plan',
    );
    if (r.created) created += 1;
    ids.push(r.reminder._id);
  }
  return { created, existing: entries.length - created, ids };
}
