import { SLA } from '../../domain/reminders/policy';
import { MINUTE_MS } from '../../domain/reminders/shanghai-time';
import type { Llm } from '../../ports/llm';
import type { AppDeps } from '../../runtime/deps';
import { createKfWindow, type KfWindow } from './kf-window';
import { createTicketEvents, type TicketEvents } from './ticket-events';
import { createTicketStore, type TicketStore } from './ticket-store';
import { createOnCallAlerts, type OnCallAlerts } from './on-call-alerts';
import { createOutboundReview, type OutboundReviewStep } from '../review/review-step';
import './pre-approved-texts';

export type TriageDeps = Pick<AppDeps, 'config' | 'store' | 'clock' | 'log' | 'cipher' | 'audit' | 'wecom' | 'members' | 'authorize' | 'staffSessions'>;

export interface TriageOptions {
  /** Minutes an emergency may wait for acknowledgement per on-call step (default 5, SLA policy). */
  emergencyAckMinutes: number;
  /** Budget for the optional model step (default HUNYUAN_TIMEOUT_MS). */
  llmTimeoutMs: number;
  /** The model is asked only about routine messages classified with less confidence than this. */
  llmAskBelowConfidence: number;
  /** How long one attempt at a message holds it before another delivery may take over. */
  leaseMs: number;
  /** Customers whose kf messages are handled in parallel within one sync page. */
  kfConcurrency: number;
}

/** Told when a member wrote to us (the reminder capability resets its follow-up cadence). Best effort. */
export type CustomerMessageHook = (memberId: string, atMs: number) => Promise<void>;

export interface TriageContext {
  deps: TriageDeps;
  options: TriageOptions;
  llm: Llm | undefined;
  onCustomerMessage: CustomerMessageHook | undefined;
  tickets: TicketStore;
  events: TicketEvents;
  kfWindow: KfWindow;
  onCallAlerts: OnCallAlerts;
  /** The outbound review every text to a member passes (services/review). */
  review: OutboundReviewStep;
}

export function triageOptions(deps: TriageDeps, overrides: Partial<TriageOptions> = {}): TriageOptions {
  return {
    emergencyAckMinutes: deps.config.TRIAGE_EMERGENCY_ACK_MINUTES ?? SLA.emergencyAckMs / MINUTE_MS,
    llmTimeoutMs: deps.config.HUNYUAN_TIMEOUT_MS,
    // Above 1: every non-emergency message gets the model's second opinion (it can only raise).
    llmAskBelowConfidence: 1.01,
    leaseMs: 30_000,
    kfConcurrency: 4,
    ...overrides,
  };
}

export function createTriageContext(
  deps: TriageDeps,
  o: { llm?: Llm; onCustomerMessage?: CustomerMessageHook; options?: Partial<TriageOptions> } = {},
): TriageContext {
  const options = triageOptions(deps, o.options);
  return {
    deps,
    options,
    llm: o.llm,
    onCustomerMessage: o.onCustomerMessage,
    tickets: createTicketStore(deps.store),
    events: createTicketEvents(deps.store),
    kfWindow: createKfWindow(deps.store),
    onCallAlerts: createOnCallAlerts(deps.store),
    review: createOutboundReview({ ...deps, llm: o.llm, llmTimeoutMs: options.llmTimeoutMs }),
  };
}
