import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from '../../dev/local-stack';
import { signToken } from '../../shared/adapters/auth/tokens';
import { MEMBERS, memberIdForExternalUser, type Member } from '../../shared/services/members/member';
import { servicesOf as pointsServicesOf } from '../../functions/points/wiring';
import { errorOf } from '../helpers/http';

let stack: LocalStack;
let memberId: string;
let memberAuth: Record<string, string>;
let rcAuth: Record<string, string>;
let strangerRcAuth: Record<string, string>;
let machine: Record<string, string>;
const OPENID = 'o_points_e2e_member';

type Json = Record<string, unknown>;

async function call(method: string, path: string, headers: Record<string, string>, body?: unknown): Promise<{ status: number; json: Json; res: Response }> {
  const res = await fetch(`${stack.url}/api/points${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  return { status: res.status, json: (await res.clone().json()) as Json, res };
}

const balanceOf = async (): Promise<number> => (await call('GET', '/balance', memberAuth)).json.balance as number;

beforeAll(async () => {
  stack = await startLocalStack({ env: { LOG_LEVEL: 'silent' } });
  const now = stack.deps.clock.nowMs();
  memberId = memberIdForExternalUser(stack.config.WECOM_CORP_ID, 'wm_points_e2e');
  const member: Member = {
    _id: memberId,
    externalUserId: 'wm_points_e2e',
    team: { family_doctor: 'doc-1', health_butler: 'hb-1', rights_consultant: 'rc-1', insurance_consultant: 'ic-1' },
    tier: 'medium',
    status: 'active',
    joinedAtMs: now,
    updatedAtMs: now,
  };
  await stack.deps.store.collection<Member>(MEMBERS).insert(member);
  await stack.deps.members.bindOpenId(memberId, OPENID, now);
  const token = signToken(stack.config.TOKEN_SIGNING_SECRET, { aud: 'mini-program', sub: memberId }, 600, now);
  memberAuth = { authorization: `Bearer ${token}` };
  rcAuth = { authorization: `Bearer ${stack.staffToken('rc-1', 'rights_consultant')}` };
  strangerRcAuth = { authorization: `Bearer ${stack.staffToken('rc-2', 'rights_consultant')}` };
  machine = { 'x-internal-key': stack.config.INTERNAL_API_KEY, 'x-caller': 'intake' };
});

afterAll(async () => {
  await stack?.close();
});

describe('points over HTTP', () => {
  it('credits a completed form once, however often intake retries it', async () => {
    const award = { memberId, rule: 'form_completed', sourceRef: 'form:sub-1' };
    const first = await call('POST', '/earn', { ...machine, 'idempotency-key': 'intake:form:sub-1' }, award);
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({ status: 'applied', points: 50, balance: 50, duplicate: false });

    const retry = await call('POST', '/earn', { ...machine, 'idempotency-key': 'intake:form:sub-1' }, award);
    expect(retry.status).toBe(200);
    expect(retry.res.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.json).toMatchObject({ points: 50, duplicate: true });
    expect(await balanceOf()).toBe(50);

    const reused = await call('POST', '/earn', { ...machine, 'idempotency-key': 'intake:form:sub-1' }, { ...award, sourceRef: 'form:sub-2' });
    expect(reused.status).toBe(409);
    expect((await errorOf(reused.res)).code).toBe('idempotency_key_reused');

    // A second form the same day is over the daily cap: recorded, 0 points, not an error.
    const capped = await call('POST', '/earn', { ...machine, 'idempotency-key': 'intake:form:sub-3' }, { ...award, sourceRef: 'form:sub-3' });
    expect(capped.json).toMatchObject({ status: 'refused', refusedCode: 'cap_reached', points: 0, balance: 50 });
    expect(await balanceOf()).toBe(50);
  });

  it('awards only to members who exist and are active', async () => {
    const award = { rule: 'reading_uploaded', sourceRef: 'reading:x' };
    const unknown = await call('POST', '/earn', { ...machine, 'idempotency-key': 'reading-unknown-1' }, { ...award, memberId: 'm_nobody_here' });
    expect(unknown.status).toBe(404);
    const now = stack.deps.clock.nowMs();
    await stack.deps.store.collection<Member>(MEMBERS).insert({ _id: 'm_withdrawn', team: {}, status: 'consent_withdrawn', joinedAtMs: now, updatedAtMs: now });
    const withdrawn = await call('POST', '/earn', { ...machine, 'idempotency-key': 'reading-withdrawn-1' }, { ...award, memberId: 'm_withdrawn' });
    expect(withdrawn.status).toBe(409);
    expect((await errorOf(withdrawn.res)).code).toBe('member_not_active');
  });

  it('lets only the machine award points', async () => {
    const award = { memberId, rule: 'reading_uploaded', sourceRef: 'reading:1', idempotencyKey: 'member-self-award-1' };
    const byMember = await call('POST', '/earn', memberAuth, award);
    expect(byMember.status).toBe(403);
    const byOwnRc = await call('POST', '/earn', rcAuth, award);
    expect(byOwnRc.status).toBe(403);
    const attendance = await call('POST', '/earn', machine, { ...award, rule: 'activity_attended' });
    expect(attendance.status).toBe(400);
    expect((await errorOf(attendance.res)).fields?.map((f) => f.field)).toContain('rule');
    expect(await balanceOf()).toBe(50);
  });

  it('redeems the free check-up, spends points on a paid right, and refunds a cancellation', async () => {
    const rightsBefore = (await call('GET', '/rights', memberAuth)).json.rights as { id: string; stock: { available: number } }[];
    const lectureStock = rightsBefore.find((r) => r.id === 'lecture_seat')?.stock.available;

    const checkup = await call('POST', '/redemptions', { ...memberAuth, 'idempotency-key': 'redeem-checkup-0001' }, { rightId: 'free_checkup' });
    expect(checkup.status).toBe(201);
    expect(checkup.json).toMatchObject({ memberId, rightId: 'free_checkup', status: 'reserved', free: true, pointsSpent: 0 });
    expect(await balanceOf()).toBe(50);

    const lecture = await call('POST', '/redemptions', memberAuth, { rightId: 'lecture_seat', idempotencyKey: 'redeem-lecture-0001' });
    expect(lecture.status).toBe(201);
    expect(lecture.json).toMatchObject({ rightId: 'lecture_seat', status: 'reserved', pointsSpent: 50 });
    expect(await balanceOf()).toBe(0);
    const replay = await call('POST', '/redemptions', { ...memberAuth, 'idempotency-key': 'redeem-lecture-0001' }, { rightId: 'lecture_seat' });
    expect(replay.status).toBe(200);
    expect(replay.json.redemptionId).toBe(lecture.json.redemptionId);
    expect(await balanceOf()).toBe(0);

    const mine = await call('GET', '/redemptions', memberAuth);
    const ids = (mine.json.redemptions as { redemptionId: string }[]).map((r) => r.redemptionId);
    expect(ids).toEqual(expect.arrayContaining([checkup.json.redemptionId, lecture.json.redemptionId]));

    const cancelled = await call('POST', `/redemptions/${String(lecture.json.redemptionId)}/cancel`, memberAuth, { reason: '时间冲突' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.json.status).toBe('cancelled');
    expect(await balanceOf()).toBe(50);
    const rightsAfter = (await call('GET', '/rights', memberAuth)).json.rights as { id: string; stock: { available: number } }[];
    expect(rightsAfter.find((r) => r.id === 'lecture_seat')?.stock.available).toBe(lectureStock);

    const history = await call('GET', '/history', memberAuth);
    const entries = (history.json.entries as { kind: string; status: string; amount: number; rightId?: string; balanceAfter: number }[]).map((e) => [
      e.kind,
      e.status,
      e.amount,
      e.rightId ?? null,
      e.balanceAfter,
    ]);
    expect(entries).toEqual([
      ['refund', 'applied', 50, 'lecture_seat', 50],
      ['redeem', 'applied', -50, 'lecture_seat', 0],
      ['redeem', 'applied', 0, 'free_checkup', 50],
      ['earn', 'refused', 0, null, 50],
      ['earn', 'applied', 50, null, 50],
    ]);
    expect((await pointsServicesOf(stack.deps).points.verifyInvariants(memberId)).ok).toBe(true);
  });

  it("keeps each member's idempotency keys their own: another member's key is a new request, never a 409 that echoes it", async () => {
    const now = stack.deps.clock.nowMs();
    const authOf = async (id: string) => {
      await stack.deps.store.collection<Member>(MEMBERS).insert({ _id: id, team: { rights_consultant: 'rc-1' }, tier: 'medium', status: 'active', joinedAtMs: now, updatedAtMs: now });
      return { authorization: `Bearer ${signToken(stack.config.TOKEN_SIGNING_SECRET, { aud: 'mini-program', sub: id }, 600, now)}` };
    };
    const [first, second] = [await authOf('m_points_key_a'), await authOf('m_points_key_b')];
    const key = { 'idempotency-key': 'shared-key-probe-0001' };

    const mine = await call('POST', '/redemptions', { ...first, ...key }, { rightId: 'free_checkup' });
    expect([mine.status, mine.json.memberId]).toEqual([201, 'm_points_key_a']);
    const theirs = await call('POST', '/redemptions', { ...second, ...key }, { rightId: 'free_checkup' });
    expect([theirs.status, theirs.json.memberId]).toEqual([201, 'm_points_key_b']);
    expect(theirs.json.redemptionId).not.toBe(mine.json.redemptionId);
    // Each replays their own; a caller's own key reused for something else is still refused.
    const again = await call('POST', '/redemptions', { ...second, ...key }, { rightId: 'free_checkup' });
    expect([again.status, again.json.redemptionId]).toEqual([200, theirs.json.redemptionId]);
    const reused = await call('POST', '/redemptions', { ...second, ...key }, { rightId: 'lecture_seat' });
    expect([reused.status, (await errorOf(reused.res)).code]).toEqual([409, 'idempotency_key_reused']);
  });

  it('lets the rights consultant move a redemption along, after which the member cannot cancel it', async () => {
    const mine = (await call('GET', '/redemptions', memberAuth)).json.redemptions as { redemptionId: string; rightId: string }[];
    const checkupId = mine.find((r) => r.rightId === 'free_checkup')?.redemptionId as string;

    const booked = await call('PATCH', `/redemptions/${checkupId}`, rcAuth, { status: 'booked', note: '已预约 3月20日' });
    expect(booked.json.status).toBe('booked');
    const fulfilled = await call('PATCH', `/redemptions/${checkupId}`, rcAuth, { status: 'fulfilled' });
    expect(fulfilled.json.status).toBe('fulfilled');

    const late = await call('POST', `/redemptions/${checkupId}/cancel`, memberAuth);
    expect(late.status).toBe(409);
    expect((await errorOf(late.res)).code).toBe('invalid_transition');

    const byStranger = await call('PATCH', `/redemptions/${checkupId}`, strangerRcAuth, { status: 'booked' });
    expect(byStranger.status).toBe(403);
    const unknown = await call('PATCH', '/redemptions/rd_000000000000000000000000', strangerRcAuth, { status: 'booked' });
    expect(unknown.status).toBe(403);
    expect((await errorOf(unknown.res)).code).toBe((await errorOf(byStranger.res)).code);
  });

  it('refuses a redemption over the balance with 409 and changes nothing', async () => {
    const before = await balanceOf();
    const stockBefore = ((await call('GET', '/rights', memberAuth)).json.rights as { id: string; stock: unknown }[]).find((r) => r.id === 'health_manager_session')?.stock;

    const res = await call('POST', '/redemptions', { ...memberAuth, 'idempotency-key': 'redeem-hm-0001' }, { rightId: 'health_manager_session' });
    expect(res.status).toBe(409);
    const error = await errorOf(res.res);
    expect(error.code).toBe('insufficient_points');

    expect(await balanceOf()).toBe(before);
    const stockAfter = ((await call('GET', '/rights', memberAuth)).json.rights as { id: string; stock: unknown }[]).find((r) => r.id === 'health_manager_session')?.stock;
    expect(stockAfter).toEqual(stockBefore);
    const held = ((await call('GET', '/redemptions', memberAuth)).json.redemptions as { rightId: string; status: string }[]).filter(
      (r) => r.rightId === 'health_manager_session' && r.status !== 'failed',
    );
    expect(held).toEqual([]);
  });

  it('answers 400 naming the field for a malformed body', async () => {
    const badRight = await call('POST', '/redemptions', { ...memberAuth, 'idempotency-key': 'redeem-bad-0001' }, { rightId: 'spa_weekend' });
    expect(badRight.status).toBe(400);
    expect((await errorOf(badRight.res)).fields?.map((f) => f.field)).toEqual(['rightId']);

    const noKey = await call('POST', '/redemptions', memberAuth, { rightId: 'lecture_seat' });
    expect(noKey.status).toBe(400);
    expect((await errorOf(noKey.res)).fields?.map((f) => f.field)).toEqual(['idempotencyKey']);

    const noReason = await call('POST', `/members/${memberId}/adjustments`, { ...rcAuth, 'idempotency-key': 'adjust-0001' }, { amount: 100 });
    expect(noReason.status).toBe(400);
    expect((await errorOf(noReason.res)).fields?.map((f) => f.field)).toEqual(['reason']);

    const notJson = await call('POST', '/redemptions', memberAuth, '{"rightId":');
    expect(notJson.status).toBe(400);
    expect(await balanceOf()).toBe(50);
  });

  it("serves one member's points to their own rights consultant only, auditing both", async () => {
    const own = await call('GET', `/members/${memberId}/balance`, rcAuth);
    expect(own.status).toBe(200);
    expect(own.json.balance).toBe(50);

    const stranger = await call('GET', `/members/${memberId}/history`, strangerRcAuth);
    expect(stranger.status).toBe(403);
    expect((await errorOf(stranger.res)).code).toBe('not_own_team');
    const adjust = await call('POST', `/members/${memberId}/adjustments`, { ...strangerRcAuth, 'idempotency-key': 'adjust-stranger-1' }, { amount: 500, reason: '补录积分' });
    expect(adjust.status).toBe(403);
    expect(await balanceOf()).toBe(50);

    const trail = await stack.deps.audit.query({ memberId });
    expect(trail.some((e) => e.actor.id === 'rc-2' && e.action === 'points.read' && e.outcome === 'denied' && e.reason === 'not_own_team')).toBe(true);
    expect(trail.some((e) => e.actor.id === 'rc-2' && e.action === 'points.adjust' && e.outcome === 'denied')).toBe(true);
    expect(trail.some((e) => e.actor.id === 'rc-1' && e.action === 'points.read' && e.outcome === 'allowed')).toBe(true);

    const otherMember = signToken(stack.config.TOKEN_SIGNING_SECRET, { aud: 'mini-program', sub: 'm_someone_else' }, 600, stack.deps.clock.nowMs());
    const peek = await call('GET', `/balance?memberId=${memberId}`, { authorization: `Bearer ${otherMember}` });
    expect(peek.status).toBe(403);
    expect((await errorOf(peek.res)).code).toBe('not_self');
    expect((await call('GET', '/balance', {})).status).toBe(401);
  });

  it('credits a correction by the rights consultant with its reason', async () => {
    const res = await call('POST', `/members/${memberId}/adjustments`, { ...rcAuth, 'idempotency-key': 'adjust-rc-0001' }, { amount: 300, reason: '线下活动补录' });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ balance: 350, entry: { kind: 'adjust', amount: 300, reason: '线下活动补录', actor: { kind: 'staff', id: 'rc-1' } } });
    expect(await balanceOf()).toBe(350);
  });

  it('runs an activity: sign-up, attendance confirmed by the rights consultant earns once, lottery', async () => {
    const now = stack.deps.clock.nowMs();
    const created = await call('POST', '/activities', rcAuth, {
      activityId: 'act-e2e-lecture',
      title: '控糖讲座',
      kind: 'lecture',
      startsAtMs: now - 600_000,
      endsAtMs: now + 3_600_000,
      capacity: 30,
    });
    expect(created.status).toBe(201);
    const byMember = await call('POST', '/activities', memberAuth, { ...created.json, activityId: 'act-e2e-member' });
    expect(byMember.status).toBe(403);

    const signup = await call('POST', '/activities/act-e2e-lecture/signups', memberAuth);
    expect(signup.status).toBe(201);
    expect(signup.json).toMatchObject({ memberId, signedUp: 1, capacity: 30 });

    const checkin = await call('POST', '/activities/act-e2e-lecture/checkins', rcAuth, { memberId });
    expect(checkin.status).toBe(201);
    expect(checkin.json).toMatchObject({ earned: { status: 'applied', points: 30 } });
    const again = await call('POST', '/activities/act-e2e-lecture/checkins', rcAuth, { memberId });
    expect(again.status).toBe(200);
    expect(await balanceOf()).toBe(380);
    const selfCheckin = await call('POST', '/activities/act-e2e-lecture/checkins', memberAuth, { memberId });
    expect(selfCheckin.status).toBe(403);

    const lottery = await call('POST', '/activities/act-e2e-lecture/lottery', rcAuth, { winners: 1, seed: 7 });
    expect(lottery.status).toBe(201);
    expect(lottery.json).toMatchObject({ winners: [memberId], attendees: [memberId], seed: 7 });
  });

  it("lists the member's activity sign-ups, newest first, to the member and their own rights consultant only", async () => {
    const now = stack.deps.clock.nowMs();
    const live = { activityId: 'act-e2e-live', title: '居家运动直播', kind: 'live', startsAtMs: now + 86_400_000, endsAtMs: now + 90_000_000, capacity: 100 };
    expect((await call('POST', '/activities', rcAuth, live)).status).toBe(201);
    expect((await call('POST', '/activities/act-e2e-live/signups', rcAuth, { memberId })).status).toBe(201);

    const listed = await call('GET', `/members/${memberId}/signups`, rcAuth);
    expect(listed.status).toBe(200);
    expect(listed.json).toEqual({
      memberId,
      signups: [
        { activityId: 'act-e2e-live', title: '居家运动直播', kind: 'live', startsAtMs: live.startsAtMs, endsAtMs: live.endsAtMs, signedUpAtMs: expect.any(Number), status: 'signed_up' },
        expect.objectContaining({ activityId: 'act-e2e-lecture', title: '控糖讲座', kind: 'lecture', checkedInAtMs: expect.any(Number), status: 'won' }),
      ],
    });
    // The member reads their own, and the rights consultant may name the member on the same route.
    expect((await call('GET', '/signups', memberAuth)).json).toEqual(listed.json);
    expect((await call('GET', `/signups?memberId=${memberId}`, rcAuth)).json).toEqual(listed.json);

    // Another rights consultant and the member's own family doctor are refused, and the refusals audited.
    const doctorAuth = { authorization: `Bearer ${stack.staffToken('doc-1', 'family_doctor')}` };
    for (const [who, auth] of [['rc-2', strangerRcAuth], ['doc-1', doctorAuth]] as const) {
      const refused = await call('GET', `/members/${memberId}/signups`, auth);
      expect(refused.status, who).toBe(403);
      const denied = (await stack.deps.audit.query({ actorId: who, memberId })).filter((e) => e.outcome === 'denied' && e.action === 'rights.read');
      expect(denied.length, who).toBeGreaterThan(0);
    }
    const allowed = (await stack.deps.audit.query({ actorId: 'rc-1', memberId })).filter((e) => e.outcome === 'allowed' && e.action === 'rights.read');
    expect(allowed.length).toBeGreaterThan(0);
  });
});

describe('points over callFunction', () => {
  const callFn = async (action: string, data: unknown, openId?: string) => {
    const res = await fetch(`${stack.url}/_dev/call/points`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(openId ? { 'x-dev-openid': openId } : {}) },
      body: JSON.stringify({ action, data }),
    });
    return (await res.json()) as { ok: boolean; data?: Json; error?: { code: string; fields?: { field: string }[] } };
  };

  it("answers on the bound member's own account", async () => {
    const balance = await callFn('balance', {}, OPENID);
    expect(balance).toMatchObject({ ok: true, data: { memberId, balance: 380 } });

    const redeemed = await callFn('redeem', { rightId: 'lecture_seat', idempotencyKey: 'mp-redeem-lecture-1' }, OPENID);
    expect(redeemed).toMatchObject({ ok: true, data: { memberId, rightId: 'lecture_seat', status: 'reserved', pointsSpent: 50, replayed: false } });
    expect((await callFn('balance', {}, OPENID)).data?.balance).toBe(330);

    const cancelled = await callFn('cancelRedemption', { redemptionId: redeemed.data?.redemptionId }, OPENID);
    expect(cancelled).toMatchObject({ ok: true, data: { status: 'cancelled' } });
    expect((await callFn('balance', {}, OPENID)).data?.balance).toBe(380);

    const history = await callFn('history', { limit: 2 }, OPENID);
    expect((history.data?.entries as { kind: string }[]).map((e) => e.kind)).toEqual(['refund', 'redeem']);
    const rights = await callFn('rights', {}, OPENID);
    expect((rights.data?.rights as { id: string }[]).map((r) => r.id)).toContain('free_checkup');
  });

  it('refuses an unbound or missing OPENID and names bad fields', async () => {
    expect(await callFn('balance', {}, 'o_not_bound_anywhere')).toMatchObject({ ok: false, error: { code: 'openid_not_bound' } });
    expect(await callFn('balance', {})).toMatchObject({ ok: false, error: { code: 'openid_missing' } });
    const bad = await callFn('redeem', { rightId: 'lecture_seat' }, OPENID);
    expect(bad.ok).toBe(false);
    expect(bad.error?.fields?.map((f) => f.field)).toEqual(['idempotencyKey']);
  });
});
