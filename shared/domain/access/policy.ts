import { principalRole, type Principal, type PrincipalRole, type Relation } from './principal';

/**
 * Who may do what, as data (docs/prd.md §3.2 "基于角色的访问控制"). Each action lists the principals it is
 * granted to and the relation each needs; everything not listed is denied.
 *
 * Rules behind the table:
 * - a member acts on their own records only;
 * - the member's own 4R team sees what its role needs: the family doctor and the health butler
 *   (who sends medication and monitoring reminders) see health content; the insurance consultant
 *   sees the gap report and risk tier but no readings, conditions, medications or free text; the
 *   rights consultant sees points and rights;
 * - tickets hold the member's free text, so they are read by the team member of the role the
 *   ticket was routed to (relationOf with `assignedRole`);
 * - supervisors see aggregates only, never one member's records;
 * - a member reads the audit trail about themselves (who looked at their records, when);
 * - ops admins see no health content. They read the audit trail and statistics, assign teams, and
 *   carry out a member's own verified export/deletion/withdrawal request; the export itself is
 *   delivered to the member, never to ops;
 * - texts to members that the outbound review held are decided by the member's family doctor or a
 *   compliance reviewer, who reads those texts and nothing else of the member's (`outbound.review`);
 * - the machine principal (INTERNAL_API_KEY) does machine work only: earning points, creating
 *   reminders, drafting gap reports, assigning teams, importing content, reporting moments of care,
 *   and handing the policy system the behaviour scores of members who consented to that
 *   (behaviour_score_sharing, checked per member);
 * - the content library holds no member data: ops manage it;
 * - a plan the data adjusted is the member's family doctor's to override (their clinical call);
 * - optional consents (personalised offers, behaviour-score sharing) are the member's alone, on
 *   their own login: the welcome link can be forwarded, so it cannot consent to anything;
 * - the welcome link's token travels in a WeCom link card anyone can forward, for three weeks, so a
 *   member known by it may only do what the health form page does (LINK_TOKEN_ACTIONS): no export,
 *   deletion, withdrawal, points, rights, tickets, gap reports or audit trail on its strength.
 */

/** What an action exposes; drives the reason given when a role is not granted it. */
export type Content =
  | 'health' // readings, conditions, medications, allergies, free text
  | 'health_derived' // risk tier and gap report: conclusions without the clinical detail
  | 'personal'
  | 'benefits'
  | 'oversight'
  | 'editorial'; // the content library: texts written for everyone, no member data

/** A grant allows the relation of the same name; `any` allows every relation. */
export type Grant = 'self' | 'own_team' | 'on_request' | 'any';

export interface ActionRule {
  content: Content;
  /** `member`: about one member's records; `aggregate`: about no single member. */
  subject: 'member' | 'aggregate';
  grants: Partial<Record<PrincipalRole, Grant>>;
}

const team4R = { family_doctor: 'own_team', health_butler: 'own_team', rights_consultant: 'own_team', insurance_consultant: 'own_team' } as const;
const clinicians = { family_doctor: 'own_team', health_butler: 'own_team' } as const;
const onMembersRequest = { member: 'self', ops_admin: 'on_request' } as const;

