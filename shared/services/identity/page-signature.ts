import { randomInt } from 'node:crypto';
import * as z from 'zod';
import { jsapiSignature } from './jsapi-signature';
import type { Clock } from '../../ports/clock';
import type { JsapiTicketKind, WecomApi } from '../../ports/wecom-api';
import { requireOurOrigin } from './our-origin';

export const PageSignatureRequestSchema = z.strictObject({ url: z.string().min(1).max(2048) });

export interface PageSignatureDeps {
  wecom: WecomApi;
  clock: Clock;
  config: { PUBLIC_BASE_URL: string; WECOM_CORP_ID: string; WECOM_AGENT_ID: number };
}

export interface SignedConfig {
  timestamp: number;
  nonceStr: string;
  signature: string;
}

export interface PageSignature {
  corpId: string;
  agentId: number;
  /** For wx.config / ww.register's getConfigSignature: signed with the corp ticket. */
  corp: SignedConfig;
  /** For wx.agentConfig / getAgentConfigSignature: signed with the app (agent_config) ticket. */
  agent: SignedConfig;
}

const NONCE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const nonce = () => Array.from({ length: 16 }, () => NONCE_ALPHABET[randomInt(NONCE_ALPHABET.length)]).join('');

/**
 * Both JS-SDK signatures a staff page needs to register with corp and app identity (the sidebar
 * APIs getCurExternalContact and sendChatMessage require the latter). Only pages on our origin are
 * signed; the tickets themselves never leave the server.
 */
export async function signPage(deps: PageSignatureDeps, url: string): Promise<PageSignature> {
  requireOurOrigin('url', url, deps.config.PUBLIC_BASE_URL);
  const page = url.split('#')[0] ?? url;
  const timestamp = Math.floor(deps.clock.nowMs() / 1000);
  const sign = async (kind: JsapiTicketKind): Promise<SignedConfig> => {
    const nonceStr = nonce();
    return { timestamp, nonceStr, signature: jsapiSignature({ ticket: await deps.wecom.jsapiTicket(kind), nonceStr, timestamp, url: page }) };
  };
  const [corp, agent] = await Promise.all([sign('corp'), sign('agent')]);
  return { corpId: deps.config.WECOM_CORP_ID, agentId: deps.config.WECOM_AGENT_ID, corp, agent };
}
