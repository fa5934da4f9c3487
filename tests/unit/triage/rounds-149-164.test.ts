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

/**
 * Rounds 156–158 and the thirty-third review (of this session's changes): their misses, the regressions the review found
 * (past prefixes before a recurrence or minutes ago, 家里备着 in a real emergency, television named beside a live event,
 * an app question beside a real plea, a smoking word beside a fit) and their false alarms.
 */
describe('held-out rounds 156–158 and review 33', () => {
  it.each([
    ['昨天问了下理赔的事。结果刚才开会时突然头像要炸开一样疼，从来没这么疼过，吐了一次。同事让我先问问你们', 'headache'],
    ['宝宝才四十天 量了腋下三十八度一 吃奶没以前有劲', 'child_fever'],
    ['宝宝满月了 38.4', 'child_fever'],
    ['保单的事你们看了吗 还有我妈刚刚在厨房摔倒了叫她不答应', 'unconscious'],
    ['wo3 ma1 shuai1dao3 le, tou2 liu2 xue4 le', 'head_injury'],
    ['我奶奶在田里晒遭了，浑身烫得很，汗都不出了，说胡话', 'trauma'],
    ['宝宝呼吸好块，肋骨下面一吸一吸地凹进去', 'breathing'],
    ['测了下 LO 手抖 一身汗', 'low_glucose'],
    ['他抽烟的时候突然抽搐了，口吐白沫', 'seizure'],
    ['老爷子点着烟突然抽起来了，手脚一直抖', 'seizure'],
    ['我爸之前那个脑梗又犯了，说话不清楚', 'stroke'],
    ['半小时之前心梗发作了，现在还疼', 'chest_pain'],
    ['家里备着救心丸，我爸胸口疼含了三粒也不行，满头大汗', 'chest_pain'],
    ['药放在电视上面，孙子把一整瓶降压药吃了', 'poisoning'],
    ['积分咋兑换 我老婆出事了 躺地上不动', 'urgent_help'],
    ['35周，胎动几乎没有了', 'pregnancy'],
    ['月底之前我会把一切都处理好 以后不用给我打电话', 'suicide'],
    ['三年前做过支架，后来好了，胸口压着疼，一身冷汗', 'chest_pain'],
    ['血压210/120，重新量了一下130/85，又量了一次205/118', 'blood_pressure'],
  ])('an emergency: %s', (text, flag) => emergency(text, flag));

  it.each([
    ['小孩两岁时抽过一次热性惊厥，现在六岁了，影响买保险吗'],
    ['我老公说他看到工资条就心梗了哈哈哈'],
    ['三年前我吐过一次血，胃溃疡，在医院输了血，后来做了胃镜治好了，现在想买医疗险'],
    ['我外婆以前说，她年轻时候煤气中毒过一次，一家人都晕了，幸亏邻居发现得早'],
    ['有没有一氧化碳报警器可以用积分兑换'],
    ['我在写小说，里面有个角色吃了一整瓶安眠药，洗胃是什么流程'],
    ['我们楼上上周有个阿姨突然倒地，说是心梗，120来了，最后还是没救过来，我爸要不要查查心脏'],
    ['Does my plan pay for rehab after a stroke?'],
    ['刚才血压计显示195，原来是袖带没绑好，重新量是126/78'],
  ])('not 120: %s', (text) => notEmergency(text));
});

/**
 * Rounds 159–161 and the thirty-fourth review (of the old-story frame and the rest of the second batch): an attack told
 * after an old story or with a bare 后来/最后 is now, a death feared is no death told, 先问问 is a lesson only beside a what-if.
 */
describe('held-out rounds 159–161 and review 34', () => {
  it.each([
    ['体检报告传好了。另外我妈从中午开始就一直昏睡，喊她只哼一声', 'unconscious'],
    ['骑车被car撞了，腿上流好多血，站不起来', 'trauma'],
    ['吃了别人给的草药，手脚发麻，出气都不匀净了', 'breathing'],
    ['老爷子说心窝子顶得慌，一脑门子汗，脸煞白', 'chest_pain'],
    ['我妈刚才吃饭手里筷子掉了，然后说话就说不清楚了', 'stroke'],
    ['怀孕三十四周，肚子一阵一阵的那个特别疼，下面出血了', 'pregnancy'],
    ['我爷爷把草甘膦当水喝了一口', 'poisoning'],
    ['手上沾了通下水道的药水，皮都皱了', 'burns'],
    ['preg 9周，bleeding很多，肚子很痛', 'pregnancy'],
    ['去年做了支架，出院后一直挺好，昨天晚上胸口像石头压着，后来出了一身冷汗', 'chest_pain'],
    ['我老公小时候就有哮喘，喘了一个下午，喷雾用了都没用，最后说话一句一句的', 'breathing'],
    ['我爸心梗了，快叫120，我怕最后还是没救过来', 'chest_pain'],
    ['先问问你们，我妈胸口疼了一个小时，出冷汗', 'chest_pain'],
    ['我已经决定了，我会把一切安排好，不会再给你们添麻烦', 'suicide'],
  ])('an emergency: %s', (text, flag) => emergency(text, flag));

  it.each([
    ['请问在哪里可以看到我的积分'],
    ['我同事说他看到工资条就心肌梗塞了😂'],
    ['我老公说我做的菜难吃到他想自杀哈哈哈'],
    ['这个月房贷压力大到窒息'],
    ['救命，这道奥数题怎么做啊'],
    ['报告写着腔隙性脑梗死，医生说没大事'],
    ['我在考护士资格证，过敏性休克抢救用多少肾上腺素'],
    ['看小品里那老头装晕倒，笑死我了'],
    ['俺家那口子前两年脑出血抢救回来了，现在能下地溜达了，有康复补贴吗'],
    ['我大姨去年冬天在澡堂子晕过一回，后来查是低血糖，现在兜里天天揣着糖'],
    ['血压量到180/110是不是就得叫救护车了？先问问'],
  ])('not 120: %s', (text) => notEmergency(text));

  it.each([
    ['宝宝八个月，拉肚子两天了，今天尿不湿一上午都没怎么湿'],
    ['我妈这几天咽东西咽不下去，今天开始喝水也呛'],
    ['wo ma zuo tui bi you tui cu hen duo, hai you dian hong'],
  ])('a doctor today: %s', (text) => urgent(text));
});

/** Rounds 162–164: their misses and false alarms, and the doctor-today messages they answered routine. */
describe('held-out rounds 162–164', () => {
  it.each([
    ['见红了 肚子好痛', 'pregnancy'],
    ['我老公揸车撞咗，条腿流好多血', 'trauma'],
  ])('an emergency: %s', (text, flag) => emergency(text, flag));

  it.each([
    ['我妈生我那会儿大出血抢救过，现在能买重疾险吗'],
    ['加班加到心肌梗塞了哈哈 开玩笑的'],
    ['气得我血压都上两百了！理赔怎么还没到账'],
    ['看电视剧哭到昏过去了，眼睛肿了敷点啥'],
  ])('not 120: %s', (text) => notEmergency(text));

  it.each([
    ['胆囊手术回家五天了，刀口往外渗水，今天发烧三十八度'],
    ['小便灼热两天了，今天腰也痛，有点发冷'],
    ['娃儿三岁，拉了一天了，拉了七八回'],
  ])('a doctor today: %s', (text) => urgent(text));
});
