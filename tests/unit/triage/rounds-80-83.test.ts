import { describe, it } from 'vitest';
import { emergency, notEmergency, urgent } from './expect-triage';

/**
 * The families of rounds 80–83's first-run misses, false alarms and urgent messages answered routine
 * (tests/fixtures/triage/README.md). Sentences written for this file, not copied from the rounds.
 */
describe('held-out rounds 80–83', () => {
  it.each([
    ['我爸骑三轮摔了头 到家就一直吐 人迷迷糊糊的', 'head_injury'],
    ['我婆婆从床上跌下来 脑壳磕到柜子 现在一直打瞌睡 叫都叫不太醒', 'head_injury'],
    ['我爸刚才打电话 说话一下子就听不懂了 过了几分钟又好了', 'stroke'],
    ['外婆吃饭的时候右边脸往下耷拉了一阵，后来又好了', 'stroke'],
    ['just now at the gym my head 炸开一样痛，这辈子最痛的一次', 'headache'],
    ['老婆怀孕七个月 刚才肚子突然非常非常痛 站都站不住', 'pregnancy'],
    ['孩子发烧三十八度二，才满一个月', 'child_fever'],
    ['我外公突然不认人了，一个小时前还好好的', 'unconscious'],
    ['我妈刚才吐了一大口暗红的东西，人站不住了', 'bleeding'],
    ['儿子发了条说这个世界没什么值得留恋的，电话也不接了', 'suicide'],
  ])('an emergency: %s', (text, flag) => emergency(text, flag));

  it.each([
    ['听同学说他爸喝了酒就脑梗了，喝酒真有这么危险吗'],
    ['我婆婆上个月中风住院，现在出了院了，想问问理赔要准备什么'],
    ['骑自行车摔了一下，膝盖破了点皮'],
    ['防溺水安全课还有名额吗'],
    ['煤气中毒算意外还是疾病？'],
    ['哈哈我老公说他打牌输了心脏骤停了😂'],
    ['我奶奶中风是2018年的事了，现在能买什么保险'],
  ])('not 120: %s', (text) => notEmergency(text));

  it.each([
    ['宝宝一岁八个月，发烧三十八度六，精神还可以'],
    ['我妈今年七十八了，这两天咳嗽，今天烧到三十八度'],
    ['眼睛又红又痛，昨天开始的'],
    ['小便的时候疼，还带点血丝'],
    ['空腹血糖这几天都在十三点五，吃了药也没降'],
    ['最近一个月情绪很低落，晚上睡不着，想找个医生聊聊'],
  ])('a doctor today: %s', (text) => urgent(text));
});
