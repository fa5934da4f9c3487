import {
  BARE_PAIR,
  COUNTERS,
  NOT_COUNTERS,
  GLUCOSE_MGDL_ABOVE,
  LOWER_BOUND_BEFORE,
  MGDL_UNITS,
  READING_KEYWORDS,
  READING_THRESHOLDS,
  READING_WINDOW_CHARS,
  UPPER_BOUND_AFTER,
  UPPER_BOUND_BEFORE,
} from './lexicon/readings';
import { CLAUSE_SEP, SENTENCE_SEP } from './normalize';
import { scanNumbers, type FoundNumber } from './numbers';
import type { Span } from './pattern';
import type { ComputedGroup } from './lexicon/red-flags';
import { tonelessReadingsOf } from './sound';

/** A reading that crosses a threshold, as the concept the rules name (bp_critical, glucose_low…). */
export interface ReadingSpan extends Span {
  readonly group: ComputedGroup;
}

type Measure = keyof typeof READING_KEYWORDS;

/** No glucose, in mmol/L or mg/dL, comes near this: a larger number is a count (步数25000). */
const GLUCOSE_MAX = 2000;
const OTHER_LAB_BEFORE = /(?:尿酸|肌酐|甘油三酯|胆固醇|血脂|尿素|inr|ldl|hdl|tg|tc|uric|creatinine|cholesterol|triglyceride)[^，。\d血糖]{0,4}$/;
const GLUCOSE_CONTEXT = /果汁|糖水|吃了[^，。]{0,4}糖|方糖|胰岛素|降糖/;
/** The signs of a low (shaking, a sweat, a racing heart, hunger) that make a bare measured decimal a glucose. */
const LOW_SIGNS = /手抖|发抖|哆嗦|出汗|冒汗|一身汗|虚汗|冷汗|心慌|饿得/;
/** Just measured (测了下, 量了, 显示) right before a number; 度返 is Cantonese for measured again. */
const MEASURED_BEFORE = /(?:测|量|显示|度返|再度|还是|仍然|依然)[^，。]{0,5}$/;
/** 喝了糖水现在五点八了, 升到5.2, and English left in the text (15 min later it was 5.8: later5.8). */
const BACK_UP = /(?:现在|升到|回到|回升到|上来到|变成|到了|later|now)[^，。\d]{0,2}$/;
/** mmHg in one kPa (a meter can be switched to kPa). */
const MMHG_PER_KPA = 7.50062;
/** Between a pressure word and its number, a guess (血压估计两百了, 怕是有一百八): no measurement was taken. */
const GUESSED = /估计|感觉|怕是|起码|肯定/;
/** A measurement told in the message (刚量了190/120, 量了三次都是): the guess word is a feeling about a real reading. 没量 is none. */
const MEASURED = /(?<!没|没有|不|没去)(?:量|测)/;
/** A pulse between the oxygen word and a number (血氧仪显示心率72，血氧97; PR 80): that number is the pulse. */
const PULSE_BEFORE = /(?:心率|脉搏|脉率|心跳|pr|pulse|hr)[^，。,\d]{0,3}$/i;
type Bound = 'exact' | 'atMost' | 'atLeast';

interface Keyword {
  readonly measure: Measure;
  readonly start: number;
  readonly end: number;
}

const KEYWORDS: readonly { word: string; measure: Measure }[] = (Object.keys(READING_KEYWORDS) as Measure[])
  .flatMap((measure) => READING_KEYWORDS[measure].map((word) => ({ word: word.toLowerCase(), measure })))
  .sort((a, b) => b.word.length - a.word.length);

/**
 * 血 (or its homophone 雪) and a character that sounds like 糖 or 压: an IME's wrong pick (血堂, 血汤, 雪鸭).
 * For blood pressure any character read xue before 压, 鸭, 呀 or 丫 will do (学压, 穴压: no real word sounds
 * xue ya); glucose keeps to 血 and 雪, since 学堂 is a word. Only a keyword: a reading still needs its number right after.
 */
