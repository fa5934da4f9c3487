import { byteLength, newId, obj, ok, str, wxError, type ApiRequest, type Reply, type SandboxContext } from '../reply';
import { kfAccount, type KfStoredMessage } from '../state';

const MAX_LIMIT = 1000;

const encodeCursor = (seq: number): string => Buffer.from(`kfc:${seq}`).toString('base64url');
function decodeCursor(cursor: string): number | undefined {
  const m = /^kfc:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return m ? Number(m[1]) : undefined;
}

/**
 * POST kf/sync_msg (94670): messages after `cursor` (from the oldest of the last 3 days without one),
 * `limit` per page (≤ 1000), `has_more` when more wait. The callback token is valid 10 minutes.
 * Messages sent through send_msg are not returned ("不支持读取通过发送消息接口发送的消息").
 */
export function kfSyncMsg(ctx: SandboxContext, { body }: ApiRequest): Reply {
  const { state, nowMs } = ctx;
  const now = nowMs();
  const openKfId = str(body.open_kfid);
  if (openKfId !== undefined && !state.kfAccounts.has(openKfId)) return wxError(95000);
  const token = str(body.token);
  if (token !== undefined) {
    const accounts = openKfId ? [kfAccount(state, openKfId)] : [...state.kfAccounts.values()];
    const issuedAt = accounts.map((a) => a.tokens.get(token)).find((t) => t !== undefined);
    if (issuedAt === undefined || now - issuedAt > state.limits.kfTokenTtlMs) return wxError(95007);
  }
  const limit = body.limit === undefined ? MAX_LIMIT : Number(body.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) return wxError(40058, 'limit');
  let after = 0;
  if (typeof body.cursor === 'string' && body.cursor) {
    const seq = decodeCursor(body.cursor);
    if (seq === undefined) return wxError(40058, 'cursor');
    after = seq;
  }
  const pending = state.kfMessages.filter(
    (m) => m.seq > after && (!openKfId || m.openKfId === openKfId) && now - m.sendAtMs <= state.limits.kfHistoryMs,
  );
  const page = pending.slice(0, limit);
  const last = page.at(-1);
  return ok({
    next_cursor: encodeCursor(last ? last.seq : after),
    has_more: pending.length > page.length ? 1 : 0,
    msg_list: page.map(messageWire),
  });
}

const messageWire = (m: KfStoredMessage) => ({
  msgid: m.msgid,
  open_kfid: m.openKfId,
  external_userid: m.externalUserId,
  send_time: Math.floor(m.sendAtMs / 1000),
  origin: 3,
  msgtype: 'text',
  text: { content: m.content },
});

/**
 * POST kf/send_msg (94677): "仅当微信客户在主动发送消息给客服后的48小时内，企业可发送消息给客户，最多可发送5条消息".
 * Outside the window → 95002; a 6th message → 95001; a session a human took over → 95018.
 */
export function kfSendMsg(ctx: SandboxContext, { body }: ApiRequest): Reply {
  const { state, nowMs } = ctx;
  const openKfId = str(body.open_kfid) ?? '';
  const account = state.kfAccounts.get(openKfId);
  if (!account) return wxError(95000);
  const touser = str(body.touser);
  if (!touser) return wxError(41035);
  if (body.msgtype !== 'text') return wxError(40008, 'sandbox supports text only');
  const content = str(obj(body.text)?.content) ?? '';
  if (!content) return wxError(44004);
  if (byteLength(content) > state.limits.textMaxBytes) return wxError(45002);
  const customer = account.customers.get(touser);
  const now = nowMs();
  if (!customer || now - customer.lastCustomerMsgAtMs > state.limits.kfWindowMs) return wxError(95002);
  if (customer.serviceState !== 'api') return wxError(95018);
  if (customer.sentSinceLast >= state.limits.kfMaxMessagesPerWindow) return wxError(95001);
  customer.sentSinceLast++;
  const msgid = str(body.msgid) ?? newId('kfmsg', 16);
  state.sent.push({ seq: ++state.seq, api: 'kf/send_msg', atMs: now, touser: [touser], msgid, status: 'delivered', body });
  return ok({ msgid });
}

/** /_sandbox/kf/messages: a customer writes to a kf account; returns the callback Token to sync with. */
export function enqueueCustomerMessage(
  ctx: SandboxContext,
  input: { openKfId: string; externalUserId: string; text: string; serviceState?: 'api' | 'human' },
): { token: string; msgid: string; openKfId: string } {
  const { state } = ctx;
  const now = ctx.nowMs();
  const account = kfAccount(state, input.openKfId);
  const msgid = newId('kfin', 16);
  state.kfMessages.push({ seq: ++state.seq, msgid, openKfId: input.openKfId, externalUserId: input.externalUserId, sendAtMs: now, content: input.text });
  const previous = account.customers.get(input.externalUserId);
  account.customers.set(input.externalUserId, {
    lastCustomerMsgAtMs: now,
    sentSinceLast: 0,
    serviceState: input.serviceState ?? previous?.serviceState ?? 'api',
  });
  const token = newId('ENC', 33);
  account.tokens.set(token, now);
  return { token, msgid, openKfId: input.openKfId };
}
