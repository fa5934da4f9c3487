import { createHash } from 'node:crypto';
import { ConflictError, DuplicateKeyError, NotFoundError } from '../../errors';
import type { Collection, Doc } from '../../ports/document-store';
import { canonicalJson } from '../../domain/points/canonical-json';
import { canTransition, IN_FLIGHT_STATUSES, type RedemptionStatus } from '../../domain/points/fulfilment';
import { RIGHTS, type RightId } from '../../domain/points/rights-catalogue';
import type { PointsActor } from '../../domain/points/types';
import type { PointsDeps, RedemptionStep } from './deps';
import type { PointsLedger } from './ledger';
import { keyReused } from './serial-stream';
import type { RightsStock } from './stock';

export interface RedemptionHistoryItem {
  status: RedemptionStatus;
  atMs: number;
  actor: PointsActor;
  note?: string;
}

/** The saga record of one redemption; the truth of each step lives in the ledger and stock journals. */
export interface RedemptionDoc extends Doc {
  memberId: string;
  rightId: RightId;
  idempotencyKey: string;
  status: RedemptionStatus;
  failureCode?: string;
  pointsSpent?: number;
  free?: boolean;
  steps: { stockReserved?: number; pointsDebited?: number; pointsRefunded?: number; stockReleased?: number };
  history: RedemptionHistoryItem[];
  requestedBy: PointsActor;
  cancelReason?: string;
  createdAtMs: number;
  updatedAtMs: number;
}

/** Internal idempotency keys of the saga steps, one per step per redemption. */
export const sagaKeys = (id: string) =>
  ({
    reserve: `sys:${id}:reserve`,
    debit: `sys:${id}:debit`,
    refund: `sys:${id}:refund`,
    release: `sys:${id}:release`,
  }) as const;

export const redemptionIdFor = (idempotencyKey: string): string =>
  `rd_${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 24)}`;

const MAX_DRIVES = 50;

/**
 * Redemption saga. Order: reserve a unit of stock, then debit points, then mark `reserved`.
 * Every step is an exactly-once append keyed by (redemption, step) whose outcome — including a
 * refusal such as out_of_stock or insufficient_points — is recorded, so any number of drivers
 * (the request, its retries, recover()) reach the same decisions. On a refused debit the doc goes
 * to `failing` and compensation releases the stock; on cancellation it goes to `cancelling` and
 * compensation refunds the points and releases the stock, each once. A crash anywhere leaves the
 * doc in pending/failing/cancelling, and recover() (or the client's retry) drives it on. So after
 * recovery there is never a debit without a reservation, nor a reservation without a debit.
 */
export class Redemptions {
  readonly docs: Collection<RedemptionDoc>;

  constructor(
    private readonly deps: PointsDeps,
    private readonly ledger: PointsLedger,
    private readonly stock: RightsStock,
  ) {
    this.docs = deps.store.collection<RedemptionDoc>('points_redemptions');
  }

  private now(): number {
    return this.deps.clock.nowMs();
  }

  /**
   * Creates (or finds) the saga record for this idempotency key and drives it to rest. The record
   * binds the key: a replay naming another member or right is 409 idempotency_key_reused
   * (naming `shownKey`, the caller's own key).
   */
  async start(input: { memberId: string; rightId: RightId; idempotencyKey: string; actor: PointsActor }, shownKey = input.idempotencyKey): Promise<RedemptionDoc> {
    const id = redemptionIdFor(input.idempotencyKey);
    const now = this.now();
    const doc: RedemptionDoc = {
      _id: id,
      memberId: input.memberId,
      rightId: input.rightId,
      idempotencyKey: input.idempotencyKey,
      status: 'pending',
      steps: {},
      history: [{ status: 'pending', atMs: now, actor: input.actor }],
      requestedBy: input.actor,
      createdAtMs: now,
      updatedAtMs: now,
    };
    try {
      await this.docs.insert(doc);
    } catch (e) {
      if (!(e instanceof DuplicateKeyError)) throw e;
      const bound = await this.get(id);
      if (bound.memberId !== input.memberId || bound.rightId !== input.rightId) throw keyReused(shownKey);
      return this.drive(id, bound);
    }
    return this.drive(id, doc);
  }

