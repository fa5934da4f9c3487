/**
 * Context cues that decide whether a red-flag mention is happening now. Pure data, same phrase syntax
 * as the red-flag lexicon. How they combine (see ../context.ts), per mention, looking at its clause:
 *   1. ACUTE_STRONG in the clause                       → live (nothing below can silence it)
 *   2. FINE_SUFFIXES right after it (呼吸和喉咙都正常),
 *      RESOLVED or KNOWLEDGE_HOW in the clause, or a past suffix (中风过, unless a time of today comes
 *      before: TODAY_BEFORE), KNOWLEDGE_MEDIA anywhere in the sentence,
 *      HYPOTHETICAL earlier in the sentence               → silenced
 *   3. ACUTE_WEAK in the clause                         → live
 *   4. PAST / INSURANCE / KNOWLEDGE in the clause, or HEARSAY of a diagnosis
 *      earlier in it (医生说是…, 说他是…)                  → silenced
 *   5. for disease names, CHRONIC_PREFIXES / DISEASE_TALK → silenced unless ACUTE_WEAK or an
 *      EVENT_SUFFIX (中风了, 心梗发作)
 *   6. otherwise                                        → live
 * Negation is separate: 没有胸痛 / 不胸闷 / 没有胸痛、出汗 drop the mention entirely.
 * When in doubt, cues are left out: a missed emergency costs more than a false alarm.
 */

/** Words that negate the symptom right after them (with at most two fillers in between). */
// 不是那种突然炸开的痛 says what the pain is not like (从来没有这种胸口痛 says it is new: not a negator there).
export const NEGATORS = ['不是那种', '不是这种', '没有', '没', '无', '不', '未', '并未', '否认', '从没', '从来没', '从不', '不是', '非', '排除', '排除了', '差点', '差一点', '险些'] as const;

/** Negators that already hold a filler (不是那种突然炸开的痛): at most one more filler after them. */
export const WIDE_NEGATORS = ['不是那种', '不是这种'] as const;

/** A negated verb of feeling (没觉得心慌胸闷): its object is a list of felt symptoms, even with nothing between them. */
export const FEELING_NEGATORS = [
  '没觉得', '没感觉', '没感到', '没觉着', '不觉得', '不感觉', '不感到', '不觉着', '没有觉得', '没有感觉', '没有感到', '没有觉着',
] as const;

/** Symptoms felt rather than seen, which such a verb lists (never 疼 or 痛: 不觉得痛嘴歪了 is pain beside a sign). */
export const FELT_SYMPTOMS = ['心慌', '心悸', '胸闷', '胸口闷', '头晕', '头昏', '气短', '气喘', '恶心', '想吐'] as const;

/** Words allowed between a negator and the symptom: 没有明显胸痛, 不太胸闷, 没出现过呼吸困难. */
export const NEGATION_FILLERS = [
  '明显', '什么', '任何', '出现', '出现过', '感觉', '觉得', '再', '太', '怎么', '有', '有过', '发生', '发现', '会', '啥', '那么',
  '特别', '其他', '过', '再次', '像是', '是', '算', '很', '大', '咋', '见', '想', '想过', '打算', '要',
  // Reported absence: 也没说肚子痛, 没喊疼, 没提头晕.
  '说', '说过', '喊', '喊过', '提', '提过', '提到',
] as const;

/** Strings that contain a negator but ask or hedge rather than deny: 是不是中风, 有没有可能, 不知道是不是. */
export const NEGATION_BLOCKERS = [
  '是不是', '会不会', '要不要', '有没有', '能不能', '是否', '不知道', '不确定', '说不定', '不一定', '不会是', '该不会', '不清楚',
  '不舒服', '不对劲', '不停', '不断', '不行', '受不了', '忍不住', '不会吧', '怕不是', '不得了', '不得劲', '不是很舒服',
  // 不过 and 不然 are "but" and "or else", not a negation of what follows.
  '不过', '不然',
  // A near faint is a sign in itself (差点晕倒); only a near fall (差点摔了) did not happen.
  '差点晕', '差点昏', '差点倒', '差点栽', '差点黑', '差一点晕', '差一点倒', '险些晕', '险些倒',
] as const;

/** Joiners that carry a negation on to the next symptom: 没有胸痛、出汗 / 不胸闷也不气短. */
export const LIST_JOINERS = ['、', '和', '或', '或者', '及', '以及', '也', '也没有', '也没', '也不', '跟', '与', '还有', '或是', '/'] as const;

/** Right after a mention: it happened before (中风过, 癫痫史). */
export const PAST_SUFFIXES = ['过', '史', '病史', '走的', '去世', '走了', '早好了', '早就好了', '早都好了', '现在早好了', '现在早就好了', '现在早没事了', '是#年前', '是去年', '是前年', '是以前', '是好多年前', '是几年前'] as const;
/**
 * A time of today before a symptom in its clause: 过 after the symptom then tells today's episode (今天早上嘴歪过，
 * 过了一会好了: a TIA, an emergency by the reference's §4 exception), not an old illness (中风过).
 */
