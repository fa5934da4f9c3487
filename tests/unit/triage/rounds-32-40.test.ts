import { describe, expect, it } from 'vitest';
import { classify } from '../../../shared/domain/triage';
import { normalizeText } from '../../../shared/domain/triage/normalize';
import { emergency, notEmergency, routes, urgent } from './expect-triage';

/**
 * The families of messages that held-out rounds 32 to 40 exposed, each tested with sentences written
 * for this file (not the held-out ones), so a rule is held to its family rather than to one sentence.
 */
describe('round 32 families', () => {
  it.each([
    ['下午开会的时候晕过去了一下，同事说就十几秒，醒来之后人都正常，也没磕着，我30岁，今天要去医院吗'],
    ['我女儿早上抽血的时候晕过去了，醒来以后一切正常，需要去看吗'],
  ])('one faint, no injury, awake and normal after (醒来…都正常): a doctor today, not 120: %s', (text) => urgent(text));

  it.each([
    ['我妈晕过去了，醒来以后还是不正常，说话含糊', 'stroke'],
    ['老公刚才晕倒了，醒来后还是迷迷糊糊的叫不太醒', 'unconscious'],
  ])('awake but not back to normal is still an emergency: %s', (text, flag) => emergency(text, flag));

  it.each([
    ['Glucose 3.3 this morning, I was sweating, had a glass of juice and 20 minutes later it was 6.1, feeling fine. Is this a problem?'],
    ["My dad's blood sugar was 3.6 after his walk, shaky, ate some candy, and now 5.4, he is ok"],
  ])('a low glucose back in range after sugar, told in English (later / now 5.4): a doctor today: %s', (text) => urgent(text));

  it('a low glucose still low after sugar is an emergency', () =>
    emergency('Blood sugar 3.2, shaky, had juice and 15 minutes later it is still 3.0', 'low_glucose'));

  it.each([
    ['孩子发烧38度5，今天去医院抽血化验了，白细胞有点高，医生开了药'],
    ['我爸糖尿病，早上抽血查了糖化，医生说控制得还行'],
  ])('a blood draw (抽血) is not a convulsion (抽): %s', (text) => notEmergency(text));

  it('a convulsion is still one beside a blood draw', () => emergency('宝宝发烧39度，刚才全身抽了一下，眼睛上翻，昨天刚抽过血', 'seizure'));

  it.each([
    ['我奶奶一直吃化法林，最近刷牙老出血，胳膊上好几块青紫，今天要去医院吗'],
    ['我爸吃华发林好几年了，这两天鼻子出血止得慢'],
  ])('bleeding on warfarin typed with the wrong first character (化法林): a doctor today: %s', (text) => urgent(text));

  it.each([['我爸有冠心病，这几天两条腿都肿了，按下去一个坑，晚上还能躺平'], ['她心脏不好，这周脚肿得鞋都穿不进去了']])(
    'new leg swelling in a heart patient named plainly (心脏病, 冠心病): a doctor today: %s',
    (text) => urgent(text),
  );
});

describe('round 33 families', () => {
  it.each([
    ['I just video-called my dad, his mouth is twisted to one side and he cannot raise his right arm', 'stroke'],
    ['We were on FaceTime and my grandma suddenly could not speak properly, her face looks droopy', 'stroke'],
  ])('a video call tells what is happening now, unlike a video someone watched: %s', (text, flag) => emergency(text, flag));

  it.each([
    ['36 weeks pregnant, a gush of warm fluid just came out when I got out of bed', 'pregnancy'],
    ['我怀孕33周，下午开始宝宝基本没怎么动，吃了东西也没动', 'pregnancy'],
    ['孕35周了，今天一整天孩子都没怎么踢，有点担心', 'pregnancy'],
  ])('waters breaking told in English, a baby that has hardly moved (没怎么动): %s', (text, flag) => emergency(text, flag));

  it.each([
    ['我妈做完髋关节手术两周了，这两天左腿比右腿粗了一圈，按着疼'],
    ['奶奶七十多了，昨天在卫生间滑了一跤，一走就疼，能站起来'],
    ['I rolled my ankle on the stairs an hour ago, it is swollen and I cannot bear weight on it'],
    ['我爸肺癌在化疗，今天下午体温38.2度'],
    ['My mother is on chemo and has had a fever since this afternoon'],
  ])('a doctor today: a leg thicker after surgery, an elderly fall that hurts to walk, an ankle that bears no weight, a fever on chemotherapy: %s', (text) =>
    urgent(text),
  );

  it.each([['化疗结束半年了，复查都正常，想问问能不能买重疾险'], ['Do you know a good hospital for chemo? My aunt will start next month']])(
    'chemotherapy without a fever is no urgent case: %s',
    (text) => notEmergency(text),
  );
});

