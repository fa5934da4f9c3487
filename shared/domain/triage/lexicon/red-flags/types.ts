import type { RedFlag } from '../../types';
import type { TermGroupName } from './index';

/** A concept: the words members use for one symptom, body part, act, substance, event or person. */
export interface TermGroup {
  readonly phrases: readonly string[];
  /** Disease names (中风, 心梗): also silenced by "has the condition" talk (有心梗, 脑梗患者). */
  readonly disease?: boolean;
  /**
   * A member's own words of ending their life or of the means ready (不想活了, 药都准备好了): never silenced by insurance
   * talk around them (我的理赔钱到了给我儿子吧我不想活了). The suicide clause asked about is its own group (suicide_insurance).
   */
  readonly notInsuranceTalk?: boolean;
  /**
   * Words of recovery or care (RESOLVED: 挺好的, 复查) never clear it: a danger whatever the person looks like now (a button
   * battery swallowed burns through the gullet within hours, 现在看着挺好的，没啥反应), or a worry put in care's own words
   * (医生让我尽快复查). Past, hypothetical and knowledge talk still do.
   */
  readonly notSilencedByRecovery?: boolean;
}

/**
 * A criterion of a red-flag kind: concepts that must all be present. It fires when its first group
 * (the anchor) has a live mention — not negated, not past or hypothetical, not inside an `except`
 * mention, no `unless` group in its clause — and every other group has a non-negated mention in the
 * same clause (`scope: 'clause'`) or anywhere in the message (default). Person groups (age_infant,
 * elderly, pregnant, anticoagulant…) and number groups (bp_critical, temp_38, pulse_extreme,
 * minutes_long…) are concepts like any other, filled by code (../../person.ts, ../../readings.ts).
 * `disposition` is `emergency` unless the criterion only means "a doctor today" (`urgent`).
 * `confidence` is how sure a hit of this criterion alone is (default 0.95).
 */
export interface RedFlagPattern {
  readonly all: readonly [TermGroupName, ...TermGroupName[]];
  readonly scope?: 'clause' | 'message';
  readonly unless?: readonly TermGroupName[];
  /** Like `unless`, anywhere in the message: 打呼噜 in one clause explains 憋气 in the next. */
  readonly unlessMessage?: readonly TermGroupName[];
  /** Mentions of these groups that overlap the anchor cancel it: slang such as 紫砂壶, 想死你们, 中风险. */
  readonly except?: readonly TermGroupName[];
  readonly disposition?: 'emergency' | 'urgent';
  readonly confidence?: number;
  /**
   * Every group, not only the anchor, needs a mention judged live (not past, resolved, hypothetical or
   * knowledge): a baby's age is always "now", so the fever beside it must be judged on its own.
   */
  readonly everyLive?: boolean;
}

export interface RedFlagRule {
  readonly labelZh: string;
  readonly patterns: readonly RedFlagPattern[];
}

export type RedFlagRules = Record<RedFlag, RedFlagRule>;
