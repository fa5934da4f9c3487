import { systemClock } from '../../../ports/clock';
import type { JsapiTicketKind, RateLimitEvent, WecomApi } from '../../../ports/wecom-api';
import { Delivery } from './delivery';
import { resolveRetry, type WecomApiOptions } from './options';
import { GettokenResponse, TicketResponse, parseBody } from './responses';
import { storedTicket } from './ticket-cache';
import { storedTokenSource, tokenDocId } from './token-cache';
import { createTransport, type CallSpec, type TokenSource } from './transport';
import type { ApiContext } from './api-context';
import { contactApi } from './contact-api';
import { kfApi } from './kf-api';
import { messageApi } from './message-api';
import { staffAuthApi } from './staff-auth-api';

export type { WecomApiOptions } from './options';

const WECHAT_BASE_URL = 'https://api.weixin.qq.com';

/**
 * The WeCom (and WeChat mini-program) server API client: credentials — tokens per secret and the JS-SDK
 * tickets, cached in the store across instances — and one transport (pacing, retries by delivery
 * semantics, rate-limit events), shared by the API families: messages (message-api.ts), 客户联系
 * (contact-api.ts), 微信客服 (kf-api.ts) and staff sign-in (staff-auth-api.ts).
 */
export function createWecomApi(options: WecomApiOptions): WecomApi {
  const clock = options.clock ?? systemClock;
  const listeners = new Set<(event: RateLimitEvent) => void>();
  const call = createTransport({
    fetchImpl: options.fetchImpl ?? fetch,
    timeoutMs: options.timeoutMs ?? 5000,
    retry: resolveRetry(options),
    random: options.random ?? Math.random,
    ...(options.logger && { logger: options.logger }),
    emitRateLimit: (event) => {
      for (const listener of listeners) {
        try {
          listener(event);
        } catch {
          // A listener's failure must not change the outcome of the call.
        }
      }
    },
  });
  const tokenDeps = { store: options.store, clock, refreshMarginMs: options.tokenRefreshMarginMs ?? 5 * 60_000 };
  const wecom = (path: string) => ({ baseUrl: options.baseUrl, path: `/cgi-bin/${path}`, api: path });

  const wecomToken = (secret: string): TokenSource =>
    storedTokenSource(tokenDeps, tokenDocId(options.corpId, secret), async () => {
      const body = await call({
        ...wecom('gettoken'),
        method: 'GET',
        query: { corpid: options.corpId, corpsecret: secret },
        delivery: Delivery.idempotent,
      });
      const parsed = parseBody('gettoken', GettokenResponse, body);
      return { accessToken: parsed.access_token, expiresInS: parsed.expires_in };
    });

  const appAuth = wecomToken(options.secrets.app);
  const contactAuth = options.secrets.contact ? wecomToken(options.secrets.contact) : appAuth;
  const kfAuth = options.secrets.kf ? wecomToken(options.secrets.kf) : appAuth;

  const mp = options.miniProgram;
  const wechatBaseUrl = options.wechatBaseUrl ?? WECHAT_BASE_URL;
  const miniProgramAuth: TokenSource | undefined = mp
    ? storedTokenSource(tokenDeps, tokenDocId(mp.appId, mp.secret), async () => {
        const body = await call({
          baseUrl: wechatBaseUrl,
          path: '/cgi-bin/token',
          api: 'wechat/token',
          method: 'GET',
          query: { grant_type: 'client_credential', appid: mp.appId, secret: mp.secret },
          delivery: Delivery.idempotent,
        });
        const parsed = parseBody('wechat/token', GettokenResponse, body);
        return { accessToken: parsed.access_token, expiresInS: parsed.expires_in };
      })
    : undefined;

  // Both tickets come with the app's token (the app the pages sign in to) and are cached per app.
  const ticketOf = (kind: JsapiTicketKind, path: string, query: Record<string, string>) =>
    storedTicket(tokenDeps, tokenDocId(`${options.corpId}:jsapi:${kind}:${options.agentId}`, options.secrets.app), async () => {
      const body = await call({ ...wecom(path), method: 'GET', query, auth: appAuth, delivery: Delivery.idempotent });
      const parsed = parseBody(path, TicketResponse, body);
      return { ticket: parsed.ticket, expiresInS: parsed.expires_in };
    });
  const tickets: Record<JsapiTicketKind, () => Promise<string>> = {
    corp: ticketOf('corp', 'get_jsapi_ticket', {}),
    agent: ticketOf('agent', 'ticket/get', { type: 'agent_config' }),
  };

  const post = (path: string, auth: TokenSource, body: unknown, delivery: Delivery) =>
    call({ ...wecom(path), method: 'POST', body, auth, delivery } satisfies CallSpec);

  const ctx: ApiContext = {
    options,
    clock,
    call,
    wecom,
    post,
    auth: { app: appAuth, contact: contactAuth, kf: kfAuth, miniProgram: miniProgramAuth },
    wechatBaseUrl,
  };
  return {
    ...messageApi(ctx),
    ...contactApi(ctx),
    ...kfApi(ctx),
    ...staffAuthApi(ctx),
    jsapiTicket(kind) {
      return tickets[kind]();
    },

    onRateLimit(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
