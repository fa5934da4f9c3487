import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { submitHealthForm } from '../../../shared/services/intake/submit-form';
import { createProfileStore, PROFILE_VERSIONS, PROFILES } from '../../../shared/services/intake/profile-store';
import { createPlanStore, PLANS } from '../../../shared/services/intake/plans';
import { INTAKE_FOLLOW_UPS, startIntakeFollowUp } from '../../../shared/services/intake/follow-ups';
import { MEMBERS, type Member } from '../../../shared/services/members/member';
import { memberActor, seedMember, startTestEnv, type TestEnv } from './support';
import type { IntakeDeps } from '../../../shared/services/intake/deps';
import type { Collection, Doc, DocumentStore } from '../../../shared/ports/document-store';
import { failure } from '../../helpers/failure';

let env: TestEnv;
beforeEach(async () => {
  env = await startTestEnv();
});
afterEach(async () => {
  await env.close();
});

const consent = { healthDataProcessing: true, textVersion: 'health-data-v1' };
const form = (over: Record<string, unknown> = {}) => ({
  age: 50,
  sex: 'female',
  heightCm: 160,
  weightKg: 70,
  smoking: 'never',
  drinking: 'never',
  exerciseDaysPerWeek: 2,
  familyHistory: ['hypertension'],
  conditions: ['diabetes'],
  allergies: '青霉素',
  consent,
  ...over,
});

/** What intake scheduled and never cancelled. */
function liveReminders(e: TestEnv): string[] {
  const cancelled = new Set(e.cancelled.map((c) => c.id));
  return e.scheduled.flatMap((s) => s.entries.map((_, i) => `${s.idempotencyKeyPrefix}:${i}`)).filter((id) => !cancelled.has(id)).sort();
}

/** Intake on a store whose writes of version `version`'s plan take `ms` longer (a slow round trip). */
function slowPlanWrites(e: TestEnv, version: number, ms: number): IntakeDeps {
  const ofVersion = (x: unknown) => JSON.stringify(x ?? null).includes(`"version":${version}`);
  const wait = () => new Promise((resolve) => setTimeout(resolve, ms));
  const store: DocumentStore = {
    ...e.deps.store,
    collection: <T extends Doc>(name: string) => {
      const c = e.deps.store.collection<T>(name);
      if (name !== PLANS) return c;
      return {
        ...c,
        insert: async (doc: T) => (ofVersion(doc) && (await wait()), c.insert(doc)),
        updateOne: async (filter, update, options) => (ofVersion(update.$set) && (await wait()), c.updateOne(filter, update, options)),
      } as Collection<T>;
    },
  };
  return { ...e.intake, store };
}

