import { describe, it } from 'vitest';
import { emergency, notEmergency, routes, urgent } from './expect-triage';

/**
 * The families of rounds 198–200's first-run misses, false alarms and misroutes, and of the forty-first review
 * (tests/fixtures/triage/README.md). Sentences written for this file, not copied from the rounds.
 */
describe('held-out rounds 198–200 and the forty-first review', () => {
  it.each([
    // Cantonese: a lump of stone pressing on the chest, with a cold sweat.
    ['阿爸話心口好似有嚿大石壓住 出晒冷汗', 'chest_pain'],
    // Pinyin: seizing again, read whole (you chou chu is 又抽搐).
    ['wo er zi you chou chu le, wu fen zhong le', 'seizure'],
    // Touched a live current at work, the skin white and hard.
    ['我爸修电闸碰了电，手心一块发白发硬', 'burns'],
    // Cantonese: a heater, windows bolted, the family dizzy.
    ['開住暖爐閂晒門窗，屋企人個個都頭暈', 'poisoning'],
    // Cantonese: come quick.
    ['快啲嚟啊', 'urgent_help'],
    // Cantonese: the pills tonight and be done, beside a policy question.
    ['我諗住今晚食晒啲藥就算，保險賠唔賠', 'suicide'],
    // Called, and only a grunt comes back.
    ['我爸下午一直躺着，叫他他就哼一声，眼睛也不睁开', 'unconscious'],
    // Woke with slurred speech; in a run-on, an old stroke told after it dates only what follows.
    ['我爸早上起来说话就不清楚了 左手拿不稳碗 去年中过风一直在康复', 'stroke'],
    // Few movements told apart from the word.
    ['怀孕34周，今天胎动从早上到现在都特别少', 'pregnancy'],
    // The forty-first review: a rate still high at rest, pressure that failed, a slang 想死 beside the means, and timed pain
    // before 37 weeks.
    ['健身时心跳210，现在躺下了还是两百多', 'arrhythmia'],
    ['刷牙后牙龈一直在流血 按了二十分钟还在流', 'bleeding'],
    ['被老板骂得想死，安眠药我已经准备好了', 'suicide'],
    ['怀孕33周，肚子每隔六分钟疼一次', 'pregnancy'],
  ])('an emergency: %s', (text, flag) => emergency(text, flag));

  it.each([
    // …but a past cue that dates back (那是去年冬天的事) still covers what came before it.
    ['我爸胸口疼得厉害出冷汗吓死人那是去年冬天的事了现在想问问体检'],
    // An English claim for a stay already cleared.
    ['I want to claim for a hospital stay in May, it was chest pain but all checked and fine'],
    // A drama about suicide that upset the viewer.
    ['昨晚看了部关于自杀的电影，心里堵得慌，我自己没事'],
    // A snore that sounds like a heart attack, said with a laugh.
    ['哈哈哈 他打呼的声音像心脏病发作一样'],
    // The gap between two meters, not a glucose level.
    ['家里血糖仪和医院测的相差1.8，哪个准'],
    // A known dementia doing what it always does.
    ['外公老年痴呆好多年了，还是不认人，想找个护工'],
    // A strip of pills finished as prescribed, and a refill.
    ['上个月开的一板药都吃了，要再开吗'],
    // A button battery question with no child and no one swallowing.
    ['纽扣电池是不是吞下去会很危险'],
  ])('not an emergency: %s', (text) => notEmergency(text));

  it.each([
    // A sprained ankle too swollen to walk on.
    ['崴了脚，肿得很大，不能走路'],
    // A chest twinge coming more often.
    ['胸口偶尔刺痛一下，这两天次数多了'],
    // A calf red, swollen and sore.
    ['我妈小腿又红又肿，按着疼'],
    // An old person with diarrhoea and flagging.
    ['我爸七十八了，拉了一天肚子，人有点蔫'],
    // A band of painful rash on one side of the waist.
    ['腰上长了一条带子一样的红疹，火辣辣地疼'],
  ])('a doctor today: %s', (text) => urgent(text));

  it.each([
    // A matter turned to after another (顺便问一下): the member's question now.
    ['续保办好了，顺便问一下我爸的降压药饭前吃还是饭后吃', 'family_doctor'],
    // Picky eating and weight loss are the doctor's.
    ['孩子挑食得厉害怎么办', 'family_doctor'],
    // Whether a cost is reimbursed is the insurance consultant's.
    ['我妈配的助听器报不报销', 'insurance_consultant'],
    // A laugh with nothing asked is the butler's.
    ['笑到我肚子疼，这群里的段子太逗了', 'health_butler'],
  ])('routed: %s', (text, role) => routes(text, role));
});
