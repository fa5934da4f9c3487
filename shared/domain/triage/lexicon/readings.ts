/**
 * Readings typed into a message (血压 190/120, 高压200, 血糖 2.8), against the thresholds of
 * docs/reference/clinical-triage.md §3: SBP ≥ 180 or DBP ≥ 110 mmHg and glucose ≥ 16.7 or ≤ 2.8
 * mmol/L are emergencies (≤ 3.9 with symptoms too); SBP ≥ 160 / DBP ≥ 100, glucose ≥ 13.9 or ≤ 3.9
 * alone mean a doctor today. Pure data.
 */
export const READING_THRESHOLDS = {
  systolicHigh: 180,
  diastolicHigh: 110,
  systolicRaised: 160,
  diastolicRaised: 100,
  /** 140/90: only in a pregnancy does it mean a doctor today (pre-eclampsia). */
  systolicElevated: 140,
  diastolicElevated: 90,
  /** 100/60 and under, both numbers: low, which on a blood-pressure drug with dizziness is a doctor today (the dose). */
  systolicLow: 100,
  diastolicLow: 60,
  glucoseHigh: 16.7,
  glucoseRaised: 13.9,
  /**
   * 11.1, the diabetes level at any time of day: with thirst and much water passed, the sugar is out of
   * control and a doctor today (lexicon/red-flags/rules.ts URGENT_CRITERIA).
   */
  glucoseNearRaised: 11.1,
  glucoseLow: 3.9,
  glucoseVeryLow: 2.8,
  /** Meters in mg/dL show 18× the mmol/L value (16.7 → 300, 3.9 → 70). */
  mgdlPerMmol: 18,
} as const;

/** Keywords, folded/simplified. A number must follow within `windowChars` in the same clause. */
export const READING_KEYWORDS = {
  /** First number = systolic; "a/b" = systolic/diastolic. */
  // xy / xt: the pinyin initials of 血压 / 血糖, as members abbreviate them ("xt 15.3")
  bloodPressure: ['血压', 'bp', 'xy', '雪压', '血丫', '血鸭', '血呀', '量压', '压力值'],
  systolic: ['高压', '收缩压', '上压'],
  diastolic: ['低压', '舒张压', '下压'],
  /** Lab values a doctor acts on the same day (血钾6.0, 血红蛋白68). */
  potassium: ['血钾', '钾离子', '化验钾', '验钾', '钾值'],
  hemoglobin: ['血红蛋白', 'hgb'],
  /** Oxygen saturation from a finger clip (血氧八十六, SpO2 88%). */
  oxygen: ['血氧饱和度', '血氧', '氧饱和度', '氧饱和', 'spo2', '指脉氧'],
  glucose: ['血糖', 'bg', 'bsl', 'xt', 'sugar', '血搪', '血唐', '随机血糖', '空腹', '餐后', '指尖血', '糖值', '测糖', '测了下糖', '血糖仪',
    // A sensor (CGM, 动态血糖) and a finger-prick check (扎手指测是18.9).
    'cgm', '动态血糖', '扎手指', '扎指尖'],
} as const;

export const READING_WINDOW_CHARS = 12;

/** A bare "a/b" with these ranges is read as blood pressure even without a keyword. */
export const BARE_PAIR = { systolicMin: 70, systolicMax: 300, diastolicMin: 30, diastolicMax: 200 } as const;

/** Glucose above this without a unit is taken as mg/dL (meters stop at 33.3 mmol/L). */
export const GLUCOSE_MGDL_ABOVE = 35;

/** Before a number: the reading is at most this (不到180, 没超过) — only the low threshold can apply. */
export const UPPER_BOUND_BEFORE = ['不到', '没到', '没有到', '没超过', '没有超过', '不超过', '低于', '小于', '不足', '没过', '没有', '没'] as const;
/** Before a number: at least this (超过180) — only high thresholds can apply. */
export const LOWER_BOUND_BEFORE = ['超过', '高于', '大于', '过了', '上了', '破了', '突破', '高到', '飙到', '飙升到', '升到'] as const;
export const UPPER_BOUND_AFTER = ['以下', '以内', '之内', '不到'] as const;

/** A number followed by one of these is a count, a time or a dose, not a reading (测了3次, 7点测的). */
export const COUNTERS = [
  '次', '天', '年', '岁', '个', '小时', '分钟', '分', '号', '月', '斤', '公斤', 'kg', '片', '粒', '颗', '支', '毫克', '单位', 'u',
  '周', '块', '元', '万', '级', '%', '遍', '点钟', '点半', '点测', '点量', '回', '型', '毫升', 'ml', 'cm', '厘米', '米', '步',
  '层', '楼', '瓶', '盒', '针', '顿', '秒', '期', '元钱', '块钱', '度',
] as const;

/** Words that start like a counter but are not one (血糖2.1米饭也咽不下去: rice, not metres). */
export const NOT_COUNTERS = ['米饭', '米粥', '米汤', '分不清', '天哪', '天呐', '周身', '片刻'] as const;

/** Units after a glucose number meaning mg/dL. */
export const MGDL_UNITS = ['mg/dl', 'mg/l', '毫克/分升', '毫克每分升'] as const;
