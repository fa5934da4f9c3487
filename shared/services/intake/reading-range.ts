import * as z from 'zod';
import { parseInput } from '../../validation';
import type { IntakeDeps } from './deps';
import { ensureIntakeIndexes } from './indexes';
import { readingBands, type ReadingBands } from './reading-bands';
import { READINGS, readingView, type ReadingDoc, type ReadingView } from './readings';

const DAY_MS = 86_400_000;
/** Without a range the route answers as it always did: the latest 50. */
const LATEST_DEFAULT = 50;
/** 90 days of twice-daily BP plus glucose and weight stays well under this. */
const RANGE_DEFAULT = 1000;

/**
 * `GET /api/intake/members/:memberId/readings` query: a trend window as `days` (the chart's 7/30/90
 * day tabs) or an explicit `sinceMs`, not both.
 */
export const ReadingsQuerySchema = z
  .strictObject({
    sinceMs: z.coerce.number().int().nonnegative().optional(),
    days: z.enum(['7', '30', '90']).optional(),
    limit: z.coerce.number().int().min(1).max(RANGE_DEFAULT).optional(),
  })
  .refine((q) => q.sinceMs === undefined || q.days === undefined, { path: ['days'], message: 'give days or sinceMs, not both' });
export type ReadingsQuery = z.infer<typeof ReadingsQuerySchema>;

export interface ReadingsPage {
  /** Newest first. */
  readings: ReadingView[];
  /** Start of the window asked for (null: no window, the latest readings). */
  sinceMs: number | null;
  /** More readings in the window than `limit`: the oldest were left out. */
  truncated: boolean;
  bands: ReadingBands;
}

export const parseReadingsQuery = (query: Record<string, string>): ReadingsQuery => parseInput(ReadingsQuerySchema, query, 'readings query');

/** The member's readings in the window, each with the red flag it fired, and the chart's bands. */
export async function readingsInRange(deps: Pick<IntakeDeps, 'store' | 'cipher' | 'clock'>, memberId: string, q: ReadingsQuery): Promise<ReadingsPage> {
  await ensureIntakeIndexes(deps.store);
  const sinceMs = q.days !== undefined ? deps.clock.nowMs() - Number(q.days) * DAY_MS : (q.sinceMs ?? null);
  const limit = q.limit ?? (sinceMs === null ? LATEST_DEFAULT : RANGE_DEFAULT);
  const docs = await deps.store
    .collection<ReadingDoc>(READINGS)
    .find({ memberId, ...(sinceMs !== null && { measuredAtMs: { $gte: sinceMs } }) }, { sort: { measuredAtMs: -1, _id: 1 }, limit: limit + 1 });
  return {
    readings: docs.slice(0, limit).map((d) => readingView(deps, d)),
    sinceMs,
    truncated: docs.length > limit,
    bands: readingBands(),
  };
}
