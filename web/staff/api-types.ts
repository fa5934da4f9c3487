/**
 * What the workbench reads from the API (notes/workbench-contract.md), as the pages use it. Kept
 * loose where a field is optional in the contract: the page shows what is there.
 */
export interface StaffSession {
  token: string;
  role: string;
  staffId: string;
  name: string | null;
  expiresAtMs: number;
}

export interface TicketSummary {
  id: string;
  memberId: string;
  memberName?: string | null;
  disposition?: string;
  emergency: boolean;
  role: string;
  status: string;
  redFlags: string[];
  assignee: string | null;
  createdAtMs: number;
  slaDueAtMs: number;
  summary?: string | null;
  acknowledgedAtMs: number | null;
  acknowledgedBy: string | null;
  closedAtMs: number | null;
}

export interface TicketMessage {
  msgKey: string;
  from?: 'member' | 'butler' | 'staff';
  atMs: number;
  text: string;
  staffId?: string | null;
}

export type ReplyChannel = { kind: 'kf'; openUntilMs: number; remaining?: number } | { kind: 'none'; reason?: string; why: string };

export interface TicketDetail extends TicketSummary {
  firstAidZh: string[];
  escalationLevel: number;
  onCallList: string[];
  resolution: string | null;
  messages: TicketMessage[];
  replyChannel?: ReplyChannel;
  events: { atMs: number; type: string; actor: unknown }[];
  /** Replies the outbound review held (waiting for a reviewer) or a reviewer rejected: never sent. */
  heldReplies?: HeldReply[];
}

export interface HeldReply {
  id: string;
  atMs: number;
  staffId: string;
  text: string;
  status: 'held' | 'rejected';
  reviewId: string;
  rejectReasonZh: string | null;
}

/** A text the outbound review held (GET /api/triage/reviews). */
export interface OutboundReview {
  id: string;
  channel: string;
  channelZh: string;
  memberId: string;
  ticketId: string | null;
  author: { kind: 'staff' | 'system'; id: string };
  status: 'held' | 'released' | 'rejected' | 'flagged' | 'checked';
  text: string;
  hits: { ruleId: string; category: string; categoryZh: string; action: 'block' | 'flag'; explanationZh: string; excerpt: string | null }[];
  model: { verdict: string; model: string; reasonZh: string | null } | null;
  createdAtMs: number;
  decidedAtMs: number | null;
  decidedBy: string | null;
  rejectReasonZh: string | null;
  delivery: string | null;
}

export interface Tag {
  dimension: string;
  code: string;
  labelZh: string;
}

export interface ProfileSummary {
  memberId: string;
  name?: string | null;
  displayName?: string | null;
  status: string;
  scene: string | null;
  joinedAtMs: number;
  team: Partial<Record<string, { userId: string; name: string | null }>>;
  intakeStatus: string;
  tier: string | null;
  tierFactors?: RiskFactor[];
  factors?: RiskFactor[];
  tags: Tag[];
}

export interface RiskFactor {
  code: string;
  points: number;
  detail?: string;
}

export interface ScheduleEntry {
  kind: string;
  title: string;
  recurrence: { type: string; time?: string; days?: number[]; n?: number; day?: number };
  audience: string;
}

export interface HealthProfile extends ProfileSummary {
  current: { version: number; submittedAtMs: number; score: number; factors: RiskFactor[]; form: Record<string, unknown> } | null;
  plan: { version: number; builtAtMs: number; scheduled: boolean; entries: ScheduleEntry[] } | null;
  followUp?: { status?: string; nextAtMs?: number | null; lastAtMs?: number | null } | null;
  reports: { reportId: string; examDate?: string; institution?: string; uploadedAtMs?: number; receivedAtMs?: number }[];
}

export interface Reading {
  readingId: string;
  type: string;
  measuredAtMs: number;
  value: Record<string, number>;
  redFlag: string | null;
  alert: string | null;
}

export interface ReadingBands {
  bloodPressure: {
    unit: string;
    bands: { code: string; labelZh: string; systolicFrom: number; diastolicFrom: number }[];
    redFlag: { systolicAtLeast: number; diastolicAtLeast: number };
  };
  glucose: {
    unit: string;
    fastingBands: { code: string; labelZh: string; from: number }[];
    redFlag: { highAtLeast: number; lowAtMost: number };
  };
}

export interface ReadingsPage {
  readings: Reading[];
  bands?: ReadingBands;
}

export interface GapListItem {
  reportId: string;
  createdAtMs: number;
}

export interface GapReport {
  reportId?: string;
  createdAtMs?: number;
  tierSource?: string;
  dimensions: Record<string, { recommended: number; existing: number; gap: number }>;
  priority: string[];
  premiumBudget: number;
  currentPremium: number;
  recommendations: { type: string; nameZh: string; sumAssured: number; annualPremium: number }[];
  consultantDraft: string;
  memberSummary: string;
}

export interface Balance {
  balance: number;
  lots: { points: number; expiresAtMs: number }[];
}

export interface Redemption {
  redemptionId: string;
  rightId: string;
  status: string;
  pointsSpent?: number;
  createdAtMs: number;
}

/** One activity sign-up (GET /api/points/members/:memberId/signups). */
export interface Signup {
  activityId: string;
  title: string;
  kind: string;
  startsAtMs: number;
  endsAtMs: number;
  signedUpAtMs: number;
  checkedInAtMs?: number;
  status: string;
}

/** GET /api/outcomes/dashboard (shared/services/outcomes/dashboard.ts): aggregates only, cells of 10 members or more. */
export interface OutcomeMetric {
  id: string;
  numerator: number;
  denominator: number;
  rate: number | null;
  target: number | null;
  met: boolean | null;
  withheld: boolean;
}

export interface OutcomeCell {
  value: string;
  members: number;
  metrics: Record<string, OutcomeMetric>;
  ticketsAnswered: number;
  meanAnswerMs: number | null;
}

export interface OutcomesDashboard {
  from: string;
  to: string;
  asOfMs: number | null;
  metricNames: { id: string; nameZh: string }[];
  overall: OutcomeCell | null;
  byScene: OutcomeCell[];
  byCampaign: OutcomeCell[];
  byTeamMember: Record<string, OutcomeCell[]>;
  cohorts: { week: string; members: number; retained: { week: number; rate: number }[] }[];
  slaByRole: { role: string; ticketsAnswered: number; withinSla: number; rate: number | null; meanAnswerMs: number | null }[];
  targets: Record<string, number | null>;
}
