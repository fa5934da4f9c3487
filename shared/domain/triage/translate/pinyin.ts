import { lexiconWords } from '../lexicon-phrases';
import { WORD_READINGS } from '../lexicon/generated/word-readings';
import { LONE_SYLLABLE_CHARS, LONE_TONED_SYLLABLE_CHARS } from '../lexicon/pinyin-lone-syllables';
import { PINYIN_SENSES, type PinyinSense } from '../lexicon/pinyin-senses';
import { readingsOf, splitSyllables, toneless, tonelessReadingsOf } from '../sound';

/**
 * Reads pinyin ("wo ba xiong kou teng de li hai", "xiōngkǒu téng", "xiong1kou3") back into the Chinese
 * words of the lexicons. The dictionary is derived from the lexicons themselves through the character
 * readings of sound.ts (pinyin-pro), so every lexicon word is readable in pinyin with no table to keep.
 * A syllable that starts no known word becomes the lexicon character most used with that sound.
 */
interface PinyinDictionary {
  /** Syllables joined by spaces → word. */
  readonly words: ReadonlyMap<string, string>;
  /**
   * Words of two syllables or more whose key a fuzzy IME could shorten (fuzzySyllable), under the short
   * key, with their own syllables; built on the first lookup that needs it.
   */
  fuzzyWords?: ReadonlyMap<string, { readonly word: string; readonly syllables: readonly string[] }>;
  readonly longest: number;
  /** Toneless syllable → the lexicon character most used with it. */
  readonly chars: ReadonlyMap<string, string>;
  /** Toned syllable (wai1) → the lexicon character most used with that tone: a typed tone picks 歪, not 外. */
  readonly tonedChars: ReadonlyMap<string, string>;
}

const MAX_READING_COMBINATIONS = 8;

/**
 * The pinyin keys of a lexicon word. A two-character word uses each character's usual reading and its
 * neutral-tone one (了 le, 着 zhe) only: with every rare reading, short keys collide with what members
 * type (蛇 also reads yi, so "hai yao yi zhi" would read 咬蛇). Longer words take every reading.
 */
function keysOf(word: string): string[] {
  const chars = [...word];
  let keys = [''];
  for (const ch of chars) {
    const readings = withPlainU(chars.length > 2 ? tonelessReadingsOf(ch) : usualAndNeutral(ch));
    if (readings.length === 0) return [];
    keys = keys.flatMap((k) => readings.map((r) => (k ? `${k} ${r}` : r))).slice(0, MAX_READING_COMBINATIONS);
  }
  return keys;
}

/** ü as members type it on a keyboard with no ü: lv also as lu (lu tong 绿通, nu er 女儿). */
const withPlainU = (readings: readonly string[]): string[] => readings.flatMap((r) => (r.includes('v') ? [r, r.replace('v', 'u')] : [r]));

function usualAndNeutral(ch: string): string[] {
  const toned = readingsOf(ch);
  const picked = toned.filter((r, i) => i === 0 || r.endsWith('0')).map(toneless);
  return [...new Set(picked)];
}

/**
 * A syllable as a fuzzy-pinyin IME reads it (模糊音): many members, southern ones above all, type z for zh,
 * c for ch, s for sh, and -n for -ng (zun bei for zhun bei 准备, chen bu xia qu for cheng bu xia qu
 * 撑不下去). Used only for words of two syllables or more and only where no word is spelled exactly.
 */
function fuzzySyllable(syllable: string): string {
  return syllable.replace(/^([zcs])h/, '$1').replace(/([aei])ng$/, '$1n');
}

/** PinyinDictionary.fuzzyWords: only keys a fuzzy IME would type differently; the rest the exact lookup finds. */
function fuzzyWordsOf(d: PinyinDictionary): NonNullable<PinyinDictionary['fuzzyWords']> {
  if (d.fuzzyWords) return d.fuzzyWords;
  const fuzzyWords = new Map<string, { word: string; syllables: string[] }>();
  for (const [key, word] of d.words) {
    if (!/(?:^| )[zcs]h|[aei]ng(?: |$)/.test(key)) continue;
    const syllables = key.split(' ');
    if (syllables.length < 2) continue;
    const fuzzy = syllables.map(fuzzySyllable).join(' ');
    if (!fuzzyWords.has(fuzzy)) fuzzyWords.set(fuzzy, { word, syllables });
  }
  d.fuzzyWords = fuzzyWords;
  return fuzzyWords;
}

