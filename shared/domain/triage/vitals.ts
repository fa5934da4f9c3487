import { CHILD_WORDS, SIBLING_WORDS } from './lexicon/child-words';
import type { ComputedGroup } from './lexicon/red-flags';
import { scanNumbers, type FoundNumber } from './numbers';
import type { Span } from './pattern';

/**
 * The numbers the red-flag criteria name besides readings (readings.ts): the person's age (a baby's
 * days, weeks or months; a grandparent's years), temperature, pulse, how long something has lasted,
 * and how many tablets were taken. Each becomes a computed concept span (age_infant, temp_38,
 * pulse_extreme, minutes_long, tablets_many…) that the rules combine like any phrase group.
 */
export interface VitalSpan extends Span {
  readonly group: ComputedGroup;
}

const INFANT_DAYS = 90;
const BABY_DAYS = 365;
const TODDLER_YEARS = 3;
const CHILD_YEARS = 14;
const ELDERLY_YEARS = 65;
const FEVER_C = 38;
/** Outside this range a number is no body temperature. */
const BODY_MIN_C = 35;
const BODY_MAX_C = 43;
/** A number without its unit is read as a fever only up to here (a sentence about a fever: 发烧，今天早上38.7). */
const UNITLESS_FEVER_MAX_C = 42.5;
const HIGH_FEVER_C = 39;
/** A measured temperature in this range is not a fever (a baby's normal runs to about 37.4 ℃). */
const NORMAL_LOW_C = 35.5;
const NORMAL_HIGH_C = 37.5;
const PULSE_HIGH = 150;
const PULSE_LOW = 40;
const PULSE_FAST = 100;
const PULSE_SLOW = 50;
const LONG_MINUTES = 5;
const MANY_TABLETS = 10;

const after = (text: string, n: FoundNumber, len: number): string => text.slice(n.end, n.end + len);
const before = (text: string, n: FoundNumber, len: number): string => text.slice(Math.max(0, n.start - len), n.start);

/** Pregnancy weeks and durations ("咳嗽两个月了", "3个月前", Sichuan 怀起娃儿两个月) are not ages. */
const NOT_AN_AGE_BEFORE = /(?:孕|怀孕|怀了|身孕|已经|持续|咳了|吃了|疼了|痛了|烧了|住了|(?<!只)有|岁|(?<!今)年|怀[起上着了]?(?:娃儿?|孩子|宝宝|小孩))$/;
/** …but 她已经90了, 我爸已经80了: 已经 after a person is "already" this old. */
const ALREADY_AGED = /(?:爸|妈|爹|娘|爷|奶|公|婆|姥|伴|他|她|我|宝|孩子|娃|儿|女)已经$/;
const ELDER_BEFORE = /(?:爸|妈|爹|娘|爷爷|奶奶|外公|外婆|姥姥|姥爷|老伴|父亲|母亲|公公|婆婆|老公|老婆|老头|老太太|老爷子|老汉儿?|老人家?|岳父|岳母)(?:今年|都|快|已经)?$/;
/** 我/他/她 and a number "reached" (他76了): an age only above any body temperature (量了体温她38了 is a fever). */
const PERSON_BEFORE = /[我他她](?:今年|都|快|已经)?$/;
const PERSON_AGE_MIN = 45;
/** A child named within 8 characters of the number (孙 alone also covers 孙子, 孙女, 外孙). */
const AGE_CHILD_NEAR = new RegExp([...CHILD_WORDS, '孙', '新生儿', '小朋友'].join('|'));
/** Words that make an age an upper bound (不到三个月, 未够三个月, 快三个月): the child is younger than the age said. */
const UNDER_AGE_WORDS = ['不到', '还不到', '未满', '没满', '不满', '未够', '唔够', '冇够', '还没到', '没到', '差几天', '差两天', '差几天满', '差两天满', '快'];
const UNDER_AGE_BEFORE = new RegExp(`(?:${UNDER_AGE_WORDS.join('|')})$`);
/** A child named right before the number, with at most a few fillers between (宝宝才, 孩子出生, 宝宝不到). */
const AGE_CHILD_NAMED = new RegExp(`(?:${[...CHILD_WORDS, ...SIBLING_WORDS].join('|')})(?:${['才', '刚', '刚刚', '只有', '只', '今天', '现在', '已经', '还', '也就', '就', '满', '出生', '生下来', ...UNDER_AGE_WORDS].join('|')})*$`);
/** The units an age in days, weeks or months is told in (three days, 6周, 两个多月). */
const AGE_DAY_UNIT = '多?天';
const AGE_WEEK_UNIT = '多?(?:周|个多?星期|星期|个多?礼拜)';
const AGE_MONTH_UNIT = '多?个?多?月';
const AGE_IN_DAYS = new RegExp(`^${AGE_DAY_UNIT}`);
const AGE_IN_WEEKS = new RegExp(`^${AGE_WEEK_UNIT}`);
const AGE_IN_MONTHS = new RegExp(`^${AGE_MONTH_UNIT}`);
/** The same bound said after the age (三个月不到, 三个月还没到). */
const UNDER_AGE_AFTER = new RegExp(`^(?:${AGE_DAY_UNIT}|${AGE_WEEK_UNIT}|${AGE_MONTH_UNIT})还?(?:不到|没到|未满|没满)`);

