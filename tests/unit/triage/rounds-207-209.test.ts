import { describe, it } from 'vitest';
import { emergency, notEmergency, urgent } from './expect-triage';

/**
 * The families of rounds 207–209's first-run misses and false alarms, and of the forty-fourth review
 * (tests/fixtures/triage/README.md). Sentences written for this file, not copied from the rounds.
 */
describe('held-out rounds 207–209 and the forty-fourth review', () => {
  it.each([
    // Sichuan 背心 is the upper back: a tearing pain through to it.
    ['我妈高血压，刚刚胸口到背心撕起疼，冷汗淌', 'aortic_dissection'],
    // An attack that has come before is still today's.
    ['我老公胸口压着痛半个多小时了 一身冷汗 以前也这样过 歇歇就好', 'chest_pain'],
    // A socket that will not stop, said outright.
    ['拔牙以后血止不住', 'bleeding'],
    // The forty-fourth review: a small ooze once after a tooth excuses no cut that pressure has not stopped; a pet's 救命
    // with a child hurt; a sealed room with charcoal burning, whatever was said before; taken ill while watching a drama.
    ['上次拔牙出血不多，这回儿子膝盖摔破了，按了二十分钟还在流血', 'bleeding'],
    ['救命 我家猫把农药瓶碰倒了 孙子喝了一口', 'poisoning'],
    ['他从来没说过想死，刚才把门窗都封上了在屋里烧炭', 'poisoning'],
    ['我爸看电视剧头突然说头痛得要炸开 吐了', 'headache'],
  ])('an emergency: %s', (text, flag) => emergency(text, flag));

  it.each([
    // An ooze after a tooth out, pressed for hours, "not much": a doctor today.
    ['拔牙后还在渗血，咬纱布咬了一个多小时，量不多'],
    // A chest pain last month at night, asked about as a claim.
    ['我妈上个月半夜胸口疼去了急诊，查了是胃病，急诊费能报吗'],
    // A worry about suicide that names its absence.
    ['女儿最近不爱说话，从没说过想死，就是成绩下滑'],
    // 救命 about a pet alone, and whether a way of heating is safe.
    ['救命 我家猫把遥控器弄坏了'],
    ['冬天窗户缝用胶带封上了 屋里烧炭取暖安全吗'],
    // Water drunk after spraying a pesticide.
    ['打完农药口渴喝了一口水'],
  ])('not an emergency: %s', (text) => notEmergency(text));

  it.each([
    ['拔牙后还在渗血，咬纱布咬了一个多小时，量不多'],
  ])('a doctor today: %s', (text) => urgent(text));
});