export const TODAY_BEFORE = ['今天', '今早', '今儿', '今晚', '刚才', '刚刚', '早上', '上午', '中午', '下午', '这会'] as const;
/**
 * The words of TODAY_BEFORE that name today itself. A bare part of the day (早上, 下午) is any day's: a past cue anywhere
 * before it in the clause dates it (三年前的一个下午), where a past cue must stand right before 今天 to date it.
 */
export const TODAY_ITSELF = ['今天', '今早', '今儿', '今晚', '刚才', '刚刚', '这会'] as const;
/**
 * Right after a mention, or signs joined by 和/跟 (not 、: 嘴歪、手脚都正常 says the hands are fine, not the mouth), the member says they are all fine (呼吸和喉咙都正常, 嘴唇
 *也好好的): signs named to rule them out. Never with a negator in the list (叫不醒和呼吸不正常), never before a question
 * particle (胸口剧痛都正常吗, 正常？).
 */
export const FINE_SUFFIXES = ['都正常', '也正常', '都没问题', '也没问题', '都好好的', '也好好的', '都没事', '也没事'] as const;
/** …but a reading in the list (叫不醒、心跳正常) says the reading is normal, not the sign: it rules nothing out. */
export const FINE_READINGS = ['血压', '心电图', '体温', '血糖', '心跳', '心率', '脉搏', '呼吸', '意识', '血氧', '血常规', '片子', 'ct'] as const;
/** Right after a disease name: the person died of it (邻居心梗没了). */
export const DEATH_SUFFIXES = ['没了', '没的', '过世', '死了', '死的', '猝死'] as const;
/** A funeral told in the message (今天出殡): a 猝死 in it is a death, whatever today's word says. */
export const FUNERAL = ['出殡', '追悼', '葬礼', '丧事', '火化', '后事', '守灵', '白事', '头七', '殡仪馆', '遗体', '吊唁', '下葬', '安葬', '节哀', '没救回来', '抢救无效'] as const;
/** The words that tell a 猝死 as under way (刚才, 正在…): 今天, 昨晚 or 一直 date a death as well as a collapse. */
export const DEATH_NOW = ['刚才', '刚刚', '现在', '正在', '还在', '这会', '此刻', '救命', '赶紧', '马上', '快来'] as const;
/**
 * 过 that is not the experiential aspect: 过去, 过敏…, and "after a while" told in minutes or hours (嘴歪过了十来分钟又好了:
 * it happened today), and living through a time to come (不打算活过这个月); 过了百天 or 过了一年 after a heart attack is the
 * experiential 过 of a past event.
 */
export const PAST_SUFFIX_BLOCKERS = ['过去', '过来', '过敏', '过量', '过度', '过于', '过不去', '过这个[月星礼周年]', '过今年', '过明年', '过年底', '过了#*(分|秒|会|小时|钟头|阵)', '过了好'] as const;

/** Present and urgent no matter what else is said. */
/** How suddenly it came (突然): strong, except inside a hypothetical (如果他突然说不出话…, 万一突然晕倒). */
export const ACUTE_SUDDEN = ['突然', '忽然', '猛然', '一下子'] as const;
/** A plea for help now: strong whatever else the sentence says. */
export const ACUTE_PLEA = [
  '救命', '快来', '快救', '赶紧', '快不行', '不行了', '急死', '怎么办啊', '咋办啊', '怎么办呀', '快点', '马上来', '快帮', '求求',
] as const;
export const ACUTE_STRONG = [...ACUTE_SUDDEN, ...ACUTE_PLEA] as const;

/**
 * Hedges about now (是不是中风了, 好像心梗): they make a mention present only when they come before it;
 * after it they ask about the condition (中风的人是不是不能吃肥肉).
 */
export const HEDGES = ['好像', '似乎', '感觉', '怀疑', '估计', '是不是', '会不会', '不会是', '怕是', '怕不是'] as const;

/** Present tense (现在, 刚才, 今天…): beats weak silencers only. */
export const ACUTE_WEAK = [
  '现在', '刚才', '刚刚', '正在', '又', '还在', '这会', '此刻',
  '今天', '今早', '今晚', '昨晚', '昨天', '半夜', '早上起来', '一早', '一直没好', '到现在', '至今', '没好', '开始',
  '还是*[疼痛闷]', '越来越',
  // Waiting for the ambulance (救护车还没来): as present as 现在.
  '救护车*还没[来到]', '救护车*在路上', '在等*救护车', '等着*救护车',
] as const;

/** Over and done with, or under care: 康复, 后遗症, 出院, 中风三年了. */
export const RESOLVED = [
  '康复', '出了院', '物理治疗', '理疗', '(中风|脑梗|心梗|脑出血)了*#年', '恢复得', '恢复的', '恢复期', '恢复训练', '在恢复', '恢复阶段', '恢复不错', '痊愈', '治好', '治愈', '好多了', '已经好了',
  '一切正常', '现在好好的', '挺好的', '养着', '在家养', '住院', '出院', '住了*院', '住了*(礼拜|天|周)院', '住了*(一周|几天)', '住了*#天', '住过院', '洗过*胃', '放了*支架', '做了*支架', '搭了*桥', '药调了', '调了药', '现在挺好', '后遗症', '复健', '复查', '随访', '控制住', '控制得', '稳定', '#年了', '好几年', '多年了', '几年了', '老毛病',
] as const;

