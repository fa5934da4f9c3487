import type { Scope } from './config';
import { addContactWay, addGroupWelcomeTemplate } from './handlers/contact-way';
import { addMsgTemplate, getExternalContact, markTag, sendWelcomeMsg } from './handlers/contacts';
import { kfSendMsg, kfSyncMsg } from './handlers/kf';
import { messageSend } from './handlers/message';
import { getAgentTicket, getJsapiTicket } from './handlers/jsapi-ticket';
import { authGetUserInfo, subscribeSend } from './handlers/oauth-subscribe';
import { addCorpTag, getCorpTagList } from './handlers/tags';
import { gettoken, wechatToken } from './handlers/token';
import type { ApiRequest, Reply, SandboxContext } from './reply';

export interface Route {
  method: 'GET' | 'POST';
  /** 'none' for the token endpoints themselves. */
  auth: 'none' | 'wecom' | 'wechat';
  scope?: Scope;
  handle(ctx: SandboxContext, req: ApiRequest): Reply;
}

/** The real paths, under /cgi-bin/. WeCom and WeChat share the prefix; their tokens do not mix. */
export const ROUTES: Record<string, Route> = {
  '/cgi-bin/gettoken': { method: 'GET', auth: 'none', handle: (ctx, req) => gettoken(ctx, req.query) },
  '/cgi-bin/token': { method: 'GET', auth: 'none', handle: (ctx, req) => wechatToken(ctx, req.query) },
  '/cgi-bin/message/send': { method: 'POST', auth: 'wecom', scope: 'message', handle: messageSend },
  '/cgi-bin/externalcontact/send_welcome_msg': { method: 'POST', auth: 'wecom', scope: 'externalcontact', handle: sendWelcomeMsg },
  '/cgi-bin/externalcontact/get': { method: 'GET', auth: 'wecom', scope: 'externalcontact', handle: getExternalContact },
  '/cgi-bin/externalcontact/mark_tag': { method: 'POST', auth: 'wecom', scope: 'externalcontact', handle: markTag },
  '/cgi-bin/externalcontact/get_corp_tag_list': { method: 'POST', auth: 'wecom', scope: 'externalcontact', handle: getCorpTagList },
  '/cgi-bin/externalcontact/add_corp_tag': { method: 'POST', auth: 'wecom', scope: 'externalcontact', handle: addCorpTag },
  '/cgi-bin/externalcontact/add_msg_template': { method: 'POST', auth: 'wecom', scope: 'externalcontact', handle: addMsgTemplate },
  '/cgi-bin/externalcontact/add_contact_way': { method: 'POST', auth: 'wecom', scope: 'externalcontact', handle: addContactWay },
  '/cgi-bin/externalcontact/group_welcome_template/add': {
    method: 'POST',
    auth: 'wecom',
    scope: 'externalcontact',
    handle: addGroupWelcomeTemplate,
  },
  '/cgi-bin/kf/sync_msg': { method: 'POST', auth: 'wecom', scope: 'kf', handle: kfSyncMsg },
  '/cgi-bin/kf/send_msg': { method: 'POST', auth: 'wecom', scope: 'kf', handle: kfSendMsg },
  '/cgi-bin/auth/getuserinfo': { method: 'GET', auth: 'wecom', scope: 'oauth', handle: authGetUserInfo },
  '/cgi-bin/get_jsapi_ticket': { method: 'GET', auth: 'wecom', handle: getJsapiTicket },
  '/cgi-bin/ticket/get': { method: 'GET', auth: 'wecom', handle: getAgentTicket },
  '/cgi-bin/message/subscribe/send': { method: 'POST', auth: 'wechat', handle: subscribeSend },
};
