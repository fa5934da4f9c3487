import type { Doc, DocumentStore } from '../../ports/document-store';
import { CONSENT_EVENTS, type ConsentEvent } from '../privacy/records';
import { ensureIntakeIndexes } from './indexes';
import { PROFILE_VERSIONS, type ConsentRecord, type ProfileVersion } from './profile-store';

/** The separate consent to process health data the member gave themself, as last recorded. */
export interface OwnConsent {
  textVersion: string;
  /** When we recorded it (the member's submission, or the renewal after a withdrawal). */
  recordedAtMs: number;
}

/**
 * The member's own health-data consent (PIPL art. 29), or null when they never gave it: a health
 * form they submitted themself with consent (each profile version keeps its consent record, even
 * after a withdrawal reduces it to a tombstone), or a consent given again after a withdrawal
 * (consent_events). A form staff entered proves nothing — only the member can consent. Whether the
 * consent still stands (not withdrawn) is the member's status; callers check that first.
 */
export async function ownConsent(store: DocumentStore, memberId: string): Promise<OwnConsent | null> {
  await ensureIntakeIndexes(store);
  const [version] = await store
    .collection<Pick<ProfileVersion, 'consent'> & Doc>(PROFILE_VERSIONS)
    .find({ memberId, 'submittedBy.kind': 'member', 'submittedBy.id': memberId, 'consent.healthDataProcessing': true }, { sort: { version: -1 }, limit: 1 });
  const [renewed] = await store
    .collection<ConsentEvent>(CONSENT_EVENTS)
    .find({ memberId, kind: 'given', 'actor.kind': 'member', 'actor.id': memberId }, { sort: { atMs: -1 }, limit: 1 });
  const fromForm = version ? consentOf(version.consent) : null;
  const fromRenewal = renewed?.consentTextVersion ? { textVersion: renewed.consentTextVersion, recordedAtMs: renewed.atMs } : null;
  if (fromForm && fromRenewal) return fromForm.recordedAtMs >= fromRenewal.recordedAtMs ? fromForm : fromRenewal;
  return fromForm ?? fromRenewal;
}

function consentOf(c: ConsentRecord): OwnConsent {
  return { textVersion: c.textVersion, recordedAtMs: c.recordedAtMs };
}
