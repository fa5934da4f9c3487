import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { TERM_GROUPS } from '../../../shared/domain/triage/lexicon/red-flags';
import { ENGLISH_VOCABULARY } from '../../../shared/domain/triage/lexicon/english';
import { DIALECT_WORDS } from '../../../shared/domain/triage/lexicon/dialect';
import { isSyllable } from '../../../shared/domain/triage/sound';
import { englishFormSource } from '../../../shared/domain/triage/translate/english';
import { INTENT_LEXICON } from '../../../shared/domain/triage/lexicon/intents';
import * as contextCues from '../../../shared/domain/triage/lexicon/context';
import { classify, foldChars, normalizeText } from '../../../shared/domain/triage';
import { readAsMandarin, splitClauses } from '../../../shared/domain/triage/normalize';
import { compileAny, LexiconError, phraseToSource } from '../../../shared/domain/triage/pattern';

describe('foldChars', () => {
  it('turns full-width letters, digits and punctuation into half-width', () => {
    expect(foldChars('ＢＰ１９０／１２０，ＯＫ')).toBe('bp190/120,ok');
  });
  it('maps traditional characters the lexicon uses to simplified', () => {
    expect(foldChars('胸口痛得厲害、喘不過氣、說話不清、喉嚨腫')).toBe('胸口痛得厉害、喘不过气、说话不清、喉咙肿');
  });
  it('lowercases', () => {
    expect(foldChars('HI mmol/L')).toBe('hi mmol/l');
  });
});

describe('normalizeText', () => {
  it('strips spaces; emoji and WeChat text emoji end a clause', () => {
    expect(normalizeText('胸 口 疼 😭😭 [流泪] 出冷汗 /:wail')).toBe('胸口疼，出冷汗');
  });
  it('keeps clause and sentence boundaries as 、，。 markers', () => {
    expect(normalizeText('你好！我爸胸口疼， 出冷汗。。。怎么办??')).toBe('你好。我爸胸口疼，出冷汗。怎么办');
    expect(splitClauses(normalizeText('没有胸痛，但是喘。救命')).map((c) => [c.text, c.sentence])).toEqual([
      ['没有胸痛', 0],
      ['但是喘', 0],
      ['救命', 1],
    ]);
  });
  it('keeps decimals and reads two numbers separated by a space or comma as a pair', () => {
    expect(normalizeText('血糖 2。8')).toBe('血糖2.8');
    expect(normalizeText('血压 190 120')).toBe('血压190/120');
    expect(normalizeText('血压190，120')).toBe('血压190/120');
    expect(normalizeText('血压１９０／１２０')).toBe('血压190/120');
  });
  it('ends a reading at a space before Chinese text so the next word is not its unit', () => {
    expect(normalizeText('血糖 1.8 人迷糊')).toBe('血糖1.8，人迷糊');
  });
  it('ignores zero-width characters inside words', () => {
    expect(classify('喘\u200b不上\u200d气').emergency).toBe(true);
  });
});

describe('traditional, Hong Kong and Taiwan forms (OpenCC tables)', () => {
  it('folds characters the hand table never listed', () => {
    expect(foldChars('頭暈噁心、嘔吐不止、視物模糊、頸項僵硬')).toBe('头晕恶心、呕吐不止、视物模糊、颈项僵硬');
    // Simplified characters that OpenCC would also map (么 → 幺) stay as they are.
    expect(foldChars('怎么办，干什么，这里')).toBe('怎么办,干什么,这里');
    expect(foldChars('綫')).toBe('线');
  });
  it('are exactly what scripts/derive-triage-tables.ts derives from opencc-js and pinyin-pro today', () => {
    // The check exits 1 and names the stale file when a library update or a hand edit changed them.
    expect(() => execFileSync('npx', ['tsx', 'scripts/derive-triage-tables.ts', '--check'], { stdio: 'pipe' })).not.toThrow();
  });
});

