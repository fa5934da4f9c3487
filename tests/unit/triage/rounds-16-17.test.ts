import { describe, expect, it } from 'vitest';
import { emergency, notEmergency, routes } from './expect-triage';
import { classify } from '../../../shared/domain/triage';
import { readAsMandarin } from '../../../shared/domain/triage/normalize';

/**
 * The families of messages that held-out rounds 16 and 17 exposed, each tested with sentences written
 * for this file (not the held-out ones), so a rule is held to its family rather than to one sentence.
 */

describe('round 16/17 families: emergencies', () => {
  it.each([
    ['我妈七十二了，说胃这块压得难受，一身冷汗，她打胰岛素好多年了', 'chest_pain'],
    ['老爷子八十了，上腹那儿堵得慌，满头是汗，有糖尿病', 'chest_pain'],
  ])('atypical ACS in an older or diabetic person: %s', (text, flag) => emergency(text, flag));

  it.each([
    ['我老伴血压一直高，刚才后背疼得像有人拿刀往下撕，一直窜到腰', 'aortic_dissection'],
    ['胸口后背疼，撕一样的，他有高血压', 'aortic_dissection'],
  ])('tearing pain told as a simile: %s', (text, flag) => emergency(text, flag));

  it.each([
    ["his nose keeps bleeding and won't stop, on apixaban", 'bleeding'],
    ['pinched her nose for 15 mins and the bleeding still wont stop', 'bleeding'],
  ])('English bleeding that will not stop: %s', (text, flag) => emergency(text, flag));

  it.each([
    ['xue tang san dian yi, chu han, mi hu', 'low_glucose'],
    ['xue2ya1 yi4bai3ba1shi2 wu3, tou2 teng2', 'blood_pressure'],
    ['ti wen san shi jiu du ba, bao bao liang ge yue', 'child_fever'],
  ])('pinyin numbers: %s', (text, flag) => emergency(text, flag));

  it.each([
    ['老豆食咗降糖药冇食嘢，依家痴痴呆呆，血糖二点九', 'low_glucose'],
    ['婆婆打完胰岛素无食饭，问佢几多岁都答唔到，血糖3.3', 'low_glucose'],
    ["grandma's sugar is 3.4, she's acting weird and cannot swallow the sweets", 'low_glucose'],
  ])('hypoglycaemia with confusion or unable to swallow: %s', (text, flag) => emergency(text, flag));

  it.each([
    ['my 3 week old son feels hot, 38.4 under the arm', 'child_fever'],
    ['our 8 week old daughter is 38.2 armpit, sleeping a lot', 'child_fever'],
  ])('an infant under three months with fever, age in English weeks: %s', (text, flag) => emergency(text, flag));

  it.each([
    ['昨天在山里捡了些菌子炖汤，今天我和我老公都拉肚子', 'poisoning'],
    ['爷爷摘了野蘑菇炒来吃，现在肚子疼想吐', 'poisoning'],
  ])('wild mushrooms with symptoms: %s', (text, flag) => emergency(text, flag));
});

describe('round 16/17 families: not emergencies', () => {
  it.each([
    ['a fish bone still in the throat, breathing fine', 'fish bone stuck in my throat, no trouble breathing, just sore'],
    ['a fish bone 卡住 with speech and breath', '鱼骨头卡住了，能说话呼吸也正常，就是咽口水疼'],
    ['CO knowledge in Cantonese', '請問煤氣中毒有咩徵狀？想提醒屋企人'],
    ['hyperbole about a bot', '客服气得我心梗都要犯了，问三次都不回'],
    ['hyperbole about a stroke', '这个小程序气到我要中风，登录了半天'],
    ['the robot answers beside the point', '機器人成日答非所問，我要轉人工'],
    ['a claim for a past admission', 'submit a claim for last month, diagnosis was chest pain, what forms do i need'],
    ['a resolved vaccine fever in an infant', '女儿一个半月，前几天打疫苗后烧到38度，第二天就退了，现在好好的'],
    ['a low fall with a height', '宝宝九个月从床上滚下来，大概四十公分高，哭了一下就好了'],
  ])('%s', (_family, text) => notEmergency(text));

  it('a low fall told with a height is still a doctor today', () => {
    expect(classify('孩子从沙发上摔下来，大概半米高，现在玩得挺好').disposition).toBe('urgent');
  });
});

describe('round 16/17 families: routing', () => {
  it.each([
    ['wo de baoxian bao bu bao tangniaobing? wo xuetang pianggao', 'insurance_consultant'],
    ['Is physiotherapy covered under my policy?', 'insurance_consultant'],
    ['靶向药属于特药吗，可以直付不', 'insurance_consultant'],
    ['我爸七十了，有冠心病，现在还能给他买什么保险', 'insurance_consultant'],
    ['宝宝七个月，辅食可以加鸡蛋了吗', 'family_doctor'],
    ['女儿五岁半，身高一百零二，是不是偏矮', 'family_doctor'],
    ['孩子手上湿诊反复，用什么药膏', 'family_doctor'],
    ['最近总是半夜醒，醒了就睡不着，怎么调', 'family_doctor'],
    ['我爸心衰在吃利尿药，能不能吃西瓜', 'family_doctor'],
    ['BE FAST 口诀里的E指什么', 'family_doctor'],
    ['你们那边今天多少度？我们这三十八度，热死了', 'health_butler'],
  ])('%s → %s', (text, role) => routes(text, role));
});

describe('pinyin numbers', () => {
  it('reads spoken numbers, checked by tone and form', () => {
    expect(readAsMandarin('xue2tang2 er4shi2 dian3 yi1')).toContain('二十点一');
    expect(readAsMandarin('xueya yibai qishi')).toContain('一百七十');
    expect(readAsMandarin('wo ba ba')).not.toMatch(/八/);
    expect(readAsMandarin('he le baijiu')).not.toMatch(/百/);
    expect(readAsMandarin('wo ba qi shi wu sui')).toContain('七十五');
  });
});
