import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from '../../dev/local-stack';
import { ManualClock } from '../../shared/ports/clock';
import { signToken } from '../../shared/adapters/auth/tokens';
import { decide, type Action } from '../../shared/domain/access/policy';
import { relationOf, type Principal } from '../../shared/domain/access/principal';
import type { FourRRole, StaffRole } from '../../shared/domain/team/roles';
import { POINTS_POLICY } from '../../shared/services/points/gated-api';
import { MEMBERS, type Member } from '../../shared/services/members/member';
import { AUDIT_COLLECTION } from '../../shared/adapters/audit/store-audit-log';
import { createOutboundReview } from '../../shared/services/review/review-step';

/*
 * Issue 9 "Done when": every member-data route of the system × every kind of caller × the caller's
 * own member and someone else's, over the local stack, against the policy table (decide + relationOf
 * compute the expectation; the routes are data below). Each allowed staff access and each denial
 * must leave an audit entry with the request's id. Then export and erasure end to end.
 */

let stack: LocalStack;

const A = 'm_matrix_member_a';
const B = 'm_matrix_member_b';
const C = 'm_matrix_member_c';
const TEAMS: Record<string, Record<FourRRole, string>> = {
  [A]: { family_doctor: 'doc_a', health_butler: 'butler_a', rights_consultant: 'rights_a', insurance_consultant: 'ins_a' },
  [B]: { family_doctor: 'doc_b', health_butler: 'butler_b', rights_consultant: 'rights_b', insurance_consultant: 'ins_b' },
  [C]: { family_doctor: 'doc_a', health_butler: 'butler_a', rights_consultant: 'rights_a', insurance_consultant: 'ins_a' },
};
const teamA = TEAMS[A] as Record<FourRRole, string>;

interface Caller {
  name: string;
  principal: Principal;
  headers: () => Record<string, string>;
}

const staff = (staffId: string, role: StaffRole): Caller => ({
  name: `${role}(${staffId})`,
  principal: { kind: 'staff', staffId, role },
  headers: () => ({ authorization: `Bearer ${stack.staffToken(staffId, role)}` }),
});

/**
 * Member A (their own mini-program session, and the welcome link's token, which the policy limits to
 * the form flow), A's whole 4R team, a supervisor, an ops admin and the machine key.
 */
const CALLERS: Caller[] = [
  { name: 'member A', principal: { kind: 'member', memberId: A, credential: 'mini-program' }, headers: () => ({ authorization: `Bearer ${memberToken(A)}` }) },
  { name: 'member A (welcome link)', principal: { kind: 'member', memberId: A, credential: 'member-link' }, headers: () => ({ authorization: `Bearer ${linkToken(A)}` }) },
  staff(teamA.family_doctor, 'family_doctor'),
  staff(teamA.health_butler, 'health_butler'),
  staff(teamA.rights_consultant, 'rights_consultant'),
  staff(teamA.insurance_consultant, 'insurance_consultant'),
  staff('sup_1', 'supervisor'),
  staff('ops_1', 'ops_admin'),
  { name: 'machine', principal: { kind: 'machine', id: 'matrix' }, headers: () => ({ 'x-internal-key': stack.config.INTERNAL_API_KEY, 'x-caller': 'matrix' }) },
];

/** Moved on an hour per route below; tokens are minted per request from it. */
const clock = new ManualClock(Date.now());
const HOUR_MS = 3_600_000;
const memberToken = (memberId: string) => signToken(stack.config.TOKEN_SIGNING_SECRET, { aud: 'mini-program', sub: memberId }, 3600, stack.deps.clock.nowMs());
const linkToken = (memberId: string) => signToken(stack.config.TOKEN_SIGNING_SECRET, { aud: 'member-link', sub: memberId }, 3600, stack.deps.clock.nowMs());

/** What each member owns, made through the real routes in beforeAll. */
interface Owned {
  readingId: string;
  ticketId: string;
  ticketRole: FourRRole;
  gapReportId: string;
  reminderId: string;
  redemptionId: string;
  /** A text the outbound review held for this member (seeded through the review step). */
  reviewId: string;
}
const owned: Record<string, Owned> = {};
let activityId = '';

type Ctx = { m: string; o: Owned; n: number };

interface RouteCase {
  method: string;
  /** As written in the function's routes file (the coverage check compares these). */
  template: string;
  path: (x: Ctx) => string;
  body?: (x: Ctx) => unknown;
  /**
   * The authorize calls the route makes, in order (all must allow).
   * member: about the member in the path/query/body; none: about no member.
   */
  actions: (p: Principal) => Action[];
  subject: 'member' | 'none';
  /** The resource belongs to one role's work (a ticket routed to the doctor). */
  assignedRole?: (x: Ctx) => FourRRole;
  /** Test name when the template alone does not tell two rows apart. */
  label?: string;
}

const act = (...a: Action[]) => () => a;
const FORM = {
  age: 58, sex: 'male', heightCm: 170, weightKg: 82, systolic: 146, diastolic: 92, smoking: 'current', drinking: 'occasional',
  exerciseDaysPerWeek: 1, familyHistory: ['diabetes'], conditions: ['hypertension'], medications: '氨氯地平 5mg', consent: { healthDataProcessing: true, textVersion: 'health-data-v1' },
};
const GAP_INPUT = { age: 40, annualIncome: 200_000, debts: 500_000, liquidAssets: 100_000, dependants: { children: 1, parents: 0, spouse: true }, socialInsurance: true, policies: [] };
const FUTURE_DAY = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);