const SOUND_ALIKE: readonly { syllable: string; measure: Measure; anyXue: boolean }[] = [
  { syllable: 'tang', measure: 'glucose', anyXue: false },
  { syllable: 'ya', measure: 'bloodPressure', anyXue: true },
];
function soundAlikeAt(text: string, i: number): Keyword | undefined {
  const head = text[i];
  const next = text[i + 1];
  if (!head || !next) return undefined;
  const exact = head === '血' || head === '雪';
  // Cheapest test first: a run of Chinese rarely has 压's sound after a character other than 血/雪.
  if (!exact && next !== '压' && next !== '鸭' && next !== '呀' && next !== '丫') return undefined;
  if (!exact && tonelessReadingsOf(head)[0] !== 'xue') return undefined;
  const usual = tonelessReadingsOf(next)[0];
  const hit = SOUND_ALIKE.find((s) => s.syllable === usual && (exact || s.anyXue));
  return hit ? { measure: hit.measure, start: i, end: i + 2 } : undefined;
}

/** The keywords by their first character (longest first), so each position tries only those that can start there. */
const KEYWORDS_BY_FIRST: ReadonlyMap<string, readonly { word: string; measure: Measure }[]> = KEYWORDS.reduce((m, kw) => {
  const first = kw.word[0] as string;
  m.set(first, [...(m.get(first) ?? []), kw]);
  return m;
}, new Map<string, { word: string; measure: Measure }[]>());

function findKeywords(text: string): Keyword[] {
  const hits: Keyword[] = [];
  let i = 0;
  while (i < text.length) {
    const k = KEYWORDS_BY_FIRST.get(text[i] as string)?.find((kw) => text.startsWith(kw.word, i));
    const sounded = k ? undefined : soundAlikeAt(text, i);
    if (sounded) {
      hits.push(sounded);
      i = sounded.end;
      continue;
    }
    if (k) {
      hits.push({ measure: k.measure, start: i, end: i + k.word.length });
      i += k.word.length;
    } else {
      i++;
    }
  }
  return hits;
}

const endsWithAny = (s: string, words: readonly string[]): boolean => words.some((w) => s.endsWith(w));
const startsWithAny = (s: string, words: readonly string[]): boolean => words.some((w) => s.startsWith(w));

function boundOf(text: string, n: FoundNumber, from: number): Bound {
  const before = text.slice(Math.max(from, n.start - 4), n.start);
  const after = text.slice(n.end, n.end + 3);
  if (endsWithAny(before, UPPER_BOUND_BEFORE) || startsWithAny(after, UPPER_BOUND_AFTER)) return 'atMost';
  if (endsWithAny(before, LOWER_BOUND_BEFORE)) return 'atLeast';
  return 'exact';
}

/** A unit of its own after a number: energy, volume, weight, money (卡 of a food, never 卡住/卡在/卡着 of a stuck level). */
const OWN_UNIT_AFTER = /^(?:大卡|千卡|卡路里|kcal|卡(?![住在着])|毫升|ml|公斤|块钱|元钱)/i;
const GRAMS_AFTER = /^(?:克|g(?![a-z]))/i;
/** Grams of something eaten: sugar, a staple, a snack. */
const FOOD_GRAMS_AFTER = /^(?:克|g(?![a-z]))(?:的)?(?:糖|葡萄糖|白糖|冰糖|米饭|饭|面|燕麦|麦片|坚果|碳水|主食|蛋白|脂肪|左右|水果|巧克力|饼干|面包)/i;
/** A difference between two meters, not a level (血糖仪跟医院的差了1.5). */
const DIFFERENCE_BEFORE = /(?:差了?|相差|误差|差距|差值)$/;
/** Eaten or drunk right before the number (吃了20克). */
const EATEN_BEFORE = /(?:吃了?|喝了?|摄入|主食|碳水|补了?)[^，。]{0,2}$/;

