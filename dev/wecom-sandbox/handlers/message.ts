import { createHash } from 'node:crypto';
import { bar, byteLength, newId, obj, ok, str, wxError, type ApiRequest, type Reply, type SandboxContext } from '../reply';
import { isMember } from '../state';

const MAX_DUPLICATE_CHECK_S = 4 * 3600;

/** POST /cgi-bin/message/send (90236): text, textcard, markdown to members. */
export function messageSend(ctx: SandboxContext, req: ApiRequest): Reply {
  const { body, caller } = req;
  if (caller.namespace !== 'wecom') return wxError(40014);
  const { state, nowMs } = ctx;
  if (body.agentid === undefined) return wxError(41011);
  const agentId = Number(body.agentid);
  if (agentId !== caller.app.agentId) return state.apps.some((a) => a.agentId === agentId) ? wxError(301002) : wxError(40056);

  const invalid = checkContent(ctx, body);
  if (invalid) return invalid;

  const users = bar(body.touser);
  const parties = bar(body.toparty);
  const tags = bar(body.totag);
  if (!users.length && !parties.length && !tags.length) return wxError(82001);
  const valid = users.includes('@all') ? [...(state.members ?? ['@all'])] : users.filter((u) => isMember(state, u));
  const invalidUsers = users.filter((u) => u !== '@all' && !isMember(state, u));
  if (!valid.length && !parties.length && !tags.length) return wxError(81013);

  const msgid = newId('msg', 16);
  const now = nowMs();
  const key = dedupeKey(body);
  const duplicate = body.enable_duplicate_check === 1 && isDuplicate(ctx, key, body, now);
  // "每应用对同一个成员不可超过30次/分钟…超过部分会被丢弃不下发": dropped without an errcode.
  const dropped = duplicate ? [] : valid.filter((u) => recentDeliveries(ctx, u, now).length >= state.limits.appMessagePerUserPerMinute);
  const delivered = duplicate ? [] : valid.filter((u) => !dropped.includes(u));
  for (const u of delivered) recentDeliveries(ctx, u, now).push(now);
  if (!duplicate) state.appMessageLog.lastByDedupeKey.set(key, now);
  state.sent.push({
    seq: ++state.seq,
    api: 'message/send',
    atMs: now,
    touser: duplicate ? valid : delivered,
    msgid,
    status: duplicate ? 'dropped_duplicate' : 'delivered',
    ...(dropped.length && { droppedUsers: dropped }),
    body,
  });
  return ok({ invaliduser: invalidUsers.join('|'), invalidparty: '', invalidtag: '', unlicenseduser: '', msgid, response_code: '' });
}

function checkContent(ctx: SandboxContext, body: Record<string, unknown>): Reply | undefined {
  const { limits } = ctx.state;
  switch (body.msgtype) {
    case 'text': {
      const content = str(obj(body.text)?.content) ?? '';
      if (!content) return wxError(44004);
      if (byteLength(content) > limits.textMaxBytes) return wxError(45002);
      return undefined;
    }
    case 'markdown': {
      const content = str(obj(body.markdown)?.content) ?? '';
      if (!content) return wxError(44004);
      if (byteLength(content) > limits.markdownMaxBytes) return wxError(45002);
      return undefined;
    }
    case 'textcard': {
      // Over-long title/description are truncated by WeCom ("超过会自动截断"), not refused.
      const card = obj(body.textcard) ?? {};
      if (!str(card.title)) return wxError(41016);
      if (!str(card.description)) return wxError(41033);
      if (!str(card.url)) return wxError(41010);
      return undefined;
    }
    default:
      return wxError(40008);
  }
}

function dedupeKey(body: Record<string, unknown>): string {
  const { touser, toparty, totag, msgtype, agentid } = body;
  const content = body[String(msgtype)];
  return createHash('sha256').update(JSON.stringify([agentid, touser, toparty, totag, msgtype, content])).digest('hex');
}

/** enable_duplicate_check: the same content to the same recipients within the interval is not resent. */
function isDuplicate(ctx: SandboxContext, key: string, body: Record<string, unknown>, now: number): boolean {
  const intervalS = Math.min(Number(body.duplicate_check_interval ?? 1800) || 1800, MAX_DUPLICATE_CHECK_S);
  const last = ctx.state.appMessageLog.lastByDedupeKey.get(key);
  return last !== undefined && now - last < intervalS * 1000;
}

/** The member's deliveries in the last minute (the live array, pruned). */
function recentDeliveries(ctx: SandboxContext, userid: string, now: number): number[] {
  const log = ctx.state.appMessageLog.recentByUser;
  const recent = (log.get(userid) ?? []).filter((at) => now - at < 60_000);
  log.set(userid, recent);
  return recent;
}
