import { newId, obj, str, type SandboxContext } from '../reply';

/** Entries where the client knows the customer of the current chat or profile (98419, 96918). */
const EXTERNAL_CONTACT_ENTRIES = new Set(['contact_profile', 'single_chat_tools', 'single_kf_tools']);
/** Entries with a chat to send into (98539: chat toolbars, chat attachment bar, 微信客服 toolbar). */
const CHAT_ENTRIES = new Set(['single_chat_tools', 'group_chat_tools', 'chat_attachment', 'single_kf_tools']);

export const JSSDK_ENTRIES = [
  'normal',
  'contact_profile',
  'single_chat_tools',
  'group_chat_tools',
  'chat_attachment',
  'single_kf_tools',
  'chain_single_chat_tools',
  'chain_group_chat_tools',
  'internal_group_chat_board',
] as const;

export interface JssdkAnswer {
  ok: boolean;
  /** The resolved (ok) or rejected value the page's promise gets, shaped like @wecom/jssdk's. */
  result: Record<string, unknown>;
}

const fail = (api: string, why: string): JssdkAnswer => ({ ok: false, result: { errMsg: `${api}:fail ${why}` } });

/**
 * The client-side JS-SDK calls the stand-in forwards once registration succeeded, answered from the
 * context set by POST /_sandbox/jssdk-context (entry `normal` by default: a textcard link or the 工作台).
 * sendChatMessage is recorded like a server send (`GET /_sandbox/sent?api=jssdk/sendChatMessage`).
 */
export function jssdkInvoke(ctx: SandboxContext, api: string, args: unknown): JssdkAnswer {
  const { jssdkContext: context } = ctx.state;
  switch (api) {
    case 'getContext':
      return { ok: true, result: { errMsg: 'getContext:ok', errCode: 0, entry: context.entry } };
    case 'getCurExternalContact':
      if (!EXTERNAL_CONTACT_ENTRIES.has(context.entry) || !context.externalUserId) return fail(api, 'without context of external contact');
      return { ok: true, result: { errMsg: 'getCurExternalContact:ok', errCode: 0, userId: context.externalUserId } };
    case 'sendChatMessage': {
      // The documented failures name no errMsg for a page outside a chat; the sandbox reuses the customer-context one.
      if (!CHAT_ENTRIES.has(context.entry)) return fail(api, 'without context of external contact');
      const message = obj(args);
      const msgtype = str(message?.msgtype);
      if (!message || !msgtype) return fail(api, 'invalid msgtype');
      if (msgtype === 'text' && !str(obj(message.text)?.content)) return fail(api, 'text.content is required');
      const { state } = ctx;
      state.sent.push({
        seq: ++state.seq,
        api: 'jssdk/sendChatMessage',
        atMs: ctx.nowMs(),
        touser: context.externalUserId ? [context.externalUserId] : [],
        msgid: newId('chat', 12),
        status: 'delivered',
        body: message,
      });
      return { ok: true, result: { errMsg: 'sendChatMessage:ok', errCode: 0 } };
    }
    default:
      return fail(api, 'not supported by the WeCom sandbox stand-in');
  }
}
