import { ValidationError } from '../../errors';
import { QUIET_HOURS } from './policy';
import { atLocalTime, localDayNumber } from './shanghai-time';

export interface SentContent {
  contentHash: string;
  sentAtMs: number;
}

export interface DeliveryRulesInput {
  /** Pushes already sent to this member on the current Shanghai calendar day. */
  sentToday: number;
  cap: number;
  /** Recent pushes to this member (any age; older than the window are ignored). */
  recentContentHashes: readonly SentContent[];
  contentHash: string;
  windowMs: number;
  nowMs: number;
}

export type DeliveryDecision =
  | { ok: true }
  | { ok: false; reason: 'daily_cap' | 'duplicate_content'; retryAtMs?: number };

function nonNegativeInt(value: number, field: string): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new ValidationError(`${field} must be a non-negative integer`, [{ field, message: 'must be a non-negative integer' }]);
  }
}

/**
 * Per-member anti-spam rules, checked right before a customer push:
 * - daily cap per Shanghai calendar day → defer to the next local day at 08:00 (the quiet-hours
 *   end, so the deferral never lands in the night);
 * - the same content hash inside `windowMs` → defer until the window has passed since the latest
 *   identical push (run the result through applyQuietHours before scheduling).
 * When both apply, the reason is the cap and `retryAtMs` is the later of the two instants.
 */
export function checkDeliveryRules(input: DeliveryRulesInput): DeliveryDecision {
  nonNegativeInt(input.sentToday, 'sentToday');
  nonNegativeInt(input.cap, 'cap');
  nonNegativeInt(input.windowMs, 'windowMs');

  let duplicateClearsAtMs: number | undefined;
  for (const sent of input.recentContentHashes) {
    if (sent.contentHash !== input.contentHash) continue;
    const clearsAt = sent.sentAtMs + input.windowMs;
    if (clearsAt > input.nowMs && (duplicateClearsAtMs === undefined || clearsAt > duplicateClearsAtMs)) {
      duplicateClearsAtMs = clearsAt;
    }
  }

  if (input.sentToday >= input.cap) {
    const nextMorning = atLocalTime(localDayNumber(input.nowMs) + 1, QUIET_HOURS.end);
    return { ok: false, reason: 'daily_cap', retryAtMs: Math.max(nextMorning, duplicateClearsAtMs ?? 0) };
  }
  if (duplicateClearsAtMs !== undefined) {
    return { ok: false, reason: 'duplicate_content', retryAtMs: duplicateClearsAtMs };
  }
  return { ok: true };
}
