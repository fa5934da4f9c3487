import { foldChars } from './normalize';

/**
 * Lexicon phrases are plain text with three small extensions, so editors never write regex:
 *   [abc]  one of the characters a, b, c          e.g. 喘不[上过]气
 *   *      a gap of 0–3 characters inside the clause, never crossing a negator (不没无未非; normalize.ts reads 非常 as 特别)
 *          e.g. 胸口*痛 matches 胸口好痛 / 胸口有点痛 but not 胸口不痛
 *   #      a number, Arabic or Chinese (3, 2.8, 三, 十几, 半)      e.g. #年前
 *   (ab|cd) one of the words ab, cd                               e.g. 买了*(安眠药|刀片)
 * Phrases are folded like messages (full-width, traditional, case), and a phrase that starts or
 * ends with a digit never matches inside a longer number ("打120" does not match "打1200").
 * Every quantifier is bounded and nothing is nested, so matching stays linear in practice.
 */
const GAP = '[^，。不没无未非]{0,3}?';
/** The Chinese numeral characters a `#` in a phrase reads (三, 十几, 半). */
export const CHINESE_NUMERALS = '零〇一二两三四五六七八九十百几半';
const NUMBER = `(?:\\d+(?:\\.\\d+)?|[${CHINESE_NUMERALS}]+)`;
const SPECIAL = /[\\^$.|?+{}]/;

export class LexiconError extends Error {
  override readonly name = 'LexiconError';
}