describe('reading every way of writing as Mandarin', () => {
  it.each([
    ['my dad has crushing chest pain and is sweating', '爸爸 压榨 胸痛 出冷汗'],
    ['bp 190 over 120', '血压 190/120'],
    ['3-week-old baby', '3周大 宝宝'],
    ['xiōngkǒu téng', '胸口疼'],
    ['xiong1kou3 teng4', '胸口疼'],
    ['佢头先晕低咗、而家叫唔醒', '他刚才晕倒了、现在叫不醒'],
    ['我老汉儿脑壳痛惨了', '我爸爸头痛得厉害'],
    ['咋整 我爸抽抽了', '怎么办 我爸抽搐了'],
    ['我爸呼吸困南', '我爸呼吸困难'],
    ['胸口闷得历害', '胸口闷得历害'],
  ])('%s → %s', (input, want) => {
    expect(readAsMandarin(foldChars(input))).toBe(want);
  });

  it('reads pinyin with or without spaces into the lexicon words', () => {
    expect(readAsMandarin('wo ba xiong kou teng de li hai')).toContain('胸口疼得厉害');
    expect(readAsMandarin('ta tu ran shuo hua bu qing zui wai le')).toContain('突然说话不清嘴歪了');
    expect(readAsMandarin('hunmi le jiao bu xing')).toContain('昏迷了叫不醒');
  });

  it('leaves plain Chinese, English it does not know and correct words alone', () => {
    for (const text of ['我想了解一下保险', '企业微信怎么用', 'happy birthday', '说话不清处']) {
      expect(readAsMandarin(foldChars(text))).toBe(foldChars(text));
    }
  });

  it('never reads an English vocabulary word as pinyin: no single English word is a pinyin syllable', () => {
    const words = ENGLISH_VOCABULARY.filter(([forms]) => !forms.includes('(')).flatMap(([forms]) => forms.split('|')).filter((f) => /^[a-z]+$/.test(f));
    expect(words.filter((w) => isSyllable(w))).toEqual([]);
  });

  it('every English form and dialect word is well formed', () => {
    for (const [forms] of ENGLISH_VOCABULARY) expect(() => new RegExp(englishFormSource(forms)), forms).not.toThrow();
    for (const [from, to] of DIALECT_WORDS) expect(from.length > 0 && to.length > 0, from).toBe(true);
  });
});

describe('lexicon phrase syntax', () => {
  it('supports [abc] alternatives, * short gaps that never cross a negation, and # numbers', () => {
    const re = compileAny(['喘不[上过]气', '胸口*痛', '#年前']);
    const hits = (s: string): string[] => [...s.matchAll(re)].map((m) => m[0]);
    expect(hits('喘不过气')).toEqual(['喘不过气']);
    expect(hits('胸口好痛')).toEqual(['胸口好痛']);
    expect(hits('胸口不痛')).toEqual([]);
    expect(hits('胸口，痛')).toEqual([]);
    expect(hits('三年前')).toEqual(['三年前']);
  });
  it('supports (ab|cd) word alternatives', () => {
    const re = compileAny(['买了*(安眠药|刀片)']);
    expect('买了一瓶安眠药'.match(re)?.[0]).toBe('买了一瓶安眠药');
    expect('买了降压药'.match(re)).toBeNull();
  });
  it('never matches a Latin word inside a longer word', () => {
    expect('血糖this'.match(compileAny(['血糖*hi']))).toBeNull();
    expect('血糖仪显示hi'.match(compileAny(['血糖*hi']))).not.toBeNull();
  });
  it('never matches a number inside a longer number', () => {
    const re = compileAny(['打120']);
    expect('打1200块'.match(re)).toBeNull();
    expect('快打120'.match(re)?.[0]).toBe('打120');
  });
  it('rejects regex syntax so editors cannot write a catastrophic pattern', () => {
    expect(() => phraseToSource('(a+)+')).toThrow(LexiconError);
    expect(() => phraseToSource('(ab)')).toThrow(LexiconError);
    expect(() => phraseToSource('胸[口')).toThrow(LexiconError);
    expect(() => phraseToSource('')).toThrow(LexiconError);
  });
  it('every phrase in every lexicon compiles', () => {
    const phrases = [
      ...Object.values(TERM_GROUPS).flatMap((g) => [...g.phrases]),
      ...Object.values(INTENT_LEXICON).flatMap((list) => list.map(([p]) => p)),
      ...Object.values(contextCues).flatMap((list) => [...(list as readonly string[])]),
    ];
    expect(phrases.length).toBeGreaterThan(500);
    for (const p of phrases) expect(() => phraseToSource(p), p).not.toThrow();
  });
});
