import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { drawWinners } from '../../../shared/domain/points/lottery';
import { machine, member, staff, startHarness, T0, type Harness } from './harness';

const HOUR = 3_600_000;
const outcome = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p;
    return 'ok';
  } catch (e) {
    return e instanceof AppError ? e.code : String(e);
  }
};

async function lecture(h: Harness, capacity: number, activityId = 'lecture-0320') {
  return h.svc.createActivity({
    activityId,
    title: '高血压饮食讲座',
    kind: 'lecture',
    startsAtMs: T0 + 2 * HOUR,
    endsAtMs: T0 + 4 * HOUR,
    capacity,
    actor: staff,
  });
}

describe('activities', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('never overbooks under concurrent sign-ups and gives each member one seat', async () => {
    h = startHarness();
    await lecture(h, 10);
    const other = h.another();
    const requests = Array.from({ length: 40 }, (_, i) => {
      const memberId = `m${i % 25}`; // members 0-14 ask twice
      const svc = i % 2 ? other : h.svc;
      return outcome(svc.signUp({ activityId: 'lecture-0320', memberId, actor: member(memberId) }));
    });
    const results = await Promise.all(requests);
    expect(results.filter((r) => r !== 'ok' && r !== 'activity_full')).toEqual([]);
    const summary = await h.svc.activity('lecture-0320');
    expect(summary.signedUp).toBe(10);
    expect((await h.svc.verifyInvariants()).violations).toEqual([]);
  });

  it('returns the same seat when a member signs up again', async () => {
    h = startHarness();
    await lecture(h, 3);
    const a = await h.svc.signUp({ activityId: 'lecture-0320', memberId: 'm1', actor: member('m1') });
    const b = await h.svc.signUp({ activityId: 'lecture-0320', memberId: 'm1', actor: member('m1') });
    expect(b).toMatchObject({ seat: a.seat, duplicate: true, signedUp: 1 });
    expect(await outcome(h.svc.signUp({ activityId: 'lecture-0320', memberId: 'm2', actor: member('m1') }))).toBe('not_your_account');
  });

  it('awards attendance points once per check-in, only to members who signed up', async () => {
    h = startHarness();
    await lecture(h, 5);
    await h.svc.signUp({ activityId: 'lecture-0320', memberId: 'm1', actor: member('m1') });
    expect(await outcome(h.svc.checkIn({ activityId: 'lecture-0320', memberId: 'm1', actor: staff }))).toBe('checkin_not_open');
    h.clock.set(T0 + 2 * HOUR);
    const results = await Promise.all(Array.from({ length: 6 }, () => h.svc.checkIn({ activityId: 'lecture-0320', memberId: 'm1', actor: staff })));
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    expect(results.every((r) => r.earned.points === 30)).toBe(true);
    expect((await h.svc.balance('m1')).balance).toBe(30);
    expect(await outcome(h.svc.checkIn({ activityId: 'lecture-0320', memberId: 'm9', actor: machine }))).toBe('not_signed_up');
    expect(await outcome(h.svc.checkIn({ activityId: 'lecture-0320', memberId: 'm1', actor: member('m1') }))).toBe('attendance_needs_staff');
  });

  it('draws a recorded, reproducible lottery among attendees only', async () => {
    h = startHarness();
    await lecture(h, 30);
    const signed = Array.from({ length: 20 }, (_, i) => `m${String(i).padStart(2, '0')}`);
    for (const m of signed) await h.svc.signUp({ activityId: 'lecture-0320', memberId: m, actor: member(m) });
    h.clock.set(T0 + 2 * HOUR);
    const attendees = signed.filter((_, i) => i % 3 !== 0);
    await Promise.all(attendees.map((m) => h.svc.checkIn({ activityId: 'lecture-0320', memberId: m, actor: staff })));

    const draw = await h.svc.drawLottery({ activityId: 'lecture-0320', winners: 3, seed: 20260320, actor: staff });
    expect(draw.attendees).toEqual([...attendees].sort());
    expect(draw.winners).toEqual(drawWinners(attendees, 20260320, 3));
    for (const w of draw.winners) expect(attendees).toContain(w);

    const again = await h.another().drawLottery({ activityId: 'lecture-0320', winners: 3, actor: staff });
    expect(again).toMatchObject({ duplicate: true, seed: 20260320, winners: draw.winners });
    expect(await outcome(h.svc.drawLottery({ activityId: 'lecture-0320', winners: 5, actor: staff }))).toBe('lottery_already_drawn');
    expect((await h.svc.activity('lecture-0320')).lottery?.winners).toEqual(draw.winners);
    expect((await h.svc.verifyInvariants()).ok).toBe(true);
  });

  it('records a fresh seed when none is given', async () => {
    h = startHarness({ randomSeed: () => 777 });
    await lecture(h, 5);
    await h.svc.signUp({ activityId: 'lecture-0320', memberId: 'm1', actor: member('m1') });
    h.clock.set(T0 + 2 * HOUR);
    await h.svc.checkIn({ activityId: 'lecture-0320', memberId: 'm1', actor: staff });
    expect(await h.svc.drawLottery({ activityId: 'lecture-0320', winners: 1, actor: staff })).toMatchObject({ seed: 777, winners: ['m1'] });
  });

  it('treats creating the same activity twice as a no-op and a clash as 409', async () => {
    h = startHarness();
    await lecture(h, 5);
    await lecture(h, 5);
    expect(await outcome(lecture(h, 6))).toBe('activity_exists');
    expect(await outcome(h.svc.signUp({ activityId: 'nope', memberId: 'm1', actor: member('m1') }))).toBe('not_found');
  });
});