/** Articles, lectures, forms: talk about emergencies, not an emergency (whole sentence). */
export const KNOWLEDGE_MEDIA = [
  // 讲做的视屏 is an IME's 讲座的视频; X的视屏 is a video of X (跟爷爷视屏 alone is a video call, 讲做完饭 is 讲 + 做饭).
  '讲座', '将座', '讲做的', '的视屏', '视屏*回放', '回放', '科普', '文章', '视频', '直播', '课程', '培训', '公众号', '转发', '宣传', '海报', '手册', '资料', '家族史',
  '家族病史', '填表', '表格', '问卷', '一栏', '选项', '勾选', '演练', '演示', '模拟', '纪录片', '新闻', '口诀', 'befast', '小知识',
  '急救知识', '急救课', '急救常识', '急救指南', '那篇', '这篇',
  // A film about it asked after (那个heart attack的电影你们看过没): a story, as FICTION is; 看心梗的电影时胸口疼 is not one.
  '的(电影|电视剧)(你|你们|大家|有人|看过|好看)',
  // What was seen or said on television (在电视上看到有人吃了毒蘑菇): a broadcast; 电视上面放着的药, 电视里在放节目时 are not.
  // (电视里说…, a run-on sentence later telling a real event, is left live: the media cue silences its whole sentence.)
  '电视[上里](看到|看见|播|报道|演)', '电视[上里]说*有人',
  // A plot asked about as fact (那个癫痫发作的情节是真的吗).
  '的情节', '情节是真的',
] as const;

/**
 * A video or phone call with a relative (跟我妈视频, 开视频, 视频通话): the person on the other end is telling
 * what is happening to them now. A KNOWLEDGE_MEDIA or REPORTED match inside one of these is no media.
 */
export const LIVE_CALL = [
  '视频通话', '视频电话', '视频聊天', '微信视频', '打*视频', '开*视频', '视频连线', '视频*(跟|和|给)*(她|他|妈|爸|爷|奶|婆|公|姥)*(说话|聊天|讲话|聊)',
  '(跟|和|与|同|给)(我|我们|咱|咱们|你|你们)视频',
  // 外婆刚刚视频的时候脸一边垂下来了, 刚才视频我爸说话含糊: a video call just now, not a video someone watched (视频里, 视频号).
  '(刚|刚刚|刚才)视频(了|完|过|的时候|时候|时|中|聊|通话|电话|连线|看到|看见|发现)',
  '(刚|刚刚|刚才)视频(我|他|她|爸|妈|爷|奶|婆|公|姥|老伴|老公|老婆|儿子|女儿|孩子)',
  // 我妈刚才视频，说话有点含糊: the relative on the call, named before it (我妈刚才在视频里看到 is a video: 在 breaks it).
  '(他|她|爸|妈|爷|奶|婆|公|姥|老伴|老公|老婆|儿子|女儿|孩子)(刚|刚刚|刚才)视频',
  // A family member's own words passed on (转发我老婆的话：“孩子才七周…”): what is happening to them now.
  '转发*(老婆|老公|媳妇|爱人|妈|爸|家里人|家人|女儿|儿子|姐|哥|妹|弟)*的话',
  '(跟|和|与|同|给)*(妈|爸|爷|奶|婆|公|姥|儿子|女儿|孩子|老伴|老公|老婆|媳妇|哥|姐|弟|妹|家里|家人|他|她)*视频',
  // Whoever is with the person, on a call (保姆视频里说孩子打翻了热水壶): named right before 视频, never a gap (邻居发的视频 is a forward).
  // …and only when what follows tells of the call (保姆视频里讲的育儿知识, 邻居视频里说吃醋能降压 are videos watched).
  '(保姆|护工|月嫂|育儿嫂|家政|看护|邻居|养老院|幼儿园)视频(说|过来|给我|跟我|告诉|打过来)',
  '(保姆|护工|月嫂|育儿嫂|家政|看护|邻居|养老院|幼儿园)视频里说(孩子|宝宝|我|老人|老太太|老爷子|爷爷|奶奶|爸|妈|外婆|外公|姥姥|姥爷)',
] as const;

/**
 * Before a mention in its clause: what follows is what an article, a video or someone said (看了个视频说洗澡时
 * 突然头痛可能是脑出血) — reported, not happening, even with 突然 in it.
 */
export const REPORTED = [
  '(讲座|科普|文章|视频|直播|公众号|新闻|抖音|快手|书上|网上|tiktok|小红书|刷到)*[说讲]', '歌[里词]*唱', '歌词', '听说', '据说', '听人说', '听别人说',
] as const;

/**
 * After a dream cue, what ends the dream: waking (醒来, 惊醒, 起床, 睁开眼: 做梦惊醒后胸口剧痛 is real) or the story moving on
 * to what happened after it (后来, 然后, 今天早上, 一直…). A new clause about the member (梦里都是他，我活不下去了) ends it too
 * (context.ts, where clauses are known).
 */
