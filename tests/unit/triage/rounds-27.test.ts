import { describe, it } from 'vitest';
import { emergency, notEmergency, routes, urgent } from './expect-triage';

/**
 * The families of messages that held-out round 27 exposed, each tested with sentences written for this
 * file (not the held-out ones), so a rule is held to its family rather than to one sentence.
 */
describe('round 27 families: emergencies', () => {
  it.each([
    ['我爸高血压，刚才突然后背撕列样的痛，一头冷汗', 'aortic_dissection'],
    ['胸口疼得厉害，从胸口一直窜到后背，满头大汗', 'chest_pain'],
  ])('tearing pain typed with a homophone, pain running from the chest to the back: %s', (text, flag) => emergency(text, flag));

  it('a glucose read as a number still counts when it is one', () => {
    emergency('my sugar is 2.1 and I feel shaky and confused', 'low_glucose');
  });
});

describe('round 27 families: a doctor today, not 120', () => {
  it.each([
    ['我個仔三歲，耳仔好痛，探熱三十八度二'],
    ['女儿耳朵疼了一晚上，今早烧到38.6'],
  ])('ear pain with a fever in a child, in Cantonese too: %s', (text) => urgent(text));

  it.each([
    ['I sliced my thumb cooking, the bleeding stopped but it is gaping, do I need stitches?'],
    ['Deep cut on my palm from broken glass, wound is deep, bleeding has stopped'],
  ])('a cut that gapes or needs stitches: %s', (text) => urgent(text));

  it('a wound whose redness is spreading, in a diabetic', () => {
    urgent('我有糖尿病，小腿上的伤口周围红肿的范围变大了，摸着发烫');
  });

  it('walking after a fall but hurting badly is still an X-ray today', () => {
    urgent('下楼梯摔了一跤，现在能走，就是膝盖疼得厉害，肿起来了');
  });
});

describe('round 27 families: what stays calm', () => {
  it.each([
    ['My HbA1c is 6.2 and fasting glucose 6.0, am I prediabetic?'],
    ['FBG 5.9, HbA1c 5.8 on my check-up, is that normal?'],
  ])('a test name with a digit in it is not a reading: %s', (text) => notEmergency(text));

  it.each([
    ['我爸前年中风过，现在左腿还是不太利索，有没有适合在家做的康复操'],
  ])('a limb still stiff years after a stroke is what it left: %s', (text) => routes(text, 'family_doctor'));

  it.each([
    ['踢球的时候脚趾头撞到门柱了，有点肿，能走路，要冰敷吗'],
    ['手指头被门夹了一下，有点肿，能动'],
  ])('a toe or finger (脚趾头, 手指头) is not the head, and a sprain that walks is not an X-ray today: %s', (text) => {
    notEmergency(text);
  });
});

describe('round 27 families: routing', () => {
  it.each([
    ['我昨天上传的化验单好像没传上去，你们那边看得到吗'],
    ['体检报告上传失败了，怎么办'],
  ])('an upload that did not arrive is the butler’s: %s', (text) => routes(text, 'health_butler'));
});
