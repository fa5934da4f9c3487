import { createServer, request, type Agent } from 'node:http';
import { Agent as HttpAgent } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startLocalStack } from '../dev/local-stack';
import { buildCallbackRequest, callbackUrl, changeExternalContactXml } from '../dev/wecom-sandbox/callback-builder';
import { createCallbackCrypto, verifyCallback } from '../shared/adapters/wecom/callback';
import { percentile, round } from './stats';

const REQUESTS = 2000;
const CONCURRENCY = 8;

interface Prepared {
  path: string;
  body: string;
}

function post(agent: Agent, base: URL, req: Prepared): Promise<number> {
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const r = request(
      { agent, host: base.hostname, port: base.port, method: 'POST', path: req.path, headers: { 'content-type': 'text/xml', 'content-length': Buffer.byteLength(req.body) } },
      (res) => {
        res.resume();
        res.on('end', () => (res.statusCode === 200 ? resolve(Number(process.hrtime.bigint() - started) / 1e6) : reject(new Error(`status ${res.statusCode}`))));
      },
    );
    r.on('error', reject);
    r.end(req.body);
  });
}

/** Runs all requests with CONCURRENCY clients; returns per-request latencies and throughput. */
async function drive(baseUrl: string, requests: Prepared[], concurrency = CONCURRENCY): Promise<{ latencies: number[]; rps: number }> {
  const base = new URL(baseUrl);
  const agent = new HttpAgent({ keepAlive: true, maxSockets: concurrency });
  const latencies: number[] = [];
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < requests.length) {
        const req = requests[next++] as Prepared;
        latencies.push(await post(agent, base, req));
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  agent.destroy();
  return { latencies, rps: requests.length / seconds };
}

async function alternate(fullUrl: string, floorUrl: string, a: Prepared[], b: Prepared[]): Promise<{ full: { latencies: number[] }; base: { latencies: number[] } }> {
  const agent = new HttpAgent({ keepAlive: true, maxSockets: 2 });
  const full: number[] = [];
  const base: number[] = [];
  for (let i = 0; i < a.length; i += 1) {
    full.push(await post(agent, new URL(fullUrl), a[i] as Prepared));
    base.push(await post(agent, new URL(floorUrl), b[i] as Prepared));
  }
  agent.destroy();
  return { full: { latencies: full }, base: { latencies: base } };
}

/**
 * The WeCom callback path through the local gateway (verify, decrypt, inbox, dedup, handler),
 * against a floor: the same requests served over the same loopback HTTP by a server that only
 * verifies and decrypts. Each request is a distinct event (distinct dedup key).
 */
export async function runCallbackBench(): Promise<{ p50Ms: number; p99Ms: number; rps: number; floorP99Ms: number; ratio: number; floorRps: number; concurrency: number }> {
  const stack = await startLocalStack({ env: { LOG_LEVEL: 'error' } });
  try {
    const keys = { token: stack.config.WECOM_CALLBACK_TOKEN, encodingAesKey: stack.config.WECOM_CALLBACK_AES_KEY, corpId: stack.config.WECOM_CORP_ID };
    const nowS = Math.floor(Date.now() / 1000);
    const make = (i: number): Prepared => {
      // An edit event: the full pipeline runs (inbox, dedup, dispatch) without sending messages.
      const xml = changeExternalContactXml({ corpId: keys.corpId, changeType: 'edit_external_contact', userId: 'bench-staff', externalUserId: `wmBench${i}`, createTimeS: nowS });
      const built = buildCallbackRequest({ ...keys, xml, timestampS: nowS });
      return { path: callbackUrl('/wecom/welcome', built.query), body: built.body };
    };
    const warmup = Array.from({ length: 200 }, (_, i) => make(-1 - i));
    const batch = (from: number) => Array.from({ length: REQUESTS }, (_, i) => make(from + i));

    const crypto = createCallbackCrypto({ token: keys.token, encodingAesKey: keys.encodingAesKey, receiveId: keys.corpId });
    const floor = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://floor');
        verifyCallback({ method: 'POST', query: Object.fromEntries(url.searchParams), body: Buffer.concat(chunks).toString('utf8') }, { crypto, maxSkewS: 300, nowMs: Date.now() });
        res.writeHead(200);
        res.end('');
      });
    });
    await new Promise<void>((r) => floor.listen(0, '127.0.0.1', r));
    const floorUrl = `http://127.0.0.1:${(floor.address() as AddressInfo).port}`;

    await drive(stack.url, warmup);
    await drive(floorUrl, warmup.slice(0, 100));
    // Latency: one request at a time (queueing behind our own load is not latency), alternating
    // between the two servers so GC pauses and machine noise fall on both alike.
    const { full, base } = await alternate(stack.url, floorUrl, batch(0), batch(REQUESTS));
    // Throughput: CONCURRENCY clients at once.
    const fullLoad = await drive(stack.url, batch(2 * REQUESTS));
    const baseLoad = await drive(floorUrl, batch(3 * REQUESTS));
    floor.close();
    const p99 = percentile(full.latencies, 99);
    const floorP99 = percentile(base.latencies, 99);
    return {
      p50Ms: round(percentile(full.latencies, 50)),
      p99Ms: round(p99),
      rps: round(fullLoad.rps, 0),
      floorP99Ms: round(floorP99),
      ratio: round(p99 / floorP99),
      floorRps: round(baseLoad.rps, 0),
      concurrency: CONCURRENCY,
    };
  } finally {
    await stack.close();
  }
}
