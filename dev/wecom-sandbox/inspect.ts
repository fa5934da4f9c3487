import type { z } from 'zod';
import type { AdminInput } from './admin';
import type { SandboxLimits } from './config';
import type { CallRecord, SentRecord } from './state';

type In<K extends keyof typeof AdminInput> = z.input<(typeof AdminInput)[K]>;

/** Typed calls to the sandbox's /_sandbox/ endpoints, for tests, the demo and other processes. */
export class SandboxClient {
  constructor(readonly url: string) {}

  /** Everything the sandbox accepted for delivery, optionally by api ('message/send', …) and recipient. */
  async sent(filter: { api?: string; touser?: string } = {}): Promise<SentRecord[]> {
    const query = new URLSearchParams(Object.entries(filter).filter((e): e is [string, string] => e[1] !== undefined));
    return (await this.get<{ sent: SentRecord[] }>(`/_sandbox/sent?${query}`)).sent;
  }

  /** Every request to a /cgi-bin/ path (e.g. 'gettoken' or '/cgi-bin/message/send'), failed ones included. */
  async calls(path?: string): Promise<CallRecord[]> {
    return (await this.get<{ calls: CallRecord[] }>(`/_sandbox/calls${path ? `?path=${encodeURIComponent(path)}` : ''}`)).calls;
  }

  /** A member added a customer: creates the relation and a welcome code valid 20 s, usable once. */
  mintWelcomeCode(input: In<'welcomeCode'>) {
    return this.post<{ welcomeCode: string; externalUserId: string; userid: string; state?: string }>('/_sandbox/welcome-codes', input);
  }

  addExternalContact(input: In<'externalContact'>) {
    return this.post<{ externalUserId: string }>('/_sandbox/external-contacts', input);
  }

  /** A customer writes to a kf account; `token` is what the kf_msg_or_event callback would carry. */
  kfCustomerMessage(input: In<'kfMessage'>) {
    return this.post<{ token: string; msgid: string; openKfId: string }>('/_sandbox/kf/messages', input);
  }

  /** `{userid}` for a member, `{openid, externalUserId?}` for anyone else. */
  mintOauthCode(input: In<'oauthCode'>) {
    return this.post<{ code: string }>('/_sandbox/oauth-codes', input);
  }

  /** The user accepted `count` one-time subscriptions of a template in the mini-program. */
  addSubscription(input: In<'subscription'>) {
    return this.post<{ remaining: number }>('/_sandbox/subscriptions', input);
  }

  /** The next `count` calls to `path` answer HTTP 500, an errcode (default -1), or answer late (but take effect). */
  injectFault(input: In<'fault'>) {
    return this.post<{ armed: number }>('/_sandbox/faults', input);
  }

  /** 'expired' → later uses answer 42001; 'invalid' → 40014 (WeChat 40001). */
  invalidateTokens(mode: 'expired' | 'invalid' = 'expired') {
    return this.post<{ invalidated: number }>('/_sandbox/tokens/invalidate', { mode });
  }

  advanceClock(ms: number) {
    return this.post<{ nowMs: number }>('/_sandbox/clock/advance', { ms });
  }

  setLimits(patch: Partial<SandboxLimits>) {
    return this.post<{ limits: SandboxLimits }>('/_sandbox/limits', patch);
  }

  /** Where the JS-SDK stand-in's page was opened: `entry` (default 'normal') and the chat's customer. */
  setJssdkContext(input: In<'jssdkContext'>) {
    return this.post<{ entry: string; externalUserId?: string }>('/_sandbox/jssdk-context', input);
  }

  /** What wx.config (kind 'corp') or wx.agentConfig ('agent') would say of a page signature. */
  verifyJssdkSignature(input: In<'jssdkSignature'>) {
    return this.post<{ valid: boolean; errMsg: string }>('/_sandbox/jssdk-verify', input);
  }

  /** Hosts an OAuth redirect_uri may name (null = any). */
  setTrustedDomains(domains: string[] | null) {
    return this.post<{ domains: string[] | null }>('/_sandbox/trusted-domains', { domains });
  }

  reset() {
    return this.post<{ ok: true }>('/_sandbox/reset', {});
  }

  private async get<T>(path: string): Promise<T> {
    return this.parse<T>(await fetch(new URL(path, this.url)));
  }

  private async post<T>(path: string, body: unknown): Promise<T> {
    return this.parse<T>(await fetch(new URL(path, this.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }));
  }

  private async parse<T>(res: Response): Promise<T> {
    const body = (await res.json()) as T & { error?: string };
    if (!res.ok) throw new Error(`sandbox ${res.status}: ${body.error ?? 'error'}`);
    return body;
  }
}