/** Destructive routes come last: member A withdraws, then erases (the final rows). */
const ROUTES: RouteCase[] = [
  // intake
  { method: 'POST', template: '/api/intake/forms', path: (x) => `/api/intake/forms?memberId=${x.m}`, body: () => FORM, actions: act('health.write'), subject: 'member' },
  { method: 'POST', template: '/api/intake/readings', path: (x) => `/api/intake/readings?memberId=${x.m}`, body: (x) => ({ readingId: `matrix-reading-${x.n}`, type: 'weight', kg: 70, source: 'manual', measuredAtMs: Date.now() - 60_000 }), actions: act('readings.write'), subject: 'member' },
  { method: 'POST', template: '/api/intake/reports', path: (x) => `/api/intake/reports?memberId=${x.m}`, body: (x) => ({ reportId: `matrix-report-${x.n}`, fileRef: 'cloud://reports/matrix.pdf' }), actions: act('health.write'), subject: 'member' },
  { method: 'GET', template: '/api/intake/members/:memberId/profile', path: (x) => `/api/intake/members/${x.m}/profile`, actions: act('profile.read', 'health.read'), subject: 'member' },
  { method: 'GET', template: '/api/intake/members/:memberId/profile', path: (x) => `/api/intake/members/${x.m}/profile?view=summary`, actions: act('profile.read', 'tier.read'), subject: 'member', label: 'GET /api/intake/members/:memberId/profile?view=summary' },
  { method: 'GET', template: '/api/intake/members/:memberId/readings', path: (x) => `/api/intake/members/${x.m}/readings?days=30`, actions: act('health.read'), subject: 'member' },
  { method: 'GET', template: '/api/intake/members/by-external/:externalUserId', path: (x) => `/api/intake/members/by-external/${externalIdOf(x.m)}`, actions: act('member.lookup'), subject: 'member' },
  { method: 'GET', template: '/api/intake/members/:memberId/readings/:readingId', path: (x) => `/api/intake/members/${x.m}/readings/${x.o.readingId}`, actions: act('health.read'), subject: 'member' },
  { method: 'POST', template: '/api/intake/follow-ups/run', path: () => '/api/intake/follow-ups/run', actions: act('reminder.create'), subject: 'none' },
  { method: 'GET', template: '/api/intake/members/:memberId/plan', path: (x) => `/api/intake/members/${x.m}/plan`, actions: act('health.read'), subject: 'member' },
  { method: 'POST', template: '/api/intake/members/:memberId/plan/overrides', path: (x) => `/api/intake/members/${x.m}/plan/overrides`, body: () => ({ code: 'bp_high', weeks: 2 }), actions: act('plan.override'), subject: 'member' },
  { method: 'GET', template: '/api/intake/members/:memberId/consents', path: (x) => `/api/intake/members/${x.m}/consents`, actions: act('consent.optional'), subject: 'member' },
  { method: 'PUT', template: '/api/intake/members/:memberId/consents/:purpose', path: (x) => `/api/intake/members/${x.m}/consents/personalised_offers`, body: () => ({ granted: false }), actions: act('consent.optional'), subject: 'member' },
  { method: 'GET', template: '/api/intake/behaviour-scores', path: () => '/api/intake/behaviour-scores?month=2026-01', actions: act('score.share'), subject: 'none' },
  { method: 'GET', template: '/api/intake/behaviour-scores/:memberId', path: (x) => `/api/intake/behaviour-scores/${x.m}?month=2026-01`, actions: act('score.share'), subject: 'member' },
  // triage
  { method: 'GET', template: '/api/triage/tickets/:id', path: (x) => `/api/triage/tickets/${x.o.ticketId}`, actions: act('ticket.read'), subject: 'member', assignedRole: (x) => x.o.ticketRole },
  { method: 'POST', template: '/api/triage/tickets/:id/reply', path: (x) => `/api/triage/tickets/${x.o.ticketId}/reply`, body: (x) => ({ text: '您好，建议先按时测量血压。', key: `matrix-reply-${x.n}` }), actions: act('ticket.reply'), subject: 'member', assignedRole: (x) => x.o.ticketRole },
  { method: 'POST', template: '/api/triage/tickets/:id/ack', path: (x) => `/api/triage/tickets/${x.o.ticketId}/ack`, actions: act('ticket.ack'), subject: 'member', assignedRole: (x) => x.o.ticketRole },
  { method: 'POST', template: '/api/triage/tickets/:id/close', path: (x) => `/api/triage/tickets/${x.o.ticketId}/close`, body: () => ({ resolution: 'answered' }), actions: act('ticket.close'), subject: 'member', assignedRole: (x) => x.o.ticketRole },
  { method: 'GET', template: '/api/triage/reviews/:id', path: (x) => `/api/triage/reviews/${x.o.reviewId}`, actions: act('outbound.review'), subject: 'member' },
  { method: 'POST', template: '/api/triage/reviews/:id/reject', path: (x) => `/api/triage/reviews/${x.o.reviewId}/reject`, body: () => ({ reason: '含治愈承诺' }), actions: act('outbound.review'), subject: 'member' },
  { method: 'POST', template: '/api/triage/reviews/:id/checked', path: (x) => `/api/triage/reviews/${x.o.reviewId}/checked`, actions: act('outbound.review'), subject: 'member' },
  { method: 'POST', template: '/api/triage/reviews/:id/release', path: (x) => `/api/triage/reviews/${x.o.reviewId}/release`, actions: act('outbound.review'), subject: 'member' },
  // gap analysis
  { method: 'POST', template: '/api/gap-analysis', path: () => '/api/gap-analysis', body: (x) => ({ ...GAP_INPUT, memberId: x.m }), actions: act('gap.create'), subject: 'member' },
  { method: 'GET', template: '/api/gap-analysis/members/:memberId/reports', path: (x) => `/api/gap-analysis/members/${x.m}/reports`, actions: act('gap.read'), subject: 'member' },
  { method: 'GET', template: '/api/gap-analysis/reports/:reportId', path: (x) => `/api/gap-analysis/reports/${x.o.gapReportId}`, actions: act('gap.read'), subject: 'member' },
  { method: 'POST', template: '/api/gap-analysis/reports/:reportId/discussed', path: (x) => `/api/gap-analysis/reports/${x.o.gapReportId}/discussed`, body: () => ({}), actions: act('gap.discuss'), subject: 'member' },
  // reminders
  { method: 'POST', template: '/api/reminders', path: () => '/api/reminders', body: (x) => ({ memberId: x.m, kind: 'monitoring', title: '请测量血压' }), actions: act('reminder.create'), subject: 'member' },
  { method: 'POST', template: '/api/reminders/policies', path: () => '/api/reminders/policies', body: (x) => ({ memberId: x.m, policyId: `P-${x.n}`, expiresOn: FUTURE_DAY }), actions: act('reminder.renewal'), subject: 'member' },
  { method: 'GET', template: '/api/reminders/dead-letters', path: () => '/api/reminders/dead-letters', actions: act('audit.read'), subject: 'none' },
  { method: 'GET', template: '/api/reminders/members/:memberId', path: (x) => `/api/reminders/members/${x.m}`, actions: act('reminder.create'), subject: 'member' },
  { method: 'GET', template: '/api/reminders/:id', path: (x) => `/api/reminders/${encodeURIComponent(x.o.reminderId)}`, actions: act('reminder.create'), subject: 'member' },
  { method: 'DELETE', template: '/api/reminders/:id', path: (x) => `/api/reminders/${encodeURIComponent(x.o.reminderId)}`, actions: act('reminder.create'), subject: 'member' },
  // points
  { method: 'GET', template: '/api/points/balance', path: (x) => `/api/points/balance?memberId=${x.m}`, actions: act(POINTS_POLICY.readPoints), subject: 'member' },
  { method: 'GET', template: '/api/points/history', path: (x) => `/api/points/history?memberId=${x.m}`, actions: act(POINTS_POLICY.readPoints), subject: 'member' },
  { method: 'POST', template: '/api/points/redemptions', path: () => '/api/points/redemptions', body: (x) => ({ memberId: x.m, rightId: 'lecture_seat', idempotencyKey: `matrix-redeem-${x.n}` }), actions: act(POINTS_POLICY.redeem), subject: 'member' },
  { method: 'GET', template: '/api/points/redemptions', path: (x) => `/api/points/redemptions?memberId=${x.m}`, actions: act(POINTS_POLICY.readRights), subject: 'member' },
  { method: 'GET', template: '/api/points/signups', path: (x) => `/api/points/signups?memberId=${x.m}`, actions: act(POINTS_POLICY.readSignups), subject: 'member' },
  { method: 'GET', template: '/api/points/redemptions/:id', path: (x) => `/api/points/redemptions/${x.o.redemptionId}`, actions: act(POINTS_POLICY.readRights), subject: 'member' },
  { method: 'POST', template: '/api/points/activities/:id/signups', path: () => `/api/points/activities/${activityId}/signups`, body: (x) => ({ memberId: x.m }), actions: act(POINTS_POLICY.signUp), subject: 'member' },
  { method: 'GET', template: '/api/points/members/:memberId/balance', path: (x) => `/api/points/members/${x.m}/balance`, actions: act(POINTS_POLICY.readPoints), subject: 'member' },
  { method: 'GET', template: '/api/points/members/:memberId/history', path: (x) => `/api/points/members/${x.m}/history`, actions: act(POINTS_POLICY.readPoints), subject: 'member' },
  { method: 'GET', template: '/api/points/members/:memberId/redemptions', path: (x) => `/api/points/members/${x.m}/redemptions`, actions: act(POINTS_POLICY.readRights), subject: 'member' },
  { method: 'GET', template: '/api/points/members/:memberId/signups', path: (x) => `/api/points/members/${x.m}/signups`, actions: act(POINTS_POLICY.readSignups), subject: 'member' },
  { method: 'POST', template: '/api/points/members/:memberId/adjustments', path: (x) => `/api/points/members/${x.m}/adjustments`, body: (x) => ({ amount: 5, reason: '活动补录积分', idempotencyKey: `matrix-adjust-${x.n}` }), actions: act(POINTS_POLICY.adjust), subject: 'member' },
  { method: 'PATCH', template: '/api/points/redemptions/:id', path: (x) => `/api/points/redemptions/${x.o.redemptionId}`, body: () => ({ status: 'booked' }), actions: act(POINTS_POLICY.fulfil), subject: 'member' },
  { method: 'POST', template: '/api/points/activities/:id/checkins', path: () => `/api/points/activities/${activityId}/checkins`, body: (x) => ({ memberId: x.m }), actions: (p) => [p.kind === 'machine' ? POINTS_POLICY.checkInByMachine : POINTS_POLICY.checkInByStaff], subject: 'member' },
  { method: 'POST', template: '/api/points/earn', path: () => '/api/points/earn', body: (x) => ({ memberId: x.m, rule: 'reading_uploaded', sourceRef: `matrix:${x.n}`, idempotencyKey: `matrix-earn-${x.n}` }), actions: act(POINTS_POLICY.earn), subject: 'member' },
  { method: 'POST', template: '/api/points/redemptions/:id/cancel', path: (x) => `/api/points/redemptions/${x.o.redemptionId}/cancel`, body: () => ({}), actions: act(POINTS_POLICY.cancel), subject: 'member' },
  // privacy
  { method: 'POST', template: '/api/privacy/members/:memberId/requests', path: (x) => `/api/privacy/members/${x.m}/requests`, body: () => ({ type: 'export' }), actions: act('member.export'), subject: 'member' },
  { method: 'GET', template: '/api/privacy/members/:memberId/requests', path: (x) => `/api/privacy/members/${x.m}/requests`, actions: act('audit.read'), subject: 'member' },
  { method: 'GET', template: '/api/privacy/requests', path: () => '/api/privacy/requests', actions: act('audit.read'), subject: 'none' },
  { method: 'GET', template: '/api/privacy/audit', path: (x) => `/api/privacy/audit?memberId=${x.m}`, actions: act('audit.read'), subject: 'member' },
  { method: 'GET', template: '/api/privacy/stats', path: () => '/api/privacy/stats', actions: act('stats.read'), subject: 'none' },
  { method: 'GET', template: '/api/privacy/members/:memberId/export', path: (x) => `/api/privacy/members/${x.m}/export`, actions: act('member.export'), subject: 'member' },
  { method: 'POST', template: '/api/reminders/members/:memberId/cancel', path: (x) => `/api/reminders/members/${x.m}/cancel`, actions: act('consent.withdraw'), subject: 'member' },
  { method: 'POST', template: '/api/privacy/members/:memberId/consent/withdraw', path: (x) => `/api/privacy/members/${x.m}/consent/withdraw`, body: () => ({}), actions: act('consent.withdraw'), subject: 'member' },
  { method: 'POST', template: '/api/privacy/members/:memberId/erase', path: (x) => `/api/privacy/members/${x.m}/erase`, body: () => ({ confirm: true }), actions: act('member.delete'), subject: 'member' },
];

