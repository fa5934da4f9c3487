import { TRAD_SIMP } from '../triage/lexicon/generated/trad-simp';

let table: ReadonlyMap<string, string> | undefined;

/** OpenCC's traditional / HK / TW → simplified pairs, the table the triage classifier folds with. */
function tradSimp(): ReadonlyMap<string, string> {
  if (table) return table;
  const map = new Map<string, string>();
  const chars = [...TRAD_SIMP];
  for (let i = 0; i + 1 < chars.length; i += 2) map.set(chars[i] as string, chars[i + 1] as string);
  return (table = map);
}

/**
 * Spaces, zero-width characters and filler symbols slipped between characters to dodge a rule
 * (「根 治」「根*治」「根·治」). Clause punctuation stays: the rules' gaps stop at it.
 */
const FILLER = /[\s\u200b-\u200d\u2060\ufeff*_·•~`'"“”‘’「」『』【】《》()（）\-]+/g;

/**
 * The text as the rules read it: NFKC (full-width → half-width, ％ → %), lowercase, traditional →
 * simplified, filler dropped. Imports only the OpenCC table, not the triage classifier's translators,
 * so the functions that send reminders and welcomes do not load them.
 */
export function foldForReview(text: string): string {
  const nfkc = text.normalize('NFKC').toLowerCase();
  let out = '';
  if (/[\u3400-\u9fff]/.test(nfkc)) {
    const t = tradSimp();
    for (const ch of nfkc) out += t.get(ch) ?? ch;
  } else {
    out = nfkc;
  }
  return out.replace(FILLER, '');
}