// 的时候 and 看着看着 end a film's plot as well (看《新闻联播》的时候他突然说不出话: it happened while watching).
export const DREAM_ENDS = ['的时候', '时候', '看着看着', '看到一半', '现在', '这会', '此刻', '真的', '醒', '起来', '起床', '起身', '睁开', '睁眼', '起夜', '后来', '然后', '之后', '以后', '结果', '今天', '早上', '一早', '一直'] as const;

/**
 * The DREAM_ENDS that end a film's plot too: the time of watching or of now. The plot's own sequence (吃了毒蘑菇以后满地抽搐,
 * 然后, 结果, 醒过来) stays in the plot.
 */
export const FICTION_TOLD_ENDS = [
  '的时候', '时候', '看着看着', '看到一半', '现在', '这会', '此刻', '今天', '早上', '一早',
  // …and a sequence word that moves on to someone in the room or the watcher's own body (然后老头子突然倒地, 结果孩子把一整瓶
  // 吃了, 然后看着就觉得胸口压着疼): the plot's people are named by their role (主角, 女主), ours by who they are to us.
  '(然后|后来|结果|以后|看完)*(老人|老头|老太|大爷|大妈|孩子|儿子|女儿|觉得|感觉)',
] as const;

/** After a dream cue, how a new clause about someone awake starts (梦里都是他，我活不下去了; 梦见我爸了，现在胸口疼): the dream ends there. */
export const AWAKE_CLAUSE_STARTS = ['我', '老', '孩子', '宝宝', '娃', '现在', '这会', '此刻', '结果', '给'] as const;

/**
 * A new clause about someone else (梦里被人追，他胸口疼得厉害): it ends a dream only when no waking (醒) is told after it
 * (梦见我爸中风了，他嘴歪了，吓醒了 is all the dream).
 */
export const AWAKE_OTHER_STARTS = ['他', '她', '爸', '妈', '爷', '奶', '外公', '外婆', '姥'] as const;

/** Someone a story is told about, right around the time of day that starts it (下午我爸嘴歪了): context.ts reads cues after it. */
export const STORY_PEOPLE = ['我', '他', '她', '俺', '爸', '妈', '爷', '奶', '公', '婆', '孩子', '宝', '娃', '儿子', '女儿', '老伴', '姥', '外婆', '老人'] as const;

/** After a dream cue, a pain that woke the member or lasts till now (梦里心口疼，一直疼到现在; 被胸口疼疼醒): none of it was a dream. */
export const DREAM_REAL = ['[疼痛]醒', '[疼痛]起来', '到现在', '现在还'] as const;

/**
 * A film, drama or novel whose plot is being told (剧里那个老太太昏过去了, 追剧看到女主割腕): like a dream,
 * what happens in it did not happen, until the story ends (DREAM_ENDS: 看剧的时候我爸突然倒了 is told). Bare 电影 or 电视
 * is not among them: 看电视看到一半胸口疼 happened while watching.
 */
export const FICTION = [
  '电影里', '电影中', '电影上', '戏里面', '剧里面', '电影里面', '电影里头', '里头那个人', '里面那个人', '片里', '片中', '剧里', '剧中', '戏里', '书里', '小说里', '剧情', '情节', '男主', '女主', '主角', '配角',
  '那一集', '这一集', '美剧', '韩剧', '日剧', '港剧', '泰剧',
  // A story being written (我最近在写小说，里面有个角色吃了一整瓶安眠药).
  '写小说', '写剧本', '有个角色', '这个角色', '那个角色', '小品里', '小品中',
] as const;

/**
 * After a film's plot (FICTION), what shows the telling has moved to real life: a relative or the member named (看到男主角
 * 死了我爸哭得喘不上气, 这一集还没看完，奶奶突然昏过去了叫不醒), or the time of watching (那段时, 中途, 放完). 他/她 are not
 * among them, nor a child named inside a clause: a plot is told about 他, 她 and 孩子 as well.
 */
export const FICTION_ENDS = [
  '我', '俺', '咱', '爸', '妈', '爷', '奶', '外公', '外婆', '姥', '老公', '老婆', '老伴', '媳妇', '丈夫', '妻子', '宝', '娃', '孙',
  '[段集场]时', '中途', '放完', '看完', '唱完',
] as const;

/** A child who opens a clause after a film's plot (看到主角跳楼那段，儿子说…): real life again (context.ts). */
export const FICTION_CHILD_STARTS = ['儿子', '女儿', '孩子'] as const;

/** "If / in case": the rest of the sentence is hypothetical. */
export const HYPOTHETICAL = [
  '如果', '万一', '假如', '要是', '一旦', '假设', '若是', '倘若', '遇到有人', '碰到有人', '遇到*情况', '碰到*情况', '发现有人', '有人*的话',
  '的话该', '以后发烧', '以后*要注意', '以后*注意',
  // a dream (梦到我掉水里淹死了): what was dreamt did not happen — what follows waking did (see DREAM_ENDS)
  '梦到', '梦见', '梦着', '做了个梦', '梦里',
  // a film's or a drama's plot (剧里那个老太太吃错药昏过去了): a story, which ends like a dream (FICTION)
  ...FICTION,
  // a question about the next time (以后她再发烧, 下次再抽): what to do then, not what is happening now
  '(以后|下次|将来|今后)*再*(发烧|发热|烧|抽|犯)', '怕他', '怕她', '怕孩子', '怕宝宝', '怕老人', '担心他', '担心她', '担心*会', '怕*会',
] as const;

