import { describe, it } from 'vitest';
import { emergency, notEmergency, urgent } from './expect-triage';

/** The families of held-out rounds 112–115's first-run misses and false alarms. Sentences written for this file. */
describe('rounds 112–115', () => {
  it.each([
    ['怀孕三十五周，刚才流了一裤子水', 'pregnancy'],
    ['孩子在塘里呛了水，现在咳得厉害，脸发白', 'trauma'],
    ['i dont think i can do this anymore, the sleeping pills are in front of me', 'suicide'],
    ['grease fire, his hands are burnt and the skin is white and leathery', 'burns'],
    ['我妈刚才突然右边眼睛看不见了，过了几分钟又好了', 'stroke'],
    ['受益人改好了吗，我实在熬不动了，药我已经买好了，天亮之前把事情都安排好', 'suicide'],
    ['老太太血糖三点二，糖放嘴里都不会嚼，眼神直直的', 'low_glucose'],
    ['他喝多了，吐了一地，推他不醒', 'unconscious'],
    ['我爸一晚上把半瓶安眠药都吃了', 'poisoning'],
    ['她八十了吃着华法林，绊了一跤，额头鼓了个包', 'head_injury'],
    ['以后不用给我打电话了，给孩子的信写好放在枕头底下了', 'suicide'],
    ['我個仔兩個月大，發燒三十八度，唔肯飲奶', 'child_fever'],
  ])('an emergency: %s', (text, flag) => emergency(text, flag));

  it.each([
    ['我老板差点把我气出脑溢血，哈哈开玩笑的'],
    ['CT说有个陈旧性腔梗，要紧吗'],
    ['他开玩笑说加班加到心梗了'],
    ['这两晚心里憋得慌，想找个医生聊聊'],
    ['The policy wording on the suicide clause is confusing'],
    ['上个月胸痛住院，查了是心绞痛，现在理赔要什么材料'],
    ['把饺子捞起来就行了吗'],
  ])('not 120: %s', (text) => notEmergency(text));

  it.each([
    ['降压药吃了一片，忘了又吃了一片'],
    ['放了支架，氯吡格雷两天没吃了'],
    ['医生打电话叫我们今天回去复诊'],
    ['失眠好久了，今晚很想哭，想找个医生聊聊'],
    ['吃着利伐沙班，今天尿是粉色的'],
    ['我妈有肾病，这几天腿肿得厉害'],
    ['痛风犯了，大脚趾红肿，穿不了鞋'],
  ])('a doctor today: %s', (text) => urgent(text));
});
