import { jsapiSignature } from '../../../shared/services/identity/jsapi-signature';
import { newId, ok, wxError, type ApiRequest, type Reply, type SandboxContext } from '../reply';
import type { IssuedTicket } from '../state';

const HOUR_MS = 3600_000;

/** GET /cgi-bin/get_jsapi_ticket — the corp's ticket, for wx.config (96909). */
export function getJsapiTicket(ctx: SandboxContext, req: ApiRequest): Reply {
  return issueTicket(ctx, req, 'corp');
}

/** GET /cgi-bin/ticket/get?type=agent_config — the app's ticket, for wx.agentConfig (96909). */
export function getAgentTicket(ctx: SandboxContext, req: ApiRequest): Reply {
  if (req.query.get('type') !== 'agent_config') return wxError(40058, 'type must be agent_config');
  return issueTicket(ctx, req, 'agent');
}

/**
 * Every fetch hands out a new ticket while earlier ones stay valid to their own expiry, so a page
 * signed a moment ago keeps verifying. Fetches over the hourly limits (400 per corp, 100 per app,
 * both kinds counted) answer 45009 "api freq out of limit".
 */
function issueTicket(ctx: SandboxContext, req: ApiRequest, kind: IssuedTicket['kind']): Reply {
  if (req.caller.namespace !== 'wecom') return wxError(40014);
  const app = req.caller.app;
  // Only an app (an agentid) has an agent_config ticket; the 客户联系 secret's token has none.
  if (kind === 'agent' && !app.agentId) return wxError(48002);
  const { state } = ctx;
  const now = ctx.nowMs();
  state.ticketFetches = state.ticketFetches.filter((f) => now - f.atMs < HOUR_MS);
  const byApp = state.ticketFetches.filter((f) => f.app === app.name).length;
  if (state.ticketFetches.length >= state.limits.jsapiTicketPerCorpPerHour || byApp >= state.limits.jsapiTicketPerAppPerHour) return wxError(45009);
  state.ticketFetches.push({ app: app.name, atMs: now });
  const ticket = newId(kind === 'corp' ? 'sM4AOVdW' : 'agentTk', 48);
  state.jsapiTickets.set(ticket, { kind, app: app.name, agentId: app.agentId, expiresAtMs: now + state.limits.jsapiTicketTtlS * 1000 });
  return ok({ ticket, expires_in: state.limits.jsapiTicketTtlS });
}

export interface SignatureClaim {
  kind: IssuedTicket['kind'];
  corpId: string;
  agentId?: number | string | undefined;
  url: string;
  timestamp: number | string;
  nonceStr: string;
  signature: string;
}

/**
 * What wx.config / wx.agentConfig would conclude from a page's signature: valid when it was made over
 * this url with a ticket of that kind (and, for agentConfig, of that agentid) still within its lifetime.
 * The errMsg texts are the clients' ("config:fail invalid signature" and the like).
 */
export function verifySignature(ctx: SandboxContext, claim: SignatureClaim): { valid: true; errMsg: string } | { valid: false; errMsg: string } {
  const api = claim.kind === 'corp' ? 'config' : 'agentConfig';
  if (claim.corpId !== ctx.state.corpId) return { valid: false, errMsg: `${api}:fail invalid corpid` };
  const agentId = Number(claim.agentId);
  if (claim.kind === 'agent' && !ctx.state.apps.some((a) => a.agentId && a.agentId === agentId)) return { valid: false, errMsg: `${api}:fail invalid agentid` };
  const now = ctx.nowMs();
  for (const [ticket, issued] of ctx.state.jsapiTickets) {
    if (issued.kind !== claim.kind || issued.expiresAtMs <= now || (claim.kind === 'agent' && issued.agentId !== agentId)) continue;
    const expected = jsapiSignature({ ticket, nonceStr: claim.nonceStr, timestamp: Number(claim.timestamp), url: claim.url });
    if (expected === claim.signature) return { valid: true, errMsg: `${api}:ok` };
  }
  return { valid: false, errMsg: `${api}:fail invalid signature` };
}