describe('round 34 families', () => {
  it.each([
    ['wo zhen de chen bu xia qu le, yao dou zun bei hao le, dui bu qi da jia', 'suicide'],
    ['wo zhen de chen bu zhu le, bu xiang huo le', 'suicide'],
  ])('pinyin typed with a fuzzy IME (zun for zhun, chen for cheng) is still read: %s', (text, flag) => emergency(text, flag));

  it('a fuzzy reading never adds a letter the member did not type (jiu chi stays 就吃, not 九次)', () =>
    expect(normalizeText('jin wan jiu chi')).not.toContain('九次'));

  it.each([
    ['我家老三刚满六周，今天烧到38.2，吃奶少了', 'child_fever'],
    ['二宝才满五十天，下午量体温38.1', 'child_fever'],
  ])('a baby’s age after 刚满 / 才满 is an age: %s', (text, flag) => emergency(text, flag));

  it.each([
    ['这几天空腹血糖都是十三点几，口特别干，晚上起夜好几次'],
    ['fasting sugar was 13.4 this morning, very thirsty and peeing a lot'],
    ['我儿子五岁，左边只耳好痛，发烧三十八度'],
    ['My mum is 80, fever and cough since Friday, more sleepy today'],
  ])('a doctor today: glucose 13 and a bit with thirst, one sore ear with a fever, a fever running since a weekday: %s', (text) =>
    urgent(text),
  );

  it.each([['空腹血糖13.2，医生说要控制饮食，想问问可以吃什么水果'], ['空腹血糖十三点几，吃了药以后降到七点多了']])(
    'glucose 13 and a bit without thirst is not a doctor today on its own: %s',
    (text) => expect(classify(text).disposition).toBe('routine'),
  );
});

describe('round 35 families', () => {
  it.each([
    ['女儿从滑梯上摔下来，头先着的地，现在吐了一次，一直想睡', 'head_injury'],
    ['My 2 year old was eating popcorn and now he cannot make a sound, lips going blue', 'choking'],
  ])('a head that hit first (头先着, not the Cantonese 头先 "just now"); silent choking told in English: %s', (text, flag) =>
    emergency(text, flag),
  );

  it.each([
    ['吃鱼的时候鱼刺卡了，卡在喉咙里，吞口水疼，说话呼吸都正常'],
    ['烫到手臂了，差不多一个巴掌那么大，起了两个水泡'],
    ['Fainted in the queue this morning, out for a few seconds, felt completely normal within a minute, first time'],
  ])('a doctor today, not 120: a fish bone with air getting through, one palm on an adult arm, a single faint that came round: %s', (text) =>
    urgent(text),
  );

  it.each([['救命😭 我的积分怎么清零了，上个月还有两千多'], ['我爸前年脑梗了，现在右手还是有点没劲，康复训练怎么做'], ['我妈吃华法林，INR要多久查一次？']])(
    'no emergency and no doctor today: points gone (救命 as a sigh), what an old stroke left, how often to test the INR: %s',
    (text) => expect(classify(text).disposition).toBe('routine'),
  );

  it('a burn of several palms on an adult is still an emergency', () => emergency('开水烫到后背了，差不多三个巴掌那么大，起了好多水泡', 'burns'));
});

