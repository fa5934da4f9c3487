import { carriesNegation, continuesFeltList, createJudge, negatedByFeeling, negatedByPrefix, type Verdict } from './context';
import {
  RED_FLAG_RULES,
  TERM_GROUPS,
  URGENT_CRITERIA,
  type PhraseGroupName,
  type RedFlagPattern,
  type TermGroup,
  type TermGroupName,
} from './lexicon/red-flags';
import { type Clause } from './normalize';
import { compileAny, phrasesByStart, plainLiterals } from './pattern';
import { findReadings } from './readings';
import { RED_FLAGS, type RedFlag } from './types';
import { findVitals } from './vitals';

const GROUP_NAMES = Object.keys(TERM_GROUPS) as PhraseGroupName[];
interface CompiledGroups {
  /**
   * Character (its UTF-16 code) → for each group with phrases starting with it, a sticky regex of just
   * those phrases (longest first, as the group's own alternation): a message is scanned once, trying at
   * each position only the phrases that can start there. Codes, not one-character strings: the scan
   * reads every character of every message, and a CJK character read as a string is a new string.
   */
  readonly atChar: ReadonlyMap<number, StartsAt>;
}

/** The entries worth trying at a character, by the character after it (most are rejected on it, untried). */
interface StartsAt {
  /** Next character's code → the entries that can go on with it, and those any character can follow. */
  readonly byNext: ReadonlyMap<number, readonly StartEntry[]>;
  /** The entries any character can follow (a gap, a number, a one-character phrase). */
  readonly anyNext: readonly StartEntry[];
}

interface StartEntry {
  readonly group: PhraseGroupName;
  /** The group's index in GROUP_NAMES: a message's per-group state lives in arrays, not maps. */
  readonly index: number;
  readonly re: RegExp;
  /** The phrases as plain words in the regex's order, when all are plain (pattern.ts plainLiterals): no regex runs then. */
  readonly literals: readonly string[] | null;
  /**
   * The characters that can follow the first in any of these phrases, or null when any can (a gap,
   * a number, a one-character phrase): most positions are rejected on it without running the regex.
   */
  readonly second: ReadonlySet<string> | null;
}

let groupRes: CompiledGroups | undefined;
/** Compiled on first use, so a cold start that never classifies pays nothing. */
const compiledGroups = (): CompiledGroups => {
  if (groupRes) return groupRes;
  const atChar = new Map<string, StartEntry[]>();
  for (const [index, name] of GROUP_NAMES.entries()) {
    const groupPhrases = TERM_GROUPS[name].phrases;
    for (const [ch, { indices, seconds }] of phrasesByStart(groupPhrases)) {
      const phrases = indices.map((i) => groupPhrases[i] as string);
      const re = new RegExp(compileAny(phrases).source, 'y');
      const entry = { group: name, index, re, literals: plainLiterals(phrases), second: seconds };
      atChar.set(ch, [...(atChar.get(ch) ?? []), entry]);
    }
  }
  const starts = new Map<number, StartsAt>();
  for (const [ch, entries] of atChar) {
    // A phrase starting outside the basic plane never matches a scan that reads one code unit at a time.
    if (ch.length !== 1) continue;
    const anyNext = entries.filter((e) => e.second === null);
    const byNext = new Map<number, StartEntry[]>();
    for (const e of entries) {
      for (const next of e.second ?? []) {
        if (next.length === 1) byNext.set(next.charCodeAt(0), [...(byNext.get(next.charCodeAt(0)) ?? anyNext), e]);
      }
    }
    starts.set(ch.charCodeAt(0), { byNext, anyNext });
  }
  return (groupRes = { atChar: starts });
};

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

const mentionAt = (clauses: readonly Clause[], group: TermGroupName, span: { start: number; end: number }): Mention => ({
  group,
  start: span.start,
  end: span.end,
  clauseIndex: clauseIndexAt(clauses, span.start),
  negated: false,
});

/** Inside a longer everyday word (the 抽 of 抽血). Module-level, like mentionAt: collectMentions runs per message. */
function inOrdinary(ordinary: readonly { start: number; end: number }[], span: { start: number; end: number }): boolean {
  return ordinary.some((o) => o.start <= span.start && span.end <= o.end && span.end - span.start < o.end - o.start);
}

