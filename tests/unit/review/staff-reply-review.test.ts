import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AUDIT_COLLECTION } from '../../../shared/adapters/audit/store-audit-log';
import { OUTBOUND_REVIEWS } from '../../../shared/services/review/records';
import { REPLIES } from '../../../shared/services/triage/records';
import { STAFF_ROSTER } from '../../../shared/services/team/roster';
import { FakeLlm, ingestKf, startHarness, TEAM, textOf, type Harness } from '../triage-service/harness';
import { failure } from '../../helpers/failure';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

const doctor = { kind: 'staff', staffId: TEAM.family_doctor, role: 'family_doctor' } as const;
const butler = { kind: 'staff', staffId: TEAM.health_butler, role: 'health_butler' } as const;
const compliance = { kind: 'staff', staffId: 'cr-1', role: 'compliance_reviewer' } as const;
const otherDoctor = { kind: 'staff', staffId: 'oncall-1', role: 'family_doctor' } as const;
const kfTo = (ext: string) => h.sent('kf/send_msg', ext).map(textOf);
const CURE = '这个方子坚持吃保证根治';

async function heldReply(ext: string, key: string, text = CURE) {
  await h.addMember(ext);
  const opened = await ingestKf(h, ext, '血糖一直偏高怎么办');
  const ticketId = opened.ticketId as string;
  const res = await h.service.reply(doctor, ticketId, { text, key });
  return { ticketId, res };
}

