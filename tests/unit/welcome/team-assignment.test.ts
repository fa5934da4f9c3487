import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEmbeddedStore } from '../../../shared/adapters/store/embedded';
import { ManualClock } from '../../../shared/ports/clock';
import { createLogger } from '../../../shared/adapters/log/logger';
import type { DocumentStore } from '../../../shared/ports/document-store';
import { FOUR_R_ROLES, type Scene } from '../../../shared/domain/team/roles';
import { MEMBERS, type Member } from '../../../shared/services/members/member';
import { assignTeam } from '../../../shared/services/team/assign-team';
import { importRoster, listRoster, StaffLineSchema, STAFF_ROSTER, type StaffLine } from '../../../shared/services/team/roster';
import { pickLeastLoaded } from '../../../shared/services/team/balance';

let store: DocumentStore;
const clock = new ManualClock(Date.UTC(2025, 2, 3));
const log = createLogger({ level: 'silent' });
const deps = () => ({ store, clock, log });
const ALL: Scene[] = ['policy_delivery', 'claims_service', 'reactivation'];

const supportRoles: StaffLine[] = [
  { userId: 'butler_1', name: '管家一', role: 'health_butler', scenes: ALL },
  { userId: 'rights_1', name: '权益一', role: 'rights_consultant', scenes: ALL },
  { userId: 'ins_1', name: '保险一', role: 'insurance_consultant', scenes: ALL },
];

