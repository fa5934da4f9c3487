import type { TermGroup } from './types';

/**
 * Concepts for the red-flag kinds of docs/reference/clinical-triage.md §3 beyond the
 * first eleven (core-groups.ts): the person at risk, tearing pain, pulse, burns, head injury, trauma and
 * environment, pregnancy, children's fever, overdose, anaphylaxis triggers, GI bleeding, farewell
 * messages. Same phrase syntax as core-groups.ts (see ../../pattern.ts). Numbers (age, temperature,
 * pulse, minutes, tablets, readings) are read by code and arrive as the groups listed in COMPUTED_GROUPS.
 */
export const MORE_GROUPS = {
  // ── the person ─────────────────────────────────────────────────────────────
  elderly: {
    phrases: [
      '老人', '老年人', '养老院', '敬老院', '爷爷', '奶奶', '外公', '外婆', '姥姥', '姥爷', '老爷子', '老太太', '老太', '老父亲', '老母亲', '老伴',
      '公公', '婆婆', '岳父', '岳母', '丈人', '丈母娘', '老头', '阿公', '阿婆', '阿嬷', '阿爷', '阿嫲', '老爸', '老妈', '高龄', '老奶奶', '老爷爷',
      '太婆', '太公', '祖母', '祖父', '老汉', '家公', '家婆',
    ],
  },
  anticoagulant: {
    phrases: [
      '阿司匹林', '华法林', '波立维', '氯吡格雷', '利伐沙班', '拜瑞妥', '达比加群', '泰毕全', '艾多沙班', '阿哌沙班', '替格瑞洛',
      '倍林达', '抗凝', '抗血小板', '肝素', '稀释血', '血液稀释', '防血栓*药', '通血管*药', '支架*药', '活血*药',
      // IME picks for 华法林 with the first character wrong, which the homophone repair leaves alone (homophones.ts).
      '化法林', '华发林', '滑法林',
    ],
  },
  pregnant: {
    phrases: [
      '怀运', '怀[云晕允韵匀]', '两条杠', '两道杠', '验孕*阳性', '早孕', '[二三四]十*周了', '[234]#周了', '生育险', '生育', '孕检', '怀孕', '孕妇', '孕期', '孕早期', '孕中期', '孕晚期', '怀孕#[周个月]', '孕#周', '孕#个月', '#周孕', '待产', '身孕', '有喜', '怀了',
      '怀着', '二胎', '三胎', '预产期', '胎儿', '胎心', '产检', '怀宝宝', '怀*宝宝', '肚子里*宝宝', '宝宝*肚子里', '孕妈', '准妈妈',
      '老婆*怀', '媳妇*怀', '有身孕', '怀着孩子', '怀孩子', '大着肚子', '挺着*肚子', '怀胎', '保胎',
    ],
  },
  infant_words: {
    phrases: ['出生*#[周天]', '出生第#[周天]', '新生儿', '刚出生', '刚生下来', '出生#天', '满月', '没满月', '未满月', '不满月', '月子里', '坐月子', '早产儿', '小月龄', '刚满月'],
  },
  child: {
    phrases: [
      '老二', '老三', '二宝', '大宝', '孩子', '小孩', '宝宝', '儿子', '女儿', '娃', '孙子', '孙女', '外孙', '小朋友', '闺女', '婴儿', '幼儿', '小宝', '宝贝', '崽', '细路',
      '囡', 'bb', '幼儿园', '小学', '一年级', '二年级', '三年级', '孩', '小家伙', '小子', '丫头', '侄子', '侄女', '外甥',
    ],
  },
  diabetic: {
    phrases: ['糖尿病', '血糖高', '打胰岛素', '打*胰岛素', '二甲双胍', '降糖药', '糖友', '糖人'],
  },
  hypertensive: {
    phrases: ['高血压', '血压高', '降压药', '血压*一直*高', '血压*偏高'],
  },

  // ── fever in children ─────────────────────────────────────────────────────
  fever: {
    phrases: [
      '摸着*烫', '耳温', '额温', '发烧', '发热', '高烧', '低烧', '烧到', '烧了', '烧得', '高热', '烧*度', '体温*[高升到]', '体温#', '烫手', '额头*烫', '身上*烫', '头*滚烫',
      '浑身*烫', '退烧', '烧还', '烧不退', '反复烧', '又烧', '一直烧', '烧起来', '在烧', '有点烧', '有些烧', '有点儿烧',
    ],
  },
  child_danger: {
    phrases: [
      '抽', '惊厥', '叫不醒', '喊不醒', '不是好应', '不太应', '叫*都*不*应', '嗜睡', '一直睡', '睡*叫不', '蔫', '叫*都不醒', '都*不醒', '叫*不太醒', '叫也叫不', '不肯吃', '没精神', '精神差', '精神不好', '精神*很差', '昏睡', '喂奶*不吃', '奶*不吃', '吃奶*很少', '几乎不吃奶', '软绵绵', '软塌塌', '不吃奶',
      '拒奶', '不肯吃奶', '不喝奶', '吃不进', '喂不进', '不喝水', '按*不[褪退]', '压*不[褪退]', '按*不*[褪退]', '压*不*[褪退]', '紫红*[点斑疹]', '不褪色', '不退色', '紫斑', '出血点', '瘀点',
      '瘀斑', '紫色*[点斑疹]', '[点斑疹]*紫', '喘', '呼吸*[快急困难费]', '鼻翼*扇', '肋骨*凹', '脖子*[硬僵]', '颈*[硬僵]', '低头*[困难不]',
      '囟门*[鼓凸]', '前囟', '哄不[好住]', '哭声*[弱小]', '哭*没力气', '尿*[少没]', '没尿', '嘴唇*[干紫青]', '手脚*[冰凉发紫]', '翻白眼',
      '反应*[差迟慢]', '没*反应', '不认人', '一直*吐', '吐*(好几次|不停)', '喷射*吐',
    ],
  },
  fever_mild: {
    phrases: ['疫苗', '打完针', '出牙', '长牙', '捂热', '穿多了'],
  },
  postpartum: {
    phrases: ['生完孩子', '生完宝宝', '产后', '剖腹产后', '顺产后', '乳腺', '乳房', '涨奶', '堵奶', '奶*[红肿疼硬]', '喂奶*[疼痛]', '媳妇', '老婆', '产妇'],
  },

  dka_breath: {
    phrases: ['喘气*[深快]', '呼吸*深', '烂苹果', '又深又快'],
  },
  dka_signs: {
    phrases: ['呕吐', '一直*吐', '想吐', '恶心', '吐了', '肚子*[痛疼]', '呼吸*[深快急]', '喘*粗气', '烂苹果', '犯困', '想睡', '迷糊', '叫不醒'],
  },

  came_round: {
    phrases: ['就好了', '没有不舒服', '人好了', '已经好了', '恢复正常', '好好的', '没事', '现在好了', '好多了', '恢复了', '醒了', '醒过来', '马上*醒', '很快*醒', '现在*好了', '没事了', '恢复了', '就醒', '自己*起来', '清醒了', '人*清醒', '神志清[醒楚]', '意识清[醒楚]',
      // 醒来以后说话走路都正常: awake and back to normal (the gap never crosses 不, so 醒来后还是不正常 is not this).
      '醒来*(说话|走路|一切|人|都)*正常'],
  },
  /**
   * Everyday words that contain a one-character symptom (抽 is a convulsion, but 抽血 is a blood draw):
   * a mention of any group lying inside one of these, and shorter than it, is not a mention
   * (red-flags.ts collectMentions). 抽筋 is not here: parents also call a febrile fit 抽筋.
   */
  ordinary_words: {
    phrases: ['抽血', '抽了血', '抽了[一两三几]管血', '抽了[一两三几]次血', '抽完血', '抽过血', '抽烟', '抽空', '抽时间', '抽奖', '抽签', '抽屉', '抽查', '抽样', '抽中'],
  },
  /** Dizziness for a while (头晕了一阵, 头有点晕了一会): it cancels the faint phrase inside it. */
  dizzy_spell: {
    phrases: ['头晕了一[阵会]', '头*晕了一[阵会]'],
  },
  faint: {
    phrases: ['晕倒', '晕过去', '昏倒', '晕厥', '昏过去', '晕了一下', '晕了一阵', '晕了一会', '晕了过去', '晕了*[两三几好]*[回次]', '连着*晕'],
  },
  faint_serious: {
    phrases: ['[两几三好]次', '[两几三好]回', '连着', '又*晕', '磕', '撞', '摔伤', '流血', '受伤', '骨折', '抽', '胸[痛闷]', '心慌', '喘'],
  },

  // ── pregnancy ──────────────────────────────────────────────────────────────
  preg_bleeding: {
    phrases: ['出雪', '出血', '流血', '见红', '有血', '血*[流出]', '阴道*血', '下面*血', '血块', '[褪裤]子*血', '出了*血', '大出血', '[褐粉]色*分泌物', '咖啡色*分泌物', '分泌物*(褐|咖啡|粉|红)', '纸上*(粉|红|褐|咖啡)', '内裤上*(粉|红|褐|咖啡)', '件红', '纸上有*(粉|红|褐|咖啡)', '一点点*(粉|褐|咖啡)色',],
  },
  preg_heavy_bleeding: {
    phrases: ['大出血', '出血*[很好]多', '流血*[很好]多', '血*止不住', '一直*流血', '血*湿透', '[很好]多血', '血块', '卫生巾*[湿透满]', '像*月经*多'],
  },
  upper_belly: {
    phrases: ['上腹*(不舒服|难受|痛|疼|胀|堵|闷)', '胃*(不舒服|难受|痛|疼|堵|胀|闷)', '心口*(不舒服|难受|堵|闷)', '心窝*(不舒服|难受)', '胃口*[堵闷]', '(胃|上腹|心口|心窝|肚子上边|肚子上面)(那|这)[块儿里边片]*(不舒服|难受|痛|疼|堵|胀|闷|顶|压)', '胃*[顶压][得的]*(慌|难受|不舒服)', '胃*顶着'],
  },
  belly_pain: {
    phrases: [
      '肚子*[痛疼]', '腹*[痛疼]', '小腹*[痛疼坠]', '下腹*[痛疼坠]', '肚子*[坠胀绞]', '腹部*[痛疼]', '肚子*一阵*[痛疼紧]', '宫缩', '肚子*发硬',
      '肚子*紧', '肚子*抽', '肚子*[痛疼][得的]', '腰*酸*肚子',
    ],
  },
  waters_broke: {
    phrases: ['破水', '羊水*破', '破了*羊水', '羊水*[流漏出]', '一大股水', '有水*往下流', '水*往下流', '裤子*湿了', '[一大]股*水', '流出*水', '一大[滩摊]水', '水*破了', '流*[好很]多水', '下面*[流哗]*水', '[流哗]*水*[止停]不', '一股*水', '水*流个不停', '漏尿*[止停]不'],
  },
  /** Fluid from somewhere else (耳朵流出黄水, 伤口流脓水): cancels the waters phrase it overlaps unless she is pregnant. */
  not_waters: {
    // 水泡已经破了 is a blister that burst.
    phrases: ['黄水', '脓水', '浓水', '(耳朵|耳|眼睛|眼|鼻子|鼻|伤口|疮|嘴|口|肚脐|水泡)*[流出冒渗]*水', '[水血]泡*破'],
  },
  /** Fluid told without 羊水 or 破水 (好多水流出来, 裤都湿了): waters breaking only in a pregnancy. */
  water_gush: {
    phrases: ['[好很]多水', '水*流出', '水*[流淌]下', '裤*湿[了透]', '一股*水', '[流淌]*水'],
  },
  fetal_movement: {
    phrases: ['胎[动冻东]*[少减没停不弱]', '没*胎[动冻东]', '没*感觉到*胎动', '没怎么*胎动', '没感觉到*动', '不怎么动', '不*胎动', '宝宝*不动', '孩子*不动了', '(宝宝|孩子|胎儿)*没怎么[动踢]', '(宝宝|孩子|胎儿)*没[动踢]过', '感觉不到*动', '感觉不到*胎动', '胎心*[没弱慢快]'],
  },
  /**
   * Before 24 weeks (孕16周, 怀孕十八周, 孕早期): movements are not yet felt every day, so "还没感觉到胎动" is a
   * question about when they start, not fewer movements. Weeks spelled out, as the phrase syntax has no ranges.
   */
  early_pregnancy: {
    phrases: [
      '孕[123456789]周', '孕1[0123456789]周', '孕2[0123]周', '孕[一二三四五六七八九十]周', '孕十[一二三四五六七八九]周', '孕二十[一二三]周',
      '孕[12345]个月', '孕[一二三四五两]个月', '怀孕[12345]个月', '怀孕[一二三四五两]个月', '(我|现在)[一二三四五六七八九十]周', '(我|现在)十[一二三四五六七八九]周',
    ],
  },
  no_movement: {
    phrases: ['(才|只|就)动了*#[下次回]', '(才|只)动#[下次回]', '没*感觉到*动', '(宝宝|孩子|娃|胎儿|他|她)*动得*少', '动得*(少了|很少|特别少)', '没动静', '没有动静', '没*动静', '还是没动', '(几乎|基本|都)没动', '(孩子|娃|宝宝|baby)*(不动了|没动静|没动)'],
  },
  preg_vision: {
    phrases: ['看不清', '眼花', '视物模糊', '看东西*[闪模糊花]', '一闪一闪', '冒金星', '脚*肿', '腿*肿', '眼前*[发黑冒金星]', '眼睛*模糊', '看东西*模糊', '水肿*[厉害严重]', '脸*肿', '腿*肿*[厉害很]'],
  },

  // ── burns ──────────────────────────────────────────────────────────────────
  burn: {
    phrases: [
      '[汤油水粥茶]*(打翻|扯翻|洒|泼|倒|浇|淋)', '滚油', '烫红', '烫*红', '烧焦', '烧*黑', '电*[烧灼]*黑', '烫伤', '烧伤', '灼伤', '烫了', '烫到', '烫着', '被*烫', '开水*[烫浇泼洒倒]', '热水*[烫浇泼洒倒]', '热油*[烫溅]', '油*溅', '汤*[烫洒泼]',
      '粥*[烫洒泼]', '汤*[浇淋]', '火*烧到', '着火', '烧着', '被火', '烧了*[手脸腿脚身]', '化学*[烧灼]', '硫酸', '强碱', '强酸', '石灰*[眼溅]', '洁厕*溅',
      '被电*[烧灼]', '电*(烧伤|灼伤)', '炸伤', '烟花*[伤炸]', '(鞭炮|炮仗|烟花|爆竹|二踢脚|炮竹|摔炮)*[崩炸]', '[油酸碱水]*泼到', '泼到*[手脸身脖]', '起火', '油锅*[着起]火', '火*燎', '[裤衣服]*着了', '[手脸腿脚身背胸]*烧了', '烧了*一大片', '[碱酸]*溅', '溅到*[眼脸]', 'naoh', '氢氧化钠', '盐酸', '化学品*[溅伤]', '开水*烫伤', '锅*[翻倒]*[身腿]', '皮*烫*掉',
    ],
  },
  burn_severe: {
    phrases: [
      '一大片', '大片', '大面积', '整条*[腿胳膊手臂]', '整个*[手臂后背胸前肚子腿]', '半个*身', '全身', '[两几三好]个巴掌', '[23456789四五六七八九十]个巴掌', '[123456789]0个巴掌', '十几个巴掌', '几十个巴掌',
      '变白', '变*白', '脸', '面部', '头面', '眼睛', '下体', '下身', '会阴', '私处', '生殖', '发白', '皮*[白黑焦]', '焦了', '烧焦', '不疼了*[白黑]', '皮革',
      '化学', '硫酸', '强碱', '强酸', '电', '石灰', '衣服*[粘脱]', '起*[很好]多*泡', '水泡*[很好]多', '一片*水泡', '嘴', '喉咙', '呼吸',
    ],
  },
  hot_liquid: {
    phrases: ['汤', '油', '开水', '热水', '粥', '茶', '滚水'],
  },
  blister: {
    phrases: ['起*[大水]泡', '水泡', '起泡'],
  },
  burn_palm: {
    phrases: ['巴掌大', '手掌大', '巴掌那么大', '手心大'],
  },
  burn_hand: {
    phrases: ['手上', '手背', '手掌心', '手心', '手掌*[烫烧炸崩黑]', '双手', '两只手', '整只手', '手被', '手烫', '烫*手', '手*烫'],
  },
  burn_minor: {
    phrases: ['硬币大', '硬币大小', '指甲盖大', '一块*小', '一个水泡', '起了个*泡', '一个泡', '一点点', '一下', '小块', '手指', '指头', '一个小', '小泡', '红了一点', '有点红', '一小'],
  },

  stroke_deficit: {
    disease: true,
    phrases: ['偏瘫', '半身不遂'],
  },
  limb_fine: {
    phrases: ['没事', '没问题', '没什么', '没啥'],
  },
  injury_context: {
    phrases: [
      '摔了一跤', '摔倒', '摔了', '崴了', '扭伤', '骨折', '车祸', '跌倒', '撞到', '磕到', '一动就[疼痛]', '屁股着地', '跌亲', '跌伤', '滑倒', '绊倒',
      // Cantonese: 跣亲 (slipped), 扭亲, 拗柴 (a sprained ankle).
      '跣亲', '跣倒', '跣低', '扭亲', '拗柴', '崴脚', '扭到脚', '踩空', '坐*落地', '跌坐',
      '[滑摔跌绊]了*跤', '[滑摔跌绊]*一跤',
    ],
  },

  // ── head injury ────────────────────────────────────────────────────────────
  /** Words ending in 头 that are not the head (脚趾头撞门框, 手指头砸到): they cancel the head_hit they overlap. */
  not_head: {
    phrases: ['脚趾头', '脚指头', '手指头', '指头', '拳头', '骨头', '舌头', '石头', '木头', '枕头', '码头', '镜头', '眉头', '锄头', '榔头', '罐头', '馒头', '丫头'],
  },
  head_hit: {
    phrases: [
      '头*着*地', '头先着', '[磕可]到*[头脑]', '后脑勺*碰', '头*碰到', '碰到*头', '头*[磕撞砸碰摔]', '[磕撞砸碰]*头', '[磕撞砸碰摔]到*[头脑额]', '后脑勺*[磕撞着地摔]', '[磕撞摔]*后脑勺', '头着地', '脑袋着地',
      '头部*[受伤外伤撞击]', '头*[破]了', '头破', '脑袋*[磕撞砸碰摔]', '[磕撞砸碰]*脑袋', '额头*[磕撞碰破]', '[磕撞碰]*额头', '砸到*头',
      '头上*[肿包]', '头*起*包', '脑震荡', '颅脑', '摔[到了伤]*头[部上]', '摔*头[磕破着]', '头*摔', '脑壳*[撞磕摔]', '脑瓜*[撞磕摔]', '太阳穴*[撞磕]', '[撞磕]*太阳穴',
    ],
  },
  head_red: {
    phrases: [
      '吐', '呕', '迷糊', '糊涂', '嗜睡', '犯困', '想睡', '一直睡', '叫不醒', '不清醒', '晕', '抽', '耳朵*[流出]*[血水]', '鼻子*[流出]*[血水]',
      '看不清', '头*越来越[痛疼]', '说话*不清', '不认识', '记不得', '想不起', '昏', '流了*[很好]多血', '血*止不住', '瞳孔', '没反应',
      '手脚*[麻无]', '站不稳', '走路*不稳', '重复问', '反复问', '一直问', '问*同[样一]', '同样的问题', '刚说*就忘',
    ],
  },

  /**
   * The signs of a bleed that shows days after a knock to the head, each a medical symptom in itself
   * (unlike 晕 or 看不清 alone): with any head_hit, even one told as over, an emergency.
   */
  head_red_late: {
    phrases: [
      '一直吐', '吐了*[好几]*次', '反复吐', '又吐', '喷射*吐', '叫不醒', '不清醒', '迷迷糊糊', '糊涂', '嗜睡', '一直睡', '反应*[慢迟]', '没反应',
      '头*越来越[痛疼]', '说话*不清', '不认识', '重复问', '反复问', '站不稳', '走路*不稳', '抽搐', '抽筋', '手脚*[麻无]', '一边*没劲',
    ],
  },

  worst_ever: {
    phrases: ['这辈子*没*这么[痛疼]过', '这辈子*没*这么[痛疼]', '从来没*这么[痛疼]过', '从来没*这么[痛疼]', '没这么[痛疼]过', '最[痛疼]的一次', '一辈子*没*这么[痛疼]', '(像|跟)*(抡|敲|砸|劈)*(棍|锤|一下)'],
  },
  head_word: {
    phrases: ['头', '脑袋', '后脑', '脑门'],
  },

  asthma_attack: {
    phrases: ['哮喘发作', '哮喘*犯', '喘病*犯', '哮喘*发了'],
  },

  // ── aortic dissection ──────────────────────────────────────────────────────
  tearing_pain: {
    phrases: [
      // 撕裂样 and its longer forms are also what homophone repair matches (撕列一样 → 撕裂一样; it repairs words of 3+ characters).
      '撕裂', '撕裂样', '撕裂般', '撕裂一样', '撕裂的', '撕裂痛', '撕开', '像*撕', '撕着', '刀割', '刀*割', '刀子*拉*口子', '撕似', '撕一样', '往*两边撕', '拿刀*撕', '刀*[往向]*撕', '撕扯*[痛疼]', '撕着*[痛疼]', '拿刀*[割划拉]', '像*刀子*[割划拉撕]', '像*刀*在*[割划拉撕]', '像*刀*[割划拉]', '拉口子', '刀*[捅扎]', '被*劈开', '裂开*[痛疼似]', '[胸背]*裂开', '主动脉夹层', '动脉夹层', '夹层',
    ],
  },
  back_pain: {
    phrases: ['后背', '背*[痛疼]', '背部', '腰背', '肩胛', '胸*[痛疼]', '胸口', '肚子', '腹'],
  },

  // ── arrhythmia ─────────────────────────────────────────────────────────────
  palpitations: {
    phrases: [
      '心慌', '心悸', '心跳*[快乱急猛]', '(心口|心脏|心)*跳[得的]*乱', '心*乱跳', '心*怦怦', '心*砰砰', '心*扑通', '心跳*[漏停]', '心脏*(乱跳|狂跳|停跳)', '心*突突',
      '心跳*[好很特别]*快', '心跳*[慢]', '心率*[低慢]', '心跳*不齐', '心律*不齐', '房颤', '室速', '心*狂跳', '心跳得*厉害', '心*蹦出来',
    ],
  },
  faint_near: {
    phrases: [
      '胸口*有点*[痛疼闷]', '胸口*开始*[痛疼闷]', '晕', '眼前*[发黑一黑]', '站不住', '站不稳', '要倒', '倒下', '晕倒', '晕过去', '晕厥', '差点*[倒晕]', '发黑', '黑朦', '昏',
      '胸*[痛疼闷]', '出冷汗', '脸*[白青]',
    ],
  },

  // ── trauma and environment ─────────────────────────────────────────────────
  fall_height: {
    phrases: [
      '从*(楼梯|树|房顶|屋顶|梯子|脚手架|阳台|窗户|高处|楼上|二楼|三楼)*[摔掉跌滚坠栽]', '[摔掉跌滚]下楼', '[摔掉跌坠滚]下*(楼梯|台阶|房顶)', '坠落', '坠楼', '高处*[摔坠掉跌]',
      '[摔掉跌]*#米', '#楼*[摔掉跌]', '#米高', '#米多高', '#米来高', '房檐*[掉摔跌]', '[二三四五六两]楼那么高', '#层楼那么高', '[一二三两四五]层楼*高', '(梯子|树上|树|房顶)*[摔掉跌]下来', '一层楼*高', '层楼*高', '(阁楼|楼梯|梯子|房顶|屋顶|树上|脚手架|阳台|二楼|三楼)上*[摔掉跌滚]', '跳楼', '失足*[摔掉跌]',
    ],
  },
  /** A low fall spelled with a number (半米高, 几十公分): cancels the height phrase it overlaps. */
  fall_low: {
    phrases: ['半米', '零点#米', '#公分', '#厘米', '不到#米', '一米以下', '不到一米', '一米不到'],
  },
  traffic: {
    phrases: [
      '车祸', '被车撞', '被*车*撞', '撞车', '出车祸', '翻车', '追尾', '被*车*[碾刮压]', '电动车*[摔撞翻]', '摩托*[摔撞翻]', '骑车*[摔撞]',
      '交通事故', '被撞', '撞飞', '刮倒', '电瓶车*[撞刮]', '[被遭]*车*撞', '车*刮倒', '撞倒', '被*撞倒', '车*压*[腿脚人]',
    ],
  },
  injury_sign: {
    phrases: [
      '血', '骨折', '骨头', '变形', '动不了', '起不来', '站不起', '昏', '晕', '没反应', '喘', '吐', '[痛疼][得的]*[厉害不行受]', '肿', '断了',
      '受伤', '伤', '腿*[歪弯]', '流', '疼', '痛', '送医院', '叫不醒', '不能动', '动弹不得',
    ],
  },
  drowning: {
    phrases: [
      '溺水', '遇溺', '落水', '掉*[水河塘池湖海江井]里', '掉进*[水河塘池湖海江井]', '淹着', '淹了', '淹水', '被淹', '呛水', '捞上来', '救上来', '水里*捞',
      '水里*救', '游泳*(沉|抽筋|没上来)', '沉下去', '泳池*[沉晕]',
    ],
  },
  electric: {
    phrases: ['[让被叫]电*[打击]', '电打了', '被[电点]到', '触电', '被电', '电到', '电击', '漏电', '电*打到', '雷劈', '雷击', '被雷', '电线*[碰摸]', '插座*[电摸]', '电*弹开'],
  },
  bite_danger: {
    phrases: ['被[蛇舍]咬', '[蛇舍]咬了', '蛇咬', '被蛇', '毒蛇', '蛇*咬', '咬*蛇', '蝎子', '毒蜘蛛', '水母*[蛰蜇]', '马蜂', '胡蜂', '黄蜂', '被*蜂*[蛰蜇叮]*[很好]多'],
  },
  bite_object: {
    phrases: ['咬烂', '咬坏', '咬破了*(鞋|衣|沙发|包|线)'],
  },
  bite_animal: {
    phrases: ['狗咬', '被狗', '狗*咬', '猫*[抓咬]', '被猫', '被*咬', '老鼠*咬', '猴子*[抓咬]', '狂犬'],
  },
  come_quick: {
    phrases: ['快来', '快点来', '赶紧来', '快叫人'],
  },
  heat_stroke: {
    phrases: ['中暑', '中[署薯曙]', '热射病', '热*晕', '晒*晕', '高温*[晕倒]', '太阳*晒*[晕倒]', '闷热*[晕倒]', '热得*[晕迷糊]', '热衰竭'],
  },
  heat_red: {
    phrases: ['迷糊', '糊涂', '胡话', '胡说', '汗都没有', '没*汗', '汗*[都也]不出', '浑身*烫', '不出汗', '没汗', '皮肤*[烫干]', '身上*烫', '高烧', '晕倒', '晕过去', '叫不醒', '抽', '吐', '神志', '昏', '体温*[高4]', '不清醒'],
  },
  /** Hours in the sun (晒了一下午): heat stroke only with its signs (hot, confused, not sweating). */
  heat_exposure: {
    phrases: ['晒了*(一下午|一上午|一整天|一天|半天|大半天|好几个小时|几个小时|一晌午)', '(大太阳|烈日|毒太阳|大热天)*干活'],
  },
  cold_exposure: {
    phrases: ['冻僵', '冻*[昏晕]', '失温', '冻了*(半宿|一宿|一夜|半夜|一晚)', '在外*冻*(迷糊|叫不醒)', '冻*迷糊', '低体温', '冻得*(不会说|叫不醒|迷糊)', '冻伤*(严重|发黑)', '冰天雪地*[倒躺]', '雪地里*[倒躺]', '雪*一夜*(发抖|说不出|迷糊|叫不醒)', '一夜*雪*(发抖|说不出|迷糊|叫不醒)'],
  },
  open_fracture: {
    phrases: ['骨头*[戳露穿]出', '骨头*露出来', '骨头*戳出来'],
  },
  stab: {
    phrases: ['被*[捅砍扎刺]', '刀*[捅扎刺]*[进伤]', '[捅扎刺]伤', '扎进*[肚胸身肉]', '钢筋*[扎插]', '插进*[身肚胸]', '[砍割]伤*[深大]', '伤口*[很好]深'],
  },
  /**
   * A nail, pin or splinter through a hand or foot (被铁钉扎了脚): a wound to clean and a tetanus
   * question for a doctor today, not a stab wound; it cancels the `stab` mention it overlaps.
   */
  limb_puncture: {
    phrases: ['被*(铁钉|钉子|图钉|铁丝|针|木刺|竹签|玻璃|仙人掌)*[扎刺]*[脚手指掌腿]', '(铁钉|钉子|图钉|铁丝|木刺|竹签)*[扎刺]*[脚手指掌腿]'],
  },
  food_poisoning: {
    phrases: ['摘*菇', '山上*菇', '野菇', '菇*[吐呕拉]', '食物中毒', '吃坏*[肚子东西]', '吃了*(剩|隔夜|变质|馊|野)', '野生菌', '野蘑菇', '毒蘑菇', '菌子', '见小人', '一家*都*[吐拉]', '[几好]个人*都*[吐拉]'],
  },
  /** Wild or unknown mushrooms (reference §3 poisoning: mushrooms) — with any symptom, an emergency. */
  wild_mushroom: {
    phrases: ['野蘑菇', '野生菌', '毒蘑菇', '菌子', '野菇', '(采|摘|捡|挖)*(蘑菇|菌|菇)', '山上*(蘑菇|菌|菇)', '不认识的*(蘑菇|菌)', '路边*(蘑菇|菌)'],
  },
  mushroom_signs: {
    phrases: ['吐', '呕', '恶心', '拉肚子', '拉稀', '腹泻', '拉了', '一直拉', '肚子*[痛疼]', '腹[痛疼]', '头晕', '晕', '看东西*[花重双模]', '眼花', '手脚*麻', '出汗', '没力气', '幻觉', '小人'],
  },
  food_poison_red: {
    phrases: ['一家*都', '全家*都', '都在*[吐拉]', '看东西*花', '脸*白', '看不清', '眼花', '又拉又吐', '又吐又拉', '上吐下泻', '肚子痛*[厉害]', '[两几三]个人*都', '缩成一团', '[吐拉]*(不停|止不住|好几|十几)', '拉*水', '脱水', '没*尿', '站不[起住稳]', '晕', '迷糊', '血', '抽', '看东西*[重双]', '幻觉', '小人', '手脚*麻', '喘', '说话*不清', '吞咽*困难', '眼皮*抬不'],
  },

  // ── poisoning and overdose ─────────────────────────────────────────────────
  overdose: {
    phrases: [
      '吃了*[一整半][瓶盒板]', '吞了*[一整半][瓶盒板]', '[一整半][瓶盒板]*[药片]*[吃吞]', '把*药*[全都]*吃', '药*全吃了', '药*都吃了', '吃了*[很好]多*药',
      '吞了*[很好]多*药', '药*吃了*[很好]多', '药*吃多了', '药*吃过量', '药*吃过头', '吃药*过量', '过量*[服吃]', '[吃服]*过量', '吃了*一把', '吞了*一把', '[吃吞]了*[一两几]把*药',
      '药*[吃吞]了*[一整半][瓶盒板]', '偷吃*药', '把*药*当*糖', '药*当*糖*吃', '吃了*大人*药', '吃了*奶奶*药', '吃了*爷爷*药', '误服', '误食',
      '误吞', '误喝', '误吃', '吃错*药', '喝错*药', '[吃喝]*[双两多]*份*药', '重复*[吃服]*药', '多吃了*[几好]*[片粒颗]', '药*[吃服]了*[两三几]倍',
      '打成了*(诺和锐|优泌乐|速效|短效|门冬|赖脯|餐时|诺和灵r)', '(长效|基础)*打成*(短效|速效|餐时|诺和锐|优泌乐)',
    ],
  },
  /** A pill from a stranger or at a party, a spiked drink. */
  drug_unknown: {
    phrases: ['来路不明*药', '有人给*[一颗粒片]*药', '别人给*[颗粒片]*药', '陌生人给*药', '摇头丸', '嗑药', '迷药', '被*下药', '给*下了药', '不明*药物'],
  },
  overdose_mild: {
    phrases: ['维生素', '钙片', '益生菌', '多吃了一片', '多吃了一粒', '多吃一片', '多吃一粒', '鱼油', '叶酸', '感冒药*一片', '保健品'],
  },
  pesticide_exposure: {
    phrases: ['农药', '打药水', '打农药', '喷农药', '洒农药', '[吃喝服]了*农药', '吃*农药', '误*农药', '农药*[溅吸]'],
  },
  poison_signs: {
    phrases: ['头晕', '想吐', '恶心', '吐', '看东西*模糊', '视物模糊', '流口水', '口水*多', '一身汗', '出汗', '抽', '喘', '没力气', '站不稳', '迷糊', '瞳孔'],
  },
  alcohol_danger: {
    phrases: ['喝*酒*(叫不醒|昏|没反应|吐血)', '喝醉*(叫不醒|昏|没反应)', '醉*(叫不醒|没反应|昏)', '酒精中毒', '喝[断多]片*[叫不醒]', '喝了*[一整两]瓶*白酒', '白酒*[一整两]瓶'],
  },
  co_source: {
    phrases: ['烧炕', '火炕', '炕', '炉子', '炭火', '煤炉', '烧炭', '火锅*炭', '煤气', '燃气', '热水器', '门窗*[紧闭关]', '关着门窗', '车*[里库]*[睡发动]', '车库', '炭盆', '暖气*[烧煤]', '烤火', '蜂窝煤',
      // A charcoal stove for hot pot indoors (炭炉, Cantonese 打边炉) and the windows shut (闩晒).
      '炭炉', '炭锅', '木炭', '打边炉', '窗*[关闭闩]', '[窗门]*闩'],
  },
  co_severe: {
    phrases: ['迷糊', '站不住', '站不稳', '晕倒', '叫不醒', '昏', '不省人事', '抽', '糊涂'],
  },
  co_group: {
    phrases: ['[几两三好]个人*(都晕|头晕|头疼|头痛|脑袋疼|恶心|吐)', '[全一]家*(都晕|头晕|头疼|头痛|脑袋疼|恶心|吐)', '一家*口*都', '大家都*(晕|头晕|吐)', '都*(头晕|头疼|想吐|恶心|犯困)', '一起*[晕头晕]'],
  },

  // ── anaphylaxis: triggers and the other systems ────────────────────────────
  allergy_more_trigger: {
    phrases: ['[吃食]完*(花生|坚果|虾|蟹|海鲜|芒果)', '[吃食]了*(花生|芒果|海鲜)', '吃了*(坚果|腰果|杏仁|榛子|核桃|鸡蛋|牛奶|虾|蟹|贝|蚕蛹|猕猴桃|芒果|菠萝)', '阿莫西林', '青霉素', '头孢', '[被让]*(蜜蜂|马蜂|黄蜂|蚂蚁|蜂)*[蛰蜇叮咬]', '[蛰蜇]了', '打了*[针疫苗]', '打完*[针疫苗]', '吃了*(药|头孢|阿莫西林|消炎药|止痛药|布洛芬)', '吃完药', '吃了*药*[后以后之后]', '用了*药', '碘', '造影', '输液', '挂水', '吊瓶'],
  },
  /** A blood-pressure drug: a drop in pressure and blackouts after one is the drug working too well, not an allergy. */
  bp_drug: {
    phrases: ['降压药', '降压片', '硝苯地平', '氨氯地平', '络活喜', '拜新同', '缬沙坦', '厄贝沙坦', '氯沙坦', '替米沙坦', '美托洛尔', '倍他乐克', '吃了*降压'],
  },
  /** Pressure told as fallen (血压降到九十/五十, 掉到85): with a BP drug and blackouts, a doctor today. */
  bp_drop: {
    phrases: ['血压*(降到|掉到|低到|降得|掉得|太低|很低|偏低|只有)'],
  },
  bp_drop_signs: {
    phrases: ['头晕', '头昏', '眼前*[黑花]', '发黑', '站不稳', '要晕', '晕乎', '没力气'],
  },
  swelling_face: {
    phrases: ['嘴唇*肿', '嘴巴*肿', '舌头*[肿大]', '眼睛*肿', '眼皮*肿', '脸*肿', '脸*[胀大]', '面部*肿', '喉咙*[紧肿堵]', '嗓子*[紧肿堵]', '喉头*[紧肿]', '猪头'],
  },
  hives_whole: {
    phrases: ['全身*(疹|风团|疙瘩|包|红|痒)', '浑身*(疹|风团|疙瘩|包|红|痒)', '满身*[疹疙瘩包红]', '一身*[疹疙瘩包]', '大片*(疹|风团|红)', '荨麻疹', '风团', '起疹子', '身上*起*[疹包疙瘩]',
      // 全身起大片的疙瘩, 浑身起了好多红的疙瘩: more than one gap's worth of words between the body and the wheals.
      '[全浑满]身*起*(疹|风团|疙瘩|包)', '[全浑满]身*起*[好很]多*(疹|风团|疙瘩|包)', '大片*(疙瘩|包)'],
  },
  /**
   * One patch of skin red, swollen and hot (一大片红肿发烫, spreading from a bite or a scratch): cellulitis, a
   * doctor today — not hives; it cancels the hives mention it overlaps.
   */
  skin_local: {
    phrases: ['大片*红肿', '一片*红肿', '红肿*(发烫|发热|烫)', '红*往外扩', '红*(在|往)*扩'],
  },
  other_system: {
    phrases: ['喘', '呼吸*(困难|急促|费劲|快|不上|不过)', '憋', '胸闷', '头晕', '晕', '肚子*痛', '吐', '拉肚子', '心慌', '嗓子', '喉咙', '肿', '站不住', '眼前发黑', '声音*[哑变]'],
  },

  // ── GI bleeding ────────────────────────────────────────────────────────────
  gi_bleed_upper: {
    phrases: ['吐*咖啡', '咖啡*[色渣]*吐', '吐*[黑褐]*[水东西渣]', '呕*咖啡', '吐出*血', '吐了*血', '吐[血写]', '呕血', '吐了*[小大半一]*盆', '吐*暗红'],
  },
  coffee_ground: {
    phrases: ['咖啡[色渣扎样]', '像咖啡', '咖啡一样', '酱油色*[吐呕]'],
  },
  vomit: {
    phrases: ['吐', '呕'],
  },
  gi_black_stool: {
    phrases: ['拉出来*血', '大便*出来*血', '[拉便]出*血', '拉*血*[一二两三几]次', '黑便', '柏油*[便样]', '大便*[黑柏油]', '拉*黑*[便屎大]', '[屎便]*[发黑黑色]', '拉*柏油', '便血', '拉血', '大便*血', '便*鲜血', '拉了*血'],
  },
  gi_shock: {
    phrases: ['头运', '头晕', '晕', '眼前发黑', '心慌', '出冷汗', '出汗', '没力气', '乏力', '站不住', '脸*白', '嘴唇*白', '很多', '好多', '大量', '一马桶', '不停'],
  },

  /** Bleeding that stopped and started again (又开始流了, started again): it is not stopped. */
  bleeding_again: {
    phrases: ['又开始*[流出]', '又[流出]血', '又流', '又出血'],
  },
  /** …and stopped again too (下午又流了一次，也是压一会就好). */
  bleeding_again_stopped: {
    phrases: ['又[流出]了一次*[也都]*(压|按)*[就好停止]', '也是*(压|按)*一会*就好', '也是*[就已]*止住'],
  },
  bleeding_stopped: {
    phrases: ['止住了', '止住', '血*[纸只指]住了', '不流了', '压*[就已]*停了', '就停了', '没流血了', '没再流', '没有流血', '血*停了', '不出血了', '冇流血'],
  },
  not_blood: {
    phrases: ['眼泪', '流泪', '鼻涕', '口水', '汗', '脓', '黄水'],
  },
  blood_word: {
    phrases: ['血', '流血', '出血'],
  },
  wound: {
    phrases: ['咬', '割', '切到', '切了', '划', '伤口', '刀', '扎', '玻璃', '砸', '磕破', '摔破'],
  },
  uncontrolled: {
    phrases: [
      '止不住', '止不了', '还在[流渗冒出]', '一直[流冒渗]', '往外[冒涌喷]', '流个不停', '不停*流', '[按压捂]了*#分钟', '[按压捂]*都*(没用|止不住)', '湿透', '一直不停',
      '#分钟*还在', '越流越多',
    ],
  },

  // ── seizures: duration, repetition, first, pregnancy ───────────────────────
  seizure_repeat: {
    phrases: ['[抽又]了*[两三几好]次', '一直*抽', '连续发作', '发作*[两三几好]次', '中间*没*醒', '没有醒过来', '白泡', '口吐白泡', '抽*(没醒|醒不过来)', '第一次*抽', '从来没*抽过', '抽*不停', '又*抽*起来', '连着*抽', '抽完*又抽'],
  },

  // ── self-harm: acts, plans, farewells ──────────────────────────────────────
  self_harm: {
    phrases: [
      '对不起*(大家|所有人|你们|家人|爸妈)', '永别', '再见了*(大家|你们|各位)', '下辈子', '照顾好*(自己|孩子|爸妈|我妈)', '帮我*照顾', '替我*照顾', '别找我', '不用找我',
      '遗言', '后事', '银行卡*密码', '存款*[密码留]', '最后*(一次|一条)*消息', '活不下去', '撑不下去', '不想*撑', '想*消失', '消失*算了',
      '不想*存在', '没*活路', '死*算了', '结束这一切', '去死', '买了*(安眠药|刀片|绳子|木炭|炭)', '攒了*药', '准备*(跳楼|跳河|跳下去|结束自己|结束生命)', '站在*(楼顶|天台|桥上|窗台|楼边)',
      '在*(楼顶|天台)上', '在楼顶', '在天台', '该走了', '也该走了', '割了*[手腕腕]', '划了*(手腕|几刀)', '自己*划*手', '割腕', '拿刀*[划割]', '吞了*[刀片药]', '喝了*(农药|百草枯)', '不想醒', '睡*(不醒|过去)算了',
      '(手腕|腕)*[割划]', '药*攒够', '攒够*药', '安眠药*[都也]*准备好', '安心*走', '就可以*走了', '不麻烦你们了', '就不麻烦*了', '今晚之后', '不想*活', '结束一切', '不想*拖累', '不想*连累', '成为*负担', '是*累赘', '拖累大家', '遗书', '绝笔', '轻生', '自残', '伤害自己', '自伤', '了断', '解脱了', '离开*(世界|人世)', '跳下去', '跳[楼河江桥]',
    ],
  },
  suicide_passive: {
    phrases: ['活着没意思', '活着没意义', '活着*累', '活着还有什么意思', '活着*没*意思', '活着*没*意义', '没意思*活着', '人生*没意义', '想解脱', '不想再*(拖累|连累)'],
  },
  suicide_insurance: {
    phrases: ['自杀*(不赔|免责|条款|理赔|保险|赔)', '[两2]年内*自杀', '自杀*[赔吗]', '自杀*责任', '自杀*算不算', '自杀*能[赔报]'],
  },
  farewell: {
    phrases: ['以后好好的', '你们*好好的', '今晚走了', '[今明]晚就走', '[今明]天就走', '对不住', '对不起', '永别', '再见了', '这些年*谢谢', '谢谢*这些年', '谢谢*这几年', '这几年*谢谢', '谢谢*[这些几]年*照顾', '不麻烦*了', '别难过', '别*找我', '照顾好*(自己|妈|爸|儿子|女儿|孩子|老人|家)', '来世', '下辈子', '谢谢*一直*关心', '多谢*一直*关心'],
  },
  /** Saying one will no longer trouble anyone (不用再烦大家, 再也不拖累你们): a farewell when a time or a goodbye goes with it. */
  farewell_burden: {
    phrases: [
      // 省得再拖累他们, 免得连累孩子
      '[省免]得*(拖累|连累|麻烦)', '不[用使必会]再*(烦|麻烦|拖累|连累|操心)*(大家|你们|家里|家人|任何人|谁)', '再也不*(拖累|连累|麻烦|烦)*(大家|你们|家里|家人)', '不会*(拖累|连累)*(大家|你们|家里|家人)了'],
  },
  farewell_when: {
    phrases: ['(明天|听日|今晚|今天|过了今晚|这次)*(之后|以后|过后)'],
  },
  /** A letter left behind (写了封信给妈, 遗书); thank-you letters are not one. */
  farewell_note: {
    phrases: ['遗书', '绝笔', '[写留]了*信', '[写留]了*(纸条|字条)'],
  },
  letter_ok: {
    phrases: ['谢信', '扬信', '荐信', '绍信', '职信', '请信', '诉信', '书信往来', '锦旗'],
  },
  unreachable: {
    phrases: ['反锁', '锁*门', '拍门*(不应|没反应)', '敲门*(不应|没反应)', '电话*(不接|打不通|关机)', '联系不上', '找不到*人', '人不见了', '不回*消息', '怎么打都不接', '失联'],
  },
  /** Means and a time or an act now (今晚就全吃了, 今晚就结束, 解脱, 不用担心我了): with means kept ready, a plan. */
  plan_now: {
    phrases: ['今晚*(就|要|都)*(全吃|吃掉|吃了|结束|解脱|走)', '[全都]吃[了掉下]', '全部吃', '就*结束', '解脱', '撑不住', '不用*担心我'],
  },
  /**
   * Means kept ready. With a farewell, a wish not to be, or not being a burden (rules.ts suicide) they are a
   * plan; alone, 药都准备好了 and 安排好了 are a trip or a check-up.
   */
  self_harm_means: {
    phrases: ['药*[都也]*准备好', '药*准备好了', '准备好了*药', '安排好了', '翻药箱', '翻*药', '刀*不见', '药*不见', '绳子', '安眠药', '农药', '刀片', '楼顶', '天台', '木炭', '攒*药', '药*攒', '攒了*[两几好一]*[瓶盒板]', '[瓶盒板]*攒'],
  },
  self_harm_slang: {
    phrases: ['想死你', '想死我', '想死您', '笑死', '累死', '困死', '热死', '冷死', '饿死', '吓死', '气死', '烦死', '跳楼价', '跳楼*甩卖', '下辈子*[投胎还]', '去死吧你'],
  },

  // ── a bare call for help (English and pinyin arrive translated) ────────────
  help_bare: {
    phrases: ['就命', '救命', '救救', '快来人', '来人啊', '快来救', '快救', '帮帮我', '求救', '出事了', '出大事了', '快不行了', '不行了*快', '急急急', '十万火急', '快点来'],
  },

  // ── a doctor today (urgent criteria beyond the red-flag kinds, rules.ts URGENT_CRITERIA) ──
  fever_long: {
    phrases: [
      '发烧*[三四五六七八九十]天', '烧了*[三四五六七]天', '[三四五六七]天*[发烧]', '发烧第[三四五六七]天', '烧*#天了', '反复烧', '退了又烧',
      '烧不退', '一直烧', '又烧起来', '退*又烧', '烧了好几天',
    ],
  },
  infection_focus: {
    phrases: [
      '黄痰', '脓痰', '痰*黄', '尿*[痛疼]', '尿频', '尿急', '腰*[疼痛酸]', '又红又[肿热痛]', '红肿热', '咽*(不下|困难|费劲)', '咽口水*费劲',
      '耳朵*[痛疼]', '只耳*[痛疼]', '耳仔*[痛疼]', '耳朵*[流冒渗]*[水脓]', '右下腹', '流脓', '化脓', '浓水', '脓水', '慢阻肺', '下腹*[痛疼]', 
      // a focus told by what it does: passing urine hurts, swallowing hurts, tonsils with pus, a wound or a
      // scar that is red and weeps, yellow-green sputum
      '尿*时候*[痛疼]', '小便*[痛疼]', '(小便|撒尿|排尿)*时候*[痛疼]', '吞*[痛疼]', '咽口水*[痛疼]', '吞口水*[痛疼]', '咽*东西*[痛疼]', '扁桃[体腺]*[肿白脓大]',
      '伤口*(红肿|流脓|渗|流黄水|黄水)', '刀口*(红|渗|流)', '渗*黄水', '流*黄水', 'pus', '黄绿*痰', '痰*黄绿', '咳*黄[绿]*[痰东西]', '牙*[痛疼]*脸*肿', '疮*[红肿]', '[走爬动]*就喘', '咳*[有点]*喘', '(脸|面)*肿',],
  },
  gut_loss: {
    phrases: ['拉肚子', '腹泻', '拉了', '上吐下泻', '水样便', '又吐又拉', '又拉又吐', '一直吐', '吐了', '吐*回', '呕到', '拉*次', '腹泄', '拉稀', '稀水', '稀便', '呕吐', '吐*次', '吐[得的]', '都吐', '吐个不停', '吐到',],
  },
  dehydration: {
    phrases: [
      '喝不进', '水都*[喝饮]不', '饮唔落', '尿*[少没]', '没*尿', '小便*[少没]', '冇乜小便', '嘴[巴唇]*干', '[七八九十几]次', '好几回', '一天*尿了一次', '尿不湿*(才|只)湿', '(才|只)湿了一次',
      '站起来*晕', '没劲', '尿*[少没]', '尿不湿*[都是]*干', '眼泪*[也都]*[少没]', '喝不进水', '喝*水*都吐', '吐到*水*喝不', '[嘴喙]唇*干', '落屎*[七八九十几]摆'],
  },
  /** Eating and drinking far less for a day or more (不肯吃东西，喝水都少了; Minnan 食袂落, 落屎 for loose stools). */
  poor_intake: {
    phrases: ['不肯*[吃食]', '不吃东西', '吃不下*东西', '[饮喝]水*[都也]*少了', '水也不喝', '不*喝水', '食袂落', '食唔落', '[吃食]不落', '不想吃*不想喝', '饭*[都也]*不吃'],
  },
  /** Colicky loin pain (腰背一阵一阵地痛) with red urine or a cold sweat: a stone on the move, a doctor today. */
  renal_colic: {
    phrases: ['[腰背]*一阵一阵*[痛疼]', '[腰背]*绞着*[痛疼]', '[腰背]*绞痛', '肾绞痛'],
  },
  colic_sign: {
    phrases: ['尿*[红血]', '冒冷汗', '出冷汗', '肾结石', '结石'],
  },
  /** A little blood coughed up (咳出血丝, 痰里带血): not a haemorrhage, but a doctor today. */
  hemoptysis_minor: {
    phrases: ['咳*血丝', '咳出*血丝', '痰*带*血', '痰里*[有带]*血', '痰中*带血', '咳*带血'],
  },
  /**
   * Low mood told as what it does (总想哭, 整夜睡不着, 提不起劲) with the member near the end of their
   * strength (快撑不住了): no self-harm said, but a doctor today (suicide words are the emergency above).
   */
  mood_low: {
    phrases: [
      '总[是]*想哭', '老[是]*想哭', '一直*想哭', '整夜*睡不着', '几乎*睡不着', '提不起*[劲精]', '什么都不想做', '不想*上班', '情绪*低落', '心情*低落',
      '抑郁', '焦虑', '莫名其妙*想哭', '当不好妈妈', '觉得*没用',
    ],
  },
  distress: {
    phrases: ['撑不住', '扛不住', '熬不下去', '崩溃', '受不了了', '快疯了', '挺不住'],
  },
  /** A toe or joint that swells up red (痛风犯了, 脚大指拇儿肿起来): with severe pain, a doctor today. */
  joint_flare: {
    // 脚大拇指头…肿起好大，红彤彤的 (a gout flare told plainly).
    phrases: ['[趾指]*[头拇]*儿*肿', '[趾指]*[头拇]*红肿', '痛风*[犯发]', '关节*红肿', '[趾指]*红通通', '拇指头*肿', '红彤彤'],
  },
  joint_word: {
    phrases: ['脚趾', '趾头', '指拇', '大拇指', '关节', '脚踝', '膝盖', '痛风'],
  },
  swelling_now: {
    phrases: ['肿起来', '红肿', '肿了', '红通通'],
  },
  /** Bitten or scratched by a dog or cat with the skin broken: rabies shots start today. */
  animal_bite: {
    phrases: ['[狗猫]*咬', '被*[狗猫]*[咬抓挠]', '[狗猫]*抓[伤破]', '狂犬', '咬了一口', '咬伤'],
  },
  skin_broken: {
    phrases: ['破皮', '出血', '流血', '咬破', '抓破', '见血', '牙印*血', '血'],
  },
  urinary_urgent: {
    phrases: ['尿不出', '尿血', '尿里*[血红]', '血尿', '排不出尿', '小肚子*胀', '尿*[是发]*红', '尿*红色', '尿里*有*血', '小便*[红血]', '小便*红色', '洗肉水', '小便*解不出', '小便*[尿排拉]不出', '[解尿拉排]不出*小便', '一滴*(也|都)*(没|呒没|尿不出|解不出)',],
  },
  acute_abdomen: {
    phrases: ['右下腹*[痛疼]', '肚子*越来越[痛疼]', '腹痛*越来越', '按下去*[更疼痛]', '越来越*[痛疼]*肚子', 
      // the right lower belly told in any word order (肚子右下边痛, 右下肚子疼, 跑到右下边了)
      '右下[边面方侧]*[痛疼]', '肚子*右下*[痛疼]', '右下*肚子*[痛疼]', '右下肚*[痛疼]', '[跑转移]到*右下', '右下*[按压]*[痛疼]', '右下[边面]个肚*[痛疼]',
],
  },
  /** After a knock, walking is fine (能走路, 走路没问题): it bears weight. */
  walks_ok: {
    phrases: ['能走路', '能走', '可以走路', '可以走', '走路没问题', '走路还行', '还能走', '能正常走'],
  },
  injury_urgent: {
    phrases: [
      '崴', '扭伤', '肿得*(像|跟)', '不敢*[沾着落]地', '落不得地', '走不了', '一拐一拐', '瘸', '[痛疼]得*直不起', '手腕*肿', '缝针', '口子*深', '挺深', '很深',
      '好深', '铁钉', '钉子*扎', '生锈', '破伤风', '划*眼', '眼睛*(被|划|撞)', '咬破', '擦破', '肿*一动就[疼痛]', '一动就[疼痛]', '肿得老高', '屁墩',
    ],
  },
  senses_sudden: {
    phrases: ['突然*听不见', '听不见了', '听不清', '耳朵*[嗡响]', '黑点*飘', '一闪一闪*光', '闪光', '视力*下降', '怕光', '眼*红肿', '眼睛*模糊', '听不到', '黑影*飘', '飞蚊', '一闪一闪',],
  },
  skin_urgent: {
    phrases: ['一串*水泡', '眼睛*周围*水泡', '红肿*(扩大|越来越)', '越来越大', '带状疱疹', '带装疱疹', '疱疹', '溃疡*[红肿脓]', '红*热*肿', '一片*水泡', '一排*水泡', '一天比一天[大重]', '红*往上走', '红*在扩大', '红肿*发烫', '红*一大片*烫', '红肿*范围*[变扩]大', '范围*[变扩]大', '范围*大了',
      // a patch or a boil that keeps spreading or is hot to the touch (红了一大片还在往上走, 疮…摸起烫手)
      '(还在|一直|不停)*往(上|外)*(走|扩|蔓延)', '一簇*水泡', '簇*小水泡', '冻伤', '回暖*(红肿|水泡)', '(疮|包|伤口|红肿|肿|脓)*摸*烫', '(疮|包|伤口|红肿|脓)*烫手', '流脓*[发烫热]', '红*肿*热'],
  },
  leg_swelling: {
    phrases: ['(一只|一边|左边|右边|左|右)*(腿|脚|小腿|脚杆)*肿', '腿*越来越肿', '一按一个坑', '(火车|飞机|长途)*#个[钟小]', '(火车|飞机|长途)*#[钟小]'],
  },
  /** With a pulse under 50: tiredness or dizziness, or a drug that slows the heart (a trained athlete has neither). */
  slow_pulse_sign: {
    phrases: ['乏力', '没力气', '没劲', '头晕', '发晕', '眼前发黑', '倍他乐克', '美托洛尔', '比索洛尔', '地高辛', '胺碘酮', 'metoprolol', 'bisoprolol', 'digoxin'],
  },
  medication_issue: {
    phrases: ['inr', '药*吃完了', '开不到药', '多吃了一次', '又吃了一次', '又食多一次', '吃了两次*药', '新药*[疹痒]', '换*药*[疹痒红]', '吃*新药', 
      // a dose taken twice (降压药吃了两道, 吃重了, 多吃了一片)
      '吃了两[道回遍]', '吃重了', '不小心*吃了*两次', '把*药*吃了两次', '药吃了两次', '重复吃了', '多吃了一次', '[吃服]了*两[道回遍]', '多吃了一[片粒颗]', '又吃了一[回道遍]', '又吃了*一[回道遍次]',
],
  },
  /** Something in the eye (眼睛里进了铁屑): metal or glass rusts or cuts, an eye doctor today. */
  eye_foreign: {
    phrases: ['眼*进了*(铁屑|铁渣|铁末|铁丝|异物|玻璃|碎玻璃|木屑)', '(铁屑|铁渣|异物|玻璃渣)*进*眼', '进了(铁屑|铁渣|铁末|玻璃渣|木屑)'],
  },
  /** A red eye with pus (眼睛红, 流脓, 眼屎多): with blurred sight, an eye infection reaching the cornea (a doctor today). */
  eye_infection: {
    phrases: ['眼*红', '眼*流脓', '眼*[有出]脓', '眼屎*多', '眼*分泌物', '眼*黄[水脓]'],
  },
  eye_blur: {
    // 睇嘢有啲矇 reads 看东西有些蒙.
    phrases: ['看东西*模糊', '看东西*不清', '看不清', '视力*[下降差]', '眼*模糊', '眼*蒙', '看*朦胧', '看东西*糊', '看东西*[蒙矇]'],
  },
  /** A fever told with how many days it has lasted (发烧三日, 烧了一周), in the same clause. */
  fever_days: {
    phrases: ['[三四五六七八九十][天日]', '一周', '一个星期', '一个礼拜', '好几天', '几天了'],
  },
  /** A fever that was days ago or is over (三天前发烧, 已经退了): not a fever lasting days. */
  fever_over: {
    phrases: ['[三四五六七八九十]天前', '[三四五六七八九十]日前', '退了', '不烧了', '退烧了', '烧退了'],
  },
  calf: {
    phrases: ['小腿', '腿肚', '小腿肚', '脚脖子', '脚踝', '腿'],
  },
  leg_swollen: {
    // 右小腿比左边粗了一圈: one leg thicker than the other is how a swelling is often told.
    phrases: ['肿', '粗了*圈', '比*[粗肿]'],
  },
  /** What makes a swollen calf a clot: surgery, a long journey, bed rest, a cast. */
  dvt_risk: {
    phrases: ['手术', '开刀', '术后', '飞机', '长途', '火车', '卧床', '躺了*[天周]', '坐了*小时', '石膏', '打了*石膏', '住院'],
  },
  one_side: {
    phrases: ['左', '右', '一边', '一侧', '一只', '一条'],
  },
  /** A blood thinner and bleeding or bruising that comes easily: a doctor today (INR). */
  anticoag_bleed: {
    phrases: ['牙龈*[出流]*血', '青紫', '瘀青', '淤青', '瘀斑', '鼻血', '尿*[红血]', '[大便]*黑', '出血*[多不止]', '血*止不住'],
  },
  /** A rash after a drug or a food, no airway or breathing sign: a doctor today. */
  rash_any: {
    phrases: ['红疹', '疹子', '皮疹', '红点', '疙瘩', '风团', '起*疹', '荨麻疹'],
  },
  new_drug: {
    phrases: ['新药', '新开的', '换*药', '换了*药', '换的*药', '吃了*药', '吃完*药', '阿莫西林', '头孢', '抗生素', 'antibiotic'],
  },
  sting: {
    phrases: ['[蛰蜇叮螫]', '蜜蜂', '马蜂', '黄蜂'],
  },
  sting_swelling: {
    phrases: ['肿*(好大|很大|老大|厉害|整只|整个|到手腕|到手肘|一大)', '整[只个条]*[手胳膊腿脚]*肿', '肿到*(手腕|好大|很大)', '肿得*[好很老]大', '肿[到得]*(像|跟)'],
  },
  /** Asthma getting worse without a severe sign: more puffs, waking at night (a doctor today). */
  asthma_worse: {
    phrases: [
      '加重', '发作', '犯了', '(四五|好几|五六)[次回]', '次数*多', '呼哧呼哧', '咳醒', 'wheez',
      // the reliever three times or more in a morning (一上午已经喷了三次)
      '喷了*[三四五六几好]次', '[三四五六几好]次*[喷吸]',
      // the reliever needed again within hours (三四个小时就得再喷一次)
      '就得*再喷', '[得要]再喷', '又得喷', '小时*就*[得要]*喷', '缓解*小时', '管*[一两三]*个*小时',
    ],
  },
  asthma_word: {
    phrases: ['哮[喘穿]', 'asthma', '喷雾', 'ventolin', '沙丁胺醇', 'inhaler', '万托林', '舒利迭', '信必可'],
  },
  /** A swallowed coin, button or nut in a child: a doctor today when it went down without choking. */
  swallow_act: {
    phrases: ['吞[了下进]', '咽[了下]', '吞下去', '咽下去', '吞*[了下]去'],
  },
  /** A button battery swallowed (电池…吃掉了): it burns through the gullet within hours, whatever the child looks like. */
  battery_eaten: {
    phrases: ['电池*(吃掉|吃了|吃下|吞|咽)', '(吃|吞|咽)[了下进掉]*电池', 'button battery', 'swallowed*battery'],
  },
  /** …or missing beside a small child (纽扣电池找不到了). */
  battery_missing: {
    phrases: ['(纽扣|钮扣|扣式)电池*(找不到|不见)'],
  },
  /** A fit that is over (抽了一分多钟就停了, 抽完醒过来): a headache and sleepiness after it are its aftermath. */
  fit_over: {
    phrases: ['抽了*分*钟*停', '抽*[就已]*停了', '抽完*醒', '发作*分*钟*停'],
  },
  /** Actually drunk (喝多了, 喝了酒): walking like a drunk is then what it seems (像喝醉了 is a likeness, not this). */
  drunk: {
    phrases: ['喝多了', '喝了*[酒白啤]', '喝酒了', '酒*喝多'],
  },
  /** Vomiting or diarrhoea told as repeating (拉了五六次, 吐了四回, 8次): in a baby or an elderly person, a doctor today. */
  /**
   * A fit told with its length (抽了两分钟): an emergency unless the person is known to have epilepsy and it
   * was under five minutes (then a doctor today); five minutes or more is an emergency for anyone.
   */
  seizure_minutes: {
    phrases: ['抽*#分钟'],
  },
  /** Someone known to have epilepsy (癫痫, 羊癫疯). */
  epilepsy_known: {
    phrases: ['癫痫', '羊[癫角羔][疯风]'],
  },
  /** An attack told as such (刚才发作了一次, 又发作了): with known epilepsy and nothing worse, a doctor today. */
  seizure_attack: {
    phrases: ['发作了*[一1]次', '又发作', '刚才*发作', '发作了', '抽了*一次', '发作*[一1]次', '又发了*[一1][回次]', '抽了*分*钟*停了', '抽了*分*钟*就停'],
  },
  /** Itching of the palms and soles late in a pregnancy (cholestasis of pregnancy): a doctor today. */
  preg_itch: {
    phrases: ['手掌*脚底*痒', '手心*脚心*痒', '手掌*脚掌*痒', '脚底*手掌*痒', '手脚心*痒', '手掌*痒', '脚底*痒'],
  },
  /** Vomiting (not diarrhoea alone): with a count, a child's fluid loss a doctor sees today. */
  vomiting: {
    phrases: ['吐了', '吐*[回次]', '呕吐', '一直吐', '又吐又拉', '又拉又吐', '上吐下泻', '吐个不停', '都吐'],
  },
  gut_repeat: {
    phrases: ['[四五六七八九十几][次回]', '好几[次回]', '[456789]次', '[四五六七八九十]*[次回]了'],
  },
  /** After a fall or a twist: what says a bone or ligament needs an X-ray today. */
  injury_bad: {
    phrases: [
      '肿', '动不了', '不能动', '变形', '起不来', '[疼痛][得的]*厉害', '走路*[痛疼]', '伸不直', '抬不起', '不敢*动', '一碰就[哭痛疼]', '没法*走', '走不了', '站不起',
      // Cannot bear weight (行唔到路 reads 行不到路): an X-ray today.
      '行不到路', '走不到路', '不能着地', '不敢着地', '踩不了地', '不能走路', '走不了路', '[行走]一步*[痛疼]一步',
      // North-eastern 走道 is walking: 一走道就疼得直咧嘴.
      '走道*[痛疼]', '一走*就[痛疼]',
    ],
  },
  /** A sore throat (喉咙痛, 嗓子疼, 吞口水都疼): with 38 °C or more, a doctor today. */
  throat_pain: {
    phrases: ['(喉咙|嗓子|咽|喉)*[痛疼]', '吞*不[下落]', '扁桃[体腺]'],
  },
  /** What a high glucose does day to day: thirst, drinking and passing water a lot. */
  hyper_thirst: {
    phrases: ['口干', '口渴', '喝水*多', '多饮', '老想喝水', '[尿小]便*多', '多尿', '夜尿*多', '起夜'],
  },
  /** The arm, which 手 starts (手臂, 手肘): a burn there is not a burn of the hand. */
  arm_word: {
    phrases: ['手臂', '手肘', '手胳膊', '手腕上面'],
  },
  /** Medicine running out soon, asked as a refill or a delivery (药快吃完了，怎么续方): a service request. */
  refill_soon: {
    phrases: ['快吃完', '快没了', '快用完', '续方', '续药', '配送', '寄药'],
  },
  /** How often to test the INR (INR要多久查一次): a question about the routine, not a reading to act on. */
  inr_how_often: {
    phrases: ['(多久|多长时间|几天|几周|几个月)*[查测验]*一次*inr', 'inr*(要|需要)*(多久|多长时间|几天|几周|几个月)*[查测验]'],
  },
  /** Cancer treatment that lowers the white cells: a fever on it is a doctor today (neutropenic fever). */
  chemo: {
    phrases: ['化疗', '放化疗', '靶向治疗', '骨髓移植'],
  },
  /** A wound or foot sore in a diabetic that weeps, blackens or spreads. */
  wound_bad: {
    phrases: ['流脓', '化脓', '发黑', '红肿*[烫热]', '伤口*(没好|不好|不愈合)', '溃烂', '有*味道', '发臭', '水泡*破', '流黄水'],
  },
  /** Heart failure, or a heart patient told plainly (她有心脏病): new swelling or breathlessness is a doctor today either way. */
  heart_failure: {
    phrases: ['心衰', '心力衰竭', '心功能不全', '地高辛', '心脏病', '心脏不好', '冠心病'],
  },
  hf_worse: {
    phrases: ['体重*[涨长增]', '[脚腿]*肿', '肿*[脚腿]', '走*[就也]*喘', '躺不平', '憋醒'],
  },
  /** An eye (眼睛, 左眼) with redness or pain and blurred sight: a doctor today. */
  eye_word: {
    phrases: ['眼睛', '[左右]眼', '眼'],
  },
  eye_sore: {
    phrases: ['红', '肿', '[痛疼]', '胀', '流泪', '戳', '划'],
  },
  jaundice: {
    phrases: ['黄疸', '越来越黄', '皮肤*发黄', '眼白*黄'],
  },
} as const satisfies Record<string, TermGroup>;