describe('a workbench reply with a cure promise', () => {
  it('is held, not sent: the author sees it held on the ticket, the text is stored encrypted, the hold is audited', async () => {
    const { ticketId, res } = await heldReply('wmHold', 'hold-1');
    expect(res).toMatchObject({ sent: false, held: true, status: 'held', duplicate: false });
    expect(kfTo('wmHold')).toEqual([expect.stringContaining('已收到')]);

    const detail = await h.service.getTicket(doctor, ticketId);
    expect(detail.heldReplies).toEqual([expect.objectContaining({ status: 'held', text: CURE, staffId: TEAM.family_doctor, rejectReasonZh: null })]);
    expect(detail.messages.some((m) => m.from === 'staff')).toBe(false);
    expect(detail.events.map((e) => e.type)).toContain('reply_held');
    // The member has heard from nobody: the ticket is not acknowledged by a held reply.
    expect(detail.status).toBe('open');

    const raw = await h.deps.store.collection(OUTBOUND_REVIEWS).find({});
    expect(raw).toHaveLength(1);
    expect(JSON.stringify(raw)).not.toContain('根治');
    expect(raw[0]).toMatchObject({ status: 'held', channel: 'staff_reply', hits: expect.arrayContaining([expect.objectContaining({ ruleId: 'cure.claim' })]) });
    const held = await h.deps.store.collection(AUDIT_COLLECTION).find({ action: 'outbound.held' });
    expect(held).toHaveLength(1);
    expect(JSON.stringify(held)).not.toContain('根治');

    // A retry of the same key stays held and sends nothing.
    expect(await h.service.reply(doctor, ticketId, { text: CURE, key: 'hold-1' })).toMatchObject({ sent: false, status: 'held', duplicate: true });
    expect(kfTo('wmHold')).toHaveLength(1);
  });

  it('a reviewer sees it with the rule hit and its explanation; release sends it exactly once and the author cannot release their own', async () => {
    const { ticketId, res } = await heldReply('wmRelease', 'rel-1');
    if (res.sent) throw new Error('expected held');
    const queue = await h.service.listReviews(compliance);
    expect(queue).toHaveLength(1);
    expect(queue[0]).toMatchObject({ id: res.reviewId, text: CURE, ticketId, channelZh: '工作台回复', author: { kind: 'staff', id: TEAM.family_doctor } });
    expect(queue[0]?.hits).toEqual(expect.arrayContaining([expect.objectContaining({ ruleId: 'cure.claim', action: 'block', excerpt: '根治', explanationZh: expect.stringContaining('不得承诺治愈') })]));

    // Four eyes: the doctor who wrote it may review their members' texts, but not this one.
    expect(await failure(h.service.releaseReview(doctor, res.reviewId))).toMatchObject({ status: 403, code: 'own_text' });
    expect(await failure(h.service.rejectReview(doctor, res.reviewId, '我自己撤回'))).toMatchObject({ status: 403, code: 'own_text' });
    expect((await h.service.listReviews(compliance))[0]).toMatchObject({ status: 'held' });

    const first = await h.service.releaseReview(compliance, res.reviewId);
    expect(first).toMatchObject({ replayed: false, review: { status: 'released', decidedBy: 'cr-1', delivery: 'sent' } });
    const again = await h.service.releaseReview(compliance, res.reviewId);
    expect(again).toMatchObject({ replayed: true });
    expect(kfTo('wmRelease').filter((t) => t === CURE)).toHaveLength(1);

    const detail = await h.service.getTicket(doctor, ticketId);
    expect(detail.heldReplies).toEqual([]);
    expect(detail.messages.at(-1)).toMatchObject({ from: 'staff', text: CURE });
    expect(detail.events.map((e) => e.type)).toContain('reply_released');
    expect(await h.service.listReviews(compliance)).toEqual([]);
    expect(await failure(h.service.rejectReview(compliance, res.reviewId, '不行'))).toMatchObject({ status: 409, code: 'review_decided' });
  });

  it('reject: never sent, the author reads the reason on the ticket, and the audit names who decided', async () => {
    const { ticketId, res } = await heldReply('wmReject', 'rej-1');
    if (res.sent) throw new Error('expected held');
    await h.service.rejectReview(compliance, res.reviewId, '含治愈承诺，请改为"坚持规范治疗有助于控制血糖"');
    expect(await failure(h.service.releaseReview(compliance, res.reviewId))).toMatchObject({ status: 409, code: 'review_decided' });
    expect(kfTo('wmReject').filter((t) => t === CURE)).toHaveLength(0);

    const detail = await h.service.getTicket(doctor, ticketId);
    expect(detail.heldReplies).toEqual([expect.objectContaining({ status: 'rejected', rejectReasonZh: expect.stringContaining('含治愈承诺') })]);
    expect(detail.events.map((e) => e.type)).toContain('reply_rejected');
    expect(await h.service.reply(doctor, ticketId, { text: CURE, key: 'rej-1' })).toMatchObject({ sent: false, status: 'rejected', duplicate: true });

    const decisions = await h.deps.store.collection(AUDIT_COLLECTION).find({ action: 'outbound.review', outcome: 'done' });
    expect(decisions).toEqual([expect.objectContaining({ actor: expect.objectContaining({ id: 'cr-1', role: 'compliance_reviewer' }), meta: expect.objectContaining({ decision: 'rejected', rules: expect.stringContaining('cure.claim') }) })]);
    expect(JSON.stringify(decisions)).not.toContain('治愈承诺');
  });

  it('least privilege: the member’s family doctor reviews a colleague’s held text; other doctors, the butler, ops and supervisors do not', async () => {
    await h.addMember('wmPriv');
    const opened = await ingestKf(h, 'wmPriv', '最近睡不好');
    const ticketId = opened.ticketId as string;
    // The butler is not routed this ticket: ask the doctor's ticket through a butler-routed one instead.
    const res = await h.service.reply(doctor, ticketId, { text: '您这就是失眠症，我给您开点药', key: 'priv-1' });
    if (res.sent) throw new Error('expected held');
    expect(await h.service.listReviews(otherDoctor)).toEqual([]);
    expect(await failure(h.service.releaseReview(otherDoctor, res.reviewId))).toMatchObject({ status: 403, code: 'not_own_team' });
    expect(await failure(h.service.listReviews(butler))).toMatchObject({ status: 403 });
    expect(await failure(h.service.listReviews({ kind: 'staff', staffId: 'ops-1', role: 'ops_admin' }))).toMatchObject({ status: 403, code: 'no_health_content' });
    expect(await failure(h.service.listReviews({ kind: 'staff', staffId: 'sup-1', role: 'supervisor' }))).toMatchObject({ status: 403 });
    expect((await h.service.listReviews(compliance)).map((r) => r.id)).toEqual([res.reviewId]);
  });

  it('a family doctor sees their members’ held texts even behind more than a page of other teams’ older ones', async () => {
    const others = [await h.addMember('wmOther1', { family_doctor: 'doc-far' }), await h.addMember('wmOther2', { family_doctor: 'doc-far' })];
    const reviews = h.deps.store.collection(OUTBOUND_REVIEWS);
    const base = h.clock.nowMs() - 3_600_000;
    for (let i = 0; i < 450; i += 1) {
      const memberId = others[i % 2] as string;
      const { text } = h.deps.cipher.encryptFields({ text: CURE }, ['text'], memberId);
      await reviews.insert({ _id: `staff_reply:old-${i}`, memberId, channel: 'staff_reply', ref: `old-${i}`, author: { kind: 'staff', id: 'doc-far' }, status: 'held', text, hits: [{ ruleId: 'cure.claim', category: 'cure_guarantee', action: 'block' }], createdAtMs: base + i });
    }
    const { res } = await heldReply('wmMine', 'mine-1');
    if (res.sent) throw new Error('expected held');
    const mine = await h.service.listReviews(doctor);
    expect(mine.map((r) => r.id)).toEqual([res.reviewId]);
    // The compliance reviewer sees everything, oldest first, a page at a time.
    const all = await h.service.listReviews(compliance);
    expect(all).toHaveLength(200);
    expect(all[0]?.id).toBe('staff_reply:old-0');
  });

  it('an emergency ticket’s reply is never held or delayed: sent at once, and a rule hit is kept as a flag afterwards', async () => {
    await h.addMember('wmEmerg');
    const opened = await ingestKf(h, 'wmEmerg', '我爸突然说话不清楚，一边手脚没力气');
    const ticketId = opened.ticketId as string;
    // A model that never answers: an emergency reply must not wait for it.
    h.withService({ llm: new FakeLlm({ delayMs: 60_000, ignoreAbort: true }), options: { llmTimeoutMs: 30_000 } });
    const started = Date.now();
    const res = await h.service.reply(doctor, ticketId, { text: '马上打120，溶栓及时可以治愈', key: 'em-1' });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(res).toMatchObject({ sent: true });
    expect(kfTo('wmEmerg').at(-1)).toBe('马上打120，溶栓及时可以治愈');
    const raw = await h.deps.store.collection(OUTBOUND_REVIEWS).find({});
    expect(raw).toEqual([expect.objectContaining({ status: 'flagged', hits: [expect.objectContaining({ ruleId: 'cure.claim' })] })]);
  });
});

