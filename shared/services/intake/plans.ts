import { DuplicateKeyError } from '../../errors';
import type { ScheduleEntry } from '../../domain/schedule/recurrence';
import type { RiskTier } from '../../domain/team/roles';
import type { Doc, DocumentStore, Filter } from '../../ports/document-store';
import type { FieldCipher } from '../../ports/field-cipher';
import { PLAN_ENCRYPTED } from './sensitive-fields';

export const PLANS = 'plans';

/**
 * The idempotency prefix a version's plan is scheduled under; the reminder capability keys each
 * entry `${prefix}:${index}` (createFromPlan), so a version's reminder ids follow from its entry count.
 */
export const planKeyPrefix = (memberId: string, version: number): string => `plan:${memberId}:v${version}`;
const reminderIdsOf = (memberId: string, version: number, count: number): string[] => Array.from({ length: count }, (_, i) => `${planKeyPrefix(memberId, version)}:${i}`);

/** The member's personal plan (docs/prd.md §2.2.3), one doc per member, replaced by newer profile versions. */
export interface PlanDoc {
  _id: string;
  /** The profile version it was built from. */
  version: number;
  tier: RiskTier;
  entries: ScheduleEntry[];
  builtAtMs: number;
  /** Set once the reminder capability accepted the entries. */
  scheduledAtMs?: number;
  /** The reminders made from these entries (cancelled when a newer plan replaces this one). */
  reminderIds?: string[];
}

type StoredPlan = Omit<PlanDoc, 'entries'> &
  Doc & {
    entries: unknown;
    /** In clear, so the reminders of this version can be named without decrypting it. */
    entryCount?: number;
    /** Reminders of the versions this one replaced, until their cancellation is confirmed. */
    retiring?: string[];
    /** Moves with every write: a replacement compares it, so nothing recorded meanwhile is missed. */
    rev?: number;
  };

export interface PlanStore {
  /**
   * Makes this version's plan the member's plan unless a newer one is there. `retired`: every
   * reminder of the plans it replaced — recorded ones and any their versions could have made —
   * which the caller cancels and then confirms with `settleRetired`.
   */
  replace(memberId: string, plan: Omit<PlanDoc, '_id'>): Promise<{ current: boolean; retired: string[] }>;
  /** Drops cancelled reminders from the ones still to retire. */
  settleRetired(memberId: string, cancelled: readonly string[]): Promise<void>;
  /** False when a newer plan replaced this version meanwhile (its reminders must then go). */
  markScheduled(memberId: string, version: number, atMs: number, reminderIds: string[]): Promise<boolean>;
  get(memberId: string): Promise<PlanDoc | null>;
  /** Version and reminder ids of the stored plan, without decrypting it. */
  scheduledReminders(memberId: string): Promise<{ version: number; reminderIds: string[] } | null>;
}

/** Enough for a burst of submissions racing for one member; past it something is wrong. */
const MAX_CAS_ATTEMPTS = 50;

/**
 * Plan replacement is keyed by version under compare-and-set on `rev`: the writer that moves the
 * plan from version A to B read A's document exactly as it stood (with whatever reminder ids A had
 * recorded by then), so A's reminders are always someone's to cancel — B's, or A's own when it finds
 * itself replaced before recording them. Reading the previous plan and saving the new one as two
 * unrelated steps lost them: four concurrent forms left two plans' reminders live for good.
 */
export function createPlanStore(store: DocumentStore, cipher: FieldCipher): PlanStore {
  const plans = store.collection<StoredPlan>(PLANS);
  const asRead = (doc: StoredPlan): Filter => ({ _id: doc._id, version: doc.version, rev: doc.rev ?? { $exists: false } });
  const countOf = (doc: StoredPlan): number =>
    doc.entryCount ?? (cipher.decryptFields(doc, PLAN_ENCRYPTED, doc._id) as unknown as PlanDoc).entries.length;

  return {
    async replace(memberId, plan) {
      const sealed = cipher.encryptFields({ ...plan, _id: memberId }, PLAN_ENCRYPTED, memberId) as unknown as StoredPlan;
      const { _id, ...fields } = sealed;
      for (let attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
        const doc = await plans.get(memberId);
        if (doc && doc.version >= plan.version) return { current: false, retired: [] };
        if (!doc) {
          try {
            await plans.insert({ ...sealed, entryCount: plan.entries.length, rev: 1 });
            return { current: true, retired: [] };
          } catch (err) {
            if (!(err instanceof DuplicateKeyError)) throw err;
            continue;
          }
        }
        const retired = [...new Set([...(doc.retiring ?? []), ...(doc.reminderIds ?? []), ...reminderIdsOf(memberId, doc.version, countOf(doc))])];
        const set = { ...fields, entryCount: plan.entries.length, retiring: retired, rev: (doc.rev ?? 0) + 1 };
        const moved = await plans.updateOne(asRead(doc), { $set: set, $unset: { scheduledAtMs: true, reminderIds: true } });
        if (moved.matched) return { current: true, retired };
      }
      throw new Error(`plan of ${_id}: too many concurrent replacements`);
    },

    async settleRetired(memberId, cancelled) {
      const done = new Set(cancelled);
      for (let attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
        const doc = await plans.get(memberId);
        if (!doc?.retiring?.some((id) => done.has(id))) return;
        const left = doc.retiring.filter((id) => !done.has(id));
        if ((await plans.updateOne(asRead(doc), { $set: { retiring: left, rev: (doc.rev ?? 0) + 1 } })).matched) return;
      }
    },

    async markScheduled(memberId, version, atMs, reminderIds) {
      return (await plans.updateOne({ _id: memberId, version }, { $set: { scheduledAtMs: atMs, reminderIds }, $inc: { rev: 1 } })).matched === 1;
    },

    async scheduledReminders(memberId) {
      const doc = await plans.get(memberId);
      return doc ? { version: doc.version, reminderIds: doc.reminderIds ?? [] } : null;
    },

    async get(memberId) {
      const doc = await plans.get(memberId);
      return doc ? (cipher.decryptFields(doc, PLAN_ENCRYPTED, memberId) as unknown as PlanDoc) : null;
    },
  };
}