export const POLICY = {
  'profile.read': { content: 'personal', subject: 'member', grants: { member: 'self', ...team4R } },
  'profile.write': { content: 'personal', subject: 'member', grants: { member: 'self', health_butler: 'own_team' } },

  'health.read': { content: 'health', subject: 'member', grants: { member: 'self', ...clinicians } },
  'health.write': { content: 'health', subject: 'member', grants: { member: 'self', ...clinicians } },
  'readings.write': { content: 'health', subject: 'member', grants: { member: 'self', ...clinicians } },

  /** Revert a data-driven plan adjustment or hold a rule off for some weeks (plan-adaptation.ts). */
  'plan.override': { content: 'health', subject: 'member', grants: { family_doctor: 'own_team' } },
  /** See and decide the optional consents (shared/domain/consent/optional-consents.ts). */
  'consent.optional': { content: 'personal', subject: 'member', grants: { member: 'self' } },
  /** The member's own monthly behaviour score and how to raise it (behaviour-score.ts). */
  'score.read': { content: 'health_derived', subject: 'member', grants: { member: 'self' } },
  /** The policy system reads scores of consenting members only; the service filters by consent. */
  'score.share': { content: 'health_derived', subject: 'member', grants: { machine: 'any' } },

  'tier.read': { content: 'health_derived', subject: 'member', grants: { member: 'self', ...clinicians, insurance_consultant: 'own_team' } },
  'gap.read': { content: 'health_derived', subject: 'member', grants: { member: 'self', insurance_consultant: 'own_team' } },
  'gap.create': { content: 'health_derived', subject: 'member', grants: { member: 'self', insurance_consultant: 'own_team', machine: 'any' } },
  /** The member's insurance consultant put the report's talking points into the chat with them (保险转化, docs/prd.md §4.3). */
  'gap.discuss': { content: 'health_derived', subject: 'member', grants: { insurance_consultant: 'own_team' } },

  'points.read': { content: 'benefits', subject: 'member', grants: { member: 'self', rights_consultant: 'own_team' } },
  'points.earn': { content: 'benefits', subject: 'member', grants: { machine: 'any' } },
  'points.adjust': { content: 'benefits', subject: 'member', grants: { rights_consultant: 'own_team' } },
  'rights.read': { content: 'benefits', subject: 'member', grants: { member: 'self', rights_consultant: 'own_team' } },
  /** Spending the member's own points or seats (redeem, cancel, sign up): the member, or their rights consultant for them. */
  'rights.redeem': { content: 'benefits', subject: 'member', grants: { member: 'self', rights_consultant: 'own_team' } },
  'rights.fulfil': { content: 'benefits', subject: 'member', grants: { rights_consultant: 'own_team' } },

  'ticket.read': { content: 'health', subject: 'member', grants: { member: 'self', ...team4R } },
  'ticket.ack': { content: 'health', subject: 'member', grants: { ...team4R } },
  'ticket.close': { content: 'health', subject: 'member', grants: { ...team4R } },
  /** Answering the member in the ticket's conversation: what the ticket's reader may read, they may answer. */
  'ticket.reply': { content: 'health', subject: 'member', grants: { ...team4R } },

  /**
   * Which member a WeCom customer (external_userid) is, for the chat-toolbar sidebar: the member's own
   * team, who talk to that customer. Nobody else learns that a WeCom contact is a member.
   */
  'member.lookup': { content: 'personal', subject: 'member', grants: { ...team4R } },

  'reminder.create': { content: 'health', subject: 'member', grants: { member: 'self', ...clinicians, machine: 'any' } },
  /** The member's own 「我的提醒」: see, pause and stop the reminders sent to them (not their team's tasks). */
  'reminder.own': { content: 'health', subject: 'member', grants: { member: 'self' } },
  /**
   * The member's own 「完成」 on a task of their personal plan (shared/domain/health/plan-tasks.ts):
   * it earns plan_task_completed points and counts towards adherence.
   */
  'plan_task.done': { content: 'health', subject: 'member', grants: { member: 'self' } },
  /** Policy renewal reminders: the member's own insurance consultant or the policy system. */
  'reminder.renewal': { content: 'personal', subject: 'member', grants: { insurance_consultant: 'own_team', machine: 'any' } },

  'member.export': { content: 'health', subject: 'member', grants: { ...onMembersRequest } },
  'member.delete': { content: 'personal', subject: 'member', grants: { ...onMembersRequest } },
  'consent.withdraw': { content: 'personal', subject: 'member', grants: { ...onMembersRequest } },

  'team.assign': { content: 'personal', subject: 'member', grants: { supervisor: 'any', ops_admin: 'any', machine: 'any' } },

  /** Members read the trail about themselves (who accessed what, PIPL art. 44-45); ops read all of it. */
  'audit.read': { content: 'oversight', subject: 'member', grants: { member: 'self', ops_admin: 'any' } },
  /** Aggregates only (counts; no cell under 10 members): supervisors, ops, and the ops CLI through the machine key (CSV export). */
  'stats.read': { content: 'oversight', subject: 'aggregate', grants: { supervisor: 'any', ops_admin: 'any', machine: 'any' } },
  /** The policy or claims system reports invitations and purchases for the outcome metrics (a partner machine call). */
  'outcomes.report': { content: 'personal', subject: 'member', grants: { machine: 'any' } },

  /** The content library and its calendar (docs/prd.md §2.1.3 社群内容管理): ops, and the CLI through the machine key. */
  'content.manage': { content: 'editorial', subject: 'aggregate', grants: { ops_admin: 'any', machine: 'any' } },
  /** 「我的推荐」: the offers made to the member and why (the reasons name the moment of care). */
  'offer.own': { content: 'health', subject: 'member', grants: { member: 'self' } },
  /** Partner systems report moments of care (claim closed, check-up findings) and mall conversions. */
  'offer.report': { content: 'personal', subject: 'member', grants: { machine: 'any' } },

  /**
   * Deciding on a text the outbound review held (release or reject; shared/services/review). The
   * texts are the member's health content, so not ops (no health content) nor supervisors (aggregates
   * only). The member's family doctor already reads that member's health records and is the clinician
   * who can judge diagnosis and prescription wording; a compliance reviewer (an oversight grant given
   * by ops, like supervisor) judges sales and product claims for every member, and reads only the held
   * texts — no record, reading or ticket of the member. Nobody decides on a text they wrote
   * (services/review/queue.ts), so a doctor's own held reply goes to the compliance reviewer.
   */
  'outbound.review': { content: 'health', subject: 'member', grants: { family_doctor: 'own_team', compliance_reviewer: 'any' } },
} as const satisfies Record<string, ActionRule>;

