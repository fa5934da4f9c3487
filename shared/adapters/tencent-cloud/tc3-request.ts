import { createHash, createHmac } from 'node:crypto';

export interface TcCredential {
  secretId: string;
  secretKey: string;
  token?: string;
}

export interface TcCall {
  /** e.g. 'tcb' (host tcb.tencentcloudapi.com). */
  service: string;
  version: string;
  action: string;
  region: string;
  params: Record<string, unknown>;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const hmac = (key: string | Buffer, s: string) => createHmac('sha256', key).update(s).digest();

/**
 * One Tencent Cloud API 3.0 call signed with TC3-HMAC-SHA256 (the scheme every tencentcloud-sdk
 * client uses), for the odd call whose SDK is not in the layer. Rejects with the API's error code.
 */
export async function tc3Request(call: TcCall, credential: TcCredential, fetchImpl: typeof fetch = fetch, nowMs = Date.now()): Promise<Record<string, unknown>> {
  const host = `${call.service}.tencentcloudapi.com`;
  const payload = JSON.stringify(call.params);
  const timestamp = Math.floor(nowMs / 1000);
  const date = new Date(timestamp * 1000).toISOString().slice(0, 10);
  const contentType = 'application/json; charset=utf-8';
  const canonical = ['POST', '/', '', `content-type:${contentType}\nhost:${host}\n`, 'content-type;host', sha256(payload)].join('\n');
  const scope = `${date}/${call.service}/tc3_request`;
  const toSign = ['TC3-HMAC-SHA256', String(timestamp), scope, sha256(canonical)].join('\n');
  const key = hmac(hmac(hmac(`TC3${credential.secretKey}`, date), call.service), 'tc3_request');
  const signature = createHmac('sha256', key).update(toSign).digest('hex');
  const res = await fetchImpl(`https://${host}/`, {
    method: 'POST',
    headers: {
      Authorization: `TC3-HMAC-SHA256 Credential=${credential.secretId}/${scope}, SignedHeaders=content-type;host, Signature=${signature}`,
      'Content-Type': contentType,
      Host: host,
      'X-TC-Action': call.action,
      'X-TC-Timestamp': String(timestamp),
      'X-TC-Version': call.version,
      'X-TC-Region': call.region,
      ...(credential.token ? { 'X-TC-Token': credential.token } : {}),
    },
    body: payload,
    signal: AbortSignal.timeout(5000),
  });
  const body = (await res.json()) as { Response?: Record<string, unknown> & { Error?: { Code?: string; Message?: string } } };
  const response = body.Response ?? {};
  if (response.Error) throw new Error(`${call.action}: ${response.Error.Code ?? 'error'}`);
  return response;
}
