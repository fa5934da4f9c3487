import { DuplicateKeyError, NotFoundError, ValidationError } from '../../errors';
import { localParts } from '../../domain/reminders/shanghai-time';
import type { AuditActor } from '../../ports/audit-log';
import type { Doc } from '../../ports/document-store';
import type { Member } from '../members/member';
import { onCallStaff } from '../team/roster';
import type { IntakeDeps } from './deps';
import { RED_FLAG_LABELS_ZH, redFlagOf, type RedFlagCode } from './red-flags';
import { parseStrict, ReadingSchema, type ReadingInput } from './schemas';
import { READING_ENCRYPTED } from './sensitive-fields';
import { ensureIntakeIndexes } from './indexes';
import { memberForHealthRecord } from './member-gate';
import { memberPageUrl } from '../../domain/team/staff-pages';
import { answerPlanTask, readingEvidence } from './plan-task-evidence';
import { createOutcomeEventLog } from '../outcomes/outcome-events';

export const READINGS = 'readings';

const MAX_FUTURE_MS = 5 * 60_000;
const MAX_AGE_MS = 366 * 86_400_000;
/** WeCom's duplicate check (≤ 4 h) makes resending the same alert after a timeout harmless. */
const ALERT_DEDUPE_WINDOW_S = 4 * 3600;

export type AlertStatus = 'pending' | 'sent' | 'failed' | 'no_recipient';

export interface ReadingDoc extends Doc {
  _id: string;
  memberId: string;
  readingId: string;
  type: ReadingInput['type'];
  source: ReadingInput['source'];
  deviceId?: string;
  measuredAtMs: number;
  receivedAtMs: number;
  /** Encrypted: the numbers. */
  value: unknown;
  note?: unknown;
  redFlag: RedFlagCode | null;
  alert?: { status: AlertStatus; to?: string[]; msgid?: string; atMs: number };
  submittedBy: AuditActor;
}

export interface ReadingResult {
  readingId: string;
  type: ReadingInput['type'];
  measuredAtMs: number;
  redFlag: RedFlagCode | null;
  alert: AlertStatus | null;
  /** True when this reading id was already stored (nothing new was stored). */
  duplicate: boolean;
  /** Points the upload earned (0 at the day's cap, for a resend, or when staff entered it). */
  pointsAwarded: number;
}

/** Readings the plan-adjustment rules look at (shared/domain/health/plan-adjustments.ts). */
const ADAPTIVE_TYPES: ReadonlySet<ReadingInput['type']> = new Set(['blood_pressure', 'fasting_glucose']);

const readingDocId = (memberId: string, readingId: string) => `${memberId}:${readingId}`;

function valueOf(r: ReadingInput): Record<string, number> {
  switch (r.type) {
    case 'blood_pressure':
      return { systolic: r.systolic, diastolic: r.diastolic, ...(r.pulse !== undefined && { pulse: r.pulse }) };
    case 'fasting_glucose':
    case 'postprandial_glucose':
      return { mmolL: r.mmolL };
    case 'weight':
      return { kg: r.kg };
    case 'steps':
      return { count: r.count };
  }
}

const two = (n: number) => String(n).padStart(2, '0');
const shanghaiText = (ms: number) => {
  const p = localParts(ms);
  return `${p.year}-${two(p.month)}-${two(p.day)} ${two(p.hour)}:${two(p.minute)}`;
};

/**
 * Stores a reading once per client reading id. A red-flag reading alerts the member's family doctor
 * at once by app message (message/send) — without the value or the member's name, only what kind of
 * reading it is and a link to the record, because app messages stay on phones. Without an assigned
 * doctor, the on-call doctors are alerted. A failed alert is retried when the client resends the
 * same reading id. A new reading completes the plan task it answers (plan-task-evidence.ts).
 */
