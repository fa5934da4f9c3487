import { CN_DIGITS, parseChineseInteger } from './numbers';

/**
 * Blood pressures said the way they are read off a meter, put in figures before the hotlines are read (一八零一一零
 * holds 一一零) and before numbers are scanned (numbers.ts reads 一百一十五, not 一八五).
 */

const D = '零〇一二三四五六七八九幺';
const NUMERAL = '零〇一二两三四五六七八九幺十百';
/** Digits read one by one with commas between them (一，八，七): one number, as if said without the pauses. */
const DIGITS_WITH_COMMAS = new RegExp(`(?<![${NUMERAL}])([一二幺])[，,、]\\s*([${D}])[，,、]\\s*([${D}])(?![${D}十百])`, 'g');
/**
 * Five or six digit characters with no 十 or 百 (都是一八五一一五, 一六八，九五), the first three a systolic of 1xx or 2xx: a
 * pair. Not after 号, 码 or 位 (工号, 验证码): those digits are an identifier.
 */
const DIGIT_PAIR = new RegExp(
  `(?<![${NUMERAL}])(?<![号码位][是为:：]?\\s*)([一二幺][${D}]{2})[\\s,，、/]*([${D}]{2,3})(?![${NUMERAL}千万个次天岁号])`,
  'g',
);
/** A systolic read digit by digit followed by a diastolic said with 百 or 十 (一八五 一百一十五). */
const DIGITS_THEN_NUMERAL = new RegExp(
  `(?<![${NUMERAL}])([一二幺][${D}]{2})[\\s,，、]+((?=[一二两三四五六七八九]*[十百])(?:[一二两]百)?(?:[一二三四五六七八九]?十)?[一二三四五六七八九]?)(?![${NUMERAL}千万个次天岁号])`,
  'g',
);
/** In a message about blood pressure, a lone three-digit run read out (高的那个是一八七). */
const THREE_DIGITS = new RegExp(`(?<![${NUMERAL}])([一二幺][${D}]{2})(?![${NUMERAL}千万个次天岁号])`, 'g');

/** 幺 is 一 said on the phone; every other digit character is numbers.ts's own. */
const digits = (s: string): string => [...s].map((c) => String(c === '幺' ? 1 : (CN_DIGITS[c] ?? c))).join('');

export function readSpokenPressures(text: string): string {
  let t = text.replace(DIGITS_WITH_COMMAS, '$1$2$3');
  t = t.replace(DIGIT_PAIR, (_m: string, sys: string, dia: string) => `${digits(sys)}/${digits(dia)}`);
  t = t.replace(DIGITS_THEN_NUMERAL, (m: string, sys: string, dia: string) => {
    const value = parseChineseInteger(dia);
    return value === undefined ? m : `${digits(sys)}/${value}`;
  });
  return t.includes('血压') ? t.replace(THREE_DIGITS, (_m: string, run: string) => digits(run)) : t;
}
