import { describe, expect, it } from 'vitest';
import { analyseGap } from '../../../shared/domain/gap/analyse';
import { GapInputSchema } from '../../../shared/domain/gap/input';
import { AppError } from '../../../shared/errors';
import { GAP_REPORTS } from '../../../shared/services/gap-analysis/report-doc';
import type { MemberReportView, StaffReportView } from '../../../shared/services/gap-analysis/views';
import { familyInput, ic, machine, memberP, request, setup } from './setup';

const failure = async (p: Promise<unknown>): Promise<AppError> => {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
};

const staff = (v: unknown) => v as StaffReportView;

describe('analyze: risk tier and pricing', () => {
  it('prices with the tier stored on the member when the request has none', async () => {
    const { service, addMember } = await setup();
    await addMember('m_high', { tier: 'high' });
    await addMember('m_low', { tier: 'low' });
    const high = staff((await service.analyze(ic(), request({ ...familyInput(), memberId: 'm_high' }))).view);
    const low = staff((await service.analyze(ic(), request({ ...familyInput(), memberId: 'm_low' }))).view);

    expect(high.pricingFactor).toBe(1.2);
    expect(low.pricingFactor).toBe(0.8);
    expect(high.tierSource).toBe('member_profile');
    expect(high.assumptions).toBeUndefined();
    const { assumptions: _none, ...expectedHigh } = analyseGap(GapInputSchema.parse({ ...familyInput(), riskTier: 'high' }));
    expect(high).toMatchObject(expectedHigh);
    expect(high.input.riskTier).toBe('high');
    // Same cover need, different price for the same product type.
    expect(high.dimensions).toEqual(low.dimensions);
    expect(high.recommendations.map((r) => r.annualPremium)).not.toEqual(low.recommendations.map((r) => r.annualPremium));
    expect(high.consultantDraft).toContain('高风险（费率系数 1.2）');
    expect(low.consultantDraft).toContain('低风险（费率系数 0.8）');
  });

  it('lets a tier in the request win over the profile', async () => {
    const { service, addMember } = await setup();
    await addMember('m_high', { tier: 'high' });
    const view = staff((await service.analyze(ic(), request({ ...familyInput(), riskTier: 'low', memberId: 'm_high' }))).view);
    expect(view.pricingFactor).toBe(0.8);
    expect(view.tierSource).toBe('input');
  });

  it('prices as medium and says so when neither the request nor the profile has a tier', async () => {
    const { service, addMember } = await setup();
    await addMember('m_new');
    const view = staff((await service.analyze(ic(), request({ ...familyInput(), memberId: 'm_new' }))).view);
    expect(view.pricingFactor).toBe(1);
    expect(view.tierSource).toBe('assumed');
    expect(view.assumptions?.map((a) => a.code)).toEqual(['risk_tier_assumed_medium']);
    expect(view.consultantDraft).toContain('建议先邀请会员完成健康表单');
  });
});

describe('analyze: storage', () => {
  it('stores the report with its inputs, encrypted and bound to the member', async () => {
    const { service, addMember, store } = await setup();
    await addMember('m_1', { tier: 'medium' });
    await addMember('m_2', { tier: 'medium' });
    const { outcome, view } = await service.analyze(ic(), request({ ...familyInput(), memberId: 'm_1' }));
    expect(outcome).toBe('created');
    const reportId = staff(view).reportId!;

    const raw = await store.collection(GAP_REPORTS).get(reportId);
    expect(raw).toMatchObject({ memberId: 'm_1', tierSource: 'member_profile', input: { _enc: 1 }, consultantDraft: { _enc: 1 }, memberSummary: { _enc: 1 }, report: { _enc: 1 } });
    const text = JSON.stringify(raw);
    for (const secret of ['annualIncome', '1000000', '保障', 'debts']) expect(text).not.toContain(secret);

    // The stored inputs are what produced it: reading back gives the same report.
    const back = staff(await service.getReport(ic(), reportId));
    expect(back).toEqual(view);
    expect(back.input).toMatchObject({ annualIncome: 300_000, debts: 1_000_000, riskTier: 'medium' });

    // A ciphertext copied onto another member's report does not open.
    await store.collection(GAP_REPORTS).insert({ ...raw!, _id: 'gr_copiedcopiedcopiedcopie', memberId: 'm_2' });
    await expect(service.getReport(ic(), 'gr_copiedcopiedcopiedcopie')).rejects.toThrow(/authentication/);
  });

  it('audits the access and the creation, with no financial values in the trail', async () => {
    const { service, addMember, audit } = await setup();
    await addMember('m_1');
    const { view } = await service.analyze(ic(), request({ ...familyInput(), memberId: 'm_1' }), { requestId: 'req-1' });
    const entries = await audit.query({ memberId: 'm_1' });
    expect(entries.map((e) => [e.action, e.outcome]).sort()).toEqual([
      ['gap.create', 'allowed'],
      ['gap.report.created', 'done'],
    ]);
    const created = entries.find((e) => e.action === 'gap.report.created');
    expect(created).toMatchObject({ actor: { kind: 'staff', id: 'ic-1' }, requestId: 'req-1', meta: { reportId: staff(view).reportId } });
    expect(JSON.stringify(entries)).not.toContain('300000');
  });

  it('computes but keeps nothing when the machine names no member', async () => {
    const { service, store } = await setup();
    const { outcome, view } = await service.analyze(machine, request({ ...familyInput(), riskTier: 'high' }));
    expect(outcome).toBe('unstored');
    expect(staff(view).reportId).toBeUndefined();
    expect(staff(view).pricingFactor).toBe(1.2);
    expect(await store.collection(GAP_REPORTS).count({})).toBe(0);
  });

  it('makes no new analysis for a member who withdrew consent or was erased', async () => {
    const { service, addMember, store } = await setup();
    await addMember('m_out', { status: 'consent_withdrawn' });
    await addMember('m_gone', { status: 'erased' });
    expect((await failure(service.analyze(ic(), request({ ...familyInput(), memberId: 'm_out' }))))).toMatchObject({ code: 'member_not_active', details: { status: 'consent_withdrawn' } });
    expect((await failure(service.analyze(ic(), request({ ...familyInput(), memberId: 'm_gone' })))).status).toBe(403);
    expect((await failure(service.analyze(machine, request({ ...familyInput(), memberId: 'm_gone' })))).status).toBe(404);
    expect((await failure(service.analyze(machine, request({ ...familyInput(), memberId: 'm_nobody' })))).status).toBe(404);
    expect(await store.collection(GAP_REPORTS).count({})).toBe(0);
  });
});