/**
 * Routes that act on the caller's own record without naming a member: judged per caller below.
 * The rest of the system's routes are not about one member's data; each is named with the reason.
 */
const CALLER_ROUTES = ['GET /api/intake/profile', 'GET /api/intake/report', 'GET /api/intake/readings', 'GET /api/intake/plan', 'GET /api/intake/behaviour-score', 'GET /api/triage/tickets', 'GET /api/triage/reviews', 'GET /api/reminders/mine', 'POST /api/reminders/mine/pause', 'POST /api/reminders/mine/stop', 'GET /api/reminders/mine/tasks', 'POST /api/reminders/mine/:reminderId/done', 'GET /api/intake/consents', 'PUT /api/intake/consents/:purpose'];
const NOT_MEMBER_DATA: Record<string, string> = {
  'GET /api/intake/form': 'redirect of old welcome links to the member pages at /m/form (no data)',
  'POST /api/intake/link-requests': 'public: an expired welcome link asks the butler for a new one; answers nothing about the member (rate limited)',
  'GET /api/points/rights': 'the rights catalogue (no member)',
  'POST /api/points/activities': 'creates an activity (no member; rights staff only)',
  'POST /api/points/activities/:id/lottery': 'draws an activity lottery (no single member; rights staff only)',
  'PUT /api/team/staff': 'staff roster (team.assign)',
  'GET /api/team/staff': 'staff roster (team.assign)',
  'POST /api/team/contact-ways': 'staff 联系我 codes (team.assign)',
  'GET /api/team/contact-ways': 'staff 联系我 codes (team.assign)',
  'POST /api/team/group-welcome-templates': 'group welcome template, no member data (team.assign)',
  'POST /api/auth/staff-session': 'staff login (public, rate limited)',
  'GET /api/auth/staff-login': 'staff login: the WeCom authorize URL (public, rate limited, no data)',
  'POST /api/auth/jsapi-signature': 'JS-SDK signature of one of our pages (any staff session, no member data)',
  'GET /api/privacy/texts': 'the published withdrawal notice (no member)',
};

