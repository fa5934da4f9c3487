import { ValidationError } from '../../errors';
import { KF_MAX_MESSAGES_PER_WINDOW, KF_WINDOW_MS, MASS_TASK_MAX_RECIPIENTS } from './policy';
import { HOUR_MS } from './shanghai-time';

/**
 * - kf: 微信客服 kf/send_msg — "仅当微信客户在主动发送消息给客服后的48小时内，企业可发送消息给客户，
 *   最多可发送5条消息；若用户继续发送消息，企业可再次下发" (docs/reference/wecom-protocol.md §3.4).
 * - subscribe_message: mini-program one-time subscription (one send per user consent per template).
 * - mass_task: externalcontact/add_msg_template — "不会直接发送…需要成员确认后才会执行发送" (docs/reference/wecom-protocol.md §4),
 *   so it goes to the member's health butler as a confirm-to-send task, batched per staff member.
 * - app_message: message/send — internal members (staff) only (docs/reference/wecom-protocol.md §4).
 */
export const CHANNELS = ['kf', 'subscribe_message', 'mass_task', 'app_message'] as const;
export type Channel = (typeof CHANNELS)[number];

export const CHANNEL_REASON_CODES = [
  'staff_app_message',
  'kf_window_open',
  'subscription_available',
  'mass_task_fallback',
] as const;
export type ChannelReasonCode = (typeof CHANNEL_REASON_CODES)[number];

export interface ChannelInput {
  audience: 'member' | 'staff';
  kfWindow: { lastCustomerMsgAtMs: number | null; sentSinceThen: number };
  /** The member's one-time subscription for the template this reminder would use. */
  subscription: { templateId: string; remaining: number } | null;
  nowMs: number;
}

export interface ChannelChoice {
  channel: Channel;
  /** Stable code to branch and count on. */
  code: ChannelReasonCode;
  /** `code: human text` for logs and the staff console. Never contains member data. */
  reason: string;
}

function choice(channel: Channel, code: ChannelReasonCode, text: string): ChannelChoice {
  return { channel, code, reason: `${code}: ${text}` };
}

const hours = (ms: number): string => `${Math.floor(ms / HOUR_MS)}h`;

/** True while kf/send_msg may still reach the customer: inside [last, last + 48 h) and < 5 sent. */
export function isKfWindowOpen(kfWindow: ChannelInput['kfWindow'], nowMs: number): boolean {
  if (kfWindow.lastCustomerMsgAtMs === null) return false;
  const age = nowMs - kfWindow.lastCustomerMsgAtMs;
  return age < KF_WINDOW_MS && kfWindow.sentSinceThen < KF_MAX_MESSAGES_PER_WINDOW;
}

/** Picks how a reminder reaches its audience under WeCom's rules, cheapest unattended path first. */
export function chooseChannel(input: ChannelInput): ChannelChoice {
  const { kfWindow, subscription, nowMs } = input;
  if (!Number.isInteger(kfWindow.sentSinceThen) || kfWindow.sentSinceThen < 0) {
    throw new ValidationError('kfWindow.sentSinceThen must be a non-negative integer', [
      { field: 'kfWindow.sentSinceThen', message: 'must be a non-negative integer' },
    ]);
  }
  if (input.audience === 'staff') {
    return choice('app_message', 'staff_app_message', 'staff are reached by app message (message/send)');
  }

  const kfState =
    kfWindow.lastCustomerMsgAtMs === null
      ? 'no customer message in kf'
      : `customer wrote ${hours(Math.max(0, nowMs - kfWindow.lastCustomerMsgAtMs))} ago, ${kfWindow.sentSinceThen}/${KF_MAX_MESSAGES_PER_WINDOW} replies used`;

  if (isKfWindowOpen(kfWindow, nowMs)) {
    return choice('kf', 'kf_window_open', `kf window open (${kfState})`);
  }
  if (subscription !== null && subscription.remaining > 0) {
    return choice(
      'subscribe_message',
      'subscription_available',
      `kf window closed (${kfState}); ${subscription.remaining} one-time subscription(s) left for template ${subscription.templateId}`,
    );
  }
  return choice(
    'mass_task',
    'mass_task_fallback',
    `kf window closed (${kfState}) and no subscription left; queue a mass-send task for the health butler to confirm`,
  );
}

export interface MassTaskItem {
  /** WeCom userid of the member's health butler — the sender who confirms. */
  senderUserId: string;
  externalUserId: string;
  /** Identical content can share one add_msg_template call. */
  contentKey: string;
}

export interface MassTaskBatch {
  senderUserId: string;
  contentKey: string;
  externalUserIds: string[];
}

/**
 * Groups mass-send items into add_msg_template calls: one per (sender, content), at most 10 000
 * recipients each (docs/reference/wecom-protocol.md §4), recipients de-duplicated, in first-seen order.
 */
export function batchMassTasks(items: readonly MassTaskItem[], maxRecipients = MASS_TASK_MAX_RECIPIENTS): MassTaskBatch[] {
  const groups = new Map<string, { senderUserId: string; contentKey: string; ids: Set<string> }>();
  for (const item of items) {
    const key = JSON.stringify([item.senderUserId, item.contentKey]);
    let group = groups.get(key);
    if (!group) {
      group = { senderUserId: item.senderUserId, contentKey: item.contentKey, ids: new Set() };
      groups.set(key, group);
    }
    group.ids.add(item.externalUserId);
  }
  const batches: MassTaskBatch[] = [];
  for (const group of groups.values()) {
    const ids = [...group.ids];
    for (let i = 0; i < ids.length; i += maxRecipients) {
      batches.push({ senderUserId: group.senderUserId, contentKey: group.contentKey, externalUserIds: ids.slice(i, i + maxRecipients) });
    }
  }
  return batches;
}
