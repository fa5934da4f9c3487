import type { DocumentStore } from '../../ports/document-store';

const ensured = new WeakMap<DocumentStore, Promise<void>>();

/**
 * Secondary indexes the intake reads rely on (uniqueness is always the `_id`). Ensured once per store
 * instance, at first use; a failure is retried next time. CloudBase: create the same in the console.
 */
export function ensureIntakeIndexes(store: DocumentStore): Promise<void> {
  let done = ensured.get(store);
  if (!done) {
    done = Promise.all([
      store.collection('profile_versions').ensureIndex({ fields: ['memberId', 'version'] }),
      store.collection('readings').ensureIndex({ fields: ['memberId', 'measuredAtMs'] }),
      store.collection('exam_reports').ensureIndex({ fields: ['memberId', 'uploadedAtMs'] }),
      store.collection('intake_follow_ups').ensureIndex({ fields: ['status', 'nextCheckAtMs'] }),
      // The member's own consent (own-consent.ts) when no form of theirs carries it.
      store.collection('consent_events').ensureIndex({ fields: ['memberId', 'atMs'] }),
      // Submission keys outlive retries and reloads, then go (form-submissions.ts).
      store.collection('form_submissions').ensureIndex({ fields: ['expireAt'], expireAfterSeconds: 0 }),
    ]).then(() => undefined);
    done.catch(() => ensured.delete(store));
    ensured.set(store, done);
  }
  return done;
}
