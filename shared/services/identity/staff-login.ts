import { randomInt } from 'node:crypto';
import * as z from 'zod';
import { requireOurOrigin } from './our-origin';

export const StaffLoginQuerySchema = z.strictObject({ redirect: z.string().min(1).max(2048) });

const STATE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const STATE_LENGTH = 32;

export interface StaffLoginConfig {
  PUBLIC_BASE_URL: string;
  WECOM_OAUTH_BASE: string;
  WECOM_CORP_ID: string;
  WECOM_AGENT_ID: number;
}

/**
 * Where a staff page sends the browser to sign in (网页授权, snsapi_base: silent inside WeCom) and the
 * `state` it must find again on return. The server keeps nothing: the page holds `state` in
 * sessionStorage, so a code arriving with another state (a forged or replayed link) is not exchanged.
 * WeCom allows only a-zA-Z0-9 in state, ≤ 128 bytes.
 */
export function staffLoginUrl(config: StaffLoginConfig, redirect: string): { authorizeUrl: string; state: string } {
  requireOurOrigin('redirect', redirect, config.PUBLIC_BASE_URL);
  const state = Array.from({ length: STATE_LENGTH }, () => STATE_ALPHABET[randomInt(STATE_ALPHABET.length)]).join('');
  // The order and the trailing #wechat_redirect are WeCom's documented form (91022); redirect_uri must be encoded or its query is lost.
  const query = [
    `appid=${encodeURIComponent(config.WECOM_CORP_ID)}`,
    `redirect_uri=${encodeURIComponent(redirect)}`,
    'response_type=code',
    'scope=snsapi_base',
    `state=${state}`,
    `agentid=${config.WECOM_AGENT_ID}`,
  ].join('&');
  const authorizeUrl = `${config.WECOM_OAUTH_BASE.replace(/\/+$/, '')}/connect/oauth2/authorize?${query}#wechat_redirect`;
  return { authorizeUrl, state };
}