const isCounter = (text: string, n: FoundNumber): boolean => {
  const after = text.slice(n.end, n.end + 4);
  return startsWithAny(after, COUNTERS) && !startsWithAny(after, NOT_COUNTERS);
};

const atLeastThis = (value: number, bound: Bound, threshold: number): boolean => bound !== 'atMost' && value >= threshold;

function glucoseLevel(text: string, n: FoundNumber, bound: Bound): ComputedGroup | undefined {
  // A number another lab test owns (尿酸显示520) or a count no glucose comes near (步数25000) is no glucose.
  if (OTHER_LAB_BEFORE.test(text.slice(Math.max(0, n.start - 8), n.start)) || n.value > GLUCOSE_MAX) return undefined;
  // …nor is a number with a unit of its own (吃了1200大卡, 走了8000步)…
  if (OWN_UNIT_AFTER.test(text.slice(n.end, n.end + 4))) return undefined;
  // …nor grams of a food or sugar (吃了20克葡萄糖, 50克燕麦), never 血糖2.6克 told with a typo.
  if (FOOD_GRAMS_AFTER.test(text.slice(n.end, n.end + 6))) return undefined;
  // …nor the gap between two readings (跟医院的差了1.5).
  if (DIFFERENCE_BEFORE.test(text.slice(Math.max(0, n.start - 2), n.start))) return undefined;
  if (GRAMS_AFTER.test(text.slice(n.end, n.end + 2)) && EATEN_BEFORE.test(text.slice(Math.max(0, n.start - 6), n.start))) return undefined;
  const mgdl = startsWithAny(text.slice(n.end, n.end + 6), MGDL_UNITS) || n.value > GLUCOSE_MGDL_ABOVE;
  const t = READING_THRESHOLDS;
  // Meters round mg/dL down to whole numbers: 16.7 mmol/L shows as 300.
  const limit = (mmol: number): number => (mgdl ? Math.floor(mmol * t.mgdlPerMmol) : mmol);
  if (n.value <= 0) return undefined;
  if (atLeastThis(n.value, bound, limit(t.glucoseHigh))) return 'glucose_high_critical';
  if (atLeastThis(n.value, bound, limit(t.glucoseRaised))) return 'glucose_high';
  if (bound !== 'atMost' && n.value >= limit(t.glucoseNearRaised)) return 'glucose_near_high';
  // "3点多" is 3.x: its lower end decides; "不到3.5" (atMost) is low too.
  if (bound === 'atLeast') return undefined;
  if (n.value <= limit(t.glucoseVeryLow)) return 'glucose_low_critical';
  if (n.value <= limit(t.glucoseLow)) return 'glucose_low';
  return undefined;
}

/** A glucose number back in range (above the low threshold, below the raised one). */
function glucoseInRange(text: string, n: FoundNumber, bound: Bound): boolean {
  if (bound !== 'exact' || n.value <= 0) return false;
  const mgdl = startsWithAny(text.slice(n.end, n.end + 6), MGDL_UNITS) || n.value > GLUCOSE_MGDL_ABOVE;
  const t = READING_THRESHOLDS;
  const k = mgdl ? t.mgdlPerMmol : 1;
  return n.value > t.glucoseLow * k && n.value < t.glucoseRaised * k;
}

/**
 * Oxygen saturation: 90 % or less is an emergency at rest (急诊病人病情分级 levels 1–2 take SpO2 < 90 %); 91–93 % a
 * doctor today. A number over 100 is no saturation (a pulse, a count).
 */
function oxygenLevel(value: number, bound: Bound): ComputedGroup | undefined {
  if (value > 100 || value < 30) return undefined;
  if (bound !== 'atLeast' && value <= 90) return 'spo2_low';
  if (bound !== 'atLeast' && value <= 93) return 'spo2_borderline';
  return undefined;
}