describe('round 36 families', () => {
  it.each([
    ['我妈早上说话突然不清楚，嘴歪过了一会儿又好了，现在没事了', 'stroke'],
    ['我爸中午右手拿不住碗，脸歪过了几分钟就恢复了', 'stroke'],
  ])('a stroke sign that passed "after a while" (歪过了一会儿) happened today: a TIA: %s', (text, flag) => emergency(text, flag));

  it('a fall told by its height (三楼那么高) is a fall from a height', () =>
    emergency('我哥在工地上摔下来了，差不多三楼那么高，现在说腿没知觉', 'trauma'));

  it.each([['上次那个中风讲做的视屏还能看吗'], ['心梗急救的视屏发我一下']])('a lecture or video typed 讲做 / 视屏 is talk about an emergency: %s', (text) =>
    notEmergency(text),
  );

  it('a past stroke is still past (中风过)', () => expect(classify('我爸前年中风过，现在恢复得不错，想问问能不能打太极').emergency).toBe(false));
});

describe('round 37 families', () => {
  it.each([
    ["I've been down for a month and can't sleep. I'm not planning to hurt myself, I just want to talk to someone"],
    ['Cut my finger on a broken glass, quite deep, but the bleeding stopped after pressing for a few minutes. Stitches?'],
    ['我老公癫痫好几年了，刚才又发了一回，抽了一分钟就停了，现在醒了，说头痛想睡'],
  ])('not 120: a stated absence of intent, a cut whose bleeding has stopped, the aftermath of a known epileptic’s short fit: %s', (text) =>
    notEmergency(text),
  );

  it.each([
    ["I don't want to live anymore", 'suicide'],
    ["I'm not going to hurt anyone, I've saved up my pills and tonight is the night", 'suicide'],
    ['活着太累了，药我都准备好了', 'suicide'],
    ['钱都留给孩子了，东西也安排好了，以后不会再麻烦任何人了', 'suicide'],
  ])('a wish not to live, pills saved up, means ready with a wish not to be or not to burden anyone: %s', (text, flag) =>
    emergency(text, flag),
  );

  it.each([['体检都安排好了，谢谢'], ['我把降压药都准备好了，明天出门旅游'], ['后天出院，药都准备好了，要注意什么']])(
    'everyday words once read as a suicide plan (安排好了, 药都准备好了) alone are not one: %s',
    (text) => notEmergency(text),
  );
});

describe('round 38 families (everyday traffic)', () => {
  it.each([
    ['孩子四岁，发少三天了，最高38度9，能吃能玩'],
    ['早上血糖3.5，出了点汗，喝了一杯糖水，现在6.1了，人很清醒'],
    ['he le yi bei tang shui, xian zai hao duo le'],
    ['烧开水的时候烫到小腿，半个手掌大，起了水泡，水泡已经破了'],
  ])('not 120: a fever told by days after an age in years, a low put right with sugared water (pinyin too), a blister that burst: %s', (text) =>
    notEmergency(text),
  );

  it('a baby under three months told as 宝宝…两个月了 is still an age', () => emergency('宝宝两个月了，今天发烧38.2', 'child_fever'));

  it.each([['我有哮喘，今天喷了四次万托林了，还是有点喘'], ['大脚趾头肿起来了，红彤彤的，疼得不敢走路'], ['干活的时候眼睛里进了铁屑，现在又红又疼']])(
    'a doctor today: the reliever again and again, a gout flare told plainly, metal in the eye: %s',
    (text) => urgent(text),
  );

  it.each([
    ['药快吃完了，怎么续方寄到家里', 'health_butler'],
    ['健檢可以改期嗎', 'rights_consultant'],
  ])('routing: a refill before the medicine runs out is a service request, a check-up rescheduled is a right: %s', (text, role) => routes(text, role));

  it('medicine that has run out is still a doctor today', () => urgent('降压药吃完了三天了，今天头有点晕'));
});

describe('dehydration in the very old (open from rounds 36 and 38)', () => {
  it.each([['奶奶八十五了，这两天不肯吃东西，水也不喝，人是清醒的'], ['我爸83岁，拉了两天肚子，一天七八次，嘴唇干得起皮']])(
    'an elderly person eating and drinking far less, or with loose stools and dry lips: a doctor today: %s',
    (text) => urgent(text),
  );
  it.each([['我爸85了，最近胃口不好，想问问吃什么补品'], ['孩子不肯吃饭怎么办']])('a poor appetite asked about is not: %s', (text) =>
    expect(classify(text).disposition).toBe('routine'),
  );
});