let cancellersOf: ReadonlyMap<string, readonly string[]> | undefined;
/** Per anchor group, the groups its criteria name in except (not_head for head_hit). */
const cancellers = (): ReadonlyMap<string, readonly string[]> => {
  if (cancellersOf) return cancellersOf;
  const byAnchor = new Map<string, string[]>();
  for (const f of RED_FLAGS) {
    for (const p of RED_FLAG_RULES[f].patterns) {
      if (!p.except) continue;
      const anchor = p.all[0] as string;
      byAnchor.set(anchor, [...new Set([...(byAnchor.get(anchor) ?? []), ...(p.except as readonly string[])])]);
    }
  }
  return (cancellersOf = byAnchor);
};

function startsInsideCanceller(spans: ReadonlyMap<string, readonly { start: number; end: number }[]>, group: string, at: number): boolean {
  for (const name of cancellers().get(group) ?? []) for (const s of spans.get(name) ?? []) if (s.start < at && at < s.end) return true;
  return false;
}

/** Length of the first of `literals` the text has at `at` (0: none). */
function literalAt(text: string, at: number, literals: readonly string[]): number {
  for (const word of literals) if (text.startsWith(word, at)) return word.length;
  return 0;
}

/** Length of the sticky regex's match at `at` (0: none). */
function regexAt(text: string, at: number, re: RegExp): number {
  re.lastIndex = at;
  return re.exec(text)?.[0].length ?? 0;
}

/** Per group (by index), where its last match of the message numbered lastScan ended. */
const lastEnd = new Int32Array(GROUP_NAMES.length);
const lastScan = new Int32Array(GROUP_NAMES.length);
let scans = 0;
const nextScan = (): number => {
  scans = scans === 0x7fffffff ? 1 : scans + 1;
  // After a wrap, a stale number could collide with a new one: start the arrays afresh.
  if (scans === 1) lastScan.fill(0);
  return scans;
};

function collectMentions(text: string, clauses: readonly Clause[]): Mention[] {
  const mentions: Mention[] = [];
  // Per group, the same non-overlapping matches a global scan of its alternation finds, left to right.
  const { atChar } = compiledGroups();
  const spans = new Map<PhraseGroupName, { start: number; end: number }[]>();
  // Where each group's last match ends (by group index): a group matches again only after it. One array for
  // every message, marked with this message's number (scan) so nothing needs clearing between messages.
  const scan = nextScan();
  for (let i = 0; i < text.length; i++) {
    const starts = atChar.get(text.charCodeAt(i));
    if (!starts) continue;
    const entries = (i + 1 < text.length ? starts.byNext.get(text.charCodeAt(i + 1)) : undefined) ?? starts.anyNext;
    for (const { group, index, re, literals } of entries) {
      if (lastScan[index] === scan && (lastEnd[index] as number) > i) continue;
      const length = literals ? literalAt(text, i, literals) : regexAt(text, i, re);
      if (length === 0) continue;
      const end = i + length;
      // A match that starts inside a word that cancels it (the 头 of 老头 in 老头撞到头) does not hide a later one.
      lastEnd[index] = startsInsideCanceller(spans, group, i) ? i + 1 : end;
      lastScan[index] = scan;
      const found = spans.get(group);
      if (found) found.push({ start: i, end });
      else spans.set(group, [{ start: i, end }]);
    }
  }
  // A shorter mention inside an everyday word (the 抽 of 抽血) is part of that word, not the concept.
  const ordinary = spans.get('ordinary_words') ?? [];
  for (const [group, found] of spans) {
    for (const span of found) if (group !== 'ordinary_words' && !inOrdinary(ordinary, span)) mentions.push(mentionAt(clauses, group, span));
  }
  for (const span of findReadings(text)) mentions.push(mentionAt(clauses, span.group, span));
  for (const span of findVitals(text)) mentions.push(mentionAt(clauses, span.group, span));
  return mentions;
}

