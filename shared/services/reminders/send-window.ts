import { MINUTE_MS } from '../../domain/reminders/shanghai-time';

/**
 * The part of one timer tick a run may send in, on the run's monotonic clock (Date.now in
 * production). The timer fires at second 0 of every minute and every run of a tick (fan-out
 * workers too) sends inside that tick's window, so windows never overlap: a run may spend a whole
 * minute's share of an API inside its window (ApiPacer `sendWindowMs`) and any 60 s still sees at
 * most that share.
 */
export interface SendWindow {
  fromMs: number;
  toMs: number;
}

/**
 * The window of the tick scheduled at `firedAtMs` (the timer event's `Time`: second 0 of its minute
 * for the every-minute trigger), lasting `usableMs` (the function's time limit less the safety
 * margin, so a run that starts on time still ends in time), never more than the minute. It is
 * anchored to the tick, not to when the function started: a run that starts late (cold start,
 * queueing) loses only the part already gone and never reaches into the next tick's window; one
 * that starts after its window (a retried invocation) sends nothing.
 */
export function tickSendWindow(firedAtMs: number, usableMs: number): SendWindow {
  return { fromMs: firedAtMs, toMs: firedAtMs + Math.max(0, Math.min(MINUTE_MS, usableMs)) };
}
