import { afterEach, describe, expect, it } from 'vitest';
import { countingStore } from '../../../bench/counting-store';
import { runMonthlyScores } from '../../../shared/services/intake/behaviour-scores';
import { runHourlyPlanRuns } from '../../../shared/services/intake/hourly-plan-runs';
import { PLAN_EVALUATIONS, runDailyPlanEvaluations } from '../../../shared/services/intake/plan-evaluation-run';
import { PLANS } from '../../../shared/services/intake/plans';
import { submitHealthForm } from '../../../shared/services/intake/submit-form';
import { memberActor, seedMember, startTestEnv, type TestEnv } from './support';

/** 2026-07-03 10:00 Shanghai: June can be scored and today's plan evaluation is due. */
const JULY_3 = Date.UTC(2026, 6, 3, 2, 0);
const form = { age: 50, sex: 'female', heightCm: 160, weightKg: 60, smoking: 'never', drinking: 'never', exerciseDaysPerWeek: 3, familyHistory: [], conditions: [], consent: { healthDataProcessing: true, textVersion: 'health-data-v1' } };

const envs: TestEnv[] = [];
afterEach(async () => {
  await Promise.all(envs.splice(0).map((e) => e.close()));
});

/** Three members with a plan (made in May), the clock on July 3rd. */
async function withPlans(): Promise<TestEnv> {
  const env = await startTestEnv(Date.UTC(2026, 4, 1, 2, 0));
  envs.push(env);
  for (const memberId of ['m_a', 'm_b', 'm_c']) {
    await seedMember(env, { memberId });
    await submitHealthForm(env.intake, memberId, form, memberActor(memberId));
  }
  env.clock.set(JULY_3);
  return env;
}

describe('the intake timer’s plan runs', () => {
  it('read the plans collection once for both the daily evaluation and the monthly scores, with the answers of the two runs on their own', async () => {
    const together = await withPlans();
    const counting = countingStore(together.deps.store);
    const deps = { ...together.intake, store: counting.store };
    const first = await runHourlyPlanRuns(deps, { batch: 2 });
    expect(counting.counts.byMethod[`${PLANS}.find`]).toBe(1);
    const second = await runHourlyPlanRuns(deps, { batch: 2 });
    expect(counting.counts.byMethod[`${PLANS}.find`]).toBe(2);

    const apart = await withPlans();
    const alone = async () => ({ plans: await runDailyPlanEvaluations(apart.intake, { batch: 2 }), scores: await runMonthlyScores(apart.intake, { batch: 2 }) });
    expect([first, second]).toEqual([await alone(), await alone()]);
    expect(first).toEqual({ plans: { day: '2026-07-03', evaluated: 2, changed: 0, remaining: 1 }, scores: { month: '2026-06', computed: 2, remaining: 1 } });
    expect(second).toMatchObject({ plans: { evaluated: 1, remaining: 0 }, scores: { computed: 1, remaining: 0 } });
    const marked = async (env: TestEnv) => (await env.deps.store.collection(PLAN_EVALUATIONS).find({}, { sort: { _id: 1 } })).map((d) => [d._id, d.day]);
    expect(await marked(together)).toEqual(await marked(apart));
  });
});
