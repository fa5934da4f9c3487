import { applyActivity, emptyActivityState, type ActivityEffect, type ActivityState } from '../../domain/points/activity';
import { canonicalJson } from '../../domain/points/canonical-json';
import { HOLDING_STATUSES, IN_FLIGHT_STATUSES, type RedemptionStatus } from '../../domain/points/fulfilment';
import { auditJournal, type JournalRecord } from '../../domain/points/ledger-audit';
import { verifyLottery } from '../../domain/points/lottery';
import { applyStock, emptyStockState, type StockEffect, type StockState } from '../../domain/points/stock';
import type { Activities } from './activities';
import type { PointsLedger } from './ledger';
import { sagaKeys, type Redemptions } from './redemptions';
import type { StreamRecord } from './serial-stream';
import type { RightsStock } from './stock';

export interface Violation {
  scope: 'ledger' | 'stock' | 'redemption' | 'activity';
  id: string;
  code: string;
  detail: string;
  seq?: number;
}

export interface InvariantReport {
  ok: boolean;
  members: number;
  entries: number;
  redemptions: number;
  /** Redemptions still mid-saga (pending/failing/cancelling): not violations, recover() settles them. */
  inFlight: number;
  violations: Violation[];
}

const same = (a: unknown, b: unknown): boolean => canonicalJson(a) === canonicalJson(b);

function groupByStream<R extends { streamId: string }>(records: readonly R[]): Map<string, R[]> {
  const out = new Map<string, R[]>();
  for (const r of records) {
    const list = out.get(r.streamId) ?? [];
    list.push(r);
    out.set(r.streamId, list);
  }
  return out;
}

/**
 * Recomputes everything from the stored journals (never from the caches): each member's balance,
 * lots, caps and snapshots; each head doc against its journal; each redemption against its ledger
 * and stock steps; each right's stock and each activity's seats. Scoped to one member when given
 * (then only the ledger and that member's redemptions are checked).
 */
export async function verifyInvariants(
  parts: { ledger: PointsLedger; stock: RightsStock; redemptions: Redemptions; activities: Activities; nowMs: number },
  memberId?: string,
): Promise<InvariantReport> {
  const violations: Violation[] = [];
  const ledgerRecords = await parts.ledger.stream.all(memberId);
  const byMember = groupByStream(ledgerRecords);
  for (const [member, records] of byMember) {
    const journal: JournalRecord[] = records.map((r) => ({ ...r.effect, seq: r.seq, key: r.key, after: r.after }));
    const audit = auditJournal(member, journal, parts.nowMs);
    for (const v of audit.violations) violations.push({ scope: 'ledger', id: member, code: v.code, detail: v.detail, ...(v.seq !== undefined ? { seq: v.seq } : {}) });
  }
  checkHeads('ledger', await parts.ledger.stream.headDocs(memberId), byMember, violations);

  const redemptionDocs = await parts.redemptions.docs.find(memberId === undefined ? {} : { memberId });
  const ledgerByKey = new Map(ledgerRecords.map((r) => [`${r.streamId}|${r.key}`, r]));
  const stockRecords = await parts.stock.stream.all();
  const stockByKey = new Map(stockRecords.map((r) => [`${r.streamId}|${r.key}`, r]));
  let inFlight = 0;
  for (const doc of redemptionDocs) {
    if ((IN_FLIGHT_STATUSES as readonly RedemptionStatus[]).includes(doc.status)) {
      inFlight += 1;
      continue;
    }
    const k = sagaKeys(doc._id);
    const debit = ledgerByKey.get(`${doc.memberId}|${k.debit}`);
    const refund = ledgerByKey.get(`${doc.memberId}|${k.refund}`);
    const reserve = stockByKey.get(`${doc.rightId}|${k.reserve}`);
    const release = stockByKey.get(`${doc.rightId}|${k.release}`);
    const debited = debit?.effect.status === 'applied';
    const reserved = reserve?.effect.status === 'applied';
    const flag = (code: string, detail: string) => violations.push({ scope: 'redemption', id: doc._id, code, detail });
    if ((HOLDING_STATUSES as readonly RedemptionStatus[]).includes(doc.status)) {
      if (!debited || refund) flag('holding_without_debit', `${doc.status} but points not (or no longer) debited`);
      if (!reserved || release) flag('holding_without_stock', `${doc.status} but no stock reserved`);
      if (debited && doc.pointsSpent !== 0 - (debit?.effect.amount ?? 0)) flag('spent_mismatch', 'pointsSpent differs from the debit');
    } else {
      if (debited !== Boolean(refund)) flag('unrefunded_debit', `${doc.status} with debit ${debited} and refund ${Boolean(refund)}`);
      if (refund && debit && refund.effect.amount !== 0 - debit.effect.amount) flag('refund_amount', 'refund differs from the debit');
      if (reserved !== Boolean(release)) flag('unreleased_stock', `${doc.status} with reserve ${reserved} and release ${Boolean(release)}`);
    }
  }
  const knownRedemptions = new Set(redemptionDocs.map((d) => d._id));
  for (const r of ledgerRecords) {
    if (r.effect.redemptionId && !knownRedemptions.has(r.effect.redemptionId)) {
      violations.push({ scope: 'ledger', id: r.streamId, code: 'orphan_redemption_entry', detail: r.effect.redemptionId, seq: r.seq });
    }
  }

  if (memberId === undefined) {
    checkStock(stockRecords, violations);
    checkHeads('stock', await parts.stock.stream.headDocs(), groupByStream(stockRecords), violations);
    const activityRecords = await parts.activities.stream.all();
    checkActivities(activityRecords, violations);
    checkHeads('activity', await parts.activities.stream.headDocs(), groupByStream(activityRecords), violations);
  }

  return {
    ok: violations.length === 0,
    members: byMember.size,
    entries: ledgerRecords.length,
    redemptions: redemptionDocs.length,
    inFlight,
    violations,
  };
}

