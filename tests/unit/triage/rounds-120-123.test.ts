import { describe, it } from 'vitest';
import { emergency, notEmergency, urgent } from './expect-triage';

/**
 * The families of held-out rounds 120–123's first-run misses and false alarms, and of the thirtieth independent review
 * (of rounds 116–119's fixes). Sentences written for this file.
 */
describe('rounds 120–123 and the thirtieth review', () => {
  it.each([
    ["my dad told me on video his chest feels like an elephant is on it and it goes to his jaw", 'chest_pain'],
    ['阿婆气喘到讲唔到成句，喷咗气雾剂都冇用', 'breathing'],
    // A systolic read digit by digit, the diastolic said in words; 贰佰 for 二百.
    ['量了两次都是一九零 一百一十二，头痛', 'blood_pressure'],
    ['血压贰佰一，头晕想吐', 'blood_pressure'],
    ['我怕来不及了，周末我就准备走了，不想再麻烦任何人', 'suicide'],
    ["I don't see the point anymore. Wrote letters to all my kids. Tonight's the night.", 'suicide'],
    // The core gas group is not replaced by a later group of the same name.
    ['闻到一股煤气味，孩子说头好晕', 'poisoning'],
    ['my 2 year old drank a whole bottle of cough syrup', 'poisoning'],
    ['孩子偷喝了大半瓶退烧药水，现在很困', 'poisoning'],
    ['我爸八十五岁，叫他只会哼一声', 'unconscious'],
    ['孕35周，今天一下都没踢', 'pregnancy'],
  ])('an emergency: %s', (text, flag) => emergency(text, flag));

  it.each([
    ['老头子摔了一跤，手腕肿了，头没磕着'],
    ['听隔篱讲佢亲戚食保健品中毒，真唔真'],
    ['心梗犯了都啥样啊，我寻思提前整明白'],
    ['危疾险赔完癌症，还可不可以再赔中风'],
    ['自行车轮胎漏气了，推了一路头晕'],
    ['这瓶止咳糖浆一周就喝光了，还要再买吗'],
    ['手上全是油，刚才拿不稳筷子'],
    ['今天热得厉害，吐槽一下物业不开空调'],
    ['我在桥上堵车了，对不起晚点到'],
  ])('not 120: %s', (text) => notEmergency(text));

  it.each([
    ['戒指拔不下来了，手指肿得发紫'],
    ['新开的降压药吃了以后脚脖子肿了'],
    ['老人三天没大便，肚子胀，今天吐了一次'],
    ['爷爷七十九，咳嗽有痰，有点喘'],
    ['奶奶这两天不爱吃饭，没什么精神'],
  ])('a doctor today: %s', (text) => urgent(text));
});
