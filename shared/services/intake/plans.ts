import { DuplicateKeyError } from '../../errors';
import type { ScheduleEntry } from '../../domain/schedule/recurrence';
import type { RiskTier } from '../../domain/team/roles';
import type { ActiveAdjustment, Hold } from '../../domain/health/plan-adjustments';
import type { PlanCauseCode, PlanChangeRecord } from '../../domain/health/plan-change-text';
import type { AuditActor } from '../../ports/audit-log';
import type { Collection, Doc, DocumentStore, Filter } from '../../ports/document-store';
import type { FieldCipher } from '../../ports/field-cipher';
import { PLAN_ENCRYPTED, PLAN_VERSION_ENCRYPTED } from './sensitive-fields';

export const PLANS = 'plans';
/** Every plan version the member had, with why it came (history for the member and the doctor). */
export const PLAN_VERSIONS = 'plan_versions';

/**
 * The idempotency prefix a plan version is scheduled under; the reminder capability keys each
 * entry `${prefix}:${index}` (createFromPlan), so a version's reminder ids follow from its entry
 * count. Revision 0 is the plan as built from profile `version`; revisions 1, 2, … are adjustments
 * and overrides of it (plan-adjustments.ts), each with reminders of its own.
 */
export const planKeyPrefix = (memberId: string, version: number, revision = 0): string => `plan:${memberId}:v${version}${revision > 0 ? `r${revision}` : ''}`;
const reminderIdsOf = (memberId: string, version: number, revision: number, count: number): string[] =>
  Array.from({ length: count }, (_, i) => `${planKeyPrefix(memberId, version, revision)}:${i}`);

/**
 * What a revision schedules anew: its recurring entries, in order, under its own prefix. The profile
 * plan's one-offs are not sent again (a revision carries their reminders), so a revision's
 * `reminderIds[k]` is the k-th recurring entry, not `entries[k]`.
 */
export const revisionEntriesToSchedule = (entries: readonly ScheduleEntry[]): ScheduleEntry[] => entries.filter((e) => e.recurrence.type !== 'once');

/** The profile plan's one-off reminders (ids by their index in the plan built from the profile): what a revision carries. */
export const carriedOneOffIds = (memberId: string, plan: Pick<PlanDoc, 'version' | 'base'>): string[] =>
  plan.base.flatMap((e, i) => (e.recurrence.type === 'once' ? [`${planKeyPrefix(memberId, plan.version, 0)}:${i}`] : []));

/**
 * Each reminder of the plan in force with the entry it was made from. A profile plan (revision 0)
 * scheduled every entry in order; a revision scheduled its recurring entries in order
 * (revisionEntriesToSchedule) and carries the profile plan's one-offs, made from `base`. Derived from
 * what every plan already stores, so plans revised before this existed read the same way.
 */
export function plannedReminders(memberId: string, plan: PlanDoc): { reminderId: string; entry: ScheduleEntry }[] {
  const ids = plan.reminderIds ?? [];
  const made = plan.revision === 0 ? plan.entries : revisionEntriesToSchedule(plan.entries);
  const own = ids.flatMap((reminderId, i) => (made[i] ? [{ reminderId, entry: made[i] }] : []));
  if (plan.revision === 0) return own;
  const oneOffs = plan.base.filter((e) => e.recurrence.type === 'once');
  return [...own, ...carriedOneOffIds(memberId, plan).map((reminderId, k) => ({ reminderId, entry: oneOffs[k] as ScheduleEntry }))];
}

/** Why a plan version exists. */
export type PlanCause = PlanCauseCode;

/** The member's personal plan (docs/prd.md §2.2.3), one doc per member, replaced by newer profile versions. */
export interface PlanDoc {
  _id: string;
  /** The profile version it was built from. */
  version: number;
  /** 0: as built from the profile; each adjustment or override of that profile's plan adds one. */
  revision: number;
  tier: RiskTier;
  /** What the member follows now: `base` with the active adjustments applied. */
  entries: ScheduleEntry[];
  /** The entries as built from the profile (adjustments always start from these). */
  base: ScheduleEntry[];
  adjustments: ActiveAdjustment[];
  /** Doctors' overrides holding a rule off. */
  holds: Hold[];
  builtAtMs: number;
  /** Set once the reminder capability accepted the entries. */
  scheduledAtMs?: number;
  /** The reminders made from these entries (cancelled when a newer plan replaces this one). */
  reminderIds?: string[];
}

