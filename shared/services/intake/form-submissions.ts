import { createHash } from 'node:crypto';
import { AppError, ConflictError, DuplicateKeyError } from '../../errors';
import type { Doc, DocumentStore } from '../../ports/document-store';
import { ensureIntakeIndexes } from './indexes';

/**
 * One profile version per submission key: a double tap, a retried request after a timeout or a
 * reload that sends again carries the same key (the page makes one per filled form), and the
 * second request answers with the first one's version instead of storing another.
 * The record holds the member id, hashes of the key and of the answers, and the version number — no
 * answer. The same key with other answers is refused (409 `idempotency_key_reused`), never answered
 * with the first version: a member who corrects a value after a failed send must not get the old report.
 */
export const FORM_SUBMISSIONS = 'form_submissions';


export interface FormSubmissionDoc extends Doc {
  _id: string;
  memberId: string;
  status: 'pending' | 'done';
  /** sha256 of the answers as checked (without the consent's click time, which a resend renews). */
  bodyHash: string;
  version?: number;
  atMs: number;
  /** Removed by TTL after a week: a key only needs to outlive retries and reloads. */
  expireAt: Date;
}

const KEEP_MS = 7 * 86_400_000;
const WAIT_STEP_MS = 100;
/** Well inside the intake function's 10 s timeout (serverless.yml), so a waiting retry answers 409, not a platform timeout. */
const WAIT_MAX_MS = 6_000;
/**
 * A claim still pending after this long belongs to a request that died (the function's timeout is
 * 10 s): a retry takes it over instead of being refused for the week the record lives.
 */
const STALE_MS = 30_000;

/** The answers' fingerprint; the consent's click time is left out, a resend renews it. */
export function submissionHash(body: { consent?: Record<string, unknown> } & Record<string, unknown>): string {
  const { consent, ...answers } = body;
  const { acceptedAtMs: _clickedAt, ...consentTerms } = consent ?? {};
  return createHash('sha256').update(canonical({ ...answers, consent: consentTerms })).digest('base64url');
}

/** JSON with sorted keys, so the same answers hash alike whatever order the page sent them in. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

const keyReused = () =>
  new AppError('idempotency_key_reused', 'Idempotency-Key: this key was used for other answers; send them with a new key', 409, {
    fields: [{ field: 'Idempotency-Key', message: 'used for other answers', messageZh: '这份表和上次提交的不一样，请重新点「提交」' }],
  });

const idOf = (memberId: string, key: string) => `${memberId}:${createHash('sha256').update(key).digest('base64url').slice(0, 32)}`;

export type Claim = { first: true; done: (version: number) => Promise<void>; release: () => Promise<void> } | { first: false; version: number };

/**
 * Claims `key` for the member. The first caller gets `first: true` and must call `done` or `release`;
 * a concurrent or later caller with the same key waits for the first to finish and gets its version.
 */
export async function claimSubmission(
  store: DocumentStore,
  memberId: string,
  key: string,
  bodyHash: string,
  nowMs: number,
  sleep = (ms: number) => new Promise((r) => setTimeout(r, ms)),
): Promise<Claim> {
  const col = store.collection<FormSubmissionDoc>(FORM_SUBMISSIONS);
  await ensureIntakeIndexes(store);
  const _id = idOf(memberId, key);
  const ours = (atMs: number): Claim => ({
    first: true,
    done: async (version) => {
      await col.updateOne({ _id, atMs }, { $set: { status: 'done', version } });
    },
    release: async () => {
      await col.deleteOne({ _id, atMs });
    },
  });
  try {
    await col.insert({ _id, memberId, status: 'pending', bodyHash, atMs: nowMs, expireAt: new Date(nowMs + KEEP_MS) });
    return ours(nowMs);
  } catch (err) {
    if (!(err instanceof DuplicateKeyError)) throw err;
  }
  for (let waited = 0; waited <= WAIT_MAX_MS; waited += WAIT_STEP_MS) {
    const doc = await col.get(_id);
    if (!doc) break; // the first attempt failed and let go of the key
    if (doc.bodyHash !== bodyHash) throw keyReused();
    if (doc.status === 'done' && doc.version !== undefined) return { first: false, version: doc.version };
    // A claim its request abandoned (it died mid-way): take it over, once, by compare-and-set.
    const takenAtMs = nowMs + waited;
    if (takenAtMs - doc.atMs > STALE_MS && (await col.updateOne({ _id, status: 'pending', atMs: doc.atMs }, { $set: { atMs: takenAtMs } })).matched === 1) return ours(takenAtMs);
    await sleep(WAIT_STEP_MS);
  }
  throw new ConflictError('submission_in_progress', 'a submission with this key is still being processed or failed; send it again');
}
