import {
  ACUTE_STRONG,
  ACUTE_PLEA,
  ACUTE_SUDDEN,
  ACUTE_WEAK,
  HEDGES,
  CAUSE_CLAIM_PREFIXES,
  CHRONIC_PREFIXES,
  OTHERS_STORY,
  HEARD_OF_OTHERS,
  FUNERAL,
  DEATH_NOW,
  HEARD_OF_OTHERS_HELP,
  DEATH_SUFFIXES,
  DEVICE_HOWTO,
  DEVICE_IN_TROUBLE,
  DISEASE_TALK,
  REPORTED,
  EVENT_SUFFIXES,
  HYPOTHETICAL,
  INSURANCE,
  KNOWLEDGE,
  CLAIMABLE_KIND,
  GENERAL_CAUSE,
  KNOWLEDGE_HOW,
  KNOWLEDGE_MEDIA,
  UNSURE_WHAT,
  LIST_JOINERS,
  NEGATION_BLOCKERS,
  NEGATION_FILLERS,
  LEARNING,
  LONG_AGO,
  STORY_END,
  STOCKED_AT_HOME,
  ASK_FIRST,
  ASK_FIRST_WHAT_IF,
  STOCKED_HOWTO,
  STOCKED_WHEN,
  LIVE_CALL,
  NEGATORS,
  NOT_NOW,
  HYPOTHETICAL_CLOSERS,
  REGRETS,
  TOLD_NOW,
  ASKED,
  NOW,
  PAST,
  PAST_COMPARISONS,
  PAST_PREFIXES,
  PAST_PREFIX_FILLERS,
  YEARS_AGO_PREFIXES,
  PAST_SUFFIXES,
  PAST_SUFFIX_BLOCKERS,
  TODAY_BEFORE,
  TODAY_ITSELF,
  DREAM_ENDS,
  FICTION_TOLD_ENDS,
  FICTION,
  FICTION_ENDS,
  FICTION_CHILD_STARTS,
  AWAKE_CLAUSE_STARTS,
  AWAKE_OTHER_STARTS,
  STORY_PEOPLE,
  DREAM_REAL,
  HEARSAY,
  DIAGNOSERS,
  FOUND_TO_BE,
  FINE_SUFFIXES,
  FINE_READINGS,
  RESOLVED,
  WIDE_NEGATORS,
  FEELING_NEGATORS,
  FELT_SYMPTOMS,
  HABITUAL_PAST,
  CONTRAST,
} from './lexicon/context';
import type { Clause } from './normalize';
import { compileAny, containsAny, findAll, phraseToSource, type Span } from './pattern';

const alternation = (phrases: readonly string[]): string =>
  [...phrases].sort((a, b) => b.length - a.length).map(phraseToSource).join('|');

/**
 * The cue patterns, compiled on first use: a cold start that never classifies (a health check, a
 * timer) does not pay for them.
 */
