import { describe, it } from 'vitest';
import { emergency, notEmergency, routes } from './expect-triage';

/**
 * The families of rounds 222–223's first-run misses and false alarms (tests/fixtures/triage/README.md). Sentences written
 * for this file, not copied from the rounds.
 */
describe('held-out rounds 222–223', () => {
  it.each([
    // A burning at the heart's pit with a cold sweat, taken for the stomach.
    ['我爸说心口烧得慌，以为是胃，出了一头冷汗', 'chest_pain'],
    // No movement the whole day, however hedged, in either script.
    ['怀孕三十一周，今天胎动好像一整天都没有', 'pregnancy'],
    ['32周了，baby的movement一整天都没有', 'pregnancy'],
    // A child into an adult's tablets, in English.
    ['I think she swallowed grandma’s heart pills, a few of them', 'poisoning'],
  ])('an emergency: %s', (text, flag) => emergency(text, flag));

  it.each([
    // Heartburn after a meal, nothing else.
    ['吃完火锅心口烧得慌'],
    // The stroke mnemonic asked about (a 中风120 told with a father is a call: rounds-32-40.test.ts).
    ['群里转的中风120是什么意思'],
  ])('not an emergency: %s', (text) => notEmergency(text));

  it.each([
    // Whether to see a doctor, asked after a booking; a hiccup after points talk.
    ['体检能改到下周吗 最近胸口偶尔刺一下 要不要先看医生', 'family_doctor'],
    ['积分的事办好了，谢谢。顺便问下，我最近老打嗝，要紧吗', 'family_doctor'],
  ])('routed: %s', (text, role) => routes(text, role));
});
