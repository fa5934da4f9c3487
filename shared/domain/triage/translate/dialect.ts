import { DIALECT_WORDS } from '../lexicon/dialect';

let compiled: { re: RegExp; map: ReadonlyMap<string, string> } | undefined;

/**
 * Regional words → Mandarin (lexicon/dialect.ts), longest match first, in one pass. An entry mapped to
 * itself guards a Mandarin word from a shorter regional word inside it (阿莫西林 keeps its 莫).
 */
export function toMandarin(text: string): string {
  const c = (compiled ??= (() => {
    const map = new Map(DIALECT_WORDS);
    const alternation = [...map.keys()].sort((a, b) => b.length - a.length).join('|');
    return { re: new RegExp(alternation, 'g'), map };
  })());
  return text.replace(c.re, (m) => c.map.get(m) ?? m);
}
