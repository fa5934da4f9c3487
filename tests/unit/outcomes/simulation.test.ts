import { describe, expect, it } from 'vitest';
import { simulateOutcomes, SIMULATED } from '../../../dev/outcomes-simulation';
import { buildReport } from '../../../shared/domain/outcomes/report';
import { SMALL_CELL_MIN } from '../../../shared/domain/outcomes/metrics';
import { recomputeDays, storedRows } from '../../../shared/services/outcomes/aggregation';

const rateOf = (r: Awaited<ReturnType<typeof simulateOutcomes>>['report'], id: keyof NonNullable<typeof r.overall>['metrics']) => r.overall!.metrics[id].rate!;

describe('seeded outcome simulation (2,000 members, 90 days)', () => {
  it('yields the five metrics near the behaviour simulated, and the same numbers when aggregated again', async () => {
    const a = await simulateOutcomes({ seed: 7, members: 2_000 });
    const r = a.report;
    // Every invitation in the first 60 days is followed by a join within 10 days or none at all.
    expect(rateOf(r, 'join_rate')).toBeGreaterThan(SIMULATED.joins - 0.03);
    expect(rateOf(r, 'join_rate')).toBeLessThan(SIMULATED.joins + 0.03);
    expect(rateOf(r, 'plan_completion')).toBeGreaterThan(SIMULATED.taskDone - 0.04);
    expect(rateOf(r, 'plan_completion')).toBeLessThan(SIMULATED.taskDone + 0.04);
    expect(rateOf(r, 'profile_completion')).toBeGreaterThan(0.6);
    expect(rateOf(r, 'insurance_conversion')).toBeGreaterThan(0.02);
    expect(rateOf(r, 'retention')).toBeGreaterThan(0.9);
    expect(rateOf(r, 'sla_compliance')).toBeGreaterThan(SIMULATED.answeredWithinSla - 0.05);
    // Small cells never leave: every cell shown has at least 10 members.
    for (const cell of [...r.byScene, ...r.byCampaign, ...Object.values(r.byTeamMember).flat()]) expect(cell.members).toBeGreaterThanOrEqual(SMALL_CELL_MIN);

    const again = await recomputeDays({ store: a.store, clock: a.clock }, a.from, a.to);
    expect(again.rows).toBeGreaterThan(0);
    expect(buildReport(await storedRows(a.store, a.from, a.to))).toEqual(r);

  }, 120_000);

  it('is reproducible from its seed', async () => {
    const a = await simulateOutcomes({ seed: 11, members: 300 });
    const b = await simulateOutcomes({ seed: 11, members: 300 });
    expect(b.events).toBe(a.events);
    expect(b.report).toEqual(a.report);
    const other = await simulateOutcomes({ seed: 12, members: 300 });
    expect(other.report).not.toEqual(a.report);
  }, 60_000);
});
