import { readFileSync } from 'node:fs';
import { failure } from '../../helpers/failure';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../shared/adapters/log/logger';
import { DAY_MS, shanghaiInstant } from '../../../shared/domain/reminders/shanghai-time';
import type { AuditLog, NewAuditEntry } from '../../../shared/ports/audit-log';
import { createContentCalendar } from '../../../shared/services/content/calendar';
import { createContentLibrary } from '../../../shared/services/content/library';
import { createMemberRepository } from '../../../shared/services/members/member-repository';
import { MEMBERS } from '../../../shared/services/members/member';
import type { DocumentStore } from '../../../shared/ports/document-store';
import { REMINDERS, type ReminderDoc } from '../../../shared/services/reminders/reminder-doc';
import { stopKindForMember } from '../../../shared/services/reminders/member-controls';
import { createHarness } from '../reminders-service/harness';

const SEED = readFileSync('docs/content/seed-items.jsonl', 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
const ops = { kind: 'staff', id: 'ops-1' } as const;

/** 2026-12-07, a Monday in winter and flu season. */
const D = { y: 2026, m: 12, d: 7 };
const at = (day: number, hour: number, minute = 0) => shanghaiInstant(D.y, D.m, day, hour, minute);

async function setup(settings: { dailyCap: number; duplicateWindowMs: number }) {
  const h = createHarness({ settings }, at(D.d, 8, 30));
  const audited: NewAuditEntry[] = [];
  const audit = { append: async (e: NewAuditEntry) => (audited.push(e), { ...e, _id: 'a', atMs: 0 }) } as unknown as AuditLog;
  const deps = { store: h.store, clock: h.clock, members: createMemberRepository(h.store), cipher: h.cipher, audit, log: createLogger({ level: 'silent' }), wecom: h.wecom.api };
  const library = createContentLibrary(deps);
  // The seed ships unreviewed (待审核); a clinician signs the ones this season uses.
  await library.importMany(SEED.map((item) => ({ ...item, reviewer: '王医生（全科）' })), ops);
  return { h, deps, library, calendar: createContentCalendar(deps, library), audited };
}

const hypertensive = { tags: [{ dimension: 'health_status' as const, code: 'hypertension' }] };
const diabetic = { tags: [{ dimension: 'health_status' as const, code: 'diabetes' }] };

describe('content calendar', () => {
  it('a winter calendar reaches each matching member through the reminder path, under the daily cap, quiet hours and duplicate window', async () => {
    const { h, calendar } = await setup({ dailyCap: 2, duplicateWindowMs: 2 * DAY_MS });
    await h.addMember('bp', hypertensive);
    await h.addMember('dm', diabetic);
    await h.addMember('kid');
    for (const itemId of ['winter-bp-warmth', 'flu-season-vaccine', 'chronic-diet-basics']) await calendar.schedule({ itemId, date: '2026-12-07', time: '09:00' }, ops);
    // The same flu text again the next evening, late: inside the duplicate window, then inside quiet hours.
    await calendar.schedule({ itemId: 'flu-season-vaccine', date: '2026-12-08', time: '21:00' }, ops);

    expect(await calendar.runDue()).toEqual({ dispatched: 0 });
    h.clock.set(at(7, 9));
    expect(await calendar.runDue()).toEqual({ dispatched: 3 });
    // A rerun of the tick creates nothing more.
    await calendar.runDue();
    const reminders = await h.store.collection<ReminderDoc>(REMINDERS).find({});
    expect(reminders.map((r) => r._id).sort()).toEqual([
      'content:chronic-diet-basics:bp:2026-12-07',
      'content:chronic-diet-basics:dm:2026-12-07',
      'content:flu-season-vaccine:bp:2026-12-07',
      'content:flu-season-vaccine:dm:2026-12-07',
      'content:flu-season-vaccine:kid:2026-12-07',
      'content:winter-bp-warmth:bp:2026-12-07',
    ]);
    expect(reminders.every((r) => r.kind === 'health_content' && r.source === 'content')).toBe(true);

    await h.service.dispatch();
    const to = () => h.wecom.deliveries().map((d) => d.to);
    // Daily cap 2: the hypertensive member's third item waits for tomorrow 08:00.
    expect(to().filter((t) => t === 'ext-bp')).toHaveLength(2);
    expect(to().filter((t) => t === 'ext-dm')).toHaveLength(2);
    expect(to().filter((t) => t === 'ext-kid')).toHaveLength(1);
    const held = reminders.length - h.wecom.deliveries().length;
    expect(held).toBe(1);
    expect(h.wecom.texts().every((t) => t.includes('来源：'))).toBe(true);

    h.clock.set(at(8, 8));
    await h.service.dispatch();
    expect(to().filter((t) => t === 'ext-bp')).toHaveLength(3);

    // Day 2, 21:00, the flu text again: the tick runs late, at 21:45, inside quiet hours, so nothing goes
    // out tonight; at 08:00 the 48 h duplicate window (yesterday's 09:00 send) still holds it; at 09:00 it goes.
    h.clock.set(at(8, 21, 45));
    expect(await calendar.runDue()).toEqual({ dispatched: 1 });
    const before = h.wecom.deliveries().length;
    await h.service.dispatch();
    expect(h.wecom.deliveries().length).toBe(before);
    const late = await h.store.collection<ReminderDoc>(REMINDERS).get('content:flu-season-vaccine:kid:2026-12-08');
    expect(late?.dueAtMs).toBe(at(9, 8));
    h.clock.set(at(9, 8));
    await h.service.dispatch();
    expect(h.wecom.deliveries().length).toBe(before);
    h.clock.set(at(9, 9));
    await h.service.dispatch();
    expect(h.wecom.deliveries().slice(before).map((d) => d.to).sort()).toEqual(['ext-bp', 'ext-dm', 'ext-kid']);
  });

  it('a member who stopped 健康知识 gets no more of it from later entries', async () => {
    const { h, calendar } = await setup({ dailyCap: 4, duplicateWindowMs: 0 });
    await h.addMember('quiet');
    await h.addMember('keen');
    await calendar.schedule({ itemId: 'flu-season-vaccine', date: '2026-12-07', time: '09:00' }, ops);
    await calendar.schedule({ itemId: 'summer-heat-protection', date: '2026-12-08', time: '09:00' }, ops);
    h.clock.set(at(7, 9));
    await calendar.runDue();
    expect(await stopKindForMember({ store: h.store, clock: h.clock }, 'quiet', 'health_content')).toBe(1);
    h.clock.set(at(8, 9));
    await calendar.runDue();
    const ids = (await h.store.collection<ReminderDoc>(REMINDERS).find({ status: 'scheduled' })).map((r) => r._id).sort();
    expect(ids).toEqual(['content:flu-season-vaccine:keen:2026-12-07', 'content:summer-heat-protection:keen:2026-12-08']);
  });

  it('a large audience is sent page by page across ticks when the budget runs out, each member once', async () => {
    const { h, calendar } = await setup({ dailyCap: 4, duplicateWindowMs: 0 });
    for (let i = 0; i < 1200; i += 1) await h.addMember(`m${String(i).padStart(4, '0')}`);
    await calendar.schedule({ itemId: 'flu-season-vaccine', date: '2026-12-07', time: '09:00' }, ops);
    h.clock.set(at(7, 9));
    const count = () => h.store.collection(REMINDERS).count({});
    expect(await calendar.runDue({ budgetMs: 0 })).toEqual({ dispatched: 0 });
    expect(await count()).toBe(500);
    expect((await calendar.list())[0]).toMatchObject({ status: 'pending', progress: { afterMemberId: 'm0499', matched: 500, created: 500 } });
    await calendar.runDue({ budgetMs: 0 });
    expect(await calendar.runDue({ budgetMs: 0 })).toEqual({ dispatched: 1 });
    expect(await count()).toBe(1200);
    expect((await calendar.list())[0]).toMatchObject({ status: 'dispatched', counts: { matched: 1200, created: 1200 } });
    expect((await calendar.list())[0]?.progress).toBeUndefined();
  });

  it('an entry cancelled while its members are being sent stops after the page in hand', async () => {
    const { h, deps, library, calendar } = await setup({ dailyCap: 4, duplicateWindowMs: 0 });
    for (let i = 0; i < 1200; i += 1) await h.addMember(`m${String(i).padStart(4, '0')}`);
    const { entry } = await calendar.schedule({ itemId: 'flu-season-vaccine', date: '2026-12-07', time: '09:00' }, ops);
    // Ops cancel in the workbench while the run is reading the second page of members.
    let pages = 0;
    const store = new Proxy(deps.store, {
      get(target, key, receiver) {
        if (key !== 'collection') return Reflect.get(target, key, receiver) as unknown;
        return (name: string) => {
          const c = target.collection(name);
          if (name !== MEMBERS) return c;
          return new Proxy(c, {
            get(ct, k, r) {
              if (k !== 'find') return Reflect.get(ct, k, r) as unknown;
              return async (...args: Parameters<typeof ct.find>) => {
                pages += 1;
                const found = await ct.find(...args);
                if (pages === 2) await calendar.cancel(entry._id, ops);
                return found;
              };
            },
          });
        };
      },
    }) as DocumentStore;
    const running = createContentCalendar({ ...deps, store }, library);
    h.clock.set(at(7, 9));
    expect(await running.runDue()).toEqual({ dispatched: 0 });
    // The first page went out, the page in hand when it was cancelled too; the third never.
    expect(await h.store.collection(REMINDERS).count({})).toBe(1000);
    expect(pages).toBe(2);
    expect((await calendar.list())[0]).toMatchObject({ status: 'cancelled', skippedReason: 'cancelled' });
  });

  it('refuses to schedule an unreviewed item, and sends groups one confirm-to-send task per sender, once', async () => {
    const { h, library, calendar, audited } = await setup({ dailyCap: 4, duplicateWindowMs: 0 });
    await library.put({ ...SEED[0], id: 'draft-tip', reviewer: '待审核' }, ops);
    await expect(calendar.schedule({ itemId: 'draft-tip', date: '2026-12-07' }, ops)).rejects.toMatchObject({ code: 'item_not_publishable', status: 409 });
    await expect(calendar.schedule({ itemId: 'summer-heat-protection', date: '2026-12-07', time: '22:00', target: 'groups', senders: ['hb-1'] }, ops)).rejects.toMatchObject({ status: 400 });

    await calendar.schedule({ itemId: 'summer-heat-protection', date: '2026-12-07', time: '10:00', target: 'groups', senders: ['hb-1', 'hb-2'] }, ops);
    h.clock.set(at(7, 10));
    await calendar.runDue();
    await calendar.runDue();
    const mass = h.wecom.sent.filter((s) => s.api === 'mass');
    expect(mass.map((s) => (s.api === 'mass' ? [s.input.sender, s.input.chatType] : []))).toEqual([
      ['hb-1', 'group'],
      ['hb-2', 'group'],
    ]);
    expect(audited.filter((e) => e.action === 'content.scheduled')).toHaveLength(1);
  });

  it('lets no library text the outbound review blocks reach groups or members: refused at scheduling, not sent when edited after', async () => {
    const { h, library, calendar, audited } = await setup({ dailyCap: 4, duplicateWindowMs: 0 });
    const cure = { ...SEED[0], id: 'cure-claim', body: '坚持喝这款降压茶，保证根治高血压，永不复发。', reviewer: '王医生（全科）' };
    await library.put(cure, ops);
    const refused = calendar.schedule({ itemId: 'cure-claim', date: '2026-12-07', time: '10:00', target: 'groups', senders: ['hb-1'] }, ops);
    await expect(refused).rejects.toMatchObject({ status: 409, code: 'content_blocked_by_review' });
    const rules = ((await failure(refused)).details?.rules ?? []) as { ruleId: string; explanationZh: string }[];
    expect(rules.length).toBeGreaterThan(0);
    expect(rules.every((r) => r.explanationZh.length > 0)).toBe(true);

    // Scheduled while the text was fine, edited into a cure promise before its time: nothing goes out.
    await library.put({ ...SEED[0], id: 'edited-later', reviewer: '王医生（全科）' }, ops);
    await calendar.schedule({ itemId: 'edited-later', date: '2026-12-07', time: '10:00', target: 'groups', senders: ['hb-1'] }, ops);
    await calendar.schedule({ itemId: 'edited-later', date: '2026-12-07', time: '10:00', target: 'members' }, ops);
    // Signed again by someone else (an edit under the old signature would only be unreviewed).
    await library.put({ ...cure, id: 'edited-later', reviewer: '李医生（全科）' }, ops);
    await h.addMember('bp', hypertensive);
    h.clock.set(at(7, 10));
    await calendar.runDue();
    expect(h.wecom.sent.filter((s) => s.api === 'mass')).toHaveLength(0);
    expect(await h.store.collection('reminders').find({ memberId: 'bp', kind: 'health_content' })).toHaveLength(0);
    expect(audited.filter((e) => e.action === 'content.review_blocked')).toHaveLength(2);
  });
});

