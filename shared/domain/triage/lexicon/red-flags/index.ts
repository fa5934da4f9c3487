import { CORE_GROUPS } from './core-groups';
import { COMPUTED_GROUPS, MORE_GROUPS, type ComputedGroup } from './more-groups';
import type { TermGroup } from './types';

/** Every concept with phrases: one namespace for the rules (rules.ts). */
export const TERM_GROUPS = { ...CORE_GROUPS, ...MORE_GROUPS } as const satisfies Record<string, TermGroup>;
export type PhraseGroupName = keyof typeof TERM_GROUPS;
export type TermGroupName = PhraseGroupName | ComputedGroup;
export { COMPUTED_GROUPS, type ComputedGroup };
export { RED_FLAG_RULES, URGENT_CRITERIA } from './rules';
export type { RedFlagPattern, RedFlagRule, TermGroup } from './types';
