import { createServer, request, type Agent } from 'node:http';
import { Agent as HttpAgent } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startLocalStack } from '../dev/local-stack';
import { buildCallbackRequest, callbackUrl, changeExternalContactXml } from '../dev/wecom-sandbox/callback-builder';
import { createCallbackCrypto, verifyCallback } from '../shared/adapters/wecom/callback';
import { checkFigures } from './section-failure';
import { percentile, round } from './stats';
import { checkTargets } from './targets';

const REQUESTS = 2000;
const CONCURRENCY = 8;
/**
 * Requests each server answers before anything is measured. The full path runs far more code than the
 * floor (gateway, trigger, inbox, store, handler) and V8 takes longer to optimise it: with 300, the
 * first measured turns still ran part of it unoptimised and the ratio at 16 read 0.49–0.50 where the
 * same code warmed with 2,000 read 0.54–0.58 (measured 2026-12-07, both in one sitting). A function
 * instance answers thousands of callbacks between cold starts, so warm code is what throughput means;
 * the cold start is measured on its own (bench/functions.ts).
 */
const WARMUP_REQUESTS = 2000;

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

/**
 * Runs all requests with CONCURRENCY clients; returns per-request latencies, throughput and the
 * process's CPU time per request (client and server share the process, as they do for the floor).
 */
async function drive(baseUrl: string, requests: Prepared[], concurrency = CONCURRENCY): Promise<{ latencies: number[]; rps: number; cpuUs: number }> {
  const base = new URL(baseUrl);
  const agent = new HttpAgent({ keepAlive: true, maxSockets: concurrency });
  const latencies: number[] = [];
  let next = 0;
  const cpuAtStart = process.cpuUsage();
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
  const cpu = process.cpuUsage(cpuAtStart);
  agent.destroy();
  return { latencies, rps: requests.length / seconds, cpuUs: cpu.user + cpu.system };
}

const LEVELS = [1, 16, 64] as const;
/**
 * Issue #16's target: throughput at concurrency 16 at least this share of the floor's. 0.60–0.65 in three runs on
 * 2026-12-07 once the embedded store kept TTL indexes out of its trees and the gateway split plain paths without a URL
 * (0.56–0.58 before, same sitting)…
 */
const MIN_RPS_RATIO_AT_16 = 0.6;
/**
 * …below this the run fails: 0.47–0.57 measured once replay-safe events took one inbox write and the
 * trigger check lost zod (0.26–0.41 before), on a machine shared with other work.
 */
const RPS_RATIO_AT_16_FLOOR = 0.4;
/** …and p99 at concurrency 64 at most this multiple of the floor's. */
const MAX_P99_RATIO_AT_64 = 3;

interface LevelFigures {
  concurrency: number;
  rps: number;
  floorRps: number;
  rpsRatio: number;
  p99Ms: number;
  floorP99Ms: number;
  p99Ratio: number;
  /**
   * The floor's CPU time per request ÷ the full path's: what the throughput ratio would be on a
   * machine with nothing else running. Reported only, beside rpsRatio, which a shared machine's
   * load moves by ±0.1 from run to run.
   */
  cpuRatio: number;
}

/**
 * The WeCom callback path through the local gateway (verify, decrypt, inbox, dedup, handler),
 * against a floor: the same requests served over the same loopback HTTP by a server that only
 * verifies and decrypts. Each request is a distinct event (distinct dedup key). At each
 * concurrency the two servers take turns (full, floor, full, floor) so machine noise falls on
 * both alike; throughput and p99 are over both turns. Fails when p99 at 64 is above
 * MAX_P99_RATIO_AT_64 times the floor's or throughput at 16 below RPS_RATIO_AT_16_FLOOR of the
 * floor's; throughput against the MIN_RPS_RATIO_AT_16 target is reported (bench/targets.ts).
 */
export async function runCallbackBench(): Promise<LevelFigures[]> {
  const stack = await startLocalStack({ env: { LOG_LEVEL: 'error' } });
  try {
    const keys = { token: stack.config.WECOM_CALLBACK_TOKEN, encodingAesKey: stack.config.WECOM_CALLBACK_AES_KEY, corpId: stack.config.WECOM_CORP_ID };
    const nowS = Math.floor(Date.now() / 1000);
    const make = (i: number): Prepared => {
      // An edit event for a contact who is not a member: verified, decrypted, parsed, the handler looks
      // the member up (none: no WeCom call, no message), then the inbox stores it done. A read and one
      // write, as every replay-safe event; a join is stored claimed, run and marked done (two writes;
      // shared/services/welcome/handle-event.ts says which events are which).
      const xml = changeExternalContactXml({ corpId: keys.corpId, changeType: 'edit_external_contact', userId: 'bench-staff', externalUserId: `wmBench${i}`, createTimeS: nowS });
      const built = buildCallbackRequest({ ...keys, xml, timestampS: nowS });
      return { path: callbackUrl('/wecom/welcome', built.query), body: built.body };
    };
    let next = 0;
    const batch = (n: number) => Array.from({ length: n }, () => make(next++));

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

    await drive(stack.url, batch(WARMUP_REQUESTS), 8);
    await drive(floorUrl, batch(WARMUP_REQUESTS), 8);
    const out: LevelFigures[] = [];
    for (const c of LEVELS) {
      const n = c === 1 ? REQUESTS / 2 : REQUESTS;
      const full = { latencies: [] as number[], seconds: 0, cpuUs: 0 };
      const base = { latencies: [] as number[], seconds: 0, cpuUs: 0 };
      for (let turn = 0; turn < 2; turn += 1) {
        const f = await drive(stack.url, batch(n / 2), c);
        full.latencies.push(...f.latencies);
        full.seconds += f.latencies.length / f.rps;
        full.cpuUs += f.cpuUs;
        const b = await drive(floorUrl, batch(n / 2), c);
        base.latencies.push(...b.latencies);
        base.seconds += b.latencies.length / b.rps;
        base.cpuUs += b.cpuUs;
      }
      const rps = full.latencies.length / full.seconds;
      const floorRps = base.latencies.length / base.seconds;
      const p99 = percentile(full.latencies, 99);
      const floorP99 = percentile(base.latencies, 99);
      out.push({ concurrency: c, rps: round(rps, 0), floorRps: round(floorRps, 0), rpsRatio: round(rps / floorRps), p99Ms: round(p99), floorP99Ms: round(floorP99), p99Ratio: round(p99 / floorP99), cpuRatio: round(base.cpuUs / base.latencies.length / (full.cpuUs / full.latencies.length)) });
    }
    floor.close();
    const at16 = out.find((l) => l.concurrency === 16) as LevelFigures;
    const at64 = out.find((l) => l.concurrency === 64) as LevelFigures;
    checkFigures(out, () => {
      if (at64.p99Ratio > MAX_P99_RATIO_AT_64) {
        throw new Error(`p99 at 64 is ${at64.p99Ratio}× the floor (max ${MAX_P99_RATIO_AT_64})`);
      }
      checkTargets([
        { section: 'callback', name: 'throughput at 16 ÷ verify-only floor', value: at16.rpsRatio, target: MIN_RPS_RATIO_AT_16, floor: RPS_RATIO_AT_16_FLOOR, better: 'higher', issue: '#16' },
      ]);
    });
    return out;
  } finally {
    await stack.close();
  }
}
