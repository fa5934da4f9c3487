import { TRAD_SIMP } from './lexicon/generated/trad-simp';
import { toMandarin } from './translate/dialect';
import { translateEnglish } from './translate/english';
import { repairHomophones } from './translate/homophones';
import { decodePinyin } from './translate/pinyin';
import { readSpokenPressures } from './spoken-pressure';

/** Clause and sentence boundaries in normalised text. Nothing else in normalised text uses these. */
export const CLAUSE_SEP = '，';
export const SENTENCE_SEP = '。';

let tradToSimp: ReadonlyMap<string, string> | undefined;

/** OpenCC's traditional / Hong Kong / Taiwan → simplified pairs (lexicon/generated/trad-simp.ts). */
function tradSimpTable(): ReadonlyMap<string, string> {
  if (tradToSimp) return tradToSimp;
  const map = new Map<string, string>();
  const chars = [...TRAD_SIMP];
  for (let i = 0; i + 1 < chars.length; i += 2) map.set(chars[i] as string, chars[i + 1] as string);
  return (tradToSimp = map);
}

let tradChars: RegExp | undefined;
/** Any character the table converts: a message is rewritten only where it has one (most have none). */
function tradCharsRe(): RegExp {
  return (tradChars ??= new RegExp(`[${[...tradSimpTable().keys()].map((ch) => ch.replace(/[\\\]^-]/g, '\\$&')).join('')}]`, 'gu'));
}

/**
 * Character folding shared by messages and lexicon phrases: NFKC (full-width → half-width, ① → 1,
 * 　→ space), lowercase, traditional → simplified (OpenCC).
 */
export function foldChars(text: string): string {
  const nfkc = text.normalize('NFKC').toLowerCase();
  if (!/[\u3400-\u9fff]/.test(nfkc)) return nfkc;
  const table = tradSimpTable();
  return nfkc.replace(tradCharsRe(), (ch) => table.get(ch) ?? ch).replace(FINANCIAL_NUMERAL_RE, (ch) => FINANCIAL_NUMERALS[ch] ?? ch);
}

/** The anti-fraud forms of the numerals (血压贰佰多, used on receipts and by some elderly writers), read as the plain ones. */
const FINANCIAL_NUMERALS: Readonly<Record<string, string>> = { 壹: '一', 贰: '二', 叁: '三', 肆: '四', 伍: '五', 陆: '六', 柒: '七', 捌: '八', 玖: '九', 拾: '十', 佰: '百', 仟: '千' };
const FINANCIAL_NUMERAL_RE = /[壹贰叁肆伍陆柒捌玖拾佰仟]/g;

/**
 * Every way of writing that the lexicons do not spell reads into the Mandarin they do: English words,
 * pinyin, regional words, then homophone typos (translate/).
 */
export function readAsMandarin(folded: string): string {
  return repairHomophones(toMandarin(dropEnglishFiller(decodePinyin(translateEnglish(folded)))));
}

/**
 * English words with no meaning for triage (looks, the, his, just…) left after translation and pinyin
 * decoding: dropped, so they do not stretch the short gaps the lexicon phrases allow ("脸 suddenly looks 歪").
 * Run after pinyin decoding, so a pinyin "he" or "an" is never taken for English. A word touching a digit is part of
 * a formula or a code (浓H2SO4), not filler.
 */
const ENGLISH_FILLER =
  /(?<![a-z0-9])(?:a|an|the|is|are|was|were|be|been|being|am|looks?|looked|seems?|seemed|feels?|felt|got|gets|has|have|had|his|her|hers|my|mine|our|their|its|it|he|she|they|we|you|i|me|him|them|us|on|of|in|at|to|for|with|and|or|but|so|just|very|really|quite|bit|little|like|that|this|these|those|some|any|up|down|out|about|since|from|into|now|then|also|still|again|too|all)(?![a-z0-9])\s*/g;
function dropEnglishFiller(text: string): string {
  return /[a-z]/.test(text) && /[\u4e00-\u9fff]/.test(text) ? text.replace(ENGLISH_FILLER, '') : text;
}

