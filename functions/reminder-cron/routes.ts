import * as z from 'zod';
import { idempotencyKeyOf } from '../../shared/idempotency-key';
import { createHttpApp, readJson, type HttpApp } from '../../shared/http/app';
import { mountHealth } from '../../shared/http/health';
import { memberWriteLimits } from '../../shared/http/member-write-limits';
import { principalOf, resolveCaller } from '../../shared/http/caller';
import { AppError, ConflictError, ForbiddenError } from '../../shared/errors';
import type { AppDeps } from '../../shared/runtime/deps';
import { mayStopKind } from '../../shared/domain/reminders/member-controls';
import { MEMBER_CONTROLLED_KINDS } from '../../shared/domain/schedule/recurrence';
import {
  CreateReminderBodySchema,
  DeadLetterQuerySchema,
  IdempotencyKeySchema,
  ListQuerySchema,
  MemberIdSchema,
  PolicyExpirySchema,
} from '../../shared/services/reminders/schemas';
import { reminderForCaller } from '../../shared/services/reminders/reminder-access';
import { parseInput } from '../../shared/validation';
import { idempotentAnswer } from '../../shared/http/replay';
import { listMemberTasks } from '../../shared/services/plan-tasks/member-tasks';
import { markDoneByMember } from '../../shared/services/plan-tasks/mark-done';
import { TaskDoneSchema } from '../../shared/services/plan-tasks/schemas';
import { servicesOf } from './wiring';
import { mountContentRoutes } from './content-routes';
import { mountOfferRoutes } from './offer-routes';

const PREFIX = '/api/reminders';
const IdParam = z.strictObject({ id: IdempotencyKeySchema });
const MemberParam = z.strictObject({ memberId: MemberIdSchema });
/** Kinds a member receives and may pause or stop themself. */
const OwnKindSchema = z.strictObject({ kind: z.enum(MEMBER_CONTROLLED_KINDS) });

/**
 * Staff and machine routes. Reading, creating and cancelling a member's reminders share one policy
 * action, 'reminder.create' (member self, the member's doctor and butler, the machine): whoever may
 * put a reminder on a member may see and withdraw it. What a member may schedule, who registers
 * policy expiries and the caller's idempotency-key namespace: caller-requests.ts. The dead-letter
 * list holds ids and error codes only and is ops oversight, like the audit trail ('audit.read',
 * ops_admin only).
 */
