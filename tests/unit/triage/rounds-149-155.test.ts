import { describe, it } from 'vitest';
import { emergency, notEmergency, urgent } from './expect-triage';

/**
 * The families of rounds 149–155's first-run misses, false alarms and urgent messages answered routine
 * (tests/fixtures/triage/README.md). Sentences written for this file, not copied from the rounds.
 */
describe('held-out rounds 149–155', () => {
  it.each([
    // A bare measured decimal with the signs of a low is a glucose, no glucose word needed.
    ['刚测了下2.6 心慌 冒冷汗', 'low_glucose'],
    // A new topic after a pause (另外, 顺便) is not coloured by the policy or paperwork question before it.
    ['理赔要交哪些资料，顺便说下我爸刚才胸口很痛，一直出汗，快二十分钟了', 'chest_pain'],
    ['保费扣了吗 另外我妈血压刚量了205/118', 'blood_pressure'],
    // The relative on a video call, named before it.
    ['我爸刚刚视频，说话大舌头，嘴巴往一边歪', 'stroke'],
    ['我去看我奶奶，喊她她光哼哼不应，眼也不睁', 'unconscious'],
    // "left side" and minutes typed as "15min".
    ['right side突然麻了 胳膊抬不起来 10min前开始的', 'stroke'],
    // A baby's age in days or months beside a bare temperature.
    ['宝宝50天 38.3', 'child_fever'],
    ['新生儿二十天 38.6 怎么办', 'child_fever'],
    // Pinyin of a restless pain and a heavy sweat.
    ['wo ma xiong kou teng le er shi fen zhong, chu le hen duo han, zuo ye bu shi tang ye bu shi', 'chest_pain'],
    ['闺女抽上了 一阵一阵的 中间不醒', 'seizure'],
    ['我爸拉的大便跟柏油一样黑，头昏，刚才差点摔倒', 'bleeding'],
    ['保单受益人帮我改一下吧 我想把后面的事都安排好 绳子买好了', 'suicide'],
    ['我妈刚才突然看啥都重影，走道直往一边歪', 'stroke'],
    ['积分不用给我换了，反正也用不上了，月底之前我会把一切都安排好，谢谢你们一直照顾我', 'suicide'],
    ['宝宝七个月 吃蛋黄后脸肿了 喘气有声音', 'anaphylaxis'],
    ['刚吃了 cefalexin，嗓子好 tight，嘴唇也肿了', 'anaphylaxis'],
    // A plea beside someone gone down stays a plea, whatever account question comes with it.
    ['救命 我妈晕过去了 小程序登不上', 'urgent_help'],
  ])('an emergency: %s', (text, flag) => emergency(text, flag));

  it.each([
    ['我姑妈之前心肌梗塞，现在能买什么保险'],
    ['我爷爷前几年那个脑出血以后就是现在能喝点红酒吗'],
    ['我外公以前遭过脑溢血 现在恢复得可以 上门体检怎么约'],
    ['哈哈 我看了这个月的账单要中风了'],
    ['最近天天加班加到吐血，有啥护肝的'],
    ['累得我想死 搬了一天家 哈哈'],
    ['救命，体检报告上好多箭头看不懂'],
    ['那部讲心梗的电影你看过吗'],
    ['心绞痛发作的时候硝酸甘油怎么含？家里备着'],
    ['我爸走了，这几天在办后事，保险金怎么领'],
    ['他烟又抽上了，怎么劝'],
    ['搬家之前把一切都处理好了，谢谢你们一直照顾我妈'],
    ['最近复习复习到想死，有什么护眼的办法'],
    ['在电视里看到有人煤气中毒，家里要装报警器吗'],
    ['快来人帮我看看积分咋兑换'],
    ['孕30周，胎动好像比昨天少了点，但还有'],
  ])('not 120: %s', (text) => notEmergency(text));

  it.each([
    ['眼睛进铁屑了，磨得疼'],
    ['咳嗽一礼拜 今天发烧38.7 爬楼有点喘'],
    ['娃今天吐了四五回，还在拉肚子'],
    ['我妈吃东西越来越难咽，今天连粥都咽不下了'],
    ['最近两个多月心情很低落，晚上睡不着，什么都提不起劲'],
    ['宝宝八个月，从床上掉下来了，脑门上鼓了个包，现在在玩'],
    ['hurt my knee playing basketball, it is swollen and I cannot put weight on it'],
    ['这两天尿尿的时候疼，今天腰也疼，还一阵阵发冷'],
    ['今天早上咳出来的痰头有血丝丝'],
  ])('a doctor today: %s', (text) => urgent(text));
});