describe('analyze: idempotency', () => {
  it('answers a retry with the same key and input with the same report, storing one', async () => {
    const { service, addMember, store, members } = await setup();
    await addMember('m_1', { tier: 'low' });
    const first = await service.analyze(ic(), request({ ...familyInput(), memberId: 'm_1' }), { idempotencyKey: 'abc-1' });
    // Explicit defaults are the same input; a tier change in between does not reprice the retry.
    await store.collection('members').updateOne({ _id: 'm_1' }, { $set: { tier: 'high' } });
    expect((await members.get('m_1'))?.tier).toBe('high');
    const again = await service.analyze(ic(), request({ ...familyInput(), debts: 1_000_000, memberId: 'm_1' }), { idempotencyKey: 'abc-1' });
    expect(first.outcome).toBe('created');
    expect(again.outcome).toBe('replayed');
    expect(again.view).toEqual(first.view);
    expect(await store.collection(GAP_REPORTS).count({})).toBe(1);
  });

  it('refuses the same key with a different input (409) and keeps the first report', async () => {
    const { service, addMember, store } = await setup();
    await addMember('m_1');
    await addMember('m_2');
    await service.analyze(ic(), request({ ...familyInput(), memberId: 'm_1' }), { idempotencyKey: 'abc-2' });
    const changed = await failure(service.analyze(ic(), request({ ...familyInput({ annualIncome: 400_000 }), memberId: 'm_1' }), { idempotencyKey: 'abc-2' }));
    expect([changed.status, changed.code]).toEqual([409, 'idempotency_key_reused']);
    const otherMember = await failure(service.analyze(ic(), request({ ...familyInput(), memberId: 'm_2' }), { idempotencyKey: 'abc-2' }));
    expect(otherMember.status).toBe(409);
    expect(await store.collection(GAP_REPORTS).count({})).toBe(1);
  });

  it('scopes keys to the caller: the same key from two callers makes two reports', async () => {
    const { service, addMember } = await setup();
    await addMember('m_1');
    const a = await service.analyze(ic(), request({ ...familyInput(), memberId: 'm_1' }), { idempotencyKey: 'shared' });
    const b = await service.analyze(machine, request({ ...familyInput(), memberId: 'm_1' }), { idempotencyKey: 'shared' });
    expect(b.outcome).toBe('created');
    expect(staff(b.view).reportId).not.toBe(staff(a.view).reportId);
  });

  it('stores one report when retries with one key race', async () => {
    const { service, addMember, store } = await setup();
    await addMember('m_1');
    const results = await Promise.all(
      Array.from({ length: 5 }, () => service.analyze(ic(), request({ ...familyInput(), memberId: 'm_1' }), { idempotencyKey: 'race' })),
    );
    expect(new Set(results.map((r) => staff(r.view).reportId)).size).toBe(1);
    expect(results.filter((r) => r.outcome === 'created')).toHaveLength(1);
    expect(await store.collection(GAP_REPORTS).count({})).toBe(1);
  });
});

