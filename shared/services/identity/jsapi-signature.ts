import { createHash } from 'node:crypto';

/**
 * JS-SDK signature (developer.work.weixin.qq.com/document/path/96909): SHA-1 hex over
 * `jsapi_ticket=…&noncestr=…&timestamp=…&url=…` in exactly this order, nothing URL-encoded, `timestamp`
 * in seconds and `url` the page address without its `#…` part. The client recomputes it over its own
 * `location.href`, so the url is signed as given, never normalised.
 */
export function jsapiSignature(input: { ticket: string; nonceStr: string; timestamp: number; url: string }): string {
  const url = input.url.split('#')[0] ?? '';
  return createHash('sha1').update(`jsapi_ticket=${input.ticket}&noncestr=${input.nonceStr}&timestamp=${input.timestamp}&url=${url}`).digest('hex');
}
