import type { RedFlag } from '../types';

/**
 * First-aid lines shown to members in an emergency, one short instruction per line, each tagged with
 * what it asks the helper to do. ../first-aid.ts composes one instruction set from these: a line whose
 * action another chosen line forbids is left out, so two kinds never give conflicting advice (chest
 * pain's aspirin beside stroke's "nothing by mouth"). Wording must be signed off by the medical lead
 * before go-live (docs/reference/clinical-triage.md, header).
 */
export const FIRST_AID_ACTIONS = [
  'by_mouth_aspirin', // chew an aspirin
  'by_mouth_sugar', // eat or drink sugar
  'by_mouth_none', // give nothing to eat or drink, no medicine
  'position_sit_up', // sit up, lean forward
  'position_lie_flat', // lie flat
  'position_recovery', // on the side
  'position_still', // do not move the person (spine, fracture)
  'move_to_air', // move the person out of the room (gas)
  'cool_with_water', // cool the skin with running water
  'keep_warm', // warm the person
  'epinephrine', // use an adrenaline pen
  'cpr', // chest compressions when not breathing
  'heimlich', // abdominal thrusts
  'pressure', // press on a wound
  'no_restraint', // do not hold the person down or put anything in the mouth
  'time_note', // note the time it started
  'bring_evidence', // bring the bottle, packet, the snake's look
  'stay_with', // someone stays with the person
  'remove_means', // keep medicines, knives, heights away
  'no_vomit', // do not make the person vomit
] as const;
export type FirstAidAction = (typeof FIRST_AID_ACTIONS)[number];

/** Each pair cannot both be asked of one helper. The first of a pair is the safer and wins. */
export const CONFLICTING_ACTIONS: readonly (readonly [FirstAidAction, FirstAidAction])[] = [
  ['by_mouth_none', 'by_mouth_aspirin'],
  ['by_mouth_none', 'by_mouth_sugar'],
  ['position_still', 'position_sit_up'],
  ['position_still', 'position_recovery'],
  ['position_still', 'move_to_air'],
  ['position_recovery', 'position_sit_up'],
  ['position_recovery', 'position_lie_flat'],
  ['position_lie_flat', 'position_sit_up'],
  ['keep_warm', 'cool_with_water'],
];

export interface FirstAidLine {
  readonly zh: string;
  readonly actions: readonly FirstAidAction[];
}

