import { afterEach, describe, expect, it } from 'vitest';
import { AUDIT_COLLECTION, AUDIT_RETENTION_DAYS, createStoreAuditLog } from '../../../shared/adapters/audit/store-audit-log';
import { actorFromPrincipal } from '../../../shared/services/access/actor';
import { createEmbeddedStore } from '../../../shared/adapters/store/embedded';
import { ManualClock } from '../../../shared/ports/clock';
import type { Collection, Doc, DocumentStore, IndexSpec } from '../../../shared/ports/document-store';
import type { NewAuditEntry } from '../../../shared/ports/audit-log';

const T0 = Date.UTC(2026, 1, 3, 2, 0, 0);
const DAY = 86_400_000;

const doctor = actorFromPrincipal({ kind: 'staff', staffId: 'doc1', role: 'family_doctor' });
const read = (memberId: string, extra: Partial<NewAuditEntry> = {}): NewAuditEntry => ({
  actor: doctor,
  action: 'health.read',
  subjectMemberId: memberId,
  outcome: 'allowed',
  ...extra,
});

let store: DocumentStore;
afterEach(async () => {
  await store.close();
});

function setup() {
  store = createEmbeddedStore({ inMemory: true });
  const clock = new ManualClock(T0);
  return { clock, log: createStoreAuditLog(store, { clock }) };
}

describe('store audit log', () => {
  it('stamps id and time and returns a member\'s trail newest first', async () => {
    const { clock, log } = setup();
    const first = await log.append(read('m1', { requestId: 'req-1' }));
    clock.advance(1000);
    await log.append(read('m2'));
    clock.advance(1000);
    await log.append({ actor: { kind: 'member', id: 'm1' }, action: 'member.export', subjectMemberId: 'm1', outcome: 'done' });

    expect(first._id).toEqual(expect.any(String));
    expect(first.atMs).toBe(T0);
    const trail = await log.query({ memberId: 'm1' });
    expect(trail.map((e) => [e.action, e.atMs])).toEqual([
      ['member.export', T0 + 2000],
      ['health.read', T0],
    ]);
    expect(trail[1]).toEqual({ ...read('m1', { requestId: 'req-1' }), _id: first._id, atMs: T0 });
  });

  it('filters by actor, by time and caps the count', async () => {
    const { clock, log } = setup();
    for (let i = 0; i < 5; i++) {
      await log.append(read(`m${i}`));
      clock.advance(60_000);
    }
    await log.append({ actor: { kind: 'machine', id: 'timer' }, action: 'points.earn', subjectMemberId: 'm0', outcome: 'done' });

    expect(await log.query({ actorId: 'doc1' })).toHaveLength(5);
    expect((await log.query({ actorId: 'doc1', sinceMs: T0 + 3 * 60_000 })).map((e) => e.subjectMemberId)).toEqual(['m4', 'm3']);
    expect((await log.query({ actorId: 'doc1', limit: 2 })).map((e) => e.subjectMemberId)).toEqual(['m4', 'm3']);
    expect((await log.query({ memberId: 'm0', actorId: 'timer' })).map((e) => e.action)).toEqual(['points.earn']);
  });

  it('records denials with their reason', async () => {
    const { log } = setup();
    const insurer = actorFromPrincipal({ kind: 'staff', staffId: 'ins1', role: 'insurance_consultant' });
    await log.append({ actor: insurer, action: 'health.read', subjectMemberId: 'm1', outcome: 'denied', reason: 'role_not_permitted' });
    const [entry] = await log.query({ actorId: 'ins1' });
    expect(entry).toMatchObject({ outcome: 'denied', reason: 'role_not_permitted', actor: { kind: 'staff', role: 'insurance_consultant' } });
  });

  it('keeps each entry for 400 days through a TTL index on expireAt', async () => {
    store = createEmbeddedStore({ inMemory: true });
    const indexes: IndexSpec[] = [];
    const spying: DocumentStore = {
      kind: store.kind,
      close: () => store.close(),
      collection: <T extends Doc>(name: string): Collection<T> => {
        const col = store.collection<T>(name);
        return { ...col, ensureIndex: async (spec: IndexSpec) => { indexes.push(spec); await col.ensureIndex(spec); } };
      },
    };
    const log = createStoreAuditLog(spying, { clock: new ManualClock(T0) });
    const entry = await log.append(read('m1'));
    await log.append(read('m2'));

    expect(AUDIT_RETENTION_DAYS * DAY).toBeGreaterThanOrEqual(183 * DAY);
    const raw = await store.collection(AUDIT_COLLECTION).get(entry._id);
    expect(raw?.expireAt).toEqual(new Date(T0 + 400 * DAY));
    expect(indexes).toContainEqual({ fields: ['expireAt'], expireAfterSeconds: 0 });
    expect(indexes.filter((i) => i.expireAfterSeconds !== undefined)).toHaveLength(1); // ensured once per instance
    expect((await log.query({ memberId: 'm1' }))[0]).not.toHaveProperty('expireAt');
  });

  it('scrubs meta: no phone numbers or free text reach the trail', async () => {
    const { log } = setup();
    await log.append(read('m1', { meta: { fields: 3, phone: '13812341234', text: '我胸口疼', note: 'called 13912345678' } }));
    const [entry] = await log.query({ memberId: 'm1' });
    const stored = JSON.stringify(entry);
    expect(stored).not.toContain('13812341234');
    expect(stored).not.toContain('我胸口疼');
    expect(stored).not.toContain('13912345678');
    expect(entry?.meta?.fields).toBe(3);
  });

  it('offers no way to change or remove an entry', () => {
    const { log } = setup();
    expect(Object.keys(log).sort()).toEqual(['append', 'query']);
  });
});
