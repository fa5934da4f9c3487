/**
 * The domain events the programme's success metrics are computed from (docs/prd.md §8.1: 入群率,
 * 健康档案完成率, 健康计划完成率, 保险转化率, 留存率; §8.2 response time) and the offers of content and
 * commerce are measured by. Each step is recorded once: the event's id is derived from its type, the
 * member and a key naming the occurrence, so a retried handler records nothing new.
 *
 * Events carry codes and instants only — never health content (no reading values, conditions or free
 * text): the aggregates built from them are shown to ops, who see no health content
 * (shared/domain/access/policy.ts).
 */
export const OUTCOME_EVENT_TYPES = [
  /**
   * The policy or claims system told us it invited the customer (POST /api/outcomes/partner/invitations). key: the
   * invitation id. data: scene, campaign. memberId: the member the customer's external_userid names, or
   * `partner:<hash of the partner's reference>` until one is known (shared/services/outcomes/partner.ts).
   */
  'invited',
  /**
   * The customer became a member: added a staff member (key: the membership's join instant, kept by re-adds and
   * replays) or joined a customer group (key: `group:<chatId>`). data: via contact|group, scene, campaign. The
   * metrics take the earliest.
   */
  'joined',
  /** The welcome message went out (send_welcome_msg succeeded). key: the join instant, as `joined`. */
  'welcomed',
  /** The health form was completed. key: the profile version. */
  'form_completed',
  /**
   * A plan task fell due for the member (shared/domain/health/plan-tasks.ts; paused occurrences never
   * do, failed sends do: shared/services/plan-tasks/record-due.ts). key: `${reminderId}@${occurrenceAtMs}`;
   * atMs: the occurrence's instant. data.kind: the reminder kind.
   */
  'plan_task_due',
  /**
   * A plan task was done, confirmed by the member or by data; at most once per occurrence (the first
   * completion). key: as plan_task_due. data.kind; data.by: member|reading|report; data.via (by member
   * only): the credential used — member-link (the forwardable welcome link), mini-program, openid, or member (in-process).
   */
  'plan_task_done',
  /** A reading was uploaded. key: the reading id. data.kind: the reading type (blood_pressure, fasting_glucose, …; no values). */
  'reading_uploaded',
  /**
   * A ticket got its first staff answer: its first acknowledgement, by the button or by a reply (the moment the SLA
   * clock stops). key: ticket id. data: role, withinSla (by slaDueAtMs), answeredInMs (from the ticket's opening).
   */
  'ticket_answered',
  /** The member's insurance consultant put the gap report's draft into the chat with them (workbench 插入聊天). key: report id. */
  'gap_discussed',
  /** The policy system reported a purchase (POST /api/outcomes/partner/policies). key: the policy id. Matched as `invited`. */
  'policy_bought',
  /**
   * The member left: deleted the staff member whose code brought them in (key `contact:<userid>:<time>`), left their
   * last group without a contact (`groups:<time>`), or withdrew the health-data consent (`withdrawn:<time>`).
   * data.how. An erasure deletes the member's events instead.
   */
  'left',
  /** An offer or content item was shown to the member. key: the offer delivery id. data.rule */
  'offer_shown',
  /** The member opened it through its signed link. key: the offer delivery id. data.rule */
  'offer_opened',
  /** The mall reported a conversion. key: the offer delivery id. data.rule */
  'offer_converted',
] as const;

export type OutcomeEventType = (typeof OUTCOME_EVENT_TYPES)[number];

/** Values allowed in `data`: codes, counts, flags. */
export type OutcomeEventData = Record<string, string | number | boolean>;

export interface OutcomeEvent {
  type: OutcomeEventType;
  memberId: string;
  /** Names this occurrence among the member's events of this type (see each type above). */
  key: string;
  /** When it happened (UTC epoch ms). */
  atMs: number;
  data?: OutcomeEventData;
}

/** Deterministic id: the same step recorded twice is one document. */
export const outcomeEventId = (e: Pick<OutcomeEvent, 'type' | 'memberId' | 'key'>): string => `${e.type}:${e.memberId}:${e.key}`;

export const isOutcomeEventType = (x: unknown): x is OutcomeEventType => typeof x === 'string' && (OUTCOME_EVENT_TYPES as readonly string[]).includes(x);
