import { describe, it } from 'vitest';
import { emergency, notEmergency, routes } from './expect-triage';

/**
 * The thirty-second independent review (of session 11's changes, `git diff ed245dc edbc15f -- shared/domain/triage`; 171
 * probes): where a film's plot frame, a laugh or a new English phrase could hide a real emergency. Sentences written for
 * this file.
 */
describe('the thirty-second review', () => {
  it.each([
    // A plot frame ends where real life is named again: a relative, the member, a clause opened by a child, the watching time.
    ['剧里男主死了，我妈哭得喘不上气，嘴唇都紫了', 'breathing'],
    ['这一集还没看完，爷爷突然昏过去了，叫不醒', 'unconscious'],
    ['看到主角跳楼那段，儿子说他也想从楼顶跳下去', 'suicide'],
    ['电影中途我爸说胸口压着疼，一直出冷汗', 'chest_pain'],
    // 加剧中 is no drama.
    ['疼痛加剧中，胸口像压了块石头，出冷汗', 'chest_pain'],
    // Someone watching as it happens, in English.
    ['my dad was watching a movie about the war and suddenly collapsed, not breathing', 'unconscious'],
    // Ages said as almost or still under three months.
    ['宝宝快三个月了，发烧38.3', 'child_fever'],
    ['孩子三个月不到，烧到38度', 'child_fever'],
    ['my son is 7 weeks old and has a fever of 38.4', 'child_fever'],
    // A weakness dated to today, with a cause named only in another clause.
    ['从中午开始左手一直没劲，我颈椎一直不好', 'stroke'],
  ])('an emergency: %s', (text, flag) => emergency(text, flag));

  it.each([
    ['My arm keeps twitching today after the gym'],
    ['南方野外毒蛇多吗，下个月去露营'],
    ['孩子不到两天就烧了三次，五岁了，最高38.5，精神挺好'],
  ])('not 120: %s', (text) => notEmergency(text));

  it.each([
    ['We gave our dog to my neighbour while we travel next week', 'health_butler'],
    // A laugh beside a real ask still asks the doctor.
    ['笑死 看电影看得眼睛干涩，请医生推荐个眼药水', 'family_doctor'],
  ])('routed: %s', (text, role) => routes(text, role));
});
