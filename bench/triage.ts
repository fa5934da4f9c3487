import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { startLocalStack } from '../dev/local-stack';
import { buildCallbackRequest, callbackUrl } from '../dev/wecom-sandbox/callback-builder';
import { SandboxClient } from '../dev/wecom-sandbox/inspect';
import { classify } from '../shared/domain/triage';
import { MEMBERS, memberIdForExternalUser, type Member } from '../shared/services/members/member';
import { importRoster } from '../shared/services/team/roster';
import { median, percentile, round } from './stats';

const FIRST_CLASSIFY_RUNS = 9;
/** Issue #13: classification keeps up with ≥ 5,000 messages/s on one core; below it the section fails. */
const TARGET_MESSAGES_PER_SECOND = 5_000;

/** Wall time of a fresh `node` process running `code`, in ms. */
function timeNode(code: string): number {
  const started = process.hrtime.bigint();
  // zod stays external as in the functions (it lives in the deps layer): resolved from node_modules.
  const env = { ...process.env, NODE_PATH: join(__dirname, '../node_modules') };
  const res = spawnSync(process.execPath, ['-e', code], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  if (res.status !== 0) throw new Error(`node -e failed: ${res.stderr.toString().slice(0, 300)}`);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/**
 * What the first message after a cold start pays: the classifier bundled as the functions are
 * (scripts/build.ts options), required in a fresh process and asked one English, one pinyin and one
 * Chinese message (every lazy table and lexicon compiled), minus a bare `node -e ""`; interleaved,
 * median of FIRST_CLASSIFY_RUNS.
 */
function firstClassificationMs(): number {
  const dir = mkdtempSync(join(tmpdir(), 'triage-bench-'));
  try {
    const outfile = join(dir, 'triage.js');
    buildSync({ entryPoints: [join(__dirname, '../shared/domain/triage/index.ts')], outfile, bundle: true, platform: 'node', format: 'cjs', target: 'node18', minify: true, charset: 'utf8', external: ['zod'], logLevel: 'error' });
    const code = `const t=require(${JSON.stringify(outfile)});for(const m of ['my dad has chest pain','wo ba xiong kou teng','我爸胸口疼得厉害'])t.classify(m);`;
    const bare: number[] = [];
    const first: number[] = [];
    for (let i = 0; i < FIRST_CLASSIFY_RUNS; i++) {
      bare.push(timeNode(''));
      first.push(timeNode(code));
    }
    return median(first) - median(bare);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const THROUGHPUT_MIN_MESSAGES = 50_000;
const KF_MESSAGES = 200;
const OPEN_KF_ID = 'wkBench';

/** The development set (tests/fixtures/triage/development/): every style, English and pinyin included. */
function labelledTexts(): string[] {
  const dir = join(__dirname, '../tests/fixtures/triage/development');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n'))
    .filter((l) => l.trim())
    .map((l) => (JSON.parse(l) as { text: string }).text);
}

/** At least this many timed passes over the labelled set. */
const THROUGHPUT_MIN_PASSES = 5;

/**
 * The deterministic classifier over the labelled set, pass after pass: messages per second on one core, of the fastest
 * pass and of the median one. The verdict takes the fastest: on a shared machine (this one is a VM whose CPU time is
 * taken away now and then) noise only ever slows a pass down, so the fastest is the one nearest the code's own cost and
 * gives the same verdict at any hour; the median is reported beside it.
 */
function classifierThroughput(texts: string[]): { best: number; median: number } {
  for (const t of texts) classify(t); // warm-up (regex compilation, JIT)
  const passes = Math.max(THROUGHPUT_MIN_PASSES, Math.ceil(THROUGHPUT_MIN_MESSAGES / texts.length));
  const rates: number[] = [];
  for (let r = 0; r < passes; r++) {
    const started = process.hrtime.bigint();
    for (const t of texts) classify(t);
    rates.push(texts.length / (Number(process.hrtime.bigint() - started) / 1e9));
  }
  return { best: Math.max(...rates), median: median(rates) };
}

/**
 * Callback to staff notification through the local stack: the customer's message is waiting in the
 * sandbox, the signed kf_msg_or_event callback is POSTed, and the clock stops when the textcard to
 * the assignee is in the sandbox's sent list (sync_msg, classify, ticket, kf reply, message/send).
 * Each message comes from a different member, so each opens a ticket and notifies.
 */
async function kfToNotify(texts: string[]): Promise<number[]> {
  const stack = await startLocalStack({ env: { LOG_LEVEL: 'error' }, sandboxLimits: { appMessagePerUserPerMinute: 1_000_000, perApiPerMinute: 1_000_000 } });
  try {
    const store = stack.deps.store;
    const now = Date.now();
    const team = { family_doctor: 'bench-doc', health_butler: 'bench-butler', rights_consultant: 'bench-rights', insurance_consultant: 'bench-ins' } as const;
    await importRoster(
      store,
      [
        ...Object.entries(team).map(([role, userId]) => ({ userId, name: role, role: role as keyof typeof team, scenes: ['policy_delivery' as const] })),
        { userId: 'bench-oncall', name: 'on call', role: 'family_doctor', scenes: ['policy_delivery'], onCall: true },
      ],
      { nowMs: now },
    );
    const sandbox = new SandboxClient(stack.sandbox.url);
    const keys = { token: stack.config.WECOM_CALLBACK_TOKEN, encodingAesKey: stack.config.WECOM_CALLBACK_AES_KEY, corpId: stack.config.WECOM_CORP_ID };
    const latencies: number[] = [];
    for (let i = -10; i < KF_MESSAGES; i++) {
      const externalUserId = `wmBench${i + 10}`;
      await store.collection<Member>(MEMBERS).insert({
        _id: memberIdForExternalUser(keys.corpId, externalUserId),
        externalUserId,
        team: { ...team },
        status: 'active',
        joinedAtMs: now,
        updatedAtMs: now,
      });
      const { token } = await sandbox.kfCustomerMessage({ openKfId: OPEN_KF_ID, externalUserId, text: texts[(i + 10) % texts.length] as string });
      const built = buildCallbackRequest({ ...keys, event: { kind: 'kf_msg_or_event', corpId: keys.corpId, token, openKfId: OPEN_KF_ID } });
      const sent = stack.sandbox.state.sent;
      const before = sent.length;
      const started = process.hrtime.bigint();
      const res = await fetch(`${stack.url}${callbackUrl('/wecom/triage', built.query)}`, { method: 'POST', body: built.body });
      await res.text();
      while (!sent.slice(before).some((s) => s.api === 'message/send')) await new Promise((r) => setImmediate(r));
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (i >= 0) latencies.push(ms); // the first 10 warm the stack up
    }
    return latencies;
  } finally {
    await stack.close();
  }
}

export async function runTriageBench(): Promise<{ messagesPerSecond: number; messagesPerSecondMedianPass: number; firstClassificationMs: number; kfToNotifyP50Ms: number; kfToNotifyP99Ms: number; labelledMessages: number; kfMessages: number }> {
  const texts = labelledTexts();
  const { best: messagesPerSecond, median: medianPass } = classifierThroughput(texts);
  if (messagesPerSecond < TARGET_MESSAGES_PER_SECOND) {
    throw new Error(`classifier ${round(messagesPerSecond, 0)} messages/s, below the ${TARGET_MESSAGES_PER_SECOND} target`);
  }
  const firstClassification = firstClassificationMs();
  const latencies = await kfToNotify(texts);
  return {
    messagesPerSecond: round(messagesPerSecond, 0),
    messagesPerSecondMedianPass: round(medianPass, 0),
    firstClassificationMs: round(firstClassification, 1),
    kfToNotifyP50Ms: round(percentile(latencies, 50)),
    kfToNotifyP99Ms: round(percentile(latencies, 99)),
    labelledMessages: texts.length,
    kfMessages: latencies.length,
  };
}
