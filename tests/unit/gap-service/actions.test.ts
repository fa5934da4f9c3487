import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDevSecrets } from '../../../dev/dev-env';
import { main_handler } from '../../../functions/gap-analysis/index';
import { createEmbeddedStore } from '../../../shared/adapters/store/embedded';
import { parseConfig } from '../../../shared/config';
import { ManualClock } from '../../../shared/ports/clock';
import { buildDeps, setDeps, type AppDeps } from '../../../shared/runtime/deps';
import { createGapAnalysisService } from '../../../shared/services/gap-analysis/gap-analysis-service';
import { GAP_REPORTS } from '../../../shared/services/gap-analysis/report-doc';
import { MEMBERS, type Member } from '../../../shared/services/members/member';
import { familyInput, ic, NOW, request } from './setup';

let deps: AppDeps;
let reportOfM1: string;
let reportOfM2: string;

const call = (action: string, data: unknown, openId?: string) =>
  main_handler({ action, data }, openId ? { environment: JSON.stringify({ WX_OPENID: openId, TCB_SOURCE: 'wx_client' }) } : {}) as Promise<{
    ok: boolean;
    data?: Record<string, unknown>;
    error?: { code: string; fields?: { field: string }[] };
  }>;

beforeAll(async () => {
  const config = parseConfig({ ...generateDevSecrets(), NODE_ENV: 'test', LOG_LEVEL: 'silent' });
  deps = buildDeps({ config, store: createEmbeddedStore({ inMemory: true }), clock: new ManualClock(NOW) });
  setDeps(deps);
  for (const [id, icId] of [['m_1', 'ic-1'], ['m_2', 'ic-2']] as const) {
    const member: Member = { _id: id, team: { insurance_consultant: icId }, status: 'active', tier: 'high', joinedAtMs: NOW, updatedAtMs: NOW };
    await deps.store.collection<Member>(MEMBERS).insert(member);
  }
  await deps.members.bindOpenId('m_1', 'o-member-1', NOW);
  const service = createGapAnalysisService(deps);
  const r1 = await service.analyze(ic('ic-1'), request({ ...familyInput(), memberId: 'm_1' }));
  const r2 = await service.analyze(ic('ic-2'), request({ ...familyInput(), memberId: 'm_2' }));
  reportOfM1 = (r1.view as { reportId: string }).reportId;
  reportOfM2 = (r2.view as { reportId: string }).reportId;
});

afterAll(async () => {
  setDeps(undefined);
  await deps.store.close();
});

describe('callFunction actions (mini-program)', () => {
  it("lets the member whose OPENID is bound read their own reports, summary only", async () => {
    const list = await call('listReports', {}, 'o-member-1');
    expect(list.ok).toBe(true);
    expect(list.data).toMatchObject({ memberId: 'm_1', reports: [{ reportId: reportOfM1 }] });

    const one = await call('getReport', { reportId: reportOfM1 }, 'o-member-1');
    expect(one.ok).toBe(true);
    expect(one.data).toMatchObject({ audience: 'member', memberId: 'm_1' });
    expect(one.data?.memberSummary).toContain('您的保障检视小结');
    expect(one.data).not.toHaveProperty('consultantDraft');
    expect(one.data).not.toHaveProperty('recommendations');
  });

  it("refuses another member's report and list", async () => {
    expect((await call('getReport', { reportId: reportOfM2 }, 'o-member-1')).error?.code).toBe('not_self');
    expect((await call('listReports', { memberId: 'm_2' }, 'o-member-1')).error?.code).toBe('not_self');
  });

  it('refuses callers without a bound OPENID', async () => {
    expect((await call('listReports', {})).error?.code).toBe('openid_missing');
    expect((await call('listReports', {}, 'o-stranger')).error?.code).toBe('openid_not_bound');
  });

  it('validates analyze input naming the field, and lets a member analyse their own protection', async () => {
    const before = await deps.store.collection(GAP_REPORTS).count({});
    const bad = await call('analyze', { ...familyInput(), age: 12 }, 'o-member-1');
    expect(bad.error?.code).toBe('validation_failed');
    expect(bad.error?.fields?.map((f) => f.field)).toEqual(['age']);
    const badKey = await call('analyze', { ...familyInput(), idempotencyKey: 'has space' }, 'o-member-1');
    expect(badKey.error?.fields?.map((f) => f.field)).toEqual(['idempotencyKey']);
    expect(await deps.store.collection(GAP_REPORTS).count({})).toBe(before);
    const own = await call('analyze', familyInput(), 'o-member-1');
    expect(own.ok).toBe(true);
    expect(await deps.store.collection(GAP_REPORTS).count({})).toBe(before + 1);
  });
});