export async function submitReading(deps: IntakeDeps, memberId: string, body: unknown, actor: AuditActor): Promise<ReadingResult> {
  const reading = parseStrict(ReadingSchema, body, 'reading');
  const now = deps.clock.nowMs();
  if (reading.measuredAtMs > now + MAX_FUTURE_MS || reading.measuredAtMs < now - MAX_AGE_MS) {
    throw new ValidationError('invalid reading: measuredAtMs must be within the last year and not in the future', [
      { field: 'measuredAtMs', message: 'must be within the last year and not in the future' },
    ]);
  }
  const member = await memberForHealthRecord(deps, memberId);

  const readings = deps.store.collection<ReadingDoc>(READINGS);
  const redFlag = redFlagOf(reading);
  const doc: ReadingDoc = {
    _id: readingDocId(memberId, reading.readingId),
    memberId,
    readingId: reading.readingId,
    type: reading.type,
    source: reading.source,
    ...(reading.deviceId !== undefined && { deviceId: reading.deviceId }),
    measuredAtMs: reading.measuredAtMs,
    receivedAtMs: now,
    value: valueOf(reading),
    ...(reading.note !== undefined && { note: reading.note }),
    redFlag,
    ...(redFlag && { alert: { status: 'pending' as const, atMs: now } }),
    submittedBy: actor,
  };

  let stored = doc;
  let duplicate = false;
  try {
    await readings.insert(deps.cipher.encryptFields(doc, READING_ENCRYPTED, memberId));
  } catch (err) {
    if (!(err instanceof DuplicateKeyError)) throw err;
    duplicate = true;
    stored = (await readings.get(doc._id)) ?? doc;
  }
  // The kind only, never the value (shared/domain/outcomes/events.ts); a resent reading id records nothing new.
  await createOutcomeEventLog(deps.store).record({ type: 'reading_uploaded', memberId, key: stored.readingId, atMs: stored.receivedAtMs, data: { kind: stored.type } });

  let alert = stored.alert?.status ?? null;
  if (stored.redFlag && (alert === 'pending' || alert === 'failed')) {
    alert = await alertDoctor(deps, member, stored);
  }
  // After the doctor's alert: a blood-pressure reading answers the blood-pressure task it was measured for, and so on.
  // Only the first time it is stored: one reading never completes a second task.
  if (!duplicate) await answerPlanTask(deps, memberId, readingEvidence(doc.type), doc.measuredAtMs);
  // What follows is idempotent and runs for a resend too, so a call that failed or timed out after the
  // insert loses none of it: the client resends the same reading id and gets the rest.
  // A high glucose reading is a moment of care for offers (shared/domain/offers/rules.ts); the same
  // red-flag line that alerts the doctor decides it. One offer per moment: the reading id is its ref.
  if (stored.redFlag === 'glucose_high' && deps.onMoment) {
    await deps.onMoment({ memberId, event: 'glucose_high_reading', ref: stored.readingId });
  }
  // docs/prd.md §2.5.2: uploading health data earns points (rule reading_uploaded: 5 points, 3 a day) when the
  // member uploads it themself — a reading staff enter for them is not the member's healthy action. Once per
  // reading (the key names it, so a resend credits nothing twice); a points failure never loses the reading.
  let pointsAwarded = 0;
  if (stored.submittedBy.kind === 'member' && deps.awardPoints) {
    try {
      pointsAwarded = await deps.awardPoints(memberId, 'reading_uploaded', `intake:reading:${stored.readingId}`, `intake:reading_uploaded:${memberId}:${stored.readingId}`);
    } catch (err) {
      deps.log.warn('reading points not awarded', { memberId, error: err instanceof Error ? err.message : 'unknown' });
    }
  }
  // Plans that respond to data (plan-adaptation.ts): a BP or fasting-glucose reading may change the
  // plan. The reading is stored whatever happens there; the daily run evaluates again.
  if (ADAPTIVE_TYPES.has(stored.type) && deps.evaluatePlan) {
    await deps.evaluatePlan(memberId).catch((err: unknown) => deps.log.warn('plan evaluation failed', { memberId, error: err instanceof Error ? err.message : 'unknown' }));
  }
  return { readingId: stored.readingId, type: stored.type, measuredAtMs: stored.measuredAtMs, redFlag: stored.redFlag, alert, duplicate, pointsAwarded };
}

