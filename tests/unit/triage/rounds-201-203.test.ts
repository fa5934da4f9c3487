import { describe, it } from 'vitest';
import { emergency, notEmergency, routes, urgent } from './expect-triage';

/**
 * The families of rounds 201–203's first-run misses, false alarms and misroutes, and of the forty-second review
 * (tests/fixtures/triage/README.md). Sentences written for this file, not copied from the rounds.
 */
describe('held-out rounds 201–203 and the forty-second review', () => {
  it.each([
    // North-eastern 俩月 is two months: a baby's fever.
    ['孙女俩月大 烧到三十八度二', 'child_fever'],
    // The reliever used three times to no effect.
    ['有哮喘 喷了四五下沙丁胺醇都不管用 越来越喘', 'breathing'],
    // A fit of minutes with froth, a body part named beside it.
    ['闺女抽了六分钟了 嘴角都是白沫', 'seizure'],
    // A child's tablets, the count before the drug.
    ['孙子把奶奶的七八片降压药吃了', 'poisoning'],
    // A first fit ever, stopped now.
    ['儿子刚刚第一次抽了两分钟 现在已经好了', 'seizure'],
    // Fewer movements, told 不咋动 or 不觉得胎动.
    ['孕37周 今天宝宝不咋动', 'pregnancy'],
    ['怀孕33周 今天一直不觉得胎动', 'pregnancy'],
    // The forty-second review: a check that found nothing before does not silence today's attack; a dementia with sudden
    // confusion unlike her usual self.
    ['胸口压着疼出冷汗 上个月查了没问题 现在又疼了', 'chest_pain'],
    ['外婆有失智症 今天下午开始胡言乱语 平时能认人的', 'unconscious'],
  ])('an emergency: %s', (text, flag) => emergency(text, flag));

  it.each([
    // A deep cut whose bleeding has stopped: stitches today, not 120.
    ['伤口很深 血止住了 要不要缝'],
    ['shang kou hen shen, xu yao qu feng ma'],
    // A socket oozing the day after a tooth came out.
    ['拔完牙第二天还有点渗血'],
    // 120 said with a laugh, and a takeaway hurried.
    ['他打游戏输了说要叫120哈哈'],
    ['外卖快些来吧 饿死了'],
    // A child asleep who grunts when called.
    ['孩子午睡 叫他就哼一声 翻个身又睡了'],
    // In a run-on, an old event dated right after its hospital stay.
    ['我妈嘴歪了说话不清楚送医院了 前年冬天 现在康复训练做得挺好'],
  ])('not an emergency: %s', (text) => notEmergency(text));

  it.each([
    // Pain that wakes at night.
    ['这两天半夜肚子疼醒'],
    // Insulin run out, or too much given.
    ['胰岛素用完了 血糖十四'],
    ['晚上胰岛素多打了6个单位'],
    // A tooth socket still oozing.
    ['拔了牙一直在渗血'],
  ])('a doctor today: %s', (text) => urgent(text));

  it.each([
    // Old knees in the cold, piles, a substitute for a drug, calcium tablets: the doctor's.
    ['天一冷老寒腿就疼 有啥办法'],
    ['痔疮又犯了怎么办'],
    ['氨氯地平买不到 有什么能替代'],
    ['钙片饭前吃还是饭后吃'],
  ])('routed to the family doctor: %s', (text) => routes(text, 'family_doctor'));

  it.each([
    // One sentence of story, then the question in its last clause: the question routes it.
    ['前天我妈头晕去社区医院看了，量了血压也正常，医生说没事，这个门诊费能报吗'],
  ])('routed to the insurance consultant: %s', (text) => routes(text, 'insurance_consultant'));
});
