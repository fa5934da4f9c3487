/**
 * Consents a member may give or refuse without losing the service, each separate and revocable
 * (PIPL 第十四条/第十五条: consent for a specific purpose, withdrawable as easily as given). The health-data
 * consent of the form is not one of these: without it there is no health service
 * (shared/services/intake/consent.ts).
 *
 * Each purpose has versioned texts; a grant records the version shown, so every stored consent points
 * at words we can show. The texts are drafts awaiting legal review (like web/member/privacy.tsx).
 */
export const OPTIONAL_CONSENT_PURPOSES = [
  /**
   * Offers of services and mall products chosen from the member's readings and events, each with its
   * reason (《互联网信息服务算法推荐管理规定》第十七条: the member can switch personalised recommendation
   * off and see why they got one). Health knowledge chosen by risk tier or condition tags (the content
   * calendar, shared/services/content/calendar.ts) is not under this consent: it is part of the
   * health-management service the member agreed to with the health-data consent of the form, for that
   * purpose (PIPL 第十四条/第二十八条). A commercial recommendation is a separate purpose, so it needs
   * this separate consent — and its text must not claim the service's own health knowledge.
   */
  'personalised_offers',
  /** Sharing the monthly behaviour score with the insurer's policy system, as a recommendation only. */
  'behaviour_score_sharing',
] as const;

export type OptionalConsentPurpose = (typeof OPTIONAL_CONSENT_PURPOSES)[number];

export const isOptionalConsentPurpose = (x: unknown): x is OptionalConsentPurpose =>
  typeof x === 'string' && (OPTIONAL_CONSENT_PURPOSES as readonly string[]).includes(x);

export interface OptionalConsentText {
  version: string;
  titleZh: string;
  textZh: string;
}

/** The text currently shown per purpose; older versions stay listed so stored grants remain readable. */
export const OPTIONAL_CONSENT_TEXTS: Record<OptionalConsentPurpose, readonly OptionalConsentText[]> = {
  personalised_offers: [
    {
      version: 'personalised-offers-v1',
      // Still a draft never published, so the version is unchanged; once shown to members a change is a new version.
      titleZh: '个性化服务与商品推荐',
      textZh:
        '我同意：企微健康社群可以根据我上传的健康数据和健康服务记录（如血糖偏高、体检异常、理赔结案），向我推荐相关的健康服务和商城商品，并说明每条推荐的原因。我可以随时在「我的授权」中关闭，关闭后不再收到这类推荐；健康管理服务不受影响，包括按我的健康情况发送的健康知识（这属于我在健康档案中同意的健康管理服务）。',
    },
  ],
  behaviour_score_sharing: [
    {
      version: 'behaviour-score-sharing-v1',
      titleZh: '健康行为分共享给保险公司',
      textZh:
        '我同意：企微健康社群每月根据我完成健康计划和健康数据改善的情况计算「健康行为分」，并把分数（不含任何疾病诊断、检查数值）提供给我的保险公司，作为保费优惠等激励的参考；是否调整以及调整多少由保险公司决定。我可以随时关闭，关闭后不再提供新的分数。',
    },
  ],
};

/** The version a new grant records. */
export function currentConsentText(purpose: OptionalConsentPurpose): OptionalConsentText {
  const texts = OPTIONAL_CONSENT_TEXTS[purpose];
  return texts[texts.length - 1] as OptionalConsentText;
}

export const isKnownOptionalConsentVersion = (purpose: OptionalConsentPurpose, version: string): boolean =>
  OPTIONAL_CONSENT_TEXTS[purpose].some((t) => t.version === version);