describe('round 39 families', () => {
  it.each([
    ['我爸刚才突然走路东倒西歪的，像喝醉了一样，可他没喝酒', 'stroke'],
    ['老伴中午突然站起来就得扶着墙才能走，头晕', 'stroke'],
    ['孩子三岁，把一颗纽扣电池吞下去了，现在还好好的', 'poisoning'],
    ['遥控器里的纽扣电池不见了，一岁半的宝宝刚才一直在玩', 'poisoning'],
    ['我叔从房檐上摔下来了，两米来高，腿动不了', 'trauma'],
  ])('walking like a drunk that came on suddenly, a button battery swallowed or missing beside a small child, a fall told by metres: %s', (text, flag) =>
    emergency(text, flag),
  );

  it.each([['昨晚喝多了，今天突然走路还东倒西歪的'], ['纽扣电池怎么回收'], ['流鼻血了，压了几分钟就停了']])(
    'not 120: a real drunk, a battery question, a nosebleed that stopped with pressure: %s',
    (text) => notEmergency(text),
  );
});

describe('round 40 families', () => {
  it('a meter set to kPa: 25/15 kPa is about 188/113 mmHg', () => emergency('我妈的血压计是kPa的，刚量25/15，头很痛', 'blood_pressure'));
  it('a normal kPa reading stays normal', () => expect(classify('血压计是kPa的，量了16.0/10.7，正常吗').disposition).toBe('routine'));
  it.each([
    ['右眼又红又痛，怕光，看东西有点蒙'],
    ['两岁的孩子拉肚子三天了，尿不湿一上午都是干的'],
    ['腰一阵一阵绞着疼，出冷汗，以前有结石'],
  ])('a doctor today: a painful red eye with blurring, a toddler drying out, renal colic: %s', (text) => urgent(text));
});

/**
 * Emergencies an independent review of this session's changes wrote to break them (and that did break
 * them before the fixes): each is a sentence the reviewer verified against the classifier.
 */
describe('the session review: emergencies the round fixes must not cost', () => {
  it.each([
    ['安眠药都准备好了，今晚就全吃了', 'suicide'],
    ['什么都安排好了，今晚就解脱', 'suicide'],
    ['我都安排好了，你们不用担心我了', 'suicide'],
    ['我爸突然头痛，吐了两次，脖子发硬，是不是偏头痛又发作了', 'headache'],
    ['bao bao san zhou, fa shao san shi ba du', 'child_fever'],
    ['我今年28岁，孩子出生刚两个月，发烧38.6', 'child_fever'],
    ['奶奶70岁了，孙子生下来50天，今天发烧38.3', 'child_fever'],
    ['刚才跟爷爷视屏，他一直说胸口痛，满头大汗', 'chest_pain'],
    ['我爸跟我讲做完饭就胸口痛得厉害，出了一身冷汗', 'chest_pain'],
    ['我妈前年中风，这会儿说话含糊不清', 'stroke'],
    ['我爸前年脑梗，今天嘴巴往一边歪', 'stroke'],
    ['我儿子发烧抽了满嘴血沫子', 'child_fever'],
    ['宝宝吃鱼丸卡在喉咙，脸都青了，之前被鱼刺卡过', 'choking'],
    ['我爸吃排骨，一块骨头卡住了，脸都紫了', 'choking'],
    ['血糖2.9，出冷汗手抖，刚才晕过去了，醒来说话正常', 'low_glucose'],
    ['孕妇晕倒了，醒来都正常，但是下面一直出血', 'pregnancy'],
    ['我老公被开水烫到后背，有10个巴掌那么大，起了水泡', 'burns'],
    ['Cut his forearm on glass, the bleeding stopped for a bit but started again and now it wont stop after 15 minutes of pressure', 'bleeding'],
    ["I'm not planning to hurt myself, I have already taken all the pills", 'suicide'],
    ['he swallowed all his sleeping pills', 'suicide'],
    ['我爸嘴往一边歪过了三分钟又好了', 'stroke'],
    ['我家两个孩子，姐姐6岁，弟弟40天，弟弟今天发烧38.4', 'child_fever'],
    ['我老婆怀孕7个月，有癫痫，刚才发作了一次', 'seizure'],
  ])('%s', (text, flag) => emergency(text, flag));

  it.each([['我们屋头老汉儿前年中风了，现在左手还是没得力，平时帮他按摩有没得用'], ['我奶奶86岁，吃着阿司匹林，早上流了一次鼻血按了五分钟就止住了，下午又流了一次，也是压一会就好']])(
    'what an old stroke left, a nosebleed that stopped twice: not 120: %s',
    (text) => notEmergency(text),
  );
});

