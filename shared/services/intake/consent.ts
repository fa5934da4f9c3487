/**
 * The separate consent to processing health data (PIPL 第二十九条: sensitive personal information needs
 * the individual's separate consent). The form shows this text; the submission carries its version,
 * and a version we never published is refused, so every stored consent points at words we can show.
 */
export const CONSENT_TEXT_VERSION = 'health-data-v1';

export const CONSENT_TEXTS_ZH: Record<string, string> = {
  'health-data-v1':
    '我单独同意：为向我提供健康咨询、健康管理计划和健康提醒，企微健康社群可以收集和处理我填写的健康信息（包括既往病史、家族病史、用药、过敏、血压血糖等数据，属于敏感个人信息）。这些信息加密保存，仅我的家庭医生和健康管家可查看；我可以随时撤回同意。',
};

export const isKnownConsentVersion = (v: string): boolean => Object.hasOwn(CONSENT_TEXTS_ZH, v);