/** The saturation among an oxygen word's numbers: not the pulse told beside it; 90多 (90–99) read as its middle, 95. */
function saturationOf(text: string, kw: Keyword, own: readonly FoundNumber[]): { n: FoundNumber; value: number } | undefined {
  const n = own.find((m) => m.value >= 30 && m.value <= 100 && !PULSE_BEFORE.test(text.slice(Math.max(kw.end, m.start - 8), m.start)));
  if (!n) return undefined;
  const vague = /[多几]$/.test(text.slice(n.start, n.end)) && n.value % 10 === 0;
  return { n, value: vague ? n.value + 5 : n.value };
}

/** Potassium at 5.5 or more, or 3.0 or less, mmol/L: a doctor today (a hospital lab rings about either). */
function potassiumLevel(value: number): ComputedGroup | undefined {
  return (value >= 5.5 && value < 10) || (value > 1 && value <= 3.0) ? 'potassium_abnormal' : undefined;
}

/**
 * Haemoglobin under 70 g/L (or 7 g/dL): a transfusion is weighed the same day. 糖化血红蛋白 is HbA1c (6.5 %), and a value
 * in mmol/L is on another scale.
 */
function hemoglobinLevel(text: string, kw: Keyword, first: FoundNumber): ComputedGroup | undefined {
  if (text.slice(Math.max(0, kw.start - 2), kw.start) === '糖化' || /^\s*mmol/i.test(text.slice(first.end))) return undefined;
  return (first.value >= 20 && first.value < 70) || (first.value >= 2 && first.value < 7) ? 'hemoglobin_low' : undefined;
}

function pressureLevel(value: number, bound: Bound, which: 'sys' | 'dia'): ComputedGroup | undefined {
  const t = READING_THRESHOLDS;
  if (atLeastThis(value, bound, which === 'sys' ? t.systolicHigh : t.diastolicHigh)) return 'bp_critical';
  if (atLeastThis(value, bound, which === 'sys' ? t.systolicRaised : t.diastolicRaised)) return 'bp_high';
  if (atLeastThis(value, bound, which === 'sys' ? t.systolicElevated : t.diastolicElevated)) return 'bp_raised';
  return undefined;
}

const SEVERITY: Readonly<Partial<Record<ComputedGroup, number>>> = { bp_critical: 3, bp_high: 2, bp_raised: 1 };
const worse = (a: ComputedGroup | undefined, b: ComputedGroup | undefined): ComputedGroup | undefined =>
  (SEVERITY[b as ComputedGroup] ?? 0) > (SEVERITY[a as ComputedGroup] ?? 0) ? b : (a ?? b);

/** Two numbers that can be a blood pressure (BARE_PAIR's ranges, systolic above diastolic). */
const plausiblePair = (sys: number, dia: number): boolean =>
  sys >= BARE_PAIR.systolicMin && sys <= BARE_PAIR.systolicMax && dia >= BARE_PAIR.diastolicMin && dia <= BARE_PAIR.diastolicMax && sys > dia;
/** A pair of two- or three-digit numbers (190/120), not part of a longer number or a decimal. */
const DIGIT_PAIR_RE = /(?<![\d.])(\d{2,3})\/(\d{2,3})(?![\d.])/g;

/** A pair with no keyword (190/120, 一百九十/一百一十五, kPa converted): its level when it is plausible as a pressure. */
function barePairLevel(sys: number, dia: number): ComputedGroup | undefined {
  if (!plausiblePair(sys, dia)) return undefined;
  return worse(pressureLevel(sys, 'exact', 'sys'), pressureLevel(dia, 'exact', 'dia')) ?? lowPair(sys, dia);
}

/** A pair low in both numbers (90/55, 100/58). */
const lowPair = (sys: number, dia: number): ComputedGroup | undefined =>
  sys <= READING_THRESHOLDS.systolicLow && dia <= READING_THRESHOLDS.diastolicLow ? 'bp_low' : undefined;

