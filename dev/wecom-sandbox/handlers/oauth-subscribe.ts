import { newId, obj, ok, str, wxError, type ApiRequest, type Reply, type SandboxContext } from '../reply';
import type { OauthIdentityRecord } from '../state';

/** A fresh single-use code for `identity` (what the authorize page and POST /_sandbox/oauth-codes hand out). */
export function mintOauthCode(ctx: SandboxContext, identity: OauthIdentityRecord): string {
  const code = newId('oauth', 24);
  ctx.state.oauthCodes.set(code, { identity, issuedAtMs: ctx.nowMs(), used: false });
  return code;
}

/**
 * GET auth/getuserinfo (91023): members → userid + user_ticket, others → openid (+ external_userid).
 * "code只能消费一次…需要在有效期间消费（5分钟）" (40029, 全局错误码).
 */
export function authGetUserInfo(ctx: SandboxContext, { query }: ApiRequest): Reply {
  const code = query.get('code');
  if (!code) return wxError(41008);
  const record = ctx.state.oauthCodes.get(code);
  if (!record || record.used || ctx.nowMs() - record.issuedAtMs > ctx.state.limits.oauthCodeTtlMs) return wxError(40029);
  record.used = true;
  const id = record.identity;
  if ('userid' in id) return ok({ userid: id.userid, user_ticket: newId('tk', 24) });
  return ok({ openid: id.openid, ...(id.externalUserId && { external_userid: id.externalUserId }) });
}

/**
 * POST /cgi-bin/message/subscribe/send (WeChat subscribeMessage.send): each send consumes one subscription
 * the user granted for (openid, template); none left → 43101 "user refuse to accept the msg".
 */
export function subscribeSend(ctx: SandboxContext, { body }: ApiRequest): Reply {
  const { state } = ctx;
  const touser = str(body.touser);
  if (!touser) return wxError(40003, 'invalid openid');
  const templateId = str(body.template_id);
  if (!templateId) return wxError(40037);
  const data = obj(body.data);
  if (!data || !Object.keys(data).length || Object.values(data).some((v) => typeof obj(v)?.value !== 'string')) return wxError(47003);
  const key = subscriptionKey(touser, templateId);
  const left = state.subscriptions.get(key) ?? 0;
  if (left <= 0) return wxError(43101);
  state.subscriptions.set(key, left - 1);
  const msgid = newId('sub', 12);
  state.sent.push({ seq: ++state.seq, api: 'wechat/subscribe/send', atMs: ctx.nowMs(), touser: [touser], msgid, status: 'delivered', body });
  return ok({ msgid });
}

export const subscriptionKey = (openid: string, templateId: string): string => `${openid}|${templateId}`;
