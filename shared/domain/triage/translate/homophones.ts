import { lexiconWords } from '../lexicon-phrases';
import { tonelessReadingsOf } from '../sound';

/**
 * Repairs homophone typos (an IME's wrong pick: 胸口通 for 胸口痛, 低雪糖 for 低血糖) in words of three or
 * more characters that the lexicons know: a run of the message that sounds like a lexicon word and
 * differs from it in exactly one character becomes that word. "Sounds like" is read as an IME works:
 * the member typed the syllable of the typed character's usual reading (tones ignored) and that
 * syllable is one of the intended character's readings; a rare reading of the typed character does
 * not count (没 is mei, not mo, so 一直没 is never 一直冒).
 * In a three-character word the first character must be typed right (穿不上 stays 穿不上, not 喘不上).
 * Two-character words are left alone: without word boundaries a repair reaches across them (今天胎动
 * read as 今天台 + 动) and too many real words sound alike (新梗 / 心梗). Such typos are lexicon data.
 */
const MIN_CHARS = 3;
const MAX_CHARS = 8;
const MAX_KEYS = 8;

interface Candidate {
  readonly word: string;
  readonly chars: readonly string[];
  /** Per position, the syllables (toneless) that count as "sounds like". */
  readonly sounds: readonly (readonly string[])[];
}

interface Index {
  /** The syllable pair of the first two characters (pairKey) → candidates, longest first. */
  readonly byPrefix: ReadonlyMap<number, readonly Candidate[]>;
  /** A number per syllable some candidate starts with, so a pair is looked up without building a key string. */
  readonly syllableIds: ReadonlyMap<string, number>;
  /** Every repairable word as spelled, to see a correctly spelled word a repair would cut into. */
  readonly spelled: ReadonlySet<string>;
}

let index: Index | undefined;
const NONE: readonly Candidate[] = [];

/** Syllable ids stay below this, so two of them make one number. */
const PAIR_BASE = 4096;
const pairKey = (a: number, b: number): number => a * PAIR_BASE + b;

function add(map: Map<number, Candidate[]>, ids: Map<string, number>, c: Candidate): void {
  const idOf = (s: string): number => {
    let id = ids.get(s);
    if (id === undefined) ids.set(s, (id = ids.size));
    return id;
  };
  let n = 0;
  for (const a of c.sounds[0] as readonly string[]) {
    for (const b of c.sounds[1] as readonly string[]) {
      // The first MAX_KEYS pairs only, in the order the readings come.
      if (n++ >= MAX_KEYS) return;
      const key = pairKey(idOf(a), idOf(b));
      const list = map.get(key);
      if (list) list.push(c);
      else map.set(key, [c]);
    }
  }
}

function build(): Index {
  const map = new Map<number, Candidate[]>();
  const syllableIds = new Map<string, number>();
  // Symptoms and intents only: context words are never a repair target (小时后 must not become 小时候).
  const spelled = new Set<string>();
  for (const word of lexiconWords('repairable')) {
    spelled.add(word);
    const chars = [...word];
    if (chars.length < MIN_CHARS || chars.length > MAX_CHARS) continue;
    const sounds = chars.map(tonelessReadingsOf);
    if (sounds.some((s) => s.length === 0)) continue;
    add(map, syllableIds, { word, chars, sounds });
  }
  for (const list of map.values()) list.sort((a, b) => b.chars.length - a.chars.length);
  return { byPrefix: map, syllableIds, spelled };
}

/**
 * True when a correctly spelled lexicon word starts inside the run at or before `changed` (the one
 * character a repair would change) and runs past the run's end: 打完胰岛素 is not 打完疫 + 岛素 (疫 from
 * 打完[针疫苗]), because 胰岛素 is spelled right there.
 */
function cutsIntoSpelledWord(chars: readonly string[], from: number, changed: number, end: number, idx: Index): boolean {
  for (let j = from; j <= changed; j++) {
    for (let len = 2; len <= MAX_CHARS && j + len <= chars.length; len++) {
      if (j + len <= end) continue;
      if (idx.spelled.has(chars.slice(j, j + len).join(''))) return true;
    }
  }
  return false;
}

/**
 * True when the character a repair would change belongs to a correctly spelled lexicon word inside the
 * run: 差点摔倒头晕 is not 摔到头 (a knock to the head), because 摔倒 is spelled right there.
 */
function breaksSpelledWord(chars: readonly string[], from: number, changed: number, end: number, idx: Index): boolean {
  for (let j = from; j <= changed; j++) {
    for (let len = 2; j + len <= end; len++) {
      if (j + len > changed && idx.spelled.has(chars.slice(j, j + len).join(''))) return true;
    }
  }
  return false;
}


/**
 * The lexicon word a run starting at `i` spells or mistypes, if any. The longest word wins; at equal
 * length a word spelled right beats a sound-alike, so a correct word is never "repaired" into another.
 */
/**
 * Function words a member types on purpose: never the typo a repair mends (我会不会也遗传 is not 不会咽, 胎动挺好的 is not 胎动停).
 */