/**
 * An age in years that is not the child's: no child named after it (我30岁，娃现在两个月了 is the parent's age, then the
 * baby's; 宝宝三岁，发烧两天了 is the child's, and the 两天 how long).
 */
const YEARS_NOT_THE_CHILDS = new RegExp(`(?:\\d|[一二两三四五六七八九十])岁(?![^。]*(?:${[...CHILD_WORDS, ...SIBLING_WORDS].join('|')}))`);

/** 才/满/刚 right after the child, a birth, today or a pause (宝宝才45天, 出生才20天, 今天满40天, 吃奶少，才45天): an age. */
const AGE_ONLY_JUST = /(?:宝宝|宝贝|宝|孩子|娃儿?|儿子|女儿|bb|孙子|孙女|外孙|闺女|小家伙|弟弟|妹妹|他|她|佢|出生|生下来|生|今年|今天|现在|，|,|\s)(?:才|满|刚|刚刚|已经|先){1,2}$/;
/** A fever or symptom word near before a number near a child word (宝宝烧了两天了): how long, not the age. */
const DURATION_BEFORE_NEAR = /烧|热|咳|吐|拉|度/;
/** …or a thing done or had right before it (湿疹两个多月, 上幼儿园才两个月, 打了两个多星期). */
const DURATION_RIGHT_BEFORE = /疹|粉|鼻|塞|便|秘|园|针|打|吃|喝|用|住|院|病|药|疼|痛|痒|哭|闹|黄|疸|才|刚|满/;
/** An age in years told later in the message (…38.5度，三岁了): the days before it were how long, not the age. */
const YEARS_AFTER = /(?:\d|[一二两三四五六七八九十])岁/;