/** One change a plan version made: an adjustment started or ended, or a doctor held a rule off (`weeks`). */
export type PlanChange = PlanChangeRecord;

/** One entry of the plan's history. `changes` and `entries` are encrypted at rest. */
export interface PlanVersionView {
  version: number;
  revision: number;
  atMs: number;
  cause: PlanCause;
  by: AuditActor;
  /** What changed and why (empty for a plan built from the profile). */
  changes: PlanChange[];
  entries: ScheduleEntry[];
}

type StoredPlan = Omit<PlanDoc, 'entries' | 'base' | 'adjustments' | 'holds' | 'revision'> &
  Doc & {
    entries: unknown;
    base?: unknown;
    adjustments?: unknown;
    holds?: unknown;
    /** Absent on plans built from the profile (and on every plan stored before revisions existed). */
    revision?: number;
    /** In clear, so the reminders of this version can be named without decrypting it. */
    entryCount?: number;
    /** Reminders of the versions this one replaced, until their cancellation is confirmed. */
    retiring?: string[];
    /**
     * The profile plan's one-off reminders, carried over by revisions (a revision does not send a
     * one-off again): retired with the plan by the next profile version, never by a revision.
     */
    carried?: string[];
    /** Moves with every write: a replacement compares it, so nothing recorded meanwhile is missed. */
    rev?: number;
  };

type StoredPlanVersion = Doc & { memberId: string; version: number; revision: number; atMs: number; cause: PlanCause; by: AuditActor; changes: unknown; entries: unknown };

export interface PlanRevision {
  entries: ScheduleEntry[];
  adjustments: ActiveAdjustment[];
  holds: Hold[];
  cause: Exclude<PlanCause, 'profile'>;
  changes: PlanVersionView['changes'];
  by: AuditActor;
  atMs: number;
  /** Reminder ids of the profile plan's one-off entries that stay as they are (not retired, not made again). */
  carry: string[];
}

export interface PlanStore {
  /**
   * Makes this version's plan the member's plan unless a newer one is there. `retired`: every
   * reminder of the plans it replaced — recorded ones and any their versions could have made —
   * which the caller cancels and then confirms with `settleRetired`. A newer profile version
   * replaces everything: adjustments and doctors' holds of the old one go with it.
   */
  replace(memberId: string, plan: Omit<PlanDoc, '_id' | 'revision' | 'base' | 'adjustments' | 'holds'>, by?: AuditActor): Promise<{ current: boolean; retired: string[] }>;
  /**
   * The next revision of the plan read as `from`, unless the plan moved meanwhile (a newer profile
   * version or another revision: `current` false, nothing written — evaluate again). `retired` as in
   * `replace`; the caller schedules the new entries under planKeyPrefix(memberId, version, revision).
   */
  revise(memberId: string, from: { version: number; revision: number }, next: PlanRevision): Promise<{ current: boolean; revision: number; retired: string[] }>;
  /** Drops cancelled reminders from the ones still to retire. */
  settleRetired(memberId: string, cancelled: readonly string[]): Promise<void>;
  /** False when a newer plan (or revision) replaced this one meanwhile (its reminders must then go). */
  markScheduled(memberId: string, version: number, atMs: number, reminderIds: string[], revision?: number): Promise<boolean>;
  get(memberId: string): Promise<PlanDoc | null>;
  /** The one-off reminders of profile version `version`'s plan that a revision of it carries (else none). */
  carriedReminders(memberId: string, version: number): Promise<string[]>;
  /** Version and reminder ids of the stored plan, without decrypting it. */
  scheduledReminders(memberId: string): Promise<{ version: number; revision: number; reminderIds: string[] } | null>;
  /** Every plan version the member had, newest first. */
  history(memberId: string, limit?: number): Promise<PlanVersionView[]>;
}

/** Enough for a burst of submissions racing for one member; past it something is wrong. */
const MAX_CAS_ATTEMPTS = 50;

const SYSTEM: AuditActor = { kind: 'system', id: 'intake' };
const versionId = (memberId: string, version: number, revision: number) => `${memberId}:v${version}r${revision}`;
const revisionFilter = (revision: number) => (revision > 0 ? revision : { $exists: false });

/** The plan store's collections and cipher: what each of its operations below works on. */
interface PlanState {
  plans: Collection<StoredPlan>;
  versions: Collection<StoredPlanVersion>;
  cipher: FieldCipher;
}