/** The typed syllable is the word's own, or it with the h or the g left out (never one added: jiu chi is not 九次). */
const droppedOnly = (typed: string, own: string): boolean => typed === own || fuzzySyllable(own) === typed;

/** Symptom words weigh more when a lone syllable picks its character (men → 闷, not 们 or 门). */
const RED_FLAG_WEIGHT = 3;

let dictionary: PinyinDictionary | undefined;

function build(): PinyinDictionary {
  const words = new Map<string, string>();
  const charCount = new Map<string, number>();
  const redFlagWords = new Set(lexiconWords('symptoms'));
  let longest = 0;
  // Symptom words read as words other than by their characters' usual readings (重影 chong ying), derived
  // by scripts/derive-triage-tables.ts from pinyin-pro.
  for (const entry of WORD_READINGS ? WORD_READINGS.split('|') : []) {
    const [key, word] = entry.split(':') as [string, string];
    words.set(key, word);
    longest = Math.max(longest, key.split(' ').length);
  }
  const all = lexiconWords();
  for (const word of all) {
    for (const ch of word) charCount.set(ch, (charCount.get(ch) ?? 0) + (redFlagWords.has(word) ? RED_FLAG_WEIGHT : 1));
  }
  // Two words with one spelling (shuai dao: 摔倒 the fall, 帅到 of a joke about fainting at a handsome face): the symptom
  // word keeps it, whichever list the lexicon happens to name first.
  for (const word of [...redFlagWords, ...all]) {
    for (const key of keysOf(word)) {
      if (!words.has(key)) words.set(key, word);
      longest = Math.max(longest, key.split(' ').length);
    }
  }
  const chars = new Map<string, string>();
  const tonedChars = new Map<string, string>();
  const best = new Map<string, number>();
  const pick = (map: Map<string, string>, syllable: string, ch: string, count: number): void => {
    if (count > (best.get(syllable) ?? 0)) {
      best.set(syllable, count);
      map.set(syllable, ch);
    }
  };
  for (const [ch, count] of charCount) {
    // The usual and neutral-tone readings only: 喝 is he, never the rare ye, so "ye ma" stays 也….
    for (const syllable of usualAndNeutral(ch)) pick(chars, syllable, ch, count);
    for (const toned of usualAndNeutralToned(ch)) pick(tonedChars, toned, ch, count);
  }
  // Pinned readings win over the counts, so a lexicon word added later never moves one (lexicon/pinyin-lone-syllables.ts).
  pin(chars, LONE_SYLLABLE_CHARS);
  pin(tonedChars, LONE_TONED_SYLLABLE_CHARS);
  return { words, longest, chars, tonedChars };
}

function pin(map: Map<string, string>, table: string): void {
  for (const entry of table.split('|')) {
    const [syllable, ch] = entry.split(':') as [string, string];
    map.set(syllable, ch);
  }
}

function usualAndNeutralToned(ch: string): string[] {
  return readingsOf(ch).filter((r, i) => i === 0 || r.endsWith('0'));
}

