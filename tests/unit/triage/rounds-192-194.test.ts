import { describe, it } from 'vitest';
import { emergency, notEmergency, urgent } from './expect-triage';

/**
 * The families of rounds 192–194's first-run misses and false alarms (tests/fixtures/triage/README.md). Sentences
 * written for this file, not copied from the rounds.
 */
describe('held-out rounds 192–194', () => {
  it.each([
    // A chest held with a fist, pale and soaked with sweat.
    ['我爸用手按着胸口一动不动 满头大汗 十几分钟了', 'chest_pain'],
    // Cantonese: clutching the chest, sweat dripping.
    ['老公揸住心口 出晒冷汗', 'chest_pain'],
    // English: a stroke told by what the person does.
    ['Mum suddenly could not find her words and kept dropping her spoon', 'stroke'],
    // English: blood brought up, grey and sweaty.
    ['Dad threw up what looked like a cup of dark blood, pale and clammy', 'bleeding'],
    // A low sugar told by odd behaviour and a number measured by a neighbour.
    ['我爸打了胰岛素 对着墙说话 测了是2.9', 'low_glucose'],
    // Waters told by the legs.
    ['怀孕30周 裤子一下子湿透了 控制不住', 'pregnancy'],
    // Speech as if the mouth were full, just now.
    ['我奶奶刚刚说话突然像含着东西一样', 'stroke'],
    // A generator indoors and several people dizzy.
    ['停电在屋里开发电机 全家都头晕想吐', 'poisoning'],
    // A whole body rigid and shaking for minutes.
    ['我爷浑身直挺挺地抖 五六分钟了', 'seizure'],
    // The thirty-ninth review: readings listed with spaces stay apart (the 38.0 is read), a tenth after 度 in Chinese
    // numerals is a tenth, Cantonese feeding refused is a danger sign, and English weeks are an age.
    ['宝宝两个月 量了好几次 37.6 37.9 38.1', 'child_fever'],
    ['宝宝一个月 体温三十七度九 不吃奶 一直睡', 'child_fever'],
    ['BB 七个星期 发烧 37.8度 唔食奶', 'child_fever'],
    ['baby 5wks old, fever 38.4c', 'child_fever'],
    // The fortieth review: 勿X了 reads 误 before any poison or pill count, a tool's accident needs the tool right after 被
    // (被欺负 用刀片割了手腕 is self-harm), and a past breath-holding spell does not silence today's breathing.
    ['阿爷勿喝了百草枯', 'poisoning'],
    ['女儿被欺负 用刀片割了手腕', 'suicide'],
    ['医生说过是屏气发作 但这次憋了两分钟还不喘气 脸发紫', 'breathing'],
    // A held chest counts with a pale face or a collapse.
    ['他抓住心口倒下了', 'chest_pain'],
    // A pressure pair told as "over" between Chinese numerals.
    ['老婆怀孕36周 血压一百六十八over一百一十五', 'blood_pressure'],
  ])('an emergency: %s', (text, flag) => emergency(text, flag));

  it.each([
    // A sickle at harvest is an accident, not a cut one made.
    ['收麦子的时候被镰刀割了手 伤口有点红'],
    // Pinyin fang shu is 防暑, not 房鼠 (rat poison).
    ['tian tai re le, you fang shu yao ma'],
    // A breath-holding spell a doctor has named.
    ['孩子一哭就憋气 医生说是屏气发作 长大会好吗'],
    // 请勿 stays a "do not", and Shanghainese 勿吃了 is "stopped eating"; pinyin wan dou is peas.
    ['请勿喝了酒再吃头孢'],
    ['这个药勿吃了 侬勿吃了冷饮'],
    ['wo xiang chi wan dou'],
    // A hand on the chest alone is a pledge or a laugh; a throat "like something is in it" is no stroke; a tantrum is no fit.
    ['唱国歌的时候手按着胸口'],
    ['喉咙里老像含着东西 咽不下去也吐不出来'],
    ['孩子发脾气 全身直挺挺地躺地上'],
  ])('not an emergency: %s', (text) => notEmergency(text));

  it.each([
    // Kept above the 95 % urgent line: English pee with a fever, a diabetic's toe gone black told in pinyin, and a
    // dialysis fistula gone quiet.
    ['when I pee it really hurts and I have a fever of 38.6'],
    ['wai gong jiao zhi tou hei le, you tang niao bing'],
    ['透析的内瘘今天摸不到震动了'],
  ])('a doctor today: %s', (text) => urgent(text));
});
