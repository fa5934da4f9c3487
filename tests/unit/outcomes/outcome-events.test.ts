import { describe, expect, it } from 'vitest';
import { createOutcomeEventLog } from '../../../shared/services/outcomes/outcome-events';
import { createEmbeddedStore } from '../../../shared/adapters/store/embedded';

describe('outcome event log', () => {
  it('records a step once however often a retried handler records it', async () => {
    const log = createOutcomeEventLog(createEmbeddedStore({ inMemory: true }));
    const joined = { type: 'joined', memberId: 'm1', key: 'join-1', atMs: 1_000 } as const;
    expect(await log.record(joined)).toBe(true);
    expect(await log.record({ ...joined, atMs: 2_000 })).toBe(false);
    expect(await log.record({ type: 'form_completed', memberId: 'm1', key: 'v1', atMs: 3_000 })).toBe(true);
    expect(await log.ofMember('m1')).toEqual([joined, { type: 'form_completed', memberId: 'm1', key: 'v1', atMs: 3_000 }]);
    expect(await log.ofMember('m1', ['form_completed'])).toHaveLength(1);
    expect(await log.ofMember('m2')).toEqual([]);
  });

  it('moves a provisional subject\'s events to the member once, and a re-run after an interrupted move finishes it without doubles', async () => {
    const store = createEmbeddedStore({ inMemory: true });
    const log = createOutcomeEventLog(store);
    await log.record({ type: 'invited', memberId: 'partner:abc', key: 'inv-1', atMs: 1 });
    await log.record({ type: 'policy_bought', memberId: 'partner:abc', key: 'pol-1', atMs: 2 });
    // An earlier move that recorded the first event under the member, then stopped before deleting it.
    await log.record({ type: 'invited', memberId: 'm1', key: 'inv-1', atMs: 1 });
    expect(await log.reassign('partner:abc', 'm1')).toBe(2);
    expect((await log.ofMember('m1')).map((e) => e.key)).toEqual(['inv-1', 'pol-1']);
    expect(await log.ofMember('partner:abc')).toEqual([]);
    expect(await log.reassign('partner:abc', 'm1')).toBe(0);
  });

  it('reads a member\'s events in a time window: from fromMs on, before toMs, either end open', async () => {
    const log = createOutcomeEventLog(createEmbeddedStore({ inMemory: true }));
    for (const atMs of [1_000, 2_000, 3_000, 4_000]) await log.record({ type: 'plan_task_due', memberId: 'm1', key: `k${atMs}`, atMs });
    await log.record({ type: 'joined', memberId: 'm1', key: 'j', atMs: 2_500 });
    await log.record({ type: 'plan_task_due', memberId: 'm2', key: 'k', atMs: 2_000 });
    const keys = async (range: { fromMs?: number; toMs?: number }, types: readonly ('plan_task_due' | 'joined')[] = ['plan_task_due']) => (await log.ofMember('m1', types, range)).map((e) => e.key);
    expect(await keys({ fromMs: 2_000, toMs: 4_000 })).toEqual(['k2000', 'k3000']);
    expect(await keys({ fromMs: 3_000 })).toEqual(['k3000', 'k4000']);
    expect(await keys({ toMs: 2_000 })).toEqual(['k1000']);
    expect(await keys({})).toEqual(['k1000', 'k2000', 'k3000', 'k4000']);
    expect(await keys({ fromMs: 2_000, toMs: 3_000 }, ['plan_task_due', 'joined'])).toEqual(['k2000', 'j']);
  });
});
