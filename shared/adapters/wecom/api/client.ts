import { AppError } from '../../../errors';
import { systemClock } from '../../../ports/clock';
import type {
  AppMessage,
  JsapiTicketKind,
  KfMessage,
  OauthIdentity,
  RateLimitEvent,
  WecomApi,
} from '../../../ports/wecom-api';
import { Delivery } from './delivery';
import { kfCursor } from './kf-cursor';
import { resolveRetry, type WecomApiOptions } from './options';
import {
  AddCorpTagResponse,
  AppMessageResponse,
  ExternalContactResponse,
  GettokenResponse,
  KfSyncResponse,
  OauthResponse,
  TagListResponse,
  TicketResponse,
  attachmentToWire,
  parseBody,
} from './responses';
import { storedTicket } from './ticket-cache';
import { storedTokenSource, tokenDocId } from './token-cache';
import { createTransport, type CallSpec, type TokenSource } from './transport';

export type { WecomApiOptions } from './options';

const WECHAT_BASE_URL = 'https://api.weixin.qq.com';
/** sync_msg pages; a runaway has_more must not loop forever inside one invocation. */
const MAX_KF_PAGES = 50;

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

  return {
    async sendAppMessage(message) {
      const body = await post('message/send', appAuth, appMessageWire(message, options.agentId), message.dedupeWindowS ? Delivery.idempotent : Delivery.atMostOnce);
      return parseBody('message/send', AppMessageResponse, body);
    },

    async sendWelcomeMsg({ welcomeCode, text, attachments }) {
      await post(
        'externalcontact/send_welcome_msg',
        contactAuth,
        {
          welcome_code: welcomeCode,
          ...(text !== undefined && { text: { content: text } }),
          ...(attachments?.length && { attachments: attachments.map(attachmentToWire) }),
        },
        Delivery.singleUse,
      );
    },

    async getExternalContact(externalUserId) {
      const body = await call({
        ...wecom('externalcontact/get'),
        method: 'GET',
        query: { external_userid: externalUserId },
        auth: contactAuth,
        delivery: Delivery.idempotent,
      });
      return parseBody('externalcontact/get', ExternalContactResponse, body);
    },

    async markTag({ userid, externalUserId, addTag, removeTag }) {
      await post(
        'externalcontact/mark_tag',
        contactAuth,
        { userid, external_userid: externalUserId, ...(addTag?.length && { add_tag: addTag }), ...(removeTag?.length && { remove_tag: removeTag }) },
        Delivery.idempotent,
      );
    },

    async addMsgTemplate({ sender, chatType = 'single', externalUserIds, text, attachments }) {
      const body = await post(
        'externalcontact/add_msg_template',
        contactAuth,
        {
          chat_type: chatType,
          sender,
          ...(chatType === 'single' && { external_userid: externalUserIds }),
          text: { content: text },
          ...(attachments?.length && { attachments: attachments.map(attachmentToWire) }),
        },
        Delivery.atMostOnce,
      );
      return { msgid: String(body.msgid ?? ''), failList: stringArray(body.fail_list) };
    },

    async addContactWay({ type, scene, state, user, remark, skipVerify }) {
      const body = await post(
        'externalcontact/add_contact_way',
        contactAuth,
        { type, scene, state, user, ...(remark !== undefined && { remark }), ...(skipVerify !== undefined && { skip_verify: skipVerify }) },
        Delivery.atMostOnce,
      );
      return { configId: String(body.config_id ?? ''), ...(typeof body.qr_code === 'string' && { qrCode: body.qr_code }) };
    },

    async addGroupWelcomeTemplate({ text, notify }) {
      const body = await post(
        'externalcontact/group_welcome_template/add',
        contactAuth,
        { text: { content: text }, agentid: options.agentId, ...(notify !== undefined && { notify: notify ? 1 : 0 }) },
        Delivery.atMostOnce,
      );
      return { templateId: String(body.template_id ?? '') };
    },

    async getTagList(filter) {
      const body = await post(
        'externalcontact/get_corp_tag_list',
        contactAuth,
        { ...(filter?.tagIds?.length && { tag_id: filter.tagIds }), ...(filter?.groupIds?.length && { group_id: filter.groupIds }) },
        Delivery.idempotent,
      );
      return parseBody('externalcontact/get_corp_tag_list', TagListResponse, body);
    },

    async addCorpTag({ groupId, groupName, order, tags }) {
      const body = await post(
        'externalcontact/add_corp_tag',
        contactAuth,
        {
          ...(groupId !== undefined && { group_id: groupId }),
          ...(groupName !== undefined && { group_name: groupName }),
          ...(order !== undefined && { order }),
          tag: tags,
        },
        Delivery.atMostOnce,
      );
      return parseBody('externalcontact/add_corp_tag', AddCorpTagResponse, body);
    },

    async kfSyncMsg({ token, openKfId, limit, onBatch }) {
      const cursor = kfCursor(options.store, openKfId);
      let stored = await cursor.read();
      let current = stored;
      let ownsCursor = true;
      const all: KfMessage[] = [];
      for (let page = 0; page < MAX_KF_PAGES; page++) {
        const body = await post(
          'kf/sync_msg',
          kfAuth,
          { open_kfid: openKfId, limit: limit ?? 1000, ...(current && { cursor: current }), ...(token && { token }) },
          Delivery.idempotent,
        );
        const res = parseBody('kf/sync_msg', KfSyncResponse, body);
        if (onBatch && res.msg_list.length) await onBatch(res.msg_list);
        all.push(...res.msg_list);
        if (res.next_cursor && res.next_cursor !== current) {
          current = res.next_cursor;
          if (ownsCursor) {
            ownsCursor = await cursor.advance(stored, current, clock.nowMs());
            stored = current;
          }
        }
        if (res.has_more !== 1) break;
      }
      return all;
    },

    async kfSendMsg({ touser, openKfId, msgtype, text }) {
      const body = await post('kf/send_msg', kfAuth, { touser, open_kfid: openKfId, msgtype, text }, Delivery.atMostOnce);
      return { msgid: String(body.msgid ?? '') };
    },

    async oauthGetUserInfo(code): Promise<OauthIdentity> {
      // The code is single-use, but a repeat has no side effect (it can only fail with 40029): idempotent.
      const body = await call({ ...wecom('auth/getuserinfo'), method: 'GET', query: { code }, auth: appAuth, delivery: Delivery.idempotent });
      const r = parseBody('auth/getuserinfo', OauthResponse, body);
      if (r.userid !== undefined) return { kind: 'member', userid: r.userid, ...(r.user_ticket !== undefined && { userTicket: r.user_ticket }) };
      return { kind: 'non_member', openid: r.openid ?? '', ...(r.external_userid !== undefined && { externalUserId: r.external_userid }) };
    },

    jsapiTicket(kind) {
      return tickets[kind]();
    },

    async sendSubscribeMessage({ touser, templateId, page, data, miniprogramState }) {
      if (!miniProgramAuth) throw new AppError('wecom_not_configured', 'mini-program appId/secret are not configured', 500);
      await call({
        baseUrl: wechatBaseUrl,
        path: '/cgi-bin/message/subscribe/send',
        api: 'wechat/subscribe/send',
        method: 'POST',
        auth: miniProgramAuth,
        delivery: Delivery.atMostOnce,
        body: {
          touser,
          template_id: templateId,
          ...(page !== undefined && { page }),
          ...(miniprogramState !== undefined && { miniprogram_state: miniprogramState }),
          lang: 'zh_CN',
          data: Object.fromEntries(Object.entries(data).map(([k, value]) => [k, { value }])),
        },
      });
    },

    onRateLimit(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

function appMessageWire(m: AppMessage, agentId: number): Record<string, unknown> {
  const join = (v: string | string[] | undefined) => (Array.isArray(v) ? v.join('|') : v);
  const content =
    m.msgtype === 'text' ? { text: m.text } : m.msgtype === 'textcard' ? { textcard: m.textcard } : { markdown: m.markdown };
  return {
    ...(m.touser !== undefined && { touser: join(m.touser) }),
    ...(m.toparty !== undefined && { toparty: join(m.toparty) }),
    ...(m.totag !== undefined && { totag: join(m.totag) }),
    msgtype: m.msgtype,
    agentid: agentId,
    ...content,
    ...(m.safe && { safe: 1 }),
    ...(m.dedupeWindowS && { enable_duplicate_check: 1, duplicate_check_interval: m.dedupeWindowS }),
  };
}

const stringArray = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
