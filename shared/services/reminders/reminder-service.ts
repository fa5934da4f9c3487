import { createOutboundReview } from '../review/review-step';
import type { AuditLog } from '../../ports/audit-log';
import { createHmac } from 'node:crypto';
import { NotFoundError } from '../../errors';
import type { AppDeps } from '../../runtime/deps';
import type { ReminderEnv } from '../../config/reminder-env';
import { createFromPlan, createReminder, type CreatedBy } from './creation';
import { runCron, type CronOptions, type CronReport } from './cron-tick';
import { dispatchDue } from './dispatch/run-loop';
import type { DispatcherDeps, DispatchOptions, DispatchReport } from './dispatch/types';
import { createStoreKfWindows, type KfWindowSource } from './kf-window';
import { onLowCooperation } from './low-cooperation';
import { cancelForMember, cancelKindForMember, cancelWhere, pauseKindForMember, stopKindForMember } from './member-controls';
import { createMemberStateStore } from './member-state';
import { ensureReminderIndexes, REMINDER_DEAD_LETTERS, REMINDERS, type DeadLetterDoc, type ReminderDoc, type ReminderStatus } from './reminder-doc';
import { renewalReminders } from './renewals';
import type { CreateReminderInput, PolicyExpiryInput } from './schemas';
import { mergeSettings, settingsFromConfig, type ReminderSettings } from './settings';
import { dueSlaBreaches, type SlaBreach, type SlaTicketSource } from './sla';
import { escalateSlaBreaches } from './sla-escalation';
import { createSubscriptionStore, type SubscriptionStore } from './subscriptions';
import { deadLetterView, reminderView, type DeadLetterView, type ReminderView } from './views';

// What callers import from here, kept where they always were.
export { POLICY_EXPIRIES, type PolicyExpiryDoc } from './renewals';
export { slaReminderKey } from './sla-escalation';
export type { CreatedBy } from './creation';
export type { CronOptions, CronReport } from './cron-tick';

export interface ReminderServiceExtras {
  settings?: Partial<ReminderSettings>;
  /** Open triage tickets for SLA escalation; without it the escalation step is skipped. */
  slaTickets?: SlaTicketSource;
  /** Defaults to the store-backed window over 'kf_sessions'. */
  kfWindows?: KfWindowSource;
  /** HMAC key for content hashes; defaults to one derived from TOKEN_SIGNING_SECRET. */
  contentKey?: string;
  /** The parsed configuration: TOKEN_SIGNING_SECRET and the REMINDER_* tunables. */
  config?: { TOKEN_SIGNING_SECRET: string } & ReminderEnv;
  random?: () => number;
  monotonicNow?: () => number;
  /** Where the outbound review audits a held reminder (AppDeps' audit log in the functions). */
  audit?: AuditLog;
  /** The plan-task capability's hook for an occurrence that fell due (DispatcherDeps.onOccurrenceDue); the composition root passes it. */
  onOccurrenceDue?: DispatcherDeps['onOccurrenceDue'];
}

export type ReminderServiceDeps = Pick<AppDeps, 'store' | 'clock' | 'wecom' | 'log' | 'members' | 'cipher'> & ReminderServiceExtras;

export type ReminderService = ReturnType<typeof createReminderService>;

/**
 * Reminders (health monitoring, renewal and follow-up notices; the README's Reminders section): the
 * service wires the jobs together — creation.ts (idempotent creation), member-controls.ts (stop,
 * pause, cancel), renewals.ts, sla-escalation.ts, cron-tick.ts (the minute tick and its fan-out)
 * and dispatch/ (one dispatch run).
 */
