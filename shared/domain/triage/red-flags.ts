import { carriesNegation, createJudge, negatedByPrefix, type Verdict } from './context';
import {
  RED_FLAG_RULES,
  TERM_GROUPS,
  type PhraseGroupName,
  type RedFlagPattern,
  type TermGroup,
  type TermGroupName,
} from './lexicon/red-flags';
import type { Clause } from './normalize';
import { compileAny, findAll } from './pattern';
import { findReadings } from './readings';
import { RED_FLAGS, type RedFlag } from './types';
import { findVitals } from './vitals';

const GROUP_NAMES = Object.keys(TERM_GROUPS) as PhraseGroupName[];
let groupRes: ReadonlyMap<PhraseGroupName, RegExp> | undefined;
/** Compiled on first use, so a cold start that never classifies pays nothing. */
const compiledGroups = (): ReadonlyMap<PhraseGroupName, RegExp> =>
  (groupRes ??= new Map(GROUP_NAMES.map((name) => [name, compileAny(TERM_GROUPS[name].phrases)])));
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
  /** The most urgent criterion of this kind that fired. */
  readonly disposition: 'emergency' | 'urgent';
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
  for (const [group, re] of compiledGroups()) {
    for (const span of findAll(re, text)) push(group, span.start, span.end);
  }
  for (const span of [...findReadings(text), ...findVitals(text)]) push(span.group, span.start, span.end);
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
  const disease = ((TERM_GROUPS as Record<string, TermGroup | undefined>)[anchorGroup]?.disease ?? false) === true;
  const base = pattern.confidence ?? DEFAULT_CONFIDENCE;
  if (pattern.scope !== 'clause' && !others.every((g) => group(g).anyLive)) return undefined;
  if (pattern.unlessMessage?.some((g) => group(g).anyLive)) return undefined;
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

/**
 * Symptom concepts: the groups that anchor a criterion (a call for help excepted, it is also a figure
 * of speech). A live mention of one is medical talk even when no criterion fires (routing, intent.ts).
 */
let symptomGroups: ReadonlySet<TermGroupName> | undefined;
const symptomConcepts = (): ReadonlySet<TermGroupName> =>
  (symptomGroups ??= new Set(
    RED_FLAGS.filter((f) => f !== 'urgent_help').flatMap((f) => RED_FLAG_RULES[f].patterns.map((p) => p.all[0])).filter((g) => g in TERM_GROUPS),
  ));

let exceptSet: ReadonlySet<TermGroupName> | undefined;
/** Slang and names (紫砂壶, 跳楼价, 胸痛中心): the groups criteria use to cancel an overlapping mention. */
const exceptGroups = (): ReadonlySet<TermGroupName> =>
  (exceptSet ??= new Set(RED_FLAGS.flatMap((f) => RED_FLAG_RULES[f].patterns.flatMap((p) => p.except ?? []))));

export interface Detection {
  readonly hits: RedFlagHit[];
  /** Distinct symptom concepts mentioned as happening now (not negated, past or hypothetical). */
  readonly liveSymptoms: number;
}

/**
 * Red-flag kinds present now in normalised text, in the stable order of RED_FLAGS, each with its most
 * urgent criterion: any emergency criterion wins over urgent ones of the same kind.
 */
export function detectRedFlags(text: string, clauses: readonly Clause[]): RedFlagHit[] {
  return detect(text, clauses).hits;
}

export function detect(text: string, clauses: readonly Clause[]): Detection {
  const mentions = collectMentions(text, clauses);
  if (mentions.length === 0) return { hits: [], liveSymptoms: 0 };
  markNegation(text, clauses, mentions);
  const groups = indexGroups(mentions);
  const judge = createJudge(text, clauses);
  const hits: RedFlagHit[] = [];
  for (const flag of RED_FLAGS) {
    let emergency: number | undefined;
    let urgent: number | undefined;
    for (const pattern of RED_FLAG_RULES[flag].patterns) {
      const isUrgent = pattern.disposition === 'urgent';
      if (isUrgent && (emergency !== undefined || urgent !== undefined)) continue;
      const c = patternFires(pattern, groups, judge);
      if (c === undefined) continue;
      if (isUrgent) urgent = c;
      else emergency = Math.max(emergency ?? 0, c);
    }
    if (emergency !== undefined) hits.push({ flag, confidence: emergency, disposition: 'emergency' });
    else if (urgent !== undefined) hits.push({ flag, confidence: urgent, disposition: 'urgent' });
  }
  const symptoms = symptomConcepts();
  const slang = exceptGroups();
  const figurative = mentions.filter((m) => slang.has(m.group));
  const live = new Set<TermGroupName>();
  for (const m of mentions) {
    if (m.negated || live.has(m.group) || !symptoms.has(m.group)) continue;
    if (figurative.some((f) => f.start < m.end && m.start < f.end)) continue;
    if (judge({ ...m, disease: ((TERM_GROUPS as Record<string, TermGroup | undefined>)[m.group]?.disease ?? false) === true }).live) live.add(m.group);
  }
  return { hits, liveSymptoms: live.size };
}

/** Staff-facing label; codes stored by earlier versions (critical_reading) show as themselves. */
export function redFlagLabelZh(flag: string): string {
  return (RED_FLAG_RULES as Partial<Record<string, { labelZh: string }>>)[flag]?.labelZh ?? flag;
}
