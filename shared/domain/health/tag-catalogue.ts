/**
 * Smart-tag catalogue (docs/prd.md §2.3.3): four dimensions, each a WeCom tag group; every tag's `labelZh`
 * is the WeCom tag name inside that group (e.g. group 风险等级, tag 高风险). Kept as data so
 * operations can create the groups from it and rules only refer to codes.
 */
export const TAG_DIMENSIONS = ['health_status', 'risk_level', 'service_preference', 'insurance_need'] as const;
export type TagDimension = (typeof TAG_DIMENSIONS)[number];

export const TAG_GROUP_NAMES_ZH: Record<TagDimension, string> = {
  health_status: '健康状况',
  risk_level: '风险等级',
  service_preference: '服务偏好',
  insurance_need: '保险需求',
};

export const TAG_CATALOGUE = {
  health_status: {
    hypertension: '高血压',
    diabetes: '糖尿病',
    hyperlipidemia: '高血脂',
    heart_disease: '心脏病',
    stroke: '脑卒中',
    copd: '慢阻肺',
    chronic_kidney_disease: '慢性肾病',
    cancer: '肿瘤病史',
    fatty_liver: '脂肪肝',
    thyroid_nodule: '甲状腺结节',
    elevated_bp: '血压偏高',
    high_bp: '血压高',
    elevated_glucose: '血糖偏高',
    high_glucose: '血糖高',
    overweight: '超重',
    obesity: '肥胖',
    central_obesity: '腹型肥胖',
    smoker: '吸烟',
    frequent_drinking: '经常饮酒',
    sedentary: '运动不足',
    family_history: '家族病史',
    allergy: '有过敏史',
    on_medication: '长期用药',
    no_findings: '暂无异常',
  },
  risk_level: {
    low: '低风险',
    medium: '中风险',
    high: '高风险',
  },
  service_preference: {
    chronic_care: '慢病管理',
    rehab_guidance: '康复指导',
    doctor_consult: '偏好医生咨询',
    check_up: '关注体检',
    benefits: '关注健康权益',
    activities: '喜欢社群活动',
    engaged: '积极参与',
    low_cooperation: '低配合度',
  },
  insurance_need: {
    critical_illness_gap: '重疾保障缺口',
    medical_gap: '医疗保障缺口',
    accident_gap: '意外保障缺口',
    life_gap: '寿险保障缺口',
    no_social_insurance: '无社保',
    new_policy: '新保单客户',
    claims_support: '理赔关怀',
    reactivation: '存量激活',
    insurance_inquiry: '主动咨询保险',
    underwriting_attention: '核保需关注',
  },
} as const satisfies Record<TagDimension, Record<string, string>>;

export type TagCode<D extends TagDimension = TagDimension> = D extends TagDimension
  ? keyof (typeof TAG_CATALOGUE)[D] & string
  : never;

export interface Tag {
  dimension: TagDimension;
  code: string;
  labelZh: string;
}
