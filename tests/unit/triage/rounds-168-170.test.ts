import { describe, it } from 'vitest';
import { emergency, notEmergency, urgent } from './expect-triage';

/**
 * The families of rounds 168–170's first-run misses, false alarms and urgent messages answered routine, and of the
 * thirty-fifth review (tests/fixtures/triage/README.md). Sentences written for this file, not copied from the rounds.
 */
describe('held-out rounds 168–170 and the thirty-fifth review', () => {
  it.each([
    // The reliever puffed again and again without effect.
    ['孩子哮喘犯了，喷雾喷了四五下还是喘', 'breathing'],
    // Breathless and unable to finish a sentence.
    ['他喘得厉害，话都说不完整了', 'breathing'],
    // No wish to live, said from a river bank, the phone then off.
    ['我弟一直说活着没意思，刚才说他在河边，现在手机关机了', 'suicide'],
    // Heatstroke: a very high temperature, no sweat, barely answering.
    ['我爷爷在地里干了一下午活，体温四十度，不出汗，叫他也不太应', 'unconscious'],
    // A night asleep in the snow, cold and only groaning.
    ['我舅喝多了在雪堆里睡了一宿，身上冰凉，喊他光哼哼', 'unconscious'],
    // How many went down is unknown: a toddler at a grandparent's pill bottle.
    ['一岁多的孙子把爷爷的药瓶打开了，不知道吃了几片', 'poisoning'],
    ['宝宝嘴里含着药片，不知道咽下去多少', 'poisoning'],
    // A week's doses taken at once.
    ['我妈把一周的药盒全打开吃了，现在说头晕', 'poisoning'],
    // English: a count of tablets with their strength, a child who looks fine.
    ['my son swallowed about twelve of my 200mg ibuprofen tablets, he looks fine', 'poisoning'],
    // English: insulin given twice by mistake with sweat and confusion.
    ['I injected my mum her insulin twice by mistake and now she is sweating and confused', 'poisoning'],
    // A common drug named however it was got, then a swollen face and a tight throat.
    ['吃了同事给的一片感冒药，没多久脸就肿了，喉咙发紧', 'anaphylaxis'],
    // Pinyin 我的 before 过敏药 (not 我得过 + 敏药).
    ['hai zi tou chi le wo de guo min yao, xian zai jiao bu xing', 'poisoning'],
    // Meningitis at any age: a fever with a stiff neck, or spots that do not fade when pressed.
    ['我老公发烧两天了，今天脖子硬，低不下头', 'headache'],
    ['发烧退了，但是身上出了好多按不褪的紫点', 'headache'],
    // A death long past does not cover an attack told as happening now (the thirty-fifth review).
    ['我妈前年走了，我爸刚刚心梗了，快来人', 'chest_pain'],
    // Waiting for the ambulance is now, whatever year a run of words named first.
    ['姑姑去年走了 我妈急性心梗 在等救护车', 'chest_pain'],
    // 急急急 beside a person gone down is a plea, whatever booking is also mentioned.
    ['急急急 我爸倒在地上了 预约的体检先取消', 'unconscious'],
  ])('an emergency: %s', (text, flag) => emergency(text, flag));

  it.each([
    // A heart attack years ago, with a question about today's tablets.
    ['我爸前几年心梗放过支架 现在能不能减药'],
    // An old car accident's leg that aches in the rain.
    ['我妈前年出车祸伤了腿，现在一下雨就疼，有什么办法'],
    // A film's plot told with its own sequence words.
    ['电影里那个人吃了毒蘑菇以后倒在地上抽搐，现实中会这样吗'],
    // How many kicks are normal is a question, not fewer kicks.
    ['胎动一天多少下算正常，我现在28周'],
    // Haste about a booking.
    ['急急急 明天的体检能不能改到下周'],
    ['I cannot log in to the app after changing my number, can someone help?'],
    // A reading first misread.
    ['刚才量血压以为是190，仔细一看是119'],
    // Cut by a thing, not by oneself.
    ['干活被铁皮划了两道口子，血已经止住了，要打破伤风吗'],
    // A stab of seconds that pressing brings on.
    ['左胸口偶尔刺一下，几秒就过去，按着那块更疼'],
    // A mouth scalded by hot food.
    ['喝汤太急，舌头烫了个泡'],
    // A pet stung.
    ['我家猫被蜜蜂蛰了，鼻子肿了，能帮看看吗'],
    // Night cramps that last are cramps.
    ['老人晚上腿抽筋，抽了好久才缓过来'],
    // A stutter is not breathlessness.
    ['我儿子说话说不完整，是不是口吃'],
    // A jellyfish sting with only the skin affected is a doctor today, not 120.
    ['被水母蜇了，腿上红了一片，别的没什么不舒服'],
  ])('not an emergency: %s', (text) => notEmergency(text));

  it.each([
    // Yesterday's critical pressure brought down overnight on the tablets.
    ['昨天血压190/115，吃了药今天早上160/98，还要去医院吗'],
    // A tick still in the skin.
    ['爬山回来发现腿上有只蜱虫，拔不出来'],
    // Frostbite that blistered.
    ['在外面冻了一天，脚趾冻伤了，回暖后起了水泡'],
    // Rib pain after a fall, worse on a deep breath.
    ['昨天摔了一跤，左边肋骨疼，一深呼吸就疼'],
    // Dizzy on standing after a new blood-pressure drug.
    ['换了新的降压药以后，一站起来就晕'],
    // A missed dose of an antiepileptic.
    ['孩子昨晚漏吃了一次抗癫痫的药'],
    // A water tablet and cramps.
    ['吃了利尿的药以后，腿老抽筋，浑身没劲'],
    // Digoxin's signs at the usual dose.
    ['我妈一直吃地高辛，这几天看东西发黄，恶心不想吃饭'],
    // A day out in the heat, exhausted.
    ['在外面跑了一天外卖，现在头晕恶心没力气'],
  ])('urgent, a doctor today: %s', (text) => urgent(text));
});