describe('round 41 families (rarer kinds)', () => {
  it.each([
    ['吃了螃蟹以后嘴唇肿起来了，嗓子发紧', 'anaphylaxis'],
    ['心跳得好快，手机测的170多，刚才眼前一黑就倒了', 'unconscious'],
    ['一个人在家，摸了一下脉搏一分钟才35下，以前没有这么慢的', 'arrhythmia'],
    ['数了脉搏，15秒有40下，头晕眼前发黑', 'arrhythmia'],
  ])('a common food allergen named plainly, a faint with a racing heart, a slow pulse "never this slow before", a pulse counted over seconds: %s', (text, flag) =>
    emergency(text, flag),
  );

  it.each([
    ['30秒数了55下，有点心慌，不头晕也不胸痛'],
    ['心率一直在105左右，没觉得心慌胸闷'],
    ['儿子三岁，手背被热水烫了一下，起了个硬币大的水泡'],
  ])('a doctor today at most: a dull headache building for days, a fast pulse without other signs, a coin-sized blister: %s', (text) =>
    notEmergency(text),
  );

  it.each([['雷击样头痛和偏头痛有什么区别']])('knowledge questions about rare kinds: %s', (text) =>
    expect(classify(text).disposition).toBe('routine'),
  );

  // The second review: a dull pain (疼的就闷闷的) and a home-remedy question (是真的还是假的) once cancelled these.
  it.each([
    ['我妈说心里疼的就闷闷的，出了一身冷汗，半个小时了', 'chest_pain'],
    ['我妈胸口痛了半小时，出冷汗，听说嚼阿司匹林管用，是真的还是假的', 'chest_pain'],
    ['孩子刚吞了一颗纽扣电池，听说喝蜂蜜有用是真的还是假的', 'poisoning'],
    ['他说不觉得痛嘴歪了', 'stroke'],
    ['他说没事 我问他有没有想伤害自己 他说有', 'suicide'],
    ['我问她有没有想伤害自己 她说没有 可她手腕上有新的刀痕', 'suicide'],
    ['我女儿两岁，被热汤烫到肚子，比她手掌还大，你帮我看一下怎么处理', 'burns'],
    ['老爸头晕，用手表测了30秒 心率38次每分钟', 'arrhythmia'],
  ])('still an emergency: %s', (text, flag) => emergency(text, flag));

  it('a headache told as sudden and like a thunderclap is still one', () => emergency('刚才突然雷击样头痛，这辈子没这么痛过，还吐了', 'headache'));
  it('after a plain negator, the next symptom is its own statement (不出汗糊涂了)', () =>
    emergency("grandpa was out in the sun all afternoon, burning hot, not sweating and talking nonsense", 'unconscious'));
});

describe('round 42 families (other people)', () => {
  it('a relative asked about self-harm and said no: not 120', () =>
    notEmergency('女儿最近情绪很低落，我问过她有没有想伤害自己，她说没有，能不能约个医生聊聊'));
  it.each([['我问他有没有想伤害自己，他说有'], ['我问他有没有想自杀，他不说话，一直哭']])('asked and not denied: an emergency: %s', (text) =>
    emergency(text, 'suicide'),
  );
  it.each([['Mum has a red, hot, swollen patch on her shin and it is spreading, temp 37.8'], ['爷爷大脚趾又红又肿，疼得不能碰']])(
    'a doctor today: cellulitis told in English, a gout flare: %s',
    (text) => urgent(text),
  );
});

