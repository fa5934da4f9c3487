/**
 * Every code the workbench shows, as the Chinese a person reads. One file, so a new code is added in
 * one place; tests/unit/web/staff-labels.test.ts checks these tables cover the domain's code lists.
 * A code missing from a table is shown as 「其他」 rather than as the raw code.
 * Where the domain already names a code (roles, scenes, coverage, tags, rights) the table is the
 * domain's own, imported from pure domain modules (data only: no zod, no I/O), so the two cannot drift.
 */
import { COVERAGE_LABELS_ZH } from '../../shared/domain/gap/types';
import { TAG_CATALOGUE, TAG_GROUP_NAMES_ZH } from '../../shared/domain/health/tag-catalogue';
import { RIGHT_IDS, RIGHTS } from '../../shared/domain/points/rights-catalogue';
import { FOUR_R_ROLES, ROLE_LABELS_ZH, SCENE_LABELS_ZH } from '../../shared/domain/team/roles';

export type LabelTable = Readonly<Record<string, string>>;

export function label(table: LabelTable, code: string | null | undefined, fallback = '其他'): string {
  if (code === null || code === undefined) return '—';
  return table[code] ?? fallback;
}

export const ROLE_ZH: LabelTable = ROLE_LABELS_ZH;

/** The order the 4R team is listed in. */
export const FOUR_R_ORDER = FOUR_R_ROLES;

export const DISPOSITION_ZH: LabelTable = { emergency: '紧急', urgent: '加急', routine: '常规' };

export const TICKET_STATUS_ZH: LabelTable = { open: '待接单', acknowledged: '处理中', closed: '已结案' };

export const RESOLUTION_ZH: LabelTable = {
  answered: '已答复',
  referred: '已转诊/转介',
  no_response: '客户未回应',
  duplicate: '重复工单',
  other: '其他',
};

/** Ticket red flags (domain/triage RED_FLAGS; the names of domain/triage/lexicon rules' labelZh). */
export const TICKET_RED_FLAG_ZH: LabelTable = {
  chest_pain: '胸痛/疑似心梗',
  aortic_dissection: '疑似主动脉夹层',
  stroke: '疑似中风',
  headache: '剧烈头痛',
  breathing: '呼吸困难',
  choking: '噎住/窒息',
  unconscious: '意识丧失',
  seizure: '抽搐',
  bleeding: '大出血',
  anaphylaxis: '严重过敏',
  suicide: '自伤/轻生风险',
  blood_pressure: '血压危急',
  high_glucose: '血糖危急（高）',
  low_glucose: '低血糖',
  child_fever: '婴幼儿发热',
  pregnancy: '孕期危险信号',
  poisoning: '中毒/误服',
  burns: '烧烫伤',
  head_injury: '头部外伤',
  arrhythmia: '心律危急',
  trauma: '严重外伤/意外',
  urgent_help: '求救',
  critical_reading: '危急读数',
};

/** Reading red flags (services/intake/red-flags.ts). */
export const READING_RED_FLAG_ZH: LabelTable = {
  bp_crisis: '血压达到红色预警阈值',
  glucose_high: '血糖过高，达到红色预警阈值',
  glucose_low: '血糖过低，达到红色预警阈值',
};

export const ALERT_STATUS_ZH: LabelTable = {
  pending: '预警发送中',
  sent: '已发出预警',
  failed: '预警发送失败',
  no_recipient: '预警无人接收',
};

export const READING_TYPE_ZH: LabelTable = {
  blood_pressure: '血压',
  fasting_glucose: '空腹血糖',
  postprandial_glucose: '餐后血糖',
  weight: '体重',
  steps: '步数',
};

export const READING_SOURCE_ZH: LabelTable = { device: '设备', manual: '手动录入' };

/** The risk-level tag names (风险等级 group). */
export const TIER_ZH: LabelTable = TAG_CATALOGUE.risk_level;

export const SCENE_ZH: LabelTable = SCENE_LABELS_ZH;

export const MEMBER_STATUS_ZH: LabelTable = { active: '服务中', consent_withdrawn: '已撤回授权', erased: '已删除' };

export const INTAKE_STATUS_ZH: LabelTable = { pending: '待填写健康表单', completed: '已完成健康表单', low_cooperation: '低配合（多次提醒未填写）' };

/** Risk factor codes (domain/health/risk.ts); `condition:<code>` factors use CONDITION_ZH. */
export const RISK_FACTOR_ZH: LabelTable = {
  age: '年龄',
  bmi: '体重指数',
  blood_pressure: '血压',
  fasting_glucose: '空腹血糖',
  smoking: '吸烟',
  drinking: '饮酒',
  exercise: '运动不足',
  family_history: '家族病史',
  waist: '腰围（腹型肥胖）',
  score: '综合评分',
};