  async get(id: string): Promise<RedemptionDoc> {
    const doc = await this.docs.get(id);
    if (!doc) throw new NotFoundError('redemption');
    return doc;
  }

  /**
   * Runs the saga until the redemption is at rest (reserved, booked, fulfilled, failed, cancelled).
   * `known`: the doc as this process just read or wrote it, which saves re-reading it; after a
   * step that lost a compare-and-set the doc is read again.
   */
  async drive(id: string, known?: RedemptionDoc): Promise<RedemptionDoc> {
    let doc = known ?? null;
    for (let i = 0; i < MAX_DRIVES; i++) {
      doc ??= await this.get(id);
      if (doc.status === 'pending') doc = await this.forward(doc);
      else if (doc.status === 'failing') doc = await this.compensate(doc, 'failed');
      else if (doc.status === 'cancelling') doc = await this.compensate(doc, 'cancelled');
      else return doc;
    }
    throw new ConflictError('redemption_busy', 'redemption is being changed concurrently; retry', { redemptionId: id });
  }

  /** Consultant or member asks to cancel: refund and stock release follow, once. */
  async cancel(id: string, reason: string, actor: PointsActor): Promise<RedemptionDoc> {
    for (let i = 0; i < MAX_DRIVES; i++) {
      const doc = await this.get(id);
      if (doc.status === 'cancelling' || doc.status === 'cancelled') return this.drive(id);
      if (!canTransition(doc.status, 'cancelling')) {
        throw new ConflictError('invalid_transition', `a ${doc.status} redemption cannot be cancelled`, { from: doc.status });
      }
      const moved = await this.transition(doc, 'cancelling', actor, { cancelReason: reason }, reason);
      if (moved) return this.drive(id, moved);
    }
    throw new ConflictError('redemption_busy', 'redemption is being changed concurrently; retry', { redemptionId: id });
  }

  /** reserved → booked → fulfilled, set by the rights consultant. */
  async advance(id: string, to: 'booked' | 'fulfilled', actor: PointsActor, note?: string): Promise<RedemptionDoc> {
    for (let i = 0; i < MAX_DRIVES; i++) {
      const doc = await this.get(id);
      if (doc.status === to) return doc;
      if (!canTransition(doc.status, to)) {
        throw new ConflictError('invalid_transition', `cannot go from ${doc.status} to ${to}`, { from: doc.status, to });
      }
      const moved = await this.transition(doc, to, actor, {}, note);
      if (moved) return moved;
    }
    throw new ConflictError('redemption_busy', 'redemption is being changed concurrently; retry', { redemptionId: id });
  }

  /** Finishes every half-done redemption (after a crash); safe to run any time, concurrently. */
  async recover(olderThanMs: number): Promise<{ examined: number; settled: { redemptionId: string; status: RedemptionStatus }[]; errors: { redemptionId: string; code: string }[] }> {
    const stale = await this.docs.find({ status: { $in: [...IN_FLIGHT_STATUSES] }, updatedAtMs: { $lte: this.now() - olderThanMs } });
    const settled: { redemptionId: string; status: RedemptionStatus }[] = [];
    const errors: { redemptionId: string; code: string }[] = [];
    for (const doc of stale) {
      try {
        settled.push({ redemptionId: doc._id, status: (await this.drive(doc._id)).status });
      } catch (e) {
        errors.push({ redemptionId: doc._id, code: (e as { code?: string }).code ?? 'internal' });
      }
    }
    return { examined: stale.length, settled, errors };
  }

