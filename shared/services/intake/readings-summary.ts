import type { ReadingsSummary } from '../../domain/health/plan-adjustments';
import type { IntakeDeps } from './deps';
import { ensureIntakeIndexes } from './indexes';
import { READINGS, type ReadingDoc } from './readings';
import { READING_ENCRYPTED } from './sensitive-fields';

/**
 * A member's blood pressure and fasting glucose readings measured in [startMs, endMs), decrypted, oldest
 * first — what plan adjustments (plan-adaptation.ts) and behaviour scores (behaviour-scores.ts) read.
 * Without `endMs`, everything from `startMs` on.
 */
export async function readingsSummaryBetween(deps: Pick<IntakeDeps, 'store' | 'cipher'>, memberId: string, startMs: number, endMs?: number): Promise<ReadingsSummary> {
  await ensureIntakeIndexes(deps.store);
  const measuredAtMs = endMs === undefined ? { $gte: startMs } : { $gte: startMs, $lt: endMs };
  const docs = await deps.store
    .collection<ReadingDoc>(READINGS)
    .find({ memberId, type: { $in: ['blood_pressure', 'fasting_glucose'] }, measuredAtMs }, { sort: { measuredAtMs: 1, _id: 1 } });
  const summary: { bloodPressure: ReadingsSummary['bloodPressure'][number][]; fastingGlucose: ReadingsSummary['fastingGlucose'][number][] } = { bloodPressure: [], fastingGlucose: [] };
  for (const doc of docs) {
    const value = deps.cipher.decryptFields(doc, READING_ENCRYPTED, memberId).value as Record<string, number>;
    if (doc.type === 'blood_pressure') summary.bloodPressure.push({ atMs: doc.measuredAtMs, systolic: value.systolic ?? 0, diastolic: value.diastolic ?? 0 });
    else summary.fastingGlucose.push({ atMs: doc.measuredAtMs, mmolL: value.mmolL ?? 0 });
  }
  return summary;
}
