import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from '../../dev/local-stack';
import { signToken } from '../../shared/adapters/auth/tokens';
import { ManualClock } from '../../shared/ports/clock';
import type { PlanView } from '../../shared/services/intake/plan-view';
import type { MemberReport } from '../../shared/services/intake/member-report';
import type { ConsentView } from '../../shared/services/members/consent-routes-service';
import { addMember, importTeam } from '../helpers/team';
import { createOutcomeEventLog } from '../../shared/services/outcomes/outcome-events';
import type { SharedScore } from '../../shared/services/intake/behaviour-scores';

/*
 * Plans that respond to data, over HTTP as the member pages and the workbench call them: a member
 * whose readings stay high for two weeks gets the adjusted plan and sees why, the doctor sees it
 * and can override; the optional consents are the member's own login's to give.
 */

const DAY_MS = 86_400_000;
const team = { family_doctor: 'ap-doc', health_butler: 'ap-butler', rights_consultant: 'ap-rights', insurance_consultant: 'ap-ins' } as const;
const clock = new ManualClock(Date.UTC(2026, 8, 1, 0, 30));

let stack: LocalStack;
let memberId: string;

const memberToken = () => signToken(stack.config.TOKEN_SIGNING_SECRET, { aud: 'mini-program', sub: memberId }, 3600, clock.nowMs());
const linkToken = () => signToken(stack.config.TOKEN_SIGNING_SECRET, { aud: 'member-link', sub: memberId }, 3600, clock.nowMs());
const staff = (id: string, role: 'family_doctor' | 'health_butler') => stack.staffToken(id, role);

async function call<T>(method: string, path: string, token: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${stack.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as T };
}

beforeAll(async () => {
  stack = await startLocalStack({ env: { LOG_LEVEL: 'silent' }, clock });
  await importTeam(stack, team, { family_doctor: '孙医生', health_butler: '钱管家', rights_consultant: '李顾问', insurance_consultant: '赵顾问' }, [], clock.nowMs());
  memberId = await addMember(stack, team, 'wmAdaptivePlanE2E0001', clock.nowMs());
  const form = {
    age: 56, sex: 'male', heightCm: 170, weightKg: 72, smoking: 'never', drinking: 'never', exerciseDaysPerWeek: 3,
    familyHistory: [], conditions: [], systolic: 126, diastolic: 82, consent: { healthDataProcessing: true, textVersion: 'health-data-v1' },
  };
  expect((await call('POST', '/api/intake/forms', memberToken(), form)).status).toBe(201);
});
afterAll(async () => {
  await stack?.close();
});

