import { describe, it } from 'vitest';
import { emergency, notEmergency, routes } from './expect-triage';

/**
 * The families of messages that held-out round 24 exposed, each tested with sentences written for this
 * file (not the held-out ones), so a rule is held to its family rather than to one sentence.
 */
describe('round 24 families: emergencies', () => {
  it.each([
    ['刚才跟我爸开视频，他说心口像有东西压着，二十多分钟了，一头的汗', 'chest_pain'],
    ['我爸刚打电话来，他说胸口疼得厉害，出了一身冷汗', 'chest_pain'],
    ['我姐在语音里说她妈胸口闷了快一个钟头了，还冒冷汗，人在老家', 'chest_pain'],
    ['和我女儿视频的时候她说头突然很痛，是这辈子最痛的一次，还吐了', 'headache'],
    ['嗯 就是 我婆婆那边 胸口那块就是压着疼 她跟我视频说的 半个钟头了 我不在家', 'chest_pain'],
  ])('a relative on a video or phone call telling symptoms happening now: %s', (text, flag) => emergency(text, flag));

  it.each([
    ['雪压一百八十五 一百一十二 头有点运', 'blood_pressure'],
    ['我妈刚测的学压二百零五 一百二十 说头有点运 想吐', 'blood_pressure'],
    ['学压190 118，头晕得很', 'blood_pressure'],
  ])('a homophone of 血压 with a critical reading, Chinese numerals read as a pair: %s', (text, flag) => emergency(text, flag));

  it.each([
    ["My 4 year old got into his grandpa's heart pills and swallowed 5 of them, he seems fine", 'poisoning'],
    ['Our toddler swallowed 3 of my sleeping pills an hour ago, she is acting normal', 'poisoning'],
    ["my 2 year old got into grandma's diabetes pills, we think she ate 4 of them. she seems ok", 'poisoning'],
  ])('a young child who swallowed an adult\'s pills, counted as "N of them", in English: %s', (text, flag) => emergency(text, flag));
});

describe('round 24 families: what stays calm', () => {
  it.each([
    ['看了个视频说胸口疼半小时不缓解就是心梗，是真的吗'],
    ['学压一百三十五 八十五 算正常吗'],
    ['I bought 3 of them at the pharmacy, are these vitamins safe for kids?'],
  ])('a video to learn from, a normal reading, a count that is not pills: %s', (text) => notEmergency(text));

  it.each([
    ['我個女舊年發燒抽過一次，醫生話係熱性驚厥，想問下以後仲會唔會再發'],
    ['細路上個月發高燒抽過筋，醫生話冇事，係咪要食藥預防'],
  ])('a febrile seizure in the past and a question about the future, in Cantonese: %s', (text) => routes(text, 'family_doctor'));
});
