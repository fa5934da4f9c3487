import { describe, expect, it } from 'vitest';
import { RED_FLAGS } from '../../../shared/domain/triage';
import { falseAlarmRate, loadSet, measure, recall, report, roleAccuracy } from './fixture-metrics';

/**
 * The development set (tests/fixtures/triage/development/, provenance in tests/fixtures/triage/README.md):
 * the first session's sets, two sets by independent authors who saw only the clinical reference, and
 * each held-out round once its first run was reported. The honest figures are the first runs recorded
 * in that README; these assertions keep what was reached from sliding back.
 */
const development = loadSet('development');
const metrics = measure(development);

describe('the development set', () => {
  it('is big and varied enough to mean something', () => {
    expect(development.length).toBeGreaterThanOrEqual(800);
    const styles = new Set(development.map((m) => m.style));
    expect(styles.size).toBeGreaterThanOrEqual(16);
    for (const m of development.filter((x) => x.emergency)) expect([m.intent, m.role, m.disposition]).toEqual(['medical', 'family_doctor', 'emergency']);
  });

  it('prints recall, false alarms and routing by kind and by style', () => {
    console.log(report('development set', metrics));
    expect(metrics.total.n).toBe(development.length);
  });

  it('catches every labelled emergency', () => {
    expect(metrics.missed).toEqual([]);
    expect(recall(metrics.total)).toBe(1);
  });

  it('raises false alarms on at most 5 % of the rest', () => {
    expect(falseAlarmRate(metrics.total)).toBeLessThanOrEqual(0.05);
  });

  // The false alarms still open (tests/fixtures/triage/README.md names them: 说胡话 the night before last in a
  // grandmother now in hospital; heat
  // exhaustion that is easing with a headache left, from round 30; a febrile fit last week that is over, from round 31;
  // a pregnant woman's "tou bu teng" in pinyin, which reads 头部疼 as well as 头不疼, from rounds 32 and 38; from round
  // 41, a dull headache "就闷闷的" read as a tight chest and a home-remedy question for a burn, whose fixes the second
  // session review showed silenced real chest pain and emergencies asked about as "是真的还是假的"; from round 44, a
  // toddler who licked a laundry pod and a coin-sized oil splash on the back of a hand, both kept as emergencies on
  // purpose: a child and a laundry pod, and a burn of the hand, are the reference's own examples; from round 46, an
  // English policy question about chest pain investigated "back in 2021"; from round 48, a six-year-old who fell off
  // the monkey bars with a swollen wrist, kept as a fall from a height on purpose; and two questions about warning
  // signs, "中风的前照" from round 44 and "有哪些先召" from round 45, whose fixes the third session review showed silenced
  // the very signs members ask about, 我爸嘴歪了是什么先兆; from round 49, a child's asthma flare relieved by the
  // reliever, talking and sleeping, in mixed Chinese and English; from round 57, a 30-week pregnancy in pinyin whose
  // "tou2 bu4 teng2" the decoder reads as 头部疼, the more urgent word; from round 60, "今天脑子糊涂了，把降压药吃了两次",
  // since 脑子糊涂了 is also how a family tells real confusion, and a panic attack that had passed; from round 62, a BP cuff
  // showing ERR "以为血压爆表", a thank-you for last month's 120 call, whether electrocution is an accident the policy covers,
  // and a dream of drowning, left since the thirteenth review showed dream words silencing what happened on waking; from
  // round 9's family, "我邻居说他是心绞痛", left since a neighbour's 说是 is most often a live report, 邻居说是我爸中风了;
  // from round 67, an asthma flare "喷了药能缓过来 说话没问题", since the sixteenth review showed that silencer also hid
  // relievers that fail now, 以前吸药就能缓过来，这次吸了三次还是喘; from round 68, a febrile fit at one year told in a
  // space-separated voice transcript ending "现在八岁了", and a pulse of 110-odd that settled with rest; from round 73,
  // the Sichuan hyperbole "累惨了，脑壳都要炸了" and a claim question about a stroke told with its signs, "嘴歪、半边身子不能动",
  // and its admission last October in the next clause; from round 74, a child's third day of fever with red cracked lips,
  // red eyes and swollen hands (a doctor today, answered 120); from round 75, a neighbour's friend who "喝酒喝到吐血了送医院了"
  // asked about out of curiosity in a long voice run-on, and a child who fell off the top bunk last night, acting normal;
  // from round 75 again, "打牌输惨了，心口痛哦哈哈哈，开玩笑的", since the nineteenth review showed a laugh after a pain also
  // silenced "胸口痛呀哈哈😂 压着一样 出了一身汗" (elderly members send 😂 for tears); from round 76, gums oozing for half an hour
  // on warfarin, "量不多" (a doctor today, answered 120); from round 77, a blistered scald the size of a palm on the back of
  // an adult's hand (urgent by the reference's several-palms rule for adults, answered 120); from round 83, hot cooking oil in an eye, red and sore, sight fine
  // (urgent to its author, a burn of the face to the reference); from round 87, a 13-year-old found cutting her arms,
  // the cuts scabbed, who says she does not want to die (a doctor today to its author; self-harm is kept an emergency
  // on purpose, the reference's catalogue names the act and asks for a warm human handover); from round 89, a scald the
  // size of a palm on the back of an adult's hand (as round 77's); from round 90, a consultant forwarding "他父亲2019年脑梗
  // 现在想投保" as one voice-style run, where the space before 现在 is no clause mark (spaces as clause marks lost real
  // emergencies, 我哥有癫痫 今天发作了两次); from round 91, "我二姨说她邻居吃野生菌中毒了", since "朋友说她男朋友吞了一整瓶
  // 安眠药" is told the same way and is live; from round 96, a black shadow "像 curtain 挡着一样" over one eye, urgent to its
  // author, a sudden loss of vision to the reference's stroke line; from round 99, a blistered scald the size of a palm on
  // the back of a hand while cooking, as round 77's; from round 103, a diabetic's resting pulse of 110-odd with no pain or
  // dizziness, urgent to its author, an emergency by the reference's arrhythmia source (tachycardia over 100 in diabetics),
  // and "再登不上去我就要跳楼了 开玩笑的" about the mini-program, kept: talk of jumping with "only joking" is how members
  // also mask real intent, and the reference asks for a human to hear any such statement; from round 105, a
  // mother-in-law's news that the neighbour had a heart attack yesterday and went to hospital, asked about as
  // prevention; from round 106, "my cooking … counts as food poisoning 😂", and a voice-style claim question about a
  // brother's electric shock at work last year, one run with no clause marks, where 去年 sits past the cue window; from
  // round 108, a known asthmatic whose reliever works but was needed four times in a morning, urgent to its author,
  // breathless enough that the reliever is wearing off to the reference; from round 114, a voice-style question whether a mother can be insured after a stroke "前年的", the year
  // said after a clause mark that the run does not have; from round 115, an 87-year-old confused for three days with a
  // low fever and smelly urine, urgent to its author, "suddenly confused" to the reference's consciousness line; from
  // round 117, a diabetic's pulse of 110-odd with palpitations (as round 103's), and a voice-style question whether a
  // policy covers what a mother saw on television, one run with no clause marks; from round 118, an English mother "barely
  // talking" since being widowed (barely talking is also how a stroke or a cold exposure is told); from round 119, a
  // neck stiff and a hand tingling the day after a car accident already X-rayed, and yesterday's jellyfish sting with red
  // marks today, each urgent to its author; from round 122, a chest pain of seconds on twisting that hurts when the rib is
  // pressed, told in English; from round 123, a palm-sized blistered scald on the back of a hand (as round 77's), and an
  // 81-year-old "a bit more confused" over two days with burning urine, told in English; from round 125, a low of 3.6
  // with palpitations already treated with biscuits and to be measured again, urgent to its author; from rounds 132–139,
  // seventeen: a snore "救命啊…哈哈" (a bare plea counts until a human has spoken); a grandfather's speech "还有点不利索"
  // after last year's stroke, with 现在 in the same run; 刚才迷糊了 before a double dose of amlodipine (迷糊 is also how a
  // family tells real confusion); a scald three days old now oozing pus, and a Sichuan palm-sized scald with blisters
  // (both urgent to their authors); two films named only inside 《》, which the folding drops (《误杀》, 《返校》); how to
  // treat a snake bite before a hike; a great-grandmother's and a grandmother's birth haemorrhage told as 那会儿 and in a
  // space-separated run beside 我现在怀孕; a night reading of 186/112 that was 150/95 by morning; yesterday evening's
  // chest pain of two or three minutes in a 62-year-old, gone with rest; a Kawasaki-like third day of fever (as round
  // 74's); a labour at 38 weeks with a show; a payslip that caused "当场心梗[捂脸]"; and a run-on question on what
  // carbon-monoxide poisoning is, whose question words sit past the cue window; from rounds 140–143, nine: dish soap and a
  // splash of oil in an eye, rinsed and still red (urgent to their authors; a chemical or oil in an eye reads as a burn);
  // a voice run-on on a statin three years after a stroke, with 现在 in the same run; 跳到快晕过去…哈哈, with the laugh past
  // the hyperbole's reach; dancing 像抽风; a game that made someone 气到吐血; a fever of 39.2 with chest pain on breathing
  // in (urgent to its author); watery stools seven or eight times after leftovers, with dizziness (urgent to its author); and
  // 朋友圈说 a food pairing poisons, since 朋友圈 cannot be a reporter: 她刚发朋友圈说… is the member's own word; from rounds
  // 144–147, fourteen: a week of breathlessness on stairs with swollen legs (urgent to its author); a spouse's 想吐血…哈哈 about
  // cooking; a pinyin "tu xie" (吐泻, read 吐血); shingles near an eye with burning pain (burning is a burn's word); 快憋死了
  // from staying in; the definition of 猝死 in a policy with 心脏病发作算吗 in its own clause; a Cantonese 诺唔开 asking to talk
  // to a doctor today (a wish not to live, answered as one); 我要去跳楼了哈哈哈 开玩笑的 (a joke about suicide is not read as
  // one); what the Heimlich manoeuvre is, with 噎住了怎么办 in its own clause; 心梗的前照 (as rounds 44 and 45's); a daughter's
  // US drama in which someone overdosed; three days of toothache with half the face swollen (urgent to its author); and two
  // Sichuan chest pains that turn out to be a quarrel and an electricity bill; from round 148, a voice run-on retelling a
  // television drama's stroke with no plot word, only 电视剧就是那个人, and a laugh; from rounds 149–155, five, each urgent
  // to its author: a coin-sized and a half-palm-sized blistered scald on the back of a hand (a burn of the hands is an
  // emergency to the reference's burns line), a deep cat scratch "还在渗血" (oozing is how an act of self-harm under way is
  // told too), a 79-year-old's speech "有点不利索" over two days with choking on food, and a week's cough with fever and a
  // stabbing chest pain on breathing in (as one in rounds 140–143); from rounds 156–158, three: a half-palm blistered scald
  // on the back of a hand (as above), "要被我家熊孩子气晕过去了…哈哈哈" with the laugh past the hyperbole's reach, and
  // yesterday's 一百八十多 already seen by a doctor with today's 一百四 (a single number, not a pair to set against it);
  // and one in the development set since a chronic illness's years stopped dating what follows them: a diabetic's
  // blistered foot scalded in a footbath (urgent to its author; a burn in an elderly person is an emergency here); from
  // rounds 159–161, four: a coin-sized blistered scald on the back of a hand (as above), a mother's birth haemorrhage long
  // ago told with 😂 and 现在 in one run (the laugh emoji keeps no clause mark: a laugh beside a faint must still reach
  // it), "快不行了…其实就是懒得洗碗", and a grandfather's snake bite in the 1980s asked about with 现在农村被蛇咬了 as a question
  // in the present); from rounds 162–164, eight, four of them urgent to their authors: a palm-sized blistered oil burn on
  // the back of a hand (as above), nosebleeds three times today on a
  // blood thinner, a 25-year-old's bump on the head with a little dizziness, a chest wall sore to press after moving house;
  // and four routine: a novel's hero spitting blood that made the reader's 心口 hurt, a child's febrile fit last year with
  // 37.8 now, a Sichuan drama told as "里头那个人心脏病发了" after a comma, and "血压高到爆表了！……开玩笑的，130/80" (a joke
  // owned is no reason to silence a critical reading, so only the anger form 气得我血压都上两百了 is silenced); from rounds
  // 165–170, one, urgent to its author: a three-year-old who swallowed one of her mother's levothyroxine tablets and is
  // playing happily (a little child's swallowed tablet is read as an emergency whatever the count); from rounds 171–173,
  // six, four of them urgent to their authors: a daughter's arm scalded by soup with several blisters half a palm across
  // (a child's burn with several blisters reads as large), one small magnet perhaps swallowed by a baby now playing, an
  // 80-year-old on aspirin with gums oozing for two days and bruises on the legs, a father who says life is pointless and,
  // asked, denies thoughts of suicide (a wish not to live stays a person's to judge); and two routine: a husband "so
  // stressed he wants to jump off a building, just joking" (a joke about suicide is not read as one, as above), and chest
  // tightness in a quarrel with a mother-in-law, over now (the mother-in-law reads as the elderly patient); from rounds
  // 174–176, seven: a week's cough now breathless after two flights of stairs (urgent to its author); a grandmother's birth
  // haemorrhage 年轻时候 beside 我现在怀孕了 in one space-joined run; 救命啊 about points gone missing; a neighbour's child
  // scalded and already in hospital, asked about first aid; a voice run-on about a TV programme on CPR, asking where to
  // learn it; a Cantonese drama's snake bite asked about before a hike; a five-year-old's question about lightning; from
  // rounds 177–179, two: a three-year-old's second day at 39 ℃ a little less lively (urgent to its author), and an English
  // question whether a policy covers suicide after two years; from rounds 180–182, eight: a
  // friend "joking" he will jump off a building, a mother's faint from a low 以前 in a
  // space-joined run with 现在, a false stroke scare told as a voice run-on with no clause marks (以为…结果是他假牙没戴), a
  // critical pressure two days ago treated at the time, a grandson's febrile fit last week in a run-on, a hypothetical heart
  // attack asked with 还是得自己打120, 不是我想死啊哈哈 about a KPI, and "我就想问问晕厥一般什么原因" after a colleague's faint
  // last month (a general-cause question silences only a clause that names no one: 我老公一直抽搐叫不醒一般什么原因 is an
  // event); from rounds 183–185, four: 追剧哭到快昏倒 with 笑死, a one- or two-second chest twinge gone now told as a voice
  // run-on (urgent to its author), a faint from a low two days ago already seen, asked about beside a claim, and a husband's
  // chest pain that was a punch, 😂没事了, in the next clause; from rounds 186–188, seven, three of them urgent to their
  // authors: a coin-sized and a palm-sized blistered burn on the back of a hand (a burn of the hands is read as an
  // emergency, as above), and yesterday's two or three minutes of chest pain gone by itself; and four routine: 喊了半天救命
  // during a first-aid drill, a husband's pressure "飙到两百" when nagged with 一百二 measured, a wristband whose 血压数据传不过来 (传不过来 is mended into 喘不过来, which an IME also
  // types that way), and 哈哈 before a heart attack from losing a game; from rounds 189–191, six, three of them urgent to
  // their authors: a two-month-old crying two hours after a vaccine with 37.6
  // (inconsolable crying keeps a child's danger sign), hives after seafood with 喉咙不紧, and gums bleeding again on
  // warfarin; and three routine: a film's snake bite asked about with 应该怎么处理, a film's heart attack that sent the
  // member to phone a father who was fine, and 我要吐血了 about the mini-program; from rounds 192–194, five, all
  // routine: three films or cartoons whose
  // snake bite is asked about as real life (应该怎么处理, 这招真管用吗, 上山得带啥药), soup leaking from a mouth corner
  // beside dentures that never fitted, and a neighbour's faint from a low told as hearsay). Rounds 195–197 add none: their
  // nine first-run false alarms are fixed, and so are five older ones (gums that bleed or ooze at each brushing on a blood
  // thinner are a doctor today, a rate counted while running is effort). From rounds 198–200, four, all routine: an English
  // claim for a stay "for chest pain, all checked and fine" (the clearance is a clause away from the pain), and three
  // space-joined runs where a now after the story (现在我儿子要学游泳, 我现在有点担心, 现在早就好了) keeps an old event
  // contested: a brother who nearly drowned as a child, a neighbour's gas poisoning last winter asked about with an alarm,
  // and a husband's crash two years ago asked about with physiotherapy. From rounds 201–203, three, all routine: a chest
  // that aches from missing a daughter, said with 😂; a father's stroke two years ago in a space-joined run with 现在走路还有点跛;
  // and 热得我脑壳昏 哈哈 in a heat wave. Two older ones are fixed: a deep cut whose bleeding has stopped is a doctor today. From rounds 204–206, eight,
  // all routine: two English (a faint "back in 2019" asked about as heredity; "lol … having a stroke" over flat-pack
  // furniture), a lecture's lesson on a drooping face, a film's hero who clutched his chest asked about as real life, a TV
  // drama's collapse asked with 是不是要马上打120, a pressure of 190 two years ago in a run-on with 现在, a cat that vomited
  // blood, and a Cantonese throat swelling last year told before buying an adrenaline pen. From rounds 207–209, six, two
  // urgent to their authors (a child's fourth day of fever with red eyes and cracked lips, as round 74's; a COPD patient
  // with a fever and more breathless than usual who can still talk) and four routine: three dramas or films whose plot is
  // told after a comma with 里面 (a mushroom, waters breaking, a fit asked about as first aid) and a Cantonese film whose
  // audience shouted 救命 told with 笑死. From rounds 210–215, three, all routine: 农药中毒在家能先做什么急救 (asked as first
  // aid, which may be for now), a husband whose 心脏病要犯了 over a card bill with [捂脸], and 打游戏打到心肌梗塞 with 笑死 (a
  // fright told the same way is real: review 45). Six older ones are fixed: three children's fevers with red eyes and
  // cracked lips (dry lips are no danger sign) and three pregnancies with swollen feet and about 142/92 (swelling goes with a
  // headache to a doctor today, not 120). From rounds 216 and 218, four: three routine (我要晕倒了[捂脸] after being told to work
  // late; 睡得跟死猪一样…叫不醒哈哈, where a real 叫不醒 told beside a simile must stay an emergency; a known low sugar with
  // 经常…头运, a dizziness that is usual and read as a sign) and one urgent to its author: 84 bleach in the eye still red and
  // sore after fifteen minutes of rinsing, which stays an emergency (a chemical burn of the eye; another author labelled the
  // same case an emergency). From rounds 217 and 220 (the hardest look-alikes), seven, all routine: a Hong Kong drama's father
  // with a tearing back pain asked about as fact (套港剧 without 里面), 见到偶像心跳直接两百了😍, a mouthful of mouldy bread asked
  // about in pinyin (会不会中毒), 打麻将输惨了，心口痛哦，哈哈哈, a first birth's haemorrhage told before this pregnancy's question
  // (头胎的时候 dates only its own clause), a leg cramp while swimming 痛惨了 now gone, and a neighbour's collapse two days ago
  // told as a space-joined voice run. One older one is fixed: a Cantonese drama told with 嗰套戏入面.
  // Raise this only when folding in a held-out round whose first run names new ones.
  it('raises no more false alarms than the ones the fixtures README lists as still open', () => {
    expect(metrics.falseAlarms.length, metrics.falseAlarms.join('\n')).toBeLessThanOrEqual(185);
  });

  it('sends at least 95 % of the messages labelled urgent to a doctor today or to 120, never routine', () => {
    expect(metrics.urgentNotRoutine / metrics.urgentLabelled).toBeGreaterThanOrEqual(0.95);
  });

  it('routes at least 95 % of messages to the right role in every style', () => {
    for (const [style, t] of metrics.byStyle) expect(roleAccuracy(t), style).toBeGreaterThanOrEqual(0.95);
  });

  it('covers every kind of the reference catalogue with emergencies written in at least five styles, all caught', () => {
    for (const kind of RED_FLAGS) {
      const examples = development.filter((m) => m.emergency && m.kind === kind);
      expect(new Set(examples.map((m) => m.style)).size, kind).toBeGreaterThanOrEqual(5);
      expect(metrics.byKind.get(kind)?.caught, kind).toBe(examples.length);
    }
  });

  it('names the labelled kind among its red flags for most emergencies', () => {
    expect(metrics.kindAgreement).toBeGreaterThanOrEqual(0.9);
  });
});