describe('a member whose readings stay high for two weeks', () => {
  it('gets the adjusted plan and sees why; the doctor sees it and can override', async () => {
    for (let day = 0; day < 14; day++) {
      const reading = { readingId: `ap-bp-day-${day}`, type: 'blood_pressure', systolic: 148 + (day % 3), diastolic: 92, measuredAtMs: clock.nowMs() - 60_000, source: 'device' };
      expect((await call('POST', '/api/intake/readings', memberToken(), reading)).status).toBe(201);
      clock.advance(DAY_MS);
    }

    const own = await call<PlanView>('GET', '/api/intake/plan', memberToken());
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ version: 1, revision: 1, scheduled: true });
    expect(own.body.changes.current).toEqual([
      expect.objectContaining({ code: 'bp_high', titleZh: '血压持续偏高', reasonZh: '近14天4次血压中有4次（100%）高于目标（低于135/85 mmHg）', effectZh: expect.stringContaining('每天早晚各一次') }),
    ]);
    expect(own.body.entries.filter((e) => e.title.includes('血压')).map((e) => e.recurrence.type)).toEqual(['daily', 'daily']);

    // The report the member pages show carries the same 「计划调整」.
    const report = await call<MemberReport>('GET', '/api/intake/report', linkToken());
    expect(report.body.report?.planChanges?.current.map((c) => c.code)).toEqual(['bp_high']);
    expect(report.body.report?.week.find((d) => d.day === 3)?.items.filter((i) => i.title.includes('血压'))).toHaveLength(2);

    // The doctor's member view: the history with reasons.
    const doctorView = await call<PlanView>('GET', `/api/intake/members/${memberId}/plan`, staff(team.family_doctor, 'family_doctor'));
    expect(doctorView.status).toBe(200);
    expect(doctorView.body.changes.history.map((h) => [h.revision, h.causeZh])).toEqual([
      [1, '根据近期数据自动调整'],
      [0, '根据健康信息表制定（第 1 版）'],
    ]);

    // The butler sees it but may not override; nor may the member.
    expect((await call('GET', `/api/intake/members/${memberId}/plan`, staff(team.health_butler, 'health_butler'))).status).toBe(200);
    const body = { code: 'bp_high', weeks: 4 };
    expect((await call('POST', `/api/intake/members/${memberId}/plan/overrides`, staff(team.health_butler, 'health_butler'), body)).body).toMatchObject({ error: { code: 'role_not_permitted' } });
    expect((await call('POST', `/api/intake/members/${memberId}/plan/overrides`, memberToken(), body)).status).toBe(403);
    expect((await call('POST', `/api/intake/members/${memberId}/plan/overrides`, staff(team.family_doctor, 'family_doctor'), { code: 'bp_high', weeks: 40 })).body).toMatchObject({
      error: { code: 'validation_failed', fields: [expect.objectContaining({ field: 'weeks' })] },
    });

    const override = await call<{ revision: number; plan: PlanView }>('POST', `/api/intake/members/${memberId}/plan/overrides`, staff(team.family_doctor, 'family_doctor'), body);
    expect(override.status).toBe(201);
    expect(override.body.plan.changes.current).toEqual([]);
    expect(override.body.plan.changes.holds).toEqual([expect.objectContaining({ code: 'bp_high', untilMs: clock.nowMs() + 28 * DAY_MS })]);
    expect(override.body.plan.changes.history[0]).toMatchObject({ cause: 'override', causeZh: '家庭医生调整', changes: [{ change: 'end', reasonZh: '家庭医生复核后撤销「血压持续偏高」调整，4周内保持原来的计划' }] });

    // The member sees the doctor's decision too; the audit trail has it.
    expect((await call<PlanView>('GET', '/api/intake/plan', memberToken())).body.changes.history[0]?.causeZh).toBe('家庭医生调整');
    const trail = await stack.deps.audit.query({ memberId });
    expect(trail.filter((e) => e.action === 'plan.override' && e.outcome === 'done' && e.actor.id === team.family_doctor)).toHaveLength(1);
  });
});

describe('optional consents (「我的授权」)', () => {
  it('shows each purpose with its text and lets only the member, on their own login, switch it', async () => {
    expect((await call('GET', `/api/intake/members/${memberId}/consents`, linkToken())).body).toMatchObject({ error: { code: 'link_token_limited' } });
    expect((await call('GET', `/api/intake/members/${memberId}/consents`, staff(team.family_doctor, 'family_doctor'))).status).toBe(403);

    const list = await call<{ consents: ConsentView[] }>('GET', `/api/intake/members/${memberId}/consents`, memberToken());
    expect(list.body.consents.map((c) => [c.purpose, c.state.granted])).toEqual([
      ['personalised_offers', false],
      ['behaviour_score_sharing', false],
    ]);
    const sharing = list.body.consents[1] as ConsentView;
    expect(sharing.textZh).toContain('不含任何疾病诊断');

    const path = `/api/intake/members/${memberId}/consents/behaviour_score_sharing`;
    expect((await call('PUT', path, linkToken(), { granted: true, textVersion: sharing.textVersion })).status).toBe(403);
    expect((await call('PUT', path, memberToken(), { granted: true, textVersion: 'made-up' })).body).toMatchObject({ error: { code: 'validation_failed', fields: [expect.objectContaining({ field: 'textVersion', messageZh: expect.any(String) })] } });
    expect((await call('PUT', `/api/intake/members/${memberId}/consents/marketing`, memberToken(), { granted: true })).status).toBe(404);
    const granted = await call<ConsentView>('PUT', path, memberToken(), { granted: true, textVersion: sharing.textVersion });
    expect(granted.body.state).toMatchObject({ granted: true, textVersion: sharing.textVersion });
    // The member's own route (what 「我的授权」 calls) answers the same record without naming the member.
    expect((await call<{ consents: ConsentView[] }>('GET', '/api/intake/consents', memberToken())).body.consents[1]?.state).toMatchObject({ granted: true, textVersion: sharing.textVersion });
    expect((await call('GET', '/api/intake/consents', linkToken())).body).toMatchObject({ error: { code: 'link_token_limited' } });
    const revoked = await call<ConsentView>('PUT', '/api/intake/consents/behaviour_score_sharing', memberToken(), { granted: false });
    expect(revoked.body.state).toMatchObject({ granted: false, textVersion: null });
    const trail = await stack.deps.audit.query({ memberId });
    expect(trail.filter((e) => e.action.startsWith('consent.optional')).map((e) => e.action)).toEqual(expect.arrayContaining(['consent.optional.given', 'consent.optional.revoked']));
  });
});