/** Numbers that belong to a keyword: after it, same clause, within the window, before the next keyword. */
function numbersFor(text: string, kw: Keyword, next: number, numbers: readonly FoundNumber[], percentOk = false): FoundNumber[] {
  let limit = Math.min(kw.end + READING_WINDOW_CHARS, next);
  // The window may cross one clause mark ("血糖，22.6", "血糖贼高，刚测25.1"), never a sentence.
  let clauseMarks = 0;
  for (let i = kw.end; i < limit; i++) {
    if (text[i] === SENTENCE_SEP || (text[i] === CLAUSE_SEP && ++clauseMarks > 1)) limit = i;
  }
  return numbers.filter((n) => n.start >= kw.end && n.start < limit && (!isCounter(text, n) || (percentOk && /^[%％]/.test(text.slice(n.end)))));
}

/**
 * 测了下2.3 手抖得厉害 一身汗: no glucose word, but a decimal this small just measured, with the signs of a low, is a
 * low glucose: nothing else measured at home (temperature, pressure, pulse, oxygen) reads below 3.9.
 */
function bareLowGlucose(text: string, numbers: readonly FoundNumber[], owned: ReadonlySet<number>): ReadingSpan[] {
  const spans: ReadingSpan[] = [];
  for (const n of numbers) {
    // 2.0 is a decimal as typed (测了个2.0), though its value is whole.
    if (owned.has(n.start) || !/[.点]/.test(text.slice(n.start, n.end)) || n.value >= READING_THRESHOLDS.glucoseLow) continue;
    if (!MEASURED_BEFORE.test(text.slice(Math.max(0, n.start - 6), n.start)) || isCounter(text, n)) continue;
    const level = glucoseLevel(text, n, boundOf(text, n, n.start));
    if (level) spans.push({ group: level, start: n.start, end: n.end });
  }
  return spans;
}

/**
 * Readings past the reference thresholds (docs/reference/clinical-triage.md §3: BP ≥ 180/110 and
 * glucose ≥ 16.7 or ≤ 2.8 are emergencies; 160/100, 13.9 and 3.9 mean a doctor today), keyword → number
 * spans labelled with their concept. Context (past, negated, hypothetical) is judged by the caller.
 */