function compileCues() {
  return {
    // 不是那种 already holds one filler: at most one more after it, as 不是 + 那种 + one had (跟上次不是那种感觉很胸闷 is no denial).
    NEGATION_TAIL: new RegExp(
      `(?:(?:${alternation(WIDE_NEGATORS)})(?:${alternation(NEGATION_FILLERS)})?|(?:${alternation(NEGATORS.filter((n) => !(WIDE_NEGATORS as readonly string[]).includes(n)))})(?:${alternation(NEGATION_FILLERS)}){0,2})$`,
    ),
    FEELING_NEGATION_RE: new RegExp(`(?:${alternation(FEELING_NEGATORS)})[^，。]?$`),
    FELT_RE: new RegExp(`^(?:${alternation(FELT_SYMPTOMS)})$`),
    HABITUAL_PAST_RE: new RegExp(alternation(HABITUAL_PAST), 'g'),
    CONTRAST_RE: new RegExp(alternation(CONTRAST)),
    NEGATION_BLOCKER_RE: compileAny(NEGATION_BLOCKERS),
    JOINERS_ONLY: new RegExp(`^(?:${alternation(LIST_JOINERS)})*$`),
    DEATH_SUFFIX_RE: new RegExp(`^(?:${alternation(DEATH_SUFFIXES)})`),
    REPORTED_RE: compileAny(REPORTED),
    PAST_SUFFIX_RE: new RegExp(`^(?:${alternation(PAST_SUFFIXES)})`),
    PAST_SUFFIX_BLOCKER_RE: new RegExp(`^(?:${alternation(PAST_SUFFIX_BLOCKERS)})`),
    FINE_SUFFIX_RE: new RegExp(`^(?:[和跟][^，。、不唔没冇非未无]{1,4}?)?(?:${alternation(FINE_SUFFIXES)})(?![吗么吧不嘛？?冇咩哦呀啊呢])`),
    FINE_READING_RE: compileAny(FINE_READINGS),
    EVENT_SUFFIX_RE: new RegExp(`^(?:${alternation(EVENT_SUFFIXES)})`),
    CHRONIC_PREFIX_RE: new RegExp(`(?:${alternation([...CHRONIC_PREFIXES, ...CAUSE_CLAIM_PREFIXES])})$`),
    OTHERS_STORY_RE: compileAny(OTHERS_STORY),
    HEARD_OF_OTHERS_RE: compileAny(HEARD_OF_OTHERS),
    FUNERAL_RE: compileAny(FUNERAL),
    DEATH_NOW_RE: compileAny(DEATH_NOW),
    HEARD_OF_OTHERS_HELP_RE: compileAny(HEARD_OF_OTHERS_HELP),
    ACUTE_STRONG_RE: compileAny(ACUTE_STRONG),
    ACUTE_PLEA_RE: compileAny(ACUTE_PLEA),
    ACUTE_WEAK_RE: compileAny(ACUTE_WEAK),
    HEDGES_RE: compileAny(HEDGES),
    RESOLVED_RE: compileAny(RESOLVED),
    KNOWLEDGE_MEDIA_RE: compileAny(KNOWLEDGE_MEDIA),
    LIVE_CALL_RE: compileAny(LIVE_CALL),
    DEVICE_HOWTO_RE: compileAny(DEVICE_HOWTO),
    DEVICE_IN_TROUBLE_RE: compileAny(DEVICE_IN_TROUBLE),
    HYPOTHETICAL_RE: compileAny(HYPOTHETICAL),
    PAST_RE: compileAny(PAST),
    LONG_AGO_RE: compileAny(LONG_AGO),
    STORY_END_RE: compileAny(STORY_END),
    TODAY_BEFORE_RE: compileAny(TODAY_BEFORE),
    TODAY_ITSELF_RE: new RegExp(`^(?:${TODAY_ITSELF.join('|')})`),
    DREAM_ENDS_RE: compileAny(DREAM_ENDS),
    FICTION_TOLD_ENDS_RE: compileAny(FICTION_TOLD_ENDS),
    FICTION_RE: new RegExp(`^(?:${alternation(FICTION)})$`),
    FICTION_ENDS_RE: compileAny(FICTION_ENDS),
    // 片中途, 电影中途: the cue's 中 is the middle of the watching.
    FICTION_CHILD_RE: new RegExp(`^途|，(?:${FICTION_CHILD_STARTS.join('|')})`),
    AWAKE_CLAUSE_RE: new RegExp(`，(?:${AWAKE_CLAUSE_STARTS.join('|')})`),
    AWAKE_OTHER_RE: new RegExp(`，(?:${AWAKE_OTHER_STARTS.join('|')})`),
    STORY_PERSON_RE: new RegExp(STORY_PEOPLE.join('|')),
    DREAM_REAL_RE: compileAny(DREAM_REAL),
    PAST_COMPARISON_RE: compileAny(PAST_COMPARISONS),
    NOT_NOW_RE: compileAny(NOT_NOW),
    CLOSED_RE: new RegExp(alternation(HYPOTHETICAL_CLOSERS)),
    REGRET_RE: new RegExp(alternation(REGRETS)),
    TOLD_NOW_RE: new RegExp(alternation(TOLD_NOW)),
    ASKED_RE: new RegExp(alternation(ASKED)),
    INSURANCE_RE: compileAny(INSURANCE),
    KNOWLEDGE_RE: compileAny(KNOWLEDGE),
    CLAIMABLE_KIND_RE: compileAny(CLAIMABLE_KIND),
    GENERAL_CAUSE_RE: compileAny(GENERAL_CAUSE),
    UNSURE_WHAT_RE: new RegExp(compileAny(UNSURE_WHAT).source, 'g'),
    HEARSAY_RE: compileAny(HEARSAY),
    FOUND_TO_BE_RE: compileAny(FOUND_TO_BE),
    DIAGNOSER_RE: new RegExp(`(?:${alternation(DIAGNOSERS)})(?:看了|看完|看过|瞧了|给看了|检查了)?(?:都|也|就|还|又)?$`),
    KNOWLEDGE_HOW_RE: compileAny(KNOWLEDGE_HOW),
    DISEASE_TALK_RE: compileAny(DISEASE_TALK),
    NOW_RE: compileAny(NOW),
    LEARNING_RE: compileAny(LEARNING),
    STOCKED_AT_HOME_RE: compileAny(STOCKED_AT_HOME),
    ASK_FIRST_RE: compileAny(ASK_FIRST),
    ASK_FIRST_WHAT_IF_RE: compileAny(ASK_FIRST_WHAT_IF),
    STOCKED_HOWTO_RE: compileAny(STOCKED_HOWTO),
    STOCKED_WHEN_RE: compileAny(STOCKED_WHEN),
    PAST_PREFIX_RE: new RegExp(`(?:${alternation(PAST_PREFIXES)})(?:${alternation(PAST_PREFIX_FILLERS)})?$`),
    YEARS_AGO_PREFIX_RE: new RegExp(`(?:${alternation(YEARS_AGO_PREFIXES)})(?:${alternation(PAST_PREFIX_FILLERS)})?$`),
  };
}
let compiledCues: ReturnType<typeof compileCues> | undefined;
const patterns = (): ReturnType<typeof compileCues> => (compiledCues ??= compileCues());

/**
 * Whether the hypothetical cue at `hypo` is a dream cue (梦到, 梦见, 梦里…) or a film's plot (FICTION): stories end on
 * waking or when the telling moves on, other hypotheticals do not.
 */
const isDream = (body: string, hypo: Span): boolean => {
  const cue = body.slice(hypo.start, hypo.end);
  return cue.includes('梦') || patterns().FICTION_RE.test(cue);
};

/** 睡梦里, 睡梦中: while asleep (宝宝在睡梦里抽搐), not what was dreamt. */
const asleep = (body: string, hypo: Span): boolean => body[hypo.start - 1] === '睡' && isDream(body, hypo);

/**
 * Where a hypothetical that starts at `hypo` ends in `body`: a dream where waking or what came next is told, or where
 * a new clause about someone awake starts (DREAM_ENDS, AWAKE_CLAUSE_STARTS), or at once when what was felt woke them or lasts (DREAM_REAL);
 * any other hypothetical at the end of the sentence.
 */