/**
 * Now, in so many words (clause): a PAST cue without one of these describes only the past, even with
 * 突然 in it (上周有一次右手突然麻了 is last week's event).
 */
/** What closes a hypothetical before a later clause: a question about it or a regret (万一是中风怎么办，…; 要是早点…就好了，…). */
export const HYPOTHETICAL_CLOSERS = ['怎么办', '咋办', '怎么弄', '吗', '呢', '就好了', '就好啦'] as const;
/** A wish about the past (要是能早点发现就好了): the clause ends its hypothetical; what follows is told as it is. */
export const REGRETS = ['就好了', '就好啦', '就好喽', '该多好'] as const;
/** A later clause told as happening (…，我爸刚才…, …，已经五分钟了): a non-dream hypothetical ends there. */
export const TOLD_NOW = ['刚才', '刚刚', '现在', '已经', '还在', '正在', '这会'] as const;
/** A hypothetical closed by its own question (要是真出事我怎么办，我老公忽然倒地…): a later clause about someone, not itself a question, is told. */
export const ASKED = ['怎么办', '咋办', '吗', '呢'] as const;

/** A now that tells an age, not a symptom (现在八岁了, 现在都三十了): no now cue. */
/**
 * 现在 that dates nothing present: an age, and 现在好了 (前年遭心梗 现在好了: the attack stays in its year). 现在好了 is no
 * recovery word either: a fit or a chest pain of a moment ago that has passed (刚才抽了两分钟现在好了) is still told now.
 */
export const NOT_NOW = ['(上个月|上月|上周|上礼拜|上星期|去年|前年|上次|那次|那天)*半夜', '现在*#岁', '现在(都|也|已经|都已经)#了', '今年*#岁', '现在好了', '现在(早就|早都|早|都|也|已经)好了', '今天(问|想问|来问|咨询|打听)', '救护车*还没[来到]的时候', '等*救护车的时候'] as const;

export const NOW = [
  // Waiting for the ambulance is now, whatever year was named before it (大伯前年走了 我爸急性心梗 救护车还没来).
  '救护车*还没[来到]', '救护车*在路上', '在等*救护车', '等着*救护车',
  '现在', '刚才', '刚刚', '正在', '又', '还在', '这会', '此刻', '今天', '今早', '今晚', '到现在', '至今', '一直没好', '没好', '救命', '马上',
  '这两天', '今儿', '赶紧', '昨晚', '半夜', '开始', '一直', '越来越', '以前没', '以前从没', '以前从来没', '没这样过', '从来没这样',
] as const;

/**
 * Anywhere in a message: how to use a rescue device (AED怎么用, 除颤仪怎么操作) — knowledge, but only when
 * the message tells of nobody in trouble now (DEVICE_IN_TROUBLE): "有人倒了，AED怎么用" is an emergency.
 */
export const DEVICE_HOWTO = [
  '(aed|除颤器|除颤仪|除颤机|自动体外除颤)*(怎么用|怎样用|如何用|如何使用|怎么使用|怎样使用|怎么操作|如何操作|使用方法|用法)',
  '(怎么用|怎样用|如何用|如何使用|怎么使用|怎样使用|怎么操作|如何操作)*(aed|除颤器|除颤仪|除颤机)',
] as const;

/** With a DEVICE_HOWTO question, any of these (or a NOW / acute cue) says someone is in trouble now. */
export const DEVICE_IN_TROUBLE = [
  '有人', '倒', '晕', '昏', '醒', '反应', '呼吸', '心跳', '抽', '不动', '地上', '救命', '快', '急', '120', '疼', '痛', '闷', '喘',
  '他', '她', '我爸', '我妈', '老人', '孩子',
] as const;

/** Anywhere in a message: it asks to learn, for later (the whole message is knowledge, not an event). */
export const LEARNING = ['咋防', '咋预防', '了解一下', '为什么说', '想了解', '了解下', '搞清楚', '作业', '早点防', '怎么防', '怎么预防', '如何预防', '想先学', '先学学', '想学学', '以防万一', '提前了解', '想提前(了解|学|知道|准备|预防)', '提前*(整明白|弄明白|搞明白|搞清楚)', '学一下', '想了解一下', '防患于未然', '有备无患', '资格证', '备考', '平时遇到*(这种|这样)', '(下周|下个月|周末|过几天|明天)*要去*(爬山|露营|徒步|旅游|野营)', '家里没人(这样|那样|有)', '身边没人(这样|那样|有)'] as const;

/**
 * A medicine kept at home (家里备着) asked how to use for a later time (发作的时候硝酸甘油怎么含？家里备着): learning, but
 * only with STOCKED_HOWTO and STOCKED_WHEN and nothing acute or now in the message — 家里备着救心丸，我爸胸口疼含了三粒也不行
 * and 我爸胸口疼得厉害，家里备着救心丸怎么吃 are events.
 */
/**
 * Asking first (先问问) is a lesson only beside a what-if or a threshold (血压量到180/110是不是就得叫救护车了？先问问):
 * 先问问你们，我妈胸口疼了一个小时 asks about what is happening.
 */
