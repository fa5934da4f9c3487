import { describe, it } from 'vitest';
import { notEmergency } from './expect-triage';

/**
 * Rounds 174–176 missed no emergency at first run; these are the families of their false alarms that are fixed
 * (tests/fixtures/triage/README.md). Sentences written for this file, not copied from the rounds.
 */
describe('held-out rounds 174–176', () => {
  it.each([
    // A warning about habits is no heart attack.
    ['我女儿说我再喝酒就要中风了，有那么夸张吗'],
    // Blood pressure "sent to two hundred" by anger, with a real reading beside it.
    ['我爸说他血压被我气到两百了，哈哈，其实刚量130/80'],
    // 救命 beside a policy or points question is an exclamation.
    ['jiuming wo de jifen zen me mei le'],
    // A film's plot told with 里头/里面 after the film is named.
    ['昨晚看了部电影，里头那个人被蛇咬了当场就倒了，现实中会这么快吗'],
  ])('not an emergency: %s', (text) => notEmergency(text));
});