const TONE_MARKS = /[\u0300-\u036f]/g;
const LATIN_RUN = /[a-zü\u0300-\u036f0-9]+(?:[\s']+[a-zü\u0300-\u036f0-9]+)*/g;

/** "xiōng" → "xiong", "lǘ" → "lv", "kou3" → "kou". */
function plainToken(token: string): string {
  return token.normalize('NFD').replace(/u\u0308/g, 'v').replace(/ü/g, 'v').replace(TONE_MARKS, '').replace(/([a-z])[0-5]/g, '$1');
}

/**
 * Chinese numerals by sound, with the tones each may carry (一 also reads yi2/yi4 before another tone).
 * Readings and ages in pinyin ("xuetang shiba dian wu", "shi2ba1 dian3 wu3") become 十八点五, which the
 * number reader understands; the lexicon characters most used with those sounds would not (十把电无).
 */
const NUMERALS: ReadonlyMap<string, { readonly zh: string; readonly tones: string }> = new Map([
  ['ling', { zh: '零', tones: '2' }], ['yi', { zh: '一', tones: '124' }], ['er', { zh: '二', tones: '4' }],
  ['liang', { zh: '两', tones: '3' }], ['san', { zh: '三', tones: '1' }], ['si', { zh: '四', tones: '4' }],
  ['wu', { zh: '五', tones: '3' }], ['liu', { zh: '六', tones: '4' }], ['qi', { zh: '七', tones: '1' }],
  ['ba', { zh: '八', tones: '12' }], ['jiu', { zh: '九', tones: '3' }], ['shi', { zh: '十', tones: '2' }],
  ['bai', { zh: '百', tones: '3' }], ['dian', { zh: '点', tones: '3' }],
]);
const NUMBER_MARKERS = new Set(['shi', 'bai', 'dian']);
/** How a spoken number is built (一百八十, 三十九, 十八点五, 两百): a run that is not one is not read as a number. */
const WELL_FORMED = /^(?:[一二两三四五六七八九]百)?零?(?:[一二三四五六七八九]?十)?[一二三四五六七八九]?(?:点[零一二三四五六七八九]+)?$/;

/**
 * A run of numeral syllables starting at `i`, read as a number: two or more syllables whose tones (when
 * typed) are the numerals' own, with 十, 百 or a decimal 点 in it. Without tones three syllables or a
 * 点/百 are needed, so "shi yi" (是一) and "ba ba" (爸爸) stay words.
 */
function numeralRun(syllables: readonly Syllable[], i: number): { zh: string; length: number } | undefined {
  let end = i;
  let toned = true;
  while (end < syllables.length) {
    const s = syllables[end] as Syllable;
    const numeral = NUMERALS.get(s.text);
    if (!numeral || (s.tone !== undefined && !numeral.tones.includes(s.tone))) break;
    if (s.tone === undefined) toned = false;
    end++;
  }
  const texts = syllables.slice(i, end).map((s) => s.text);
  while (texts.length > 0 && texts[texts.length - 1] === 'dian') texts.pop();
  if (texts[0] === 'dian' || texts.length < 2 || !texts.some((t) => NUMBER_MARKERS.has(t))) return undefined;
  if (!toned && texts.length < 3 && !texts.includes('dian')) return undefined;
  const zh = texts.map((t) => NUMERALS.get(t)?.zh ?? '').join('');
  return WELL_FORMED.test(zh) ? { zh, length: texts.length } : undefined;
}

/**
 * Ages and durations a lone numeral counts ("wu ge yue" 五个月, "liang sui" 两岁): read as the number and
 * its whole unit, once no dictionary word starts at the numeral (wu li stays 无力). Units that are also
 * common syllables on their own (ci, ke, li) are left out.
 */
const COUNTED_UNITS: ReadonlyArray<readonly [string, string]> = [
  ['ge xiao shi', '个小时'], ['ge li bai', '个礼拜'], ['ge xing qi', '个星期'], ['ge yue', '个月'], ['xiao shi', '小时'], ['fen zhong', '分钟'],
  ['sui', '岁'], ['tian', '天'], ['zhou', '周'],
  // What a child swallows is counted (yi ke putao 一颗葡萄): the counter keeps ke from starting 科普.
  ['ke', '颗'], ['li', '粒'], ['pian', '片'],
];

/** A lone numeral (its typed tone, if any, its own) followed by a counted unit, read as both. */
function numeralWithUnit(toned: readonly Syllable[], i: number): { zh: string; length: number } | undefined {
  const s = toned[i];
  const numeral = s && !NUMBER_MARKERS.has(s.text) ? NUMERALS.get(s.text) : undefined;
  if (!numeral || (s?.tone !== undefined && !numeral.tones.includes(s.tone))) return undefined;
  for (const [unit, zh] of COUNTED_UNITS) {
    const parts = unit.split(' ');
    if (parts.every((p, k) => toned[i + 1 + k]?.text === p)) return { zh: numeral.zh + zh, length: 1 + parts.length };
  }
  return undefined;
}

interface Syllable {
  readonly text: string;
  /** The tone typed as a digit (xue2), when there is one. */
  readonly tone?: string;
}

const SENSES: ReadonlyMap<string, PinyinSense> = new Map(PINYIN_SENSES.map((s) => [s.key, s]));

/** The message a run sits in, read for the cues of PINYIN_SENSES only when an ambiguous word turns up. */
interface MessageContext {
  readonly text: string;
  plain?: string;
}

/** Which of a key's two words a message means (PINYIN_SENSES): the default beside a drug word, else by context. */
function senseOf(sense: PinyinSense, syllables: readonly string[], i: number, len: number, message: MessageContext): string {
  const before = syllables.slice(Math.max(0, i - 2), i);
  const after = syllables.slice(i + len, i + len + 2);
  const keptAfter = sense.keepAfter.some((w) => after.slice(0, w.split(' ').length).join(' ') === w);
  if (keptAfter || before.some((s) => sense.keepBefore.includes(s))) return sense.word;
  // Syllables and characters of the whole message, tones and separators dropped: "bao3 xian3" → "bao xian".
  const plain = (message.plain ??= ` ${plainToken(message.text).replace(/[^a-zv\u4e00-\u9fff]+/g, ' ')} `);
  const mentioned = sense.when.some((w) => (/^[a-z ]+$/.test(w) ? plain.includes(` ${w} `) || plain.includes(w.replace(/ /g, '')) : plain.includes(w)));
  return mentioned ? sense.alternative : sense.word;
}

/**
 * A unit right after a number ("38du9", "san shi ba du wu", "liang sui"): the lone-syllable pick would be
 * another character (肚, 随), and the reading would be lost. After 度 a lone numeral is the tenth (三十八度五).
 */
const UNITS_AFTER_NUMBER: ReadonlyMap<string, string> = new Map([
  ['du', '度'], ['sui', '岁'], ['tian', '天'], ['zhou', '周'], ['ci', '次'], ['fen', '分'], ['pian', '片'], ['li', '粒'], ['ke', '颗'],
]);
const isDigits = (s: string): boolean => /^\d+$/.test(s);

/** The syllable counts (2 or more) of the dictionary words starting at `i`, shortest first; keys built as they grow. */
function wordLengthsAt(d: PinyinDictionary, syllables: readonly string[], i: number): number[] {
  const lengths: number[] = [];
  const max = Math.min(d.longest, syllables.length - i);
  let key = syllables[i] as string;
  for (let len = 2; len <= max; len++) {
    key += ` ${syllables[i + len - 1] as string}`;
    if (d.words.has(key)) lengths.push(len);
  }
  return lengths;
}

/**
 * Sentence-final particles (了, 啊, 呀, 吗, 呢): read as themselves wherever they stand, so a word followed by one
 * covers it (shuo bu chu hua le is 说不出话 + 了, not 说不出 + 划了).
 */
const PARTICLES: ReadonlySet<string> = new Set(['le', 'a', 'ya', 'ma', 'ne']);

/** Syllables that stand alone more often than they start a word: the particle de and the pronouns. */
const STANDALONE: ReadonlySet<string> = new Set(['de', 'ta', 'wo', 'ni']);

/**
 * The length of the word to read at `i`: of the words starting there, the one that with the longest word after it
 * covers the most syllables (hai zai | mao han is 还在 + 冒汗, where the longest word first, 还在冒, would leave han to be
 * read alone as 喊); among equals, the longest. 0 when no word starts at `i`.
 */
function wordChunkAt(d: PinyinDictionary, syllables: readonly string[], i: number): number {
  const lengths = wordLengthsAt(d, syllables, i);
  let best = 0;
  let bestCover = 0;
  for (let k = lengths.length - 1; k >= 0; k--) {
    const len = lengths[k] as number;
    const cover = len + (wordLengthsAt(d, syllables, i + len).at(-1) ?? (PARTICLES.has(syllables[i + len] ?? '') ? 1 : 0));
    if (cover > bestCover) {
      best = len;
      bestCover = cover;
    }
  }
  // The particle de (的) may begin a word (得过) that steals the first syllable of a longer one next door: wo de guo min
  // yao is 我的过敏药, not 我得过 + 敏药; so may a pronoun (ta shuo bu chu hua is 他 + 说不出话, not 他说 + 不出 + 划). Only
  // these: other syllables (bao bao bei…) start their words as often as not.
  if (best === 0 || !STANDALONE.has(syllables[i] as string)) return best;
  const nextLongest = wordLengthsAt(d, syllables, i + 1).at(-1) ?? 0;
  return 1 + nextLongest > bestCover ? 0 : best;
}

function decodeSyllables(toned: readonly Syllable[], d: PinyinDictionary, message: MessageContext): string {
  const syllables = toned.map((s) => s.text);
  let out = '';
  let i = 0;
  let afterNumber = false;
  while (i < syllables.length) {
    const number = numeralRun(toned, i);
    if (number) {
      out += number.zh;
      i += number.length;
      afterNumber = true;
      continue;
    }
    const here = syllables[i] as string;
    const unit = afterNumber ? UNITS_AFTER_NUMBER.get(here) : undefined;
    if (unit) {
      out += unit;
      i++;
      const tenth = unit === '度' ? NUMERALS.get(syllables[i] ?? '') : undefined;
      if (tenth && /[一二三四五六七八九]/.test(tenth.zh) && !isDigits(syllables[i + 1] ?? '')) {
        out += tenth.zh;
        i++;
      }
      afterNumber = false;
      continue;
    }
    afterNumber = isDigits(here);
    let matched = false;
    const len = wordChunkAt(d, syllables, i);
    if (len > 0) {
      const key = syllables.slice(i, i + len).join(' ');
      const sense = SENSES.get(key);
      out += sense ? senseOf(sense, syllables, i, len, message) : (d.words.get(key) as string);
      i += len;
      continue;
    }
    const counted = numeralWithUnit(toned, i);
    // A fuzzy reading never starts on a numeral (san zhou is 三周, not a shortened 上周) and comes after
    // the numeral-and-unit reading.
    if (!counted && !NUMERALS.has(here)) {
      for (let len = Math.min(d.longest, syllables.length - i); len >= 2; len--) {
        const typed = syllables.slice(i, i + len);
        const fuzzy = fuzzyWordsOf(d).get(typed.map(fuzzySyllable).join(' '));
        // A word spelled exactly was weighed by wordChunkAt already (and declined when a standalone syllable starts it).
        if (fuzzy && typed.some((t, k) => t !== fuzzy.syllables[k]) && typed.every((t, k) => droppedOnly(t, fuzzy.syllables[k] as string))) {
          out += fuzzy.word;
          i += len;
          matched = true;
          break;
        }
      }
    }
    if (matched) continue;
    if (counted) {
      out += counted.zh;
      i += counted.length;
      continue;
    }
    const s = syllables[i] as string;
    const tone = toned[i]?.tone;
    out += (tone !== undefined ? d.tonedChars.get(`${s}${tone}`) : undefined) ?? d.chars.get(s) ?? s;
    i++;
  }
  return out;
}

/**
 * The syllables of a token, each with the tone digit typed after it ("shi2ba1" → shi/2, ba/1); a token
 * with tone marks or no tones gives syllables without a tone.
 */
function tonedSyllables(token: string, plain: string): Syllable[] | undefined {
  const pieces = /^(?:[a-zv]+[0-5])+$/.test(token.replace(/ü/g, 'v')) ? token.replace(/ü/g, 'v').match(/[a-zv]+[0-5]/g) : undefined;
  if (pieces) {
    const out: Syllable[] = [];
    for (const piece of pieces) {
      const split = splitSyllables(piece.slice(0, -1));
      if (!split) return splitSyllables(plain)?.map((text) => ({ text }));
      split.forEach((text, k) => out.push(k === split.length - 1 ? { text, tone: piece.slice(-1) } : { text }));
    }
    return out;
  }
  return markedSyllables(token, plain) ?? (splitSyllables(plain) ?? splitSyllables(withoutErhua(plain)))?.map((text) => ({ text }));
}

/**
 * The 儿 of erhua typed as a bare r after a syllable (mei jin r → meijinrshuohua): dropped, so a run that splits into
 * syllables only without it still reads (没劲说话). Tried only when the run does not split as typed (erzi keeps its er).
 */
const withoutErhua = (plain: string): string => plain.replace(/([aeiouvn])r(?=[bcdfghjklmnpqstwxyz])/g, '$1');

/** Combining tone marks (NFD) → tone digits: ā 1, á 2, ǎ 3, à 4. */
const MARK_TONES: ReadonlyMap<string, string> = new Map([['\u0304', '1'], ['\u0301', '2'], ['\u030c', '3'], ['\u0300', '4']]);

/**
 * A token written with tone marks ("shísì"), each syllable with the tone its mark gives, so numerals
 * read as numbers as they do with tone digits (十四, not 十死); undefined when the token has no marks.
 */
function markedSyllables(token: string, plain: string): Syllable[] | undefined {
  if (!/[\u0300\u0301\u0304\u030c]/.test(token)) return undefined;
  const tones: (string | undefined)[] = [];
  let letters = 0;
  for (const ch of token.replace(/u\u0308/g, 'v').replace(/ü/g, 'v')) {
    const tone = MARK_TONES.get(ch);
    if (tone) tones[letters - 1] = tone;
    else if (/[a-zv]/.test(ch)) letters++;
  }
  if (letters !== plain.length) return undefined;
  const split = splitSyllables(plain);
  if (!split) return undefined;
  let at = 0;
  return split.map((text) => {
    const tone = tones.slice(at, at + text.length).find((t) => t !== undefined);
    at += text.length;
    return tone ? { text, tone } : { text };
  });
}

/**
 * A token that runs pinyin into numbers ("wohuaiyun33zhoule", "huaiyun3zhou"), read as its pieces: the
 * pinyin either side and the number between them. A token that is pinyin with a tone digit after every
 * syllable ("xue2tang2") keeps its tones, and a token whose letters are not all pinyin ("b12", "covid19")
 * stays whole.
 */
const TONED_TOKEN = /^(?:[a-zv\u0300-\u036f]+[0-5])+$/;
/**
 * A digit before a counted unit in a token not written all in tone digits ("baobao2geyueda", "3tian"): a number
 * (两个月大), not the tone of the syllable before it, which plainToken would drop.
 */
const countedDigit = (token: string): boolean =>
  /\d(?:ge|sui|tian|zhou|nian|du|ci|fen|xiaoshi|pian)/.test(token) && !TONED_TOKEN.test(token.replace(/ü/g, 'v'));

function numbersApart(token: string): Syllable[] | undefined {
  if (!/\d/.test(token) || !/[a-z]/.test(token) || TONED_TOKEN.test(token.replace(/ü/g, 'v'))) return undefined;
  const out: Syllable[] = [];
  for (const piece of token.match(/\d+|\D+/g) ?? []) {
    // The number passes through decoding as itself: no word or numeral reading has digits.
    if (/^\d/.test(piece)) out.push({ text: piece });
    else {
      const split = splitSyllables(plainToken(piece));
      if (!split) return undefined;
      out.push(...split.map((text) => ({ text })));
    }
  }
  return out;
}

/** One run of Latin words: the longest stretches that are all pinyin, of two syllables or more, are read. */
function decodeRun(run: string, dictionaryOf: () => PinyinDictionary, message: MessageContext): string {
  const tokens = run.split(/[\s']+/);
  const out: string[] = [];
  let pending: Syllable[] = [];
  let pendingRaw: string[] = [];
  const flush = (): void => {
    if (pending.length >= 2) out.push(decodeSyllables(pending, dictionaryOf(), message));
    else out.push(...pendingRaw);
    pending = [];
    pendingRaw = [];
  };
  for (const token of tokens) {
    const plain = plainToken(token);
    const syllables = /^[a-z]+$/.test(plain) && !countedDigit(token) ? tonedSyllables(token, plain) : numbersApart(token);
    if (syllables) {
      pending.push(...syllables);
      pendingRaw.push(token);
    } else {
      flush();
      out.push(token);
    }
  }
  flush();
  return out.join(' ');
}

export function decodePinyin(text: string): string {
  const decomposed = text.normalize('NFD');
  if (!/[a-zü]{2}/.test(decomposed.replace(TONE_MARKS, ''))) return text;
  // Built only when a run of two or more pinyin syllables turns up: English leftovers ("has") never need it.
  const dictionaryOf = (): PinyinDictionary => (dictionary ??= build());
  const message: MessageContext = { text: decomposed };
  return decomposed.replace(LATIN_RUN, (run) => decodeRun(run, dictionaryOf, message)).normalize('NFC');
}
