/** The 4R service roles (docs/prd.md §2.1.2). The health butler is the system itself, backed by a human. */
export const FOUR_R_ROLES = ['family_doctor', 'health_butler', 'rights_consultant', 'insurance_consultant'] as const;
export type FourRRole = (typeof FOUR_R_ROLES)[number];

/**
 * Staff roles known to access control: the 4R plus oversight roles. `compliance_reviewer` (合规审核员)
 * decides on outbound texts the review held (shared/services/review): it reads those texts and nothing
 * else of a member's (policy.ts `outbound.review`).
 */
export const STAFF_ROLES = [...FOUR_R_ROLES, 'supervisor', 'ops_admin', 'compliance_reviewer'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const ROLE_LABELS_ZH: Record<StaffRole, string> = {
  family_doctor: '家庭医生',
  health_butler: '健康管家',
  rights_consultant: '权益顾问',
  insurance_consultant: '保险顾问',
  supervisor: '服务主管',
  ops_admin: '运维管理员',
  compliance_reviewer: '合规审核员',
};

/** Entry scenes (docs/prd.md §2.1.1). */
export const SCENES = ['policy_delivery', 'claims_service', 'reactivation'] as const;
export type Scene = (typeof SCENES)[number];

export const SCENE_LABELS_ZH: Record<Scene, string> = {
  policy_delivery: '保单交付',
  claims_service: '理赔服务',
  reactivation: '存量激活',
};

export type RiskTier = 'low' | 'medium' | 'high';