/** The compare-and-set filter: the plan exactly as it was read. */
const asRead = (doc: StoredPlan): Filter => ({ _id: doc._id, version: doc.version, rev: doc.rev ?? { $exists: false } });

const countOf = (cipher: FieldCipher, doc: StoredPlan): number => doc.entryCount ?? (cipher.decryptFields(doc, PLAN_ENCRYPTED, doc._id) as unknown as PlanDoc).entries.length;

/** Every reminder the read plan stands for: still retiring, recorded, and any its version could have made. */
const retiredBy = (cipher: FieldCipher, memberId: string, doc: StoredPlan): string[] => [
  ...new Set([...(doc.retiring ?? []), ...(doc.reminderIds ?? []), ...reminderIdsOf(memberId, doc.version, doc.revision ?? 0, countOf(cipher, doc))]),
];

async function recordVersion(s: PlanState, memberId: string, v: Omit<PlanVersionView, 'entries' | 'changes'> & { entries: ScheduleEntry[]; changes: PlanVersionView['changes'] }): Promise<void> {
  const doc = s.cipher.encryptFields({ _id: versionId(memberId, v.version, v.revision), memberId, ...v }, PLAN_VERSION_ENCRYPTED, memberId) as StoredPlanVersion;
  const { _id, ...fields } = doc;
  await s.versions.updateOne({ _id }, { $set: fields }, { upsert: true });
}

/** PlanStore.replace: see the interface. */
async function replacePlan(s: PlanState, memberId: string, plan: Parameters<PlanStore['replace']>[1], by: AuditActor): ReturnType<PlanStore['replace']> {
  const { plans, cipher } = s;
  const sealed = cipher.encryptFields({ ...plan, base: plan.entries, adjustments: [], holds: [], _id: memberId }, PLAN_ENCRYPTED, memberId) as unknown as StoredPlan;
  const { _id, ...fields } = sealed;
  const record = () => recordVersion(s, memberId, { version: plan.version, revision: 0, atMs: plan.builtAtMs, cause: 'profile', by, changes: [], entries: plan.entries });
  for (let attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
    const doc = await plans.get(memberId);
    if (doc && doc.version >= plan.version) return { current: false, retired: [] };
    if (!doc) {
      try {
        await plans.insert({ ...sealed, entryCount: plan.entries.length, rev: 1 });
        await record();
        return { current: true, retired: [] };
      } catch (err) {
        if (!(err instanceof DuplicateKeyError)) throw err;
        continue;
      }
    }
    const retired = [...new Set([...retiredBy(cipher, memberId, doc), ...(doc.carried ?? [])])];
    const set = { ...fields, entryCount: plan.entries.length, retiring: retired, rev: (doc.rev ?? 0) + 1 };
    const moved = await plans.updateOne(asRead(doc), { $set: set, $unset: { scheduledAtMs: true, reminderIds: true, revision: true, carried: true } });
    if (moved.matched) {
      await record();
      return { current: true, retired };
    }
  }
  throw new Error(`plan of ${_id}: too many concurrent replacements`);
}

/** PlanStore.revise: see the interface. */
async function revisePlan(s: PlanState, memberId: string, from: { version: number; revision: number }, next: PlanRevision): ReturnType<PlanStore['revise']> {
  const { plans, cipher } = s;
  const revision = from.revision + 1;
  const sealed = cipher.encryptFields({ entries: next.entries, adjustments: next.adjustments, holds: next.holds }, PLAN_ENCRYPTED, memberId);
  for (let attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
    const doc = await plans.get(memberId);
    if (!doc || doc.version !== from.version || (doc.revision ?? 0) !== from.revision) return { current: false, revision, retired: [] };
    const carried = [...new Set([...(doc.carried ?? []), ...next.carry])];
    const keep = new Set(carried);
    const retired = retiredBy(cipher, memberId, doc).filter((id) => !keep.has(id));
    const set = { ...sealed, revision, entryCount: next.entries.length, retiring: retired, carried, rev: (doc.rev ?? 0) + 1 };
    const moved = await plans.updateOne(asRead(doc), { $set: set, $unset: { scheduledAtMs: true, reminderIds: true } });
    if (moved.matched) {
      await recordVersion(s, memberId, { version: from.version, revision, atMs: next.atMs, cause: next.cause, by: next.by, changes: next.changes, entries: next.entries });
      return { current: true, revision, retired };
    }
  }
  throw new Error(`plan of ${memberId}: too many concurrent revisions`);
}