// WeChat/WeCom text emoji arrive as "[捂脸]" or "/:wail"; pictographic emoji as code points.
const WECHAT_EMOJI = /\[[\u4e00-\u9fffa-z]{1,5}\]|\/:[a-z<>@!#$%^&*()_\-+=?]{1,8}/g;
const EMOJI_MARK = '\u0001';
/** A run of emoji with the spaces either side. */
const EMOJI_RUN = /\s*\u0001[\u0001\s]*/g;
const PICTOGRAPHIC = /[\p{Extended_Pictographic}\p{Emoji_Modifier}\u200d\ufe0f\u20e3\u{e0020}-\u{e007f}]|\p{So}/gu;
const ZERO_WIDTH = /[\u200b\u200c\u2060\ufeff]/g;
/** Emoji that say something the triage must hear, read before the rest are dropped. */
const MEANINGFUL_EMOJI: readonly (readonly [RegExp, string])[] = [
  [/🆘/gu, '救命'], [/🚑/gu, '救护车'], [/🩸/gu, '血'], [/🐍/gu, '蛇'], [/🐝/gu, '蜜蜂'], [/[🤣😂😆😹]/gu, '哈哈'],
  // Body parts said with a picture (左边🦵肿了一圈): the word, so the criteria about that part can read it.
  [/🦵/gu, '腿'], [/🦶/gu, '脚'], [/🫀/gu, '心脏'], [/🫁/gu, '肺'], [/🧠/gu, '脑子'], [/👁️?/gu, '眼睛'],
];
/** Hotlines read digit by digit: 一二零, 幺幺零. */
const SPOKEN_HOTLINES: readonly (readonly [RegExp, string])[] = [[/[一幺]二[零〇]/g, '120'], [/[一幺][一幺][零〇]/g, '110'], [/[一幺][一幺]九/g, '119']];
/** Two Chinese numerals read as a pair, like DIGIT_PAIR: 血压 一百四十五 九十五 → 一百四十五/九十五. */
// 一百九十多、一百一十五: the 多 of a lower bound goes with the pair (read as its lower end).
const CN_PAIR = /([一二两三四五六七八九十百]*[十百][一二两三四五六七八九十百]*)多?[\s,，、]+([一二两三四五六七八九十百]*[十百][一二两三四五六七八九十百]*)(?![度岁天周个月分小片粒颗])/g;
/** A unit after a space stays with its number: "3 天", "10 分钟" (English and pinyin arrive that way). */
const DIGIT_SPACE_UNIT = /(\d)\s+(?=多?(?:天|周|个|岁|度|℃|分钟|小时|片|粒|颗|次|下|mmol))/g;
// Separators between two 2–3 digit numbers read as a pair ("190 120", "190，120" → "190/120"); a first number under
// 40 is no systolic pressure but a range of something else (血糖都在13-14, 14 15 左右): read as a range, 13到14.
const DIGIT_PAIR = /(^|[^\d.])(\d{2,3})\s*[,，、\s\\|-]\s*(\d{2,3})(?![\d.])/g;
const MIN_SYSTOLIC_IN_PAIR = 40;
/** A number, dian, a number (15 dian 2), never tone-numbered pinyin (bei4 dian4 ji1). */
const DIAN_BETWEEN_DIGITS = /(^|[^a-z\d])(\d+)\s+dian\s*(\d+)(?![a-z\d])/g;
/** An age in pinyin after digits (75 sui): the decoder reads runs of two syllables or more only. */
const DIGITS_THEN_SUI = /(\d)\s*sui(?![a-z])/g;
/** A count of days in pinyin after digits (25 tian): the unit, so an infant's age in days is read as one. */
// Not a tone digit (jin1 tian1): the number stands alone, no letter before it.
const DIGITS_THEN_TIAN = /(?<![a-z\d.])(\d+)\s*tian(?![a-z\d])/g;
/** Minutes as "20min" or "20 min": after a number, min is the unit, not the pinyin 敏 (guo min stays 过敏). */
const DIGITS_THEN_MIN = /(?<![a-z\d.])(\d+)\s*min(?![a-z\d])/g;
/** A decimal typed straight after pinyin (xuetang2.5): set apart, so its first digit is not read as a tone. */
const LETTERS_THEN_DECIMAL = /([a-z])(\d+\.\d)/g;
const DIGIT_THEN_CJK = /(\d)[ \t\u3000]+(?=[\u4e00-\u9fff])/g;
/** "一点声音都没有 脸发紫": an X都没有 set off by a space is said and done; it negates nothing after the space. */
const SAID_NONE_THEN_SPACE = /([都也](?:没有|没))[ \t\u3000]+(?=[\u4e00-\u9fff])(?!反应|应|了|法|知觉|意识|呼吸|气|声|动静|动|睁|醒|吭|力|劲|感觉|办法|脉|心跳)/g;
/** "都没 有": a negation typed with a space inside it, put back together before SAID_NONE_THEN_SPACE reads it. */
const SPLIT_NONE = /([都也]没)[ \t\u3000]+有/g;
/** An intensifier said twice (特别特别疼): once, so the symptom stays within a phrase's reach of its body part. */
const REPEATED_INTENSIFIER = /(特别|非常|超级|十分|相当)\1+/g;
/** 非常 (very) holds 非, which a phrase's gap never crosses (a negator): read as 特别, so 肚子突然非常痛 is still 肚子…痛. */
const VERY = /非常/g;
const DECIMAL_POINT = /(\d)[。．·](\d)/g;
/**
 * 续保的钱扣了没 另外我血压刚测196/121, …要带哪些资料，顺便说一下我老公胸口好痛: a new topic after a pause starts a new
 * sentence, so the policy question or the paperwork before it does not colour what follows. 还有 opens one only before
 * the member or their family (还有我老伴刚刚摔倒了); 头痛，还有点恶心 is one thought.
 */
/** A pair read as "165 over 110" (一百六十五over一百一十): over between two numbers is the pair's separator. */
const OVER_BETWEEN_NUMBERS = /(?<=[\d一二两三四五六七八九十百])\s*over\s*(?=[\d一二两三四五六七八九十百])/g;
const TOPIC_SWITCH = /[\s,，;；]+(另外|顺便|还有就是|还有(?=我|俺|咱)|对了)/g;
/**
 * A reading first misread (以为是180 戴上眼镜一看是130, 以为血糖十八 原来是八点一): the mistaken number is dropped, so only
 * the one read right is a reading.
 */
const MISREAD_NUMBER = /(以为(?:是|有)?(?:血压|血糖|体温|心率|心跳)?(?:是|有)?)(?:\d+(?:[./]\d+)?|[零一二两三四五六七八九十百点]+)(?=[^。！？!?]{0,14}?(?:原来|其实|一看|结果是|看错|看花)[^。！？!?\d]{0,8}?(?:\d|是[零一二两三四五六七八九十百]))/g;
/** 保单续费的事先放一放 我爸胸口疼…: a topic put aside ends its sentence, so what follows is told on its own. */
const TOPIC_SET_ASIDE = /(先放一放|先放放|先放一边|先不说了?|先不管了?|回头再说|晚点再说|等会再说|以后再说)[\s,，;；]+/g;
/**
 * 糖尿病十几年了脚上有个口子发黑: how long a chronic illness has lasted closes its own thought, so its "years" do not date
 * what is told right after it.
 */
const ILLNESS_YEARS_THEN = /((?:糖尿病|高血压|心脏病|冠心病|房颤|哮喘|慢阻肺|痛风|肾病|甲亢)[十几一二两三四五六七八九\d多]+年了)(?=[\u4e00-\u9fff])/g;
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
  t = t.replace(OVER_BETWEEN_NUMBERS, ' ');
  for (const [re, words] of MEANINGFUL_EMOJI) t = t.replace(re, words);
  // An emoji set off by a space ends a thought the way a comma does (绞着疼😣 尿有点发红 以前查出来过肾结石):
  // it keeps a clause boundary, so a past cue after it does not silence the symptom before it. Inside a
  // phrase (胸口[难过]压着痛) it goes, so the phrase still reads whole.
  t = t.replace(ZERO_WIDTH, '').replace(WECHAT_EMOJI, EMOJI_MARK).replace(PICTOGRAPHIC, EMOJI_MARK);
  t = t.replace(EMOJI_RUN, (run: string) => (/\s/.test(run) ? CLAUSE_SEP : '')).replace(MISREAD_NUMBER, '$1');
  // 15 dian 2: pinyin's decimal point between digits (the decoder reads runs of two syllables or more only).
  t = t.replace(DIAN_BETWEEN_DIGITS, '$1$2点$3').replace(LETTERS_THEN_DECIMAL, '$1 $2').replace(DIGITS_THEN_SUI, '$1岁').replace(DIGITS_THEN_TIAN, '$1天').replace(DIGITS_THEN_MIN, '$1分钟');
  t = readAsMandarin(t).replace(REPEATED_INTENSIFIER, '$1').replace(VERY, '特别');
  t = readSpokenPressures(t);
  for (const [re, digits] of SPOKEN_HOTLINES) t = t.replace(re, digits);
  t = t.replace(CN_PAIR, '$1/$2').replace(DIGIT_SPACE_UNIT, '$1');
  t = t.replace(DECIMAL_POINT, '$1.$2');
  t = t.replace(DIGIT_PAIR, (pair: string, lead: string, a: string, b: string) => (Number(a) < MIN_SYSTOLIC_IN_PAIR ? `${lead}${a}${Number(b) > Number(a) ? '到' : '，'}${b}` : `${lead}${a}/${b}`));
  // "血糖 1.8 人迷糊": a space after a number ends the reading, so 人 is not read as its unit.
  t = t.replace(DIGIT_THEN_CJK, '$1，');
  t = t.replace(SPLIT_NONE, '$1有').replace(SAID_NONE_THEN_SPACE, '$1，');
  // A "." is a decimal point only between digits; elsewhere it ends a sentence.
  t = t.replace(/(\d)\.(\d)/g, '$1\u0000$2');
  t = t.replace(ILLNESS_YEARS_THEN, `$1${CLAUSE_SEP}`).replace(TOPIC_SWITCH, `${SENTENCE_SEP}$1`).replace(TOPIC_SET_ASIDE, `$1${SENTENCE_SEP}`).replace(SENTENCE_MARKS, SENTENCE_SEP).replace(CLAUSE_MARKS, CLAUSE_SEP);
  t = t.replace(/\u0000/g, '.');
  // Latin words keep a boundary when spaces go (hi·and), so a lexicon 'hi' never matches inside 'this'.
  t = t.replace(/([a-z])\s+(?=[a-z])/g, '$1·');
  // Readings listed with spaces (37.5 37.8 38.0) stay apart when the spaces go.
  t = t.replace(/(\d\.\d+)\s+(?=\d)/g, `$1${CLAUSE_SEP}`);
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