/** A head may lag its journal (repaired on read) but must equal the journal's state at its seq. */
function checkHeads<S, E>(
  scope: Violation['scope'],
  heads: { _id: string; seq: number; state: S }[],
  journals: Map<string, StreamRecord<S, E>[]>,
  violations: Violation[],
): void {
  for (const head of heads) {
    const records = journals.get(head._id) ?? [];
    const at = records[head.seq - 1];
    if (!at || at.seq !== head.seq) violations.push({ scope, id: head._id, code: 'head_ahead_of_journal', detail: `head at ${head.seq}` });
    else if (!same(at.after, head.state)) violations.push({ scope, id: head._id, code: 'head_mismatch', detail: `head state ≠ journal at ${head.seq}` });
  }
}

function checkStock(records: StreamRecord<StockState, StockEffect>[], violations: Violation[]): void {
  for (const [rightId, list] of groupByStream(records)) {
    let state = emptyStockState();
    const reserves = new Set<string>();
    list.forEach((r, i) => {
      const flag = (code: string, detail: string) => violations.push({ scope: 'stock', id: rightId, code, detail, seq: r.seq });
      if (r.seq !== i + 1) flag('seq_gap', `expected ${i + 1}`);
      state = applyStock(state, r.effect);
      if (!same(state, r.after)) flag('snapshot_mismatch', 'stored stock differs from the replay');
      if (state.available < 0 || state.reserved < 0) flag('negative_stock', `available ${state.available}, reserved ${state.reserved}`);
      if (state.available + state.reserved !== state.total) flag('stock_leak', 'available + reserved ≠ total');
      const rid = r.effect.redemptionId;
      if (r.effect.status === 'applied' && rid && r.effect.kind === 'reserve') reserves.add(rid);
      if (r.effect.kind === 'release' && rid && !reserves.has(rid)) flag('release_without_reserve', rid);
    });
  }
}

function checkActivities(records: StreamRecord<ActivityState, ActivityEffect>[], violations: Violation[]): void {
  for (const [activityId, list] of groupByStream(records)) {
    let state = emptyActivityState();
    const signed = new Set<string>();
    const checked = new Set<string>();
    list.forEach((r, i) => {
      const flag = (code: string, detail: string) => violations.push({ scope: 'activity', id: activityId, code, detail, seq: r.seq });
      if (r.seq !== i + 1) flag('seq_gap', `expected ${i + 1}`);
      state = applyActivity(state, r.effect);
      if (!same(state, r.after)) flag('snapshot_mismatch', 'stored counters differ from the replay');
      const m = r.effect.memberId ?? '';
      if (r.effect.kind === 'signup') {
        if (signed.has(m)) flag('double_signup', 'member holds two seats');
        signed.add(m);
      }
      if (r.effect.kind === 'checkin') {
        if (!signed.has(m)) flag('checkin_without_signup', 'checked in without a seat');
        if (checked.has(m)) flag('double_checkin', 'member checked in twice');
        checked.add(m);
      }
      if (state.signedUp > state.capacity) flag('overbooked', `${state.signedUp} seats for capacity ${state.capacity}`);
      if (r.effect.lottery && !verifyLottery(r.effect.lottery)) flag('lottery_not_reproducible', 'winners differ from the seeded draw');
    });
  }
}

