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
});