/**
 * Concepts filled by code from numbers and the person's age, not by phrases (readings.ts, person.ts):
 * blood pressure and glucose against the reference thresholds, temperature, pulse, how long, how many
 * tablets, and the age bands the criteria name.
 */
export const COMPUTED_GROUPS = [
  'bp_critical', // SBP ≥ 180 or DBP ≥ 110
  'bp_high', // SBP 160–179 or DBP 100–109 (a doctor today)
  'bp_raised', // SBP 140–159 or DBP 90–99 (in a pregnancy, a doctor today)
  'glucose_high_critical', // ≥ 16.7 mmol/L (≥ 300 mg/dL) or the meter shows HI
  'glucose_high', // 13.9–16.6 mmol/L
  'glucose_near_high', // 13.0–13.8 mmol/L, or 13 and a bit (十三点几): a doctor today only with thirst (hyper_thirst)
  'glucose_low_critical', // ≤ 2.8 mmol/L or LO
  'glucose_low', // ≤ 3.9 mmol/L
  'glucose_recovered', // a glucose reading back in range (3.9–13.9) after a low one in the same message
  'temp_38', // ≥ 38.0 ℃ (or ≥ 100.4 ℉)
  'temp_39', // ≥ 39.0 ℃
  'temp_normal', // a measured 35.5–37.4 ℃: the fever word beside it asks whether that is one (37.4℃，这个算发烧吗)
  'pulse_extreme', // > 150 or < 40 per minute
  'pulse_fast', // > 100 per minute
  'pulse_slow', // < 50 per minute (a doctor today with tiredness, dizziness or a rate-slowing drug)
  'minutes_long', // a duration of five minutes or more
  'tablets_many', // ten or more tablets, or a box/bottle/blister
  'age_infant', // under three months (days, weeks, months)
  'age_baby', // under one year
  'age_child', // under 14 years
  'age_elderly', // 65 years or more
] as const;
export type ComputedGroup = (typeof COMPUTED_GROUPS)[number];
