/** A number found in normalised text: Arabic (190, 2.8, 7点2, 20多) or Chinese (一百九, 三点八, 二十几). */
export interface FoundNumber {
  readonly start: number;
  readonly end: number;
  readonly value: number;
  /** "20多", "3点几": the value is a lower bound of a loose range. */
  readonly approx: boolean;
  /** A spoken range (七八, 两三): its lower end; `value` is the upper. */
  readonly low?: number;
}

export const CN_DIGITS: Readonly<Record<string, number>> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const CN_CHARS = /[零〇一二两三四五六七八九十百]/;
const APPROX = /[多几]/;

const isDigit = (ch: string | undefined): boolean => ch !== undefined && ch >= '0' && ch <= '9';
const isCn = (ch: string | undefined): boolean => ch !== undefined && CN_CHARS.test(ch);

/** 一百九 = 190 (colloquial), 一百九十五 = 195, 两百一 = 210, 一百零五 = 105, 十七 = 17. */
export function parseChineseInteger(s: string): number | undefined {
  let total = 0;
  let current: number | undefined;
  let lastUnit = 1;
  let sawZero = false;
  for (const ch of s) {
    if (ch === '十' || ch === '百') {
      const unit = ch === '十' ? 10 : 100;
      total += (current ?? 1) * unit;
      current = undefined;
      lastUnit = unit;
      sawZero = false;
    } else if (ch in CN_DIGITS) {
      const d = CN_DIGITS[ch] as number;
      if (d === 0) sawZero = true;
      current = d;
    } else {
      return undefined;
    }
  }
  if (current !== undefined) total += lastUnit === 100 && !sawZero ? current * 10 : current;
  return total;
}

function decimalDigits(text: string, i: number): { digits: string; end: number } {
  let digits = '';
  let j = i;
  while (j < text.length) {
    const ch = text[j] as string;
    if (isDigit(ch)) digits += ch;
    else if (ch in CN_DIGITS) digits += String(CN_DIGITS[ch]);
    else break;
    j++;
  }
  return { digits, end: j };
}

/**
 * One Chinese numeral: [digit]百零[digit], [digit]百[digit]十[digit], colloquial 一百八 / 两百一, or [digit]十[digit].
 * A digit after a colloquial 一百五 starts the next numeral (一百五九十五 is 150 and 95, not 一百五九).
 */
const CN_NUMBER_TOKEN = /[一二两三四五六七八九]?百(?:[零〇][一二两三四五六七八九]|[一二两三四五六七八九]十[一二两三四五六七八九]?|[一二两三四五六七八九])?|[一二两三四五六七八九]?十[一二两三四五六七八九]?/gy;

const CN_DIGIT_VALUES = '一二三四五六七八九';
/** 一百七八十, 一百五六十: 百, then two neighbouring digits, then 十 — a range, not two numerals. */
function isSpokenRange(run: string): boolean {
  const m = /^[一二两三四五六七八九]?百([一二三四五六七八九])([一二三四五六七八九])十$/.exec(run);
  return m !== null && CN_DIGIT_VALUES.indexOf(m[2] as string) === CN_DIGIT_VALUES.indexOf(m[1] as string) + 1;
}

/** 三四, 七八, 两三: two digits, the second one more than the first. */
function isNeighbourPair(run: string): boolean {
  if (run.length !== 2) return false;
  const a = CN_DIGITS[run[0] as string];
  const b = CN_DIGITS[run[1] as string];
  return a !== undefined && b !== undefined && a > 0 && b === a + 1;
}

/** A run that is two or more numerals each with 十/百 (一百五十二九十四), split; otherwise undefined. */
function splitRunTogether(run: string): string[] | undefined {
  CN_NUMBER_TOKEN.lastIndex = 0;
  const parts: string[] = [];
  let m: RegExpExecArray | null;
  while ((m = CN_NUMBER_TOKEN.exec(run)) && m[0].length > 0) parts.push(m[0]);
  return parts.length > 1 && parts.join('') === run ? parts : undefined;
}

/** Lab tests whose names carry a digit (HbA1c, A1c). */
const TEST_NAMES_WITH_DIGITS = /^(?:hba1c|hb1ac|a1c|hba1)$/;

