import { createHmac, randomUUID } from 'node:crypto';
import { firstOccurrence, nextOccurrence, validateRecurrence } from '../../domain/reminders/next-occurrence';
import { renewalReminders as renewalPlan } from '../../domain/reminders/renewal';
import { localDayNumber, MINUTE_MS, shanghaiInstant } from '../../domain/reminders/shanghai-time';
import type { ScheduleEntry } from '../../domain/schedule/recurrence';
import { AppError, ConflictError, DuplicateKeyError, NotFoundError } from '../../errors';
import type { Doc } from '../../ports/document-store';
import type { AppDeps } from '../../runtime/deps';
import { parseInput } from '../../validation';
import type { Member } from '../members/member';
import { createMemberRepository } from '../members/member-repository';
import { encryptText, shanghaiLabel } from './content';
import { dispatchDue } from './dispatch/run-loop';
import type { DispatchOptions, DispatchReport } from './dispatch/types';
import { partitionShards, type ShardInvoker } from './fan-out';
import { createStoreKfWindows, type KfWindowSource } from './kf-window';
import { createMemberStateStore } from './member-state';
import { dueFor } from './occurrences';
import {
  ensureReminderIndexes,
  REMINDER_DEAD_LETTERS,
  REMINDERS,
  SHARD_SLOTS,
  shardOf,
  type DeadLetterDoc,
  type ReminderDoc,
  type ReminderStatus,
} from './reminder-doc';
import { CreateReminderSchema, PolicyExpirySchema, type CreateReminderInput, type PolicyExpiryInput } from './schemas';
import type { ReminderEnv } from '../../config/reminder-env';
import { mergeSettings, settingsFromConfig, type ReminderSettings } from './settings';
import { dueSlaBreaches, recordEscalated, type SlaBreach, type SlaTicketRef, type SlaTicketSource } from './sla';
import type { SendWindow } from './send-window';
import { createSubscriptionStore, type SubscriptionStore } from './subscriptions';
import { deadLetterView, reminderView, type DeadLetterView, type ReminderView } from './views';

export const POLICY_EXPIRIES = 'policy_expiries';

export interface PolicyExpiryDoc extends Doc {
  memberId: string;
  policyId: string;
  expiryAtMs: number;
  productName?: string;
  updatedAtMs: number;
}

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
}

export type ReminderServiceDeps = Pick<AppDeps, 'store' | 'clock' | 'wecom' | 'log' | 'members' | 'cipher'> & ReminderServiceExtras;

/** Who asked for a reminder (recorded, never shown to members). */
export type CreatedBy = string;

export interface CronOptions {
  /** Real milliseconds the run may take. */
  budgetMs: number;
  /** The timer minute's sending window (DispatchOptions.sendWindow); fan-out workers share their caller's minute. */
  sendWindow?: SendWindow;
  /** A fan-out worker's shard slots. */
  shards?: readonly number[];
  invoker?: ShardInvoker;
  hooks?: DispatchOptions['hooks'];
}

export interface CronReport {
  mode: 'single' | 'worker' | 'fan_out';
  escalated: number;
  runs: DispatchReport[];
  invoked: number;
  invokeFailures: number;
}

export type ReminderService = ReturnType<typeof createReminderService>;

const CANCELLABLE: ReminderStatus[] = ['scheduled', 'leased'];

/**
 * Reminders (docs/prd.md §2.2.4 健康监测提醒, §2.4.3 保单到期提醒, §4.4 step 3): idempotent creation, the
 * per-minute dispatch (see dispatcher.ts), follow-up cadence, renewal and SLA escalation.
 */
