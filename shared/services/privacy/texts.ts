/**
 * The notice a member confirms before withdrawing consent. Versioned like the consent text
 * (shared/services/intake/consent.ts): the withdrawal record names the version, so we can always
 * show the words the member agreed to.
 */
export const WITHDRAWAL_NOTICE_VERSION = 'withdraw-v1';

export const WITHDRAWAL_NOTICES_ZH: Record<string, string> = {
  'withdraw-v1':
    '撤回同意后：我们立即停止处理您的健康信息，停止发送健康提醒，并删除您填写的健康信息、测量数据、体检报告和健康计划（仅保留您曾同意及撤回同意的时间和文本版本，作为合规记录）。撤回不影响撤回前基于同意已进行的处理。您仍可使用社群、积分权益和保险咨询服务；如需删除全部个人信息，可申请注销删除。',
};

export const isKnownNoticeVersion = (v: string): boolean => Object.hasOwn(WITHDRAWAL_NOTICES_ZH, v);
