import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from '../../dev/local-stack';
import { signToken } from '../../shared/adapters/auth/tokens';
import type { RiskTier } from '../../shared/domain/team/roles';
import { GAP_REPORTS } from '../../shared/services/gap-analysis/report-doc';
import { MEMBERS, type Member } from '../../shared/services/members/member';
import { errorOf } from '../helpers/http';

let stack: LocalStack;

/** A member as intake leaves them: a 4R team (insurance consultant ic-1) and a risk tier on the member doc. */
async function seedMember(id: string, tier: RiskTier): Promise<void> {
  const nowMs = stack.deps.clock.nowMs();
  const member: Member = {
    _id: id,
    team: { family_doctor: 'doc-1', health_butler: 'hb-1', rights_consultant: 'rc-1', insurance_consultant: 'ic-1' },
    tier,
    status: 'active',
    intakeStatus: 'completed',
    joinedAtMs: nowMs,
    updatedAtMs: nowMs,
  };
  await stack.deps.store.collection<Member>(MEMBERS).insert(member);
}

const input = {
  age: 35,
  annualIncome: 300_000,
  debts: 1_000_000,
  liquidAssets: 200_000,
  dependants: { children: 1, parents: 0, spouse: true },
  socialInsurance: true,
  policies: [{ type: 'medical', sumAssured: 1_000_000, annualPremium: 300 }],
};

const memberToken = (memberId: string) =>
  signToken(stack.config.TOKEN_SIGNING_SECRET, { aud: 'mini-program', sub: memberId }, 3600, stack.deps.clock.nowMs());

function post(body: unknown, token: string, headers: Record<string, string> = {}) {
  return fetch(`${stack.url}/api/gap-analysis`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

const get = (path: string, token: string) => fetch(`${stack.url}/api/gap-analysis${path}`, { headers: { authorization: `Bearer ${token}` } });

type Json = Record<string, unknown> & { reportId: string; pricingFactor: number; consultantDraft: string; memberSummary: string };

beforeAll(async () => {
  stack = await startLocalStack({ env: { LOG_LEVEL: 'silent' } });
  await seedMember('m_gap_high', 'high');
  await seedMember('m_gap_low', 'low');
});
afterAll(async () => {
  await stack?.close();
});

describe('gap analysis over HTTP', () => {
  let highReport: Json;

  it("gives the member's insurance consultant a report priced with the tier from the member's profile", async () => {
    const consultant = stack.staffToken('ic-1', 'insurance_consultant');
    const high = await post({ ...input, memberId: 'm_gap_high' }, consultant);
    const low = await post({ ...input, memberId: 'm_gap_low' }, consultant);
    expect([high.status, low.status]).toEqual([201, 201]);
    highReport = (await high.json()) as Json;
    const lowReport = (await low.json()) as Json;

    expect(highReport).toMatchObject({ memberId: 'm_gap_high', pricingFactor: 1.2, tierSource: 'member_profile' });
    expect(lowReport).toMatchObject({ pricingFactor: 0.8, tierSource: 'member_profile' });
    expect(highReport.dimensions).toEqual(lowReport.dimensions);
    for (const key of ['dimensions', 'premiumBudget', 'currentPremium', 'priority', 'recommendations', 'unclosedGaps']) expect(highReport).toHaveProperty(key);
    expect(highReport.consultantDraft).toMatch(/^## 保障缺口分析草案/);
    expect(highReport.consultantDraft).toContain('高风险');

    const read = await get(`/reports/${highReport.reportId}`, consultant);
    expect(read.status).toBe(200);
    expect(await read.json()).toEqual(highReport);
    const list = (await (await get('/members/m_gap_high/reports', consultant)).json()) as { reports: { reportId: string }[] };
    expect(list.reports.map((r) => r.reportId)).toEqual([highReport.reportId]);
  });

  it('refuses a different insurance consultant with 403 and records the refusal in the audit log', async () => {
    const other = stack.staffToken('ic-2', 'insurance_consultant');
    const tries = [
      await post({ ...input, memberId: 'm_gap_high' }, other),
      await get(`/reports/${highReport.reportId}`, other),
      await get('/members/m_gap_high/reports', other),
    ];
    for (const res of tries) {
      expect(res.status).toBe(403);
      expect((await errorOf(res)).code).toBe('not_own_team');
    }
    const denied = (await stack.deps.audit.query({ actorId: 'ic-2', memberId: 'm_gap_high' })).filter((e) => e.outcome === 'denied');
    expect(denied.map((e) => e.action).sort()).toEqual(['gap.create', 'gap.read', 'gap.read']);
    const unknown = await get('/reports/gr_AAAAAAAAAAAAAAAAAAAAAAAA', other);
    expect([unknown.status, (await errorOf(unknown)).code]).toEqual([403, 'not_own_team']);
  });

  it('shows the member their summary and numbers without the consultant draft', async () => {
    const res = await get(`/reports/${highReport.reportId}`, memberToken('m_gap_high'));
    expect(res.status).toBe(200);
    const body = (await res.json()) as Json;
    expect(body).toMatchObject({ audience: 'member', reportId: highReport.reportId, dimensions: highReport.dimensions });
    expect(body.memberSummary).toContain('并不是产品推荐');
    expect(body).not.toHaveProperty('consultantDraft');
    expect(body).not.toHaveProperty('recommendations');
    expect(JSON.stringify(body)).not.toContain('保障缺口分析草案');

    const someoneElse = await get(`/reports/${highReport.reportId}`, memberToken('m_gap_low'));
    expect(someoneElse.status).toBe(403);
  });

  it('answers a retried Idempotency-Key with the same report and a changed request with 409', async () => {
    const consultant = stack.staffToken('ic-1', 'insurance_consultant');
    const key = { 'idempotency-key': 'e2e-retry-1' };
    const first = await post({ ...input, memberId: 'm_gap_low' }, consultant, key);
    const again = await post({ ...input, memberId: 'm_gap_low' }, consultant, key);
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(((await again.json()) as Json).reportId).toBe(((await first.json()) as Json).reportId);
    const changed = await post({ ...input, annualIncome: 500_000, memberId: 'm_gap_low' }, consultant, key);
    expect(changed.status).toBe(409);
    expect((await errorOf(changed)).code).toBe('idempotency_key_reused');
  });

  it('rejects malformed input with 400 naming the field and stores nothing', async () => {
    const consultant = stack.staffToken('ic-1', 'insurance_consultant');
    const before = await stack.deps.store.collection(GAP_REPORTS).count({});
    const badAge = await post({ ...input, age: 'thirty', memberId: 'm_gap_high' }, consultant);
    expect(badAge.status).toBe(400);
    const err = await errorOf(badAge);
    expect(err.fields?.map((f) => f.field)).toEqual(['age']);
    expect(err.message).toContain('age');
    const badPolicy = await post({ ...input, policies: [{ type: 'pet', sumAssured: -1, annualPremium: 0 }], memberId: 'm_gap_high' }, consultant);
    expect((await errorOf(badPolicy)).fields?.map((f) => f.field).sort()).toEqual(['policies.0.sumAssured', 'policies.0.type']);
    expect((await post('{not json', consultant)).status).toBe(400);
    expect(await stack.deps.store.collection(GAP_REPORTS).count({})).toBe(before);
  });
});