export const ASK_FIRST = ['先问问'] as const;
export const ASK_FIRST_WHAT_IF = ['是不是就', '算不算', '如果', '万一', '要是', '的话', '多少算', '到多少', '的时候', '该怎么', '应该'] as const;

export const STOCKED_AT_HOME = ['家里备着', '在家备着'] as const;
export const STOCKED_HOWTO = ['(怎么|咋|如何|怎样)(含|用|吃|服|喷|打|放|保存)'] as const;
export const STOCKED_WHEN = ['的时候', '万一', '要是', '如果', '平时', '以后'] as const;

/** Right before a disease name: it happened before (得过心梗, 那年心梗), whatever else the clause says. */
// 遭过 is Sichuan for 得过 (我老汉儿以前遭过脑溢血).
export const PAST_PREFIXES = ['死于', '得过', '患过', '有过', '发过', '遭过', '那年', '去年', '前年', '年前', '前几年', '前两年', '前些年', '早些年', '以前', '之前', '曾经', '当年', '那次', '上次'] as const;
/**
 * A filler between a past prefix and the disease (前几年那个脑出血, 前几年遭了心梗): still the prefix's. Sichuan 遭了
 * reaches here as 糟了 (normalisation reads it as the exclamation).
 */
/**
 * A year or more ago, right before any event (前年出车祸那条腿现在阴天就疼, 前些年心梗下过支架): the event is that year's,
 * whatever 现在 the same run of words says after it. Minutes-ago words (之前, 上次) are PAST_PREFIXES of diseases only.
 */
export const YEARS_AGO_PREFIXES = ['年轻时候', '年轻时', '年轻的时候', '那年', '去年', '前年', '年前', '前几年', '前两年', '前些年', '早些年', '早几年', '当年', '那几年'] as const;
// …and the person it happened to, between the year and the event (前年我妈中风 等救护车等了四十分钟).
export const PAST_PREFIX_FILLERS = [
  '那个', '这个', '那场', '那次', '的', '遭了', '糟了', '得了', '犯了',
  '我爸', '我妈', '我爹', '我娘', '老爸', '老妈', '爸爸', '妈妈', '爷爷', '奶奶', '外公', '外婆', '姥姥', '姥爷', '我老公', '我老婆', '他', '她',
] as const;

/** Long-past events (clause). Recent days (昨天, 前天) are deliberately absent. */
/** A comparison with the past describes now (出血比以前多, 比上次喘得厉害): not a past cue. */
// A full date (2026年12月7日) stamps the message; 2019年 alone is the past (PAST).
export const PAST_COMPARISONS = ['20#年#月#[日号]', '比以前', '比上次', '比上回', '跟以前比', '和以前比', '跟上次比', '比从前', '以前没有这么', '以前没这么', '岁时常', '岁时不时', '岁时有时', '没以前', '没有以前', '不如以前', '以前从没', '以前从来没', '以前*(身体|血压|血糖)*[挺很都一直]*(好|正常)',
  '(跟|和|像|同|与)*(上次|上回|以前|去年|前年|那次|那回|小时候|从前)*(一样|那样|似的|差不多|一个样)',
  // Not the past either: 上 + 回来 (头撞到石头上回来吐了两次) holds 上回 without meaning "last time".
  '上回来', '上回去', '上回家'] as const;

/** A habitual past (以前都是好好的): the past, unless something in its window sets it against now (CONTRAST). */
export const HABITUAL_PAST = ['以前都是', '以前一般'] as const;

/** Words that set what follows against a habitual past (以前都是…这次…, 以前都是好好的突然…): then it describes now. */
export const CONTRAST = ['这次', '这回', '这一次', '这两天', '今天', '现在', '刚才', '突然', '忽然', '结果', '但是', '可是'] as const;

export const PAST = [
  '去年', '前年', '#年的事', '[五六七八九]几年', '[五六七八九]十年代', '前两年', '#岁的时候', '#岁时', '#岁那年', '19#年', '20#年', '大前年', '#年前', '几年前', '多年前', '早年', '年轻时', '年轻的时候', '年轻时候', '小时候', '以前', '曾经', '当年',
  '那年', '那次', '上次', '上回', '#个月前', '前#周', '前#个星期', '几个月前', '上个月', '上半年', '年初', '从前', '早些年', '那时候', '那会儿', '那会', '得过', '有过',
  '出过', '前几天', '上周', '上礼拜', '上星期', '前段时间', '前阵子', '前几年', '前些年', '早几年', '那几年',
  // An earlier birth (头胎的时候, 生老大的时候): what happened then is history in this pregnancy.
  '(头胎|第一胎|上一胎|生老大|怀老大)*的时候',
  '既往', '生我的时候', '生我那年', '生我时', '出生时', '出生的时候', '刚出生时', '生下来时', '生下来的时候',
] as const;

/**
 * Long ago (三年前我大出血过一次，吐了一脸盆的血…后来做了胃镜治好了): with STORY_END later in the sentence, the sentence is
 * that old story, in every clause after it that says nothing of now. Without an end (三年前做过支架，胸口压着疼，一身冷汗)
 * the later clauses are told as now. Recent days (前几天, 上周) are left out: a cold last week and breath short now is
 * told the same way.
 */
