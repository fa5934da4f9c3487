import { describe, expect, it } from 'vitest';
import { createEmbeddedStore } from '../../../shared/adapters/store/embedded';
import { UNREVIEWED } from '../../../shared/domain/content/items';
import { ManualClock } from '../../../shared/ports/clock';
import type { AuditLog, NewAuditEntry } from '../../../shared/ports/audit-log';
import { createContentLibrary } from '../../../shared/services/content/library';

const ops = { kind: 'staff', id: 'ops-1' } as const;
const item = {
  id: 'winter-bp-warmth',
  title: '冬季血压注意保暖',
  body: '天气转冷时血压容易升高，外出注意保暖，按时测量血压。',
  season: 'winter',
  source: '《中国高血压防治指南》',
  reviewer: '王医生（全科）',
  validFrom: '2026-12-01',
};

function setup() {
  const audited: NewAuditEntry[] = [];
  const audit = { append: async (e: NewAuditEntry) => (audited.push(e), { ...e, _id: 'a', atMs: 0 }) } as unknown as AuditLog;
  const library = createContentLibrary({ store: createEmbeddedStore({ inMemory: true }), clock: new ManualClock(1_000), audit });
  return { library, audited };
}

describe('content library', () => {
  it('an edited title, body or source goes back to 待审核 even when the old reviewer is sent along', async () => {
    const { library, audited } = setup();
    for (const [n, edit] of [{ title: '冬季注意保暖' }, { body: `${item.body}每天饮水充足。` }, { source: '国家卫健委' }].entries()) {
      const signed = { ...item, id: `${item.id}-${n}` };
      await library.put(signed, ops);
      expect((await library.get(signed.id)).reviewer).toBe('王医生（全科）');
      await library.put({ ...signed, ...edit }, ops);
      expect((await library.get(signed.id)).reviewer).toBe(UNREVIEWED);
      expect(audited.at(-1)).toMatchObject({ action: 'content.updated', actor: ops, meta: { itemId: signed.id, reviewer: UNREVIEWED, reviewerReset: true } });
    }
  });

  it('the same edited file imported twice stays 待审核: the old name sent again does not sign the new words', async () => {
    const { library } = setup();
    await library.importMany([item], ops);
    const edited = { ...item, body: '新的正文：外出注意保暖。' };
    await library.importMany([edited], ops);
    expect(await library.importMany([edited], ops)).toEqual({ created: 0, updated: 0, unchanged: 1 });
    expect((await library.get(item.id)).reviewer).toBe(UNREVIEWED);
    await library.put({ ...edited, title: '冬季保暖' }, ops);
    expect((await library.get(item.id)).reviewer).toBe(UNREVIEWED);
    // The reviewer signs again, writing the signature anew; the item shows no trace of the old one.
    await library.put({ ...edited, title: '冬季保暖', reviewer: '王医生（全科）2026-12-07' }, ops);
    expect(await library.get(item.id)).toMatchObject({ reviewer: '王医生（全科）2026-12-07' });
    expect(await library.get(item.id)).not.toHaveProperty('unsignedReviewer');
  });

  it('a different reviewer named in the same edit re-signs it, and a change outside the text keeps the signature', async () => {
    const { library, audited } = setup();
    await library.put(item, ops);
    await library.put({ ...item, body: '新的正文：外出注意保暖。', reviewer: '李医生（心内）' }, ops);
    expect((await library.get(item.id)).reviewer).toBe('李医生（心内）');
    expect(audited.at(-1)).toMatchObject({ action: 'content.updated', actor: ops, meta: { itemId: item.id, reviewer: '李医生（心内）' } });
    expect(audited.at(-1)?.meta).not.toHaveProperty('reviewerReset');

    await library.put({ ...item, body: '新的正文：外出注意保暖。', reviewer: '李医生（心内）', season: 'flu_season', validTo: '2027-02-28' }, ops);
    expect((await library.get(item.id)).reviewer).toBe('李医生（心内）');
  });

  it('an import naming one id twice imports nothing and names the second line', async () => {
    const { library } = setup();
    const other = { ...item, id: 'flu-season-vaccine', title: '流感季接种疫苗' };
    await expect(library.importMany([other, item, { ...item, body: '另一版正文。' }], ops)).rejects.toMatchObject({ status: 400, details: { fields: [{ field: 'items.2.id', message: 'listed twice' }] } });
    expect(await library.list()).toEqual([]);
  });
});