const NEVER_REPAIRED = new Set([...'也的了是在不就都还又和很挺吗呢吧啊么着过得地']);

/** A numeral before a unit or another numeral is a number (血糖一直六点几 is six point something, not 一直流). */
const NUMERAL = new Set([...'一二三四五六七八九十两百千']);
const AFTER_A_NUMERAL = new Set([...'一二三四五六七八九十两百千点个周天岁次度号分年月斤公克毫升片粒']);
/** …but 六个不停 is 流个不停 (个 counts only before 月/钟/小时/星期/礼拜/人), and a doubled 九九 (快来九九) is 救救 unless a number goes on. */
function isNumber(chars: readonly string[], k: number): boolean {
  const c = chars[k] as string;
  const next = chars[k + 1] as string;
  if (!NUMERAL.has(c) || !AFTER_A_NUMERAL.has(next)) return false;
  if (next === '个') return '月钟小星礼人'.includes(chars[k + 2] ?? '-');
  if (next === c) return NUMERAL.has(chars[k - 1] as string) || AFTER_A_NUMERAL.has(chars[k + 2] as string);
  return true;
}
/** Words a typed character makes with the next one, meant as typed (一直留着疤 is a scar kept, not 一直流). */
const MEANT_WORDS = new Set(['留着', '留下', '留疤']);
const isMeantWord = (chars: readonly string[], k: number): boolean => MEANT_WORDS.has(`${chars[k] as string}${(chars[k + 1] as string | undefined) ?? ''}`);

function repairAt(chars: readonly string[], usual: readonly (string | undefined)[], ids: readonly number[], i: number, idx: Index): Candidate | undefined {
  let best: { c: Candidate; exact: boolean } | undefined;
  const a = ids[i] as number;
  const b = ids[i + 1] as number;
  if (a >= 0 && b >= 0) {
    {
      for (const c of idx.byPrefix.get(pairKey(a, b)) ?? NONE) {
        // Candidates come longest first: once one is found, only an exact word of the same length can replace it.
        if (best && (c.chars.length < best.c.chars.length || best.exact)) break;
        if (i + c.chars.length > chars.length) continue;
        // At most one character differs, so one of the first two is spelled right (the first, in a three-character word).
        if (chars[i] !== c.chars[0] && (c.chars.length === 3 || chars[i + 1] !== c.chars[1])) continue;
        let differences = 0;
        let changed = -1;
        let sounds = true;
        for (let k = 0; k < c.chars.length && sounds && differences <= 1; k++) {
          const ch = chars[i + k] as string;
          if (ch === c.chars[k]) continue;
          differences++;
          changed = i + k;
          const s = usual[i + k];
          sounds = s !== undefined && (c.sounds[k] as readonly string[]).includes(s);
        }
        if (!sounds || differences > 1) continue;
        // …except 挺 before 了 (胎动挺了, 心跳挺了): 挺 as an adverb never takes 了, 停了 does.
        if (differences === 1 && NEVER_REPAIRED.has(chars[changed] as string) && !(chars[changed] === '挺' && chars[changed + 1] === '了')) continue;
        if (differences === 1 && (isNumber(chars, changed) || isMeantWord(chars, changed))) continue;
        // In a three-character word the first character must be right: 穿不上 (shoes) is not a typo of 喘不上.
        if (differences === 1 && c.chars.length === 3 && chars[i] !== c.chars[0]) continue;
        if (differences === 1 && cutsIntoSpelledWord(chars, i + 1, changed, i + c.chars.length, idx)) continue;
        if (differences === 1 && breaksSpelledWord(chars, i, changed, i + c.chars.length, idx)) continue;
        const longer = !best || c.chars.length > best.c.chars.length;
        const sameLengthExact = best && c.chars.length === best.c.chars.length && differences === 0 && !best.exact;
        if (longer || sameLengthExact) best = { c, exact: differences === 0 };
      }
    }
  }
  // A word spelled right is "repaired" into itself: the run is copied and skipped as one word.
  return best?.c;
}

export function repairHomophones(text: string): string {
  if (!/\p{Script=Han}{3}/u.test(text)) return text;
  const idx = (index ??= build());
  const chars = [...text];
  // Each character's usual syllable (its first reading, toneless; none outside GB2312), looked up once: every
  // candidate word compares against them.
  const usual = chars.map((ch) => tonelessReadingsOf(ch)[0]);
  // …and its id (-1: no candidate starts with it, so no repair starts or goes on there).
  const ids = usual.map((s) => (s === undefined ? -1 : (idx.syllableIds.get(s) ?? -1)));
  let out = '';
  let i = 0;
  while (i < chars.length) {
    // Only characters with a reading (Han characters in GB2312) start a repair.
    const fix = (ids[i] as number) >= 0 ? repairAt(chars, usual, ids, i, idx) : undefined;
    if (fix) {
      out += fix.word;
      i += fix.chars.length;
    } else {
      out += chars[i];
      i++;
    }
  }
  return out;
}