function ageInDays(text: string, n: FoundNumber): number | undefined {
  const next = after(text, n, 5);
  const prev = before(text, n, 6);
  if (NOT_AN_AGE_BEFORE.test(prev) && !ALREADY_AGED.test(prev)) return undefined;
  // 一天比一天大 (bigger day by day) is a comparison, not a one-day-old.
  if (/比$/.test(prev)) return undefined;
  // "14周+2天", "3个月零5天": the days after a weeks or months age are its remainder, not an age of their own.
  if (/(?:周|个月|月)(?:\+|又|零)?$/.test(prev) && /^天/.test(next)) return undefined;
  const baby = AGE_CHILD_NEAR.test(text.slice(Math.max(0, n.start - 8), n.end + 8));
  if (/^多?岁/.test(next)) return n.value * 365;
  // "我爸六十七了", "奶奶都八十多了": an adult relative and a number that is then "reached" is an age in years.
  if (n.value >= 20 && n.value <= 120 && ELDER_BEFORE.test(prev) && /^多?了/.test(next)) return n.value * 365;
  if (n.value >= PERSON_AGE_MIN && n.value <= 120 && PERSON_BEFORE.test(prev) && /^多?了/.test(next)) return n.value * 365;
  // "我爸79，摔了一跤", "my dad is 79 and fell" (爸爸79和): a number standing alone after them, old enough to be no reading.
  if (n.value >= 50 && n.value <= 110 && (ELDER_BEFORE.test(prev) || PERSON_BEFORE.test(prev)) && /^(?:[，,。和\s]|$)/.test(next)) return n.value * 365;
  const aged = (unitDays: number, unit: RegExp): number | undefined => {
    const m = unit.exec(next);
    if (!m) return undefined;
    const rest = next.slice(m[0].length);
    // "不到两天就烧了三次": within two days, a duration; an age said as under it (不到三个月) goes on to something else.
    if (UNDER_AGE_BEFORE.test(prev) && /^[就便]/.test(rest)) return undefined;
    // "孩子三天前发烧": a time ago, not a three-day-old ("三天前出生的" is still an age).
    if (/^(?:前|以前|之前)(?!出生|生)/.test(rest)) return undefined;
    // "45天的宝宝", "6周大", "宝宝两个月了": an age; "发烧3天" is a duration.
    const named = AGE_CHILD_NAMED.test(prev);
    // Near a child word alone (宝宝…两天了) it is an age only when no age in years was given just before it,
    // with no other child named between (宝宝三岁，发烧两天了 / 一岁两个月: how long, or the months past the
    // year; but 我28岁，孩子出生刚两个月 is the baby's age).
    const between = text.slice(Math.max(0, n.start - 12), n.start);
    const yearsBefore = YEARS_NOT_THE_CHILDS.test(between);
    // 她才两个月, 小家伙才40天: 才/满/刚 after the child or a pronoun for it, with a child named in the sentence.
    const justAged =
      AGE_ONLY_JUST.test(prev) &&
      !yearsBefore &&
      !(/(?:\d|[一二两三四五六七八九十])岁/.test(text) && /^[^，。]{0,3}没/.test(rest)) &&
      !YEARS_AFTER.test(text.slice(n.end)) &&
      (/(?:宝贝|宝|小家伙)(?:才|满|刚|刚刚|已经)$/.test(prev) || AGE_CHILD_NEAR.test(text.slice(Math.max(0, n.start - 16), n.end + 16)));
    if (named || justAged || /^(?:大|的宝宝|的孩子|的婴儿|的小孩|宝宝|的娃|的bb)/.test(rest) || (baby && !yearsBefore && /^(?:了|大|，|$)/.test(rest) && !DURATION_BEFORE_NEAR.test(prev) && !DURATION_RIGHT_BEFORE.test(prev.slice(-2)))) {
      return n.value * unitDays;
    }
    return undefined;
  };
  const days = aged(1, AGE_IN_DAYS) ?? aged(7, AGE_IN_WEEKS) ?? aged(30, AGE_IN_MONTHS);
  // "不到三个月", "三个月不到": younger than the age said, so under the three months of reference §3 as well.
  return days !== undefined && (UNDER_AGE_BEFORE.test(prev) || UNDER_AGE_AFTER.test(next)) ? days - 1 : days;
}

const TEMPERATURE_WORD_BEFORE = /(?:体温|耳温|额温|腋温|肛温|口温|腋下|夹了|烧到|烧了|发烧|发热|高烧|烧|热到|温度|量了|测了|最高)[^，。]{0,3}$/;
const FAHRENHEIT_FEVER_MIN = 96;
/** A child named with an age in days, weeks or months (宝宝45天, 孩子3个月, 娃儿8周, 宝宝满月了). */
const BABY_AGE_IN_SENTENCE = new RegExp(`(?:${[...CHILD_WORDS, '新生儿', '婴儿'].join('|')})[^。]{0,4}(?:满月|(?:\\d+|[一二两三四五六七八九十]+)(?:个半)?(?:${AGE_DAY_UNIT}|${AGE_WEEK_UNIT}|${AGE_MONTH_UNIT}))`);
/** A baby's other measures (头围38.5, 身长52.5): not a temperature. */
const BABY_MEASURE_BEFORE = /头围|胸围|身长|身高|体重|斤|公斤|kg|厘米|cm|水温|奶温|室温/;
const FAHRENHEIT_FEVER_MAX = 110;

