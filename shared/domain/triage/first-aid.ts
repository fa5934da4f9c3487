import { CONFLICTING_ACTIONS, DANGER_SIGNS, FIRST_AID, FIRST_AID_PRIORITY, GENERAL_DANGER_SIGNS, type FirstAidLine } from './lexicon/first-aid';
import type { RedFlag } from './types';

/** Kind lines in one reply at most: the member reads this on a phone, in a hurry. */
const MAX_LINES = 6;

export interface FirstAidPlan {
  /** Who to call, first: 120, and 110/12356 when self-harm is among the kinds. */
  readonly call: string;
  readonly lines: readonly FirstAidLine[];
}

function callLine(flags: readonly RedFlag[]): string {
  if (flags.includes('suicide')) {
    return '如已经伤害自己或正处在危险中，请立即拨打120或110；想找人说说话，可拨打24小时心理援助热线12356。';
  }
  return '【紧急】请立即拨打120急救电话，身边留人陪着，不要让他独自一人。';
}

/**
 * One coherent instruction set for every red flag that fired: the call first, then each kind's lines
 * in FIRST_AID_PRIORITY order, dropping any line whose action loses to an action of another kept line
 * (CONFLICTING_ACTIONS: the safer of a pair wins, e.g. "nothing by mouth" over "chew an aspirin").
 * Never two lines that contradict, whatever the combination (tests/unit/triage/first-aid.test.ts).
 */
export function composeFirstAid(flags: readonly RedFlag[]): FirstAidPlan {
  const ordered = FIRST_AID_PRIORITY.filter((f) => flags.includes(f));
  let kept: FirstAidLine[] = ordered.flatMap((f) => FIRST_AID[f]);
  for (const [winner, loser] of CONFLICTING_ACTIONS) {
    if (kept.some((l) => l.actions.includes(winner))) kept = kept.filter((l) => !l.actions.includes(loser));
  }
  const unique = kept.filter((l, i) => kept.findIndex((o) => o.zh === l.zh) === i);
  return { call: callLine(flags), lines: unique.slice(0, MAX_LINES) };
}

export function firstAidFor(flags: readonly RedFlag[]): string[] {
  const plan = composeFirstAid(flags);
  return [plan.call, ...plan.lines.map((l) => l.zh)];
}

/** The signs that mean 120 for an urgent message's kinds, as one line (general signs when none). */
export function dangerSignsZh(kinds: readonly RedFlag[]): string {
  const known = kinds.filter((k) => k in DANGER_SIGNS).map((k) => DANGER_SIGNS[k]);
  return known.length ? [...new Set(known)].join('；') : GENERAL_DANGER_SIGNS;
}