function dreamEnd(body: string, hypo: Span): number {
  if (!isDream(body, hypo)) return Infinity;
  const after = body.slice(hypo.end);
  if (containsAny(patterns().DREAM_REAL_RE, after)) return hypo.end;
  // 醒 after someone awake is waking from a dream; after a film's plot (叫不醒) it is no waking at all.
  const fiction = !body.slice(hypo.start, hypo.end).includes('梦');
  const told = findAll(fiction ? patterns().FICTION_TOLD_ENDS_RE : patterns().DREAM_ENDS_RE, after)[0]?.start ?? Infinity;
  const member = after.search(patterns().AWAKE_CLAUSE_RE);
  const otherAt = after.search(patterns().AWAKE_OTHER_RE);
  const other = otherAt >= 0 && (fiction || !after.slice(otherAt).includes('醒')) ? otherAt : -1;
  const childAt = fiction ? after.search(patterns().FICTION_CHILD_RE) : -1;
  const real = fiction ? Math.min(findAll(patterns().FICTION_ENDS_RE, after)[0]?.start ?? Infinity, childAt < 0 ? Infinity : childAt) : Infinity;
  return hypo.end + Math.min(told, real, member < 0 ? Infinity : member, other < 0 ? Infinity : other);
}

/**
 * A closed hypothetical, then someone, then a sudden onset, in one clause (members who type spaces or nothing for commas:
 * 如果你们医生在的话😭😭我爸突然嘴歪了, 要是问的话我就直说吧 他突然嘴歪了): the onset is told, not supposed.
 */
const CLOSED_THEN_SOMEONE_SUDDEN_RE = new RegExp(
  `(?:的话|就好了|就好啦|吧)[^，]*?(?:${STORY_PEOPLE.join('|')})[^，]*?(?:${ACUTE_SUDDEN.join('|')})`,
);
const SUDDEN_AT_START_RE = new RegExp(`^(?:${ACUTE_SUDDEN.join('|')})`);


/**
 * Words a hypothetical cue sits inside and is no cue: 加剧中 (getting worse) is no drama (剧中), 主要是 (mainly) and 只要是…就
 * (whenever: 只要是一动就胸口疼) no 要是 (if).
 */
const NOT_A_CUE = ['加剧', '主要是', '只要是'];

/** The sentence's first hypothetical cue. */
const firstHypothetical = (body: string): Span | undefined =>
  findAll(patterns().HYPOTHETICAL_RE, body).find((h) => !NOT_A_CUE.some((word) => body.startsWith(word, h.start - 1)));

/**
 * Where a non-dream hypothetical that starts at `hypo` ends in `body` (clause starts at `clauseStarts`, relative to body):
 * after its own clause when that clause is a regret (要是早点…就好了), or at the first later clause told as now.
 */
function conditionEnd(body: string, hypo: Span, clauseStarts: readonly number[]): number {
  if (isDream(body, hypo)) return Infinity;
  const later = clauseStarts.filter((s) => s > hypo.start);
  const own = body.slice(hypo.start, later[0] ?? body.length);
  if (patterns().REGRET_RE.test(own)) return later[0] ?? Infinity;
  const asked = patterns().ASKED_RE.test(own);
  for (let i = 1; i < later.length + 1; i++) {
    const from = later[i - 1] as number;
    const part = body.slice(from, later[i] ?? body.length);
    if (patterns().TOLD_NOW_RE.test(part) || (asked && patterns().STORY_PERSON_RE.test(part.slice(0, 2)) && !patterns().ASKED_RE.test(part))) return from;
  }
  return Infinity;
}

/**
 * Matches of `re` in `body` that are not part of a live call (跟我妈视频: a call, not a video to learn from).
 * The call pattern runs only when `re` matched, so messages without media words pay nothing.
 */
function outsideCalls(re: RegExp, body: string): boolean {
  const found = findAll(re, body);
  if (found.length === 0) return false;
  const calls = findAll(patterns().LIVE_CALL_RE, body);
  return found.some((f) => !calls.some((c) => c.start < f.end && f.start < c.end));
}

/**
 * True when a negator (plus at most two fillers) sits right before the mention in its clause:
 * 没有胸痛, 不胸闷, 没出现过呼吸困难. Hedges that contain a negator (是不是中风, 不知道是不是) do not count.
 */
export function negatedByPrefix(text: string, clause: Clause, start: number): boolean {
  const from = Math.max(clause.start, start - 8);
  const prefix = text.slice(from, start);
  const m = patterns().NEGATION_TAIL.exec(prefix);
  if (!m) return false;
  const negStart = from + m.index;
  const region = text.slice(Math.max(clause.start, negStart - 3), Math.min(clause.start + clause.text.length, negStart + 4));
  const regionStart = Math.max(clause.start, negStart - 3);
  for (const b of findAll(patterns().NEGATION_BLOCKER_RE, region)) {
    const bs = regionStart + b.start;
    const be = regionStart + b.end;
    if (bs <= negStart && be > negStart) return false;
  }
  return true;
}

/** Whether the negator before `start` is a verb of feeling (没觉得), whose object is a list of felt symptoms. */
export function negatedByFeeling(text: string, clause: Clause, start: number): boolean {
  return patterns().FEELING_NEGATION_RE.test(text.slice(Math.max(clause.start, start - 5), start));
}

/** 没觉得心慌胸闷: a felt symptom right after another felt symptom a verb of feeling negated is in its list. */
export function continuesFeltList(text: string, previous: { start: number; end: number }, next: { start: number; end: number }): boolean {
  const felt = patterns().FELT_RE;
  return next.start === previous.end && felt.test(text.slice(previous.start, previous.end)) && felt.test(text.slice(next.start, next.end));
}

/** 没有胸痛、出汗: the gap between a negated mention and the next one holds only joiners. */
export function carriesNegation(text: string, previousEnd: number, start: number): boolean {
  if (start < previousEnd) return true;
  const gap = text.slice(previousEnd, start);
  return gap.length > 0 && patterns().JOINERS_ONLY.test(gap);
}

