import type { HttpContext } from './app';

/**
 * The one replay flag of an outcome answer (a sign-up, an award, a reading, a reply): `replayed: true`
 * when an idempotency key (or a natural key: a reading's time, a report's id, a seat) had already been
 * applied and nothing new happened. Answers that carried `duplicate` keep it beside `replayed` as a
 * deprecated alias, so pages and scripts reading the old name keep working. An answer that is the
 * resource itself (a gap report, a redemption: the body GET returns) carries no flag; the header says it.
 */
export function withReplayFlag<T extends { duplicate: boolean }>(result: T): T & { replayed: boolean } {
  return { ...result, replayed: result.duplicate };
}

/**
 * An idempotent write's answer: `freshStatus` (201 by default) for something new; 200 with
 * `Idempotent-Replayed: true` for a replay.
 */
export function idempotentAnswer(c: HttpContext, body: object, replayed: boolean, freshStatus: 200 | 201 = 201) {
  if (replayed) c.header('idempotent-replayed', 'true');
  return c.json(body, replayed ? 200 : freshStatus);
}