describe('health form submission', () => {
  it('refuses without affirmative, published consent (422) and stores nothing at all', async () => {
    const m = await seedMember(env);
    const { consent: _c, ...noConsent } = form();
    for (const body of [noConsent, form({ consent: { healthDataProcessing: false, textVersion: 'health-data-v1' } }), form({ consent: { healthDataProcessing: true, textVersion: 'made-up-v9' } })]) {
      const err = await failure(submitHealthForm(env.intake, m._id, body, memberActor(m._id)));
      expect(err).toMatchObject({ status: 422, code: 'consent_required' });
    }
    for (const c of [PROFILES, PROFILE_VERSIONS, PLANS]) expect(await env.deps.store.collection(c).count({})).toBe(0);
    expect(env.scheduled).toEqual([]);
  });

  it('names every bad field with a 400', async () => {
    const m = await seedMember(env);
    const err = await failure(submitHealthForm(env.intake, m._id, form({ heightCm: 20, conditions: ['flu'], nickname: 'x' }), memberActor(m._id)));
    expect(err.status).toBe(400);
    expect(err.details?.fields?.map((f) => f.field).sort()).toEqual(['conditions.0', 'heightCm', 'nickname']);
  });

  it('stores a version, encrypted, with tier, tags and a plan handed to reminders under a versioned key', async () => {
    const m = await seedMember(env, { scene: 'reactivation' });
    await startIntakeFollowUp(env.deps.store, m._id, m.joinedAtMs, env.clock.nowMs());
    const result = await submitHealthForm(env.intake, m._id, form(), memberActor(m._id));

    expect(result).toMatchObject({ version: 1, tier: 'high', tagsMirrored: true, planScheduled: true });
    expect(result.tags.map((t) => t.code)).toEqual(expect.arrayContaining(['diabetes', 'allergy', 'high', 'reactivation']));
    expect(env.scheduled).toEqual([{ memberId: m._id, entries: result.plan, idempotencyKeyPrefix: `plan:${m._id}:v1` }]);

    const raw = await env.deps.store.collection(PROFILE_VERSIONS).get(`${m._id}:1`);
    expect(raw).toMatchObject({ tier: 'high', consent: { textVersion: 'health-data-v1' }, form: { _enc: 1 }, assessment: { _enc: 1 } });
    expect(JSON.stringify(raw)).not.toMatch(/diabetes|青霉素/);
    const current = await createProfileStore(env.deps.store, env.deps.cipher).current(m._id);
    expect(current?.form).toMatchObject({ conditions: ['diabetes'], allergies: '青霉素' });
    expect((await createPlanStore(env.deps.store, env.deps.cipher).get(m._id))?.entries).toEqual(result.plan);

    const member = await env.deps.store.collection<Member>(MEMBERS).get(m._id);
    expect(member).toMatchObject({ tier: 'high', profileVersion: 1, intakeStatus: 'completed', formCompletedAtMs: env.clock.nowMs() });
    expect(await env.deps.store.collection(INTAKE_FOLLOW_UPS).get(m._id)).toMatchObject({ status: 'completed' });
    const audit = await env.deps.audit.query({ memberId: m._id });
    expect(audit.some((e) => e.action === 'health.consent' && e.meta?.textVersion === 'health-data-v1')).toBe(true);
  });

  it('keeps every concurrent submission as its own version; the pointer, tier and plan follow the newest', async () => {
    const m = await seedMember(env);
    const bodies = [form(), form({ conditions: [] }), form({ conditions: [], familyHistory: [], exerciseDaysPerWeek: 5, weightKg: 55 }), form(), form({ conditions: [] })];
    const results = await Promise.all(bodies.map((b) => submitHealthForm(env.intake, m._id, b, memberActor(m._id))));

    expect(results.map((r) => r.version).sort()).toEqual([1, 2, 3, 4, 5]);
    const history = await createProfileStore(env.deps.store, env.deps.cipher).history(m._id);
    expect(history.map((h) => h.version)).toEqual([5, 4, 3, 2, 1]);
    const newest = results.find((r) => r.version === 5);
    expect(await env.deps.store.collection(PROFILES).get(m._id)).toMatchObject({ currentVersion: 5, tier: newest?.tier });
    expect(await env.deps.store.collection<Member>(MEMBERS).get(m._id)).toMatchObject({ profileVersion: 5, tier: newest?.tier });
    expect((await createPlanStore(env.deps.store, env.deps.cipher).get(m._id))?.version).toBe(5);
    // Only the newest plan keeps its reminders: every other version's scheduled ones are cancelled.
    const kept = (await createPlanStore(env.deps.store, env.deps.cipher).scheduledReminders(m._id))?.reminderIds ?? [];
    expect(kept.every((id) => id.startsWith(`plan:${m._id}:v5:`))).toBe(true);
    const scheduledIds = env.scheduled.flatMap((s) => s.entries.map((_, i) => `${s.idempotencyKeyPrefix}:${i}`));
    const cancelledIds = new Set(env.cancelled.map((c) => c.id));
    expect(scheduledIds.filter((id) => !cancelledIds.has(id)).sort()).toEqual([...kept].sort());
  });

  it('leaves only the newest plan’s reminders live when the newer submission’s plan write is slow', async () => {
    // The red team's 4 concurrent forms: the newer version read "no plan yet", the older one then
    // saved and scheduled its plan, and the newer one replaced it without cancelling its reminders.
    const m = await seedMember(env);
    const slow = slowPlanWrites(env, 2, 40);
    const results = await Promise.all([form(), form({ conditions: [] })].map((b) => submitHealthForm(slow, m._id, b, memberActor(m._id))));
    expect(results.map((r) => r.version).sort()).toEqual([1, 2]);

    const live = liveReminders(env);
    expect(live.length).toBeGreaterThan(0);
    expect(live.filter((id) => !id.startsWith(`plan:${m._id}:v2:`))).toEqual([]);
    expect((await createPlanStore(env.deps.store, env.deps.cipher).scheduledReminders(m._id))?.reminderIds?.sort()).toEqual(live);
  });

  it('cancels the replaced plan’s reminders when a resubmission brings a new plan', async () => {
    const m = await seedMember(env);
    const first = await submitHealthForm(env.intake, m._id, form(), memberActor(m._id));
    expect(env.cancelled).toEqual([]);
    await submitHealthForm(env.intake, m._id, form({ conditions: [] }), memberActor(m._id));
    expect(env.cancelled).toEqual(first.plan.map((_, i) => ({ id: `plan:${m._id}:v1:${i}`, reason: 'plan_replaced' })));
  });

  it('still stores the profile when the reminder capability or WeCom is down', async () => {
    const m = await seedMember(env);
    const failing = { ...env.intake, scheduleReminders: async () => Promise.reject(new Error('reminders down')) };
    await env.admin.injectFault({ path: 'externalcontact/get_corp_tag_list', kind: 'http_500', count: 5 });
    const result = await submitHealthForm(failing, m._id, form(), memberActor(m._id));
    expect(result).toMatchObject({ version: 1, planScheduled: false, tagsMirrored: false });
    expect((await createPlanStore(env.deps.store, env.deps.cipher).get(m._id))?.scheduledAtMs).toBeUndefined();
    expect((await env.deps.store.collection<Member>(MEMBERS).get(m._id))?.tags?.length).toBeGreaterThan(0);
  });
});
