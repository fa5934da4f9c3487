/**
 * The three WeCom client calls the workbench makes, behind one door: getContext (where the page was
 * opened), getCurExternalContact (the customer of the current chat) and sendChatMessage (put text
 * into that chat). Inside WeCom this is @wecom/jssdk, registered with app identity (the customer APIs
 * require agentConfig: wecom-sidebar.md §2) and signatures from POST /api/auth/jsapi-signature. The
 * local stack injects `window.__wecomStandIn`, shaped like the SDK's module, which forwards to the
 * sandbox. The SDK is loaded only when a page asks for one of these calls.
 */
import { api } from './api';

export interface WecomClient {
  getContext(): Promise<{ entry: string }>;
  getCurExternalContact(): Promise<{ userId: string }>;
  sendChatMessage(text: string): Promise<void>;
}

interface Signature {
  timestamp: number;
  nonceStr: string;
  signature: string;
}

interface PageSignatures {
  corpId: string;
  agentId: string | number;
  corp: Signature;
  agent: Signature;
}

/** The subset of @wecom/jssdk's module this page uses (the stand-in offers the same). */
interface WwModule {
  register(options: {
    corpId: string;
    agentId?: string | number;
    jsApiList: string[];
    getConfigSignature: (url: string) => Promise<Signature>;
    getAgentConfigSignature?: (url: string) => Promise<Signature>;
  }): void;
  getContext(): Promise<{ entry: string }>;
  getCurExternalContact(): Promise<{ userId: string }>;
  sendChatMessage(params: { msgtype: 'text'; text: { content: string } }): Promise<unknown>;
}

declare global {
  interface Window {
    __wecomStandIn?: WwModule;
  }
}

export const JS_API_LIST = ['getContext', 'getCurExternalContact', 'sendChatMessage'];

/** An SDK failure (`{errMsg: 'getCurExternalContact:fail …'}`) as an Error with that message. */
export class WecomCallError extends Error {}

const asError = (err: unknown): Error => {
  if (err instanceof Error) return err;
  const msg = (err as { errMsg?: string } | undefined)?.errMsg;
  return new WecomCallError(msg ?? 'WeCom JS-SDK call failed');
};

let client: Promise<WecomClient> | undefined;

export function wecom(): Promise<WecomClient> {
  client ??= connect();
  return client;
}

async function connect(): Promise<WecomClient> {
  const ww: WwModule = window.__wecomStandIn ?? ((await import('@wecom/jssdk')) as unknown as WwModule);
  // One signing call gives both signatures for a URL; the SDK asks for each separately.
  const signed = new Map<string, Promise<PageSignatures>>();
  const sign = (url: string): Promise<PageSignatures> => {
    const key = url.split('#')[0] as string;
    let p = signed.get(key);
    if (!p) {
      p = api.post<PageSignatures>('/api/auth/jsapi-signature', { url: key });
      p.catch(() => signed.delete(key));
      signed.set(key, p);
    }
    return p;
  };
  const first = await sign(location.href);
  ww.register({
    corpId: first.corpId,
    agentId: first.agentId,
    jsApiList: JS_API_LIST,
    getConfigSignature: async (url) => (await sign(url)).corp,
    getAgentConfigSignature: async (url) => (await sign(url)).agent,
  });
  const call = async <T>(f: () => Promise<T>): Promise<T> => {
    try {
      return await f();
    } catch (err) {
      throw asError(err);
    }
  };
  return {
    getContext: () => call(() => ww.getContext()),
    getCurExternalContact: () => call(() => ww.getCurExternalContact()),
    sendChatMessage: async (text) => {
      await call(() => ww.sendChatMessage({ msgtype: 'text', text: { content: text } }));
    },
  };
}