export function createReminderService(deps: ReminderServiceDeps) {
  // REMINDER_* come with the configuration parsed (and validated) at cold start, never from process.env here.
  const settings = mergeSettings(deps.settings, settingsFromConfig(deps.config ?? {}));
  const { store } = deps;
  const reminders = store.collection<ReminderDoc>(REMINDERS);
  const subscriptions: SubscriptionStore = createSubscriptionStore(store);
  const dispatcherDeps: DispatcherDeps = {
    store,
    clock: deps.clock,
    wecom: deps.wecom,
    log: deps.log,
    members: deps.members,
    cipher: deps.cipher,
    settings,
    kf: deps.kfWindows ?? createStoreKfWindows(store),
    subscriptions,
    memberState: createMemberStateStore(store, settings),
    contentKey: deps.contentKey ?? defaultContentKey(deps.config?.TOKEN_SIGNING_SECRET),
    random: deps.random ?? Math.random,
    // Rules only, no model: a dispatch run sends many reminders per minute under a deadline.
    review: createOutboundReview({ store, cipher: deps.cipher, clock: deps.clock, log: deps.log, ...(deps.audit && { audit: deps.audit }), llmTimeoutMs: 0 }),
    onLowCooperation: (member, reminder, nowMs) => onLowCooperation(deps, member, reminder, nowMs),
    ...(deps.monotonicNow && { monotonicNow: deps.monotonicNow }),
    ...(deps.onOccurrenceDue && { onOccurrenceDue: deps.onOccurrenceDue }),
  };
  const create = (raw: CreateReminderInput, createdBy: CreatedBy = 'system', source: ReminderDoc['source'] = 'api') => createReminder(deps, raw, createdBy, source);

  const service = {
    settings,
    subscriptions,
    /** Creates one reminder; the same idempotency key returns the first one (201 vs 200 at the edge). */
    create,
    /** Intake's personal plan (or nudges) → reminders, keyed per entry (creation.ts). */
    createFromPlan: (memberId: string, entries: Parameters<typeof createFromPlan>[2], opts: { idempotencyKeyPrefix: string }) => createFromPlan(deps, memberId, entries, opts),
    get: (reminderId: string): Promise<ReminderDoc | null> => reminders.get(reminderId),
    view: (doc: ReminderDoc): ReminderView => reminderView(deps.cipher, doc),
    async listForMember(memberId: string, query: { status?: ReminderStatus; limit?: number } = {}): Promise<ReminderView[]> {
      await ensureReminderIndexes(store);
      const docs = await reminders.find({ ...(query.status && { status: query.status }), memberId }, { sort: { dueAtMs: 1 }, limit: query.limit ?? 50 });
      return docs.map((d) => reminderView(deps.cipher, d));
    },
    /** Cancels one reminder that has not gone out for good; false when it was already final. */
    cancel: async (reminderId: string, reason = 'cancelled'): Promise<boolean> => (await cancelWhere(deps, { _id: reminderId }, reason)) === 1,
    /** The member's own 「我的提醒」: stop every pending reminder of one kind sent to them (member-controls.ts). */
    stopKindForMember: (memberId: string, kind: ReminderDoc['kind']) => stopKindForMember(deps, memberId, kind),
    /** Pauses one kind sent to the member until `untilMs` (member-controls.ts). */
    pauseKindForMember: (memberId: string, kind: ReminderDoc['kind'], untilMs: number) => pauseKindForMember(deps, memberId, kind, untilMs),
    /** An optional consent withdrawn: the member's pending reminders of one kind stop (member-controls.ts). */
    cancelKindForMember: (memberId: string, kind: ReminderDoc['kind'], reason: string) => cancelKindForMember(deps, memberId, kind, reason),
    /** Consent withdrawal (PIPL): every pending reminder about the member stops. */
    cancelForMember: (memberId: string, reason = 'consent_withdrawn') => cancelForMember(deps, memberId, reason),
    /** The member replied to something we sent (triage/intake call this); resets the follow-up cadence. */
    recordResponse: (memberId: string, atMs: number): Promise<void> => dispatcherDeps.memberState.recordResponse(memberId, atMs),
    /** Renewal reminders for a policy's expiry (renewals.ts). */
    renewalReminders: (raw: PolicyExpiryInput, createdBy: CreatedBy = 'system') => renewalReminders(deps, raw, createdBy),
    async deadLetters(query: { sinceMs?: number; limit?: number } = {}): Promise<DeadLetterView[]> {
      await ensureReminderIndexes(store);
      const docs = await store
        .collection<DeadLetterDoc>(REMINDER_DEAD_LETTERS)
        .find(query.sinceMs !== undefined ? { atMs: { $gte: query.sinceMs } } : {}, { sort: { atMs: -1 }, limit: query.limit ?? 100 });
      return docs.map(deadLetterView);
    },
    /** Unacknowledged triage tickets whose next escalation level is due (emergencies first). */
    dueSlaBreaches: async (nowMs: number): Promise<SlaBreach[]> => (deps.slaTickets ? dueSlaBreaches(store, deps.slaTickets, nowMs) : []),
    /** Creates one staff escalation reminder per due level (keyed per ticket, SLA clock and level: notified once). */
    escalateSlaBreaches: (nowMs: number): Promise<number> => escalateSlaBreaches(deps, nowMs),
    /** One dispatch run (dispatch/run-loop.ts). */
    dispatch: (options: DispatchOptions = {}): Promise<DispatchReport> => dispatchDue(dispatcherDeps, options),
    /** The minute tick: SLA escalations, then the due reminders, fanned out over workers for a large backlog (cron-tick.ts). */
    runCron: (options: CronOptions): Promise<CronReport> => runCron({ ...deps, settings, dispatch: (o) => service.dispatch(o) }, options),
    /** Throws 404 unless the reminder exists (routes authorize on its member first). */
    async require(reminderId: string): Promise<ReminderDoc> {
      const doc = await reminders.get(reminderId);
      if (!doc) throw new NotFoundError('reminder');
      return doc;
    },
  };
  return service;
}

/** The content-hash key when none is given: derived from the token signing secret, so it is stable across cold starts. */
function defaultContentKey(signingSecret: string | undefined): string {
  return createHmac('sha256', signingSecret ?? 'reminder-content').update('reminder-content-hash-v1').digest('base64');
}