async function addMembers(n: number, prefix = 'm'): Promise<string[]> {
  const ids = Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(3, '0')}`);
  for (const id of ids) await store.collection<Member>(MEMBERS).insert({ _id: id, team: {}, status: 'active', joinedAtMs: 0, updatedAtMs: 0 });
  return ids;
}

const loads = async () => Object.fromEntries((await listRoster(store)).map((s) => [s._id, s.load]));

beforeEach(() => {
  store = createEmbeddedStore({ inMemory: true });
});
afterEach(async () => {
  await store.close();
});

describe('4R team assignment', () => {
  it('spreads 31 concurrent joins over three doctors within one of each other, one doctor per member', async () => {
    await importRoster(store, [
      { userId: 'doc_c', name: '丙', role: 'family_doctor', scenes: ['policy_delivery'] },
      { userId: 'doc_a', name: '甲', role: 'family_doctor', scenes: ['policy_delivery'] },
      { userId: 'doc_b', name: '乙', role: 'family_doctor', scenes: ['policy_delivery'] },
      ...supportRoles,
    ], { nowMs: clock.nowMs() });
    const members = await addMembers(31);

    const results = await Promise.all(members.map((id) => assignTeam(deps(), id, 'policy_delivery')));

    const l = await loads();
    const doctorLoads = [l.doc_a, l.doc_b, l.doc_c] as number[];
    expect(doctorLoads.reduce((a, b) => a + b, 0)).toBe(31);
    expect(Math.max(...doctorLoads) - Math.min(...doctorLoads)).toBeLessThanOrEqual(1);
    // Counters agree with what members actually got.
    const stored = await store.collection<Member>(MEMBERS).find({});
    for (const doc of ['doc_a', 'doc_b', 'doc_c']) expect(stored.filter((m) => m.team.family_doctor === doc)).toHaveLength(l[doc] as number);
    expect(results.every((r) => FOUR_R_ROLES.every((role) => r.team[role]))).toBe(true);
    expect(l.butler_1).toBe(31);
  });

  it('takes the least-loaded person and breaks ties by the smaller userid', async () => {
    await importRoster(store, [
      { userId: 'doc_b', name: '乙', role: 'family_doctor', scenes: ALL },
      { userId: 'doc_a', name: '甲', role: 'family_doctor', scenes: ALL },
    ], { nowMs: 0 });
    const [m1, m2, m3] = await addMembers(3);
    expect((await assignTeam(deps(), m1 as string, 'reactivation')).team.family_doctor).toBe('doc_a');
    expect((await assignTeam(deps(), m2 as string, 'reactivation')).team.family_doctor).toBe('doc_b');
    expect((await assignTeam(deps(), m3 as string, 'reactivation')).team.family_doctor).toBe('doc_a');
  });

  it("only considers active staff serving the member's scene, and reports roles nobody can take", async () => {
    await importRoster(store, [
      { userId: 'doc_claims', name: '理赔医生', role: 'family_doctor', scenes: ['claims_service'] },
      { userId: 'doc_gone', name: '离职医生', role: 'family_doctor', scenes: ['policy_delivery'], active: false },
      { userId: 'doc_policy', name: '保单医生', role: 'family_doctor', scenes: ['policy_delivery'] },
    ], { nowMs: 0 });
    const [a, b] = await addMembers(2);
    const policy = await assignTeam(deps(), a as string, 'policy_delivery');
    expect(policy.team.family_doctor).toBe('doc_policy');
    expect(policy.unstaffed).toEqual(['health_butler', 'rights_consultant', 'insurance_consultant']);
    // Unknown scene: anyone active may serve.
    expect((await assignTeam(deps(), b as string, undefined)).team.family_doctor).toBe('doc_claims');
  });

  it('assigns once: a replayed join changes neither the team nor any load', async () => {
    await importRoster(store, [{ userId: 'doc_a', name: '甲', role: 'family_doctor', scenes: ALL }, ...supportRoles], { nowMs: 0 });
    const [m] = await addMembers(1);
    const first = await assignTeam(deps(), m as string, 'claims_service');
    const replays = await Promise.all([1, 2, 3].map(() => assignTeam(deps(), m as string, 'claims_service')));
    expect(first.assigned).toEqual([...FOUR_R_ROLES]);
    for (const r of replays) expect(r).toMatchObject({ team: first.team, assigned: [] });
    expect(await loads()).toEqual({ doc_a: 1, butler_1: 1, rights_1: 1, ins_1: 1 });
  });

  it('keeps loads across a re-import and deactivates people left out with replace', async () => {
    await importRoster(store, [{ userId: 'doc_a', name: '甲', role: 'family_doctor', scenes: ALL }, ...supportRoles], { nowMs: 0 });
    const [m] = await addMembers(1);
    await assignTeam(deps(), m as string, 'policy_delivery');
    const result = await importRoster(store, [{ userId: 'doc_a', name: '甲医生', role: 'family_doctor', scenes: ALL, onCall: true }], { nowMs: 1, replace: true });
    expect(result).toEqual({ created: 0, updated: 1, deactivated: 3, reassigned: 0 });
    const doc = await store.collection(STAFF_ROSTER).get('doc_a');
    expect(doc).toMatchObject({ name: '甲医生', load: 1, onCall: true, active: true });
    expect(await store.collection(STAFF_ROSTER).count({ active: false })).toBe(3);
  });

  it("hands a departing person's members to the least-loaded colleagues of their scene, ending the person's sessions", async () => {
    const doctors: StaffLine[] = ['doc_a', 'doc_b', 'doc_c'].map((userId) => ({ userId, name: userId, role: 'family_doctor', scenes: ['policy_delivery'] }));
    await importRoster(store, [...doctors, { userId: 'doc_claims', name: '理赔', role: 'family_doctor', scenes: ['claims_service'] }, ...supportRoles], { nowMs: 0 });
    const members = await addMembers(6);
    for (const id of members) await assignTeam(deps(), id, 'policy_delivery');
    await store.collection<Member>(MEMBERS).updateMany({}, { $set: { scene: 'policy_delivery' } });
    expect(await loads()).toMatchObject({ doc_a: 2, doc_b: 2, doc_c: 2, doc_claims: 0 });

    // doc_d joins; doc_b moves to another role; doc_a (and doc_claims) leave the roster.
    const doc_d: StaffLine = { userId: 'doc_d', name: 'doc_d', role: 'family_doctor', scenes: ['policy_delivery'] };
    const moved = await importRoster(store, [{ ...(doctors[1] as StaffLine), role: 'health_butler' }, doctors[2] as StaffLine, doc_d, ...supportRoles], { nowMs: 1, replace: true });
    expect(moved).toMatchObject({ deactivated: 2, reassigned: 4 });
    const stored = await store.collection<Member>(MEMBERS).find({});
    expect(stored.every((m) => m.team.family_doctor === 'doc_c' || m.team.family_doctor === 'doc_d')).toBe(true);
    expect(await loads()).toMatchObject({ doc_a: 0, doc_b: 0, doc_c: 3, doc_d: 3, doc_claims: 0, butler_1: 6 });
    const versions = Object.fromEntries((await listRoster(store)).map((s) => [s._id, s.rosterVersion ?? 0]));
    expect(versions).toMatchObject({ doc_a: 1, doc_b: 1, doc_c: 0, doc_d: 0, doc_claims: 1 });
  });

  it('validates roster lines with field names', () => {
    const bad = StaffLineSchema.safeParse({ userId: 'has space', name: '', role: 'nurse', scenes: [], extra: 1 });
    expect(bad.success).toBe(false);
    const fields = bad.error?.issues.map((i) => i.path.join('.') || i.code).sort();
    expect(fields).toEqual(expect.arrayContaining(['name', 'role', 'scenes', 'userId']));
  });

  it('picks deterministically from the same loads', () => {
    const staff = [
      { _id: 'b', scenes: ALL, active: true, load: 2 },
      { _id: 'c', scenes: ALL, active: true, load: 1 },
      { _id: 'a', scenes: ALL, active: true, load: 1 },
    ];
    expect(pickLeastLoaded(staff, 'policy_delivery')?._id).toBe('a');
    expect(pickLeastLoaded([...staff].reverse(), 'policy_delivery')?._id).toBe('a');
    expect(pickLeastLoaded([], 'policy_delivery')).toBeUndefined();
  });
});