export type Action = keyof typeof POLICY;
export const ACTIONS = Object.keys(POLICY) as Action[];
export const isAction = (x: unknown): x is Action => typeof x === 'string' && Object.hasOwn(POLICY, x);

/**
 * The health-form flow: submit the form, readings and reports, then see the profile and tier it
 * produced — and the reminders that plan sends the member (「我的提醒」, reached from the same link):
 * pausing or stopping them only quietens the member's own phone. Marking one of those tasks done
 * ('plan_task.done') gives a link holder nothing the flow does not already give: a reading sent
 * through the same link completes its task, with the same points, by itself; the points go to the
 * member (spending them, 'rights.redeem', needs the member's own login), five a day at most by the
 * earning rule's cap; and the done event names the credential, so an adherence reader can weigh a
 * claim made through the link apart from one made signed in. The behaviour score (derived from
 * what the link already reads) is shown beside the report.
 */
export const LINK_TOKEN_ACTIONS: readonly Action[] = ['health.write', 'readings.write', 'profile.read', 'health.read', 'tier.read', 'reminder.own', 'plan_task.done', 'score.read'];

export type DenyReason =
  | 'link_token_limited' // a member known only by the forwardable welcome-link token, outside the form flow
  | 'not_self' // a member acting on someone else
  | 'not_own_team' // staff not assigned to this member in their role
  | 'no_verified_request' // ops acting without the member's verified request
  | 'role_not_permitted'
  | 'aggregate_only' // supervisor asking for one member's records
  | 'no_health_content'; // ops admin asking for health content

export type Decision = { allow: true } | { allow: false; reason: DenyReason };

const RELATION_MISMATCH: Record<Exclude<Grant, 'any'>, DenyReason> = {
  self: 'not_self',
  own_team: 'not_own_team',
  on_request: 'no_verified_request',
};

function notGranted(role: PrincipalRole, rule: ActionRule): DenyReason {
  if (role === 'ops_admin' && (rule.content === 'health' || rule.content === 'health_derived')) return 'no_health_content';
  if (role === 'supervisor' && rule.subject === 'member') return 'aggregate_only';
  return 'role_not_permitted';
}

/** `relation` comes from relationOf(principal, subject). */
export function decide(principal: Principal, action: Action, relation: Relation): Decision {
  if (principal.kind === 'member' && principal.credential === 'member-link' && !LINK_TOKEN_ACTIONS.includes(action)) {
    return { allow: false, reason: 'link_token_limited' };
  }
  const rule: ActionRule = POLICY[action];
  const role = principalRole(principal);
  const grant = rule.grants[role];
  if (!grant) return { allow: false, reason: notGranted(role, rule) };
  if (grant === 'any' || grant === relation) return { allow: true };
  return { allow: false, reason: RELATION_MISMATCH[grant] };
}