describe('a flagged text looked at again', () => {
  it('已复查 takes it off the flagged list once, audited, never by its author; it cannot be released or rejected after', async () => {
    await h.addMember('wmFlag');
    const opened = await ingestKf(h, 'wmFlag', '我爸突然说话不清楚，一边手脚没力气');
    const res = await h.service.reply(doctor, opened.ticketId as string, { text: '马上打120，溶栓及时可以治愈', key: 'flag-1' });
    expect(res).toMatchObject({ sent: true });
    const [flagged] = await h.service.listReviews(compliance, {}, 'flagged');
    if (!flagged) throw new Error('expected a flagged text');
    expect(await failure(h.service.checkReview(doctor, flagged.id))).toMatchObject({ status: 403, code: 'own_text' });
    expect(await failure(h.service.checkReview(otherDoctor, flagged.id))).toMatchObject({ status: 403, code: 'not_own_team' });

    expect(await h.service.checkReview(compliance, flagged.id)).toMatchObject({ replayed: false, review: { status: 'checked', decidedBy: 'cr-1' } });
    expect(await h.service.checkReview(compliance, flagged.id)).toMatchObject({ replayed: true });
    expect(await h.service.listReviews(compliance, {}, 'flagged')).toEqual([]);
    const decisions = await h.deps.store.collection(AUDIT_COLLECTION).find({ action: 'outbound.review', outcome: 'done' });
    expect(decisions).toEqual([expect.objectContaining({ actor: expect.objectContaining({ id: 'cr-1' }), meta: expect.objectContaining({ decision: 'checked', reviewId: flagged.id }) })]);
    expect(await failure(h.service.releaseReview(compliance, flagged.id))).toMatchObject({ status: 409, code: 'review_not_held' });
    // The same reply retried is still what went out: nothing is held or sent again.
    expect(await h.service.reply(doctor, opened.ticketId as string, { text: '马上打120，溶栓及时可以治愈', key: 'flag-1' })).toMatchObject({ duplicate: true });

    const { res: held } = await heldReply('wmStillHeld', 'held-2');
    if (held.sent) throw new Error('expected held');
    expect(await failure(h.service.checkReview(compliance, held.reviewId))).toMatchObject({ status: 409, code: 'review_not_flagged' });
  });
});

