import { describe, expect, it } from 'vitest';
import { createEmbeddedStore } from '../../../shared/adapters/store/embedded';
import { createStoreAuditLog } from '../../../shared/adapters/audit/store-audit-log';
import type { Principal } from '../../../shared/domain/access/principal';
import { dayStartMs } from '../../../shared/domain/outcomes/dimensions';
import { DAY_MS } from '../../../shared/domain/outcomes/metrics';
import { buildReport, OTHER } from '../../../shared/domain/outcomes/report';
import type { Scene } from '../../../shared/domain/team/roles';
import { ManualClock } from '../../../shared/ports/clock';
import { createAuthorize } from '../../../shared/services/access/authorize';
import { createStaffSessionCheck } from '../../../shared/services/identity/session-check';
import { memberIdForExternalUser, type Member } from '../../../shared/services/members/member';
import { createMemberRepository } from '../../../shared/services/members/member-repository';
import { computeDays, OUTCOME_AGGREGATES, recomputeRecent, storedRows } from '../../../shared/services/outcomes/aggregation';
import { createOutcomeEventLog } from '../../../shared/services/outcomes/outcome-events';
import { createPartnerReports } from '../../../shared/services/outcomes/partner';
import { recordJoined, recordLeft, recordWelcomed } from '../../../shared/services/welcome/join-outcomes';

/*
 * Twelve customers, each step placed by hand, run through the daily timer for 96 days. The expected
 * numbers below are counted from this list, not from the code:
 *
 *   c0–c11 invited on day 0 10:00 (c0–c7 policy delivery, c8–c11 claims service); c10 and c11 by
 *   reference only; c10 is linked to their external_userid on day 2; c11 never joins.
 *   c0–c9 join day 0 12:00, c10 day 1 12:00                      → invited 12, joined in 30 d 11
 *   welcome sent to c0–c8                                         → welcomed 9
 *   form: c0–c7 on day 3; c8 on day 40 (outside 30 d)             → profile completion 8 / 11
 *   plan: c0–c3 two tasks each (days 10, 17); done: c0 ×2, c1 ×2, c2 ×1 → 5 / 8
 *   tickets: c0 doctor 10 min (in SLA), c1 doctor 3 h (late), c2 butler 20 min (in SLA) → 2 / 3
 *   policy: c0 day 20; c1 day 92 (outside 90 d)                   → conversion 1 / 11
 *   left: c9 deletes the contact day 5; c8 withdraws day 60       → 30 d: 10 / 11, 90 d: 9 / 11
 */
const D0 = '2026-03-02'; // a Monday
const t0 = dayStartMs(D0);
const at = (day: number, hour: number, minute = 0) => t0 + day * DAY_MS + hour * 3_600_000 + minute * 60_000;
const CORP = 'wwhandcohort';
const MACHINE: Principal = { kind: 'machine', id: 'policy-system' };
const ext = (i: number) => `wmhand${i}`;
const mid = (i: number) => memberIdForExternalUser(CORP, ext(i));
const sceneOf = (i: number): Scene => (i < 8 ? 'policy_delivery' : 'claims_service');

function setup() {
  const store = createEmbeddedStore({ inMemory: true });
  const clock = new ManualClock(t0);
  const members = createMemberRepository(store);
  const authorize = createAuthorize({ members, audit: createStoreAuditLog(store, { clock }), store, clock, staffSessions: createStaffSessionCheck(store) });
  const partner = createPartnerReports({ store, authorize, clock, corpId: CORP });
  const log = createOutcomeEventLog(store);
  return { store, clock, members, partner, log };
}

type Ctx = ReturnType<typeof setup>;

