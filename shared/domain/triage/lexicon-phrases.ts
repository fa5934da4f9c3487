import * as context from './lexicon/context';
import { INTENT_LEXICON } from './lexicon/intents';
import { READING_KEYWORDS } from './lexicon/readings';
import { RED_FLAG_RULES, TERM_GROUPS, type TermGroup } from './lexicon/red-flags';

/** Combinations of one phrase's character classes kept at most (熟[悉识] → 熟悉, 熟识). */
const MAX_EXPANSIONS = 16;

/**
 * The literal runs of a lexicon phrase: gaps (*) and numbers (#) split it, [ab] classes expand; a gap
 * may be empty, so the phrase with its gaps closed is a run too (嘴*歪 → 嘴, 歪, 嘴歪).
 */
export function literalSegments(phrase: string): string[] {
  const out: string[] = [];
  const parts = phrase.split(/[*#]/);
  if (phrase.includes('*') && !phrase.includes('#')) parts.push(phrase.replace(/\*/g, ''));
  for (const part of parts) {
    let variants = [''];
    const tokens = part.match(/\[[^\]]+\]|\([^)]+\)|[^[(]/g) ?? [];
    for (const tok of tokens) {
      const options = tok.startsWith('[') ? [...tok.slice(1, -1)] : tok.startsWith('(') ? tok.slice(1, -1).split('|') : [tok];
      variants = variants.flatMap((v) => options.map((o) => v + o)).slice(0, MAX_EXPANSIONS);
    }
    out.push(...variants.filter((v) => v.length > 0));
  }
  return out;
}

const isHan = (s: string): boolean => /^\p{Script=Han}+$/u.test(s);

const wordsCache = new Map<string, readonly string[]>();

/** Every Chinese word the triage lexicons know, as literal segments of two or more characters (memoised). */
export function lexiconWords(scope: 'all' | 'red_flags' | 'symptoms' | 'repairable' = 'all'): readonly string[] {
  const known = wordsCache.get(scope);
  if (known) return known;
  const words = collectWords(scope);
  wordsCache.set(scope, words);
  return words;
}

/** The groups that anchor a red-flag criterion: symptoms, acts, events (not context or slang). */
function symptomGroups(): TermGroup[] {
  const names = new Set(Object.values(RED_FLAG_RULES).flatMap((rule) => rule.patterns.map((p) => p.all[0] as string)));
  return [...names].map((n) => (TERM_GROUPS as Record<string, TermGroup | undefined>)[n]).filter((g): g is TermGroup => g !== undefined);
}

function collectWords(scope: 'all' | 'red_flags' | 'symptoms' | 'repairable'): string[] {
  const groups = scope === 'symptoms' ? symptomGroups() : Object.values(TERM_GROUPS);
  const phrases: string[] = groups.flatMap((g) => [...g.phrases]);
  if (scope === 'all' || scope === 'repairable') {
    phrases.push(...Object.values(INTENT_LEXICON).flatMap((list) => list.map(([p]) => p)));
  }
  if (scope === 'all') {
    phrases.push(...Object.values(context).flatMap((v) => (Array.isArray(v) ? (v as string[]) : [])));
  }
  if (scope !== 'symptoms') phrases.push(...Object.values(READING_KEYWORDS).flat());
  const words = new Set<string>();
  for (const p of phrases) for (const seg of literalSegments(p)) if (seg.length >= 2 && isHan(seg)) words.add(seg);
  return [...words];
}

