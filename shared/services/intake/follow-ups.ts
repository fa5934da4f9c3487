import { DuplicateKeyError } from '../../errors';
import { intakeFollowUp } from '../../domain/health/intake-follow-up';
import { deriveTags } from '../../domain/health/tags';
import type { ScheduleEntry } from '../../domain/schedule/recurrence';
import type { Doc, DocumentStore } from '../../ports/document-store';
import { createMemberRepository } from '../members/member-repository';
import { createTagSync } from '../members/tag-sync';
import type { IntakeDeps } from './deps';
import { ensureIntakeIndexes } from './indexes';

/**
 * The low-cooperation path: a member who has not filled in the form is nudged on
 * days 1, 3, 7 and 14 after joining and marked low-cooperation after 21 days (rules in
 * shared/domain/health/intake-follow-up.ts). One record per member says where they stand; a run
 * (POST /api/intake/follow-ups/run, machine key) hands each due nudge to the reminder capability as
 * a one-off member reminder and marks the member when the three weeks are over.
 */
export const INTAKE_FOLLOW_UPS = 'intake_follow_ups';

export interface IntakeFollowUpDoc extends Doc {
  /** The member id. */
  _id: string;
  joinedAtMs: number;
  status: 'pending' | 'completed' | 'low_cooperation';
  /** Nudge slots served (the `nudgeNumber` of the last nudge). */
  nudgesSent: number;
  /** When the run should look at this member again. */
  nextCheckAtMs: number;
  updatedAtMs: number;
  lastNudgeAtMs?: number;
}

/** Nudges ask the member to act on something the team offered: an engagement reminder, not clinical. */
export const NUDGE_KIND = 'activity' as const;
const DAY_MS = 86_400_000;

/** Idempotent: the first join starts the clock, later joins (other staff, replays) change nothing. */
export async function startIntakeFollowUp(store: DocumentStore, memberId: string, joinedAtMs: number, nowMs: number): Promise<void> {
  try {
    await store.collection<IntakeFollowUpDoc>(INTAKE_FOLLOW_UPS).insert({
      _id: memberId,
      joinedAtMs,
      status: 'pending',
      nudgesSent: 0,
      nextCheckAtMs: joinedAtMs + DAY_MS,
      updatedAtMs: nowMs,
    });
  } catch (err) {
    if (!(err instanceof DuplicateKeyError)) throw err;
  }
}

export async function completeIntakeFollowUp(store: DocumentStore, memberId: string, nowMs: number): Promise<void> {
  await store.collection<IntakeFollowUpDoc>(INTAKE_FOLLOW_UPS).updateOne({ _id: memberId }, { $set: { status: 'completed', updatedAtMs: nowMs } });
}

export interface FollowUpRunResult {
  examined: number;
  nudged: number;
  markedLowCooperation: number;
  completed: number;
  failed: number;
}

export async function runDueFollowUps(deps: IntakeDeps, opts: { limit?: number } = {}): Promise<FollowUpRunResult> {
  const followUps = deps.store.collection<IntakeFollowUpDoc>(INTAKE_FOLLOW_UPS);
  const members = createMemberRepository(deps.store);
  await ensureIntakeIndexes(deps.store);
  const now = deps.clock.nowMs();
  const due = await followUps.find({ status: 'pending', nextCheckAtMs: { $lte: now } }, { sort: { nextCheckAtMs: 1, _id: 1 }, limit: opts.limit ?? 200 });
  const result: FollowUpRunResult = { examined: due.length, nudged: 0, markedLowCooperation: 0, completed: 0, failed: 0 };

  for (const doc of due) {
    try {
      await step(doc);
    } catch (err) {
      // One member's failure must not hold up the others; the record stays due and is retried.
      result.failed += 1;
      deps.log.warn('intake follow-up failed', { memberId: doc._id, error: err instanceof Error ? err.message : 'unknown' });
    }
  }
  return result;

  async function step(doc: IntakeFollowUpDoc): Promise<void> {
    const member = await members.get(doc._id);
    const guard = { _id: doc._id, status: 'pending', nudgesSent: doc.nudgesSent };
    if (!member || member.status !== 'active') {
      await followUps.updateOne(guard, { $set: { status: 'completed', updatedAtMs: now } });
      return;
    }
    const decision = intakeFollowUp(doc.joinedAtMs, member.formCompletedAtMs ?? null, doc.nudgesSent, now);
    switch (decision.action) {
      case 'none':
        if ((await followUps.updateOne(guard, { $set: { status: 'completed', updatedAtMs: now } })).matched) result.completed += 1;
        break;
      case 'wait':
        await followUps.updateOne(guard, { $set: { nextCheckAtMs: decision.nextCheckAtMs, updatedAtMs: now } });
        break;
      case 'nudge': {
        const entry: ScheduleEntry = { kind: NUDGE_KIND, title: decision.textZh, recurrence: { type: 'once' }, startAtMs: now, audience: 'member' };
        // Scheduled before the record moves on: the key makes a repeat after a crash harmless.
        await deps.scheduleReminders(doc._id, [entry], { idempotencyKeyPrefix: `intake-nudge:${doc._id}:${decision.nudgeNumber}` });
        const moved = await followUps.updateOne(guard, {
          $set: { nudgesSent: decision.nudgeNumber, nextCheckAtMs: decision.nextCheckAtMs, lastNudgeAtMs: now, updatedAtMs: now },
        });
        if (moved.matched) result.nudged += 1;
        break;
      }
      case 'mark_low_cooperation': {
        const moved = await followUps.updateOne(guard, { $set: { status: 'low_cooperation', updatedAtMs: now } });
        if (!moved.matched) break;
        await members.intakeLowCooperation(doc._id, now);
        result.markedLowCooperation += 1;
        const tags = deriveTags({ ...(member.scene && { scene: member.scene }), behaviour: { lowCooperation: true } });
        await createTagSync(deps).apply(doc._id, tags);
        break;
      }
    }
  }
}