export const LONG_AGO = [
  '去年', '前年', '大前年', '#年前', '几年前', '多年前', '早年', '年轻时', '年轻的时候', '年轻时候', '小时候', '当年', '那年',
  '#岁的时候', '#岁那年', '#岁时', '19#年', '20#年', '早些年', '前几年', '前些年', '早几年', '那几年', '生我的时候', '生我那年',
] as const;

/** How an old story ends (后来治好了, 幸亏邻居发现得早, 出院了): the events before it are over. */
// A bare 后来 or 最后 is no end: it also tells what happened next now (…胸口压着疼，后来出了一身冷汗, 最后晕倒了).
export const STORY_END = ['后来*(好了|恢复|康复|没事|痊愈|控制住)', '后来*(查|诊断|确诊)*是', '(幸亏|幸好|好在)*(发现得早|发现的早|送得早|送的早|及时|救回来|抢救|送医|送到医院|没事)', '治好', '出院', '痊愈', '没复发', '抢救过来', '救回来', '捡回*命'] as const;

/** Claims and policies (clause): 重疾险心梗能赔吗, 胸痛的理赔材料. */
export const INSURANCE = [
  '保不保', '包不包', '按*标准*赔', '算意外', '意外还是疾病', '算疾病', '包括', '包不包括', '算不算', '特疾险', '疾险', '疾病险', '重大疾病', '符合*条件', '能不能报销',
  '理赔', '赔付', '赔吗', '能赔', '赔钱', '赔多少', '保险', '保单', '投保', '核保', '报销', '保额', '重疾', '医疗险', '意外险', '寿险',
  '防癌险', '惠民保', '险种', '条款', '保障', '续保', '退保', '保费', '买*险', '免责', '等待期', '拒赔', '健康告知', '才赔', '怎么赔',
  '赔不赔', '免赔', '不赔', '既往症', '在不在里面', '在不在范围', '在里面吗', '包不包含', '包含*吗', '保障范围', '在不在保障', '属不属于',
  // an event named as a policy's cover (猝死保险金, 猝死责任包不包括心梗, "does it include a heart attack")
  '猝死保险', '猝死责任', '猝死保障', '保险金', '身故', '包含', '特药', '都算吗', '合同里', '怎么定义', '再赔', '还赔', '[能可]不[能可]以*赔',
  // A policy's list of diseases (重疾险的那个病种里面有没有那个急性心肌梗塞).
  '病种', '里面有没有',
] as const;

/**
 * Whether a kind of event is claimable (烫伤这种能报吗) and what generally causes a condition (晕倒一般什么原因): talk only
 * when the clause before it tells no event of its own (context.ts TOLD_EVENT_RE: 孩子刚烫伤了一大片这种能报吗 is an event),
 * and 能报 is never 能报警 / 能报120.
 */
export const CLAIMABLE_KIND = ['(这种|这类|这样的)*(能报|可以报|给报)'] as const;
export const GENERAL_CAUSE = ['一般*(什么|啥|哪些)原因'] as const;

/** Asking how to recognise a condition (clause): 如何判断是不是心梗. Outweighs hedges like 是不是. */
export const KNOWLEDGE_HOW = [
  '急救方法', '处理方法', '以防万一', '想学', '的时候*怎么急救', '如何急救', '注意什么', '注意些什么', '注意哪些', '注意点啥', '注意些啥', '怎么预防', '怎么做', '如何做', '怎么防', '防止',
  '有哪些症状', '什么症状', '哪些症状', '早期症状', '早期表现', '哪些表现', '什么表现', '怎么判断', '如何判断', '怎么区分', '如何区分', '(怎么|如何)(分辨|鉴别|区别)', '什么原理', '的原理',
  '就算', '算不算', '算很危险', '有哪些*信号', '早期信号', '哪些信号', '什么信号', '怎么识别', '如何识别', '区别', '有什么不同', '(有什么|有啥|哪里|哪儿|哪些)不一样', '不一样吗', '不一样的', '有什么不一样', '什么区别',
] as const;

/**
 * Not knowing what something present is (不知道是啥蛇, 不晓得是什么病): uncertainty about what is happening
 * now, not a knowledge question; it is taken out before KNOWLEDGE is looked for (是啥 and 是什么病 are in it),
 * except before 意思 (不知道是什么意思 asks what a word means).
 */
export const UNSURE_WHAT = ['(不知道|不晓得|不清楚|搞不清|搞不懂|说不清)(是啥|是什么|啥)', '还是(啥|什么)'] as const;

/** Prevention and general knowledge (clause). */
export const KNOWLEDGE = [
  // Whether it comes back (高热惊厥以后还会再犯吗): a question about the condition, not an attack now.
  '以后*还会*再*[犯发抽]', '以后*会不会*再*[犯发抽]',
  '论文', '现实[中里]*是这样', '写一篇*(论文|文章|综述|科普|报告|作文|关于|有关)', '防*(中风|心梗|脑梗|溺水|中暑|摔倒|跌倒|触电|烫伤|烧伤|噎)', '科谱', '早期*症[状装]*(哪些|什么|哪几)', '(哪些|什么)*早期*症[状装]', '诊断是', '诊断为', '查出是', '查了是', '预防', '防治', '防范', '识别', '听说', '据说', '网上说', '了解一下', '常识', '知识', '是什么意思', '是啥', '啥是', '什么是', '是什么病', '一回事', '怎么定义', '的定义', '系咩', '咩嚟', '系乜', '系什么'] as const;

