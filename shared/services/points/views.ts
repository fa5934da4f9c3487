import type { LedgerEffect } from '../../domain/points/ledger-state';
import { lastValidDay } from '../../domain/points/shanghai-calendar';
import type { StreamRecord } from './serial-stream';
import type { LedgerState } from '../../domain/points/ledger-state';

export type LedgerRecord = StreamRecord<LedgerState, LedgerEffect>;

/** One line of a member's points history. */
export interface LedgerEntryView {
  seq: number;
  kind: LedgerEffect['kind'];
  status: LedgerEffect['status'];
  refusedCode?: string;
  amount: number;
  reason: string;
  sourceRef: string;
  ruleId?: string;
  rightId?: string;
  redemptionId?: string;
  free?: boolean;
  note?: string;
  atMs: number;
  expiresAtMs?: number;
  /** Shanghai date of the last day the credited points can be spent. */
  validUntil?: string;
  balanceAfter: number;
  actor: LedgerEffect['actor'];
}

export function toEntryView(r: LedgerRecord): LedgerEntryView {
  const e = r.effect;
  const view: LedgerEntryView = {
    seq: r.seq,
    kind: e.kind,
    status: e.status,
    amount: e.amount,
    reason: e.reason,
    sourceRef: e.sourceRef,
    atMs: e.atMs,
    balanceAfter: e.balanceAfter,
    actor: e.actor,
  };
  if (e.refusedCode) view.refusedCode = e.refusedCode;
  if (e.ruleId) view.ruleId = e.ruleId;
  if (e.rightId) view.rightId = e.rightId;
  if (e.redemptionId) view.redemptionId = e.redemptionId;
  if (e.free) view.free = true;
  if (e.note) view.note = e.note;
  if (e.expiresAtMs !== undefined) {
    view.expiresAtMs = e.expiresAtMs;
    if (e.amount > 0) view.validUntil = lastValidDay(e.expiresAtMs);
  }
  return view;
}
