import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createFieldCipher } from '../../../shared/adapters/crypto/field-cipher';
import { createStoreAuditLog } from '../../../shared/adapters/audit/store-audit-log';
import { createLogger } from '../../../shared/adapters/log/logger';
import { createEmbeddedStore } from '../../../shared/adapters/store/embedded';
import { ManualClock } from '../../../shared/ports/clock';
import type { DocumentStore } from '../../../shared/ports/document-store';
import type { Llm } from '../../../shared/ports/llm';
import { countingStore } from '../../../bench/counting-store';
import { createOutboundReview, type OutboundText } from '../../../shared/services/review/review-step';
import { OUTBOUND_REVIEWS } from '../../../shared/services/review/records';
import { emergencyText, unregisteredText } from '../../../shared/services/triage/texts';
// Registers triage's fixed texts, as the triage function does when it loads (services/triage/context.ts).
import '../../../shared/services/triage/pre-approved-texts';
import type { WecomApi } from '../../../shared/ports/wecom-api';
import { composeWelcome } from '../../../shared/services/welcome/welcome-message';
import { sendWelcomeOnce } from '../../../shared/services/welcome/welcome-send';

const clock = new ManualClock(Date.UTC(2026, 2, 2, 2, 0));
const cipher = createFieldCipher(`k1:${randomBytes(32).toString('base64')}`);
const log = createLogger({ level: 'silent' });

/** A store that fails every call: whatever the review reads or writes would throw. */
const brokenStore: DocumentStore = {
  kind: 'embedded',
  collection: () =>
    new Proxy({}, { get: () => () => Promise.reject(new Error('store down')) }) as never,
  close: async () => undefined,
};

/** A model that never answers and ignores its abort signal. */
const hangingModel: Llm = { name: 'hang', chat: () => new Promise(() => undefined) };

const text = (t: Partial<OutboundText>): OutboundText => ({
  channel: 'triage_reply',
  ref: `r-${Math.random()}`,
  memberId: 'm_1',
  text: '您好',
  author: { kind: 'staff', id: 'doc-1' },
  urgency: 'routine',
  ...t,
});

function step(store: DocumentStore, llm?: Llm, llmTimeoutMs = 10_000) {
  return createOutboundReview({ store, cipher, clock, audit: createStoreAuditLog(store, { clock }), log, llm, llmTimeoutMs });
}

describe('safety first: emergency texts', () => {
  it('are passed at once, before any store read or model call, whatever their words', async () => {
    const review = step(brokenStore, hangingModel);
    const started = performance.now();
    const decisions = await Promise.all([
      review.review(text({ urgency: 'emergency', text: emergencyText(['stroke'], { familyDoctor: true }) })),
      // Even a text the rules would block is not held when it is an emergency's reply.
      review.review(text({ urgency: 'emergency', text: '马上打120，及时溶栓可以治愈' })),
    ]);
    expect(performance.now() - started).toBeLessThan(50);
    expect(decisions).toEqual([
      { send: true, status: 'passed', why: 'emergency' },
      { send: true, status: 'passed', why: 'emergency' },
    ]);
  });

  it('fixed texts registered by hash pass without the store or the model', async () => {
    const review = step(brokenStore, hangingModel);
    expect(await review.review(text({ text: unregisteredText(), author: { kind: 'system', id: 'triage' } }))).toEqual({ send: true, status: 'passed', why: 'pre_approved' });
  });
});

describe('the review step', () => {
  it('holds a blocked text once per send: a retry of the same send gets the same hold, stored encrypted', async () => {
    const store = createEmbeddedStore({ inMemory: true });
    const review = step(store);
    const t = text({ ref: 'same-send', text: '坚持吃这个保证根治' });
    const first = await review.review(t);
    const again = await review.review(t);
    expect(first).toMatchObject({ send: false, status: 'held', reviewId: 'triage_reply:same-send' });
    expect(again).toEqual(first);
    const docs = await store.collection(OUTBOUND_REVIEWS).find({});
    expect(docs).toHaveLength(1);
    expect(JSON.stringify(docs)).not.toContain('根治');
  });

  it('flags and sends wording worth a second look; passes plain text without storing anything', async () => {
    const store = createEmbeddedStore({ inMemory: true });
    const review = step(store);
    expect(await review.review(text({ text: '二甲双胍每次1片，饭后服用' }))).toMatchObject({ send: true, status: 'flagged' });
    expect(await review.review(text({ text: '请按医嘱服药，明早记得测血压' }))).toEqual({ send: true, status: 'passed', why: 'reviewed' });
    expect(await store.collection(OUTBOUND_REVIEWS).count({})).toBe(1);
  });

  it('the model may only add: its block holds a person’s text but only flags a system text; its timeout changes nothing', async () => {
    const store = createEmbeddedStore({ inMemory: true });
    const blocking: Llm = { name: 'm', chat: async () => ({ text: '{"verdict":"block","reason":"不当承诺"}' }) };
    const review = step(store, blocking);
    expect(await review.review(text({ text: '在家观察就行' }))).toMatchObject({ send: false, status: 'held' });
    // System texts are not sent to the model at all (templates reviewed in code).
    expect(await review.review(text({ text: '在家观察就行', author: { kind: 'system', id: 'triage' } }))).toEqual({ send: true, status: 'passed', why: 'reviewed' });
    const slow = step(store, hangingModel, 20);
    expect(await slow.review(text({ text: '明天上午复查血糖' }))).toEqual({ send: true, status: 'passed', why: 'reviewed' });
    expect(await slow.review(text({ text: '保证根治' }))).toMatchObject({ send: false, status: 'held' });
  });
});

