import { describe, expect, it } from 'vitest';
import { CORE_GROUPS } from '../../../shared/domain/triage/lexicon/red-flags/core-groups';
import { COMPUTED_GROUPS, MORE_GROUPS } from '../../../shared/domain/triage/lexicon/red-flags/more-groups';

/*
 * The two group files are spread into one namespace (lexicon/red-flags/index.ts): a name used in both would let the
 * second silently replace the first, and every rule that meant the first would read the wrong phrases (a second
 * gas_leak once dropped 煤气味 from the gas rule this way).
 */
describe('the red-flag phrase groups', () => {
  it('share no name between the core and the more groups, nor with a computed group', () => {
    const core = Object.keys(CORE_GROUPS);
    const more = Object.keys(MORE_GROUPS);
    expect(core.filter((k) => more.includes(k))).toEqual([]);
    expect([...core, ...more].filter((k) => (COMPUTED_GROUPS as readonly string[]).includes(k))).toEqual([]);
  });
});
