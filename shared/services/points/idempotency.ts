import { DuplicateKeyError } from '../../errors';
import type { Collection, Doc, DocumentStore } from '../../ports/document-store';
import { canonicalJson } from '../../domain/points/canonical-json';
import { keyReused } from './serial-stream';

interface KeyDoc extends Doc {
  fingerprint: string;
  op: string;
  createdAtMs: number;
}

/**
 * Client idempotency keys are one global namespace. The first request to use a key binds it to
 * that request's fingerprint (op, member, right/rule/amount, reason) by an insert on `_id = key`;
 * any later request with the same key and another fingerprint gets 409 idempotency_key_reused,
 * even if it targets another member's journal. Exactly-once application is enforced separately,
 * inside the target stream (see serial-stream.ts), so a crash between binding and applying only
 * leaves a binding, and the retry applies.
 */
export class IdempotencyKeys {
  private readonly keys: Collection<KeyDoc>;

  constructor(
    store: DocumentStore,
    private readonly nowMs: () => number,
  ) {
    this.keys = store.collection<KeyDoc>('points_idempotency');
  }

  /** Binds `key` to the request; returns its fingerprint for the stream-level check. */
  async bind(key: string, request: { op: string } & Record<string, unknown>): Promise<string> {
    const fingerprint = canonicalJson(request);
    try {
      await this.keys.insert({ _id: key, fingerprint, op: request.op, createdAtMs: this.nowMs() });
      return fingerprint;
    } catch (e) {
      if (!(e instanceof DuplicateKeyError)) throw e;
    }
    const bound = await this.keys.get(key);
    if (!bound || bound.fingerprint !== fingerprint) throw keyReused(key);
    return fingerprint;
  }
}