  /** Reserve, debit, mark reserved. Returns the doc as written, or null when another driver moved it first. */
  private async forward(doc: RedemptionDoc): Promise<RedemptionDoc | null> {
    const keys = sagaKeys(doc._id);
    const fp = canonicalJson({ redemptionId: doc._id, memberId: doc.memberId, rightId: doc.rightId });
    const system: PointsActor = doc.requestedBy;

    const reserve = await this.stock.apply(doc.rightId, keys.reserve, fp, { type: 'reserve', redemptionId: doc._id }, system);
    if (reserve.record.effect.status === 'refused') {
      return this.transition(doc, 'failed', system, { failureCode: 'out_of_stock' });
    }
    const steps: RedemptionDoc['steps'] = { ...doc.steps, stockReserved: reserve.record.seq };
    await this.step('stock_reserved', doc._id);

    const tier = this.deps.memberTier ? await this.deps.memberTier(doc.memberId) : null;
    const debit = await this.ledger.apply(
      { type: 'redeem', memberId: doc.memberId, right: RIGHTS[doc.rightId], tier, redemptionId: doc._id, actor: system },
      keys.debit,
      fp,
    );
    const d = debit.record.effect;
    if (d.status === 'refused') {
      return this.transition(doc, 'failing', system, { failureCode: d.refusedCode ?? 'refused', steps });
    }
    steps.pointsDebited = debit.record.seq;
    await this.step('points_debited', doc._id);
    return this.transition(doc, 'reserved', system, { pointsSpent: 0 - d.amount, free: d.free === true, steps });
  }

  /** Refund and release (each once), then the final status. Returns the doc as written, or null. */
  private async compensate(doc: RedemptionDoc, final: 'failed' | 'cancelled'): Promise<RedemptionDoc | null> {
    const keys = sagaKeys(doc._id);
    const fp = canonicalJson({ redemptionId: doc._id, memberId: doc.memberId, rightId: doc.rightId });
    const actor = doc.history[doc.history.length - 1]?.actor ?? doc.requestedBy;
    const steps: RedemptionDoc['steps'] = { ...doc.steps };

    const debit = await this.ledger.byKey(doc.memberId, keys.debit);
    if (debit && debit.effect.status === 'applied') {
      const refund = await this.ledger.apply(
        { type: 'refund', memberId: doc.memberId, debit: debit.effect, actor, ...(doc.cancelReason ? { note: doc.cancelReason } : {}) },
        keys.refund,
        fp,
      );
      steps.pointsRefunded = refund.record.seq;
      await this.step('points_refunded', doc._id);
    }
    const reserve = await this.stock.stream.byKey(doc.rightId, keys.reserve);
    if (reserve && reserve.effect.status === 'applied') {
      const release = await this.stock.apply(doc.rightId, keys.release, fp, { type: 'release', redemptionId: doc._id }, actor);
      steps.stockReleased = release.record.seq;
      await this.step('stock_released', doc._id);
    }
    return this.transition(doc, final, actor, { steps });
  }

  /**
   * A saga step is done. Nothing is written here: each step is an exactly-once journal entry found
   * again by its key, so the seqs recorded in `steps` ride on the next status change instead of
   * costing a write (and a round trip) each.
   */
  private async step(step: RedemptionStep, id: string): Promise<void> {
    await this.deps.hooks?.afterRedemptionStep?.(step, id);
  }

  /** Compare-and-set on status; the doc as written, or null when someone else moved the redemption first. */
  private async transition(
    doc: RedemptionDoc,
    to: RedemptionStatus,
    actor: PointsActor,
    set: Partial<RedemptionDoc>,
    note?: string,
  ): Promise<RedemptionDoc | null> {
    const atMs = this.now();
    const item: RedemptionHistoryItem = { status: to, atMs, actor, ...(note ? { note } : {}) };
    const r = await this.docs.updateOne(
      { _id: doc._id, status: doc.status },
      { $set: { ...set, status: to, updatedAtMs: atMs }, $push: { history: item } },
    );
    if (r.matched === 0) return null;
    await this.deps.audit?.append({
      actor,
      action: `points.redemption.${to}`,
      subjectMemberId: doc.memberId,
      outcome: to === 'failed' ? 'failed' : 'done',
      ...(typeof set.failureCode === 'string' ? { reason: set.failureCode } : {}),
      meta: { redemptionId: doc._id, rightId: doc.rightId },
    });
    return { ...doc, ...set, status: to, updatedAtMs: atMs, history: [...doc.history, item] };
  }
}
