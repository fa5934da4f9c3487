import { createHash } from 'node:crypto';
import { ConflictError, DuplicateKeyError, ValidationError } from '../../errors';
import type { Doc, DocumentStore } from '../../ports/document-store';

/**
 * One profile version per submission key: a double tap, a retried request after a timeout or a
 * reload that sends again carries the same key (the page makes one per filled form), and the
 * second request answers with the first one's version instead of storing another.
 * The record holds the member id, a hash of the key and the version number — no answer.
 */
export const FORM_SUBMISSIONS = 'form_submissions';

export const SUBMISSION_KEY = /^[A-Za-z0-9_.:@|-]{8,160}$/;

export interface FormSubmissionDoc extends Doc {
  _id: string;
  memberId: string;
  status: 'pending' | 'done';
  version?: number;
  atMs: number;
  /** Removed by TTL after a week: a key only needs to outlive retries and reloads. */
  expireAt: Date;
}

const KEEP_MS = 7 * 86_400_000;
const WAIT_STEP_MS = 100;
const WAIT_MAX_MS = 15_000;

export function parseSubmissionKey(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  if (!SUBMISSION_KEY.test(raw)) throw new ValidationError('invalid Idempotency-Key header', [{ field: 'Idempotency-Key', message: '8–160 letters, digits or _.:@|-', messageZh: '提交编号无效，请刷新页面后重试' }]);
  return raw;
}

const idOf = (memberId: string, key: string) => `${memberId}:${createHash('sha256').update(key).digest('base64url').slice(0, 32)}`;

export type Claim = { first: true; done: (version: number) => Promise<void>; release: () => Promise<void> } | { first: false; version: number };

const indexed = new WeakMap<DocumentStore, Promise<void>>();

/**
 * Claims `key` for the member. The first caller gets `first: true` and must call `done` or `release`;
 * a concurrent or later caller with the same key waits for the first to finish and gets its version.
 */
export async function claimSubmission(store: DocumentStore, memberId: string, key: string, nowMs: number, sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))): Promise<Claim> {
  const col = store.collection<FormSubmissionDoc>(FORM_SUBMISSIONS);
  let ready = indexed.get(store);
  if (!ready) {
    ready = col.ensureIndex({ fields: ['expireAt'], expireAfterSeconds: 0 });
    ready.catch(() => indexed.delete(store));
    indexed.set(store, ready);
  }
  await ready;
  const _id = idOf(memberId, key);
  try {
    await col.insert({ _id, memberId, status: 'pending', atMs: nowMs, expireAt: new Date(nowMs + KEEP_MS) });
    return {
      first: true,
      done: async (version) => {
        await col.updateOne({ _id }, { $set: { status: 'done', version } });
      },
      release: async () => {
        await col.deleteOne({ _id });
      },
    };
  } catch (err) {
    if (!(err instanceof DuplicateKeyError)) throw err;
  }
  for (let waited = 0; waited <= WAIT_MAX_MS; waited += WAIT_STEP_MS) {
    const doc = await col.get(_id);
    if (!doc) break; // the first attempt failed and let go of the key
    if (doc.status === 'done' && doc.version !== undefined) return { first: false, version: doc.version };
    await sleep(WAIT_STEP_MS);
  }
  throw new ConflictError('submission_in_progress', 'a submission with this key is still being processed or failed; send it again');
}