export function phraseToSource(phrase: string): string {
  const folded = foldChars(phrase).replace(/\s+/g, '');
  if (folded.length === 0) throw new LexiconError(`empty lexicon phrase ${JSON.stringify(phrase)}`);
  let out = '';
  for (let i = 0; i < folded.length; i++) {
    const ch = folded[i] as string;
    if (ch === '*') {
      out += GAP;
    } else if (ch === '#') {
      out += NUMBER;
    } else if (ch === '[') {
      const close = folded.indexOf(']', i + 1);
      const body = close > i + 1 ? folded.slice(i + 1, close) : '';
      if (!body || /[[\]*#\\^-]/.test(body)) throw new LexiconError(`bad character class in ${JSON.stringify(phrase)}`);
      out += `[${body}]`;
      i = close;
    } else if (ch === '(') {
      const close = folded.indexOf(')', i + 1);
      const words = close > i + 1 ? folded.slice(i + 1, close).split('|') : [];
      if (words.length < 2 || words.some((w) => !w || /[[\]()*#\\^$.?+{}]/.test(w))) {
        throw new LexiconError(`bad alternation in ${JSON.stringify(phrase)}`);
      }
      out += `(?:${words.join('|')})`;
      i = close;
    } else if (ch === ']' || ch === ')' || SPECIAL.test(ch)) {
      throw new LexiconError(`unsupported character ${JSON.stringify(ch)} in lexicon phrase ${JSON.stringify(phrase)}`);
    } else {
      out += ch === '/' ? '\\/' : ch;
    }
  }
  // Latin edges need a letter boundary: 血糖*hi must not match the hi of 血糖this.
  if (/^[a-z]/.test(folded)) out = `(?<![a-z])${out}`;
  if (/[a-z]$/.test(folded)) out = `${out}(?![a-z])`;
  if (/^\d/.test(folded)) out = `(?<!\\d)${out}`;
  if (/\d$/.test(folded)) out = `${out}(?![\\d.])`;
  return out;
}

/** Longest phrases first so an alternation prefers 胸口压榨感 over 胸口. */
function byLengthDesc(a: string, b: string): number {
  return b.length - a.length || (a < b ? -1 : a > b ? 1 : 0);
}

/** One global regex matching any of the phrases. */
export function compileAny(phrases: readonly string[]): RegExp {
  if (phrases.length === 0) return /(?!)/g;
  const sources = [...new Set(phrases)].sort(byLengthDesc).map(phraseToSource);
  return new RegExp(sources.join('|'), 'g');
}

/**
 * The phrases as plain strings in compileAny's order (longest first), when every one is a plain word: no gap, number,
 * class or alternation, and no Latin letter or digit at an edge (those need lookarounds). The first of them a text
 * starts with at a position is what compileAny's regex would match there; null when any phrase needs the regex.
 */
export function plainLiterals(phrases: readonly string[]): string[] | null {
  const words = [...new Set(phrases)].sort(byLengthDesc).map((p) => foldChars(p).replace(/\s+/g, ''));
  return words.every((w) => w.length > 0 && !/[*#[\]()\\^$.|?+{}]/.test(w) && !/^[a-z0-9]|[a-z0-9]$/.test(w)) ? words : null;
}

/**
 * A global regex with one capture group per phrase (longest first), to tell which phrase matched:
 * capture group i + 1 belongs to `order[i]`, an index into the given phrases.
 */
export function compileIndexed(phrases: readonly string[]): { re: RegExp; order: number[] } {
  const order = phrases.map((_, i) => i).sort((a, b) => byLengthDesc(phrases[a] as string, phrases[b] as string));
  if (order.length === 0) return { re: /(?!)/g, order };
  const re = new RegExp(order.map((i) => `(${phraseToSource(phrases[i] as string)})`).join('|'), 'g');
  return { re, order };
}

/** The characters a number can start with: a digit or a Chinese numeral. */
const NUMBER_CHARS = [...`0123456789${CHINESE_NUMERALS}`];

/** The choices of one position of a folded phrase (see phraseToSource): characters or words, or null for a gap or a number. */
function phraseElements(phrase: string): Array<readonly string[] | null> {
  const out: Array<readonly string[] | null> = [];
  for (let i = 0; i < phrase.length; i++) {
    const ch = phrase[i] as string;
    if (ch === '*') out.push(null);
    else if (ch === '#') out.push(out.length === 0 ? NUMBER_CHARS : null);
    else if (ch === '[' || ch === '(') {
      const close = phrase.indexOf(ch === '[' ? ']' : ')', i + 1);
      const body = phrase.slice(i + 1, close);
      out.push(ch === '[' ? [...body] : body.split('|'));
      i = close;
    } else out.push([ch]);
  }
  return out;
}

/**
 * Each character a phrase can start with, with the character that must follow it (null: any may,
 * as after a gap, inside a number, or when the phrase is one character long).
 */
export function phraseStarts(phrase: string): Array<[string, string | null]> {
  // A number can run to several characters (10, 十二, 1.5): any character may follow its first.
  if (phrase.startsWith('#')) return NUMBER_CHARS.map((ch) => [ch, null]);
  const [head, next] = phraseElements(phrase);
  const starts: Array<[string, string | null]> = [];
  for (const word of head ?? []) {
    if (word.length > 1) starts.push([word[0] as string, word[1] as string]);
    else if (!next) starts.push([word, null]);
    else for (const w of next) starts.push([word, w[0] as string]);
  }
  return starts;
}
/**
 * The phrases (by index) that can start with each character, and the characters that can follow it in them (null when
 * any can: a gap, a number, a one-character phrase). Red-flag groups (red-flags.ts) and intents (intent.ts) both scan
 * a message once and try at each position only the phrases that can start there.
 */
export function phrasesByStart(phrases: readonly string[]): Map<string, { indices: number[]; seconds: Set<string> | null }> {
  const out = new Map<string, { indices: number[]; seconds: Set<string> | null }>();
  phrases.forEach((phrase, i) => {
    for (const [first, second] of phraseStarts(foldChars(phrase).replace(/\s+/g, ''))) {
      const entry = out.get(first) ?? { indices: [], seconds: new Set<string>() };
      if (!entry.indices.includes(i)) entry.indices.push(i);
      entry.seconds = entry.seconds === null || second === null ? null : entry.seconds.add(second);
      out.set(first, entry);
    }
  });
  return out;
}

/**
 * compileIndexed split by the character a phrase can start with (its UTF-16 code): at a position, the sticky regex of
 * just those phrases matches what compileIndexed's would, since it keeps their relative order (longest first); `order`
 * maps its capture groups to indices into the given phrases. Phrases starting outside the basic plane are left out: a
 * scan that reads one code unit at a time never sees them start.
 */
export function compileIndexedByStart(phrases: readonly string[]): Map<number, { re: RegExp; order: number[] }> {
  const out = new Map<number, { re: RegExp; order: number[] }>();
  for (const [first, { indices }] of phrasesByStart(phrases)) {
    if (first.length !== 1) continue;
    const { re, order } = compileIndexed(indices.map((i) => phrases[i] as string));
    out.set(first.charCodeAt(0), { re: new RegExp(re.source, 'y'), order: order.map((k) => indices[k] as number) });
  }
  return out;
}

export interface Span {
  readonly start: number;
  readonly end: number;
}

export function findAll(re: RegExp, text: string): Span[] {
  const spans: Span[] = [];
  for (const m of text.matchAll(re)) {
    if (m[0].length === 0) continue;
    spans.push({ start: m.index, end: m.index + m[0].length });
  }
  return spans;
}

export function containsAny(re: RegExp, text: string): boolean {
  re.lastIndex = 0;
  const hit = re.test(text);
  re.lastIndex = 0;
  return hit;
}