describe('rounds 43 and 44 families', () => {
  it('a blood pressure dictated without a pause (一百五九十五) is 150/95, not 190', () =>
    expect(classify('早上量血压一百五九十五，这个算高吗').disposition).toBe('routine'));
  it.each([['血压172 98，以前都是140左右，头有点晕'], ['宝宝七个月，昨天打完疫苗开始发烧，今天早上38.6，精神还行']])(
    'a doctor today: a reading far above what it used to be, a baby under one with a fever whose unit was left out: %s',
    (text) => urgent(text),
  );
  it.each([
    ['dui4buqi3 da4jia1, yao4 yi3jing1 mai3 hao3 le, jin1wan3 jiu4 jie2shu4 le', 'suicide'],
    ['会不会是中风的前兆？她嘴有点歪，说话不清楚', 'stroke'],
  ])('pills bought and tonight with a goodbye in toned pinyin; a stroke sign beside a question about warning signs: %s', (text, flag) =>
    emergency(text, flag),
  );
  it.each([['降压药买好了，明天出发去旅游']])('not 120: %s', (text) => notEmergency(text));
});

describe('round 45 families', () => {
  // The third review: a question about warning signs once silenced the signs asked about (我爸嘴歪了是什么先兆).
  it.each([
    ['我爸胸口压着疼出冷汗是什么先兆', 'chest_pain'],
    ['我爸嘴歪了 是什么先兆', 'stroke'],
    ['我爸刚才出现中风的前兆了', 'stroke'],
    ['我爸疑似中风120到了没', 'urgent_help'],
    ['女儿2岁发烧，昨天37.4，今天身上起了红点按压不褪色', 'child_fever'],
    ['我妈血压一百七八十头晕', 'blood_pressure'],
    ['心率一百五六十', 'arrhythmia'],
    ['孩子两只手都被开水烫了起了好多硬币那么大的水泡', 'burns'],
  ])('still an emergency: %s', (text, flag) => emergency(text, flag));
  it.each([['以前都是血压180/110，现在控制得挺好'], ['我爸以前都是嘴歪，后来好了']])('a habitual past is past: %s', (text) => notEmergency(text));
  it('…but a sign happening now beside it is still an emergency', () => emergency('心梗有哪些先兆？我爸现在胸口痛得厉害出冷汗', 'chest_pain'));
  it('a fever lasting days told in English is a doctor today; "for three days" alone is no fever', () => {
    urgent('My dad (70) has had a fever of 38.4 for four days and a cough');
    expect(classify('I have had a headache for three days').disposition).toBe('routine');
  });
});

describe('round 46 families', () => {
  it('a lecture on stroke prevention called 中风120 is no call for an ambulance', () =>
    expect(classify('上次群里说的讲座是讲中风预防的，叫“中风120”，需要提前报名吗').emergency).toBe(false));
  it.each([['快打120，我爸中风了', 'stroke'], ['I had chest pain back in the car an hour ago and it is still there', 'chest_pain']])(
    'still emergencies: %s',
    (text, flag) => emergency(text, flag),
  );
  it.each([['拉肚子拉了十来次，都是水样的，口渴头晕'], ['哮喘这两天有点犯，今天万托林已经用了四次，用了能缓解，说话正常']])(
    'a doctor today: watery diarrhoea ten-odd times with thirst and dizziness, the reliever four times today: %s',
    (text) => urgent(text),
  );
});

describe('round 47 families', () => {
  it('救命 over an upload that keeps failing is a complaint to the butler', () => routes('救命，小程序的report upload是不是有bug？PDF传了十几次都失败', 'health_butler'));
});

describe('round 48 families', () => {
  it('a deep cut whose bleeding stopped (Sichuan 止到了) needs stitches, not 120', () => urgent('手指切了个口子，按了十几分钟血止到了，口子有点深'));
  it('…and one that will not stop is still an emergency', () => emergency('切到手了，按了十几分钟还是止不到，一直在流', 'bleeding'));
  it('redness that has spread with a fever, in English, is a doctor today', () =>
    urgent('Insect bite on my calf, the redness has spread up my leg, hot and throbbing, temp 38.1'));
});

