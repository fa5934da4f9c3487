import { describe, it } from 'vitest';
import { emergency, notEmergency, urgent } from './expect-triage';

/**
 * The families of rounds 84–87's first-run misses, false alarms and urgent messages answered routine
 * (tests/fixtures/triage/README.md). Sentences written for this file, not copied from the rounds.
 */
describe('held-out rounds 84–87', () => {
  it.each([
    ['转发我老公的话：“闺女才五周大，烧到三十八度二，不肯吃奶”', 'child_fever'],
    ['楼下王师傅碰到高压电了，手上焦黑一块', 'trauma'],
    ['孩子吃瓜子呛着了，咳不出来，脸都紫了', 'choking'],
    ['血氧八十八，走两步就喘', 'breathing'],
    ['我妈坐着不动也喘，嘴唇有点乌', 'breathing'],
    ['我爸心口堵得慌快一个钟了，吃了救心丸还那样，一身汗', 'chest_pain'],
    ['老婆说话说着说着就说不出来了，想说的词说不出', 'stroke'],
    ['摔头了一直吐', 'head_injury'],
    ['鼻子流血压了二十多分钟还在滴，他吃华法林', 'bleeding'],
    ['外婆抽了好一阵了，快十分钟了还没停', 'seizure'],
    ['宝宝七周，呼吸很快，鼻翼一扇一扇的', 'breathing'],
    ['my dad cannot lie flat, has to sit up to breathe, lips a bit blue', 'breathing'],
    ['34 weeks pregnant and baby hardly moves since last night', 'pregnancy'],
  ])('an emergency: %s', (text, flag) => emergency(text, flag));

  it.each([
    ['听同事说隔壁老李前天心梗住院了，我们平时要注意什么'],
    ['听我朋友说她表哥吃了野蘑菇就中毒了，野生菌能买吗'],
    ['I want to claim for my stay in hospital last month for a stroke, which forms?'],
    ['孩子眼睛红肿，早上起来好多黄黄的眼屎'],
    ['老板气人，我血压估计两百了哈哈'],
  ])('not 120: %s', (text) => notEmergency(text));

  it.each([
    ['孩子耳朵流脓了'],
    ['宝宝一岁，两天不肯喝水，尿很少'],
    ['我爸小腿红肿，摸着好热'],
    ['痛风又犯了，脚趾肿得鞋都穿不上'],
    ['儿子胳膊被开水溅到，硬币大小，起了水泡'],
    ['fever 38.6 since 3 days and a sore throat'],
    ['血氧92，有点喘'],
  ])('a doctor today: %s', (text) => urgent(text));
});
