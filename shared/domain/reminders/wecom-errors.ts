import { RATE_LIMIT_BACKOFF_MS } from './policy';

export type WecomErrorKind = 'ok' | 'retryable' | 'rate_limited' | 'final';

export interface WecomErrorClass {
  kind: WecomErrorKind;
  /** Minimum wait before the next attempt. */
  backoffMs?: number;
  /** Stable code for logs and dead letters. */
  code: string;
  /** The access_token is bad: refresh it (single-flight) once, then retry at once. */
  refreshToken?: boolean;
  /** This channel cannot deliver to this member now; choose the next channel instead of retrying. */
  reroute?: boolean;
  /** A cap on attempts the platform itself recommends. */
  maxAttempts?: number;
}

/**
 * What to do with an errcode. Sources: docs/reference/wecom-protocol.md §4 (gettoken/全局错误码 90455, send_welcome_msg,
 * message/send, rate limits), the 全局错误码 table as copied in WxJava `WxCpErrorMsgEnum` and
 * zsmhub/workweixin `api_error.go` [secondary], and for kf/subscribe codes issue threads and SDK
 * comments [secondary] — marked below. "开发者的程序应该根据errcode来判断出错的情况，而不应该依赖errmsg".
 */
const TABLE: Record<number, Omit<WecomErrorClass, 'kind'> & { kind: Exclude<WecomErrorKind, 'ok'> }> = {
  // 系统繁忙 — "建议稍候重试。建议重试次数不超过3次"
  [-1]: { kind: 'retryable', code: 'system_busy', backoffMs: 1_000, maxAttempts: 3 },
  // 数据版本冲突 — "可能有多个调用端同时修改数据，稍后重试"
  6000: { kind: 'retryable', code: 'data_version_conflict', backoffMs: 1_000 },
  // 不合法的access_token / access_token已过期 — refresh once and retry
  40014: { kind: 'retryable', code: 'access_token_invalid', backoffMs: 0, refreshToken: true, maxAttempts: 2 },
  42001: { kind: 'retryable', code: 'access_token_expired', backoffMs: 0, refreshToken: true, maxAttempts: 2 },
  // 群发消息正在被派发中，请稍后再试 / welcome msg is being distributed (docs/reference/wecom-protocol.md §4: may retry)
  41063: { kind: 'retryable', code: 'mass_msg_dispatching', backoffMs: 5_000 },
  41096: { kind: 'retryable', code: 'welcome_msg_distributing', backoffMs: 2_000, maxAttempts: 3 },
  // 接口调用超过限制 — blocked 60 s (minute limit) or 60 min (hour limit); we start at a minute
  45009: { kind: 'rate_limited', code: 'api_freq_limit', backoffMs: RATE_LIMIT_BACKOFF_MS },
  // 接口并发调用超过限制
  45033: { kind: 'rate_limited', code: 'api_concurrency_limit', backoffMs: 2_000 },

  // Channel closed for this member: do not retry, route to the next channel.
  // 95001 "给该客户发送的消息数量已达上限，请等待客户回复后方可再发送" (kf 5-message quota) [secondary]
  95001: { kind: 'final', code: 'kf_quota_exhausted', reroute: true },
  // 95018 kf/send_msg refused in the session's current state [secondary: issue/SDK comments only]
  95018: { kind: 'final', code: 'kf_session_state_forbids', reroute: true },
  // 43101 "user refuse to accept the msg" — no one-time subscription left (WeChat subscribe API)
  43101: { kind: 'final', code: 'subscription_refused', reroute: true },
  // 84061 不存在外部联系人的关系 — the member removed the staff member
  84061: { kind: 'final', code: 'no_contact_relationship', reroute: true },
  // 41048 无可发送的客户
  41048: { kind: 'final', code: 'mass_no_recipient', reroute: true },

  // Welcome messages: one shot, 20 s.
  41050: { kind: 'final', code: 'welcome_code_invalid' },
  41051: { kind: 'final', code: 'welcome_already_chatting' },

  // Caller or configuration faults: retrying cannot help; alert ops.
  40001: { kind: 'final', code: 'invalid_secret' },
  40003: { kind: 'final', code: 'invalid_userid' },
  40013: { kind: 'final', code: 'invalid_corpid' },
  40096: { kind: 'final', code: 'invalid_external_userid' },
  44004: { kind: 'final', code: 'empty_content' },
  45002: { kind: 'final', code: 'content_too_long' },
  48002: { kind: 'final', code: 'api_not_permitted' },
  50002: { kind: 'final', code: 'user_out_of_scope' },
  60011: { kind: 'final', code: 'no_privilege' },
  60020: { kind: 'final', code: 'ip_not_allowed' },
  81013: { kind: 'final', code: 'all_recipients_invalid' },
  301002: { kind: 'final', code: 'app_not_permitted' },
};

/**
 * Classifies a WeCom (or WeChat subscribe-message) errcode. Unknown codes are final: retrying an
 * error we do not understand risks duplicate pushes to a member, and the dead letter shows the code.
 */
export function classifyWecomError(errcode: number): WecomErrorClass {
  if (errcode === 0) return { kind: 'ok', code: 'ok' };
  return TABLE[errcode] ?? { kind: 'final', code: `unknown_${errcode}` };
}