describe('the model as a second reader', () => {
  it('its failure or timeout never holds a reply the rules pass', async () => {
    await h.addMember('wmModelDown');
    const opened = await ingestKf(h, 'wmModelDown', '尿酸高能吃海鲜吗');
    h.withService({ llm: new FakeLlm({ fail: true }) });
    const res = await h.service.reply(doctor, opened.ticketId as string, { text: '少吃海鲜和动物内脏，多喝水。', key: 'down-1' });
    expect(res).toMatchObject({ sent: true });
    h.withService({ llm: new FakeLlm({ delayMs: 5_000 }), options: { llmTimeoutMs: 50 } });
    const slow = await h.service.reply(doctor, opened.ticketId as string, { text: '一周后复查尿酸。', key: 'down-2' });
    expect(slow).toMatchObject({ sent: true });
  });

  it('may hold what a person wrote when it answers block, and is not asked when the rules already block', async () => {
    await h.addMember('wmModelBlock');
    const opened = await ingestKf(h, 'wmModelBlock', '我妈血压高');
    const llm = new FakeLlm({ answer: '{"verdict":"block","reason":"暗示可以不用就医"}' });
    h.withService({ llm });
    const res = await h.service.reply(doctor, opened.ticketId as string, { text: '这个不要紧，在家观察就行，不用去医院。', key: 'mb-1' });
    expect(res).toMatchObject({ sent: false, status: 'held' });
    const [view] = await h.service.listReviews(compliance);
    expect(view).toMatchObject({ hits: [], model: { verdict: 'block', model: 'fake-model', reasonZh: '暗示可以不用就医' } });
    await h.service.reply(doctor, opened.ticketId as string, { text: CURE, key: 'mb-2' });
    expect(llm.asked).toHaveLength(1);
  });
});

describe('stored reply record', () => {
  it('keeps the held status and the review id on the reply', async () => {
    const { ticketId, res } = await heldReply('wmRecord', 'rec-1');
    const [reply] = await h.deps.store.collection(REPLIES).find({ ticketId });
    expect(reply).toMatchObject({ status: 'held', reviewId: res.sent ? '' : res.reviewId });
  });
});

describe('the butler’s automatic answer', () => {
  it('is held when its words hit a rule (here a roster name): nothing over kf; released, it goes out in the window once', async () => {
    await h.deps.store.collection(STAFF_ROSTER).updateOne({ _id: TEAM.family_doctor }, { $set: { name: '包好' } });
    await h.addMember('wmButlerHeld');
    await ingestKf(h, 'wmButlerHeld', '体检报告说尿酸偏高，要紧吗');
    expect(kfTo('wmButlerHeld')).toEqual([]);
    const [held] = await h.service.listReviews(compliance);
    expect(held).toMatchObject({ channel: 'triage_reply', author: { kind: 'system', id: 'triage' }, hits: [expect.objectContaining({ ruleId: 'cure.claim', excerpt: '包好' })] });
    const released = await h.service.releaseReview(compliance, held?.id as string);
    expect(released.review).toMatchObject({ status: 'released', delivery: 'sent' });
    await h.service.releaseReview(compliance, held?.id as string);
    expect(kfTo('wmButlerHeld')).toEqual([held?.text]);
  });
});

describe('a release after the kf window closed', () => {
  it('sends nothing, says the channel closed, and the reply is not left held', async () => {
    const { ticketId, res } = await heldReply('wmLate', 'late-1');
    if (res.sent) throw new Error('expected held');
    h.clock.advance(49 * 3600_000);
    const out = await h.service.releaseReview(compliance, res.reviewId);
    expect(out.review).toMatchObject({ status: 'released', delivery: 'channel_closed' });
    expect(kfTo('wmLate').filter((t) => t === CURE)).toHaveLength(0);
    const [reply] = await h.deps.store.collection(REPLIES).find({ ticketId });
    expect(reply).toMatchObject({ status: 'closed' });
    expect((await h.service.getTicket(doctor, ticketId)).heldReplies).toEqual([]);
  });
});
