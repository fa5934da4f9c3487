import { createTokenSigner } from '../../../shared/adapters/auth/tokens';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../shared/adapters/log/logger';
import { currentConsentText } from '../../../shared/domain/consent/optional-consents';
import { DAY_MS, HOUR_MS } from '../../../shared/domain/reminders/shanghai-time';
import type { AuditLog, NewAuditEntry } from '../../../shared/ports/audit-log';
import { createMemberRepository } from '../../../shared/services/members/member-repository';
import { createOptionalConsents, MEMBER_CONSENTS } from '../../../shared/services/members/optional-consents';
import { OFFER_DELIVERIES, type OfferDeliveryDoc } from '../../../shared/services/offers/deliveries';
import { createOfferMeasures } from '../../../shared/services/offers/measures';
import { createMoments } from '../../../shared/services/offers/moments';
import { createOutcomeEventLog } from '../../../shared/services/outcomes/outcome-events';
import { TICKETS } from '../../../shared/services/triage/records';
import { REMINDERS, type ReminderDoc } from '../../../shared/services/reminders/reminder-doc';
import { createHarness } from '../reminders-service/harness';

const SECRET = 'offer-test-signing-secret-0123456789abcdef';
const BASE = 'https://health.example.cn';
const audit = { append: async (e: NewAuditEntry) => ({ ...e, _id: 'a', atMs: 0 }) } as unknown as AuditLog;

async function setup(perWeek?: number) {
  const h = createHarness();
  const deps = {
    store: h.store,
    clock: h.clock,
    members: createMemberRepository(h.store),
    cipher: h.cipher,
    audit,
    log: createLogger({ level: 'silent' }),
    tokens: createTokenSigner(SECRET),
    config: { PUBLIC_BASE_URL: BASE, ...(perWeek !== undefined && { OFFERS_PER_WEEK: perWeek }) },
  };
  const consents = createOptionalConsents(deps);
  const grant = (memberId: string) =>
    consents.set(memberId, 'personalised_offers', { granted: true, textVersion: currentConsentText('personalised_offers').version }, { kind: 'member', id: memberId });
  return { h, moments: createMoments(deps), measures: createOfferMeasures(deps), events: createOutcomeEventLog(h.store), grant, consents };
}

const glucose = (memberId: string, ref: string) => ({ memberId, event: 'glucose_high_reading' as const, ref });

