/**
 * The outbound review's rules, as data (docs/prd.md §2.3.2 服务内容审核). Every text sent to a member is
 * read against them (evaluate.ts) after folding (fold.ts: full-width → half-width, traditional →
 * simplified, spaces and filler symbols dropped), so「根 治」「根治」「根治」read alike.
 *
 * Why these categories: a health-management service is not a clinic (《互联网诊疗监管细则》: no
 * diagnosis or prescription without a face-to-face first visit), may not promise cures (《广告法》
 * art. 16-17, 《医疗广告管理办法》), and sits beside insurance sales, where promising returns or
 * pressuring a purchase is mis-selling (《保险销售行为管理办法》). The system's own texts already state
 * the service boundary ("不能替代医生面诊、诊断和治疗"), so the patterns look for the directive sense —
 * "诊断为", "给您开药", "把药停了" — never the bare words, and a negation right before a match
 * ("无法根治", "不能保证") cancels it.
 *
 * `block`: held for a human reviewer, not sent. `flag`: sent, and kept for a reviewer to look at later
 * (wording that is usually fine but worth a second look, e.g. a dose in a medication reminder).
 */

export const REVIEW_CATEGORIES = ['diagnosis_prescription', 'cure_guarantee', 'premium_return', 'banned_product', 'mis_selling'] as const;
export type ReviewCategory = (typeof REVIEW_CATEGORIES)[number];

export const CATEGORY_LABELS_ZH: Record<ReviewCategory, string> = {
  diagnosis_prescription: '诊断或处方用语',
  cure_guarantee: '治愈或疗效承诺',
  premium_return: '收益或保费承诺',
  banned_product: '违规产品宣称',
  mis_selling: '销售施压',
};

export type ReviewAction = 'block' | 'flag';

export interface ReviewRule {
  readonly id: string;
  readonly category: ReviewCategory;
  /** Read against folded text (fold.ts); any one matching is a hit. No `g` flag. */
  readonly patterns: readonly RegExp[];
  readonly action: ReviewAction;
  /** Shown to the reviewer: what the rule guards against and why. */
  readonly explanationZh: string;
  /**
   * A negation in the few characters before the match (same clause) cancels it ("无法根治", "不能保证疗效"):
   * set for claims that are fine when denied. Not for pressure wording, where "不买就…" is itself the
   * negation.
   */
  readonly negatable?: boolean;
}

