import { describe, it } from 'vitest';
import { emergency, notEmergency } from './expect-triage';

/**
 * The families of rounds 177–179's first-run misses and false alarms (tests/fixtures/triage/README.md). Sentences
 * written for this file, not copied from the rounds.
 */
describe('held-out rounds 177–179', () => {
  it.each([
    // Breathless lying down, sleeping sitting up, after a booking question.
    ['帮我约下周的体检，另外我妈这几天躺着都喘，晚上只能坐着睡', 'breathing'],
    // A handful of pills at once, after a points question.
    ['积分什么时候到账？顺便说下我刚吃了一大把药，困了', 'poisoning'],
    // A lecture asked about, then the member's own present: the lecture's frame ends there.
    ['产后康复课什么时候开，我现在怀孕三十周，刚才开始流血肚子剧痛', 'pregnancy'],
    // A way decided on is a plan, not a how-to question.
    ['活着太累了 我已经想好怎么做了', 'suicide'],
  ])('an emergency: %s', (text, flag) => emergency(text, flag));

  it.each([
    // An exam that made someone "want to jump", told with a laugh.
    ['笑死，我妹说期末考试考到想跳楼，结果考了第一'],
  ])('not an emergency: %s', (text) => notEmergency(text));
});
