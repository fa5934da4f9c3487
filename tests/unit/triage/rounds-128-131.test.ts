import { describe, it } from 'vitest';
import { emergency, notEmergency } from './expect-triage';

/**
 * The families of held-out rounds 128–131's first-run misses (the rounds themselves are measured, not yet folded in:
 * tests/fixtures/triage/README.md) and of the thirty-first independent review. Sentences written for this file.
 */
describe('rounds 128–131 and the thirty-first review', () => {
  it.each([
    ['背后面撕着痛，痛到肚子了，我血压平时就高', 'aortic_dissection'],
    ['喘不动', 'breathing'],
    ['阿爷上大号全系黑色，好似沥青，头晕', 'bleeding'],
    ['他把两次的降糖药一起吃了，现在头晕', 'poisoning'],
    ['My grandpa (78) has jaw and left arm pain and is sweaty and grey', 'chest_pain'],
    ['阿婆喘到讲不出一句完整的话，只能坐着', 'breathing'],
    ['took penicillin an hour ago, now my lips are puffing up and I am wheezing', 'anaphylaxis'],
    ['床头那瓶药够了，孩子们别怪我', 'suicide'],
    ['站在阳台上往下看也不怕了，想跟谁说一声', 'suicide'],
    ['他的血压，高的是一，九，二，低的是一，一，五', 'blood_pressure'],
    ['his sugar is 3.0 after gliclazide, we gave him sweets twice and it is 3.1', 'low_glucose'],
    // A cancelling word (老头) no longer hides a real match after it in the same message.
    ['我家老头早上头撞到柜子上，他在吃华法林', 'head_injury'],
    ['小孩喝了火碱水，嘴里起泡了', 'poisoning'],
    ['我把刀片准备好了，今晚就动手', 'suicide'],
  ])('an emergency: %s', (text, flag) => emergency(text, flag));

  it.each([
    ['急性心肌梗死在保险合同里是怎么定义的'],
    ['老头子摔了一跤，手腕肿了，头没磕着'],
  ])('not 120: %s', (text) => notEmergency(text));
});