function temperatureC(text: string, n: FoundNumber): number | undefined {
  const next = after(text, n, 4);
  const prev = before(text, n, 6);
  let value = n.value;
  // "38度5" = 38.5
  // …and 三十七度八, 37℃8 (a Chinese digit, or the ℃ sign, before the tenth).
  const tenth = /^(?:度|℃|c)([0-9一二三四五六七八九])(?![0-9一二两三四五六七八九十点个天周分小岁])/.exec(next);
  if (tenth) value += ('0123456789'.includes(tenth[1] as string) ? Number(tenth[1]) : '一二三四五六七八九'.indexOf(tenth[1] as string) + 1) / 10;
  const word = TEMPERATURE_WORD_BEFORE.test(prev);
  // A fever of 101 (English members, no unit) is Fahrenheit: no body is at 101 ℃.
  const fahrenheit = /^(?:°?f|华氏)/.test(next) || /华氏$/.test(prev) || (word && value >= FAHRENHEIT_FEVER_MIN && value <= FAHRENHEIT_FEVER_MAX);
  if (fahrenheit) value = ((value - 32) * 5) / 9;
  if (value < BODY_MIN_C || value > BODY_MAX_C) return undefined;
  // "38.1 under the arm" arrives as 38.1腋下: where it was taken names a temperature as well as a unit.
  const unit = /^(?:度|℃|°c|°|c(?![a-z])|腋下|[耳额腋肛口]温)/.test(next) || fahrenheit;
  // 发烧，今天早上38.7: a number with a tenth in the fever range, in a sentence about a fever, is its temperature.
  const sentenceBefore = text.slice(text.lastIndexOf('。', n.start) + 1, n.start);
  // From 38 only: it may add a fever, never a normal reading that would cancel danger signs said after it.
  const unitlessFever = /\d\.\d/.test(text.slice(n.start, n.end + 2)) && value >= FEVER_C && value <= UNITLESS_FEVER_MAX_C;
  const feverSentence = unitlessFever && /发烧|发热|高烧|低烧|体温/.test(sentenceBefore);
  // 宝宝45天 38.5 咋办: the same number beside a baby's age in days, weeks or months (no other reading of a baby is 38–42.5).
  const babyFever = unitlessFever && BABY_AGE_IN_SENTENCE.test(sentenceBefore) && !BABY_MEASURE_BEFORE.test(prev);
  if (!(unit || word || feverSentence || babyFever)) return undefined;
  // "今天热死了，四十度": the weather, when the sentence has no body-temperature word.
  const sentence = text.slice(text.lastIndexOf('。', n.start) + 1, sentenceEnd(text, n.end));
  if (!word && WEATHER.test(sentence) && !BODY_TEMPERATURE.test(sentence)) return undefined;
  return value;
}

const WEATHER = /天气|气温|室外|户外|外面|太阳|热死|好热|真热|热不热|冷不冷|高温天|最高温|天[好真太]?热|你们那[边里]/;
const BODY_TEMPERATURE = /烧|发热|体温|[耳额腋肛口]温|温度计|摸着|烫|宝宝|孩子|娃|儿子|女儿|中暑|晕/;
const sentenceEnd = (text: string, from: number): number => {
  const end = text.indexOf('。', from);
  return end < 0 ? text.length : end;
};

function pulse(text: string, n: FoundNumber): number | undefined {
  const next = after(text, n, 6);
  const prev = before(text, n, 14);
  // "30秒62下": the 30 is how long it was counted, the 62 a count over it (124 a minute).
  if (/^秒/.test(next)) return undefined;
  // …unless a rate word stands between (测了30秒心率38次每分钟) or the count says per minute.
  const seconds = /(\d{1,2})秒([^，。\d]{0,4})$/.exec(prev);
  if (seconds && !/心率|心跳|脉搏|脉率/.test(seconds[2] ?? '') && /^多?[下次](?!\/|每)/.test(next)) {
    const perMinute = (n.value * 60) / Number(seconds[1]);
    return perMinute >= 5 && perMinute <= 300 ? perMinute : undefined;
  }
  const unit = /^(?:多)?(?:次|下)?(?:\/|每)分|^bpm|^次每分钟|^下每分钟/.test(next);
  const word = /(?:心率|心跳|脉搏|脉率|脉|心跳次数|一分钟|每分钟|hr)[^。]{0,10}$|(?:手表|手环)[^，。]{0,6}$/.test(prev);
  if (!(unit || word) || /步|血压|高压|低压|血糖/.test(next.slice(0, 2))) return undefined;
  if (n.value < 20 || n.value > 300) return undefined;
  // "心跳40都不到", "不到40": under the number, so under 40 is under the floor.
  return /^(?:都|还|也)?不到/.test(next) || /不到$/.test(prev) ? n.value - 0.5 : n.value;
}

function minutes(text: string, n: FoundNumber): number | undefined {
  const next = after(text, n, 4);
  if (/^多?分多?钟/.test(next)) return n.value;
  if (/^多?个?多?(?:小时|钟头)/.test(next)) return n.value * 60;
  return undefined;
}

