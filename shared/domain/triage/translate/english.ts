import { ENGLISH_VOCABULARY } from '../lexicon/english';
import { spelledNumbersToDigits } from './english-numbers';

/**
 * Reads English (and the English words in mixed messages) into the Chinese the lexicons match, word
 * by word from lexicon/english.ts, so one set of criteria serves every language. Unknown words stay.
 */
interface Compiled {
  readonly re: RegExp;
  /** Capture group i + 1 belongs to CHINESE[i]. */
  readonly chinese: readonly string[];
}

/**
 * Source characters per regex. One alternation of all ~1,900 forms is past the size V8 compiles to native code and
 * runs ~300× slower (measured: 2 µs → 640 µs a message). Chunks are cut by size, not by count, because the longest
 * forms come first: 300 forms made a first chunk of 21,000 characters that fell back to the interpreter (the whole
 * classifier went from 5,200 to 3,900 messages/s, 2026-12-07); 8,000 keeps every chunk well inside. Chunks run
 * longest forms first, so a longer form still wins over a shorter one inside it.
 */
const MAX_SOURCE_PER_REGEX = 8_000;

/** Splits "a|b (c|d)" at the top level only. */
function topLevelForms(spec: string): string[] {
  const forms: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of spec) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === '|' && depth === 0) {
      forms.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  forms.push(current);
  return forms.map((f) => f.trim()).filter(Boolean);
}

