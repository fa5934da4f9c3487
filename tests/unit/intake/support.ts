import { startWecomSandbox, type WecomSandbox } from '../../../dev/wecom-sandbox/server';
import { sandboxEnv } from '../../../dev/wecom-sandbox/config';
import { SandboxClient } from '../../../dev/wecom-sandbox/inspect';
import { generateDevSecrets } from '../../../dev/dev-env';
import { parseConfig } from '../../../shared/config';
import { buildDeps, type AppDeps } from '../../../shared/runtime/deps';
import { createEmbeddedStore } from '../../../shared/adapters/store/embedded';
import { ManualClock } from '../../../shared/ports/clock';
import type { ScheduleEntry } from '../../../shared/domain/schedule/recurrence';
import type { IntakeDeps } from '../../../shared/services/intake/deps';
import type { FourRRole, Scene } from '../../../shared/domain/team/roles';
import { MEMBERS, type Member } from '../../../shared/services/members/member';
import { submitHealthForm } from '../../../shared/services/intake/submit-form';

export interface Scheduled {
  memberId: string;
  entries: ScheduleEntry[];
  idempotencyKeyPrefix: string;
}

export interface TestEnv {
  deps: AppDeps;
  intake: IntakeDeps;
  /** What intake handed to the reminder capability. */
  scheduled: Scheduled[];
  /** Reminder ids intake asked to cancel, with the reason. */
  cancelled: { id: string; reason: string }[];
  clock: ManualClock;
  sandbox: WecomSandbox;
  admin: SandboxClient;
  close(): Promise<void>;
}

/** Real services on an in-memory store, talking to an in-process WeCom sandbox on loopback. */
export async function startTestEnv(startMs = Date.now()): Promise<TestEnv> {
  const clock = new ManualClock(startMs);
  const sandbox = await startWecomSandbox({ clock });
  const config = parseConfig({
    ...generateDevSecrets(),
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    ...sandboxEnv(sandbox.url),
    PUBLIC_BASE_URL: 'https://health.example.test',
  });
  const store = createEmbeddedStore({ inMemory: true });
  const deps = buildDeps({ config, store, clock, wecomRetry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5 } });
  const scheduled: Scheduled[] = [];
  const cancelled: { id: string; reason: string }[] = [];
  const intake: IntakeDeps = {
    ...deps,
    scheduleReminders: async (memberId, entries, opts) => {
      scheduled.push({ memberId, entries, idempotencyKeyPrefix: opts.idempotencyKeyPrefix });
      return entries.map((_, i) => `${opts.idempotencyKeyPrefix}:${i}`);
    },
    cancelReminders: async (ids, reason) => {
      cancelled.push(...ids.map((id) => ({ id, reason })));
    },
  };
  return {
    deps,
    intake,
    scheduled,
    cancelled,
    clock,
    sandbox,
    admin: new SandboxClient(sandbox.url),
    async close() {
      await sandbox.close();
      await store.close();
    },
  };
}

/** A member as a join would leave them (the sandbox knows the contact, so tags can be marked). */
export async function seedMember(
  env: TestEnv,
  opts: { memberId?: string; scene?: Scene; team?: Partial<Record<FourRRole, string>>; staff?: string } = {},
): Promise<Member> {
  const staff = opts.staff ?? 'staff_a';
  const { externalUserId } = await env.admin.addExternalContact({ userid: staff });
  const now = env.clock.nowMs();
  const member: Member = {
    _id: opts.memberId ?? `m_${externalUserId.slice(-10)}`,
    externalUserId,
    addedBy: staff,
    ...(opts.scene && { scene: opts.scene }),
    team: opts.team ?? {},
    status: 'active',
    intakeStatus: 'pending',
    joinedAtMs: now,
    updatedAtMs: now,
  };
  await env.deps.store.collection<Member>(MEMBERS).insert(member);
  return member;
}

export const memberActor = (memberId: string) => ({ kind: 'member' as const, id: memberId });

/**
 * The member's own health-data consent, given the only way it is given: the member submits the
 * health form with the consent box ticked (readings and reports need it first).
 */
export async function giveConsent(env: TestEnv, memberId: string): Promise<void> {
  const form = { age: 50, sex: 'female', heightCm: 160, weightKg: 58, smoking: 'never', drinking: 'never', exerciseDaysPerWeek: 3, familyHistory: [], conditions: [], consent: { healthDataProcessing: true, textVersion: 'health-data-v1' } };
  await submitHealthForm(env.intake, memberId, form, memberActor(memberId));
}
