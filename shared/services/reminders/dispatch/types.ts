import type { FieldCipher } from '../../../ports/field-cipher';
import type { Channel, ChannelChoice } from '../../../domain/reminders/channel-router';
import type { Clock } from '../../../ports/clock';
import type { DocumentStore } from '../../../ports/document-store';
import type { Logger } from '../../../ports/logger';
import type { WecomApi } from '../../../ports/wecom-api';
import type { Member } from '../../members/member';
import type { MemberRepository } from '../../members/member-repository';
import type { KfWindowSource } from '../kf-window';
import type { MemberStateStore } from '../member-state';
import type { ReminderDoc } from '../reminder-doc';
import type { SendWindow } from '../send-window';
import type { ReminderSettings } from '../settings';
import type { SubscriptionStore } from '../subscriptions';
import type { OutboundReviewStep } from '../../review/review-step';

/** What one dispatch run is given (the reminder service builds it, reminder-service.ts). */
export interface DispatcherDeps {
  store: DocumentStore;
  clock: Clock;
  wecom: WecomApi;
  log: Logger;
  members: MemberRepository;
  cipher: FieldCipher;
  settings: ReminderSettings;
  kf: KfWindowSource;
  subscriptions: SubscriptionStore;
  memberState: MemberStateStore;
  /** HMAC key for content hashes. */
  contentKey: string;
  /** The outbound review every text to a member passes (services/review). */
  review?: OutboundReviewStep;
  random: () => number;
  /** Called once when a member's follow-up cadence gives up (flag + tell the health butler). */
  onLowCooperation(member: Member, reminder: ReminderDoc, nowMs: number): Promise<void>;
  /** Wall clock for the run's deadline (the function's time limit is real time even under a test clock). */
  monotonicNow?: () => number;
  /**
   * An occurrence fell due, before quiet hours or any rule puts its send off. The plan-task capability
   * records a plan task's due event here (shared/services/plan-tasks/record-due.ts, which never throws);
   * the function's composition root passes it, so reminders do not import plan tasks.
   */
  onOccurrenceDue?(doc: ReminderDoc): Promise<void>;
}

export interface DispatchOptions {
  /** Only these shard slots (a fan-out worker); all when omitted. */
  shards?: readonly number[];
  /** Real milliseconds this run may take (the function's time limit minus a margin). */
  budgetMs?: number;
  /**
   * The timer minute's sending window (send-window.ts), on the monotonic clock: the run ends with it
   * and spends each API's per-minute share inside it. Without one (a manual run) the share is
   * spread over whole minutes.
   */
  sendWindow?: SendWindow;
  /** Runs sharing the corp's per-API ceilings at once (fan-out workers); this run paces at 1/paceWorkers. Default 1. */
  paceWorkers?: number;
  hooks?: {
    /**
     * After each WeCom call that delivered `count` reminders, before their outcome is recorded.
     * Returning true simulates a crash right there: the run stops, writes nothing more and keeps
     * its leases (bench and tests).
     */
    afterSend?(count: number): boolean;
  };
}

export type StopReason = 'drained' | 'deadline' | 'rate_limited' | 'crashed' | 'stalled';

export interface DispatchReport {
  runId: string;
  batches: number;
  claimed: number;
  sent: number;
  byChannel: Record<Channel, number>;
  deferred: number;
  retried: number;
  deadLettered: number;
  cancelled: number;
  /** Occurrences found mid-send after a crash and not resent (the first run may have sent them). */
  uncertain: number;
  /** Claimed but handed back unprocessed (deadline, rate limit). */
  released: number;
  rateLimitSignals: number;
  stoppedBy: StopReason;
}

/** A member reminder routed to a confirm-to-send mass task, waiting for its batch (mass-tasks.ts). */
export interface MassItem {
  doc: ReminderDoc;
  /** Candidate senders in order (massSenders); `senderIndex` is the one tried now. */
  senders: string[];
  senderIndex: number;
  externalUserId: string;
  text: string;
  choice: ChannelChoice;
  /** Content hash reserved under the member's anti-spam rules; null for an emergency (member-state.ts). */
  hash: string | null;
  cadenceNextAtMs?: number;
}

/** The `cadenceNextAtMs` of an outcome, present only when the follow-up cadence set one. */
export const withCadence = (cadenceNextAtMs: number | undefined): { cadenceNextAtMs?: number } =>
  cadenceNextAtMs !== undefined ? { cadenceNextAtMs } : {};