describe('the behaviour score for the policy system', () => {
  it('returns nothing without the member\'s consent and the score with a recommendation with it; the member sees theirs', async () => {
    // August's plan tasks (recorded by plan-task completion in production): 12 due, 9 done.
    const events = createOutcomeEventLog(stack.deps.store);
    for (let d = 0; d < 12; d++) {
      const atMs = Date.UTC(2026, 7, 3 + d, 1);
      const key = `plan:${memberId}:v1:0@${atMs}`;
      await events.record({ type: 'plan_task_due', memberId, key, atMs });
      if (d < 9) await events.record({ type: 'plan_task_done', memberId, key, atMs: atMs + 3600_000, data: { by: 'member' } });
    }
    await stack.gateway.fireTimer('intake');
    await stack.gateway.fireTimer('intake');

    const machine = { 'x-internal-key': stack.config.INTERNAL_API_KEY };
    const get = async <T>(path: string) => {
      const res = await fetch(`${stack.url}${path}`, { headers: machine });
      return { status: res.status, body: (await res.json()) as T };
    };
    expect((await get('/api/intake/behaviour-scores?month=2026-8')).status).toBe(400);
    expect((await get<{ scores: SharedScore[] }>('/api/intake/behaviour-scores?month=2026-08')).body.scores).toEqual([]);
    expect((await get(`/api/intake/behaviour-scores/${memberId}?month=2026-08`)).status).toBe(404);
    // Neither a member nor their doctor may read the insurer's feed.
    expect((await call('GET', '/api/intake/behaviour-scores?month=2026-08', memberToken())).status).toBe(403);
    expect((await call('GET', '/api/intake/behaviour-scores?month=2026-08', staff(team.family_doctor, 'family_doctor'))).status).toBe(403);

    // The member sees their own score (the welcome link reaches it, like the report).
    const own = await call<{ months: { month: string; score: number; tipsZh: string[] }[] }>('GET', '/api/intake/behaviour-score', linkToken());
    expect(own.body.months).toEqual([expect.objectContaining({ month: '2026-08', score: 75, tipsZh: expect.arrayContaining([expect.stringContaining('9/12')]) })]);

    const text = (await call<{ consents: ConsentView[] }>('GET', `/api/intake/members/${memberId}/consents`, memberToken())).body.consents[1] as ConsentView;
    await call('PUT', `/api/intake/members/${memberId}/consents/behaviour_score_sharing`, memberToken(), { granted: true, textVersion: text.textVersion });
    const shared = await get<{ scores: SharedScore[] }>('/api/intake/behaviour-scores?month=2026-08');
    expect(shared.body.scores).toEqual([
      expect.objectContaining({ memberId, month: '2026-08', score: 75, components: { adherencePoints: 75, improvementPoints: null }, recommendation: expect.objectContaining({ premiumAdjustmentPct: -2.5, rangePerYearPct: 5, cumulativeCapPct: 30 }) }),
    ]);
    const one = await get<SharedScore>(`/api/intake/behaviour-scores/${memberId}?month=2026-08&appliedPct=-29`);
    expect(one.body.recommendation.premiumAdjustmentPct).toBe(-1);
    const trail = await stack.deps.audit.query({ memberId });
    expect(trail.filter((e) => e.action === 'score.disclosed')).toHaveLength(2);
  });
});
