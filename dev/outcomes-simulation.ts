import { mulberry32 } from '../shared/domain/seeded-random';
import { createStoreAuditLog } from '../shared/adapters/audit/store-audit-log';
import { createEmbeddedStore } from '../shared/adapters/store/embedded';
import type { Principal } from '../shared/domain/access/principal';
import { addDays, dayStartMs } from '../shared/domain/outcomes/dimensions';
import { shanghaiDayKey } from '../shared/domain/reminders/shanghai-time';
import { DAY_MS } from '../shared/domain/outcomes/metrics';
import { buildReport, type OutcomesReport } from '../shared/domain/outcomes/report';
import { FOUR_R_ROLES, SCENES, type FourRRole } from '../shared/domain/team/roles';
import { ManualClock } from '../shared/ports/clock';
import type { DocumentStore } from '../shared/ports/document-store';
import { createAuthorize } from '../shared/services/access/authorize';
import { createStaffSessionCheck } from '../shared/services/identity/session-check';
import { memberIdForExternalUser, type Member } from '../shared/services/members/member';
import { createMemberRepository } from '../shared/services/members/member-repository';
import { recomputeDays, storedRows } from '../shared/services/outcomes/aggregation';
import { createOutcomeEventLog } from '../shared/services/outcomes/outcome-events';
import { createPartnerReports } from '../shared/services/outcomes/partner';
import { recordJoined, recordLeft, recordWelcomed } from '../shared/services/welcome/join-outcomes';

/**
 * A seeded, reproducible simulation of the programme's first 90 days (`npm run -s cli -- outcomes
 * simulate`, tests/unit/outcomes/simulation.test.ts): the policy system invites customers through the
 * partner service, some join (members created as the welcome does, their join and welcome recorded by
 * the welcome's own recorders), fill in the form, get weekly plan tasks and do most of them, upload
 * readings, ask questions answered within or after the SLA, talk about the gap report, buy a policy,
 * leave. Then the aggregation runs as the timer runs it and the report is read as the dashboard reads
 * it. The same seed gives the same events, so the same numbers.
 */
export interface SimulationOptions {
  seed: number;
  members: number;
  /** Days simulated (the metrics' longest window is 90). */
  days?: number;
  /** First day (Asia/Shanghai). */
  startDay?: string;
}

export interface SimulationResult {
  store: DocumentStore;
  clock: ManualClock;
  from: string;
  to: string;
  events: number;
  report: OutcomesReport;
}

/** Behaviour the simulated customers follow (probabilities per customer, or per task). */
export const SIMULATED = {
  joins: 0.85,
  /** Of the invitations, how many carry the customer's external_userid (the rest are matched later or never). */
  knownAtInvitation: 0.7,
  welcomeSent: 0.95,
  formWithin30Days: 0.75,
  taskDone: 0.65,
  askQuestion: 0.35,
  answeredWithinSla: 0.9,
  gapDiscussed: 0.3,
  buysPolicy: 0.07,
  leaves: 0.12,
} as const;

const CORP = 'wwsimulation';
const MACHINE: Principal = { kind: 'machine', id: 'policy-system' };
const CAMPAIGNS = ['spring', 'renewal', undefined] as const;

