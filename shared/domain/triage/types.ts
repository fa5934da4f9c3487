import type { FourRRole } from '../team/roles';

/** What the customer wants (PRD §2.6.1 语义识别). `other` = greetings, chit-chat, anything unrouted. */
export const INTENTS = ['medical', 'service', 'rights', 'insurance', 'other'] as const;
export type Intent = (typeof INTENTS)[number];

/** Red-flag categories (PRD §2.6.1 紧急程度分级). Codes are stable: stored on tickets and shown to staff. */
export const RED_FLAGS = [
  'chest_pain',
  'stroke',
  'breathing',
  'unconscious',
  'bleeding',
  'anaphylaxis',
  'seizure',
  'suicide',
  'poisoning',
  'critical_reading',
  'urgent_help',
] as const;
export type RedFlag = (typeof RED_FLAGS)[number];

/** Routing table (PRD §2.6.2): 医疗→家庭医生, 服务/基础问答→健康管家, 权益/活动→权益顾问, 保险/保障→保险顾问. */
export const ROLE_FOR_INTENT = {
  medical: 'family_doctor',
  service: 'health_butler',
  rights: 'rights_consultant',
  insurance: 'insurance_consultant',
  other: 'health_butler',
} as const satisfies Record<Intent, FourRRole>;

/**
 * An emergency is always medical and always goes to the family doctor (and a human now).
 * The type makes that unrepresentable otherwise, so no later step can route an emergency elsewhere.
 */
export interface EmergencyClassification {
  readonly intent: 'medical';
  readonly role: 'family_doctor';
  readonly emergency: true;
  readonly redFlags: readonly [RedFlag, ...RedFlag[]];
  /** 0..1 */
  readonly confidence: number;
}

export interface RoutineClassification {
  readonly intent: Intent;
  readonly role: FourRRole;
  readonly emergency: false;
  /** Always empty; typed as a plain array so `redFlags.includes(flag)` works on either variant. */
  readonly redFlags: readonly RedFlag[];
  /** 0..1 */
  readonly confidence: number;
}

export type Classification = EmergencyClassification | RoutineClassification;
