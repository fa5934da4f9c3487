import type { AppDeps } from '../../runtime/deps';

/** Credits `plan_task_completed` for one occurrence; idempotent per key. Resolves to the points credited (0: capped or already credited). */
export type AwardTaskPoints = (memberId: string, sourceRef: string, idempotencyKey: string) => Promise<number>;

/** What the plan-task use cases need: the store, clock and cipher (reminder titles), and the points hand-off. */
export type PlanTaskDeps = Pick<AppDeps, 'store' | 'clock' | 'cipher' | 'log'> & { awardPoints?: AwardTaskPoints };
