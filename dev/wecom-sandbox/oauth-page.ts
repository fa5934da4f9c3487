import { mintOauthCode } from './handlers/oauth-subscribe';
import { isMember } from './state';
import type { Reply, SandboxContext } from './reply';

/** Who the authorize page offers to sign in as: the staff the stack knows (its roster), name for display. */
export interface DirectoryEntry {
  userid: string;
  name?: string;
}

export type Directory = () => Promise<DirectoryEntry[]>;

export const AUTHORIZE_PATH = '/connect/oauth2/authorize';

const STATE_RE = /^[A-Za-z0-9]{0,128}$/;
const USERID_RE = /^[A-Za-z0-9_.@-]{1,64}$/;

interface AuthorizeParams {
  appid: string;
  redirectUri: URL;
  scope: string;
  state: string;
  agentid: string;
}

/**
 * WeCom's 网页授权 page (91022) as the sandbox plays it. Inside WeCom the member is already known and
 * the client goes straight back with a code; here a person picks who they are (a roster member, or any
 * userid typed in), and the choice posts back to this path, which mints a code exactly as
 * POST /_sandbox/oauth-codes does and 302-redirects to `redirect_uri?code=CODE&state=STATE`.
 * Parameters are checked as WeCom does: the corp id, response_type=code, the scope, the state's
 * alphabet, the agentid, and a redirect_uri on the trusted domain (可信域名; else 50001).
 */
export async function authorizePage(ctx: SandboxContext, method: string, query: URLSearchParams, rawBody: string, directory: Directory | undefined): Promise<Reply> {
  const params = method === 'POST' ? new URLSearchParams(rawBody) : query;
  const checked = checkParams(ctx, params);
  if ('error' in checked) return errorPage(checked.error, checked.errcode);
  if (method === 'GET') return choosePage(ctx, params, await listPeople(ctx, directory));
  if (method !== 'POST') return { status: 405, text: 'method not allowed' };

  const userid = (params.get('userid') ?? '').trim();
  if (!USERID_RE.test(userid)) return errorPage('userid参数错误：请选择或输入企业成员的 userid', 40003);
  const identity = isMember(ctx.state, userid) ? { userid } : { openid: `o_${userid}` };
  const code = mintOauthCode(ctx, identity);
  const target = new URL(checked.redirectUri);
  target.searchParams.set('code', code);
  target.searchParams.set('state', checked.state);
  return { status: 302, headers: { location: target.toString() }, text: '' };
}

function checkParams(ctx: SandboxContext, params: URLSearchParams): AuthorizeParams | { error: string; errcode: number } {
  const appid = params.get('appid') ?? '';
  if (appid !== ctx.state.corpId) return { error: 'appid参数错误：不是本企业的 CorpID', errcode: 40013 };
  let redirectUri: URL;
  try {
    redirectUri = new URL(params.get('redirect_uri') ?? '');
  } catch {
    return { error: 'redirect_uri参数错误', errcode: 40058 };
  }
  if (redirectUri.protocol !== 'http:' && redirectUri.protocol !== 'https:') return { error: 'redirect_uri参数错误', errcode: 40058 };
  const trusted = ctx.state.trustedDomains;
  if (trusted && !trusted.includes(redirectUri.host)) return { error: `redirect_uri参数错误：${redirectUri.host} 不是应用的可信域名`, errcode: 50001 };
  if (params.get('response_type') !== 'code') return { error: 'response_type参数错误（应为 code）', errcode: 40058 };
  const scope = params.get('scope') ?? '';
  if (scope !== 'snsapi_base' && scope !== 'snsapi_privateinfo') return { error: 'scope参数错误', errcode: 40058 };
  const state = params.get('state') ?? '';
  if (!STATE_RE.test(state)) return { error: 'state参数错误（仅 a-zA-Z0-9，不超过128字节）', errcode: 40058 };
  const agentid = params.get('agentid') ?? '';
  if (scope === 'snsapi_privateinfo' && !agentid) return { error: 'snsapi_privateinfo 需要 agentid', errcode: 41011 };
  if (agentid && !ctx.state.apps.some((a) => a.agentId && String(a.agentId) === agentid)) return { error: 'agentid参数错误', errcode: 40056 };
  return { appid, redirectUri, scope, state, agentid };
}

/** The roster the stack passed in, plus the sandbox's own member list when it was given one. */
async function listPeople(ctx: SandboxContext, directory: Directory | undefined): Promise<DirectoryEntry[]> {
  const people = new Map<string, DirectoryEntry>();
  for (const p of (await directory?.()) ?? []) people.set(p.userid, p);
  for (const userid of ctx.state.members ?? []) if (!people.has(userid)) people.set(userid, { userid });
  return [...people.values()].sort((a, b) => a.userid.localeCompare(b.userid));
}

const escape = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function hiddenFields(params: URLSearchParams): string {
  const keep = ['appid', 'redirect_uri', 'response_type', 'scope', 'state', 'agentid'];
  return keep.map((k) => `<input type="hidden" name="${k}" value="${escape(params.get(k) ?? '')}">`).join('');
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escape(title)}</title>
<style>body{font:17px/1.6 system-ui,sans-serif;margin:0 auto;max-width:480px;padding:16px}button{font:inherit;min-height:48px;width:100%;margin:6px 0;border-radius:8px;border:1px solid #ccc;background:#fff}button.primary{background:#07c160;color:#fff;border:0}input[type=text]{font:inherit;width:100%;box-sizing:border-box;min-height:44px;padding:0 8px}.err{color:#fa5151}</style></head><body>${body}</body></html>`;
}

function choosePage(ctx: SandboxContext, params: URLSearchParams, people: DirectoryEntry[]): Reply {
  const action = escape(AUTHORIZE_PATH);
  const buttons = people.length
    ? people.map((p) => `<button type="submit" name="userid" value="${escape(p.userid)}" data-userid="${escape(p.userid)}">${escape(p.name ? `${p.name}（${p.userid}）` : p.userid)}</button>`).join('\n')
    : '<p>名册里还没有员工（<code>npm run cli -- staff import</code>）；也可以在下面输入任意 userid。</p>';
  const body = `<h1>企业微信登录（沙箱）</h1>
<p>企业 ${escape(ctx.state.corpId)} 的成员登录到 ${escape(new URL(params.get('redirect_uri') ?? '').host)}。在企业微信里这一步是静默的；沙箱里请选择你是谁。</p>
<form method="post" action="${action}" id="roster">${hiddenFields(params)}
${buttons}
</form>
<form method="post" action="${action}" id="typed">${hiddenFields(params)}
<label>其他 userid <input type="text" name="userid" autocomplete="off" required pattern="[A-Za-z0-9_.@\\-]{1,64}"></label>
<button type="submit" class="primary">以此 userid 登录</button>
</form>`;
  return { text: page('企业微信登录（沙箱）', body), contentType: 'text/html; charset=utf-8' };
}

/** WeCom shows its own error page instead of redirecting; so does the sandbox, with the errcode. */
function errorPage(message: string, errcode: number): Reply {
  const body = `<h1 class="err">出错了</h1><p class="err" id="error">${escape(message)}</p><p>errcode: <span id="errcode">${errcode}</span></p>`;
  return { status: 400, text: page('出错了', body), contentType: 'text/html; charset=utf-8' };
}