/**
 * What a doctor or a test said a thing is (医生说是心梗, 查了说是低血糖): knowledge about what is named after it in the
 * clause; never about a symptom told before it (嘴角歪了，他自己说是累的: the face droops now).
 */
export const HEARSAY = ['说他是', '说她是', '说是'] as const;
/** A finding named without 说 (查出来是心绞痛, 检查结果是骨折): a diagnosis, read as a clinician's 说是 is. */
export const FOUND_TO_BE = ['查出来是', '查出是', '检查出来是', '诊断是', '确诊是', '结果是'] as const;
/**
 * The speaker right before 说是 (医生说是心梗, 医生看了说是心绞痛, 片子说是骨折): a clinician or a test — a diagnosis, which
 * makes what follows knowledge. Only right before it: 医生你好我爸说是胸口疼 is the father speaking. Anyone else, a
 * neighbour or a colleague included (邻居说是我爸中风了), is passing on what is happening now.
 */
export const DIAGNOSERS = ['医生', '大夫', '医院', '诊所', '查了', '查出来', '检查', '化验', '诊断', 'ct', '片子', '报告', '检查结果', '化验结果', '专家'] as const;


/** Right before a disease name: the person has the condition (有心梗, 确诊脑梗). */
export const CHRONIC_PREFIXES = [
  // 我爸和叔叔都是心梗: relatives who have the condition (family history).
  '都是', '都有', '都得过', '都患过', '有', '患有', '患', '患过', '得过', '有过', '确诊', '确诊为', '确诊是', '诊断', '诊断为', '诊断是', '查出', '查出来', '查出是', '查出来是'] as const;

/** Right before a disease name, a claim about what causes it (吃太多坚果会中风, 熬夜容易脑梗): talk, as CHRONIC_PREFIXES. */
export const CAUSE_CLAIM_PREFIXES = ['会', '就会', '容易', '易'] as const;

/**
 * Earlier in the clause of a disease name, another household's story passed on (听邻居说她家老头吃了保健品就脑梗了, 我朋友说她老公
 * 喝了酒就中风了): the disease is theirs and told as a story, even with 了 after it — unless ACUTE_WEAK is in the clause.
 * 邻居说是我爸中风了 names our own family, and stays live.
 */
/**
 * Heard second-hand of someone outside the family (听邻居说隔壁老王…, 听说楼下…, 听我邻居说她侄子…): whatever follows in the
 * clause is their story unless it is happening now (NOW). 听说我爸… is our own family and is not this.
 */
export const HEARD_OF_OTHERS = [
  '听*(邻居|朋友|同事|别人|人家|网友|亲戚|同学|熟人)*说*(隔壁|楼下|楼上|对门|她|他|邻居|朋友|同事|亲戚|同学|熟人)',
  '听说*(隔壁|楼下|楼上|对门|邻居|朋友|同事|亲戚|同学|熟人)',
] as const;

/** With HEARD_OF_OTHERS, the member is called to help now (叫我帮忙开车, 我们怎么办, 我赶过去): happening, not a story. */
export const HEARD_OF_OTHERS_HELP = ['我们怎么办', '现在怎么办', '叫我', '找我', '帮帮', '赶过去', '过去看'] as const;

export const OTHERS_STORY = ['(邻居|朋友|同事|别人|人家|网友|亲戚|同学|熟人)*说*[她他](家|老公|老婆|老伴|老头|男人|媳妇|爸|妈|儿子|女儿|爷爷|奶奶)'] as const;

/** Right after a disease name: it is happening (中风了, 心梗发作) — outweighs DISEASE_TALK, not step 4. */
export const EVENT_SUFFIXES = ['了', '啦', '发作', '犯了', '又犯'] as const;

/** Anywhere in the clause of a disease name: talk about the condition, not an event. */
export const DISEASE_TALK = [
  '患者', '病人', '病友', '家属', '吃什么', '饮食', '能吃', '注意什么', '注意事项', '护理', '怎么治', '治疗', '遗传', '症状', '表现',
  '先兆', '征兆', '前兆', '风险', '几率', '概率', '原因', '引起', '导致', '是什么', '高发', '易发', '容易', '的人', '药', '住院',
  '手术', '支架', '搭桥', '溶栓', '针灸', '锻炼', '训练', '偏方', '保健品', '体检', '筛查',
] as const;

/**
 * Everyday words no criterion needs but the pinyin reader must know (translate/pinyin.ts builds its
 * dictionary from every lexicon word): without them a syllable becomes the symptom character most
 * used with its sound — tang shui read 烫水 (a scald) instead of 糖水, chu le dian han 出了电汗 (an
 * electric injury) instead of 出了点汗.
 */
export const EVERYDAY_WORDS = ['糖水', '喝糖水', '出了点', '一点', '有点', '点汗', '一杯', '一杯子', '已经觉得', '空腹', '饭后', '餐后'] as const;
