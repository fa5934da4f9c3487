import { describe, it } from 'vitest';
import { emergency, notEmergency, urgent } from './expect-triage';

/**
 * The families of rounds 207–209's first-run misses and false alarms (tests/fixtures/triage/README.md). Sentences written
 * for this file, not copied from the rounds.
 */
describe('held-out rounds 207–209', () => {
  it.each([
    // Sichuan 背心 is the upper back: a tearing pain through to it.
    ['我妈高血压，刚刚胸口到背心撕起疼，冷汗淌', 'aortic_dissection'],
    // An attack that has come before is still today's.
    ['我老公胸口压着痛半个多小时了 一身冷汗 以前也这样过 歇歇就好', 'chest_pain'],
    // A socket that will not stop, said outright.
    ['拔牙以后血止不住', 'bleeding'],
  ])('an emergency: %s', (text, flag) => emergency(text, flag));

  it.each([
    // An ooze after a tooth out, pressed for hours, "not much": a doctor today.
    ['拔牙后还在渗血，咬纱布咬了一个多小时，量不多'],
    // A chest pain last month at night, asked about as a claim.
    ['我妈上个月半夜胸口疼去了急诊，查了是胃病，急诊费能报吗'],
    // A worry about suicide that names its absence.
    ['女儿最近不爱说话，从没说过想死，就是成绩下滑'],
  ])('not an emergency: %s', (text) => notEmergency(text));

  it.each([
    ['拔牙后还在渗血，咬纱布咬了一个多小时，量不多'],
  ])('a doctor today: %s', (text) => urgent(text));
});
