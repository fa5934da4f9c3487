import {
  BARE_PAIR,
  COUNTERS,
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

type Measure = keyof typeof READING_KEYWORDS;
type Bound = 'exact' | 'atMost' | 'atLeast';

interface Keyword {
  readonly measure: Measure;
  readonly start: number;
  readonly end: number;
}

const KEYWORDS: readonly { word: string; measure: Measure }[] = (Object.keys(READING_KEYWORDS) as Measure[])
  .flatMap((measure) => READING_KEYWORDS[measure].map((word) => ({ word: word.toLowerCase(), measure })))
  .sort((a, b) => b.word.length - a.word.length);

function findKeywords(text: string): Keyword[] {
  const hits: Keyword[] = [];
  let i = 0;
  while (i < text.length) {
    const k = KEYWORDS.find((kw) => text.startsWith(kw.word, i));
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

const isCounter = (text: string, n: FoundNumber): boolean => startsWithAny(text.slice(n.end, n.end + 4), COUNTERS);

function highIsCritical(value: number, bound: Bound, threshold: number): boolean {
  return bound !== 'atMost' && value >= threshold;
}

function glucoseIsCritical(text: string, n: FoundNumber, bound: Bound): boolean {
  const mgdl = startsWithAny(text.slice(n.end, n.end + 6), MGDL_UNITS) || n.value > GLUCOSE_MGDL_ABOVE;
  const high = mgdl ? READING_THRESHOLDS.glucoseHighMgdl : READING_THRESHOLDS.glucoseHigh;
  const low = mgdl ? READING_THRESHOLDS.glucoseLowMgdl : READING_THRESHOLDS.glucoseLow;
  if (n.value <= 0) return false;
  if (highIsCritical(n.value, bound, high)) return true;
  // "3点多" is 3.x: its lower end decides; "不到3.5" (atMost) is low too.
  return bound !== 'atLeast' && n.value <= low;
}

/** Numbers that belong to a keyword: after it, same clause, within the window, before the next keyword. */
function numbersFor(text: string, kw: Keyword, next: number, numbers: readonly FoundNumber[]): FoundNumber[] {
  let limit = Math.min(kw.end + READING_WINDOW_CHARS, next);
  for (let i = kw.end; i < limit; i++) {
    if (text[i] === CLAUSE_SEP || text[i] === SENTENCE_SEP) limit = i;
  }
  return numbers.filter((n) => n.start >= kw.end && n.start < limit && !isCounter(text, n));
}

/**
 * Spans (keyword → number) of readings at or beyond the red-flag thresholds. Context (past, negated,
 * hypothetical) is judged by the caller like any other red-flag mention.
 */
export function findCriticalReadings(text: string): Span[] {
  const numbers = scanNumbers(text);
  const keywords = findKeywords(text);
  const spans: Span[] = [];
  const owned = new Set<number>();
  keywords.forEach((kw, idx) => {
    const next = keywords[idx + 1]?.start ?? text.length;
    const own = numbersFor(text, kw, next, numbers);
    for (const n of own) owned.add(n.start);
    const first = own[0];
    if (!first) return;
    const critical = (n: FoundNumber, which: 'sys' | 'dia' | 'glu'): boolean => {
      const bound = boundOf(text, n, kw.end);
      if (which === 'glu') return glucoseIsCritical(text, n, bound);
      return highIsCritical(n.value, bound, which === 'sys' ? READING_THRESHOLDS.systolicHigh : READING_THRESHOLDS.diastolicHigh);
    };
    let hit: FoundNumber | undefined;
    if (kw.measure === 'glucose') {
      hit = own.find((n) => critical(n, 'glu'));
    } else if (kw.measure === 'systolic') {
      hit = critical(first, 'sys') ? first : undefined;
    } else if (kw.measure === 'diastolic') {
      hit = critical(first, 'dia') ? first : undefined;
    } else {
      const second = own[1];
      const paired = second !== undefined && text[first.end] === '/' && second.start === first.end + 1;
      if (critical(first, 'sys')) hit = first;
      else if (paired && critical(second, 'dia')) hit = second;
    }
    if (hit) spans.push({ start: kw.start, end: hit.end });
  });
  for (const m of text.matchAll(/(?<![\d.])(\d{2,3})\/(\d{2,3})(?![\d.])/g)) {
    const sys = Number(m[1]);
    const dia = Number(m[2]);
    const plausible =
      sys >= BARE_PAIR.systolicMin && sys <= BARE_PAIR.systolicMax && dia >= BARE_PAIR.diastolicMin &&
      dia <= BARE_PAIR.diastolicMax && sys > dia;
    const start = m.index;
    const end = start + m[0].length;
    if (plausible && !owned.has(start) && (sys >= READING_THRESHOLDS.systolicHigh || dia >= READING_THRESHOLDS.diastolicHigh)) {
      spans.push({ start, end });
    }
  }
  return spans.sort((a, b) => a.start - b.start);
}
