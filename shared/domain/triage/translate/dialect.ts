import { DIALECT_WORDS, SWALLOWED_THINGS } from '../lexicon/dialect';
import { IME_PICKS } from '../lexicon/ime-picks';

let compiled: { re: RegExp; map: ReadonlyMap<string, string> } | undefined;

/**
 * 勿 typed for 误 before whatever was swallowed (阿爷勿喝了敌敌畏, 囡囡勿吃了纽扣电池); Shanghainese 药勿吃了 (stopped
 * taking), 侬勿吃了冷饮 and 请勿喝了酒再… stay 不: only before a poison, a medicine or a count of pills.
 */
const WU_SWALLOWED = new RegExp(`(?<![请药饭菜水酒])勿([喝吃食服])了(?=[^，。,.!！?？\\s]{0,6}?(?:${SWALLOWED_THINGS.join('|')}))`, 'g');
/**
 * 无 (wu) typed for 误 too (孩子无喝了一口消毒液), but Hokkien 无 is 没 (我无吃了药, 无食了降压药 = a missed dose): 无 reads 误
 * only before a poison, never a medicine or a pill count.
 */
const NOT_POISON = new Set<string>(['药', '片', '粒', '板', '瓶', '颗']);
const WU_POISON = new RegExp(`(?<![请药饭菜水酒])无([喝吃食服])了(?=[^，。,.!！?？\\s]{0,6}?(?:${SWALLOWED_THINGS.filter((t) => !NOT_POISON.has(t)).join('|')}))`, 'g');

/**
 * 抽出 (to pull out) always takes what is pulled (抽出时间, 抽出一张); ending a clause (孩子在床上抽出，已经七八分钟了) it is
 * an IME's pick for 抽搐 (chou chu).
 */
const CHOU_CHU_AT_CLAUSE_END = /抽出(?=\s*[,，;；。.!！?？]|\s*$)/g;
/** …unless the clause names what is drawn or how (血才抽出, 积液今天抽出, 把报告抽出, 只能抽出): the object came first. */
const DRAWN_BEFORE = /(血|积液|积水|腹水|胸水|骨髓|脓|痰|液体|时间|空|钱|卡|报告|文件|纸|样本|针|管|把|从|能|才|要)[^,，;；。.!！?？]*$/;

/**
 * Regional words and an IME's two-character picks → Mandarin (lexicon/dialect.ts, lexicon/ime-picks.ts), longest match
 * first, in one pass. An entry mapped to itself guards a Mandarin word from a shorter regional word inside it (阿莫西林
 * keeps its 莫).
 */
export function toMandarin(text: string): string {
  text = text
    .replace(WU_SWALLOWED, '误$1了')
    .replace(WU_POISON, '误$1了')
    .replace(CHOU_CHU_AT_CLAUSE_END, (m, at: number, s: string) => (DRAWN_BEFORE.test(s.slice(0, at)) ? m : '抽搐'));
  const c = (compiled ??= (() => {
    const map = new Map([...DIALECT_WORDS, ...IME_PICKS]);
    const alternation = [...map.keys()].sort((a, b) => b.length - a.length).join('|');
    return { re: new RegExp(alternation, 'g'), map };
  })());
  return text.replace(c.re, (m) => c.map.get(m) ?? m);
}
