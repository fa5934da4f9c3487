import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createFieldCipher } from '../../../shared/adapters/crypto/field-cipher';
import { createStoreAuditLog } from '../../../shared/adapters/audit/store-audit-log';
import { createAuthorize } from '../../../shared/services/access/authorize';
import { createStaffSessionCheck } from '../../../shared/services/identity/session-check';
import { createMemberRepository } from '../../../shared/services/members/member-repository';
import { REMINDERS, type ReminderDoc } from '../../../shared/services/reminders/reminder-doc';
import { requeueHeldReminder } from '../../../shared/services/reminders/review-release';
import { createReviewQueue } from '../../../shared/services/review/queue';
import { OUTBOUND_REVIEWS, type OutboundReview } from '../../../shared/services/review/records';
import { createHarness } from '../reminders-service/harness';

const HOUR_MS = 3600_000;
const compliance = { kind: 'staff', staffId: 'cr-1', role: 'compliance_reviewer' } as const;
const PRODUCT_CLAIM = '这款益生菌可以替代降糖药，坚持吃';

async function setup() {
  const h = createHarness();
  await h.addMember('m1');
  await h.openKf('m1', h.clock.nowMs() - HOUR_MS, 0);
  // The queue reads the texts with the harness's own cipher: hand the same one to a second service.
  const cipher = createFieldCipher(`k1:${randomBytes(32).toString('base64')}`);
  const audit = createStoreAuditLog(h.store, { clock: h.clock });
  const service = h.twin({ audit, cipher } as never);
  const members = createMemberRepository(h.store);
  const staffSessions = createStaffSessionCheck(h.store);
  const authorize = createAuthorize({ members, audit, store: h.store, clock: h.clock, staffSessions });
  const queue = createReviewQueue(
    { store: h.store, cipher, clock: h.clock, audit, authorize, members, staffSessions },
    { reminder: { release: (r) => requeueHeldReminder(h.store, r.ref, h.clock.nowMs()) } },
  );
  return { h, service, queue };
}

describe('reminders at member sending', () => {
  it('a reminder the rules block is held, not sent; released, it goes out once through its own channel on the next run', async () => {
    const { h, service, queue } = await setup();
    await service.create({ idempotencyKey: 'r-held', memberId: 'm1', kind: 'monitoring', title: PRODUCT_CLAIM }, 'doc-1');
    await service.dispatch();
    expect(h.wecom.texts()).toEqual([]);
    expect(await h.store.collection<ReminderDoc>(REMINDERS).get('r-held')).toMatchObject({ status: 'scheduled', lastDeferral: { reason: 'held_for_review' } });
    const [held] = await h.store.collection<OutboundReview>(OUTBOUND_REVIEWS).find({});
    expect(held).toMatchObject({ channel: 'reminder', status: 'held', author: { kind: 'staff', id: 'doc-1' }, hits: expect.arrayContaining([expect.objectContaining({ ruleId: 'product.replaces_medicine' })]) });

    const listed = await queue.list(compliance);
    expect(listed.map((r) => r.text)).toEqual([PRODUCT_CLAIM]);
    const released = await queue.release(compliance, held?._id as string);
    expect(released.review).toMatchObject({ status: 'released', delivery: 'queued' });
    expect((await queue.release(compliance, held?._id as string)).replayed).toBe(true);

    await service.dispatch();
    await service.dispatch();
    expect(h.wecom.texts()).toEqual([PRODUCT_CLAIM]);
  });

  it('a rejected reminder is never sent; an emergency reminder is never held', async () => {
    const { h, service, queue } = await setup();
    await service.create({ idempotencyKey: 'r-rej', memberId: 'm1', kind: 'monitoring', title: PRODUCT_CLAIM }, 'doc-1');
    await service.dispatch();
    const [held] = await h.store.collection<OutboundReview>(OUTBOUND_REVIEWS).find({});
    await queue.reject(compliance, held?._id as string, '产品不能替代药物');
    h.clock.advance(2 * HOUR_MS);
    await service.dispatch();
    expect(h.wecom.texts()).toEqual([]);
    expect((await h.store.collection<ReminderDoc>(REMINDERS).get('r-rej'))?.status).not.toBe('sent');

    // Safety first: an emergency reminder goes out at once, whatever its words.
    await service.create({ idempotencyKey: 'r-em', memberId: 'm1', kind: 'monitoring', title: '立即拨打120，保证能治好', emergency: true }, 'doc-1');
    await service.dispatch();
    expect(h.wecom.texts()).toEqual(['立即拨打120，保证能治好']);
  });
});
