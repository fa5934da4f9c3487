import { DuplicateKeyError } from '../../errors';
import type { ScheduleEntry } from '../../domain/schedule/recurrence';
import type { RiskTier } from '../../domain/team/roles';
import type { Doc, DocumentStore } from '../../ports/document-store';
import type { FieldCipher } from '../../adapters/crypto/field-cipher';
import { PLAN_ENCRYPTED } from './sensitive-fields';

export const PLANS = 'plans';

/** The member's personal plan (PRD §2.2.3), one doc per member, replaced by newer profile versions. */
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

type StoredPlan = Omit<PlanDoc, 'entries'> & Doc & { entries: unknown };

export interface PlanStore {
  /** Saves the plan unless a newer version's plan is already there; true when saved. */
  save(memberId: string, plan: Omit<PlanDoc, '_id'>): Promise<boolean>;
  /** False when a newer plan replaced this version meanwhile (its reminders must then go). */
  markScheduled(memberId: string, version: number, atMs: number, reminderIds: string[]): Promise<boolean>;
  get(memberId: string): Promise<PlanDoc | null>;
  /** Version and reminder ids of the stored plan, without decrypting it. */
  scheduledReminders(memberId: string): Promise<{ version: number; reminderIds: string[] } | null>;
}

export function createPlanStore(store: DocumentStore, cipher: FieldCipher): PlanStore {
  const plans = store.collection<StoredPlan>(PLANS);
  return {
    async save(memberId, plan) {
      const doc = cipher.encryptFields({ ...plan, _id: memberId }, PLAN_ENCRYPTED, memberId) as unknown as StoredPlan;
      const { _id, ...fields } = doc;
      const replaced = await plans.updateOne({ _id, version: { $lt: plan.version } }, { $set: fields, $unset: { scheduledAtMs: true, reminderIds: true } });
      if (replaced.matched) return true;
      try {
        await plans.insert(doc);
        return true;
      } catch (err) {
        if (!(err instanceof DuplicateKeyError)) throw err;
        return (await plans.updateOne({ _id, version: { $lt: plan.version } }, { $set: fields, $unset: { scheduledAtMs: true, reminderIds: true } })).matched === 1;
      }
    },

    async markScheduled(memberId, version, atMs, reminderIds) {
      return (await plans.updateOne({ _id: memberId, version }, { $set: { scheduledAtMs: atMs, reminderIds } })).matched === 1;
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
