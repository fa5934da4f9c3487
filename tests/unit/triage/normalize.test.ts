import { describe, expect, it } from 'vitest';
import { TERM_GROUPS } from '../../../shared/domain/triage/lexicon/red-flags';
import { TRAD_SIMP_PAIRS } from '../../../shared/domain/triage/lexicon/trad-simp';
import { INTENT_LEXICON } from '../../../shared/domain/triage/lexicon/intents';
import * as contextCues from '../../../shared/domain/triage/lexicon/context';
import { classify, foldChars, normalizeText } from '../../../shared/domain/triage';
import { splitClauses } from '../../../shared/domain/triage/normalize';
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
  it('strips spaces, emoji and WeChat text emoji', () => {
    expect(normalizeText('胸 口 疼 😭😭 [流泪] 出冷汗 /:wail')).toBe('胸口疼出冷汗');
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

describe('trad-simp data', () => {
  it('is a list of two-character pairs', () => {
    const bad = TRAD_SIMP_PAIRS.split(/\s+/).filter((t) => t !== '' && [...t].length !== 2);
    expect(bad).toEqual([]);
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
  it('never matches a number inside a longer number', () => {
    const re = compileAny(['打120']);
    expect('打1200块'.match(re)).toBeNull();
    expect('快打120'.match(re)?.[0]).toBe('打120');
  });
  it('rejects regex syntax so editors cannot write a catastrophic pattern', () => {
    expect(() => phraseToSource('(a+)+')).toThrow(LexiconError);
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