let seq = 0;
const nextRequestId = () => `matrix-${++seq}-${Date.now()}`;

async function send(method: string, path: string, caller: Caller, body?: unknown): Promise<{ status: number; requestId: string; json: unknown }> {
  const requestId = nextRequestId();
  const init: RequestInit = {
    method,
    headers: { 'content-type': 'application/json', 'x-request-id': requestId, ...caller.headers() },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  };
  const res = await fetch(`${stack.url}${path}`, init);
  const text = await res.text();
  // The platform assigns the request id (a caller's x-request-id is dropped); the function echoes it.
  return { status: res.status, requestId: res.headers.get('x-request-id') ?? requestId, json: text ? (JSON.parse(text) as unknown) : null };
}

const auditFor = (requestId: string) => stack.deps.store.collection(AUDIT_COLLECTION).find({ requestId });

function expectedAllow(caller: Caller, route: RouteCase, x: Ctx | undefined): boolean {
  const subject = route.subject === 'member' && x ? { memberId: x.m, team: TEAMS[x.m] ?? {}, ...(route.assignedRole && { assignedRole: route.assignedRole(x) }) } : undefined;
  const relation = relationOf(caller.principal, subject);
  return route.actions(caller.principal).every((a) => decide(caller.principal, a, relation).allow);
}

