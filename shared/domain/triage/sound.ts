import { HANZI_PINYIN } from './lexicon/generated/hanzi-pinyin';

/**
 * How characters sound: the pinyin readings of the 6,763 GB2312 characters (derived from pinyin-pro by
 * scripts/derive-triage-tables.ts). Members who type pinyin and homophone typos (an IME's wrong pick)
 * are both read through this table. Parsed on first use, not at cold start.
 */
interface SoundTable {
  /** char → toned readings ("xue4"), the usual one first (the table lists usual readings first). */
  readonly readings: ReadonlyMap<string, readonly string[]>;
  /** Every toneless syllable ("xue"). */
  readonly syllables: ReadonlySet<string>;
}

let table: SoundTable | undefined;

function load(): SoundTable {
  const readings = new Map<string, string[]>();
  const syllables = new Set<string>();
  for (const entry of HANZI_PINYIN.split('|')) {
    const colon = entry.indexOf(':');
    const toned = entry.slice(0, colon);
    // Interjections with no vowel (m, n, ng, hm) would read English letters as pinyin.
    if (/[aeiouv]/.test(toned)) syllables.add(toned.slice(0, -1));
    for (const ch of entry.slice(colon + 1)) {
      const list = readings.get(ch);
      if (list) list.push(toned);
      else readings.set(ch, [toned]);
    }
  }
  return { readings, syllables };
}

const sounds = (): SoundTable => (table ??= load());

/** Toned readings of a character ("xue4", "xie3"); empty for anything outside GB2312. */
export function readingsOf(ch: string): readonly string[] {
  return sounds().readings.get(ch) ?? [];
}

export const toneless = (toned: string): string => toned.replace(/[0-4]$/, '');

const tonelessCache = new Map<string, readonly string[]>();
/** Distinct toneless readings of a character (血 → xue, xie), memoised: the typo check asks often. */
export function tonelessReadingsOf(ch: string): readonly string[] {
  let known = tonelessCache.get(ch);
  if (!known) tonelessCache.set(ch, (known = [...new Set(readingsOf(ch).map(toneless))]));
  return known;
}

export function isSyllable(s: string): boolean {
  return sounds().syllables.has(s);
}

const MAX_SYLLABLE = 6;

/**
 * Splits a run of letters into pinyin syllables ("xiongkouteng" → xiong kou teng), or undefined when
 * it is not pinyin. Fewest syllables wins; among equals, longer syllables first (xian, not xi an).
 */
export function splitSyllables(word: string): string[] | undefined {
  const n = word.length;
  // Per position: how many syllables the best split of the rest takes (-1: none), and the first one's length. Counts
  // and lengths instead of arrays per position: the split runs on every Latin word, English included.
  const count = new Int32Array(n + 1).fill(-1);
  const first = new Int8Array(n + 1);
  count[n] = 0;
  for (let i = n - 1; i >= 0; i--) {
    for (let len = Math.min(MAX_SYLLABLE, n - i); len >= 1; len--) {
      const tail = count[i + len] as number;
      if (tail < 0 || !isSyllable(word.slice(i, i + len))) continue;
      const current = count[i] as number;
      if (current < 0 || tail + 1 < current) {
        count[i] = tail + 1;
        first[i] = len;
      }
    }
  }
  if ((count[0] as number) < 0) return undefined;
  const out: string[] = [];
  for (let i = 0; i < n; i += first[i] as number) out.push(word.slice(i, i + (first[i] as number)));
  return out;
}