function plan(): { atMs: number; run: (c: Ctx) => Promise<unknown> }[] {
  const steps: { atMs: number; run: (c: Ctx) => Promise<unknown> }[] = [];
  const add = (atMs: number, run: (c: Ctx) => Promise<unknown>) => steps.push({ atMs, run });
  for (let i = 0; i < 12; i++) {
    const byRef = i >= 10;
    add(at(0, 10), (c) => c.partner.invited(MACHINE, { invitationId: `inv-${i}`, customerRef: `ref-${i}`, invitedAtMs: at(0, 10), scene: sceneOf(i), ...(!byRef && { externalUserId: ext(i) }) }));
  }
  const join = (i: number, day: number) =>
    add(at(day, 12), async (c) => {
      const member: Member = { _id: mid(i), externalUserId: ext(i), addedBy: 'butler1', scene: sceneOf(i), team: { family_doctor: 'doc1', health_butler: 'butler1' }, status: 'active', intakeStatus: 'pending', joinedAtMs: at(day, 12), updatedAtMs: at(day, 12) };
      await c.members.joined(member);
      await recordJoined(c.store, member, 'contact');
      if (i <= 8) await recordWelcomed(c.store, member, at(day, 12) + 2_000);
    });
  for (let i = 0; i < 10; i++) join(i, 0);
  join(10, 1);
  add(at(2, 9), (c) => c.partner.linkCustomer(MACHINE, { customerRef: 'ref-10', externalUserId: ext(10) }));
  for (let i = 0; i < 8; i++) add(at(3, 20), (c) => c.log.record({ type: 'form_completed', memberId: mid(i), key: '1', atMs: at(3, 20) }));
  add(at(40, 20), (c) => c.log.record({ type: 'form_completed', memberId: mid(8), key: '1', atMs: at(40, 20) }));
  const done: Record<number, number[]> = { 0: [10, 17], 1: [10, 17], 2: [10], 3: [] };
  for (let i = 0; i < 4; i++) {
    for (const day of [10, 17]) {
      const key = `rem-${i}@${at(day, 8)}`;
      add(at(day, 8), (c) => c.log.record({ type: 'plan_task_due', memberId: mid(i), key, atMs: at(day, 8) }));
      if (done[i]!.includes(day)) add(at(day, 9), (c) => c.log.record({ type: 'plan_task_done', memberId: mid(i), key, atMs: at(day, 9), data: { by: 'member' } }));
    }
  }
  for (const n of [1, 2, 3]) add(at(n + 4, 7), (c) => c.log.record({ type: 'reading_uploaded', memberId: mid(0), key: `r${n}`, atMs: at(n + 4, 7), data: { kind: 'bp' } }));
  const ticket = (i: number, role: string, minutes: number, withinSla: boolean) =>
    add(at(6, 10, minutes), (c) => c.log.record({ type: 'ticket_answered', memberId: mid(i), key: `t${i}`, atMs: at(6, 10, minutes), data: { role, withinSla, answeredInMs: minutes * 60_000 } }));
  ticket(0, 'family_doctor', 10, true);
  ticket(1, 'family_doctor', 180, false);
  ticket(2, 'health_butler', 20, true);
  add(at(8, 15), (c) => c.log.record({ type: 'gap_discussed', memberId: mid(0), key: 'g0', atMs: at(8, 15) }));
  add(at(9, 15), (c) => c.log.record({ type: 'gap_discussed', memberId: mid(1), key: 'g1', atMs: at(9, 15) }));
  add(at(20, 11), (c) => c.partner.policyBought(MACHINE, { policyId: 'P0', customerRef: 'ref-0', boughtAtMs: at(20, 11) }));
  add(at(92, 11), (c) => c.partner.policyBought(MACHINE, { policyId: 'P1', customerRef: 'ref-1', boughtAtMs: at(92, 11) }));
  add(at(5, 18), (c) => recordLeft(c.store, mid(9), 'contact:butler1:1', at(5, 18), 'contact_deleted'));
  add(at(60, 18), (c) => recordLeft(c.store, mid(8), 'withdrawn:1', at(60, 18), 'consent_withdrawn'));
  return steps.sort((a, b) => a.atMs - b.atMs);
}

