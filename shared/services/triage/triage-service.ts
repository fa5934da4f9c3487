import type { Llm } from '../../ports/llm';
import { createTriageContext, type CustomerMessageHook, type TriageDeps, type TriageOptions } from './context';
import { createIntake } from './intake';
import { createPipeline } from './pipeline';
import { ensureTriageIndexes } from './records';
import type { SlaTicketSource } from '../reminders/sla';
import { createTicketSlaSource } from './sla-source';
import { createTicketAccess } from './ticket-access';
import { createStaffReplies } from './staff-reply';
import { createReviewQueue } from '../review/queue';
import { ensureReviewIndexes } from '../review/records';
import { sendOverKfWindow } from './reply-customer';
import { requeueHeldReminder } from '../reminders/review-release';
import { onceUntilFailure } from '../../once-until-failure';

/**
 * Issue 5, service side: customer questions (微信客服, mini-program, staff forwards) → local
 * classification (+ optional model) → a ticket per member and role → the role's team member told
 * (emergencies: also the doctor on call) → the customer answered inside the kf window → every step
 * on record. Handlers stay thin; this is what they call.
 */
export function createTriageService(deps: TriageDeps, o: { llm?: Llm; onCustomerMessage?: CustomerMessageHook; options?: Partial<TriageOptions> } = {}) {
  const ctx = createTriageContext(deps, o);
  const pipeline = createPipeline(ctx);
  const intake = createIntake(ctx, pipeline);
  const staffReplies = createStaffReplies(ctx);
  // One set of staff replies: the workbench's reply route and the review queue's release of a held reply.
  const access = createTicketAccess(ctx, staffReplies);
  // The review queue lives here because releasing a held workbench reply sends it over 微信客服, which this function owns.
  const reviews = createReviewQueue(deps, {
    staff_reply: { release: (r, text) => staffReplies.releaseHeld(r, text), rejected: (r) => staffReplies.rejectHeld(r) },
    triage_reply: { release: (r, text) => sendOverKfWindow(ctx, r.memberId, text) },
    // A welcome code lives 20 s: by the time a reviewer looks, it is spent; the butler greets the member instead.
    welcome: { release: () => Promise.resolve('channel_closed' as const) },
    reminder: { release: (r) => requeueHeldReminder(deps.store, r.ref, deps.clock.nowMs()) },
  });
  const ready = onceUntilFailure(() => Promise.all([ensureTriageIndexes(deps.store), ensureReviewIndexes(deps.store)]).then(() => undefined));
  const afterIndexes =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      await ready();
      return fn(...args);
    };

  return {
    handleCallback: afterIndexes(intake.handleCallback),
    syncKf: afterIndexes(intake.syncKf),
    staffForward: afterIndexes(intake.staffForward),
    ask: afterIndexes(intake.ask),
    ingest: afterIndexes(pipeline.ingest),
    resumePending: afterIndexes(pipeline.resumePending),
    listTickets: afterIndexes(access.list),
    getTicket: afterIndexes(access.get),
    acknowledge: afterIndexes(access.acknowledge),
    close: afterIndexes(access.close),
    reply: afterIndexes(access.reply),
    listReviews: afterIndexes(reviews.list),
    getReview: afterIndexes(reviews.get),
    releaseReview: afterIndexes(reviews.release),
    rejectReview: afterIndexes(reviews.reject),
    checkReview: afterIndexes(reviews.check),
    /** For the reminder cron (SLA escalation). */
    slaSource: (): SlaTicketSource => createTicketSlaSource(deps.store, deps.config.PUBLIC_BASE_URL),
    kfWindow: ctx.kfWindow,
  };
}

export type TriageService = ReturnType<typeof createTriageService>;
