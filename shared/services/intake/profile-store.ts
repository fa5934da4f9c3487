import { DuplicateKeyError } from '../../errors';
import type { HealthForm } from '../../domain/health/form';
import type { RiskAssessment } from '../../domain/health/risk';
import type { RiskTier } from '../../domain/team/roles';
import type { AuditActor } from '../../ports/audit-log';
import type { Doc, DocumentStore } from '../../ports/document-store';
import type { FieldCipher } from '../../ports/field-cipher';
import { PROFILE_ENCRYPTED } from './sensitive-fields';
import { ensureIntakeIndexes } from './indexes';

export const PROFILES = 'profiles';
export const PROFILE_VERSIONS = 'profile_versions';

/** The current-version pointer, one per member. */
export interface ProfilePointer extends Doc {
  _id: string;
  currentVersion: number;
  tier: RiskTier;
  updatedAtMs: number;
}

export interface ConsentRecord {
  healthDataProcessing: true;
  textVersion: string;
  /** When the member ticked the box (client clock, if sent); `recordedAtMs` is ours. */
  acceptedAtMs?: number;
  recordedAtMs: number;
}

/** One per submission; never updated, so no answer is ever lost to a later one. */
export interface ProfileVersion {
  _id: string;
  memberId: string;
  version: number;
  submittedAtMs: number;
  submittedBy: AuditActor;
  consent: ConsentRecord;
  tier: RiskTier;
  form: HealthForm;
  assessment: Pick<RiskAssessment, 'score' | 'factors'>;
}

type StoredVersion = Omit<ProfileVersion, 'form' | 'assessment'> & Doc & { form: unknown; assessment: unknown };

const versionId = (memberId: string, version: number) => `${memberId}:${version}`;
/** Another submission may take each number we try; after this many something is wrong. */
const MAX_VERSION_ATTEMPTS = 20;

export interface ProfileStore {
  /** Stores a new version and moves the pointer forward (never back); returns the version number. */
  append(input: Omit<ProfileVersion, '_id' | 'version'>): Promise<number>;
  current(memberId: string): Promise<ProfileVersion | null>;
  /** One stored version, decrypted. */
  version(memberId: string, version: number): Promise<ProfileVersion | null>;
  /** Newest first, without the encrypted answers. */
  history(memberId: string): Promise<{ version: number; submittedAtMs: number; tier: RiskTier; consentTextVersion: string }[]>;
}

export function createProfileStore(store: DocumentStore, cipher: FieldCipher): ProfileStore {
  const pointers = store.collection<ProfilePointer>(PROFILES);
  const versions = store.collection<StoredVersion>(PROFILE_VERSIONS);

  const open = (doc: StoredVersion): ProfileVersion => cipher.decryptFields(doc, PROFILE_ENCRYPTED, doc.memberId) as unknown as ProfileVersion;

  /** Compare-and-set: the pointer only moves to a higher version, so a slow writer cannot roll it back. */
  async function movePointer(memberId: string, version: number, tier: RiskTier, nowMs: number): Promise<void> {
    const set = { currentVersion: version, tier, updatedAtMs: nowMs };
    const moved = await pointers.updateOne({ _id: memberId, currentVersion: { $lt: version } }, { $set: set });
    if (moved.matched) return;
    try {
      await pointers.insert({ _id: memberId, ...set });
    } catch (err) {
      if (!(err instanceof DuplicateKeyError)) throw err;
      // Created meanwhile: move it if it is still behind (a newer version may already be current).
      await pointers.updateOne({ _id: memberId, currentVersion: { $lt: version } }, { $set: set });
    }
  }

  return {
    async append(input) {
      let version = ((await pointers.get(input.memberId))?.currentVersion ?? 0) + 1;
      for (let attempt = 0; ; attempt++) {
        const doc = { _id: versionId(input.memberId, version), version, ...input };
        try {
          await versions.insert(cipher.encryptFields(doc, PROFILE_ENCRYPTED, input.memberId) as unknown as StoredVersion);
          break;
        } catch (err) {
          if (!(err instanceof DuplicateKeyError) || attempt >= MAX_VERSION_ATTEMPTS) throw err;
          version += 1;
        }
      }
      await movePointer(input.memberId, version, input.tier, input.submittedAtMs);
      return version;
    },

    async current(memberId) {
      const pointer = await pointers.get(memberId);
      if (!pointer) return null;
      const doc = await versions.get(versionId(memberId, pointer.currentVersion));
      return doc ? open(doc) : null;
    },

    async version(memberId, version) {
      const doc = await versions.get(versionId(memberId, version));
      return doc ? open(doc) : null;
    },

    async history(memberId) {
      await ensureIntakeIndexes(store);
      const docs = await versions.find({ memberId }, { sort: { version: -1 } });
      return docs.map((d) => ({ version: d.version, submittedAtMs: d.submittedAtMs, tier: d.tier, consentTextVersion: d.consent.textVersion }));
    },
  };
}