/** The lines for each kind, most important first. Calls for 120/110/12356 are composed separately. */
export const FIRST_AID: Record<RedFlag, readonly FirstAidLine[]> = {
  unconscious: [
    { zh: '拍肩大声呼叫，看胸口有无起伏；没有呼吸马上开始胸外按压（用力快速按压胸口正中，每分钟100–120次）。', actions: ['cpr'] },
    { zh: '有呼吸就让他侧躺，保持气道通畅，不要喂水喂药。', actions: ['position_recovery', 'by_mouth_none'] },
  ],
  choking: [
    { zh: '还能咳嗽就鼓励用力咳；不能说话、不能咳嗽时马上用海姆立克急救法（站在身后，一手握拳顶在肚脐上方，另一手包住快速向内向上冲击）。', actions: ['heimlich'] },
  ],
  breathing: [
    { zh: '让他坐起、身体前倾，松开衣领，开窗通风；有医生开的哮喘喷雾按医嘱使用。', actions: ['position_sit_up'] },
  ],
  anaphylaxis: [
    { zh: '马上远离过敏原（停药、停止输液）；有肾上腺素笔立即在大腿外侧注射。', actions: ['epinephrine'] },
    { zh: '让他平躺、抬高双腿（呼吸困难时可半坐），不要站起走动。', actions: ['position_lie_flat'] },
  ],
  bleeding: [
    { zh: '外伤出血用干净毛巾或纱布用力压住伤口，不要松手。', actions: ['pressure'] },
    { zh: '吐血、便血的人侧躺（头偏向一侧），不吃不喝。', actions: ['position_recovery', 'by_mouth_none'] },
  ],
  chest_pain: [
    { zh: '立即停止活动，不要自己走路或开车去医院，松开衣领。', actions: ['stay_with'] },
    { zh: '坐下或半躺休息。', actions: ['position_sit_up'] },
    { zh: '如医生以前嘱咐过且不过敏，可嚼服一片阿司匹林。', actions: ['by_mouth_aspirin'] },
  ],
  aortic_dissection: [
    { zh: '让他保持安静、不要走动用力，不要吃止痛药或阿司匹林，等急救人员。', actions: ['position_still', 'by_mouth_none'] },
  ],
  stroke: [
    { zh: '记住发病（最后正常）的时间，告诉120“疑似中风”，尽快送有卒中中心的医院。', actions: ['time_note'] },
    { zh: '让他躺下、头偏向一侧，不要喂水喂药，不要掐人中或按摩。', actions: ['position_recovery', 'by_mouth_none'] },
  ],
  headache: [
    { zh: '让他安静躺下休息，不要自行吃止痛药，记下头痛开始的时间。', actions: ['by_mouth_none', 'time_note'] },
  ],
  seizure: [
    { zh: '把他侧躺放在平地，移开周围硬物，垫住头部；不要往嘴里塞东西，不要按住手脚。', actions: ['position_recovery', 'no_restraint', 'by_mouth_none'] },
    { zh: '记下抽搐开始的时间，超过5分钟或反复发作务必等救护车。', actions: ['time_note'] },
  ],
  suicide: [
    { zh: '你不是一个人，我们马上请人联系你。请让身边的人陪着你，远离药物、刀具和高处。', actions: ['stay_with', 'remove_means'] },
  ],
  blood_pressure: [
    { zh: '坐下休息5分钟后复测；伴头痛、胸闷、说话不清或手脚无力时不要等，马上拨打120。', actions: [] },
    { zh: '不要自行加量吃降压药。', actions: [] },
  ],
  high_glucose: [
    { zh: '多喝白开水，停止剧烈活动；有呕吐、肚子痛、呼吸深快或犯困时马上拨打120。', actions: [] },
  ],
  low_glucose: [
    { zh: '人清醒、能吞咽时马上吃15克糖（半杯果汁或3–4块方糖），15分钟后复测，仍低再吃一次。', actions: ['by_mouth_sugar'] },
    { zh: '人迷糊、吞不下时不要喂食，让他侧躺等救护车。', actions: ['position_recovery'] },
  ],
  child_fever: [
    { zh: '给孩子少穿一层，记下体温和时间；抽搐或叫不醒时让孩子侧躺，不要往嘴里塞东西、不要喂水喂药。', actions: ['position_recovery', 'no_restraint', 'by_mouth_none', 'time_note'] },
  ],
  pregnancy: [
    { zh: '让孕妇侧躺休息，不要自己开车；带上产检本，直接去有产科急诊的医院或等救护车。', actions: ['position_recovery'] },
  ],
  poisoning: [
    { zh: '带上药瓶、农药瓶或剩下的食物给医生看；不要自行催吐，不要喂水喂食。', actions: ['bring_evidence', 'no_vomit', 'by_mouth_none'] },
    { zh: '煤气、一氧化碳中毒先开窗、关气源，把人移到空气新鲜处。', actions: ['move_to_air'] },
  ],
  burns: [
    { zh: '用流动的凉水冲烫伤处15–20分钟，剪开（不要硬脱）粘住的衣服，取下戒指手表；不要涂牙膏、酱油。', actions: ['cool_with_water'] },
    { zh: '冲完用干净的布或保鲜膜轻轻盖住，不要弄破水泡。', actions: [] },
  ],
  head_injury: [
    { zh: '让他躺着别动，观察是否呕吐、犯困、说话不清；不要吃止痛药或阿司匹林。', actions: ['position_still', 'by_mouth_none'] },
  ],
  arrhythmia: [
    { zh: '立即停止活动，坐下或躺下休息，不要自己开车去医院，记下心跳次数和时间。', actions: ['time_note'] },
  ],
  trauma: [
    { zh: '摔伤、车祸的人不要随意搬动，尤其是头颈和腰背；有出血就用力压住伤口。', actions: ['position_still', 'pressure'] },
    { zh: '溺水、触电的人先确保自身安全（关电源、用干木棍挑开电线），没有呼吸马上胸外按压。', actions: ['cpr'] },
    { zh: '中暑的人移到阴凉处，用凉水擦身降温；冻伤失温的人移到温暖处，盖上衣被。', actions: [] },
  ],
  urgent_help: [
    { zh: '说清地址和发生了什么，保持电话畅通，门口留人接救护车。', actions: ['stay_with'] },
  ],
};