export function findReadings(text: string): ReadingSpan[] {
  const numbers = scanNumbers(text);
  const keywords = findKeywords(text);
  const spans: ReadingSpan[] = [];
  const owned = new Set<number>();
  const inRange: FoundNumber[] = [];
  keywords.forEach((kw, idx) => {
    const next = keywords[idx + 1]?.start ?? text.length;
    const oxygen = kw.measure === 'oxygen';
    // A saturation is told in per cent (血氧93%); SpO2 glued to its number once spaces go (spo287) keeps its own digits.
    const glued = oxygen && /\d$/.test(text.slice(kw.start, kw.end)) ? /^\d{2,3}/.exec(text.slice(kw.end)) : null;
    const gluedNumber: FoundNumber[] = glued ? [{ start: kw.end, end: kw.end + glued[0].length, value: Number(glued[0]), approx: false }] : [];
    const own = [...gluedNumber, ...numbersFor(text, kw, next, numbers, oxygen)];
    for (const n of own) owned.add(n.start);
    const first = own[0];
    if (!first) return;
    const bound = (n: FoundNumber): Bound => boundOf(text, n, kw.end);
    const push = (group: ComputedGroup | undefined, n: FoundNumber): void => {
      if (group) spans.push({ group, start: kw.start, end: n.end });
    };
    if (kw.measure === 'potassium') {
      push(potassiumLevel(first.value), first);
    } else if (kw.measure === 'hemoglobin') {
      push(hemoglobinLevel(text, kw, first), first);
    } else if (kw.measure === 'oxygen') {
      const sat = saturationOf(text, kw, own);
      if (sat) push(oxygenLevel(sat.value, bound(sat.n)), sat.n);
    } else if (kw.measure === 'glucose') {
      for (const n of own) {
        push(glucoseLevel(text, n, bound(n)), n);
        if (glucoseInRange(text, n, bound(n))) inRange.push(n);
      }
    } else if (GUESSED.test(text.slice(kw.end, first.start)) && !MEASURED.test(text)) {
      // 血压估计两百了: a guess, not a reading.
    } else if (kw.measure === 'systolic' || kw.measure === 'diastolic') {
      push(pressureLevel(first.value, bound(first), kw.measure === 'systolic' ? 'sys' : 'dia'), first);
    } else {
      const second = own[1];
      const paired = second !== undefined && text[first.end] === '/' && second.start === first.end + 1;
      const sys = pressureLevel(first.value, bound(first), 'sys');
      const dia = paired ? pressureLevel(second.value, bound(second), 'dia') : undefined;
      push(worse(sys, dia) ?? (paired ? lowPair(first.value, second.value) : undefined), paired ? second : first);
    }
  });
  // "想换血糖仪试纸。刚才测了一下才2.7", "测了3.4，喝了一杯果汁": a number just measured, in a message about
  // glucose or about treating a low (sugar, juice: the "两个15" rule), is glucose.
  if (keywords.some((k) => k.measure === 'glucose') || GLUCOSE_CONTEXT.test(text)) {
    for (const n of numbers) {
      // 测, 量, 显示 or the Cantonese 度 (度返5.8: measured again) right before it, a level that stays (还是3.2 after sugar),
      // or a glucose unit after it (47 mg/dL).
      const measured = MEASURED_BEFORE.test(text.slice(Math.max(0, n.start - 6), n.start));
      // …but not a number another lab test owns (尿酸7.5 mg/dL, 甘油三酯350 mg/dL).
      if (OTHER_LAB_BEFORE.test(text.slice(Math.max(0, n.start - 8), n.start))) continue;
      if (owned.has(n.start) || isCounter(text, n) || !(measured || startsWithAny(text.slice(n.end, n.end + 6), MGDL_UNITS))) continue;
      const level = glucoseLevel(text, n, boundOf(text, n, n.start));
      if (level) spans.push({ group: level, start: n.start, end: n.end });
      else if (glucoseInRange(text, n, boundOf(text, n, n.start))) inRange.push(n);
    }
    // 喝了糖水现在五点八了, 升到5.2: a later number told as where the level is now.
    for (const n of numbers) {
      if (owned.has(n.start) || isCounter(text, n) || !BACK_UP.test(text.slice(Math.max(0, n.start - 5), n.start))) continue;
      if (glucoseInRange(text, n, boundOf(text, n, n.start))) inRange.push(n);
    }
  } else if (LOW_SIGNS.test(text)) {
    spans.push(...bareLowGlucose(text, numbers, owned));
  }
  // 吃了两块糖，十五分钟后测到五点二: a reading back in range after a low one is a low that has recovered.
  const firstLow = spans.find((s) => s.group === 'glucose_low' || s.group === 'glucose_low_critical');
  const back = firstLow && inRange.find((n) => n.start >= firstLow.end);
  if (back) spans.push({ group: 'glucose_recovered', start: back.start, end: back.end });
  const inRangeNow = !firstLow && inRange[0];
  if (inRangeNow) spans.push({ group: 'glucose_in_range', start: inRangeNow.start, end: inRangeNow.end });
  for (const m of text.matchAll(DIGIT_PAIR_RE)) {
    const level = owned.has(m.index) ? undefined : barePairLevel(Number(m[1]), Number(m[2]));
    if (level) spans.push({ group: level, start: m.index, end: m.index + m[0].length });
  }
  // The same pair in Chinese numerals (一百九十/一百一十五, from 一百九十多、一百一十五 in normalize.ts).
  numbers.forEach((a, k) => {
    const b = numbers[k + 1];
    if (!b || owned.has(a.start) || text[a.end] !== '/' || b.start !== a.end + 1 || /\d/.test(text[a.start] ?? '')) return;
    const level = barePairLevel(a.value, b.value);
    if (level) spans.push({ group: level, start: a.start, end: b.end });
  });
  // A meter set to kPa (26.5/15.2 in a message that says kPa): 1 kPa is 7.5 mmHg, so 24/14.7 is 180/110.
  if (/kpa|千帕/.test(text)) {
    for (const m of text.matchAll(/(?<![\d.])(\d{1,2}(?:\.\d{1,2})?)\/(\d{1,2}(?:\.\d{1,2})?)(?![\d.])/g)) {
      const level = barePairLevel(Number(m[1]) * MMHG_PER_KPA, Number(m[2]) * MMHG_PER_KPA);
      if (level) spans.push({ group: level, start: m.index, end: m.index + m[0].length });
    }
  }
  // The last critical reading: a normal one before a critical again (…130/85，又量了一次205/118) settles nothing.
  const critical = spans.filter((s) => s.group === 'bp_critical').sort((a, b) => b.end - a.end)[0];
  const again = critical && pairAfter(text, critical.end, (sys, dia, start) => normalRecheck(text, start, sys, dia));
  if (again) spans.push({ group: 'bp_rechecked_normal', start: again.start, end: again.end });
  const lower = critical && !again && pairAfter(text, critical.end, (sys, dia, start) => cameDownOvernight(text, critical.start, start, sys, dia));
  if (lower) spans.push({ group: 'bp_came_down', start: lower.start, end: lower.end });
  return spans.sort((a, b) => a.start - b.start);
}