export interface Mention {
  readonly clauseIndex: number;
  readonly start: number;
  readonly end: number;
  /** Disease names (中风, 心梗) are also silenced by "has the condition" talk. */
  readonly disease: boolean;
  /** Words of ending one's life: insurance talk around them never silences them (lexicon/red-flags/types.ts). */
  readonly notInsuranceTalk: boolean;
  /** RESOLVED words and a fine suffix never silence it (lexicon/red-flags/types.ts TermGroup.notSilencedByRecovery). */
  readonly notSilencedByRecovery: boolean;
}

export interface Verdict {
  /** The mention describes something happening now. */
  readonly live: boolean;
  /** Some silencing cue was present but outweighed: live, with less confidence. */
  readonly contested: boolean;
}

interface ClauseCues {
  readonly acuteStrong: boolean;
  /** An ACUTE_PLEA in the window: strong even inside a hypothetical, where a sudden onset is not. */
  readonly acutePlea: boolean;
  readonly acuteWeak: boolean;
  /** Where hedges start (absolute offsets): one before a mention makes it present. */
  readonly hedgesAt: readonly number[];
  /**
   * Where hearsay starts (absolute offsets), and whether a clinician or a test speaks right before it (DIAGNOSERS). `found`
   * marks a FOUND_TO_BE finding (查出来是, 结果是), which names only the diagnosis itself, never what is happening.
   */
  readonly hearsayAt: readonly { at: number; end: number; clinician: boolean; found?: boolean }[];
  /** KNOWLEDGE_HOW in the clause, or KNOWLEDGE_MEDIA in its sentence. */
  readonly strongSilence: boolean;
  /** RESOLVED in the clause (好了, 没事了, 挺好的): as strong, except for a Mention.notSilencedByRecovery. */
  readonly resolved: boolean;
  /** Offset of the first HYPOTHETICAL cue in the sentence (Infinity when none), and where it ends (a dream ends on waking). */
  readonly hypotheticalAt: number;
  readonly hypotheticalUntil: number;
  /** The sentence's hypothetical is a dream (it holds across clauses until waking); any other binds a sudden onset only in its own clause. */
  readonly hypotheticalDream: boolean;
  /** PAST or KNOWLEDGE in the window: a weak silencer (README rule 4). */
  readonly pastOrKnowledge: boolean;
  /** INSURANCE in the window: a weak silencer too, except for words of ending one's life (Mention.notInsuranceTalk). */
  readonly insuranceTalk: boolean;
  readonly diseaseTalk: boolean;
  /** A PAST cue, whatever else the clause says. */
  readonly past: boolean;
  /** A PAST cue and nothing saying now: the clause tells of the past. */
  readonly pastOnly: boolean;
  readonly now: boolean;
}

/**
 * 小红书说我爸嘴歪了: a source's 说 followed straight by the member or a relative as subject tells what happens to them
 * now, not hearsay (听说, 据说 stay hearsay).
 */
const OWN_SUBJECT_AFTER_SAID = /(?<![听据人])[说讲](?=(?:我(?!们)|俺|老公|老婆|孩子|宝宝|儿子|女儿|婆婆|公公|奶奶|爷爷|外婆|外公|我家|老伴)[^说讲]*$)/;

/** Clauses longer than this are run-ons; their cues are read within CUE_WINDOW_CHARS of a mention. */
const LONG_CLAUSE_CHARS = 24;
const CUE_WINDOW_CHARS = 12;
const WINDOW_GRID = 4;
/** How far after a mention in a run-on a past cue still dates it (胸口疼那是去年的事). */
const PAST_AFTER_CHARS = 4;

/** How far around a mention the affix cues (中风过, 有心梗) are looked for. */
const AFFIX_CHARS = 6;
/** How far before a disease its past prefix may stand, a filler included (前几年那个脑出血). */
const PAST_PREFIX_REACH = 6;
/** 半小时之前, 一个钟头以前, 十分钟前 (fillers included) right before a disease: minutes or hours ago, an event now. */
const AGO_IN_MINUTES_OR_HOURS = '(?:\\d+|[一二两三四五六七八九十半几]+)个?(?:分钟|分|小时|钟头|钟)(?:之前|以前|前)';
const RECENT_BEFORE_PREFIX = new RegExp(`${AGO_IN_MINUTES_OR_HOURS}(?:那个|这个|的|得了|犯了)?$`);
/** How far before a disease RECENT_BEFORE_PREFIX is looked for (一个半小时之前那个 is eleven characters). */
const RECENT_REACH = 12;
const RECENT_AGO = new RegExp(AGO_IN_MINUTES_OR_HOURS, 'g');
/** 又犯了, 又发作, 再次发作, 复发 right after the disease: the old illness is back now. */
const BACK_AGAIN_AFTER = /^[^，。]{0,2}(?:又(?:犯|发|来|复发|加重|严重)|再次发|再度发|复发)/;
/** Room for a short list after a sign and its all-fine (嘴歪和说话都没问题). */
const FINE_WINDOW_CHARS = 12;

/** What may stand between a past cue and the part of the day it dates: 的, 一个, 有一次, 冬天…. */
const LINKING_WORDS = /^[的那个一某天有次回年冬夏春秋季月里时候]{0,6}$/;

/** Text of the same length with a pattern's matches blanked, so offsets still point into the original. */
const blank = (t: string, re: RegExp): string => t.replace(re, (w) => '\u0001'.repeat(w.length));

/**
 * A past cue that dates what came before it, however far: said as what it was (…出冷汗吓死人那是去年冬天的事了), or told right
 * after the hospital stay it closes (送医院了 前年冬天, 120拉走的 去年国庆节, 上个月出的院). Not 以前也有过: an attack that has
 * come before is still today's (胸口闷痛了四十分钟出了一身冷汗 以前也有过但是休息就好).
 */