describe('access', () => {
  it('refuses another insurance consultant everywhere and audits each refusal', async () => {
    const { service, addMember, audit, store } = await setup();
    await addMember('m_1');
    const { view } = await service.analyze(ic(), request({ ...familyInput(), memberId: 'm_1' }));
    const reportId = staff(view).reportId!;

    const refusals = [
      await failure(service.analyze(ic('ic-2'), request({ ...familyInput(), memberId: 'm_1' }))),
      await failure(service.listReports(ic('ic-2'), 'm_1', { limit: 20 })),
      await failure(service.getReport(ic('ic-2'), reportId)),
    ];
    expect(refusals.map((e) => [e.status, e.code])).toEqual(Array(3).fill([403, 'not_own_team']));
    const denied = (await audit.query({ actorId: 'ic-2' })).filter((e) => e.outcome === 'denied');
    expect(denied.map((e) => e.action).sort()).toEqual(['gap.create', 'gap.read', 'gap.read']);
    expect(denied.every((e) => e.subjectMemberId === 'm_1' && e.reason === 'not_own_team')).toBe(true);
    expect(await store.collection(GAP_REPORTS).count({})).toBe(1);
  });

  it('shows the member their numbers and summary, never the draft or products', async () => {
    const { service, addMember } = await setup();
    await addMember('m_1', { tier: 'medium' });
    const created = staff((await service.analyze(ic(), request({ ...familyInput(), memberId: 'm_1' }))).view);
    expect(created.recommendations.length).toBeGreaterThan(0);

    const seen = (await service.getReport(memberP('m_1'), created.reportId!)) as MemberReportView;
    expect(seen.audience).toBe('member');
    expect(seen.dimensions).toEqual(created.dimensions);
    expect(seen.memberSummary).toBe(created.memberSummary);
    expect(Object.keys(seen).sort()).toEqual(['audience', 'createdAtMs', 'dimensions', 'memberId', 'memberSummary', 'priority', 'reportId']);
    const text = JSON.stringify(seen);
    expect(text).not.toContain(created.consultantDraft.slice(0, 20));
    for (const r of created.recommendations) expect(text).not.toContain(r.nameZh);
  });

  it('lets a member create their own report but not one for another member', async () => {
    const { service, addMember, store } = await setup();
    await addMember('m_1');
    await addMember('m_2', { ic: 'ic-2' });
    const own = await service.analyze(memberP('m_1'), request(familyInput()));
    expect(own.outcome).toBe('created');
    const err = await failure(service.analyze(memberP('m_1'), request({ ...familyInput(), memberId: 'm_2' })));
    expect([err.status, err.code]).toEqual([403, 'not_self']);
    expect(await store.collection(GAP_REPORTS).count({})).toBe(1);
  });

  it("answers an unknown report id exactly like someone else's report", async () => {
    const { service, addMember } = await setup();
    await addMember('m_1');
    await addMember('m_2', { ic: 'ic-2' });
    const { view } = await service.analyze(ic(), request({ ...familyInput(), memberId: 'm_1' }));
    const theirs = staff(view).reportId!;
    const unknown = 'gr_AAAAAAAAAAAAAAAAAAAAAAAA';
    for (const caller of [ic('ic-2'), memberP('m_2'), machine]) {
      const a = await failure(service.getReport(caller, theirs));
      const b = await failure(service.getReport(caller, unknown));
      expect([b.status, b.code, b.message]).toEqual([a.status, a.code, a.message]);
      expect(a.status).toBe(403);
    }
  });

  it('keeps conditions out of what the consultant reads back', async () => {
    const { service, addMember } = await setup();
    await addMember('m_1');
    const { view } = await service.analyze(machine, request({ ...familyInput(), conditions: ['hypertension'], memberId: 'm_1' }));
    const read = staff(await service.getReport(ic(), staff(view).reportId!));
    expect(read.input).not.toHaveProperty('conditions');
    expect(read.input.conditionsProvided).toBe(true);
    expect(JSON.stringify(read)).not.toContain('hypertension');
  });
});

describe('listReports', () => {
  it("lists the member's reports latest first, in the caller's view, up to the limit", async () => {
    const { service, addMember, clock } = await setup();
    await addMember('m_1', { tier: 'low' });
    await addMember('m_2');
    const ids: string[] = [];
    for (const income of [200_000, 300_000, 400_000]) {
      ids.push(staff((await service.analyze(ic(), request({ ...familyInput({ annualIncome: income }), memberId: 'm_1' }))).view).reportId!);
      clock.advance(60_000);
    }
    await service.analyze(ic(), request({ ...familyInput(), memberId: 'm_2' }));

    const forStaff = await service.listReports(ic(), 'm_1', { limit: 20 });
    expect(forStaff.map((r) => r.reportId)).toEqual([...ids].reverse());
    expect(forStaff[0]).toMatchObject({ pricingFactor: 0.8, tierSource: 'member_profile' });

    const forMember = await service.listReports(memberP('m_1'), 'm_1', { limit: 2 });
    expect(forMember.map((r) => r.reportId)).toEqual([ids[2], ids[1]]);
    expect(forMember[0]).not.toHaveProperty('pricingFactor');
  });
});