export function createReminderService(deps: ReminderServiceDeps) {
  // REMINDER_* come with the configuration parsed (and validated) at cold start, never from process.env here.
  const settings = mergeSettings(deps.settings, settingsFromConfig(deps.config ?? {}));
  const store = deps.store;
  const reminders = store.collection<ReminderDoc>(REMINDERS);
  const kf = deps.kfWindows ?? createStoreKfWindows(store);
  const subscriptions: SubscriptionStore = createSubscriptionStore(store);
  const memberState = createMemberStateStore(store, settings);
  const contentKey =
    deps.contentKey ?? createHmac('sha256', deps.config?.TOKEN_SIGNING_SECRET ?? 'reminder-content').update('reminder-content-hash-v1').digest('base64');
  const random = deps.random ?? Math.random;

  /**
   * Nothing new is scheduled to or about a member who withdrew consent or was erased: 409
   * `member_not_active` (as points answers), before anything is stored. The dispatcher would cancel
   * such a reminder anyway; refusing here tells the caller. An id with no member record yet passes
   * (the dispatcher cancels it as `member_unknown` if nobody joins under it). SLA escalations are
   * exempt: they tell staff about a ticket already raised — a non-member's emergency included.
   */
  async function assertMemberActive(memberId: string | undefined, kind?: ReminderDoc['kind']): Promise<void> {
    if (memberId === undefined || kind === 'sla_escalation') return;
    const member = await deps.members.get(memberId);
    if (member && member.status !== 'active') {
      throw new ConflictError('member_not_active', `no reminders are scheduled for a member whose status is ${member.status}`, { status: member.status });
    }
  }

  async function create(raw: CreateReminderInput, createdBy: CreatedBy = 'system', source: ReminderDoc['source'] = 'api'): Promise<{ reminder: ReminderDoc; created: boolean }> {
    const input = parseInput(CreateReminderSchema, raw, 'reminder', 422);
    validateRecurrence(input.recurrence);
    await assertMemberActive(input.memberId, input.kind);
    await ensureReminderIndexes(store);
    const nowMs = deps.clock.nowMs();
    const startAtMs = input.startAtMs ?? nowMs;
    const occurrenceAtMs = input.cadence ? startAtMs : firstOccurrence(input.recurrence, startAtMs);
    const _id = input.idempotencyKey ?? `rem_${randomUUID()}`;
    const partial = { kind: input.kind, emergency: input.emergency };
    const doc: ReminderDoc = {
      _id,
      kind: input.kind,
      audience: input.audience,
      ...(input.memberId !== undefined && { memberId: input.memberId }),
      ...(input.staffUserIds && { staffUserIds: input.staffUserIds }),
      ...encryptText(deps.cipher, { title: input.title, ...(input.content !== undefined && { content: input.content }) }, input.memberId ?? _id),
      recurrence: input.recurrence,
      anchorAtMs: startAtMs,
      occurrenceAtMs,
      dueAtMs: dueFor(partial, occurrenceAtMs),
      ...(input.endsAtMs !== undefined && { endsAtMs: input.endsAtMs }),
      status: 'scheduled',
      priority: input.emergency || input.kind === 'sla_escalation' ? 0 : 1,
      emergency: input.emergency,
      attempts: 0,
      lastError: null,
      shard: shardOf(input.memberId ?? _id),
      ...(input.cadence && { cadence: { ignoredCount: 0, startedIgnoringAtMs: null } }),
      sentCount: 0,
      source,
      createdBy,
      createdAtMs: nowMs,
      updatedAtMs: nowMs,
      v: 0,
    };
    if (doc.endsAtMs !== undefined && occurrenceAtMs > doc.endsAtMs) {
      throw new ConflictError('reminder_ends_before_start', 'the first occurrence is after endsAtMs');
    }
    try {
      await reminders.insert(doc);
      return { reminder: doc, created: true };
    } catch (err) {
      if (!(err instanceof DuplicateKeyError)) throw err;
      const existing = await reminders.get(_id);
      if (!existing || existing.memberId !== doc.memberId || existing.kind !== doc.kind || existing.audience !== doc.audience) {
        throw new ConflictError('idempotency_key_reused', 'this idempotency key belongs to a different reminder');
      }
      return { reminder: existing, created: false };
    }
  }

  async function cancelWhere(filter: Record<string, unknown>, reason: string): Promise<number> {
    const nowMs = deps.clock.nowMs();
    const r = await reminders.updateMany(
      { status: { $in: CANCELLABLE }, ...filter },
      { $set: { status: 'cancelled', cancelledReason: reason, updatedAtMs: nowMs }, $unset: { leaseId: true, leaseUntilMs: true }, $inc: { v: 1 } },
    );
    return r.matched;
  }

  async function onLowCooperation(member: Member, reminder: ReminderDoc, nowMs: number): Promise<void> {
    // Follow-ups unanswered for three weeks: the member goes on the staff's low-cooperation list
    // ("整理完成低配合用户名单", the partner's 2019 Q1 service review (爱睿智无限卡 Q1 服务总结)) and the butler hears.
    await createMemberRepository(store).followUpLowCooperation(member._id, nowMs);
    await create(
      {
        idempotencyKey: `low-coop:${reminder._id}`,
        memberId: member._id,
        kind: 'staff_follow_up',
        audience: 'health_butler',
        title: '低配合度会员：连续三周以上未回复随访，系统已停止自动随访，请人工跟进并确认后续服务方式。',
        startAtMs: nowMs,
      },
      'cadence',
      'cadence',
    );
  }

  const dispatcherDeps = () => ({
    store,
    clock: deps.clock,
    wecom: deps.wecom,
    log: deps.log,
    members: deps.members,
    cipher: deps.cipher,
    settings,
    kf,
    subscriptions,
    memberState,
    contentKey,
    random,
    onLowCooperation,
    ...(deps.monotonicNow && { monotonicNow: deps.monotonicNow }),
  });

  /**
   * One staff escalation reminder per due level, keyed per ticket, SLA clock and level (notified
   * once; a ticket that became an emergency escalates again on its new clock). Each breach stands
   * alone: one that cannot be notified is logged and tried again next minute, the others go out.
   */
  async function escalateSlaBreaches(nowMs: number): Promise<number> {
    if (!deps.slaTickets) return 0;
    const breaches = await dueSlaBreaches(store, deps.slaTickets, nowMs);
    let notified = 0;
    for (const breach of breaches) {
      const { ticket, step, notify } = breach;
      const where = { ticketId: ticket.ticketId, level: step.level };
      try {
        if (notify.length === 0) {
          deps.log.error('sla breach with nobody to notify', where);
        } else {
          if (step.action === 'escalate') await deps.slaTickets.recordAlerted?.(ticket, notify, step.level, nowMs);
          const minutes = Math.floor((nowMs - ticket.createdAtMs) / MINUTE_MS);
          const title =
            step.action === 'escalate'
              ? `${ticket.emergency ? '【紧急】' : ''}工单 ${ticket.ticketId} 已 ${minutes} 分钟无人确认（第 ${step.level} 级升级），请立即处理。`
              : `${ticket.emergency ? '【紧急】' : ''}工单 ${ticket.ticketId} 已通知全部值班人员，${minutes} 分钟仍无人确认，请主管介入。`;
          const r = await create(
            {
              idempotencyKey: slaReminderKey(ticket, step.level),
              ...(ticket.memberId !== undefined && { memberId: ticket.memberId }),
              kind: 'sla_escalation',
              audience: 'staff',
              staffUserIds: notify,
              title,
              emergency: ticket.emergency,
              startAtMs: nowMs,
            },
            'sla',
            'sla',
          );
          if (r.created) notified += 1;
        }
      } catch (err) {
        // Nothing was scheduled for this level: not recorded, so the next run tries it again.
        deps.log.error('sla escalation failed', { ...where, error: errorCode(err) });
        continue;
      }
      try {
        await recordEscalated(store, ticket, step.level, nowMs);
      } catch (err) {
        // The escalation reminder exists; its key keeps the next run from scheduling it twice.
        deps.log.error('sla escalation not recorded', { ...where, error: errorCode(err) });
      }
    }
    return notified;
  }

  async function countDue(nowMs: number): Promise<number> {
    const [urgent, routine] = await Promise.all([0, 1].map((priority) => reminders.count({ status: 'scheduled', priority, dueAtMs: { $lte: nowMs } })));
    return (urgent ?? 0) + (routine ?? 0);
  }

  const service = {
    settings,
    subscriptions,

    /** Creates one reminder; the same idempotency key returns the first one (201 vs 200 at the edge). */
    create,

    /**
     * Intake's personal plan (or nudges) → reminders, one per entry, keyed `${prefix}:${index}` so
     * a replay of the same plan creates nothing new.
     */
    async createFromPlan(memberId: string, entries: ScheduleEntry[], opts: { idempotencyKeyPrefix: string }): Promise<{ created: number; existing: number; ids: string[] }> {
      await assertMemberActive(memberId);
      let created = 0;
      const ids: string[] = [];
      for (const [i, entry] of entries.entries()) {
        const r = await create(
          {
            idempotencyKey: `${opts.idempotencyKeyPrefix}:${i}`,
            memberId,
            kind: entry.kind,
            audience: entry.audience,
            title: entry.title,
            recurrence: entry.recurrence,
            ...(entry.startAtMs !== undefined && { startAtMs: entry.startAtMs }),
          },
          'plan',
          'plan',
        );
        if (r.created) created += 1;
        ids.push(r.reminder._id);
      }
      return { created, existing: entries.length - created, ids };
    },

    async get(reminderId: string): Promise<ReminderDoc | null> {
      return reminders.get(reminderId);
    },

    view: (doc: ReminderDoc): ReminderView => reminderView(deps.cipher, doc),

    async listForMember(memberId: string, query: { status?: ReminderStatus; limit?: number } = {}): Promise<ReminderView[]> {
      await ensureReminderIndexes(store);
      const docs = await reminders.find({ ...(query.status && { status: query.status }), memberId }, { sort: { dueAtMs: 1 }, limit: query.limit ?? 50 });
      return docs.map((d) => reminderView(deps.cipher, d));
    },

    /** Cancels one reminder that has not gone out for good; false when it was already final. */
    async cancel(reminderId: string, reason = 'cancelled'): Promise<boolean> {
      return (await cancelWhere({ _id: reminderId }, reason)) === 1;
    },

    /**
     * The member's own 「我的提醒」: stop every pending reminder of one kind sent to them. Only
     * reminders whose audience is the member; their team's tasks about them are not the member's to stop.
     */
    async stopKindForMember(memberId: string, kind: ReminderDoc['kind']): Promise<number> {
      await ensureReminderIndexes(store);
      return cancelWhere({ kind, audience: 'member', memberId }, 'stopped_by_member');
    },

    /**
     * Pauses one kind until `untilMs`: each scheduled series of that kind sent to the member moves to
     * its first occurrence at or after `untilMs` (a one-off moves to `untilMs`). A series the
     * dispatcher holds right now (leased) is left as it is; compare-and-set on `v` keeps a
     * concurrent dispatch from being overwritten.
     */
    async pauseKindForMember(memberId: string, kind: ReminderDoc['kind'], untilMs: number): Promise<number> {
      await ensureReminderIndexes(store);
      const nowMs = deps.clock.nowMs();
      const docs = await reminders.find({ status: 'scheduled', kind, audience: 'member', memberId });
      let paused = 0;
      for (const doc of docs) {
        let occ: number | null = doc.occurrenceAtMs;
        if (doc.recurrence.type === 'once') occ = Math.max(occ, untilMs);
        for (let i = 0; occ !== null && occ < untilMs && i < 1000; i += 1) occ = nextOccurrence(doc.recurrence, occ, doc.anchorAtMs);
        if (occ === null || (doc.endsAtMs !== undefined && occ > doc.endsAtMs)) {
          if ((await cancelWhere({ _id: doc._id, v: doc.v }, 'stopped_by_member')) === 1) paused += 1;
          continue;
        }
        const r = await reminders.updateOne(
          { v: doc.v, status: 'scheduled', _id: doc._id },
          { $set: { occurrenceAtMs: occ, dueAtMs: dueFor(doc, occ), pausedUntilMs: untilMs, lastDeferral: { reason: 'paused_by_member', atMs: nowMs }, updatedAtMs: nowMs }, $inc: { v: 1 } },
        );
        if (r.matched) paused += 1;
      }
      return paused;
    },

    /** Consent withdrawal (PIPL): every pending reminder about the member stops. */
    async cancelForMember(memberId: string, reason = 'consent_withdrawn'): Promise<number> {
      await ensureReminderIndexes(store);
      return cancelWhere({ memberId }, reason);
    },

    /** The member replied to something we sent (triage/intake call this); resets the follow-up cadence. */
    async recordResponse(memberId: string, atMs: number): Promise<void> {
      await memberState.recordResponse(memberId, atMs);
    },

    /**
     * Registers (or moves) a policy's expiry and schedules docs/prd.md §2.4.3 renewal reminders 30, 7 and 1
     * day(s) ahead, to the member and their insurance consultant. Idempotent per (policy, expiry date);
     * a moved expiry cancels the reminders of the old date.
     */
    async renewalReminders(raw: PolicyExpiryInput, createdBy: CreatedBy = 'system'): Promise<{ expiryAtMs: number; ids: string[]; created: number; cancelled: number }> {
      const input = parseInput(PolicyExpirySchema, raw, 'policy expiry', 422);
      // Before the expiry is stored: nothing is kept about a member we no longer serve.
      await assertMemberActive(input.memberId);
      const expiryAtMs = input.expiryAtMs ?? endOfShanghaiDate(input.expiresOn as string);
      const nowMs = deps.clock.nowMs();
      await ensureReminderIndexes(store);
      const policyKey = `${input.memberId}:${input.policyId}`;
      await store.collection<PolicyExpiryDoc>(POLICY_EXPIRIES).updateOne(
        { _id: policyKey },
        { $set: { memberId: input.memberId, policyId: input.policyId, expiryAtMs, ...(input.productName && { productName: input.productName }), updatedAtMs: nowMs } },
        { upsert: true },
      );
      const expiryDay = localDayNumber(expiryAtMs);
      const prefix = `renewal:${policyKey}:`;
      const stale = (await reminders.find({ status: 'scheduled', kind: 'policy_renewal', memberId: input.memberId })).filter(
        (d) => d._id.startsWith(prefix) && !d._id.startsWith(`${prefix}${expiryDay}:`),
      );
      let cancelled = 0;
      for (const d of stale) cancelled += await cancelWhere({ _id: d._id }, 'policy_expiry_changed');

      const date = shanghaiLabel(expiryAtMs).slice(0, 10);
      const product = input.productName ? `「${input.productName}」` : '';
      let created = 0;
      const ids: string[] = [];
      for (const r of renewalPlan(expiryAtMs, nowMs)) {
        const title =
          r.audience === 'member'
            ? `您的保单${product}将于 ${date} 到期（还有 ${r.offsetDays} 天）。为保障不中断，请及时续保，您的保险顾问会与您联系。`
            : `会员保单${product}将于 ${date} 到期（${r.offsetDays} 天后），请联系会员办理续保。`;
        const res = await create(
          { idempotencyKey: `${prefix}${expiryDay}:${r.offsetDays}:${r.audience}`, memberId: input.memberId, kind: 'policy_renewal', audience: r.audience, title, startAtMs: r.atMs },
          createdBy,
          'renewal',
        );
        if (res.created) created += 1;
        ids.push(res.reminder._id);
      }
      return { expiryAtMs, ids, created, cancelled };
    },

    async deadLetters(query: { sinceMs?: number; limit?: number } = {}): Promise<DeadLetterView[]> {
      await ensureReminderIndexes(store);
      const docs = await store
        .collection<DeadLetterDoc>(REMINDER_DEAD_LETTERS)
        .find(query.sinceMs !== undefined ? { atMs: { $gte: query.sinceMs } } : {}, { sort: { atMs: -1 }, limit: query.limit ?? 100 });
      return docs.map(deadLetterView);
    },

    /** Unacknowledged triage tickets whose next escalation level is due (emergencies first). */
    async dueSlaBreaches(nowMs: number): Promise<SlaBreach[]> {
      return deps.slaTickets ? dueSlaBreaches(store, deps.slaTickets, nowMs) : [];
    },

    /** Creates one staff escalation reminder per due level (keyed per ticket, SLA clock and level: notified once). */
    escalateSlaBreaches,

    /** One dispatch run (see dispatcher.ts). */
    dispatch(options: DispatchOptions = {}): Promise<DispatchReport> {
      return dispatchDue(dispatcherDeps(), options);
    },

    /**
     * The minute tick: SLA escalations, then the due reminders — in this run, or for a large backlog
     * spread over asynchronous workers on disjoint shards (each worker is this function again).
     */
    async runCron(options: CronOptions): Promise<CronReport> {
      const mono = deps.monotonicNow ?? Date.now;
      const startedAt = mono();
      const remaining = () => Math.max(1000, options.budgetMs - (mono() - startedAt));
      // Every dispatch of this tick, fan-out workers' included, sends in the tick's window.
      const perRun = { ...(options.hooks && { hooks: options.hooks }), ...(options.sendWindow && { sendWindow: options.sendWindow }) };
      // Fan-out runs dispatch at the same time, each at its part of the corp's per-API ceilings.
      const fanOutPace = { paceWorkers: Math.max(1, Math.min(settings.fanOut.workers, SHARD_SLOTS)) };
      if (options.shards) {
        const run = await service.dispatch({ shards: options.shards, budgetMs: remaining(), ...fanOutPace, ...perRun });
        return { mode: 'worker', escalated: 0, runs: [run], invoked: 0, invokeFailures: 0 };
      }
      const nowMs = deps.clock.nowMs();
      // Escalation trouble (the ticket source unreachable…) must never hold back the reminders.
      let escalated = 0;
      try {
        escalated = await escalateSlaBreaches(nowMs);
      } catch (err) {
        deps.log.error('sla escalation step failed; dispatching anyway', { error: errorCode(err) });
      }
      const { invoker } = options;
      if (invoker && settings.fanOut.mode !== 'off' && settings.fanOut.workers > 1 && (await countDue(nowMs)) >= settings.fanOut.threshold) {
        const [own = [], ...others] = partitionShards(settings.fanOut.workers);
        const started = others.map((shards) => invoker.invoke({ shards, ...(options.sendWindow && { sendWindow: options.sendWindow }) }).then(() => null, (err: unknown) => ({ shards, err })));
        const runs = [await service.dispatch({ shards: own, budgetMs: remaining(), ...fanOutPace, ...perRun })];
        const failed = (await Promise.all(started)).filter((f): f is { shards: number[]; err: unknown } => f !== null);
        // A worker that could not be started: its shards are ours for what is left of this run.
        for (const f of failed) {
          deps.log.error('reminder fan-out invoke failed', { shards: f.shards.length, error: f.err instanceof Error ? f.err.message : 'unknown' });
          runs.push(await service.dispatch({ shards: f.shards, budgetMs: remaining(), ...fanOutPace, ...perRun }));
        }
        return { mode: 'fan_out', escalated, runs, invoked: others.length - failed.length, invokeFailures: failed.length };
      }
      return { mode: 'single', escalated, runs: [await service.dispatch({ budgetMs: remaining(), ...perRun })], invoked: 0, invokeFailures: 0 };
    },

    /** Throws 404 unless the reminder exists (routes authorize on its member first). */
    async require(reminderId: string): Promise<ReminderDoc> {
      const doc = await reminders.get(reminderId);
      if (!doc) throw new NotFoundError('reminder');
      return doc;
    },
  };
  return service;
}

/** The escalation reminder of one level on one SLA clock of a ticket. */
export const slaReminderKey = (ticket: Pick<SlaTicketRef, 'ticketId' | 'createdAtMs'>, level: number): string => `sla:${ticket.ticketId}:${ticket.createdAtMs}:${level}`;

/** What went wrong, for logs: a typed error's code, else the message (store and runtime errors). */
function errorCode(err: unknown): string {
  return err instanceof AppError ? err.code : err instanceof Error ? err.message : 'unknown';
}

/** "YYYY-MM-DD" (validated by the schema): cover ends at 23:59 that day, Shanghai. */
function endOfShanghaiDate(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return shanghaiInstant(y, m, d, 23, 59);
}