/**
 * Order in which kinds speak when several fire: what kills fastest first (airway, breathing,
 * circulation), so its lines are chosen before any that would conflict with them.
 */
export const FIRST_AID_PRIORITY: readonly RedFlag[] = [
  'unconscious', 'choking', 'breathing', 'anaphylaxis', 'suicide', 'bleeding', 'trauma', 'head_injury', 'aortic_dissection',
  'stroke', 'seizure', 'chest_pain', 'arrhythmia', 'poisoning', 'burns', 'pregnancy', 'child_fever', 'low_glucose', 'high_glucose',
  'headache', 'blood_pressure', 'urgent_help',
];

/**
 * For urgent messages (a doctor today): the signs of each kind that mean calling 120 without waiting,
 * from docs/reference/clinical-triage.md §3, in words a member recognises.
 */
export const DANGER_SIGNS: Record<RedFlag, string> = {
  chest_pain: '胸痛胸闷超过几分钟不缓解，或伴出冷汗、疼到左臂/后背/下巴',
  aortic_dissection: '胸背部突然撕裂样剧痛',
  stroke: '口角歪斜、一侧手脚无力或麻木、说话不清、突然看不清',
  headache: '突然出现的、一生中最剧烈的头痛，或伴呕吐、脖子发硬、意识不清',
  breathing: '静坐也喘不上气、说不了整句话、嘴唇发紫',
  choking: '不能说话、不能咳嗽、脸色发紫',
  unconscious: '叫不醒、反应迟钝、突然糊涂，或晕倒后受伤、反复晕倒',
  seizure: '抽搐超过5分钟或反复发作、抽完一直不醒',
  bleeding: '按压10分钟仍止不住的出血、吐血或咖啡色液体、黑便伴头晕',
  anaphylaxis: '喉咙发紧、嘴唇或脸肿、喘不上气、头晕要晕倒',
  suicide: '有伤害自己的念头、计划或已经开始行动（也可拨打心理援助热线12356）',
  blood_pressure: '血压≥180/110，或伴头痛、胸闷、说话不清、手脚无力',
  high_glucose: '血糖≥16.7或显示HI，或伴呕吐、腹痛、呼吸深快、犯困',
  low_glucose: '血糖≤2.8、吃糖后15分钟仍低，或人迷糊、吞咽困难',
  child_fever: '孩子抽搐、叫不醒或特别蔫、不吃奶、皮疹按压不褪色、呼吸困难，3个月以下婴儿体温≥38℃',
  pregnancy: '阴道出血伴腹痛、突然剧烈腹痛、破水、胎动明显减少、头痛伴眼花',
  poisoning: '误服农药或大量药物、昏睡叫不醒、多人同时头晕恶心（警惕煤气中毒）',
  burns: '烧烫伤面积大、伤在面部/手/会阴、皮肤发白发黑，或电击伤、化学烧伤',
  head_injury: '头部受伤后呕吐、犯困、糊涂、抽搐，老人或吃抗凝药的人头部受伤',
  arrhythmia: '心率超过150或低于40，心慌伴晕倒、眼前发黑或胸痛',
  trauma: '高处坠落、车祸受伤、溺水、触电、毒蛇咬伤、中暑后神志不清',
  urgent_help: '出现任何危及生命的情况',
};

/** General signs when no kind is named. */
export const GENERAL_DANGER_SIGNS = '胸痛、喘不上气、口角歪斜或一侧无力、叫不醒、抽搐、大出血';