/** Marks negated mentions: a negator right before, or a list continuing a negated mention. */
function markNegation(text: string, clauses: readonly Clause[], mentions: Mention[]): void {
  const ordered = [...mentions].sort((a, b) => a.start - b.start || b.end - a.end);
  let lastNegated: Mention | undefined;
  // Negated by a verb of feeling (没觉得心慌胸闷), a list of felt symptoms is its object even with nothing
  // between. Anything else side by side is its own statement: 不出汗糊涂了, 不觉得痛嘴歪了.
  let byFeeling = false;
  for (const m of ordered) {
    const clause = clauses[m.clauseIndex] as Clause;
    const prev = lastNegated?.clauseIndex === m.clauseIndex ? lastNegated : undefined;
    const continues = prev !== undefined && (carriesNegation(text, prev.end, m.start) || (byFeeling && continuesFeltList(text, prev, m)));
    m.negated = continues || negatedByPrefix(text, clause, m.start);
    // The negated mention reaching furthest carries the negation: 没有头晕 negates 头晕, 头 and the 晕 inside.
    if (m.negated) {
      if (!lastNegated || m.end > lastNegated.end || lastNegated.clauseIndex !== m.clauseIndex) {
        if (!continues) byFeeling = negatedByFeeling(text, clause, m.start);
        lastNegated = m;
      }
    } else if (lastNegated && m.start >= lastNegated.end) lastNegated = undefined;
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

const groupOf = (groups: ReadonlyMap<TermGroupName, GroupIndex>, g: TermGroupName): GroupIndex => groups.get(g) ?? EMPTY_GROUP;

function allLive(groups: ReadonlyMap<TermGroupName, GroupIndex>, names: readonly TermGroupName[], from: number): boolean {
  for (let i = from; i < names.length; i++) if (!groupOf(groups, names[i] as TermGroupName).anyLive) return false;
  return true;
}

function anyIn(groups: ReadonlyMap<TermGroupName, GroupIndex>, names: readonly TermGroupName[] | undefined, test: (g: GroupIndex) => boolean): boolean {
  if (!names) return false;
  for (const name of names) if (test(groupOf(groups, name))) return true;
  return false;
}

function overlaps(g: GroupIndex, m: Mention): boolean {
  for (const o of g.mentions) if (o.start < m.end && m.start < o.end) return true;
  return false;
}

/** What the judge needs to know of a mention's group (context.ts Mention). */
const traitsOf = (group: TermGroupName): { disease: boolean; notInsuranceTalk: boolean; notSilencedByRecovery: boolean } => {
  const g = (TERM_GROUPS as Record<string, TermGroup | undefined>)[group];
  return { disease: g?.disease === true, notInsuranceTalk: g?.notInsuranceTalk === true, notSilencedByRecovery: g?.notSilencedByRecovery === true };
};

/** `everyLive` criteria: each group after the anchor has a mention that is not negated and is judged live. */
function othersLive(
  names: readonly TermGroupName[],
  groups: ReadonlyMap<TermGroupName, GroupIndex>,
  judge: (m: Mention & ReturnType<typeof traitsOf>) => Verdict,
): boolean {
  for (let i = 1; i < names.length; i++) {
    const name = names[i] as TermGroupName;
    const traits = traitsOf(name);
    if (!groupOf(groups, name).mentions.some((m) => !m.negated && judge({ ...m, ...traits }).live)) return false;
  }
  return true;
}

/**
 * Whether a criterion fires, and how sure it is. Hot path (every criterion of every kind, every
 * message): no closures, cheapest rejections first.
 */
function patternFires(
  pattern: RedFlagPattern,
  groups: ReadonlyMap<TermGroupName, GroupIndex>,
  judge: (m: Mention & ReturnType<typeof traitsOf>) => Verdict,
): number | undefined {
  const names = pattern.all;
  const anchors = groups.get(names[0]);
  if (!anchors?.anyLive) return undefined;
  const clauseScope = pattern.scope === 'clause';
  if (!clauseScope && !allLive(groups, names, 1)) return undefined;
  if (anyIn(groups, pattern.unlessMessage, (g) => g.anyLive)) return undefined;
  const traits = traitsOf(names[0]);
  const base = pattern.confidence ?? DEFAULT_CONFIDENCE;
  if (pattern.everyLive && !othersLive(names, groups, judge)) return undefined;
  let best: number | undefined;
  for (const anchor of anchors.mentions) {
    if (anchor.negated) continue;
    const clause = anchor.clauseIndex;
    if (anyIn(groups, pattern.unless, (g) => g.clausesAny.has(clause))) continue;
    if (clauseScope && anyIn(groups, names.slice(1), (g) => !g.clausesLive.has(clause))) continue;
    if (anyIn(groups, pattern.except, (g) => overlaps(g, anchor))) continue;
    const verdict = judge({ ...anchor, ...traits });
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
  /** No red-flag criterion fired, but one of URGENT_CRITERIA did: a doctor today. */
  readonly urgentOther: boolean;
  /**
   * Distinct symptom concepts mentioned as happening now (not negated, past or hypothetical), counted
   * up to `countSymptomsUpTo` and only when no criterion fired (routing needs it only then).
   */
  readonly liveSymptoms: number;
}

/** Where a criterion sits: its kind's index in RED_FLAGS (-1: URGENT_CRITERIA) and its place in that list. */
interface CriterionRef {
  readonly flag: number;
  readonly index: number;
}

let anchored: ReadonlyMap<TermGroupName, readonly CriterionRef[]> | undefined;
/** Each criterion under the group that anchors it (its first): a criterion whose anchor is absent cannot fire. */
const criteriaByAnchor = (): ReadonlyMap<TermGroupName, readonly CriterionRef[]> => {
  if (anchored) return anchored;
  const map = new Map<TermGroupName, CriterionRef[]>();
  const put = (pattern: RedFlagPattern, ref: CriterionRef): void => {
    const anchor = pattern.all[0] as TermGroupName;
    const list = map.get(anchor);
    if (list) list.push(ref);
    else map.set(anchor, [ref]);
  };
  RED_FLAGS.forEach((f, flag) => RED_FLAG_RULES[f].patterns.forEach((p, index) => put(p, { flag, index })));
  URGENT_CRITERIA.forEach((p, index) => put(p, { flag: -1, index }));
  return (anchored = map);
};

/**
 * The criteria worth trying for a message, in their lists' order: those anchored by a group it mentions live (patternFires
 * rejects every other one first thing). Per kind (RED_FLAGS order), then URGENT_CRITERIA's.
 */
function liveCriteria(groups: ReadonlyMap<TermGroupName, GroupIndex>): { perFlag: number[][]; urgent: number[] } {
  const perFlag: number[][] = RED_FLAGS.map(() => []);
  const urgent: number[] = [];
  for (const [group, index] of groups) {
    if (!index.anyLive) continue;
    for (const ref of criteriaByAnchor().get(group) ?? []) (ref.flag < 0 ? urgent : (perFlag[ref.flag] as number[])).push(ref.index);
  }
  for (const list of perFlag) list.sort((a, b) => a - b);
  urgent.sort((a, b) => a - b);
  return { perFlag, urgent };
}

export function detect(text: string, clauses: readonly Clause[], countSymptomsUpTo = Infinity): Detection {
  const mentions = collectMentions(text, clauses);
  if (mentions.length === 0) return { hits: [], urgentOther: false, liveSymptoms: 0 };
  markNegation(text, clauses, mentions);
  const groups = indexGroups(mentions);
  const judge = createJudge(text, clauses);
  const hits: RedFlagHit[] = [];
  const candidates = liveCriteria(groups);
  for (const [f, flag] of RED_FLAGS.entries()) {
    let emergency: number | undefined;
    let urgent: number | undefined;
    const patterns = RED_FLAG_RULES[flag].patterns;
    for (const i of candidates.perFlag[f] as number[]) {
      const pattern = patterns[i] as RedFlagPattern;
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
  if (hits.length > 0) return { hits, urgentOther: false, liveSymptoms: 0 };
  const urgentOther = candidates.urgent.some((i) => patternFires(URGENT_CRITERIA[i] as RedFlagPattern, groups, judge) !== undefined);
  if (urgentOther || countSymptomsUpTo <= 0) return { hits, urgentOther, liveSymptoms: 0 };
  const symptoms = symptomConcepts();
  const slang = exceptGroups();
  const figurative = mentions.filter((m) => slang.has(m.group));
  const live = new Set<TermGroupName>();
  for (const m of mentions) {
    if (m.negated || live.has(m.group) || !symptoms.has(m.group)) continue;
    if (figurative.some((f) => f.start < m.end && m.start < f.end)) continue;
    if (judge({ ...m, ...traitsOf(m.group) }).live) live.add(m.group);
    if (live.size >= countSymptomsUpTo) break;
  }
  return { hits, urgentOther, liveSymptoms: live.size };
}

