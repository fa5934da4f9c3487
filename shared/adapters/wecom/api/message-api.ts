import { AppError } from '../../../errors';
import type { AppMessage, WecomApi } from '../../../ports/wecom-api';
import { Delivery } from './delivery';
import { AppMessageResponse, parseBody } from './responses';
import type { ApiContext } from './api-context';

/** Messages: app messages to staff (message/send) and mini-program subscribe messages to members (WeChat). */
export function messageApi(ctx: ApiContext): Pick<WecomApi, 'sendAppMessage' | 'sendSubscribeMessage'> {
  return {
    async sendAppMessage(message) {
      const body = await ctx.post('message/send', ctx.auth.app, appMessageWire(message, ctx.options.agentId), message.dedupeWindowS ? Delivery.idempotent : Delivery.atMostOnce);
      return parseBody('message/send', AppMessageResponse, body);
    },

    async sendSubscribeMessage({ touser, templateId, page, data, miniprogramState }) {
      if (!ctx.auth.miniProgram) throw new AppError('wecom_not_configured', 'mini-program appId/secret are not configured', 500);
      await ctx.call({
        baseUrl: ctx.wechatBaseUrl,
        path: '/cgi-bin/message/subscribe/send',
        api: 'wechat/subscribe/send',
        method: 'POST',
        auth: ctx.auth.miniProgram,
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
