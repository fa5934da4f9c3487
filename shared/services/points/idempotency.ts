import { DuplicateKeyError } from '../../errors';
import type { Collection, Doc, DocumentStore } from '../../ports/document-store';
import { canonicalJson } from '../../domain/points/canonical-json';
import type { PointsActor } from '../../domain/points/types';
import { keyReused } from './serial-stream';

interface KeyDoc extends Doc {
  fingerprint: string;
  op: string;
  createdAtMs: number;
}

/**
 * The key as stored: a key a member or a staff member chose is theirs alone (`member:<id>:<key>`),
 * so nobody can probe or squat another caller's keys (the same key from another member is simply a
 * new request). Machines and in-process awards share one namespace, prefixed by capability
 * (`intake:form:<id>`): two paths crediting the same evidence must meet on the same key.
 */
export function callerKey(actor: PointsActor, key: string): string {
  return actor.kind === 'member' || actor.kind === 'staff' ? `${actor.kind}:${actor.id}:${key}` : key;
}

/**
 * The first request to use a (caller-scoped, see callerKey) key binds it to that request's
 * fingerprint (op, member, right/rule/amount, reason) by an insert on `_id = key`; any later request
 * with the same key and another fingerprint gets 409 idempotency_key_reused. Exactly-once
 * application is enforced separately, inside the target stream (see serial-stream.ts), so a crash
 * between binding and applying only leaves a binding, and the retry applies.
 */
export class IdempotencyKeys {
  private readonly keys: Collection<KeyDoc>;

  constructor(
    store: DocumentStore,
    private readonly nowMs: () => number,
  ) {
    this.keys = store.collection<KeyDoc>('points_idempotency');
  }

  /**
   * Binds `key` to the request; returns its fingerprint for the stream-level check, and whether the
   * key was bound before (a retry: the stream looks the key up first). A refusal names `shown`
   * (the caller's own key).
   */
  async bind(key: string, request: { op: string } & Record<string, unknown>, shown = key): Promise<{ fingerprint: string; retry: boolean }> {
    const fingerprint = canonicalJson(request);
    try {
      await this.keys.insert({ _id: key, fingerprint, op: request.op, createdAtMs: this.nowMs() });
      return { fingerprint, retry: false };
    } catch (e) {
      if (!(e instanceof DuplicateKeyError)) throw e;
    }
    const bound = await this.keys.get(key);
    if (!bound || bound.fingerprint !== fingerprint) throw keyReused(shown);
    return { fingerprint, retry: true };
  }
}