describe('offers at moments of care', () => {
  it('a high reading offers the diet guide and monitoring supplies once per rule per week to a consenting member, through the reminder path, with its reason and a way to switch off', async () => {
    const { h, moments, grant } = await setup();
    await h.addMember('m1');
    await grant('m1');

    expect(await moments.onMoment(glucose('m1', 'r1'))).toEqual([expect.objectContaining({ ruleId: 'glucose_high_diet', offered: true, replayed: false })]);
    // The same reading reported again is the same offer; another high reading that week is none.
    expect(await moments.onMoment(glucose('m1', 'r1'))).toEqual([expect.objectContaining({ offered: true, replayed: true })]);
    h.clock.advance(3 * DAY_MS);
    expect(await moments.onMoment(glucose('m1', 'r2'))).toEqual([{ ruleId: 'glucose_high_diet', offered: false, reason: 'rule_this_week' }]);

    const report = await h.service.dispatch();
    expect(report.sent).toBe(1);
    const [text] = h.wecom.texts();
    expect(text).toContain('因为您最近上传的一次血糖读数偏高');
    expect(text).toContain('糖尿病饮食指南');
    expect(text).toContain('血糖监测用品');
    expect(text).toContain(`${BASE}/m/consents`);
    expect(text?.match(/\/api\/offers\/open\?t=/g)).toHaveLength(2);

    // A week after the first, the rule may fire again.
    h.clock.advance(4 * DAY_MS);
    expect(await moments.onMoment(glucose('m1', 'r3'))).toEqual([expect.objectContaining({ offered: true, replayed: false })]);
  });

  it('makes no offer to a member without the consent, or who revoked it', async () => {
    const { h, moments, grant, consents } = await setup();
    await h.addMember('m1');
    expect(await moments.onMoment(glucose('m1', 'r1'))).toEqual([{ ruleId: 'glucose_high_diet', offered: false, reason: 'no_consent' }]);
    await grant('m1');
    await consents.set('m1', 'personalised_offers', { granted: false }, { kind: 'member', id: 'm1' });
    expect(await moments.onMoment(glucose('m1', 'r2'))).toEqual([{ ruleId: 'glucose_high_diet', offered: false, reason: 'no_consent' }]);
    await h.service.dispatch();
    expect(h.wecom.sent).toHaveLength(0);
    expect(await h.store.collection(OFFER_DELIVERIES).count({})).toBe(0);
  });

  it('an offer made while the consent was on is not sent once the member switches it off: revoking cancels it', async () => {
    const { h, moments, grant, consents } = await setup();
    await h.addMember('m1');
    await grant('m1');
    const [outcome] = await moments.onMoment(glucose('m1', 'r1'));
    expect(outcome).toMatchObject({ offered: true });
    await consents.set('m1', 'personalised_offers', { granted: false }, { kind: 'member', id: 'm1' });
    const [reminder] = await h.store.collection<ReminderDoc>(REMINDERS).find({ kind: 'offer' });
    expect(reminder).toMatchObject({ status: 'cancelled', cancelledReason: 'offers_switched_off' });
    await h.service.dispatch();
    expect(h.wecom.sent).toHaveLength(0);
  });

  it('the dispatcher checks the consent at send time: a revocation whose cancel never ran still stops the offer', async () => {
    const { h, moments, grant } = await setup();
    await h.addMember('m1');
    await grant('m1');
    await moments.onMoment(glucose('m1', 'r1'));
    // The standing flips but the process dies before cancelling the reminders.
    await h.store.collection(MEMBER_CONSENTS).updateOne({ _id: 'm1:personalised_offers' }, { $set: { granted: false, textVersion: null } });
    const report = await h.service.dispatch();
    expect(report.sent).toBe(0);
    expect(h.wecom.sent).toHaveLength(0);
    const [reminder] = await h.store.collection<ReminderDoc>(REMINDERS).find({ kind: 'offer' });
    expect(reminder).toMatchObject({ status: 'cancelled', cancelledReason: 'offers_switched_off' });
  });

  it('an offer put off by the daily cap is looked at again when it is due, not every minute', async () => {
    const { h, moments, measures, grant } = await setup();
    await h.addMember('m1');
    await grant('m1');
    for (let i = 0; i < 4; i += 1) await h.service.create({ memberId: 'm1', kind: 'monitoring', title: `任务${i}` });
    await h.service.dispatch();
    await moments.onMoment(glucose('m1', 'r1'));
    await h.service.dispatch();
    expect(await measures.sweepShown()).toEqual({ shown: 0, notDelivered: 0 });
    const [delivery] = await h.store.collection<OfferDeliveryDoc>(OFFER_DELIVERIES).find({});
    const reminder = await h.store.collection<ReminderDoc>(REMINDERS).get(delivery?.reminderId as string);
    expect(reminder?.lastDeferral?.reason).toBe('daily_cap');
    expect(delivery?.checkAtMs).toBe(reminder?.dueAtMs);
  });

  it('an offer not yet sent when the member switches offers off never goes out', async () => {
    const { h, moments, measures, grant, consents } = await setup();
    await h.addMember('m1');
    await grant('m1');
    await moments.onMoment(glucose('m1', 'r1'));
    await consents.set('m1', 'personalised_offers', { granted: false }, { kind: 'member', id: 'm1' });
    expect(await measures.sweepShown()).toEqual({ shown: 0, notDelivered: 1 });
    await h.service.dispatch();
    expect(h.wecom.sent).toHaveLength(0);
  });

  it('makes none within 24 h of an emergency, and again after', async () => {
    const { h, moments, grant } = await setup();
    await h.addMember('m1');
    await grant('m1');
    const t = h.clock.nowMs();
    await h.store.collection(TICKETS).insert({ _id: 't_1', memberId: 'm1', emergency: true, status: 'closed', slaStartAtMs: t - 5 * HOUR_MS, lastMessageAtMs: t - 4 * HOUR_MS, closedAtMs: t - 2 * HOUR_MS });
    expect(await moments.onMoment(glucose('m1', 'r1'))).toEqual([{ ruleId: 'glucose_high_diet', offered: false, reason: 'recent_emergency' }]);
    h.clock.set(t - 2 * HOUR_MS + DAY_MS - 1);
    expect(await moments.onMoment(glucose('m1', 'r2'))).toEqual([expect.objectContaining({ offered: false, reason: 'recent_emergency' })]);
    h.clock.set(t - 2 * HOUR_MS + DAY_MS);
    expect(await moments.onMoment(glucose('m1', 'r3'))).toEqual([expect.objectContaining({ offered: true })]);
  });

  it('holds an emergency still open however old, and routine tickets do not count', async () => {
    const { h, moments, grant } = await setup();
    await h.addMember('m1');
    await grant('m1');
    const t = h.clock.nowMs();
    await h.store.collection(TICKETS).insert({ _id: 't_r', memberId: 'm1', emergency: false, status: 'open', slaStartAtMs: t, lastMessageAtMs: t });
    await h.store.collection(TICKETS).insert({ _id: 't_e', memberId: 'm1', emergency: true, status: 'acknowledged', slaStartAtMs: t - 3 * DAY_MS, lastMessageAtMs: t - 3 * DAY_MS });
    expect(await moments.onMoment(glucose('m1', 'r1'))).toEqual([expect.objectContaining({ offered: false, reason: 'recent_emergency' })]);
    await h.store.collection(TICKETS).updateOne({ _id: 't_e' }, { $set: { status: 'closed', closedAtMs: t - 2 * DAY_MS } });
    expect(await moments.onMoment(glucose('m1', 'r2'))).toEqual([expect.objectContaining({ offered: true })]);
  });

  it('stops at the configured number of offers a week across rules', async () => {
    const { h, moments, grant } = await setup(1);
    await h.addMember('m1');
    await grant('m1');
    expect(await moments.onMoment(glucose('m1', 'r1'))).toEqual([expect.objectContaining({ offered: true })]);
    expect(await moments.onMoment({ memberId: 'm1', event: 'claim_closed', ref: 'claim-9' })).toEqual([{ ruleId: 'claim_recovery', offered: false, reason: 'weekly_cap' }]);
  });

  it('two high readings at once still make one offer', async () => {
    const { h, moments, grant } = await setup();
    await h.addMember('m1');
    await grant('m1');
    const results = await Promise.all([moments.onMoment(glucose('m1', 'a')), moments.onMoment(glucose('m1', 'b')), moments.onMoment(glucose('m1', 'c'))]);
    expect(results.flat().filter((r) => r.offered)).toHaveLength(1);
    expect(await h.store.collection(OFFER_DELIVERIES).count({ memberId: 'm1' })).toBe(1);
  });

  it('measures the offer per rule: shown when sent, opened once through its link, converted once', async () => {
    const { h, moments, measures, events, grant } = await setup();
    await h.addMember('m1');
    await grant('m1');
    const [outcome] = await moments.onMoment({ memberId: 'm1', event: 'checkup_abnormal', ref: 'report-1' });
    expect(outcome).toMatchObject({ ruleId: 'checkup_expert_outpatient', offered: true });
    expect(await measures.sweepShown()).toEqual({ shown: 0, notDelivered: 0 });
    await h.service.dispatch();
    const sentAtMs = h.clock.nowMs();
    // The next minute's sweep sees it sent.
    h.clock.advance(60_000);
    expect(await measures.sweepShown()).toEqual({ shown: 1, notDelivered: 0 });

    const token = new URL(/https:\S+/.exec(h.wecom.texts()[0] ?? '')?.[0] ?? '').searchParams.get('t') as string;
    h.clock.advance(HOUR_MS);
    expect(await measures.open(token)).toMatchObject({ ruleId: 'checkup_expert_outpatient', path: 'pages/booking/expert?from=checkup', first: true });
    expect(await measures.open(token)).toMatchObject({ first: false });
    const deliveryId = (outcome as { deliveryId: string }).deliveryId;
    h.clock.advance(HOUR_MS);
    expect(await measures.converted(deliveryId)).toMatchObject({ replayed: false });
    expect(await measures.converted(deliveryId)).toMatchObject({ replayed: true });

    const recorded = await events.ofMember('m1', ['offer_shown', 'offer_opened', 'offer_converted']);
    expect(recorded[0]?.atMs).toBe(sentAtMs);
    expect(recorded.map((e) => [e.type, e.key, e.data])).toEqual([
      ['offer_shown', deliveryId, { rule: 'checkup_expert_outpatient' }],
      ['offer_opened', deliveryId, { rule: 'checkup_expert_outpatient' }],
      ['offer_converted', deliveryId, { rule: 'checkup_expert_outpatient' }],
    ]);
    const doc = (await h.store.collection<OfferDeliveryDoc>(OFFER_DELIVERIES).get(deliveryId)) as OfferDeliveryDoc;
    expect(doc).toMatchObject({ status: 'shown', openedAtMs: h.clock.nowMs() - HOUR_MS, convertedAtMs: h.clock.nowMs() });
    expect(await measures.listForMember('m1')).toEqual([
      expect.objectContaining({ deliveryId, reasonZh: '因为您最近完成的体检报告中有需要复查的项目', offers: ['专家门诊预约'], status: 'shown' }),
    ]);
  });
});
