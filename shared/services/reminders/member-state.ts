import { checkDeliveryRules } from '../../domain/reminders/delivery-rules';
import { shanghaiDayKey } from '../../domain/reminders/shanghai-time';
import { DuplicateKeyError } from '../../errors';
import type { Doc, DocumentStore } from '../../ports/document-store';

export const REMINDER_MEMBER_STATE = 'reminder_member_state';

/**
 * Per-member delivery bookkeeping for the anti-spam rules: pushes today (Shanghai day) and the
 * keyed content hashes of recent pushes (only as long as the duplicate window, never the text).
 * `v` is a version for compare-and-set, so two dispatchers cannot both take the last slot.
 */
export interface MemberStateFields {
  day: string;
  sentToday: number;
  /** `o`: the occurrence that took the slot, so a retry of the same occurrence (after a crash) does not count twice. */
  recent: { h: string; atMs: number; o?: string }[];
  /** The member's latest reply to anything we sent (drives the follow-up cadence). */
  lastResponseAtMs?: number | null;
}

export interface MemberStateDoc extends Doc, MemberStateFields {
  _id: string;
  v: number;
}

export type Reservation = { ok: true } | { ok: false; reason: 'daily_cap' | 'duplicate_content'; retryAtMs: number };

export interface MemberStateStore {
  /**
   * Checks the cap and duplicate rules and, when they pass, counts this push for `occurrence`.
   * Idempotent per occurrence: a reminder retried after a crashed run finds its own slot.
   */
  reserve(memberId: string, contentHash: string, nowMs: number, occurrence: string): Promise<Reservation>;
  /** Uncounts a push that surely did not reach the member. */
  release(memberId: string, occurrence: string, nowMs: number): Promise<void>;
  recordResponse(memberId: string, atMs: number): Promise<void>;
  lastResponseAtMs(memberId: string): Promise<number | null>;
}

const CAS_ATTEMPTS = 5;

export function createMemberStateStore(store: DocumentStore, rules: { dailyCap: number; duplicateWindowMs: number }): MemberStateStore {
  const states = store.collection<MemberStateDoc>(REMINDER_MEMBER_STATE);

  /** Read–modify–write under the version; `change` returns the new fields or a verdict to stop with. */
  async function casUpdate<R>(memberId: string, change: (doc: MemberStateDoc | null) => { set: MemberStateFields } | { stop: R }): Promise<R | undefined> {
    for (let i = 0; i < CAS_ATTEMPTS; i += 1) {
      const doc = await states.get(memberId);
      const next = change(doc);
      if ('stop' in next) return next.stop;
      if (!doc) {
        try {
          await states.insert({ _id: memberId, ...next.set, v: 1 });
          return undefined;
        } catch (err) {
          if (err instanceof DuplicateKeyError) continue;
          throw err;
        }
      }
      const r = await states.updateOne({ v: doc.v, _id: memberId }, { $set: { ...next.set }, $inc: { v: 1 } });
      if (r.matched) return undefined;
    }
    throw new Error('member delivery state kept changing underneath; try later');
  }

  const live = (doc: MemberStateDoc | null, nowMs: number) => {
    const day = shanghaiDayKey(nowMs);
    return {
      day,
      sentToday: doc && doc.day === day ? doc.sentToday : 0,
      recent: (doc?.recent ?? []).filter((r) => r.atMs + rules.duplicateWindowMs > nowMs),
      lastResponseAtMs: doc?.lastResponseAtMs ?? null,
    };
  };

  return {
    async reserve(memberId, contentHash, nowMs, occurrence) {
      const verdict = await casUpdate<Reservation>(memberId, (doc) => {
        const s = live(doc, nowMs);
        if (s.recent.some((r) => r.o === occurrence)) return { stop: { ok: true } };
        const decision = checkDeliveryRules({
          sentToday: s.sentToday,
          cap: rules.dailyCap,
          recentContentHashes: s.recent.map((r) => ({ contentHash: r.h, sentAtMs: r.atMs })),
          contentHash,
          windowMs: rules.duplicateWindowMs,
          nowMs,
        });
        if (!decision.ok) return { stop: { ok: false, reason: decision.reason, retryAtMs: decision.retryAtMs ?? nowMs + rules.duplicateWindowMs } };
        return { set: { ...s, sentToday: s.sentToday + 1, recent: [...s.recent, { h: contentHash, atMs: nowMs, o: occurrence }] } };
      });
      return verdict ?? { ok: true };
    },

    async release(memberId, occurrence, nowMs) {
      await casUpdate<void>(memberId, (doc) => {
        if (!doc) return { stop: undefined };
        const s = live(doc, nowMs);
        if (!s.recent.some((r) => r.o === occurrence)) return { stop: undefined };
        return { set: { ...s, sentToday: Math.max(0, s.sentToday - 1), recent: s.recent.filter((r) => r.o !== occurrence) } };
      });
    },

    async recordResponse(memberId, atMs) {
      await casUpdate<void>(memberId, (doc) => {
        if (doc?.lastResponseAtMs != null && doc.lastResponseAtMs >= atMs) return { stop: undefined };
        const s = live(doc, atMs);
        return { set: { ...s, ...(doc && { day: doc.day, sentToday: doc.sentToday, recent: doc.recent }), lastResponseAtMs: atMs } };
      });
    },

    async lastResponseAtMs(memberId) {
      return (await states.get(memberId))?.lastResponseAtMs ?? null;
    },
  };
}