/**
 * Conditions are named by their health-status tags, as the member form's CONDITION_LABELS are
 * (form-fields.ts builds them from the same table; it is not imported here because it brings zod).
 */
export const CONDITION_ZH: LabelTable = TAG_CATALOGUE.health_status;

export function riskFactorLabel(code: string): string {
  if (code.startsWith('condition:')) return `既往病史：${label(CONDITION_ZH, code.slice('condition:'.length))}`;
  return label(RISK_FACTOR_ZH, code);
}

/** Risk factor details that are English words in the domain; number ranges are shown as they are. */
export const RISK_DETAIL_ZH: LabelTable = {
  current: '目前吸烟',
  former: '已戒烟',
  frequent: '经常饮酒',
  '<3 days/week': '每周运动少于3天',
};

export const REMINDER_KIND_ZH: LabelTable = {
  monitoring: '健康监测',
  medication: '用药提醒',
  follow_up_visit: '复诊',
  exercise_task: '运动任务',
  check_up: '体检',
  policy_renewal: '保单续期',
  activity: '社群活动',
  staff_follow_up: '服务团队随访',
  sla_escalation: '工单超时升级',
  health_content: '健康知识',
  offer: '为您推荐',
};

export const AUDIENCE_ZH: LabelTable = { member: '客户本人', ...ROLE_ZH };

export const WEEKDAY_ZH = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'] as const;

export const TICKET_EVENT_ZH: LabelTable = {
  opened: '创建工单',
  message_appended: '客户追加消息',
  classified: '完成分诊',
  upgraded_to_emergency: '升级为紧急',
  customer_replied: '已自动回复客户',
  reply_skipped: '未自动回复',
  reply_failed: '自动回复失败',
  staff_notified: '已通知服务人员',
  notify_failed: '通知失败',
  unassigned: '无人负责',
  acknowledged: '已接单',
  closed: '已结案',
  staff_replied: '服务人员已回复',
  reply_held: '回复待合规审核',
  reply_released: '审核通过，回复已发送',
  reply_rejected: '回复未通过审核',
};

export const MESSAGE_FROM_ZH: LabelTable = { member: '客户', butler: '健康管家（自动回复）', staff: '服务人员' };

export const COVERAGE_ZH: LabelTable = COVERAGE_LABELS_ZH;

export const TIER_SOURCE_ZH: LabelTable = { input: '顾问填写', member_profile: '健康档案', assumed: '默认按中风险' };

export const REDEMPTION_STATUS_ZH: LabelTable = {
  pending: '处理中',
  failing: '处理中',
  failed: '兑换失败',
  reserved: '待预约',
  booked: '已预约',
  fulfilled: '已履约',
  cancelling: '取消中',
  cancelled: '已取消',
};

/** Redemption statuses that still need the rights consultant. */
export const REDEMPTION_TO_FULFIL = new Set(['reserved', 'booked']);

/** Where a member stands in an activity they signed up for (domain/points/activity SIGNUP_STATUSES). */
export const SIGNUP_STATUS_ZH: LabelTable = {
  signed_up: '已报名',
  checked_in: '已签到',
  won: '已中奖',
  not_won: '已签到 · 未中奖',
  absent: '未到场',
};

export const ACTIVITY_KIND_ZH: LabelTable = { live: '直播', lecture: '讲座', group_buy: '团购' };

export const RIGHT_ZH: LabelTable = Object.fromEntries(RIGHT_IDS.map((id) => [id, RIGHTS[id].labelZh]));

export const TAG_DIMENSION_ZH: LabelTable = TAG_GROUP_NAMES_ZH;

/** JS-SDK getContext entries (wecom-sidebar.md §3). */
export const ENTRY_ZH: LabelTable = {
  normal: '普通页面',
  contact_profile: '客户详情页',
  single_chat_tools: '单聊工具栏',
  group_chat_tools: '群聊工具栏',
  chat_attachment: '聊天附件栏',
  single_kf_tools: '微信客服工具栏',
  chain_single_chat_tools: '上下游单聊工具栏',
  chain_group_chat_tools: '上下游群聊工具栏',
  internal_group_chat_board: '内部群看板',
};

export const SEX_ZH: LabelTable = { male: '男', female: '女' };
export const SMOKING_ZH: LabelTable = { never: '不吸烟', former: '已戒烟', current: '吸烟' };
export const DRINKING_ZH: LabelTable = { never: '不饮酒', occasional: '偶尔饮酒', frequent: '经常饮酒' };
