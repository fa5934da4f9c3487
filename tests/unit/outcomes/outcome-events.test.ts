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
});
