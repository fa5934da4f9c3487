import type { FourRRole } from '../team/roles';

/** Longest message accepted per line; WeCom text messages are far shorter. */
export const MAX_TEXT_CHARS = 4000;

/** What the customer wants (docs/prd.md §2.6.1 语义识别). `other` = greetings, chit-chat, anything unrouted. */
export const INTENTS = ['medical', 'service', 'rights', 'insurance', 'other'] as const;
export type Intent = (typeof INTENTS)[number];

/**
 * Red-flag kinds: the catalogue of docs/reference/clinical-triage.md §3, one code per kind. Codes are
 * stable: stored on tickets and shown to staff (tickets from before may also carry `critical_reading`).
 */
export const RED_FLAGS = [
  'chest_pain',
  'aortic_dissection',
  'stroke',
  'headache',
  'breathing',
  'choking',
  'unconscious',
  'seizure',
  'bleeding',
  'anaphylaxis',
  'suicide',
  'blood_pressure',
  'high_glucose',
  'low_glucose',
  'child_fever',
  'pregnancy',
  'poisoning',
  'burns',
  'head_injury',
  'arrhythmia',
  'trauma',
  'urgent_help',
] as const;
export type RedFlag = (typeof RED_FLAGS)[number];

/** Routing table (docs/prd.md §2.6.2): 医疗→家庭医生, 服务/基础问答→健康管家, 权益/活动→权益顾问, 保险/保障→保险顾问. */
export const ROLE_FOR_INTENT = {
  medical: 'family_doctor',
  service: 'health_butler',
  rights: 'rights_consultant',
  insurance: 'insurance_consultant',
  other: 'health_butler',
} as const satisfies Record<Intent, FourRRole>;

/**
 * What a nurse triage line decides (reference §2): `emergency` = 120 now, `urgent` = a doctor today,
 * `routine` = an answer within hours from the right 4R role.
 */
export const DISPOSITIONS = ['emergency', 'urgent', 'routine'] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

/**
 * An emergency is always medical and always goes to the family doctor (and a human now).
 * The type makes that unrepresentable otherwise, so no later step can route an emergency elsewhere.
 */
export interface EmergencyClassification {
  readonly intent: 'medical';
  readonly role: 'family_doctor';
  readonly disposition: 'emergency';
  readonly emergency: true;
  readonly redFlags: readonly [RedFlag, ...RedFlag[]];
  /** 0..1 */
  readonly confidence: number;
}

/** A doctor today: the family doctor, with a short SLA; `watchFor` names the kinds whose signs mean 120. */
export interface UrgentClassification {
  readonly intent: 'medical';
  readonly role: 'family_doctor';
  readonly disposition: 'urgent';
  readonly emergency: false;
  /** Always empty: only an emergency carries red flags. */
  readonly redFlags: readonly RedFlag[];
  readonly watchFor: readonly RedFlag[];
  /** 0..1 */
  readonly confidence: number;
}

export interface RoutineClassification {
  readonly intent: Intent;
  readonly role: FourRRole;
  readonly disposition: 'routine';
  readonly emergency: false;
  /** Always empty; typed as a plain array so `redFlags.includes(flag)` works on every variant. */
  readonly redFlags: readonly RedFlag[];
  /** 0..1 */
  readonly confidence: number;
}

export type Classification = EmergencyClassification | UrgentClassification | RoutineClassification;
