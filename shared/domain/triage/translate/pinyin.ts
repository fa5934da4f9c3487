import { lexiconWords } from '../lexicon-phrases';
import { readingsOf, splitSyllables, toneless, tonelessReadingsOf } from '../sound';

/**
 * Reads pinyin ("wo ba xiong kou teng de li hai", "xiōngkǒu téng", "xiong1kou3") back into the Chinese
 * words of the lexicons. The dictionary is derived from the lexicons themselves through the character
 * readings of sound.ts (pinyin-pro), so every lexicon word is readable in pinyin with no table to keep.
 * A syllable that starts no known word becomes the lexicon character most used with that sound.
 */
interface PinyinDictionary {
  /** Syllables joined by spaces → word. */
  readonly words: ReadonlyMap<string, string>;
  readonly longest: number;
  /** Toneless syllable → the lexicon character most used with it. */
  readonly chars: ReadonlyMap<string, string>;
}

const MAX_READING_COMBINATIONS = 8;

/**
 * The pinyin keys of a lexicon word. A two-character word uses each character's usual reading and its
 * neutral-tone one (了 le, 着 zhe) only: with every rare reading, short keys collide with what members
 * type (蛇 also reads yi, so "hai yao yi zhi" would read 咬蛇). Longer words take every reading.
 */
function keysOf(word: string): string[] {
  const chars = [...word];
  let keys = [''];
  for (const ch of chars) {
    const readings = chars.length > 2 ? tonelessReadingsOf(ch) : usualAndNeutral(ch);
    if (readings.length === 0) return [];
    keys = keys.flatMap((k) => readings.map((r) => (k ? `${k} ${r}` : r))).slice(0, MAX_READING_COMBINATIONS);
  }
  return keys;
}

function usualAndNeutral(ch: string): string[] {
  const toned = readingsOf(ch);
  const picked = toned.filter((r, i) => i === 0 || r.endsWith('0')).map(toneless);
  return [...new Set(picked)];
}

/** Symptom words weigh more when a lone syllable picks its character (men → 闷, not 们 or 门). */
const RED_FLAG_WEIGHT = 3;

let dictionary: PinyinDictionary | undefined;

function build(): PinyinDictionary {
  const words = new Map<string, string>();
  const charCount = new Map<string, number>();
  const redFlagWords = new Set(lexiconWords('symptoms'));
  let longest = 0;
  for (const word of lexiconWords()) {
    for (const ch of word) charCount.set(ch, (charCount.get(ch) ?? 0) + (redFlagWords.has(word) ? RED_FLAG_WEIGHT : 1));
    for (const key of keysOf(word)) {
      if (!words.has(key)) words.set(key, word);
      longest = Math.max(longest, key.split(' ').length);
    }
  }
  const chars = new Map<string, string>();
  const best = new Map<string, number>();
  for (const [ch, count] of charCount) {
    // The usual and neutral-tone readings only: 喝 is he, never the rare ye, so "ye ma" stays 也….
    for (const syllable of usualAndNeutral(ch)) {
      if (count > (best.get(syllable) ?? 0)) {
        best.set(syllable, count);
        chars.set(syllable, ch);
      }
    }
  }
  return { words, longest, chars };
}

const TONE_MARKS = /[\u0300-\u036f]/g;
const LATIN_RUN = /[a-zü\u0300-\u036f0-5]+(?:[\s']+[a-zü\u0300-\u036f0-5]+)*/g;

/** "xiōng" → "xiong", "lǘ" → "lv", "kou3" → "kou". */
function plainToken(token: string): string {
  return token.normalize('NFD').replace(/u\u0308/g, 'v').replace(/ü/g, 'v').replace(TONE_MARKS, '').replace(/([a-z])[0-5]/g, '$1');
}

function decodeSyllables(syllables: readonly string[], d: PinyinDictionary): string {
  let out = '';
  let i = 0;
  while (i < syllables.length) {
    let matched = false;
    for (let len = Math.min(d.longest, syllables.length - i); len >= 2; len--) {
      const word = d.words.get(syllables.slice(i, i + len).join(' '));
      if (word) {
        out += word;
        i += len;
        matched = true;
        break;
      }
    }
    if (matched) continue;
    const s = syllables[i] as string;
    out += d.chars.get(s) ?? s;
    i++;
  }
  return out;
}

/** One run of Latin words: the longest stretches that are all pinyin, of two syllables or more, are read. */
function decodeRun(run: string, d: PinyinDictionary): string {
  const tokens = run.split(/[\s']+/);
  const out: string[] = [];
  let pending: string[] = [];
  let pendingRaw: string[] = [];
  const flush = (): void => {
    if (pending.length >= 2) out.push(decodeSyllables(pending, d));
    else out.push(...pendingRaw);
    pending = [];
    pendingRaw = [];
  };
  for (const token of tokens) {
    const plain = plainToken(token);
    const syllables = /^[a-z]+$/.test(plain) ? splitSyllables(plain) : undefined;
    if (syllables) {
      pending.push(...syllables);
      pendingRaw.push(token);
    } else {
      flush();
      out.push(token);
    }
  }
  flush();
  return out.join(' ');
}

export function decodePinyin(text: string): string {
  const decomposed = text.normalize('NFD');
  if (!/[a-zü]{2}/.test(decomposed.replace(TONE_MARKS, ''))) return text;
  const d = (dictionary ??= build());
  return decomposed.replace(LATIN_RUN, (run) => decodeRun(run, d)).normalize('NFC');
}
