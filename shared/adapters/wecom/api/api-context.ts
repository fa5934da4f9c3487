import type { WecomApiOptions } from './options';
import type { CallSpec, TokenSource } from './transport';
import type { Clock } from '../../../ports/clock';

/**
 * What every API family of the client shares (client.ts builds it once): the transport, the path
 * helper, and the credentials each family calls with. The families are split by WeCom's own grouping
 * so each file reads as one part of docs/reference/wecom-protocol.md §4.
 */
export interface ApiContext {
  options: WecomApiOptions;
  clock: Clock;
  call: (spec: CallSpec) => Promise<Record<string, unknown>>;
  /** `/cgi-bin/<path>` on the WeCom base, named by its path for pacing and errors. */
  wecom: (path: string) => Pick<CallSpec, 'baseUrl' | 'path' | 'api'>;
  post: (path: string, auth: TokenSource, body: unknown, delivery: CallSpec['delivery']) => Promise<Record<string, unknown>>;
  auth: { app: TokenSource; contact: TokenSource; kf: TokenSource; miniProgram: TokenSource | undefined };
  wechatBaseUrl: string;
}

export const stringArray = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