describe('the review’s store reads', () => {
  it('reads earlier reviews only for a staff text or a text the rules could hold or flag', async () => {
    const counting = countingStore(createEmbeddedStore({ inMemory: true }));
    const review = step(counting.store);
    const reads = () => counting.counts.byMethod[`${OUTBOUND_REVIEWS}.get`] ?? 0;
    // A plain system text (reminders): answered by the rules alone, no store call.
    expect(await review.review(text({ text: '明天上午复查血糖', author: { kind: 'system', id: 'reminders' } }))).toEqual({ send: true, status: 'passed', why: 'reviewed' });
    expect(counting.counts.calls).toBe(0);
    // A plain staff text still reads its earlier review: a model or a reviewer may have decided on it before.
    expect(await review.review(text({ text: '请按医嘱服药，明早记得测血压' }))).toEqual({ send: true, status: 'passed', why: 'reviewed' });
    expect(reads()).toBe(1);
    // A text the rules block looks for its earlier review first (a retry gets the same hold).
    const held = text({ ref: 'send-1', text: '坚持吃这个保证根治' });
    await review.review(held);
    expect(reads()).toBe(2);
    expect(await review.review(held)).toMatchObject({ send: false, status: 'held', reviewId: 'triage_reply:send-1' });
    expect(reads()).toBe(3);
  });

  it('a retry of a text the model held stays held, without asking the model again', async () => {
    const store = createEmbeddedStore({ inMemory: true });
    const asked: string[] = [];
    const answers = ['{"verdict":"block","reason":"不当承诺"}', '{"verdict":"pass"}'];
    const model: Llm = { name: 'm', chat: async (r) => ({ text: answers[asked.push(r.messages.at(-1)?.content ?? '') - 1] ?? '' }) };
    const review = step(store, model);
    const t = text({ ref: 'send-2', text: '在家观察就行' });
    expect(await review.review(t)).toMatchObject({ send: false, status: 'held', reviewId: 'triage_reply:send-2' });
    expect(await review.review(t)).toMatchObject({ send: false, status: 'held', reviewId: 'triage_reply:send-2' });
    expect(asked).toHaveLength(1);
  });
});

describe('the welcome', () => {
  it('is built from reviewed templates and passes; a welcome the rules block is held and WeCom is never called', async () => {
    const store = createEmbeddedStore({ inMemory: true });
    const review = step(store);
    const calls: string[] = [];
    const wecom = { sendWelcomeMsg: async (m: { text: string }) => void calls.push(m.text) } as unknown as WecomApi;
    const deps = { store, wecom, clock, log, review };
    const plain = composeWelcome({ scene: 'policy_delivery', teamNames: { family_doctor: '王医生' }, formUrl: 'https://h.example/m/form' });
    expect(await sendWelcomeOnce(deps, { memberId: 'm_w1', welcomeCode: 'code-1', content: plain, receivedAtMs: clock.nowMs() })).toBe('sent');
    // A roster name that makes a cure claim (as a name would read to the member).
    const odd = composeWelcome({ scene: 'policy_delivery', teamNames: { family_doctor: '包治百病张' }, formUrl: 'https://h.example/m/form' });
    expect(await sendWelcomeOnce(deps, { memberId: 'm_w2', welcomeCode: 'code-2', content: odd, receivedAtMs: clock.nowMs() })).toBe('held_for_review');
    expect(calls).toEqual([plain.text]);
    expect(await store.collection(OUTBOUND_REVIEWS).find({})).toEqual([expect.objectContaining({ channel: 'welcome', status: 'held', memberId: 'm_w2' })]);
  });
});