/** PlanStore.settleRetired: drops cancelled reminders from the ones still to retire. */
async function settleRetired({ plans }: PlanState, memberId: string, cancelled: readonly string[]): Promise<void> {
  const done = new Set(cancelled);
  for (let attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
    const doc = await plans.get(memberId);
    if (!doc?.retiring?.some((id) => done.has(id))) return;
    const left = doc.retiring.filter((id) => !done.has(id));
    if ((await plans.updateOne(asRead(doc), { $set: { retiring: left, rev: (doc.rev ?? 0) + 1 } })).matched) return;
  }
}

/** PlanStore.get: the plan in force, decrypted, without the store's bookkeeping. */
async function readPlan({ plans, cipher }: PlanState, memberId: string): Promise<PlanDoc | null> {
  const doc = await plans.get(memberId);
  if (!doc) return null;
  const open = cipher.decryptFields(doc, PLAN_ENCRYPTED, memberId) as unknown as Omit<PlanDoc, 'revision' | 'base' | 'adjustments' | 'holds'> & Partial<PlanDoc> & Record<string, unknown>;
  const { entryCount: _c, retiring: _r, rev: _v, carried: _k, ...plan } = open;
  return { ...plan, revision: open.revision ?? 0, base: open.base ?? open.entries, adjustments: open.adjustments ?? [], holds: open.holds ?? [] } as PlanDoc;
}

/**
 * Plan replacement is keyed by version under compare-and-set on `rev`: the writer that moves the
 * plan from version A to B read A's document exactly as it stood (with whatever reminder ids A had
 * recorded by then), so A's reminders are always someone's to cancel — B's, or A's own when it finds
 * itself replaced before recording them. Reading the previous plan and saving the new one as two
 * unrelated steps lost them: four concurrent forms left two plans' reminders live for good.
 *
 * Revisions (adjustments, overrides) move the plan by the same compare-and-set, from (version,
 * revision) to (version, revision + 1), retiring the read revision's reminders the same way — all but
 * the profile plan's one-offs, which a revision carries over instead of sending again (`carried`); a
 * profile replacement retires whichever revision it finds, carried one-offs included. So every revision's reminders are
 * someone's to cancel too, and markScheduled matches version and revision, so a writer replaced
 * before recording its ids cancels them itself.
 *
 * The history (plan_versions) is written after the move succeeded, keyed by version and revision:
 * a crash between the two leaves one version without its history entry, never a history entry
 * for a version that never was.
 */
export function createPlanStore(store: DocumentStore, cipher: FieldCipher): PlanStore {
  const s: PlanState = { plans: store.collection<StoredPlan>(PLANS), versions: store.collection<StoredPlanVersion>(PLAN_VERSIONS), cipher };
  const { plans, versions } = s;

  return {
    replace: (memberId, plan, by = SYSTEM) => replacePlan(s, memberId, plan, by),
    revise: (memberId, from, next) => revisePlan(s, memberId, from, next),
    settleRetired: (memberId, cancelled) => settleRetired(s, memberId, cancelled),

    async markScheduled(memberId, version, atMs, reminderIds, revision = 0) {
      const filter = { _id: memberId, version, revision: revisionFilter(revision) };
      return (await plans.updateOne(filter, { $set: { scheduledAtMs: atMs, reminderIds }, $inc: { rev: 1 } })).matched === 1;
    },

    async carriedReminders(memberId, version) {
      const doc = await plans.get(memberId);
      return doc?.version === version ? (doc.carried ?? []) : [];
    },

    async scheduledReminders(memberId) {
      const doc = await plans.get(memberId);
      return doc ? { version: doc.version, revision: doc.revision ?? 0, reminderIds: doc.reminderIds ?? [] } : null;
    },

    get: (memberId) => readPlan(s, memberId),

    async history(memberId, limit = 50) {
      const docs = await versions.find({ memberId }, { sort: { atMs: -1, revision: -1 }, limit });
      return docs.map((d) => {
        const open = cipher.decryptFields(d, PLAN_VERSION_ENCRYPTED, memberId);
        return { version: open.version, revision: open.revision, atMs: open.atMs, cause: open.cause, by: open.by, changes: open.changes as PlanVersionView['changes'], entries: open.entries as ScheduleEntry[] };
      });
    },
  };
}
