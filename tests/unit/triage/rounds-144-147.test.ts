import { describe, it } from 'vitest';
import { emergency, notEmergency, urgent } from './expect-triage';

/**
 * The families of held-out rounds 144–147's first-run misses, false alarms and urgent messages answered routine
 * (tests/fixtures/triage/README.md). Sentences written for this file, not copied from the rounds.
 */
describe('rounds 144–147', () => {
  it.each([
    ['I have my sleeping pills here and I do not want to wake up again', 'suicide'],
    ['阿妈话心口好似俾人揸实咁，出晒冷汗，成个钟都未好', 'chest_pain'],
    ['My husband grabbed his head and said it was the worst pain of his life, now he is vomiting', 'headache'],
    ['我刚才一个人在家，醒过来发现倒在地上，额头在流血', 'unconscious'],
    ['我爸进卫生间快一个小时没出来，敲门一点声都没有，门反锁了', 'unconscious'],
    ['鼻子一直流🩸按了二十分钟还是止不住', 'bleeding'],
    ['被狗咬的口子血一直往外渗，按了半个小时纱布都红透了', 'bleeding'],
    ['我舅在地里打药回来，一直流口水，眼睛小得像针尖，在打哆嗦', 'poisoning'],
    ['他在车库里开着空调等我，卷帘门关着，人趴在方向盘上叫不醒', 'poisoning'],
    ['宝宝吃果冻卡了，不出声，脸都紫了', 'choking'],
    ['我想好了，明天一早去大桥往江里跳', 'suicide'],
    ['攒了四十多片安眠药，今晚一口气全吃掉', 'suicide'],
    ['这几天把事情都安排好了，药也备齐了，以后就不用再麻烦你们了', 'suicide'],
    ['自杀条款满两年是不是就赔？我已经想好了，到那天就走', 'suicide'],
    ['师傅在工地出电了，手上少黑了一块', 'burns'],
    ['Help, please, anyone!', 'urgent_help'],
  ])('an emergency: %s', (text, flag) => emergency(text, flag));

  it.each([
    ['期末又考砸了，想死的心都有了😂'],
    ['一氧化碳中毒和煤气中毒是一回事吗'],
    ['看了个纪录片讲烧炭中毒，家里要装报警器吗'],
    ['can you help, please, I cannot find the upload button'],
  ])('not 120: %s', (text) => notEmergency(text));

  it.each([
    ['高烧'],
    ['这两天大便后纸上有鲜红的血'],
    ['我爸戒酒第三天，手抖得厉害，一直出汗'],
    ['我妈眼珠子发黄，尿跟浓茶似的'],
    ['我老公老说有人在监视他'],
    ['吃了新药以后身上起了疯团'],
  ])('a doctor today: %s', (text) => urgent(text));
});

describe('rounds 148 and 149', () => {
  it.each([
    ['胸口贼拉憋得慌，后背也疼，快半个小时了，我有糖尿病', 'chest_pain'],
    ['抽了一回刚醒又抽上了，一直迷迷糊糊的', 'seizure'],
    ['切菜切得很深，毛巾按了十几分钟还在往外冒', 'bleeding'],
    ['积分怎么换？另外我现在喘得说不了几个字', 'breathing'],
  ])('an emergency: %s', (text, flag) => emergency(text, flag));

  it.each([['肚子疼了大半天，右上边，还有点发烧']])('a doctor today: %s', (text) => urgent(text));
});