/** Lives through the days: each step at its instant, the timer every night at 01:00. */
async function live(c: Ctx, days: number): Promise<void> {
  const steps = plan();
  for (let day = 0; day <= days; day++) {
    for (const s of steps.filter((x) => x.atMs >= at(day, 0) && x.atMs < at(day + 1, 0))) {
      c.clock.set(s.atMs);
      await s.run(c);
    }
    c.clock.set(at(day + 1, 1));
    await recomputeRecent(c);
  }
}

describe('outcome metrics on a hand-counted cohort', () => {
  it('the daily timer yields exactly the hand-counted numbers', async () => {
    const c = setup();
    await live(c, 95);
    const report = buildReport(await storedRows(c.store, D0, '2026-06-30'));
    const m = report.overall!.metrics;
    expect([m.join_rate.numerator, m.join_rate.denominator]).toEqual([11, 12]);
    expect([m.profile_completion.numerator, m.profile_completion.denominator]).toEqual([8, 11]);
    expect([m.plan_completion.numerator, m.plan_completion.denominator]).toEqual([5, 8]);
    expect([m.insurance_conversion.numerator, m.insurance_conversion.denominator]).toEqual([1, 11]);
    expect([m.retention.numerator, m.retention.denominator]).toEqual([10, 11]);
    expect([m.retention_90.numerator, m.retention_90.denominator]).toEqual([9, 11]);
    expect([m.sla_compliance.numerator, m.sla_compliance.denominator]).toEqual([2, 3]);
    expect(m.plan_completion.rate).toBe(0.625);
    expect(m.plan_completion.met).toBe(true); // ≥ 60 %
    expect(m.insurance_conversion.met).toBe(true); // 1/11 ≥ 5 %
    expect(m.profile_completion.met).toBe(true); // 8/11 ≥ 70 %
    expect(m.retention.met).toBe(true); // 10/11 ≥ 85 %
    expect(m.retention_90.met).toBe(false); // 9/11 < 85 %

    // The ticket mean over the three answers: (10 + 180 + 20) / 3 minutes.
    expect(report.overall!.meanAnswerMs).toBe(70 * 60_000);
    // Both scenes are under 10 members (8 and 3): neither is shown, only their merge.
    expect(report.byScene.map((s) => [s.value, s.members])).toEqual([[OTHER, 11]]);
    // The join week of 11: retained at the end of week 1 … 13 — c9 gone in week 1, c8 in week 9.
    const curve = report.cohorts.find((x) => x.week === D0)!;
    expect(curve.members).toBe(11);
    expect(curve.retained.map((p) => Math.round(p.rate * 11))).toEqual([10, 10, 10, 10, 10, 10, 10, 10, 9, 9, 9, 9, 9]);
  });

  it('recomputing gives the same rows, also after a crash left a day half-written', async () => {
    const c = setup();
    await live(c, 95);
    const asOfMs = c.clock.nowMs();
    const before = await storedRows(c.store, D0, '2026-06-30');
    // A run that died half-way: some rows of recent days gone, one rewritten with wrong counts.
    const col = c.store.collection(OUTCOME_AGGREGATES);
    const recent = before.filter((r) => r.day >= '2026-03-07');
    expect(recent.length).toBeGreaterThan(4);
    for (const r of recent.slice(0, Math.ceil(recent.length / 2))) await col.deleteOne({ _id: r._id });
    await col.updateOne({ _id: recent[recent.length - 1]!._id }, { $set: { 'counts.planDue': 999 } });
    await col.insert({ _id: '2026-03-08|campaign|gone', day: '2026-03-08', dim: 'campaign', value: 'gone', counts: recent[0]!.counts, asOfMs: 1 });
    await recomputeRecent(c);
    const after = await storedRows(c.store, D0, '2026-06-30');
    const strip = (rows: typeof before) => rows.map(({ asOfMs: _a, ...r }) => r);
    expect(strip(after)).toEqual(strip(before));
    // And the same again from scratch, without storing, as of the same instant.
    const fresh = await computeDays(c.store, D0, '2026-06-30', asOfMs);
    const freshReport = buildReport([...fresh.values()].flat());
    expect(freshReport).toEqual(buildReport(after));
  });
});