export async function simulateOutcomes(o: SimulationOptions): Promise<SimulationResult> {
  const days = o.days ?? 90;
  const from = o.startDay ?? '2026-01-05';
  const startMs = dayStartMs(from);
  const endMs = startMs + days * DAY_MS;
  const rnd = mulberry32(o.seed); // reproducible from the seed: shared/domain/seeded-random.ts
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const store = createEmbeddedStore({ inMemory: true });
  const clock = new ManualClock(startMs);
  const members = createMemberRepository(store);
  const audit = createStoreAuditLog(store, { clock });
  const authorize = createAuthorize({ members, audit, store, clock, staffSessions: createStaffSessionCheck(store) });
  const partner = createPartnerReports({ store, authorize, clock, corpId: CORP });
  const log = createOutcomeEventLog(store);
  const staff = Object.fromEntries(FOUR_R_ROLES.map((r) => [r, [1, 2, 3].map((n) => `${r}_${n}`)])) as Record<FourRRole, string[]>;
  let events = 0;
  const record = async (ok: Promise<unknown>) => {
    await ok;
    events += 1;
  };
  const before = (ms: number) => ms < endMs;

  for (let i = 0; i < o.members; i++) {
    const externalUserId = `wmsim${o.seed}x${i}`;
    const memberId = memberIdForExternalUser(CORP, externalUserId);
    const customerRef = `cust-${i}`;
    const scene = pick(SCENES);
    const campaign = pick(CAMPAIGNS);
    const invitedAtMs = startMs + Math.floor(rnd() * (days - 30) * DAY_MS);
    const known = rnd() < SIMULATED.knownAtInvitation;
    // The policy system reports each step as it happens (it may not report the future).
    clock.set(invitedAtMs);
    await record(partner.invited(MACHINE, { invitationId: `inv-${i}`, customerRef, invitedAtMs, scene, ...(campaign && { campaign }), ...(known && { externalUserId }) }));
    if (rnd() >= SIMULATED.joins) continue;

    const joinedAtMs = invitedAtMs + Math.floor(rnd() * 10 * DAY_MS);
    if (!before(joinedAtMs)) continue;
    const team = Object.fromEntries(FOUR_R_ROLES.map((r) => [r, pick(staff[r])])) as Record<FourRRole, string>;
    const member: Member = { _id: memberId, externalUserId, addedBy: team.health_butler, scene, ...(campaign && { campaign }), team, status: 'active', intakeStatus: 'pending', joinedAtMs, updatedAtMs: joinedAtMs };
    await members.joined(member);
    await record(recordJoined(store, member, 'contact'));
    // The policy system learns the external_userid of a customer it invited by reference once they add staff.
    clock.set(joinedAtMs + DAY_MS);
    if (!known && before(joinedAtMs + DAY_MS)) await partner.linkCustomer(MACHINE, { customerRef, externalUserId });
    if (rnd() < SIMULATED.welcomeSent) await record(recordWelcomed(store, member, joinedAtMs + 2_000));

    const leftAtMs = rnd() < SIMULATED.leaves ? joinedAtMs + Math.floor(rnd() * 90 * DAY_MS) : Infinity;
    const active = (ms: number) => before(ms) && ms < leftAtMs;
    if (rnd() < SIMULATED.formWithin30Days) {
      const formAtMs = joinedAtMs + Math.floor(rnd() * 25 * DAY_MS);
      if (active(formAtMs)) {
        await record(log.record({ type: 'form_completed', memberId, key: '1', atMs: formAtMs }));
        for (let due = formAtMs + 7 * DAY_MS, n = 0; active(due); due += 7 * DAY_MS, n++) {
          const key = `plan-${i}@${due}`;
          await record(log.record({ type: 'plan_task_due', memberId, key, atMs: due }));
          if (rnd() < SIMULATED.taskDone && active(due + 3_600_000)) await record(log.record({ type: 'plan_task_done', memberId, key, atMs: due + 3_600_000, data: { by: n % 2 ? 'member' : 'reading' } }));
          if (rnd() < 0.5) await record(log.record({ type: 'reading_uploaded', memberId, key: `r-${i}-${n}`, atMs: due + 1_800_000, data: { kind: 'bp' } }));
        }
        if (rnd() < SIMULATED.gapDiscussed && active(formAtMs + 2 * DAY_MS)) await record(log.record({ type: 'gap_discussed', memberId, key: `gap-${i}`, atMs: formAtMs + 2 * DAY_MS }));
      }
    }
    if (rnd() < SIMULATED.askQuestion) {
      const askedAtMs = joinedAtMs + Math.floor(rnd() * 60 * DAY_MS);
      const within = rnd() < SIMULATED.answeredWithinSla;
      const answeredInMs = within ? 5 * 60_000 + Math.floor(rnd() * 50 * 60_000) : 2 * 3_600_000 + Math.floor(rnd() * 3_600_000);
      if (active(askedAtMs + answeredInMs)) {
        await record(log.record({ type: 'ticket_answered', memberId, key: `t-${i}`, atMs: askedAtMs + answeredInMs, data: { role: pick(FOUR_R_ROLES), withinSla: within, answeredInMs } }));
      }
    }
    if (rnd() < SIMULATED.buysPolicy) {
      const boughtAtMs = joinedAtMs + Math.floor(rnd() * 80 * DAY_MS);
      clock.set(boughtAtMs);
      if (before(boughtAtMs)) await record(partner.policyBought(MACHINE, { policyId: `pol-${i}`, customerRef, boughtAtMs, externalUserId }));
    }
    if (before(leftAtMs)) await record(recordLeft(store, memberId, `contact:sim:${leftAtMs}`, leftAtMs, 'contact_deleted'));
  }

  clock.set(endMs);
  const to = shanghaiDayKey(endMs - 1);
  await recomputeDays({ store, clock }, from, to);
  const report = buildReport(await storedRows(store, from, to));
  return { store, clock, from, to, events, report };
}

/** The last day of a simulation of `days` days from `from`. */
export const simulationLastDay = (from: string, days: number): string => addDays(from, days - 1);