/** The digits text[i..j) with the Latin letters right before and after them. */
function latinTokenAround(text: string, i: number, j: number): string {
  let a = i;
  let b = j;
  while (a > 0 && /[a-z]/.test(text[a - 1] ?? '')) a--;
  while (b < text.length && /[a-z]/.test(text[b] ?? '')) b++;
  return text.slice(a, b);
}

/**
 * Scans every number in the text. Single Chinese digits without 十/百/点 are ignored (一下, 一直,
 * 两个), and "7点" without decimals is a clock time, not 7.
 */
export function scanNumbers(text: string): FoundNumber[] {
  const found: FoundNumber[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (isDigit(ch) && !isDigit(text[i - 1])) {
      let j = i;
      while (isDigit(text[j])) j++;
      let raw = text.slice(i, j);
      if (text[j] === '.' && isDigit(text[j + 1])) {
        j++;
        while (isDigit(text[j])) j++;
        raw = text.slice(i, j);
      }
      // The digit in a test's name (hba1c, a1c) is not a value: skip it. Only these names: a number
      // before a Latin unit (t38.5c, 190mmhg) is a reading.
      if (/[a-z]/.test(text[i - 1] ?? '') && /[a-z]/.test(text[j] ?? '') && TEST_NAMES_WITH_DIGITS.test(latinTokenAround(text, i, j))) {
        i = j;
        continue;
      }
      let value = Number(raw);
      let approx = false;
      if (text[j] === '点') {
        const dec = decimalDigits(text, j + 1);
        if (dec.digits) {
          value = Number(`${raw}.${dec.digits}`);
          j = dec.end;
        } else if (APPROX.test(text[j + 1] ?? '')) {
          approx = true;
          j += 2;
        } else {
          i = j + 1; // clock time
          continue;
        }
      }
      if (APPROX.test(text[j] ?? '')) {
        approx = true;
        j++;
      }
      found.push({ start: i, end: j, value, approx });
      i = j;
      continue;
    }
    if (isCn(ch) && !isCn(text[i - 1])) {
      let j = i;
      while (isCn(text[j])) j++;
      const intPart = text.slice(i, j);
      // Two readings run together in speech: 一百五十二九十四 = 152, 94 (each with its own 十/百). A spoken
      // range is one reading, its upper end: 一百七八十 is 180, 五六十 is 60 (two neighbouring digits before 十).
      const parts = isSpokenRange(intPart) ? undefined : splitRunTogether(intPart);
      if (parts) {
        let at = i;
        for (const part of parts) {
          found.push({ start: at, end: at + part.length, value: parseChineseInteger(part) as number, approx: false });
          at += part.length;
        }
        i = j;
        continue;
      }
      let value = parseChineseInteger(intPart);
      let approx = false;
      let hasUnitOrPoint = /[十百]/.test(intPart);
      if (text[j] === '点') {
        const dec = decimalDigits(text, j + 1);
        if (dec.digits && value !== undefined) {
          value = Number(`${value}.${dec.digits}`);
          j = dec.end;
          hasUnitOrPoint = true;
        } else if (APPROX.test(text[j + 1] ?? '') && value !== undefined) {
          approx = true;
          hasUnitOrPoint = true;
          j += 2;
        }
      }
      if (APPROX.test(text[j] ?? '')) {
        approx = true;
        j++;
      }
      // Two neighbouring digits alone are a spoken range, read as its upper end like 一百七八十 (七八分钟 is up to 8
      // minutes, 四五分钟 reaches the 5-minute fit), with the lower end kept for ages (两三个月 may be under 3 months).
      if (!hasUnitOrPoint && isNeighbourPair(intPart)) {
        found.push({ start: i, end: j, value: CN_DIGITS[intPart[1] as string] as number, approx: true, low: CN_DIGITS[intPart[0] as string] as number });
        i = j;
        continue;
      }
      // Read digit by digit, as members dictate readings: 一八五 = 185, 一一二 = 112 (three digits or more; two
      // neighbouring digits are the range above, 三四天 never 34 days).
      if (!hasUnitOrPoint && intPart.length >= 3 && /^[零〇一二两三四五六七八九]+$/.test(intPart)) {
        found.push({ start: i, end: j, value: Number([...intPart].map((c) => CN_DIGITS[c]).join('')), approx: false });
        i = j;
        continue;
      }
      if (value !== undefined && hasUnitOrPoint) found.push({ start: i, end: j, value, approx });
      i = j;
      continue;
    }
    i++;
  }
  return found;
}