/** Tablets count when the sentence says they were taken (吃了…10片, swallowed … 10 tablets). */
function tablets(text: string, n: FoundNumber): number | undefined {
  if (!/^多?[片粒颗丸]/.test(after(text, n, 2))) return undefined;
  const sentenceStart = text.lastIndexOf('。', n.start) + 1;
  return /[吃吞服咽喂]/.test(text.slice(sentenceStart, n.start)) ? n.value : undefined;
}

/** Fixed phrases that carry a duration without a digit ("半个小时", "好几分钟"). */
const LONG_WORDS = /半个?小时|半个?钟头|好几分钟|好一会|几十分钟|十几分钟|一个多小时|一两个小时|好久都?没|半天了|一晚上/g;

const CN_SINGLE: Readonly<Record<string, number>> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 半: 0.5 };
/** numbers.ts skips a lone Chinese digit (一下, 两个); before a unit of age, time or dose it is a number. */
const CN_SINGLE_WITH_UNIT = /(?<![零〇一二两三四五六七八九十百])([一二两三四五六七八九半])(?=多?(?:天|周|个星期|星期|个礼拜|个月|月|岁|分钟|分多钟|个?小时|个?钟头|片|粒|颗|丸)|个多(?:月|星期|礼拜|小时|钟头)|个半)/g;

/** "三个半月", "2个半小时": the number and its half are one number (3.5), followed by the unit. */
const AND_A_HALF = '个半';

function numbersWithUnits(text: string): FoundNumber[] {
  const found: FoundNumber[] = [];
  const halves = new Set<number>();
  for (const n of scanNumbers(text)) {
    if (text.startsWith(AND_A_HALF, n.end)) {
      halves.add(n.end + 1);
      found.push({ ...n, end: n.end + AND_A_HALF.length, value: n.value + 0.5 });
    } else found.push(n);
  }
  for (const m of text.matchAll(CN_SINGLE_WITH_UNIT)) {
    if (halves.has(m.index)) continue;
    const value = CN_SINGLE[m[1] as string] as number;
    if (text.startsWith(AND_A_HALF, m.index + 1)) {
      halves.add(m.index + 2);
      found.push({ start: m.index, end: m.index + 1 + AND_A_HALF.length, value: value + 0.5, approx: false });
      continue;
    }
    found.push({ start: m.index, end: m.index + 1, value, approx: false });
  }
  return found.sort((a, b) => a.start - b.start);
}

export function findVitals(text: string): VitalSpan[] {
  const spans: VitalSpan[] = [];
  const push = (group: ComputedGroup, n: { start: number; end: number }): void => {
    spans.push({ group, start: n.start, end: n.end });
  };
  for (const n of numbersWithUnits(text)) {
    // A spoken range as an age is its younger end: the younger a baby, the more a fever means (两三个月).
    const days = ageInDays(text, n.low === undefined ? n : { ...n, value: n.low });
    if (days !== undefined) {
      if (days < INFANT_DAYS) push('age_infant', n);
      if (days < BABY_DAYS) push('age_baby', n);
      if (days < TODDLER_YEARS * 365) push('age_toddler', n);
      if (days < CHILD_YEARS * 365) push('age_child', n);
      if (days >= ELDERLY_YEARS * 365) push('age_elderly', n);
      continue;
    }
    const c = temperatureC(text, n);
    if (c !== undefined) {
      if (c >= FEVER_C) push('temp_38', n);
      if (c >= HIGH_FEVER_C) push('temp_39', n);
      if (c >= NORMAL_LOW_C && c < NORMAL_HIGH_C) push('temp_normal', n);
      if (c >= NORMAL_HIGH_C && c < FEVER_C) push('temp_below_38', n);
      continue;
    }
    const p = pulse(text, n);
    if (p !== undefined) {
      if (p > PULSE_HIGH || p < PULSE_LOW) push('pulse_extreme', n);
      if (p > PULSE_FAST) push('pulse_fast', n);
      if (p < PULSE_SLOW) push('pulse_slow', n);
      continue;
    }
    const m = minutes(text, n);
    if (m !== undefined) {
      if (m >= LONG_MINUTES) push('minutes_long', n);
      continue;
    }
    const t = tablets(text, n);
    if (t !== undefined && t >= MANY_TABLETS) push('tablets_many', n);
  }
  for (const m of text.matchAll(LONG_WORDS)) push('minutes_long', { start: m.index, end: m.index + m[0].length });
  return spans;
}
