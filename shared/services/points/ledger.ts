import { ConflictError } from '../../errors';
import { planDueExpiry, planLedger, type LedgerOp } from '../../domain/points/ledger-plan';
import { availableAt, emptyLedgerState, type LedgerEffect, type LedgerState } from '../../domain/points/ledger-state';
import { lastValidDay } from '../../domain/points/shanghai-calendar';
import type { PointsDeps } from './deps';
import { SerialStream, type AppendResult, type StreamPlan } from './serial-stream';
import { toEntryView, type LedgerEntryView, type LedgerRecord } from './views';

export interface BalanceView {
  memberId: string;
  /** Spendable now: the sum of unexpired lots. */
  balance: number;
  /** Unexpired lots, soonest expiry first ("120 points valid until 2026-03-31"). */
  lots: { points: number; expiresAtMs: number; validUntil: string }[];
  asOfSeq: number;
}

/**
 * The expiry instants of a member's lots. The head doc (the sweep's index of who holds which
 * expiry) is rewritten only when this set changes: a lot bucket opened or emptied. The sweep then
 * reads the member's true state from the journal before writing anything off.
 */
const expiryInstants = (s: LedgerState): string => s.lots.map((l) => l.expiresAtMs).join(',');

/**
 * One member's points as a SerialStream (see serial-stream.ts for the write path and crash
 * recovery). Expiry: lots are buckets per expiry instant, debits take the oldest unexpired lot
 * first, and the balance is computed at read time as Σ unexpired lots — exact at any instant, not
 * only after a sweep. Expired lots are also written off as compensating 'expire' entries, before
 * the member's next write or by sweepExpired(), so the history explains every vanished point and
 * Σ journal amounts equals the points on the books.
 */
export class PointsLedger {
  readonly stream: SerialStream<LedgerState, LedgerEffect>;

  constructor(private readonly deps: PointsDeps) {
    this.stream = new SerialStream(deps.store, 'points_ledger', emptyLedgerState, () => deps.clock.nowMs(), {
      hooks: deps.hooks,
      checkpoint: (before, after) => expiryInstants(before) !== expiryInstants(after),
    });
  }

  /** `likelySeen`: a retry (see SerialStream.append). */
  async apply(op: LedgerOp, key: string, fingerprint: string, likelySeen = false): Promise<AppendResult<LedgerState, LedgerEffect>> {
    const result = await this.stream.append(op.memberId, key, fingerprint, (state) => this.plan(state, op), likelySeen);
    for (const r of result.housekeeping) await this.audit(r);
    if (!result.duplicate) await this.audit(result.record);
    return result;
  }

  byKey(memberId: string, key: string): Promise<LedgerRecord | null> {
    return this.stream.byKey(memberId, key);
  }

  async balance(memberId: string): Promise<BalanceView> {
    const { seq, state } = await this.stream.head(memberId);
    const now = this.deps.clock.nowMs();
    const lots = state.lots
      .filter((l) => l.expiresAtMs > now)
      .map((l) => ({ points: l.points, expiresAtMs: l.expiresAtMs, validUntil: lastValidDay(l.expiresAtMs) }));
    return { memberId, balance: availableAt(state, now), lots, asOfSeq: seq };
  }

  async history(memberId: string, q: { limit: number; before?: number }): Promise<{ entries: LedgerEntryView[]; nextBefore?: number }> {
    const records = await this.stream.list(memberId, { limit: q.limit, ...(q.before !== undefined ? { beforeSeq: q.before } : {}) });
    const entries = records.map(toEntryView);
    const last = records[records.length - 1];
    return last && records.length === q.limit && last.seq > 1 ? { entries, nextBefore: last.seq } : { entries };
  }

  /** Writes off expired lots of one member; returns the points written off. */
  async expire(memberId: string): Promise<number> {
    const now = this.deps.clock.nowMs();
    const written = await this.stream.housekeep(memberId, (state) => planDueExpiry(state, memberId, now));
    for (const r of written) await this.audit(r);
    return written.reduce((s, r) => s - r.effect.amount, 0);
  }

  /** The expiry sweep (a daily timer): every member whose head shows an expired lot. */
  async sweepExpired(): Promise<{ members: number; expiredPoints: number }> {
    const now = this.deps.clock.nowMs();
    let members = 0;
    let expiredPoints = 0;
    for (const head of await this.stream.headDocs()) {
      if (!head.state.lots.some((l) => l.expiresAtMs <= now)) continue;
      const points = await this.expire(head._id);
      if (points > 0) {
        members += 1;
        expiredPoints += points;
      }
    }
    return { members, expiredPoints };
  }

  private plan(state: LedgerState, op: LedgerOp): StreamPlan<LedgerState, LedgerEffect> {
    const p = planLedger(state, op, this.deps.clock.nowMs());
    if (p.kind !== 'reject') return p;
    return {
      kind: 'reject',
      error: new ConflictError('insufficient_points', 'not enough unexpired points', {
        available: p.available,
        requested: p.requested,
      }),
    };
  }

  private async audit(r: LedgerRecord): Promise<void> {
    if (!this.deps.audit) return;
    const e = r.effect;
    await this.deps.audit.append({
      actor: e.actor,
      action: `points.${e.kind}`,
      subjectMemberId: e.memberId,
      outcome: e.status === 'applied' ? 'done' : 'denied',
      ...(e.refusedCode ? { reason: e.refusedCode } : {}),
      meta: {
        seq: r.seq,
        amount: e.amount,
        balanceAfter: e.balanceAfter,
        ruleId: e.ruleId ?? null,
        rightId: e.rightId ?? null,
        redemptionId: e.redemptionId ?? null,
      },
    });
  }
}