const DATES_BACK_BEFORE = /(?:是|(?:院|急诊)了?|拉走的?|抢救|输了?血)\s*[在于]?$/;
const DATES_BACK_AFTER = /^(?:[^，。]{0,6}的事|[^，。]{0,3}(?:出的院|出院|住的院|住院))/;

/**
 * Whether a past cue starts before `end` in a cue window (`t`), the window's comparisons (以前没有这么慢), habitual pasts set
 * against now and minutes-ago (二十分钟之前) first blanked as in the whole-window reading.
 */
function pastCueBefore(t: string, end: number): boolean {
  const contrasted = patterns().CONTRAST_RE.test(t) ? blank(t, patterns().HABITUAL_PAST_RE) : t;
  return findAll(patterns().PAST_RE, blank(blank(contrasted, patterns().PAST_COMPARISON_RE), RECENT_AGO)).some(
    (h) => h.start < end || DATES_BACK_BEFORE.test(t.slice(Math.max(0, h.start - 8), h.start)) || DATES_BACK_AFTER.test(t.slice(h.end, h.end + 8)),
  );
}

/** A window edge snapped to the clause's grid, so neighbouring mentions share one cue computation. */
const snapToGrid = (x: number, clauseStart: number): number => clauseStart + Math.floor((x - clauseStart) / WINDOW_GRID) * WINDOW_GRID;

/**
 * Where a message tells a time of day (今天, 下午…), and its past cues: found once per message, on first use (a class, not
 * closures: one per message). `newThoughtAt`: where a time of day between `from` and a mention at `to` starts a new thought in the clause — the start
 * of its run of time words (今天中午 starts at 今天, the now cue the window must keep); undefined when there is none, or
 * when a past cue dates it: right before it (去年今天, 前年下午), or before a bare part of the day with only LINKING_WORDS
 * between (三年前的一个下午, 以前有一回中午 — never 以前中风过早上起来嘴歪了, a new story).
 */
class TimesOfDay {
  private times: readonly Span[] | undefined;
  private pasts: readonly Span[] | undefined;
  constructor(private readonly text: string) {}

  private timesOf(): readonly Span[] {
    return (this.times ??= findAll(patterns().TODAY_BEFORE_RE, this.text));
  }

  toldIn(from: number, to: number): boolean {
    return this.timesOf().some((t) => t.start >= from && t.start < to);
  }

  newThoughtAt(from: number, to: number, clauseStart: number): number | undefined {
    const text = this.text;
    const spans = this.timesOf();
    let i = spans.findLastIndex((s) => s.start >= from && s.start < to);
    if (i < 0) return undefined;
    while (i > 0 && (spans[i - 1] as Span).start >= clauseStart && (spans[i - 1] as Span).end >= (spans[i] as Span).start - 1) i -= 1;
    const at = (spans[i] as Span).start;
    const floor = Math.max(clauseStart, at - 4);
    const bare = !patterns().TODAY_ITSELF_RE.test(text.slice(at));
    const dated = (this.pasts ??= findAll(patterns().PAST_RE, text)).some(
      (p) => p.end <= at && p.start >= clauseStart && (p.start >= floor || (bare && LINKING_WORDS.test(text.slice(p.end, at)))),
    );
    return dated ? undefined : at;
  }
}

/**
 * A death told right after a disease name (心梗走的, 邻居心梗猝死了): the past. 猝死 in a message that tells a now
 * (我爸刚才心梗猝死了，救护车还没到) is a collapse under way.
 */
function toldAsDeath(text: string, m: Mention): boolean {
  const after = text.slice(m.end, m.end + 3);
  if (!patterns().DEATH_SUFFIX_RE.test(after)) return false;
  return !(after.startsWith('猝死') && containsAny(patterns().DEATH_NOW_RE, text.replace(patterns().NOT_NOW_RE, '')) && !containsAny(patterns().FUNERAL_RE, text));
}

/** Words that tell an event, not name a condition: 了, 刚, 突然, a reading (显示HI, a number), a burn's size (一大片). */
const TOLD_EVENT_RE = /[了过]|刚|突然|现在|正在|还在|还没|一直|显示|\d|[a-z]|大片|大面积|全身|整条|整个/;
/** …and for a general-cause question, a person too (我老公一直抽搐叫不醒一般什么原因); a claim names whose it is (孩子烫伤这种能报吗). */
const TOLD_EVENT_OR_PERSON_RE = new RegExp(`${TOLD_EVENT_RE.source}|[我他她爸妈爷奶姥]|孩子|宝宝|儿子|女儿|老公|老婆|老人|婆婆|公公`);

/**
 * CLAIMABLE_KIND or GENERAL_CAUSE (re) asked of a kind of event: nothing before it in t tells an event (told), and no
 * 报警/报120. 一般是啥原因 holds 是啥 (KNOWLEDGE): the general-cause question is read as a whole, by this alone.
 */
const askedOfKind = (re: RegExp, told: RegExp, t: string): boolean =>
  findAll(re, t).some((h) => !told.test(t.slice(0, h.start)) && !/^(警|1[12]0)/.test(t.slice(h.end)));

/** The text without UNSURE_WHAT (不知道是啥蛇), which KNOWLEDGE would read as a knowledge question. */
const withoutUnsureWhat = (t: string): string =>
  t.replace(patterns().UNSURE_WHAT_RE, (w: string, at: number) => (t.startsWith('意思', at + w.length) ? w : '，'));

/**
 * Another household's story: a disease name after one passed on (OTHERS_STORY in the lexicon), even with 了 after it,
 * unless something acute is told with it; anything after one heard second-hand (HEARD_OF_OTHERS: 听邻居说隔壁老王昨天
 * 心梗送医院了), unless it is happening now.
 */
