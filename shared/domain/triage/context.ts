import {
  ACUTE_STRONG,
  ACUTE_WEAK,
  CHRONIC_PREFIXES,
  DISEASE_TALK,
  EVENT_SUFFIXES,
  HYPOTHETICAL,
  INSURANCE,
  KNOWLEDGE,
  KNOWLEDGE_HOW,
  KNOWLEDGE_MEDIA,
  LIST_JOINERS,
  NEGATION_BLOCKERS,
  NEGATION_FILLERS,
  NEGATORS,
  PAST,
  PAST_SUFFIXES,
  PAST_SUFFIX_BLOCKERS,
  RESOLVED,
} from './lexicon/context';
import type { Clause } from './normalize';
import { compileAny, containsAny, findAll, phraseToSource } from './pattern';

const alternation = (phrases: readonly string[]): string =>
  [...phrases].sort((a, b) => b.length - a.length).map(phraseToSource).join('|');

const NEGATION_TAIL = new RegExp(`(?:${alternation(NEGATORS)})(?:${alternation(NEGATION_FILLERS)}){0,2}$`);
const NEGATION_BLOCKER_RE = compileAny(NEGATION_BLOCKERS);
const JOINERS_ONLY = new RegExp(`^(?:${alternation(LIST_JOINERS)})*$`);
const PAST_SUFFIX_RE = new RegExp(`^(?:${alternation(PAST_SUFFIXES)})`);
const PAST_SUFFIX_BLOCKER_RE = new RegExp(`^(?:${alternation(PAST_SUFFIX_BLOCKERS)})`);
const EVENT_SUFFIX_RE = new RegExp(`^(?:${alternation(EVENT_SUFFIXES)})`);
const CHRONIC_PREFIX_RE = new RegExp(`(?:${alternation(CHRONIC_PREFIXES)})$`);
const ACUTE_STRONG_RE = compileAny(ACUTE_STRONG);
const ACUTE_WEAK_RE = compileAny(ACUTE_WEAK);
const RESOLVED_RE = compileAny(RESOLVED);
const KNOWLEDGE_MEDIA_RE = compileAny(KNOWLEDGE_MEDIA);
const HYPOTHETICAL_RE = compileAny(HYPOTHETICAL);
const PAST_RE = compileAny(PAST);
const INSURANCE_RE = compileAny(INSURANCE);
const KNOWLEDGE_RE = compileAny(KNOWLEDGE);
const KNOWLEDGE_HOW_RE = compileAny(KNOWLEDGE_HOW);
const DISEASE_TALK_RE = compileAny(DISEASE_TALK);

/**
 * True when a negator (plus at most two fillers) sits right before the mention in its clause:
 * 没有胸痛, 不胸闷, 没出现过呼吸困难. Hedges that contain a negator (是不是中风, 不知道是不是) do not count.
 */
export function negatedByPrefix(text: string, clause: Clause, start: number): boolean {
  const from = Math.max(clause.start, start - 8);
  const prefix = text.slice(from, start);
  const m = NEGATION_TAIL.exec(prefix);
  if (!m) return false;
  const negStart = from + m.index;
  const region = text.slice(Math.max(clause.start, negStart - 3), Math.min(clause.start + clause.text.length, negStart + 4));
  const regionStart = Math.max(clause.start, negStart - 3);
  for (const b of findAll(NEGATION_BLOCKER_RE, region)) {
    const bs = regionStart + b.start;
    const be = regionStart + b.end;
    if (bs <= negStart && be > negStart) return false;
  }
  return true;
}

/** 没有胸痛、出汗: the gap between a negated mention and the next one holds only joiners. */
export function carriesNegation(text: string, previousEnd: number, start: number): boolean {
  if (start < previousEnd) return true;
  const gap = text.slice(previousEnd, start);
  return gap.length > 0 && JOINERS_ONLY.test(gap);
}

export interface MentionContext {
  readonly text: string;
  readonly clauses: readonly Clause[];
  readonly clauseIndex: number;
  readonly start: number;
  readonly end: number;
  /** Disease names (中风, 心梗) are also silenced by "has the condition" talk. */
  readonly disease: boolean;
}

export interface Verdict {
  /** The mention describes something happening now. */
  readonly live: boolean;
  /** Some silencing cue was present but outweighed: live, with less confidence. */
  readonly contested: boolean;
}

function sentenceBounds(clauses: readonly Clause[], index: number): { start: number; end: number } {
  const sentence = clauses[index]?.sentence;
  const same = clauses.filter((c) => c.sentence === sentence);
  const first = same[0];
  const last = same[same.length - 1];
  return { start: first?.start ?? 0, end: last ? last.start + last.text.length : 0 };
}

/** See lexicon/context.ts for the precedence this implements. */
export function judgeMention(ctx: MentionContext): Verdict {
  const clause = ctx.clauses[ctx.clauseIndex];
  if (!clause) return { live: true, contested: false };
  const clauseText = clause.text;
  if (containsAny(ACUTE_STRONG_RE, clauseText)) return { live: true, contested: false };

  const clauseEnd = clause.start + clauseText.length;
  const after = ctx.text.slice(ctx.end, clauseEnd);
  const before = ctx.text.slice(clause.start, ctx.start);
  const sentence = sentenceBounds(ctx.clauses, ctx.clauseIndex);
  const pastSuffix = PAST_SUFFIX_RE.test(after) && !PAST_SUFFIX_BLOCKER_RE.test(after);
  const strongSilence =
    containsAny(RESOLVED_RE, clauseText) ||
    containsAny(KNOWLEDGE_HOW_RE, clauseText) ||
    pastSuffix ||
    containsAny(KNOWLEDGE_MEDIA_RE, ctx.text.slice(sentence.start, sentence.end)) ||
    containsAny(HYPOTHETICAL_RE, ctx.text.slice(sentence.start, ctx.start));
  if (strongSilence) return { live: false, contested: true };

  const acute = containsAny(ACUTE_WEAK_RE, clauseText);
  const weakSilence =
    containsAny(PAST_RE, clauseText) || containsAny(INSURANCE_RE, clauseText) || containsAny(KNOWLEDGE_RE, clauseText);
  if (weakSilence && !acute) return { live: false, contested: true };
  const diseaseSilence =
    ctx.disease && (CHRONIC_PREFIX_RE.test(before) || containsAny(DISEASE_TALK_RE, clauseText));
  if (diseaseSilence && !acute && !EVENT_SUFFIX_RE.test(after)) return { live: false, contested: true };
  return { live: true, contested: weakSilence || diseaseSilence };
}