/** One call: the allow/deny the policy predicts, and its audit entry. Returns a mismatch description or null. */
async function check(route: RouteCase, caller: Caller, x: Ctx | undefined): Promise<string | null> {
  const ctx = x ?? { m: A, o: owned[A] as Owned, n: ++seq };
  const res = await send(route.method, route.path(ctx), caller, route.body?.(ctx));
  const allow = expectedAllow(caller, route, x);
  const where = `${route.method} ${route.path(ctx)} by ${caller.name}${x ? ` on ${x.m === A ? 'own' : 'other'} member` : ''}`;
  if (res.status === 401 || res.status >= 500) return `${where}: ${res.status} ${JSON.stringify(res.json)}`;
  if (allow && res.status === 403) return `${where}: expected allowed, got 403 ${JSON.stringify(res.json)}`;
  if (!allow && res.status !== 403) return `${where}: expected 403, got ${res.status}`;
  const entries = await auditFor(res.requestId);
  if (!allow && !entries.some((e) => e.outcome === 'denied')) return `${where}: denial not audited`;
  if (allow && caller.principal.kind === 'staff' && !entries.some((e) => e.outcome === 'allowed' && (e.actor as { id: string }).id === (caller.principal as { staffId: string }).staffId)) {
    return `${where}: staff access not audited`;
  }
  return null;
}

/** The WeCom contact each seeded member joined as (the sidebar's lookup key). */
const externalIdOf = (memberId: string) => `wm_${memberId}`;

async function seedMember(memberId: string): Promise<void> {
  const now = stack.deps.clock.nowMs();
  const member: Member = { _id: memberId, externalUserId: externalIdOf(memberId), team: { ...(TEAMS[memberId] as Record<FourRRole, string>) }, status: 'active', intakeStatus: 'pending', joinedAtMs: now, updatedAtMs: now };
  await stack.deps.store.collection<Member>(MEMBERS).insert(member);
}

const machine = CALLERS.at(-1) as Caller;
const asMember = (memberId: string): Caller => ({ name: memberId, principal: { kind: 'member', memberId, credential: 'mini-program' }, headers: () => ({ authorization: `Bearer ${memberToken(memberId)}` }) });

/** A member's records, made through the real routes (form, reading, question, gap report, points, redemption). */
async function seedRecords(memberId: string): Promise<Owned> {
  const me = asMember(memberId);
  expect((await send('POST', '/api/intake/forms', me, FORM)).status).toBe(201);
  const readingId = `seed-reading-${memberId.slice(-1)}`;
  expect((await send('POST', '/api/intake/readings', me, { readingId, type: 'blood_pressure', systolic: 150, diastolic: 96, source: 'manual', measuredAtMs: Date.now() - 120_000, note: '早上头晕' })).status).toBe(201);
  const openId = `o_matrix_${memberId}`;
  await stack.deps.members.bindOpenId(memberId, openId, stack.deps.clock.nowMs());
  const asked = await fetch(`${stack.url}/_dev/call/triage`, { method: 'POST', headers: { 'x-dev-openid': openId }, body: JSON.stringify({ action: 'ask', data: { text: '最近血压偏高，降压药要不要加量？', clientMsgId: `seed-${memberId}` } }) });
  const answer = (await asked.json()) as { ok: boolean; data: { ticketId: string; role: FourRRole } };
  expect(answer.ok).toBe(true);
  const gap = await send('POST', '/api/gap-analysis', machine, { ...GAP_INPUT, memberId });
  expect(gap.status).toBe(201);
  expect((await send('POST', '/api/points/earn', machine, { memberId, rule: 'form_completed', sourceRef: 'seed', idempotencyKey: `seed-earn-${memberId}` })).status).toBe(201);
  const redemption = await send('POST', '/api/points/redemptions', me, { rightId: 'free_checkup', idempotencyKey: `seed-redeem-${memberId}` });
  expect(redemption.status).toBe(201);
  const reminder = await stack.deps.store.collection('reminders').findOne({ memberId, status: 'scheduled' });
  const review = createOutboundReview({ ...stack.deps, llmTimeoutMs: 100 });
  const held = await review.review({ channel: 'staff_reply', ref: `seed-${memberId}`, memberId, text: '坚持吃这个方子保证根治', author: { kind: 'system', id: 'seed' }, urgency: 'routine' });
  if (held.send) throw new Error('seed text should be held');
  return {
    readingId,
    ticketId: answer.data.ticketId,
    ticketRole: answer.data.role,
    gapReportId: (gap.json as { reportId: string }).reportId,
    reminderId: reminder?._id as string,
    redemptionId: (redemption.json as { redemptionId: string }).redemptionId,
    reviewId: held.reviewId,
  };
}