const othersStory = (m: Mention, clauseBefore: string, acuteWeak: boolean, now: boolean, message: string): boolean =>
  (m.disease && !acuteWeak && containsAny(patterns().OTHERS_STORY_RE, clauseBefore)) ||
  (!now && containsAny(patterns().HEARD_OF_OTHERS_RE, clauseBefore) && !containsAny(patterns().HEARD_OF_OTHERS_HELP_RE, message));

/** What a sentence as a whole says: a media frame, a sudden onset, where a hypothetical or a dream runs. */
interface SentenceInfo {
  readonly media: boolean;
  /** Where the media frame stops: the first later clause told as the member's own present (OWN_NOW_START); Infinity if none. */
  readonly mediaUntil: number;
  /** A sudden onset told in it (ACUTE_STRONG); read only when the message asks to learn. */
  readonly acute: boolean;
  /** The clauses an old story covers (clause starts in [from, until]); from Infinity if none. */
  readonly oldStory: { readonly from: number; readonly until: number };
  readonly hypotheticalAt: number;
  readonly hypotheticalUntil: number;
  readonly dream: boolean;
}

/** Only a little better (后来好了一点, 好些了): the attack is not over, so it ends no story. */
const PARTLY_BETTER = /好(?:了)?(?:一点|一些|点|些)/;

/** No old story in the sentence: no clause start lies in [from, until]. */
const NO_OLD_STORY = { from: Infinity, until: -Infinity } as const;

/**
 * The clauses of an old story (LONG_AGO … STORY_END, see SentenceInfo): from the end of the first clause that sets it long
 * ago and says nothing of now, to the start of the first clause that ends it. What comes after the end is told as now.
 */
function oldStory(clauses: readonly Clause[]): { from: number; until: number } {
  const k = clauses.findIndex((c) => containsAny(patterns().LONG_AGO_RE, c.text));
  const told = clauses[k];
  if (!told || containsAny(patterns().NOW_RE, told.text)) return NO_OLD_STORY;
  // The first end closes the story: an attack told after it (…后来好了，胸口压着疼…后来出了一身冷汗) is now.
  const end = clauses.slice(k).find((c) => containsAny(patterns().STORY_END_RE, c.text) && !PARTLY_BETTER.test(c.text));
  return end ? { from: told.start + told.text.length, until: end.start } : NO_OLD_STORY;
}

/**
 * A clause that opens on the member's own present (…孕期讲座下周几开，我现在怀孕二十八周，刚才开始肚子一阵一阵剧痛): what a
 * lecture or an article was about ends there.
 */
const OWN_NOW_START = /^(?:我|俺)(?:现在|刚才|刚刚)|^(?:刚才|刚刚)(?:开始|突然)/;

/** 已经想好要怎么做了: a way decided on, a plan, not a question of how to do something (KNOWLEDGE_HOW). */
const DECIDED_HOW = /想好(?:了|要)?(?:怎么|怎样)做/g;
const asksHowTo = (t: string): boolean => containsAny(patterns().KNOWLEDGE_HOW_RE, t.replace(DECIDED_HOW, '，'));

/** Reads one sentence of the message as a whole (see SentenceInfo). */
function describeSentence(text: string, clauses: readonly Clause[], sentence: number, learning: boolean): SentenceInfo {
  const same = clauses.filter((c) => c.sentence === sentence);
  const start = same[0]?.start ?? 0;
  const last = same[same.length - 1];
  const body = text.slice(start, last ? last.start + last.text.length : start);
  const hypo = firstHypothetical(body);
  return {
    media: outsideCalls(patterns().KNOWLEDGE_MEDIA_RE, body),
    mediaUntil: same.slice(1).find((c) => OWN_NOW_START.test(c.text))?.start ?? Infinity,
    // Only a lesson needs to know (asksToLearn is rare): most messages skip the scan.
    acute: learning && containsAny(patterns().ACUTE_STRONG_RE, body),
    // An old story needs its end word: a cheap test first.
    oldStory: containsAny(patterns().STORY_END_RE, body) ? oldStory(same) : NO_OLD_STORY,
    hypotheticalAt: hypo && !asleep(body, hypo) ? start + hypo.start : Infinity,
    hypotheticalUntil: hypo ? start + Math.min(dreamEnd(body, hypo), conditionEnd(body, hypo, same.map((c) => c.start - start))) : Infinity,
    dream: hypo !== undefined && isDream(body, hypo),
  };
}

/**
 * "想先学学", "提前了解": the whole message is about learning, unless a clause says it is happening now; so is asking
 * first beside a what-if (ASK_FIRST), and a medicine kept at home asked how to use for later, when nothing in the message
 * is acute or now (see STOCKED_AT_HOME).
 */
function asksToLearn(text: string): boolean {
  if (containsAny(patterns().LEARNING_RE, text)) return true;
  if (containsAny(patterns().ASK_FIRST_RE, text) && containsAny(patterns().ASK_FIRST_WHAT_IF_RE, text)) return true;
  return (
    containsAny(patterns().STOCKED_AT_HOME_RE, text) &&
    containsAny(patterns().STOCKED_HOWTO_RE, text) &&
    containsAny(patterns().STOCKED_WHEN_RE, text) &&
    !toldAsNow(text)
  );
}

/** Anything in the message told as happening now or coming on (NOW, ACUTE_STRONG, ACUTE_WEAK). */
function toldAsNow(text: string): boolean {
  return containsAny(patterns().NOW_RE, text) || containsAny(patterns().ACUTE_STRONG_RE, text) || containsAny(patterns().ACUTE_WEAK_RE, text);
}

