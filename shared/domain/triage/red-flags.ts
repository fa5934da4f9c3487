import { carriesNegation, createJudge, negatedByPrefix, type Verdict } from './context';
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

interface GroupIndex {
  readonly mentions: readonly Mention[];
  /** Clauses with a mention of the group (any / not negated). */
  readonly clausesAny: ReadonlySet<number>;
  readonly clausesLive: ReadonlySet<number>;
  readonly anyLive: boolean;
}

const EMPTY_GROUP: GroupIndex = { mentions: [], clausesAny: new Set(), clausesLive: new Set(), anyLive: false };

function indexGroups(mentions: readonly Mention[]): Map<TermGroupName, GroupIndex> {
  const byGroup = new Map<TermGroupName, Mention[]>();
  for (const m of mentions) {
    const list = byGroup.get(m.group);
    if (list) list.push(m);
    else byGroup.set(m.group, [m]);
  }
  const index = new Map<TermGroupName, GroupIndex>();
  for (const [group, list] of byGroup) {
    const live = list.filter((m) => !m.negated);
    index.set(group, {
      mentions: list,
      clausesAny: new Set(list.map((m) => m.clauseIndex)),
      clausesLive: new Set(live.map((m) => m.clauseIndex)),
      anyLive: live.length > 0,
    });
  }
  return index;
}

function patternFires(
  pattern: RedFlagPattern,
  groups: ReadonlyMap<TermGroupName, GroupIndex>,
  judge: (m: Mention & { disease: boolean }) => Verdict,
): number | undefined {
  const [anchorGroup, ...others] = pattern.all;
  const group = (g: TermGroupName): GroupIndex => groups.get(g) ?? EMPTY_GROUP;
  const disease = (TERM_GROUPS[anchorGroup] as { disease?: boolean }).disease === true;
  const base = pattern.confidence ?? DEFAULT_CONFIDENCE;
  if (pattern.scope !== 'clause' && !others.every((g) => group(g).anyLive)) return undefined;
  let best: number | undefined;
  for (const anchor of group(anchorGroup).mentions) {
    if (anchor.negated) continue;
    const clause = anchor.clauseIndex;
    if (pattern.unless?.some((g) => group(g).clausesAny.has(clause))) continue;
    if (pattern.scope === 'clause' && !others.every((g) => group(g).clausesLive.has(clause))) continue;
    const overlapped = (g: TermGroupName): boolean =>
      group(g).mentions.some((m) => m.start < anchor.end && anchor.start < m.end);
    if (pattern.except?.some(overlapped)) continue;
    const verdict = judge({ ...anchor, disease });
    if (!verdict.live) continue;
    const confidence = verdict.contested ? Math.min(base, CONTESTED_CONFIDENCE) : base;
    best = Math.max(best ?? 0, confidence);
    if (best >= base) break;
  }
  return best;
}

/** Red flags present now in normalised text, in the stable order of RED_FLAGS. */
export function detectRedFlags(text: string, clauses: readonly Clause[]): RedFlagHit[] {
  const mentions = collectMentions(text, clauses);
  if (mentions.length === 0) return [];
  markNegation(text, clauses, mentions);
  const groups = indexGroups(mentions);
  const judge = createJudge(text, clauses);
  const hits: RedFlagHit[] = [];
  for (const flag of RED_FLAGS) {
    let best: number | undefined;
    for (const pattern of RED_FLAG_RULES[flag].patterns) {
      const c = patternFires(pattern, groups, judge);
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