describe('rounds 49 and 50 families, and the fourth session review', () => {
  it.each([
    ['我阿嫲八十幾歲食緊華法林，頭先跌親撞到後尾枕，而家好眼瞓', 'head_injury'],
    ['以前都是休息一下就好这次胸口压着痛了四十分钟还出冷汗', 'chest_pain'],
    ['他以前都是好好的突然说不出话了嘴也歪了', 'stroke'],
    ['血止到了没得 按了十分钟还在流', 'bleeding'],
    ['face swelling spread to throat and he is wheezing', 'anaphylaxis'],
  ])('still or now an emergency: the back of the head in Cantonese (后尾枕), a habitual past set against now, a question whether bleeding stopped, face swelling spreading: %s', (text, flag) =>
    emergency(text, flag),
  );
  it.each([
    ['爷爷起床腿软坐到地上了，屁股着地，没碰到头，人很清醒'],
    ['降压药吃了十来年了，血压一直一百三四十，能不能减半片'],
    ['头痛了三四天，一阵一阵的，不是那种突然炸开的痛'],
    ['wo ma yi jing jue de bu tou yun le'],
  ])('not 120: sitting down on the floor, medicine taken for ten-odd years, what a pain is not like, 已经觉得 in pinyin: %s', (text) =>
    notEmergency(text),
  );
});

describe('rounds 51 and 52 families', () => {
  it('一天比一天大 (bigger day by day) is no one-day-old', () =>
    expect(classify('小腿红肿发热，一天比一天大，今天有点发烧').emergency).toBe(false));
  it.each([
    ['量了三回都是一百八十多、一百一十，头嗡嗡的还恶心', 'blood_pressure'],
    ['我媽突然一邊的手腳沒力，講話也怪怪的，十分鐘後又好了', 'stroke'],
    ['阮某有身七個月，腹肚足疼，閣有流血', 'pregnancy'],
  ])('a pressure pair in Chinese numerals with no keyword near, a TIA in Taiwanese usage, a bleeding pregnancy in Minnan: %s', (text, flag) =>
    emergency(text, flag),
  );
  it('a normal pair in Chinese numerals stays routine', () => expect(classify('量了一下一百三十、八十五，正常吗').disposition).toBe('routine'));
});

describe('the fifth session review', () => {
  it.each([
    ['从来没出现过这种胸口痛，已经二十分钟了', 'chest_pain'],
    ['两只手被开水烫了一下起了好几个水泡', 'burns'],
    ['我爸刚才发了中风120已经打了还没到', 'stroke'],
    ['我爸82岁吃着华法林 刚才在卫生间坐到地上了 人有点迷糊', 'head_injury'],
    ['after the bee sting the swelling spread to his face and lips', 'anaphylaxis'],
    ['her face swelling has spread to her neck and throat after the shot', 'anaphylaxis'],
  ])('still an emergency: %s', (text, flag) => emergency(text, flag));
  it.each([['双手被暖水袋烫了一下 有点红 不起泡'], ['爷爷吃着华法林，起床腿软坐到地上了，屁股着地，没碰到头，人很清醒']])(
    'a doctor today at most: %s',
    (text) => notEmergency(text),
  );
});

describe('the sixth session review', () => {
  it.each([
    ['宝宝两个月还有身上烫得很', 'child_fever'],
    ['跟上次不是那种感觉很胸闷一直不缓解', 'chest_pain'],
    ['爷爷摔倒了头出血', 'head_injury'],
  ])('still an emergency (a Minnan word inside Mandarin, 不是那种 with a filler, a head bleeding after a fall): %s', (text, flag) =>
    emergency(text, flag),
  );
  it.each([['有点头晕就坐到地上休息了一会儿现在好了'], ['怀孕八个月，手机就振动了一下我就醒了，宝宝动得挺好']])('not 120: %s', (text) => notEmergency(text));
});

describe('the seventh session review', () => {
  it.each([
    ['我老婆有身子了下面出血肚子好痛', 'pregnancy'],
    ['我老婆有身上午开始流血腹肚足痛', 'pregnancy'],
    ['奶奶差点摔倒头撞桌角流血了', 'head_injury'],
    ['我爸刚才滑了一下坐到地上了现在一直吐人迷迷糊糊的', 'head_injury'],
    ['我妈坐到地上后脑着地了现在一直吐', 'head_injury'],
  ])('still an emergency: 有身子 is pregnant, a head bleeding after a near fall, sitting down hard then vomiting and confused: %s', (text, flag) =>
    emergency(text, flag),
  );
});