async function alertDoctor(deps: IntakeDeps, member: Member, reading: ReadingDoc): Promise<AlertStatus> {
  const readings = deps.store.collection<ReadingDoc>(READINGS);
  const doctor = member.team.family_doctor;
  const to = doctor ? [doctor] : (await onCallStaff(deps.store, 'family_doctor')).map((s) => s._id);
  const now = deps.clock.nowMs();
  const base = { subjectMemberId: member._id, actor: { kind: 'system' as const, id: 'intake' }, action: 'reading.red_flag_alert' };
  if (!to.length) {
    await readings.updateOne({ _id: reading._id }, { $set: { alert: { status: 'no_recipient', atMs: now } } });
    await deps.audit.append({ ...base, outcome: 'failed', reason: 'no_recipient' });
    deps.log.error('red-flag reading but no family doctor to alert', { memberId: member._id, readingId: reading.readingId });
    return 'no_recipient';
  }
  // The workbench's member page with this reading highlighted on the trend chart.
  const url = memberPageUrl(deps.config.PUBLIC_BASE_URL, member._id, reading.readingId);
  const flag = reading.redFlag as RedFlagCode;
  try {
    const res = await deps.wecom.sendAppMessage({
      touser: to,
      msgtype: 'textcard',
      textcard: {
        title: '会员读数红色预警',
        description: `<div class="gray">测量时间 ${shanghaiText(reading.measuredAtMs)}</div><div class="highlight">您负责的一位会员${RED_FLAG_LABELS_ZH[flag]}</div><div class="normal">请尽快查看记录并联系会员。</div>`,
        url,
        btntxt: '查看',
      },
      dedupeWindowS: ALERT_DEDUPE_WINDOW_S,
    });
    await readings.updateOne({ _id: reading._id }, { $set: { alert: { status: 'sent', to, msgid: res.msgid, atMs: now } } });
    await deps.audit.append({ ...base, outcome: 'done', meta: { readingId: reading.readingId, recipients: to.length, code: flag } });
    return 'sent';
  } catch (err) {
    await readings.updateOne({ _id: reading._id }, { $set: { alert: { status: 'failed', to, atMs: now } } });
    await deps.audit.append({ ...base, outcome: 'failed', reason: err instanceof Error ? err.name : 'error' });
    deps.log.error('red-flag alert failed', { memberId: member._id, readingId: reading.readingId, error: err instanceof Error ? err.message : 'unknown' });
    return 'failed';
  }
}

export interface ReadingView {
  readingId: string;
  type: ReadingInput['type'];
  source: ReadingInput['source'];
  measuredAtMs: number;
  value: Record<string, number>;
  note?: string;
  /** The red-flag alert this reading fired (null: none). */
  redFlag: RedFlagCode | null;
  redFlagLabelZh: string | null;
  /** How telling the doctor about it went (null: nothing to tell). */
  alert: AlertStatus | null;
}

export function readingView(deps: Pick<IntakeDeps, 'cipher'>, doc: ReadingDoc): ReadingView {
  const open = deps.cipher.decryptFields(doc, READING_ENCRYPTED, doc.memberId);
  return {
    readingId: open.readingId,
    type: open.type,
    source: open.source,
    measuredAtMs: open.measuredAtMs,
    value: open.value as Record<string, number>,
    ...(open.note !== undefined && { note: open.note as string }),
    redFlag: open.redFlag,
    redFlagLabelZh: open.redFlag ? RED_FLAG_LABELS_ZH[open.redFlag] : null,
    alert: open.alert?.status ?? null,
  };
}

/** Newest first. */
export async function listReadings(deps: Pick<IntakeDeps, 'store' | 'cipher'>, memberId: string, limit = 50): Promise<ReadingView[]> {
  await ensureIntakeIndexes(deps.store);
  const docs = await deps.store.collection<ReadingDoc>(READINGS).find({ memberId }, { sort: { measuredAtMs: -1, _id: 1 }, limit });
  return docs.map((d) => readingView(deps, d));
}

export async function getReading(deps: Pick<IntakeDeps, 'store' | 'cipher'>, memberId: string, readingId: string): Promise<ReadingView> {
  const doc = await deps.store.collection<ReadingDoc>(READINGS).get(readingDocId(memberId, readingId));
  if (!doc) throw new NotFoundError('reading');
  return readingView(deps, doc);
}
