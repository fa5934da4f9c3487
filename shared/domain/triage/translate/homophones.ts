import { lexiconWords } from '../lexicon-phrases';
import { readingsOf, toneless, tonelessReadingsOf } from '../sound';

/**
 * Repairs homophone typos (an IME's wrong pick: 胸口通 for 胸口痛, 喘不上起 for 喘不上气) in words of three
 * or more characters that the red-flag and intent lexicons know: a run of the message that sounds
 * like a lexicon word (every character has that word's syllable among its readings, tones ignored)
 * and differs from it in exactly one character becomes that word. Two-character words are left alone:
 * too many real words sound alike (新梗 / 心梗).
 */
const MIN_CHARS = 3;
const MAX_CHARS = 8;

interface Candidate {
  readonly word: string;
  readonly syllables: readonly string[];
}

let index: ReadonlyMap<string, readonly Candidate[]> | undefined;

function build(): ReadonlyMap<string, readonly Candidate[]> {
  const map = new Map<string, Candidate[]>();
  for (const word of lexiconWords()) {
    const chars = [...word];
    if (chars.length < MIN_CHARS || chars.length > MAX_CHARS) continue;
    const syllables = chars.map((ch) => toneless(readingsOf(ch)[0] ?? ''));
    if (syllables.some((s) => s === '')) continue;
    const key = `${syllables[0]} ${syllables[1]}`;
    const list = map.get(key);
    if (list) list.push({ word, syllables });
    else map.set(key, [{ word, syllables }]);
  }
  for (const list of map.values()) list.sort((a, b) => b.syllables.length - a.syllables.length);
  return map;
}

const soundsOf = tonelessReadingsOf;

/**
 * The lexicon word a run starting at `i` spells or mistypes, if any. A word spelled right wins over a
 * sound-alike, so a correct word is never "repaired" into another.
 */
function repairAt(chars: readonly string[], i: number, idx: ReadonlyMap<string, readonly Candidate[]>): Candidate | undefined {
  let best: { c: Candidate; exact: boolean } | undefined;
  const first = soundsOf(chars[i] as string);
  const second = soundsOf(chars[i + 1] ?? '');
  for (const a of first) {
    for (const b of second) {
      for (const c of idx.get(`${a} ${b}`) ?? []) {
        const wordChars = [...c.word];
        if (i + wordChars.length > chars.length) continue;
        let differences = 0;
        let sounds = true;
        for (let k = 0; k < wordChars.length && sounds; k++) {
          const ch = chars[i + k] as string;
          if (ch === wordChars[k]) continue;
          differences++;
          sounds = soundsOf(ch).includes(c.syllables[k] as string);
        }
        if (!sounds || differences > 1) continue;
        // The longest word wins; at equal length a word spelled right beats a sound-alike.
        const longer = !best || wordChars.length > [...best.c.word].length;
        const sameLengthExact = best && wordChars.length === [...best.c.word].length && differences === 0 && !best.exact;
        if (longer || sameLengthExact) best = { c, exact: differences === 0 };
      }
    }
  }
  // A word spelled right is "repaired" into itself: the run is copied and skipped as one word.
  return best?.c;
}

export function repairHomophones(text: string): string {
  if (!/\p{Script=Han}{3}/u.test(text)) return text;
  const idx = (index ??= build());
  const chars = [...text];
  let out = '';
  let i = 0;
  while (i < chars.length) {
    const fix = /\p{Script=Han}/u.test(chars[i] as string) ? repairAt(chars, i, idx) : undefined;
    if (fix) {
      out += fix.word;
      i += [...fix.word].length;
    } else {
      out += chars[i];
      i++;
    }
  }
  return out;
}