/** "AED怎么用，小区新装了一台": a question about the device, unless anything says someone is in trouble now. */
function asksAboutDevice(text: string): boolean {
  return (
    containsAny(patterns().DEVICE_HOWTO_RE, text) && !containsAny(patterns().DEVICE_IN_TROUBLE_RE, text) && !toldAsNow(text)
  );
}

/**
 * Where hearsay starts and ends in a clause's text `t` (offsets from `from`): 说是 after anyone, a clinician or a test when a
 * DIAGNOSER speaks right before it; and a finding named without 说 (FOUND_TO_BE: 查出来是, 结果是).
 */
function hearsayIn(t: string, from: number): ClauseCues['hearsayAt'] {
  return [
    ...findAll(patterns().HEARSAY_RE, t).map((h) => ({ at: from + h.start, end: from + h.end, clinician: patterns().DIAGNOSER_RE.test(t.slice(0, h.start)) })),
    // A bare 结果是 is also 'as it turned out' (结果是他吃了一整瓶药): a finding only after a test (化验结果是, ct结果是).
    ...findAll(patterns().FOUND_TO_BE_RE, t).map((h) => ({
      at: from + h.start,
      end: from + h.end,
      clinician: !/^结果是/.test(t.slice(h.start)) || /(检查|化验|ct|片子|报告|诊断|查出来|查了)$/.test(t.slice(0, h.start)),
      found: true,
    })),
  ];
}

/**
 * Judges mentions in one message. Cues are computed once per clause and sentence, so judging many
 * mentions stays linear in the message length. See lexicon/context.ts for the precedence.
 */
