import { AppError, DuplicateKeyError, ForbiddenError, ValidationError } from '../../errors';
import {
  isKnownOptionalConsentVersion,
  type OptionalConsentPurpose,
} from '../../domain/consent/optional-consents';
import type { AuditActor, AuditLog } from '../../ports/audit-log';
import type { Clock } from '../../ports/clock';
import type { Doc, DocumentStore } from '../../ports/document-store';
import { cancelKindForMember } from '../reminders/member-controls';
import type { ReminderDoc } from '../reminders/reminder-doc';

export const MEMBER_CONSENTS = 'member_consents';

/** One member's standing on one purpose: the latest decision wins. */
export interface OptionalConsentDoc extends Doc {
  memberId: string;
  purpose: OptionalConsentPurpose;
  granted: boolean;
  /** The text version shown when granted (shared/domain/consent/optional-consents.ts). */
  textVersion: string | null;
  atMs: number;
  actor: AuditActor;
}

export interface OptionalConsentState {
  granted: boolean;
  textVersion: string | null;
  atMs: number | null;
}

export interface OptionalConsents {
  /** Only the member themself decides (a team member or ops cannot consent for them). */
  set(memberId: string, purpose: OptionalConsentPurpose, decision: { granted: boolean; textVersion?: string }, actor: AuditActor): Promise<OptionalConsentState>;
  get(memberId: string, purpose: OptionalConsentPurpose): Promise<OptionalConsentState>;
  /** True only when the member granted the purpose and has not revoked it since. */
  granted(memberId: string, purpose: OptionalConsentPurpose): Promise<boolean>;
}

const idOf = (memberId: string, purpose: OptionalConsentPurpose): string => `${memberId}:${purpose}`;

/**
 * The reminders that exist only under a purpose: revoking it cancels the member's pending ones (with
 * the reason below), and the dispatcher checks the consent again before sending one
 * (shared/services/reminders/dispatch/member-sending.ts).
 */
export const REMINDER_KINDS_UNDER_CONSENT: Partial<Record<OptionalConsentPurpose, ReminderDoc['kind']>> = { personalised_offers: 'offer' };
export const OFFERS_SWITCHED_OFF = 'offers_switched_off';
const REVOKED_REASON: Record<OptionalConsentPurpose, string> = { personalised_offers: OFFERS_SWITCHED_OFF, behaviour_score_sharing: 'score_sharing_switched_off' };

/** True only when the member granted the purpose and has not revoked it since (for callers without an audit log). */
export async function optionalConsentGranted(store: DocumentStore, memberId: string, purpose: OptionalConsentPurpose): Promise<boolean> {
  return (await store.collection<OptionalConsentDoc>(MEMBER_CONSENTS).get(idOf(memberId, purpose)))?.granted === true;
}
const CAS_ATTEMPTS = 5;
const NONE: OptionalConsentState = { granted: false, textVersion: null, atMs: null };

/**
 * Separate, revocable consents (shared/domain/consent/optional-consents.ts). A grant or a revocation is
 * one compare-and-set of the member's standing and one audit entry; repeating the same decision (even
 * twice at once) changes nothing and is not audited again. Erasure removes the documents (shared/services/privacy/member-data-map.ts).
 */
export function createOptionalConsents(deps: { store: DocumentStore; clock: Clock; audit: AuditLog }): OptionalConsents {
  const consents = deps.store.collection<OptionalConsentDoc>(MEMBER_CONSENTS);
  const stateOf = (doc: OptionalConsentDoc | null): OptionalConsentState =>
    doc ? { granted: doc.granted, textVersion: doc.textVersion, atMs: doc.atMs } : NONE;

  return {
    async set(memberId, purpose, decision, actor) {
      if (actor.kind !== 'member' || actor.id !== memberId) throw new ForbiddenError('not_self', 'only the member decides their own consent');
      if (decision.granted && (!decision.textVersion || !isKnownOptionalConsentVersion(purpose, decision.textVersion))) {
        throw new ValidationError('unknown consent text version', [{ field: 'textVersion', message: 'unknown consent text version', messageZh: '授权文本版本无效，请刷新页面后重试' }]);
      }
      const _id = idOf(memberId, purpose);
      const sameAs = (cur: OptionalConsentDoc | null) => cur !== null && cur.granted === decision.granted && (!decision.granted || cur.textVersion === decision.textVersion);
      // Compare-and-set on the standing read: of two identical clicks at once one changes it and is
      // audited; the other finds the decision already made.
      let doc: OptionalConsentDoc | null = null;
      for (let attempt = 0; attempt < CAS_ATTEMPTS && !doc; attempt += 1) {
        const current = await consents.get(_id);
        if (sameAs(current)) return stateOf(current);
        const next: OptionalConsentDoc = {
          _id,
          memberId,
          purpose,
          granted: decision.granted,
          textVersion: decision.granted ? (decision.textVersion ?? null) : null,
          atMs: deps.clock.nowMs(),
          actor,
        };
        if (!current) {
          try {
            doc = await consents.insert(next);
          } catch (err) {
            if (!(err instanceof DuplicateKeyError)) throw err;
          }
          continue;
        }
        const { _id: _unused, ...fields } = next;
        const { matched } = await consents.updateOne({ _id, granted: current.granted, textVersion: current.textVersion, atMs: current.atMs }, { $set: fields });
        if (matched === 1) doc = next;
      }
      if (!doc) throw new AppError('consent_contended', 'the consent kept changing; try again', 503);
      await deps.audit.append({
        actor,
        action: decision.granted ? 'consent.optional.given' : 'consent.optional.revoked',
        subjectMemberId: memberId,
        outcome: 'done',
        meta: { purpose, textVersion: doc.textVersion },
      });
      // Switched off means nothing more goes out under it, including what was already scheduled.
      const kind = REMINDER_KINDS_UNDER_CONSENT[purpose];
      if (!decision.granted && kind) await cancelKindForMember(deps, memberId, kind, REVOKED_REASON[purpose]);
      return stateOf(doc);
    },
    async get(memberId, purpose) {
      return stateOf(await consents.get(idOf(memberId, purpose)));
    },
    granted: (memberId, purpose) => optionalConsentGranted(deps.store, memberId, purpose),
  };
}
