import { foldForReview } from './fold';
import { REVIEW_RULES, type ReviewAction, type ReviewCategory, type ReviewRule } from './rules';

export type RulesVerdict = 'pass' | ReviewAction;

export interface RuleHit {
  ruleId: string;
  category: ReviewCategory;
  action: ReviewAction;
  /** The words that matched, as folded (shown to the reviewer beside the explanation). */
  excerpt: string;
}

export interface RulesResult {
  verdict: RulesVerdict;
  hits: RuleHit[];
}

/** Characters before a match searched for a negation (「目前还无法根治」「不能保证100%有效」). */
const NEGATION_WINDOW = 5;
const NEGATION = /不|无|没|非|别|勿|未|难以|切忌|避免|谨防|警惕/;
const CLAUSE_END = /[，。,.!?！？;；:\n]/;

function negated(folded: string, start: number): boolean {
  let before = folded.slice(Math.max(0, start - NEGATION_WINDOW), start);
  // Only the clause the match is in: a negation in the previous sentence says nothing about this one.
  const cut = Math.max(...[...before].map((ch, i) => (CLAUSE_END.test(ch) ? i : -1)));
  if (cut >= 0) before = before.slice(cut + 1);
  return NEGATION.test(before);
}

/** Each rule pattern's global form, made once (matchAll needs the g flag; the rules are written without it). */
const globalForms = new WeakMap<RegExp, RegExp>();
function globalOf(pattern: RegExp): RegExp {
  let global = globalForms.get(pattern);
  if (!global) globalForms.set(pattern, (global = new RegExp(pattern.source, `${pattern.flags.replace('g', '')}g`)));
  return global;
}

function firstHit(rule: ReviewRule, folded: string): string | null {
  for (const pattern of rule.patterns) {
    for (const m of folded.matchAll(globalOf(pattern))) {
      if (!rule.negatable || !negated(folded, m.index)) return m[0];
    }
  }
  return null;
}

/** Every rule the text hits, and the verdict: block if any hit blocks, flag if any flags, else pass. Pure. */
export function evaluateRules(text: string, rules: readonly ReviewRule[] = REVIEW_RULES): RulesResult {
  const folded = foldForReview(text);
  const hits: RuleHit[] = [];
  for (const rule of rules) {
    const excerpt = firstHit(rule, folded);
    if (excerpt !== null) hits.push({ ruleId: rule.id, category: rule.category, action: rule.action, excerpt });
  }
  const verdict: RulesVerdict = hits.some((h) => h.action === 'block') ? 'block' : hits.length ? 'flag' : 'pass';
  return { verdict, hits };
}

export const ruleById = (id: string, rules: readonly ReviewRule[] = REVIEW_RULES): ReviewRule | undefined => rules.find((r) => r.id === id);
