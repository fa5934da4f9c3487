import type { Scene } from '../../domain/team/roles';

/**
 * Welcome texts as data (Chinese; what members read). One template per entry scene (docs/prd.md §2.1.1) and
 * a default for members whose scene is unknown. Placeholders:
 *   {team}      the member's 4R team, one line per role with the person's name;
 *   {boundary}  the service boundary (docs/prd.md §3.3 "明确健康咨询与诊疗服务的边界").
 * The health-form link travels as a link card after the text (attachments), so it is not a placeholder.
 * send_welcome_msg takes at most 4000 bytes of text; tests hold every template to that with a full team.
 */
export const WELCOME_TEMPLATES: Record<Scene | 'default', string> = {
  policy_delivery: [
    '您好，欢迎加入企微健康社群！感谢您选择我们的保险保障，专属健康管理服务已作为保单权益为您开通。',
    '{team}',
    '{boundary}',
    '请点击下方「健康信息采集表」，花3分钟填写，家庭医生会据此为您制定个人健康计划。',
  ].join('\n\n'),
  claims_service: [
    '您好，欢迎加入企微健康社群！理赔期间我们会一直陪伴您，家庭医生将为您提供康复指导。',
    '{team}',
    '{boundary}',
    '请点击下方「健康信息采集表」，花3分钟填写，方便医生了解您的情况、安排康复随访。',
  ].join('\n\n'),
  reactivation: [
    '您好，欢迎回到企微健康社群！我们为老朋友准备了免费健康评测和专属健康权益。',
    '{team}',
    '{boundary}',
    '请点击下方「健康信息采集表」，花3分钟完成健康评测，领取您的个人健康计划。',
  ].join('\n\n'),
  default: [
    '您好，欢迎加入企微健康社群！',
    '{team}',
    '{boundary}',
    '请点击下方「健康信息采集表」，花3分钟填写，我们会为您制定个人健康计划。',
  ].join('\n\n'),
};

export const TEAM_HEADING_ZH = '您的专属4R服务团队：';
/** Shown for a role nobody on the roster could take yet. */
export const UNSTAFFED_ZH = '稍后为您安排';

export const SERVICE_BOUNDARY_ZH =
  '服务说明：本群提供健康咨询和健康管理建议，不能代替面诊，不做疾病诊断和治疗。如遇胸痛、呼吸困难、意识不清等紧急情况，请立即拨打120或就近就医。';

export const FORM_LINK_CARD_ZH = { title: '健康信息采集表', desc: '3分钟完成，获取您的个人健康计划' } as const;

/**
 * The group welcome template (externalcontact/group_welcome_template/add): groups get no welcome
 * code, so the owner applies this template in the client. `%NICKNAME%` is WeCom's placeholder.
 */
export const GROUP_WELCOME_TEXT_ZH =
  '亲爱的%NICKNAME%，欢迎加入健康管理群！群里有家庭医生、健康管家、权益顾问和保险顾问为您服务。本群提供健康咨询与健康管理建议，不做诊断和治疗；如遇紧急情况请立即拨打120。';