export function createJudge(text: string, clauses: readonly Clause[]): (m: Mention) => Verdict {
  const sentenceInfo = new Map<number, SentenceInfo>();
  const sentenceOf = (sentence: number): SentenceInfo => {
    const known = sentenceInfo.get(sentence);
    if (known) return known;
    const info = describeSentence(text, clauses, sentence, learning);
    sentenceInfo.set(sentence, info);
    return info;
  };
  const learning = asksToLearn(text);
  const deviceQuestion = asksAboutDevice(text);
  const times = new TimesOfDay(text);
  const clauseCues = new Map<string, ClauseCues>();
  const cuesOf = (m: Mention, clause: Clause): ClauseCues => {
    // A run-on clause (elderly typing, voice transcripts) tells several things: cues count near the mention.
    const long = clause.text.length > LONG_CLAUSE_CHARS;
    // Window edges snap to a grid so neighbouring mentions share one computation.
    let from = long ? Math.max(clause.start, snapToGrid(m.start - CUE_WINDOW_CHARS, clause.start)) : clause.start;
    const fromAll = from;
    // …and a time of day between an old fact and the mention starts a new thought (高血压十几年了今天早上起来嘴歪了), unless a
    // past cue dates it (去年我爸下午晕倒过一次).
    const today = times.newThoughtAt(from, m.start, clause.start);
    if (today !== undefined) from = today;
    const to = long ? Math.min(clause.start + clause.text.length, snapToGrid(m.end + CUE_WINDOW_CHARS + WINDOW_GRID - 1, clause.start)) : clause.start + clause.text.length;
    // A time of day that starts a story about someone (下午我爸嘴歪了) leaves the questions and policies before it behind.
    const story = from !== fromAll && patterns().STORY_PERSON_RE.test(text.slice(Math.max(fromAll, from - 4), m.start));
    // In a run-on, a past cue well after the mention starts a story of its own (说话就不清楚了 左手拿不稳碗 去年中过风): it
    // dates what follows it, not what came before.
    const pastTo = long ? Math.min(to, snapToGrid(m.end + PAST_AFTER_CHARS + WINDOW_GRID - 1, clause.start)) : to;
    const key = `${fromAll}:${from}:${to}:${pastTo}:${story}`;
    const tAll = story ? text.slice(from, to) : text.slice(Math.min(fromAll, from), to);
    const known = clauseCues.get(key);
    if (known) return known;
    const t = text.slice(from, to);
    const sentence = sentenceOf(clause.sentence);
    // 以前都是…这次…: a habitual past set against now describes now; alone (以前都是180，现在控制得挺好) it is the past.
    const contrasted = patterns().CONTRAST_RE.test(t) ? t.replace(patterns().HABITUAL_PAST_RE, '') : t;
    const now = containsAny(patterns().NOW_RE, t.replace(patterns().NOT_NOW_RE, ''));
    // A sentence set long ago colours its clauses that say nothing of now; 一个钟头以前, 二十分钟之前 is no past cue.
    const inOldStory = clause.start >= sentence.oldStory.from && clause.start <= sentence.oldStory.until;
    const past = (inOldStory && !now) || (pastTo === to ? containsAny(patterns().PAST_RE, contrasted.replace(patterns().PAST_COMPARISON_RE, '').replace(RECENT_AGO, '')) : pastCueBefore(t, pastTo - from));
    const insuranceTalk = containsAny(patterns().INSURANCE_RE, tAll) || askedOfKind(patterns().CLAIMABLE_KIND_RE, TOLD_EVENT_RE, tAll);
    const knowledge = containsAny(patterns().KNOWLEDGE_RE, withoutUnsureWhat(tAll).replace(patterns().GENERAL_CAUSE_RE, '，')) || askedOfKind(patterns().GENERAL_CAUSE_RE, TOLD_EVENT_OR_PERSON_RE, tAll);
    const cues: ClauseCues = {
      acuteStrong: containsAny(patterns().ACUTE_STRONG_RE, t),
      acutePlea: containsAny(patterns().ACUTE_PLEA_RE, t),
      acuteWeak: containsAny(patterns().ACUTE_WEAK_RE, t),
      hedgesAt: findAll(patterns().HEDGES_RE, t).map((h) => from + h.start),
      hearsayAt: hearsayIn(t, from),
      strongSilence: (sentence.media && clause.start < sentence.mediaUntil) || asksHowTo(tAll),
      resolved: containsAny(patterns().RESOLVED_RE, t),
      hypotheticalAt: sentence.hypotheticalAt,
      hypotheticalUntil: sentence.hypotheticalUntil,
      hypotheticalDream: sentence.dream,
      pastOrKnowledge: past || knowledge,
      insuranceTalk,
      diseaseTalk: containsAny(patterns().DISEASE_TALK_RE, t),
      past,
      pastOnly: past && !now,
      now,
    };
    clauseCues.set(key, cues);
    return cues;
  };

  return (m: Mention): Verdict => {
    const clause = clauses[m.clauseIndex];
    if (!clause) return { live: true, contested: false };
    const cues = cuesOf(m, clause);
    // …but a sentence that tells a sudden onset outright (半小时前…突然头像炸开一样疼…同事说让我先问问你们) is no lesson.
    if (deviceQuestion || (learning && !cues.now && !sentenceOf(clause.sentence).acute)) return { live: false, contested: true };
    const justBefore = text.slice(Math.max(clause.start, m.start - PAST_PREFIX_REACH), m.start);
    // 半小时之前心梗发作, 之前那个脑梗又犯了: minutes ago, or the old illness back again, is now, not the past.
    const recentOrBack =
      RECENT_BEFORE_PREFIX.test(text.slice(Math.max(clause.start, m.start - RECENT_REACH), m.start)) ||
      BACK_AGAIN_AFTER.test(text.slice(m.end, Math.min(clause.start + clause.text.length, m.end + AFFIX_CHARS)));
    const pastPrefix = m.disease ? patterns().PAST_PREFIX_RE : patterns().YEARS_AGO_PREFIX_RE;
    if (cues.pastOnly || (!recentOrBack && pastPrefix.test(justBefore))) return { live: false, contested: true };
    // 看了个视频说…突然头痛: reported speech, however acute its words.
    const clauseText = text.slice(clause.start, m.start);
    const ownTold = OWN_SUBJECT_AFTER_SAID.exec(clauseText);
    const reportedText = ownTold ? clauseText.slice(ownTold.index + 1) : clauseText;
    if (outsideCalls(patterns().REPORTED_RE, reportedText)) return { live: false, contested: true };
    if (m.disease && toldAsDeath(text, m)) return { live: false, contested: true };
    const hypothetical = cues.hypotheticalAt < m.start && m.start < cues.hypotheticalUntil;
    // 如果他突然说不出话…: a sudden onset in the hypothetical's own clause (or in a dream) is the hypothetical's; one in a
    // later clause is told as it happens (如果你们有医生在线，我爸突然说不出话了); a plea for help is never the hypothetical's.
    // A later clause that opens on the onset itself (如果他醒来，突然说不出话怎么办) still belongs to the hypothetical,
    // unless a question or a regret closed the hypothetical first (万一宝宝有事怎么办，怀孕36周，突然下面流了好多水).
    const opensOnOnset = SUDDEN_AT_START_RE.test(clause.text) && !patterns().CLOSED_RE.test(text.slice(cues.hypotheticalAt, clause.start));
    const sameClause = cues.hypotheticalAt >= clause.start && !CLOSED_THEN_SOMEONE_SUDDEN_RE.test(text.slice(cues.hypotheticalAt, m.start));
    const hypotheticalOnset = hypothetical && (cues.hypotheticalDream || sameClause || opensOnOnset);
    if (cues.acuteStrong && (!hypotheticalOnset || cues.acutePlea)) return { live: true, contested: false };

    const clauseEnd = clause.start + clause.text.length;
    const after = text.slice(m.end, Math.min(clauseEnd, m.end + AFFIX_CHARS));
    const fine = patterns().FINE_SUFFIX_RE.exec(text.slice(m.end, Math.min(clauseEnd, m.end + FINE_WINDOW_CHARS)));
    if (fine && !m.notSilencedByRecovery && !containsAny(patterns().FINE_READING_RE, fine[0])) return { live: false, contested: true };

    const before = text.slice(Math.max(clause.start, m.start - AFFIX_CHARS), m.start);
    const todayEpisode = !m.disease && !cues.past && times.toldIn(clause.start, m.start);
    const pastSuffix = patterns().PAST_SUFFIX_RE.test(after) && !patterns().PAST_SUFFIX_BLOCKER_RE.test(after) && !todayEpisode;
    if (cues.strongSilence || (cues.resolved && !m.notSilencedByRecovery) || pastSuffix || hypothetical) return { live: false, contested: true };

    const acuteWeak = cues.acuteWeak || cues.hedgesAt.some((at) => at < m.start);
    // What a doctor or a test said it is (医生说是心绞痛) names a diagnosis; what anyone else passes on (我姐说是妈叫不醒了,
    // 邻居说是我爸中风了) is what is happening.
    const talk = cues.pastOrKnowledge || (cues.insuranceTalk && !m.notInsuranceTalk);
    // A bare 结果是 right before a disease name (结果是心梗，去年放了支架) is a finding all the same.
    const weakSilence = talk || cues.hearsayAt.some((h) => h.at < m.start && (h.clinician || (h.found && h.end === m.start)) && (!h.found || m.disease));
    if (weakSilence && !acuteWeak) return { live: false, contested: true };
    const diseaseSilence = m.disease && (patterns().CHRONIC_PREFIX_RE.test(before) || cues.diseaseTalk);
    if (othersStory(m, clauseText, acuteWeak, cues.now, text) || (!acuteWeak && diseaseSilence && !patterns().EVENT_SUFFIX_RE.test(after))) return { live: false, contested: true };
    return { live: true, contested: weakSilence || diseaseSilence };
  };
}