/** Measured again (重新量, 再测一次, 复测) right before a pair. */
const RECHECKED_BEFORE = /(?:重新|再|又|复)(?:量|测)[^，。\d]{0,4}$/;

/** The first plausible blood-pressure pair after `from` that `accept` takes (sys, dia and where the pair starts). */
function pairAfter(text: string, from: number, accept: (sys: number, dia: number, start: number) => boolean): Span | undefined {
  for (const m of text.slice(from).matchAll(DIGIT_PAIR_RE)) {
    const start = from + m.index;
    const sys = Number(m[1]);
    const dia = Number(m[2]);
    if (plausiblePair(sys, dia) && accept(sys, dia, start)) return { start, end: start + m[0].length };
  }
  return undefined;
}

/**
 * 血压计显示190，原来是袖带没绑好，重新量是128/76: a pair measured again after a critical reading and found below every
 * threshold; the critical one was the cuff.
 */
function normalRecheck(text: string, start: number, sys: number, dia: number): boolean {
  const normal = !pressureLevel(sys, 'exact', 'sys') && !pressureLevel(dia, 'exact', 'dia') && !lowPair(sys, dia);
  return normal && RECHECKED_BEFORE.test(text.slice(Math.max(0, start - 8), start));
}

/** Yesterday's reading (昨天血压185/110)… */
const YESTERDAY_BEFORE = /(?:昨天|昨晚|前天)[^，。\d]{0,6}$/;
/** …and today's after the tablets (吃完药今天早上150/95). */
const TODAY_AFTER_DRUG_BEFORE = /(?:吃[了完过]药|服[了完过]?药|吃了降压药)[^，。\d]{0,3}(?:今天|今早|今儿|现在)[^，。\d]{0,4}$/;

/**
 * 昨天血压185/110 吃完药今天早上150/95: yesterday's critical reading brought below the critical line by today, on the drug —
 * the reference's "150/95 that came down": a doctor today, not 120. Anything still critical today is no such pair.
 */
function cameDownOvernight(text: string, criticalStart: number, start: number, sys: number, dia: number): boolean {
  if (pressureLevel(sys, 'exact', 'sys') === 'bp_critical' || pressureLevel(dia, 'exact', 'dia') === 'bp_critical') return false;
  return YESTERDAY_BEFORE.test(text.slice(Math.max(0, criticalStart - 12), criticalStart)) && TODAY_AFTER_DRUG_BEFORE.test(text.slice(Math.max(0, start - 14), start));
}
