import { TRAD_SIMP_PAIRS } from './lexicon/trad-simp';

/** Clause and sentence boundaries in normalised text. Nothing else in normalised text uses these. */
export const CLAUSE_SEP = '，';
export const SENTENCE_SEP = '。';

const TRAD_TO_SIMP: ReadonlyMap<string, string> = (() => {
  const map = new Map<string, string>();
  for (const token of TRAD_SIMP_PAIRS.split(/\s+/)) {
    const chars = [...token];
    if (chars.length !== 2) continue;
    const [trad, simp] = chars as [string, string];
    if (trad !== simp) map.set(trad, simp);
  }
  return map;
})();

/**
 * Character folding shared by messages and lexicon phrases: NFKC (full-width → half-width, ① → 1,
 * 　→ space), lowercase, traditional → simplified for the characters the lexicon knows.
 */
export function foldChars(text: string): string {
  const nfkc = text.normalize('NFKC').toLowerCase();
  let out = '';
  for (const ch of nfkc) out += TRAD_TO_SIMP.get(ch) ?? ch;
  return out;
}

// WeChat/WeCom text emoji arrive as "[捂脸]" or "/:wail"; pictographic emoji as code points.
const WECHAT_EMOJI = /\[[\u4e00-\u9fffa-z]{1,5}\]|\/:[a-z<>@!#$%^&*()_\-+=?]{1,8}/g;
const PICTOGRAPHIC = /[\p{Extended_Pictographic}\p{Emoji_Modifier}\u200d\ufe0f\u20e3\u{e0020}-\u{e007f}]|\p{So}/gu;
const ZERO_WIDTH = /[\u200b\u200c\u2060\ufeff]/g;
// Separators between two 2–3 digit numbers read as a pair ("190 120", "190，120" → "190/120").
const DIGIT_PAIR = /(^|[^\d.])(\d{2,3})\s*[,，、\s\\|-]\s*(\d{2,3})(?![\d.])/g;
const DIGIT_THEN_CJK = /(\d)[ \t\u3000]+(?=[\u4e00-\u9fff])/g;
const DECIMAL_POINT = /(\d)[。．·](\d)/g;
const SENTENCE_MARKS = /[.!?！？。\n\r]+/g;
const CLAUSE_MARKS = /[,，;；…~～—\t]+/g;
const DROPPED = /[\s"'“”‘’「」『』《》〈〉【】()（）:：*#_=^`<>{}@$&]+/g;
const SEPARATOR_RUN = /[，。]*。[，。]*/g;
const CLAUSE_RUN = /，{2,}/g;
const EDGE_SEPARATORS = /^[，。]+|[，。]+$/g;

/**
 * Canonical form for matching: folded characters, no emoji/spaces/quotes, clause punctuation as "，",
 * sentence punctuation as "。", decimals and reading pairs kept ("2.8", "190/120").
 */
export function normalizeText(text: string): string {
  let t = foldChars(text);
  t = t.replace(ZERO_WIDTH, '').replace(WECHAT_EMOJI, '').replace(PICTOGRAPHIC, '');
  t = t.replace(DECIMAL_POINT, '$1.$2');
  t = t.replace(DIGIT_PAIR, '$1$2/$3');
  // "血糖 1.8 人迷糊": a space after a number ends the reading, so 人 is not read as its unit.
  t = t.replace(DIGIT_THEN_CJK, '$1，');
  // A "." is a decimal point only between digits; elsewhere it ends a sentence.
  t = t.replace(/(\d)\.(\d)/g, '$1\u0000$2');
  t = t.replace(SENTENCE_MARKS, SENTENCE_SEP).replace(CLAUSE_MARKS, CLAUSE_SEP);
  t = t.replace(/\u0000/g, '.');
  t = t.replace(DROPPED, '');
  t = t.replace(SEPARATOR_RUN, SENTENCE_SEP).replace(CLAUSE_RUN, CLAUSE_SEP).replace(EDGE_SEPARATORS, '');
  return t;
}

export interface Clause {
  readonly text: string;
  /** Offset of the clause in the normalised text. */
  readonly start: number;
  readonly sentence: number;
}

/** Splits normalised text into clauses, remembering which sentence each belongs to. */
export function splitClauses(normalised: string): Clause[] {
  const clauses: Clause[] = [];
  let sentence = 0;
  let start = 0;
  for (let i = 0; i <= normalised.length; i++) {
    const ch = normalised[i];
    if (i < normalised.length && ch !== CLAUSE_SEP && ch !== SENTENCE_SEP) continue;
    if (i > start) clauses.push({ text: normalised.slice(start, i), start, sentence });
    if (ch === SENTENCE_SEP) sentence++;
    start = i + 1;
  }
  return clauses;
}
