import { newId, ok, wxError, type Caller, type Reply, type SandboxContext } from '../reply';
import type { TokenNamespace } from '../state';

/**
 * GET /cgi-bin/gettoken. "有效期内重复获取返回相同结果，过期后获取会返回新的access_token" (91039),
 * so a valid token is handed out again with its remaining lifetime.
 */
export function gettoken(ctx: SandboxContext, query: URLSearchParams): Reply {
  const corpid = query.get('corpid');
  const secret = query.get('corpsecret');
  if (!corpid) return wxError(41002);
  if (!secret) return wxError(41004);
  if (corpid !== ctx.state.corpId) return wxError(40013);
  const app = ctx.state.apps.find((a) => a.secret === secret);
  if (!app) return wxError(40001);
  const now = ctx.nowMs();
  for (const [token, t] of ctx.state.tokens) {
    if (t.namespace === 'wecom' && t.owner === app.name && !t.revokedWith && t.expiresAtMs > now) {
      return ok({ access_token: token, expires_in: Math.ceil((t.expiresAtMs - now) / 1000) });
    }
  }
  return ok({ access_token: issue(ctx, 'wecom', app.name), expires_in: ctx.state.limits.tokenTtlS });
}

/**
 * GET /cgi-bin/token?grant_type=client_credential (WeChat). Every call issues a new token; the previous
 * one stays usable for 5 more minutes (WeChat's documented overlap). Success carries no errcode.
 */
export function wechatToken(ctx: SandboxContext, query: URLSearchParams): Reply {
  if (query.get('grant_type') !== 'client_credential') return wxError(40002);
  const mp = ctx.state.miniPrograms.find((m) => m.appId === query.get('appid'));
  if (!mp) return wxError(40013, 'invalid appid');
  if (mp.secret !== query.get('secret')) return wxError(40125);
  const now = ctx.nowMs();
  for (const t of ctx.state.tokens.values()) {
    if (t.namespace === 'wechat' && t.owner === mp.appId) t.expiresAtMs = Math.min(t.expiresAtMs, now + 5 * 60_000);
  }
  return { json: { access_token: issue(ctx, 'wechat', mp.appId), expires_in: ctx.state.limits.tokenTtlS } };
}

function issue(ctx: SandboxContext, namespace: TokenNamespace, owner: string): string {
  const token = newId(namespace === 'wecom' ? 'wwtok_' : 'wxtok_', 48);
  ctx.state.tokens.set(token, { namespace, owner, expiresAtMs: ctx.nowMs() + ctx.state.limits.tokenTtlS * 1000 });
  return token;
}

/** Resolves `access_token` for an API call, or the error WeCom/WeChat would answer. */
export function authenticate(ctx: SandboxContext, query: URLSearchParams, namespace: TokenNamespace): Caller | Reply {
  const token = query.get('access_token');
  if (!token) return wxError(41001);
  const invalid = namespace === 'wecom' ? 40014 : 40001;
  const issued = ctx.state.tokens.get(token);
  if (!issued || issued.namespace !== namespace) return wxError(invalid);
  if (issued.revokedWith) return wxError(issued.revokedWith);
  if (issued.expiresAtMs <= ctx.nowMs()) return wxError(42001);
  if (namespace === 'wechat') return { namespace: 'wechat', appId: issued.owner };
  const app = ctx.state.apps.find((a) => a.name === issued.owner);
  return app ? { namespace: 'wecom', app } : wxError(invalid);
}

/** /_sandbox/tokens/invalidate: 'expired' → 42001 from now on; 'invalid' → 40014 (WeChat: 40001). */
export function invalidateTokens(ctx: SandboxContext, mode: 'expired' | 'invalid'): number {
  let n = 0;
  for (const t of ctx.state.tokens.values()) {
    if (t.revokedWith) continue;
    t.revokedWith = mode === 'expired' ? 42001 : t.namespace === 'wecom' ? 40014 : 40001;
    n++;
  }
  return n;
}
