import { nextFollowUp } from '../../../domain/reminders/follow-up-cadence';
import type { ReminderDoc } from '../reminder-doc';
import type { RunState } from './run-state';

/*
 * The follow-up cadence inside a run (rules: shared/domain/reminders/follow-up-cadence.ts). The
 * member's last response is read once, when the reminder falls due, and remembered in the run state
 * so that the send's outcome counts the same response when it updates the cadence.
 */

/** The cadence's verdict for a follow-up falling due now (undefined for other reminders). */
export async function cadenceDecision(run: RunState, doc: ReminderDoc, nowMs: number) {
  if (!doc.cadence || !doc.memberId) return undefined;
  const lastResponseAtMs = await run.deps.memberState.lastResponseAtMs(doc.memberId);
  run.cadenceResponse.set(doc._id, lastResponseAtMs);
  return nextFollowUp({ lastResponseAtMs, ...doc.cadence }, nowMs);
}

/** The cadence after a send: a fresh count when the member answered since the silence began, else one more ignored. */
export function cadenceAfterSend(run: RunState, doc: ReminderDoc, nowMs: number) {
  const c = doc.cadence ?? { ignoredCount: 0, startedIgnoringAtMs: null };
  const lastResponse = run.cadenceResponse.get(doc._id) ?? null;
  const answered = c.startedIgnoringAtMs !== null && lastResponse !== null && lastResponse >= c.startedIgnoringAtMs;
  if (c.ignoredCount === 0 || answered) return { ignoredCount: 1, startedIgnoringAtMs: nowMs };
  return { ignoredCount: c.ignoredCount + 1, startedIgnoringAtMs: c.startedIgnoringAtMs };
}