beforeAll(async () => {
  stack = await startLocalStack({ env: { LOG_LEVEL: 'silent' }, clock });
  for (const m of [A, B, C]) await seedMember(m);
  for (const m of [A, B]) owned[m] = await seedRecords(m);
  const activity = await send('POST', '/api/points/activities', staff(teamA.rights_consultant, 'rights_consultant'), {
    activityId: 'matrix-lecture', title: '高血压防治讲座', kind: 'lecture', startsAtMs: Date.now() + 1800_000, endsAtMs: Date.now() + 5400_000, capacity: 50,
  });
  expect(activity.status).toBe(201);
  activityId = 'matrix-lecture';
}, 30_000);

afterAll(async () => {
  await stack?.close();
});

describe('every member-data route × every caller × own and other member follows the policy, audited', () => {
  it('covers every route the functions serve (the rest named with a reason)', () => {
    const files = ['functions/intake/routes.ts', 'functions/intake/plan-routes.ts', 'functions/intake/behaviour-score-routes.ts', 'functions/intake/optional-consent-routes.ts', 'functions/triage/routes.ts', 'functions/gap-analysis/routes.ts', 'functions/reminder-cron/routes.ts', 'functions/points/routes.ts', 'functions/welcome/routes.ts', 'functions/welcome/team-routes.ts', 'shared/http/auth-routes.ts', 'shared/http/privacy-routes.ts'];
    const served = new Set<string>();
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const prefix = /const (?:PREFIX|P) = '([^']+)'/.exec(text)?.[1] ?? /PRIVACY_PREFIX = '([^']+)'/.exec(text)?.[1] ?? '';
      for (const m of text.matchAll(/app\.(get|post|put|patch|delete)\(\s*(?:`([^`]+)`|'([^']+)'|(PREFIX|P))\s*,/g)) {
        const raw = (m[2] ?? m[3] ?? '${PREFIX}').replace(/\$\{(?:PREFIX|P)\}/g, prefix);
        served.add(`${(m[1] as string).toUpperCase()} ${raw}`);
      }
    }
    expect(served.size).toBeGreaterThan(40);
    const covered = new Set([...ROUTES.map((r) => `${r.method} ${r.template}`), ...CALLER_ROUTES, ...Object.keys(NOT_MEMBER_DATA)]);
    expect([...served].filter((r) => !covered.has(r)).sort()).toEqual([]);
    // And nothing in the table is stale.
    expect([...covered].filter((r) => !served.has(r)).sort()).toEqual([]);
  });

  it('routes about the caller’s own record: the member gets theirs; staff name a member or list what is theirs', async () => {
    for (const caller of CALLERS) {
      const profile = await send('GET', '/api/intake/profile', caller);
      if (caller.principal.kind === 'member') expect(profile.status).toBe(200);
      else expect({ caller: caller.name, status: profile.status }).toEqual({ caller: caller.name, status: 400 });
      for (const path of ['/api/intake/report', '/api/intake/readings']) {
        const own = await send('GET', path, caller);
        expect({ caller: caller.name, path, status: own.status }).toEqual({ caller: caller.name, path, status: caller.principal.kind === 'member' ? 200 : 400 });
      }
      // 「我的提醒」: the member's own reminders only; staff and machines use the member-named routes.
      const mine = await send('GET', '/api/reminders/mine', caller);
      expect({ caller: caller.name, status: mine.status }).toEqual({ caller: caller.name, status: caller.principal.kind === 'member' ? 200 : 403 });
      if (caller.principal.kind === 'member') expect((mine.json as { memberId: string }).memberId).toBe(caller.principal.memberId);
      // Plan tasks (「完成」): the member's own only; nobody marks a member's task done for them.
      const tasks = await send('GET', '/api/reminders/mine/tasks', caller);
      expect({ caller: caller.name, status: tasks.status }).toEqual({ caller: caller.name, status: caller.principal.kind === 'member' ? 200 : 403 });
      if (caller.principal.kind !== 'member') {
        const done = await send('POST', '/api/reminders/mine/rem_matrix/done', caller, { occurrenceAtMs: 0 });
        expect({ caller: caller.name, status: done.status }).toEqual({ caller: caller.name, status: 403 });
      }
      // 「我的授权」: the member's own login only; the welcome link may have been forwarded, and staff
      // and machines have no consents of their own: each refusal is an audited 403.
      const consents = await send('GET', '/api/intake/consents', caller);
      const ownLogin = caller.principal.kind === 'member' && caller.principal.credential !== 'member-link';
      expect({ caller: caller.name, status: consents.status }).toEqual({ caller: caller.name, status: ownLogin ? 200 : 403 });
      if (!ownLogin) {
        const denied = (await auditFor(consents.requestId)).filter((e) => e.action === 'consent.optional');
        expect({ caller: caller.name, denied: denied.map((e) => e.outcome) }).toEqual({ caller: caller.name, denied: ['denied'] });
        const decided = await send('PUT', '/api/intake/consents/personalised_offers', caller, { granted: false });
        expect({ caller: caller.name, status: decided.status }).toEqual({ caller: caller.name, status: 403 });
      }
      // Members' writes count against the shared per-address limit the later steps need; their pause
      // and stop are exercised by tests/browser/member-pages.test.ts.
      for (const what of caller.principal.kind === 'member' ? [] : ['pause', 'stop']) {
        const changed = await send('POST', `/api/reminders/mine/${what}`, caller, { kind: 'activity' });
        expect({ caller: caller.name, what, status: changed.status }).toEqual({ caller: caller.name, what, status: 403 });
      }

      const tickets = await send('GET', '/api/triage/tickets?mine=1', caller);
      const entries = await auditFor(tickets.requestId);
      if (caller.principal.kind === 'machine' || (caller.principal.kind === 'member' && caller.principal.credential === 'member-link')) {
        expect(tickets.status).toBe(403);
        expect(entries.some((e) => e.outcome === 'denied')).toBe(true);
        continue;
      }
      expect({ caller: caller.name, status: tickets.status }).toEqual({ caller: caller.name, status: 200 });
      const listed = (tickets.json as { tickets: { id: string; memberId: string }[] }).tickets;
      if (caller.principal.kind === 'member') expect(listed.every((t) => t.memberId === A)).toBe(true);
      // Staff see only tickets routed to them for their own members, each access on the audit trail.
      if (caller.principal.kind === 'staff') {
        for (const t of listed) expect(t.memberId).toBe(A);
        expect(entries.filter((e) => e.outcome === 'allowed')).toHaveLength(listed.length);
        if (caller.principal.staffId === teamA.family_doctor) expect(listed.map((t) => t.id)).toContain(owned[A]?.ticketId);
      }
    }
  });

  it('answers a caller about an unknown member exactly as about a member they may not see, on every member route', async () => {
    const UNKNOWN = 'm_matrix_nobody_here';
    const code = (r: { json: unknown }) => (r.json as { error?: { code?: string } } | null)?.error?.code ?? 'ok';
    // The privacy routes are held to the same in tests/unit/privacy/routes.test.ts (their rate limits are per minute).
    const routes = ROUTES.filter((r) => r.subject === 'member' && !r.template.startsWith('/api/privacy/'));
    const pairs = routes.flatMap((route) => CALLERS.map((caller) => ({ route, caller, other: { m: B, o: owned[B] as Owned, n: ++seq }, unknown: { m: UNKNOWN, o: owned[B] as Owned, n: ++seq } })));
    const differences = await Promise.all(
      pairs
        // Only routes that name the member directly (resource routes name one of B's resources either way), and
        // only callers refused on B: who may act on any member (the machine) may learn that one does not exist.
        .filter(({ route, caller, other, unknown }) => (route.path(unknown) !== route.path(other) || JSON.stringify(route.body?.(unknown)) !== JSON.stringify(route.body?.(other))) && !expectedAllow(caller, route, other))
        .map(async ({ route, caller, other, unknown }) => {
          const [a, b] = await Promise.all([send(route.method, route.path(other), caller, route.body?.(other)), send(route.method, route.path(unknown), caller, route.body?.(unknown))]);
          return a.status === b.status && code(a) === code(b) ? null : `${route.label ?? route.template} by ${caller.name}: other ${a.status} ${code(a)}, unknown ${b.status} ${code(b)}`;
        }),
    );
    expect(differences.length).toBeGreaterThan(50);
    expect(differences.filter((d) => d !== null)).toEqual([]);
  });

  for (const route of ROUTES) {
    it(route.label ?? `${route.method} ${route.template}`, async () => {
      // Each route in an hour of its own: the per-minute write limits and the hourly bound on
      // identical denial entries (denial-audit.ts) then measure one route, not the whole table.
      clock.advance(HOUR_MS + 60_000);
      const cases = route.subject === 'none' ? CALLERS.map((c) => [c, undefined] as const) : CALLERS.flatMap((c) => [A, B].map((m) => [c, { m, o: owned[m] as Owned, n: ++seq }] as const));
      // Reads and idempotent writes in parallel; the results do not depend on each other's order.
      const mismatches = (await Promise.all(cases.map(([caller, x]) => check(route, caller, x)))).filter((m): m is string => m !== null);
      expect(mismatches).toEqual([]);
    });
  }

});

describe('export and erasure on the member’s request, end to end', () => {
  it('ops carry out the member’s own requests; the member downloads the export; erasure leaves only the trail', async () => {
    const ops = staff('ops_2', 'ops_admin');
    const me = asMember(C);
    expect((await send('POST', '/api/intake/forms', me, { ...FORM, allergies: '青霉素过敏（C）' })).status).toBe(201);
    expect((await send('POST', '/api/intake/readings', me, { readingId: 'c-reading-0001', type: 'fasting_glucose', mmolL: 7.9, source: 'manual', measuredAtMs: Date.now() - 60_000, note: '空腹测量（C）' })).status).toBe(201);
    expect((await send('POST', '/api/gap-analysis', machine, { ...GAP_INPUT, annualIncome: 3_456_789, memberId: C })).status).toBe(201);
    await stack.deps.members.bindOpenId(C, 'o_matrix_member_c', stack.deps.clock.nowMs());
    const asked = await fetch(`${stack.url}/_dev/call/triage`, { method: 'POST', headers: { 'x-dev-openid': 'o_matrix_member_c' }, body: JSON.stringify({ action: 'ask', data: { text: '体检报告说甲状腺结节，要复查吗（C）' } }) });
    const ticketId = ((await asked.json()) as { data: { ticketId: string } }).data.ticketId;
    const store = stack.deps.store;
    expect(await store.collection('gap_reports').count({ memberId: C })).toBe(1);

    // Without the member's request ops get nothing, and the refusal is on the trail.
    expect((await send('GET', `/api/privacy/members/${C}/export`, ops)).status).toBe(403);

    const exportRequest = await send('POST', `/api/privacy/members/${C}/requests`, me, { type: 'export' });
    expect(exportRequest.status).toBe(201);
    const requestId = (exportRequest.json as { requestId: string }).requestId;
    const receipt = await send('GET', `/api/privacy/members/${C}/export?requestId=${requestId}`, ops);
    expect(receipt.status).toBe(202);
    expect(JSON.stringify(receipt.json)).not.toContain('青霉素');
    const own = await send('GET', `/api/privacy/members/${C}/export`, me);
    expect(own.status).toBe(200);
    const exported = JSON.stringify(own.json);
    for (const text of ['青霉素过敏（C）', '空腹测量（C）', '氨氯地平 5mg', '甲状腺结节，要复查吗（C）']) expect(exported).toContain(text);
    const sections = (own.json as { collections: { collection: string; documents: { input?: { annualIncome?: number } }[] }[] }).collections;
    expect(sections.find((c) => c.collection === 'gap_reports')?.documents[0]?.input?.annualIncome).toBe(3_456_789);

    const eraseRequest = (await send('POST', `/api/privacy/members/${C}/requests`, me, { type: 'erase' })).json as { requestId: string };
    // A request for something else does not verify an erasure.
    expect((await send('POST', `/api/privacy/members/${C}/erase`, ops, { confirm: true, requestId })).status).toBe(403);
    const erased = await send('POST', `/api/privacy/members/${C}/erase`, ops, { confirm: true, requestId: eraseRequest.requestId });
    expect(erased.status).toBe(200);
    expect(erased.json).toMatchObject({ memberId: C, status: 'erased', complete: true, changed: true });
    // Repeating it (a lost answer) changes nothing.
    const again = await send('POST', `/api/privacy/members/${C}/erase`, ops, { confirm: true, requestId: eraseRequest.requestId });
    expect(again.json).toMatchObject({ status: 'erased', changed: false });

    // The health data is gone: profile, readings, plan, the question's text, gap inputs; what remains holds none of it.
    expect(await store.collection('readings').count({ memberId: C })).toBe(0);
    expect(await store.collection('profiles').get(C)).toBeNull();
    expect(await store.collection('plans').get(C)).toBeNull();
    expect(await store.collection('gap_reports').count({ memberId: C })).toBe(0);
    const messages = await store.collection('triage_messages').find({ memberId: C });
    expect(messages.length).toBe(1);
    expect(messages[0]).not.toHaveProperty('text');
    expect(await store.collection('triage_tickets').get(ticketId)).toMatchObject({ memberId: C, status: 'closed', redFlags: [] });
    const after = await send('GET', `/api/privacy/members/${C}/export`, me);
    expect(after.status).toBe(200);
    for (const text of ['青霉素', '空腹测量', '氨氯地平', '甲状腺', 'hypertension']) expect(JSON.stringify(after.json)).not.toContain(text);
    const left = (after.json as { collections: { collection: string }[] }).collections.map((c) => c.collection);
    for (const gone of ['gap_reports', 'readings', 'profiles', 'plans', 'exam_reports', 'reminders']) expect(left).not.toContain(gone);
    // Staff of the member's former team get nothing now.
    expect((await send('GET', `/api/intake/members/${C}/profile`, staff(teamA.family_doctor, 'family_doctor'))).status).toBe(403);

    // The trail of the deletion remains, for the member and for ops.
    const trail = (await send('GET', `/api/privacy/audit?memberId=${C}&limit=200`, ops)).json as { entries: { action: string; outcome: string; actor: { id: string } }[] };
    const deletion = trail.entries.filter((e) => e.action === 'member.delete');
    expect(deletion.every((e) => e.actor.id === 'ops_2')).toBe(true);
    // The refused attempt, then per call the access and its result.
    expect(deletion.map((e) => e.outcome).sort()).toEqual(['allowed', 'allowed', 'denied', 'done', 'done']);
    const mine = (await send('GET', '/api/privacy/audit', me)).json as { entries: { action: string; by: { kind: string; role?: string } }[] };
    expect(mine.entries.some((e) => e.action === 'member.delete' && e.by.kind === 'staff' && e.by.role === 'ops_admin')).toBe(true);
    expect(JSON.stringify(mine)).not.toContain('ops_2');
  });
});