export const REVIEW_RULES: readonly ReviewRule[] = [
  // ---- diagnosis and prescription (directive sense only) ----
  {
    id: 'dx.confirmed',
    category: 'diagnosis_prescription',
    patterns: [/(确诊|诊断)(为|是|成)/, /(可以|能)(确诊|诊断)/, /(你|您)(这|这个|得的|患的)(就)?是[^，。,.!?！？]{0,8}(病|症|癌|炎|瘤)/],
    action: 'block',
    negatable: true,
    explanationZh: '线上健康咨询不能下诊断（《互联网诊疗监管细则》：首诊须线下面诊）。请改为"建议到医院进一步检查"，由接诊医生诊断。',
  },
  {
    id: 'rx.prescribe',
    category: 'diagnosis_prescription',
    patterns: [/(给|帮)(你|您)开(个|点|些|一些)?(药|处方|方子)/, /开(个|张|一张)?处方/, /处方(如下|是|为|:)/, /(这个|这副|这服)?方子(坚持)?(吃|服|喝)/],
    action: 'block',
    negatable: true,
    explanationZh: '健康管理服务不能开具处方或推荐具体方剂；用药须由医生面诊后开具。',
  },
  {
    id: 'rx.stop_or_change',
    category: 'diagnosis_prescription',
    patterns: [
      /(把|将)[^，。,.!?！？]{0,8}药[^，。,.!?！？]{0,2}停(掉|了|下)/,
      /(可以|直接|先|暂时|马上|就|赶紧)停药/,
      /停药(吧|就行|就好|即可)/,
      /(不用|不必|不需要)(再)?(吃|服)药/,
      /(加|减|调整|改)(到|为|成)?[^，。,.!?！？]{0,4}剂量/,
      /剂量(加|减|调|改)(到|为|成|大|小|半)/,
      /(加量|减量|减半|翻倍)(吃|服|服用)/,
    ],
    action: 'block',
    negatable: true,
    explanationZh: '停药、换药或调整剂量是医疗决定，须由医生面诊后作出；线上只能提醒"请遵医嘱，勿自行停药或改量"。',
  },
  {
    id: 'rx.dose',
    category: 'diagnosis_prescription',
    patterns: [/(每次|一次|每日|每天|一天|每晚|每早)(吃|服|服用|口服|注射|打)?[\d一二两三四五六七八九十半]+(片|粒|颗|毫克|mg|袋|支|单位|ml|毫升|丸)/],
    action: 'flag',
    explanationZh: '文中写了具体用量。若是复述医生医嘱（如用药提醒）可以发送；若是新的用药建议，请改为"按医嘱服用"。',
  },
  // ---- cure or guarantee claims ----
  {
    id: 'cure.claim',
    category: 'cure_guarantee',
    patterns: [/根治/, /治愈/, /包好/, /包治/, /永不复发/, /不再复发/, /药到病除/, /断根/, /彻底治好/, /(保证|保准|肯定|一定)(能)?(治好|好转|康复|痊愈|降下来|有效|见效)/],
    action: 'block',
    negatable: true,
    explanationZh: '不得承诺治愈或疗效（《广告法》第十六、十七条）。可改为"坚持规范治疗和管理，有助于控制病情"。',
  },
  {
    id: 'cure.certainty',
    category: 'cure_guarantee',
    patterns: [/(100%|百分之百|百分百)(的)?(治愈|有效|见效|康复|痊愈|好|能治|保证|赔|理赔|收益|安全|成功)/, /无效(全额)?退(款|钱)/, /不(好|灵|管用)(就|全额)?退(款|钱)/],
    action: 'block',
    negatable: true,
    explanationZh: '"100%有效""无效退款"属于绝对化和保证性用语，健康和保险服务中都不得使用。',
  },
  // ---- premium or return promises ----
  {
    id: 'premium.return',
    category: 'premium_return',
    patterns: [/保证(的)?(收益|回报|返还|利息|分红)/, /稳赚/, /保本保息/, /零风险/, /(收益|回报|分红)(率)?(保证|稳定在|高达|可达|至少)/, /只赚不赔/],
    action: 'block',
    negatable: true,
    explanationZh: '不得承诺保险产品的收益、分红或保本（《保险销售行为管理办法》）；分红和收益须以合同和演示为准并提示不确定性。',
  },
  {
    id: 'premium.lowest',
    category: 'premium_return',
    patterns: [/保费(最低|全网最低|最便宜)/, /(全网|全市|市面上?)(最低|最便宜)/, /最低(的)?保费/],
    action: 'block',
    negatable: true,
    explanationZh: '"保费最低"属于无依据的比较宣传，不得使用。',
  },
  {
    id: 'premium.refund',
    category: 'premium_return',
    patterns: [/返本/, /还本/, /(保费|钱)(全部|全额)?(退|返)(还)?给(你|您)/],
    action: 'flag',
    explanationZh: '提到返本或退还保费。请确认与合同条款一致，并未作为购买理由夸大。',
  },
  // ---- banned product claims ----
  {
    id: 'product.miracle',
    category: 'banned_product',
    patterns: [/特效药/, /神药/, /灵丹妙药/, /神奇(疗效|功效)/, /祖传(秘方|配方)/],
    action: 'block',
    negatable: true,
    explanationZh: '"特效药""神药"等属于夸大宣传，不得用于推荐任何产品。',
  },
  {
    id: 'product.replaces_medicine',
    category: 'banned_product',
    patterns: [/(可以|能|能够)?(替代|代替|取代)(药物|药品|吃药|降压药|降糖药|胰岛素)/, /(吃|用|喝)了?[^，。,.!?！？]{0,8}就不用(再)?(吃|服)药/],
    action: 'block',
    negatable: true,
    explanationZh: '不得宣称产品可替代药物（《食品安全法》：保健食品不能代替药物）。',
  },
  {
    id: 'product.treats',
    category: 'banned_product',
    // The gap excludes negations: 「本产品不能替代药物治疗」 is the required disclaimer, not a claim.
    patterns: [/(保健品|保健食品|营养品|益生菌|酵素|茶|粉|膳食补充剂|理疗仪|床垫|产品)[^，。,.!?！？不无没非别勿未]{0,10}(可以|能|能够)?(治疗|治好|根除|降(血)?(糖|压|脂))/],
    action: 'block',
    negatable: true,
    explanationZh: '非药品不得宣称治疗作用或降血糖、降血压等疗效。',
  },
  {
    id: 'product.state_endorsed',
    category: 'banned_product',
    patterns: [/国家(级)?(认证|认可|推荐|指定|专利产品)/, /(卫健委|药监局|卫生部)(认证|推荐|指定|批准的特效)/],
    action: 'block',
    negatable: true,
    explanationZh: '不得利用国家机关或其名义作推荐、证明（《广告法》第九条）。',
  },
  // ---- mis-selling pressure ----
  {
    id: 'selling.fear',
    category: 'mis_selling',
    patterns: [/不买(就|会|的话|将来|以后)/, /现在不(买|投保|上车)/, /不(投保|买保险)(就|会)(后悔|来不及)/],
    action: 'block',
    explanationZh: '以恐吓或贬损方式促成购买属于销售误导，不得使用。',
  },
  {
    id: 'selling.urgency',
    category: 'mis_selling',
    patterns: [/最后(一|1)天/, /错过(今天|这次|本次|就)?(就)?(再也)?没有/, /(赶紧|赶快|马上|抓紧)(下单|购买|投保|买)/, /限时(抢购|秒杀|特价)/, /名额(有限|不多)(速|快)/],
    action: 'flag',
    explanationZh: '催促购买的用语。活动通知可以说明截止时间，但不得制造紧迫感促成购买。',
  },
];