export function reminderCronRoutes(deps: AppDeps): HttpApp {
  const app = createHttpApp('reminder-cron', deps.log);
  mountHealth(app, [PREFIX, '/api/content', '/api/offers'], 'reminder-cron', deps.store);
  mountContentRoutes(app, deps);
  mountOfferRoutes(app, deps);
  app.use(`${PREFIX}/*`, resolveCaller(deps));
  app.use(`${PREFIX}/*`, memberWriteLimits(deps));
  const { reminders: service, requests, planTasks } = servicesOf(deps);

  app.post(PREFIX, async (c) => {
    const principal = principalOf(c);
    const body = parseInput(CreateReminderBodySchema, await readJson(c), 'reminder');
    const idempotencyKey = idempotencyKeyOf(c.req.header('idempotency-key'), body.idempotencyKey);
    const { startAt, endsAt, ...rest } = body;
    const startAtMs = body.startAtMs ?? startAt;
    const { reminder, created } = await requests.create(
      principal,
      { ...rest, ...(idempotencyKey && { idempotencyKey }), ...(startAtMs !== undefined && { startAtMs }), ...(endsAt !== undefined && { endsAtMs: endsAt }) },
      { requestId: c.get('requestId') },
    );
    return c.json(service.view(reminder), created ? 201 : 200);
  });

  app.post(`${PREFIX}/policies`, async (c) => {
    const principal = principalOf(c);
    const input = parseInput(PolicyExpirySchema, await readJson(c), 'policy expiry');
    const result = await requests.renewals(principal, input, { requestId: c.get('requestId') });
    return c.json(result, result.created > 0 ? 201 : 200);
  });

  app.get(`${PREFIX}/dead-letters`, async (c) => {
    const principal = principalOf(c);
    const query = parseInput(DeadLetterQuerySchema, c.req.query(), 'query');
    await deps.authorize(principal, 'audit.read', undefined, { requestId: c.get('requestId') });
    return c.json({ deadLetters: await service.deadLetters(query) });
  });

  app.get(`${PREFIX}/members/:memberId`, async (c) => {
    const principal = principalOf(c);
    const { memberId } = parseInput(MemberParam, { memberId: c.req.param('memberId') }, 'path');
    const query = parseInput(ListQuerySchema, c.req.query(), 'query');
    await deps.authorize(principal, 'reminder.create', memberId, { requestId: c.get('requestId') });
    return c.json({ memberId, reminders: await service.listForMember(memberId, query) });
  });

  /** Consent withdrawal by the member: nothing more is sent to or about them. */
  app.post(`${PREFIX}/members/:memberId/cancel`, async (c) => {
    const principal = principalOf(c);
    const { memberId } = parseInput(MemberParam, { memberId: c.req.param('memberId') }, 'path');
    await deps.authorize(principal, 'consent.withdraw', memberId, { requestId: c.get('requestId') });
    return c.json({ memberId, cancelled: await service.cancelForMember(memberId) });
  });

  /**
   * 「我的提醒」 (web/member): the reminders sent to the calling member, and pause (7 days) or stop
   * per kind. The member is the caller's own: no member id in the path, nothing about anyone else.
   */
  const ownMember = async (c: { req: { header: (n: string) => string | undefined }; get: (k: 'requestId') => string }) => {
    const principal = principalOf(c);
    if (principal.kind !== 'member') throw new ForbiddenError('members_only', 'this route is for the member themself');
    await deps.authorize(principal, 'reminder.own', principal.memberId, { requestId: c.get('requestId') });
    return { memberId: principal.memberId, credential: principal.credential ?? 'member' };
  };

  app.get(`${PREFIX}/mine`, async (c) => {
    const { memberId } = await ownMember(c);
    const all = await service.listForMember(memberId, { limit: 200 });
    const reminders = all
      // Offers are switched off with their consent (「我的授权」), not here.
      .filter((r) => r.audience === 'member' && r.kind !== 'offer' && (r.status === 'scheduled' || r.status === 'leased'))
      .map((r) => ({ id: r.id, kind: r.kind, title: r.title, recurrence: r.recurrence, status: r.status, dueAtMs: r.dueAtMs, ...(r.pausedUntilMs !== undefined && { pausedUntilMs: r.pausedUntilMs }) }));
    return c.json({ memberId, reminders });
  });

  /** Who paused or stopped which kind, with which credential: a forwarded link can act too. */
  const auditOwn = (c: { get(k: 'requestId'): string }, memberId: string, credential: string, action: string, meta: Record<string, string | number>) =>
    deps.audit.append({ actor: { kind: 'member', id: memberId }, action, subjectMemberId: memberId, outcome: 'done', requestId: c.get('requestId'), meta: { credential, ...meta } });

  app.post(`${PREFIX}/mine/pause`, async (c) => {
    const { memberId, credential } = await ownMember(c);
    const { kind, days } = parseInput(OwnKindSchema.extend({ days: z.int().min(1).max(30).default(7) }), await readJson(c), 'pause');
    const untilMs = deps.clock.nowMs() + days * 86_400_000;
    const paused = await service.pauseKindForMember(memberId, kind, untilMs);
    await auditOwn(c, memberId, credential, 'reminders.pause', { kind, days, paused });
    return c.json({ memberId, kind, pausedUntilMs: untilMs, paused });
  });

  app.post(`${PREFIX}/mine/stop`, async (c) => {
    const { memberId, credential } = await ownMember(c);
    const { kind } = parseInput(OwnKindSchema, await readJson(c), 'stop');
    if (!mayStopKind(kind, credential)) {
      throw new AppError('stop_needs_own_login', `kind: ${kind} reminders can only be paused from a link`, 403, {
        fields: [{ field: 'kind', message: 'pause only from a link', messageZh: '用药和监测提醒关系到您的健康，这里只能暂停 7 天；要停止请在小程序中操作或告诉健康管家' }],
      });
    }
    const stopped = await service.stopKindForMember(memberId, kind);
    await auditOwn(c, memberId, credential, 'reminders.stop', { kind, stopped });
    return c.json({ memberId, kind, stopped });
  });

  /** The member's plan tasks that fell due and are still open (done or not), and those still to come today. */
  app.get(`${PREFIX}/mine/tasks`, async (c) => {
    const { memberId } = await ownMember(c);
    return c.json({ memberId, tasks: await listMemberTasks(planTasks, memberId) });
  });

  /**
   * 「完成」 on one occurrence (shared/services/plan-tasks/mark-done.ts): 201 when new, 200 with
   * `Idempotent-Replayed` when it was already done; 422 naming occurrenceAtMs for one not due, past
   * its window or not of this reminder. The welcome link may do it too (policy.ts LINK_TOKEN_ACTIONS).
   */
  app.post(`${PREFIX}/mine/:reminderId/done`, async (c) => {
    const { memberId, credential } = await ownMember(c);
    await deps.authorize(principalOf(c), 'plan_task.done', memberId, { requestId: c.get('requestId') });
    const { reminderId } = parseInput(z.strictObject({ reminderId: IdempotencyKeySchema }), { reminderId: c.req.param('reminderId') }, 'path');
    const { occurrenceAtMs } = parseInput(TaskDoneSchema, await readJson(c), 'task done');
    const result = await markDoneByMember(planTasks, { memberId, reminderId, occurrenceAtMs, via: credential });
    if (!result.replayed) await auditOwn(c, memberId, credential, 'plan_task.done', { reminderId, occurrenceAtMs });
    return idempotentAnswer(c, result, result.replayed);
  });

  const access = { authorize: deps.authorize, get: service.get };

  app.get(`${PREFIX}/:id`, async (c) => {
    const principal = principalOf(c);
    const { id } = parseInput(IdParam, { id: c.req.param('id') }, 'path');
    const doc = await reminderForCaller(access, principal, id, { requestId: c.get('requestId') });
    return c.json(service.view(doc));
  });

  app.delete(`${PREFIX}/:id`, async (c) => {
    const principal = principalOf(c);
    const { id } = parseInput(IdParam, { id: c.req.param('id') }, 'path');
    const doc = await reminderForCaller(access, principal, id, { requestId: c.get('requestId') });
    if (!(await service.cancel(id, `cancelled_by_${principal.kind}`))) {
      throw new ConflictError('reminder_final', `the reminder is already ${doc.status === 'leased' ? 'being sent' : doc.status}`);
    }
    return c.json(service.view(await service.require(id)));
  });

  return app;
}
