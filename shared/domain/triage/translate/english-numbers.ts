/**
 * English numbers spelled out ("one hundred seventy", "fifty-six", "a hundred and ten", a pressure read out as
 * "one eighty over one ten", a glucose of "two point five") as digits, so a pulse, a pressure, a glucose or an
 * age written in words is read like one written in figures. Whole numbers only from ten up: a lone "one" or
 * "two" is as often a word as a count (no one, one of them), and the readings that decide a red flag are all
 * two or three digits or a decimal.
 *
 * Hand-written rather than a package: the one maintained on npm (words-to-numbers) pulls in babel-runtime 6
 * and a fuzzy-matching library for what is a 20-line grammar of cardinals below a thousand.
 */
const ONES: Readonly<Record<string, number>> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9 };
const TEENS: Readonly<Record<string, number>> = {
  ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
};
const TENS: Readonly<Record<string, number>> = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };

const ONE = Object.keys(ONES).join('|');
const BELOW_HUNDRED = `(?:(?:${Object.keys(TENS).join('|')})(?:[\\s-]+(?:${ONE}))?|${Object.keys(TEENS).join('|')}|${ONE})`;
/** "[one|a] hundred [and] [below a hundred]", or a number from ten to ninety-nine on its own. */
const SPELLED = new RegExp(
  `(?<![a-z])(?:(?:(${ONE}|a)\\s+hundred)(?:(?:\\s+and)?\\s+(${BELOW_HUNDRED}))?|(${Object.keys(TENS).join('|')}|${Object.keys(TEENS).join('|')})(?:[\\s-]+(${ONE}))?)(?![a-z])`,
  'g',
);

function belowHundred(words: string): number {
  const [first = '', second] = words.split(/[\s-]+/);
  return (TENS[first] ?? TEENS[first] ?? ONES[first] ?? 0) + (second ? (ONES[second] ?? 0) : 0);
}

/** "one eighty over one ten", "one forty": a reading said as hundreds and tens, the way a pressure is read out. */
const SAID_AS_PAIRS = new RegExp(`(?<![a-z])(one|two)\\s+(${Object.keys(TENS).join('|')}|${Object.keys(TEENS).join('|')})(?:[\\s-]+(${ONE}))?(?![a-z])`, 'g');
/** "two point five": a decimal told in words (a glucose of 2.5). */
const POINT = new RegExp(`(?<![a-z])(${BELOW_HUNDRED}|zero|\\d+)\\s+point\\s+(${ONE}|zero)(?![a-z])`, 'g');
const DIGIT: Readonly<Record<string, number>> = { ...ONES, zero: 0 };

/** Lower-cased text in, the spelled numbers of ten and more replaced by their digits. */
export function spelledNumbersToDigits(text: string): string {
  if (!/hundred|teen|ty(?![a-z])|ten|eleven|twelve|point/.test(text)) return text;
  return text
    .replace(POINT, (_m, whole: string, tenth: string) => `${/^\d/.test(whole) ? whole : whole === 'zero' ? 0 : belowHundred(whole)}.${DIGIT[tenth] ?? 0}`)
    .replace(SAID_AS_PAIRS, (_m, h: string, tens: string, ones: string | undefined) => String((ONES[h] ?? 1) * 100 + belowHundred(ones ? `${tens} ${ones}` : tens)))
    .replace(SPELLED, (_m, hundreds: string | undefined, rest: string | undefined, tens: string | undefined, ones: string | undefined) => {
    if (hundreds !== undefined) return String((hundreds === 'a' ? 1 : (ONES[hundreds] ?? 1)) * 100 + (rest ? belowHundred(rest) : 0));
    return String(belowHundred(ones ? `${tens} ${ones}` : (tens ?? '')));
  });
}
