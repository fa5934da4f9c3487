import { describe, it } from 'vitest';
import { emergency, notEmergency, urgent } from './expect-triage';

/** The families of held-out rounds 116–119's first-run misses and false alarms. Sentences written for this file. */
describe('rounds 116–119', () => {
  it.each([
    // A burden or a farewell said beside a high place.
    ['大家没有我会更好，窗户已经打开了，这里是二十楼', 'suicide'],
    ['我在江边，不想回家了，对不起', 'suicide'],
    ['老公走咗之后我顶唔顺，今晚食晒啲安眠药就可以去搵佢', 'suicide'],
    ['药我买好了，你们以后别打电话了', 'suicide'],
    ['改完受益人我就安心了，过了今晚我也用不上了', 'suicide'],
    ['煤气开着，门窗都关好了，想最后跟人说说话', 'suicide'],
    ['his daughter took a whole strip of sleeping pills an hour ago', 'poisoning'],
    ['婆婆冲凉房冇窗，热水炉漏气，佢而家头晕到企唔稳', 'poisoning'],
    ['孩子把洗碗块咬了一口，嘴里起泡一直流口水', 'poisoning'],
    ['宝宝把一整瓶退烧糖浆喝光了', 'poisoning'],
    ['他喝了农药，百草枯还是啥，瓶子在旁边', 'poisoning'],
    ['my dad has epilepsy and he has been seizing for 8 minutes', 'seizure'],
    ['我妈突然说头像被人打了一棒，然后就吐了', 'headache'],
    ['woyebanbianshentimeijinrzoubuliaolu', 'stroke'],
  ])('an emergency: %s', (text, flag) => emergency(text, flag));

  it.each([
    ['切菜割了手指，按了几分钟不流了'],
    ['我决定好了，下个月去桥上拍婚纱照'],
    ['听说邻居家孩子喝了消毒液，我家的消毒液该放哪'],
    ['刚才那个救命是孙子乱按的，没事'],
    ['扛米闪了腰，右腿发麻'],
  ])('not 120: %s', (text) => notEmergency(text));

  it.each([
    ['鱼钩扎进手指，倒钩拔不出来'],
    ['想今天就看医生，最近恐慌发作好几次'],
    ['电焊晃了眼睛，今天疼得睁不开'],
    ['做完肠镜回来肚子胀痛'],
    ['吃舍曲林第一周，手抖出汗，坐不住'],
    ['我妈七十多了，最近老说有人要害她'],
    ['脚肿了，按下去一个坑'],
    ['宝宝十个月，发烧38.5'],
  ])('a doctor today: %s', (text) => urgent(text));
});