export function englishFormSource(form: string): string {
  if (!/^[a-z0-9 ()|?~!'-]+$/.test(form)) throw new Error(`unsupported character in English form ${JSON.stringify(form)}`);
  return form
    .replace(/'/g, '')
    .replace(/-/g, '\\-')
    .replace(/\(/g, '(?:')
    .replace(/~/g, '[a-z]*')
    .replace(/ /g, '\\s+');
}

let compiled: readonly Compiled[] | undefined;

function compile(): Compiled[] {
  const forms = ENGLISH_VOCABULARY.flatMap(([spec, zh]) => topLevelForms(spec).map((form) => ({ form, zh })));
  forms.sort((a, b) => b.form.length - a.form.length);
  const chunks: Compiled[] = [];
  let parts: string[] = [];
  let chinese: string[] = [];
  let size = 0;
  const close = (): void => {
    if (parts.length > 0) chunks.push({ re: new RegExp(`(?<![a-z])(?:${parts.join('|')})(?![a-z])`, 'g'), chinese });
    parts = [];
    chinese = [];
    size = 0;
  };
  for (const { form, zh } of forms) {
    const part = `(${englishFormSource(form)})`;
    if (size + part.length > MAX_SOURCE_PER_REGEX) close();
    parts.push(part);
    chinese.push(zh);
    size += part.length + 1;
  }
  close();
  return chunks;
}

const OPEN = '\u0001';
const CLOSE = '\u0002';
/** A number before a marked English word keeps no space ("3 周" → "3周"); the markers go once replaced. */
const DIGIT_SPACE_BEFORE_MARK = new RegExp(`(\\d)\\s+${OPEN}`, 'g');
const MARKS = new RegExp(`[${OPEN}${CLOSE}]`, 'g');

/** A message of nothing but calls for help, whatever punctuation splits them ("Help, please, anyone!"). */
const BARE_PLEA = /^\s*(?:(?:help|please|anyone|anybody|someone|somebody|quick|hurry)(?![a-z])[\s,，!！.。]*)+$/;

/** True when the text has a word of two or more Latin letters worth reading. */
export const hasLatinWord = (text: string): boolean => /[a-z]{2}/.test(text);

/**
 * Translates the English words of lower-cased text. "120 over 80" becomes "120/80"; a number keeps
 * its unit ("for 10 minutes" → "for 10分钟") so readings, ages and durations are read as in Chinese.
 */
export function translateEnglish(text: string): string {
  if (!hasLatinWord(text)) return text;
  const chunks = (compiled ??= compile());
  const t = spelledNumbersToDigits(text)
    .replace(/['’]/g, '')
    .replace(/([a-z0-9])-(?=[a-z])/g, '$1 ')
    .replace(/(\d)\s*over\s*(\d)/g, '$1/$2')
    // "10 of my blood pressure pills", "ten of my 500mg paracetamol tablets": the count stays with its unit, the dose goes.
    .replace(/(\d+)\s+(?:of\s+)?(?:(?:my|his|her|the|their|our|your)\s+)?(?:\d+(?:\.\d+)?\s*(?:mg|mcg|g|ml)\s+)?(?:[a-z]+\s+){0,3}(pills|tablets|capsules)(?![a-z])/g, '$1 $2')
    // "my dad (71)": an age in brackets after a relative is an age.
    .replace(/(dad|mum|mom|father|mother|grandma|grandpa|granny|grandad|grandfather|grandmother|husband|wife)\s*\((\d{2,3})\)/g, '$1 $2岁')
    // "I'm 28 weeks", "she's 30 weeks": a pregnancy told by its week.
    .replace(/(?<![a-z])(?:i am|im|she is|shes|my wife is|wife is)\s+(\d{1,2})\s+weeks?(?![a-z])(?!\s+old)/g, '怀孕$1周')
    // 老婆36 weeks in a mixed message: the same.
    .replace(/(老婆|媳妇|太太|爱人|我)\s*(\d{1,2})\s*weeks?(?![a-z])(?!\s+old)/g, '$1怀孕$2周')
    .replace(BARE_PLEA, 'help please')
    // "like 30", "about 20": a hedged count is the count (a bare "like" would be read as the pinyin li ke).
    .replace(/(?<![a-z])(?:like|about|around|roughly|approximately|maybe|almost|nearly)\s+(?=\d)/g, '')
    // "took 30 paracetamol": a count right before a named drug is a count of tablets.
    .replace(/(\d+)\s+(?!mmol)(?=[a-z]{4,}(?:ine|ol|pril|sartan|statin|pam|lam|ide|fen|one)(?![a-z]))/g, '$1 pills ')
    // "8 of her amlodipine": a count of a named drug is a count of tablets.
    .replace(/(\d+)\s+of\s+(?:my|his|her|the|their|our|grandmas|grandpas)\s+(?=[a-z]+(?:ine|ol|pril|sartan|statin|pam|lam|mab|ide|one|in)(?![a-z]))/g, '$1 pills ')
    // "swallowed 6 or 7 of them" in a message about pills: the count is of pills.
    .replace(/(\d+)\s+of\s+them(?![a-z])/g, (m, n: string) => (/(?<![a-z])(?:pills?|tablets?|capsules?|meds|medicine)(?![a-z])/.test(text) ? `${n} pills` : m))
    .replace(/(?<![a-z])in (?:19|20)\d\d(?![\d])/g, '那年')
    // FAST / BE FAST, the stroke mnemonic, is not the word "fast" (快).
    .replace(/(?<![a-z])(?:be\s*)?fast(?=\s*(?:原则|口诀|法则|评估|测试|是什么|(?:rule|principle|test|acronym|method|check)s?(?![a-z])|for\s+stroke))/g, '中风识别口诀')
    .replace(/^\s*(?:please\s+)?help(?:\s+(?:me|us|please|now|quick|quickly|pls|plz))*[\s!.]*$/, '救命');
  let marked = t;
  for (const c of chunks) {
    marked = marked.replace(c.re, (...args: unknown[]) => {
      const groups = args.slice(1, 1 + c.chinese.length);
      const i = groups.findIndex((g) => g !== undefined);
      return `${OPEN}${c.chinese[i] ?? ''}${CLOSE}`;
    });
  }
  return marked.replace(DIGIT_SPACE_BEFORE_MARK, `$1${OPEN}`).replace(MARKS, '');
}
