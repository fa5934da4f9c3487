import { carriesNegation, judgeMention, negatedByPrefix } from './context';
import { RED_FLAG_RULES, TERM_GROUPS, type RedFlagPattern, type TermGroupName } from './lexicon/red-flags';
import type { Clause } from './normalize';
import { compileAny, findAll } from './pattern';
import { findCriticalReadings } from './readings';
import { RED_FLAGS, type RedFlag } from './types';

const GROUP_NAMES = Object.keys(TERM_GROUPS) as TermGroupName[];
const GROUP_RES: ReadonlyMap<TermGroupName, RegExp> = new Map(
  GROUP_NAMES.map((name) => [name, compileAny(TERM_GROUPS[name].phrases)]),
);
const NUMERIC_GROUP: TermGroupName = 'numeric_reading';
const DEFAULT_CONFIDENCE = 0.95;
const CONTESTED_CONFIDENCE = 0.7;

interface Mention {
  readonly group: TermGroupName;
  readonly start: number;
  readonly end: number;
  readonly clauseIndex: number;
  negated: boolean;
}

export interface RedFlagHit {
  readonly flag: RedFlag;
  readonly confidence: number;
}

function clauseIndexAt(clauses: readonly Clause[], pos: number): number {
  for (let i = clauses.length - 1; i >= 0; i--) {
    if ((clauses[i] as Clause).start <= pos) return i;
  }
  return 0;
}

function collectMentions(text: string, clauses: readonly Clause[]): Mention[] {
  const mentions: Mention[] = [];
  const push = (group: TermGroupName, start: number, end: number): void => {
    mentions.push({ group, start, end, clauseIndex: clauseIndexAt(clauses, start), negated: false });
  };
  for (const [group, re] of GROUP_RES) {
    for (const span of findAll(re, text)) push(group, span.start, span.end);
  }
  for (const span of findCriticalReadings(text)) push(NUMERIC_GROUP, span.start, span.end);
  return mentions;
}

/** Marks negated mentions: a negator right before, or a list continuing a negated mention. */
function markNegation(text: string, clauses: readonly Clause[], mentions: Mention[]): void {
  const ordered = [...mentions].sort((a, b) => a.start - b.start || b.end - a.end);
  let lastNegated: Mention | undefined;
  for (const m of ordered) {
    const clause = clauses[m.clauseIndex] as Clause;
    const continues =
      lastNegated !== undefined && lastNegated.clauseIndex === m.clauseIndex && carriesNegation(text, lastNegated.end, m.start);
    m.negated = continues || negatedByPrefix(text, clause, m.start);
    if (m.negated) lastNegated = m;
    else if (lastNegated && m.start >= lastNegated.end) lastNegated = undefined;
  }
}

function patternFires(
  pattern: RedFlagPattern,
  byGroup: ReadonlyMap<TermGroupName, Mention[]>,
  text: string,
  clauses: readonly Clause[],
): number | undefined {
  const [anchorGroup, ...others] = pattern.all;
  const anchors = (byGroup.get(anchorGroup) ?? []).filter((m) => !m.negated);
  const disease = (TERM_GROUPS[anchorGroup] as { disease?: boolean }).disease === true;
  let best: number | undefined;
  for (const anchor of anchors) {
    const inClause = (g: TermGroupName, negatedToo: boolean): boolean =>
      (byGroup.get(g) ?? []).some((m) => m.clauseIndex === anchor.clauseIndex && (negatedToo || !m.negated));
    if (pattern.unless?.some((g) => inClause(g, true))) continue;
    const overlapped = (g: TermGroupName): boolean =>
      (byGroup.get(g) ?? []).some((m) => m.start < anchor.end && anchor.start < m.end);
    if (pattern.except?.some(overlapped)) continue;
    const othersPresent = others.every((g) =>
      pattern.scope === 'clause' ? inClause(g, false) : (byGroup.get(g) ?? []).some((m) => !m.negated),
    );
    if (!othersPresent) continue;
    const verdict = judgeMention({ text, clauses, clauseIndex: anchor.clauseIndex, start: anchor.start, end: anchor.end, disease });
    if (!verdict.live) continue;
    const base = pattern.confidence ?? DEFAULT_CONFIDENCE;
    const confidence = verdict.contested ? Math.min(base, CONTESTED_CONFIDENCE) : base;
    best = Math.max(best ?? 0, confidence);
  }
  return best;
}

/** Red flags present now in normalised text, in the stable order of RED_FLAGS. */
export function detectRedFlags(text: string, clauses: readonly Clause[]): RedFlagHit[] {
  const mentions = collectMentions(text, clauses);
  if (mentions.length === 0) return [];
  markNegation(text, clauses, mentions);
  const byGroup = new Map<TermGroupName, Mention[]>();
  for (const m of mentions) {
    const list = byGroup.get(m.group);
    if (list) list.push(m);
    else byGroup.set(m.group, [m]);
  }
  const hits: RedFlagHit[] = [];
  for (const flag of RED_FLAGS) {
    let best: number | undefined;
    for (const pattern of RED_FLAG_RULES[flag].patterns) {
      const c = patternFires(pattern, byGroup, text, clauses);
      if (c !== undefined) best = Math.max(best ?? 0, c);
    }
    if (best !== undefined) hits.push({ flag, confidence: best });
  }
  return hits;
}

export function firstAidFor(flags: readonly RedFlag[]): string[] {
  return flags.map((f) => RED_FLAG_RULES[f].firstAidZh);
}

export function redFlagLabelZh(flag: RedFlag): string {
  return RED_FLAG_RULES[flag].labelZh;
}
