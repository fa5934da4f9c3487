import { startLocalStack, type LocalStack } from '../dev/local-stack';
import type { Doc } from '../shared/ports/document-store';
import { REMINDERS, ensureReminderIndexes } from '../shared/services/reminders/reminder-doc';
import { createReminderService } from '../shared/services/reminders/reminder-service';
import { DaytimeClock } from './daytime-clock';
import { countDeliveries, seedDueReminders } from './reminders-seed';
import { median, round } from './stats';
import { checkTargets } from './targets';
import { settleHeap } from './garbage';

const DUE = 100;
const ROUNDS = 7;
const SIZES = [10_000, 100_000, 1_000_000];
const DAY_MS = 86_400_000;

/**
 * Cost of one timer tick on the embedded store: 100 reminders due, beside 10k / 100k / 1M scheduled
 * for later (other members' future occurrences). Each size has its own in-memory store; the not-due
 * reminders are inserted as bare documents (the tick only has to not read them). Then a warm-up round and
 * seven counted rounds: in each, every size in turn gets 100 due reminders and one tick, each after a full
 * garbage collection and half a second for V8's concurrent sweeping (so a tick does not pay for the
 * seeding's garbage); the median per size is reported, and the ratios are the median over rounds of each
 * round's own ratio (ticks a few seconds apart share the machine's load). Target (issue #16): the tick's CPU
 * time at 1M within 10 % of 10k (`ratio1mTo10k` ≤ 1.10), reported by bench/targets.ts; the run fails above 3 (a scan that
 * reads the not-due reminders measured 14.6 here).
 *
 * Why the sizes take turns in one process: run one after the other (as until 2026-12-07), the ratio of
 * the same code read 0.86 and 1.11 on two days, because the 1M ticks ran minutes after the 10k ones, on a
 * machine whose load had changed, and in a process whose heap alone held the million documents (V8's
 * concurrent sweeping of that heap is counted by process.cpuUsage). Side by side, both of those fall on
 * every size alike, and what the ratio still differs by is what the target is about: the store's index
 * work as the collection grows (O(log n), about 3 ms per 100 reminders from 10k to 1M, measured on the
 * store alone). CPU time, not wall time, decides: the tick's wall time on a shared machine moved 0.15–1.54
 * between back-to-back runs of the same code (`wallRatio1mTo10k` is printed beside it).
 */
export async function runDueScanBench(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  const stores: { size: number; stack: LocalStack; service: ReturnType<typeof createReminderService>; clock: DaytimeClock; ticks: number[]; cpu: number[] }[] = [];
  try {
    for (const size of SIZES) {
      const clock = new DaytimeClock();
      const stack = await startLocalStack({ clock, env: { LOG_LEVEL: 'error' }, sandboxLimits: { perApiPerMinute: 1_000_000_000 } });
      stores.push({ size, stack, clock, service: createReminderService({ ...stack.deps }), ticks: [], cpu: [] });
      const { store } = stack.deps;
      // Indexes first, as in a running deployment: the inserts below maintain them.
      await ensureReminderIndexes(store);
      const reminders = store.collection<Doc>(REMINDERS);
      const nowMs = clock.nowMs();
      const seedStarted = Date.now();
      for (let i = 0; i < size; i += 1) {
        await reminders.insert(notDue(i, nowMs + DAY_MS + i * 1000));
      }
      out[`seed${label(size)}Ms`] = Date.now() - seedStarted;
    }
    // Round 0 warms the process up (JIT, the sandbox's connections) and is not counted. Within a round the
    // sizes take turns, so a change in the machine's load falls on all of them alike.
    for (let round = 0; round <= ROUNDS; round += 1) {
      for (const s of stores) {
        const expected = await seedDueReminders(s.stack, s.service, DUE, s.clock.nowMs(), round * DUE);
        // A tick does not pay for the seeding's garbage.
        await settleHeap();
        const cpuBefore = process.cpuUsage();
        const started = performance.now();
        const report = await s.service.dispatch({ budgetMs: 50_000 });
        if (round > 0) {
          s.ticks.push(performance.now() - started);
          const used = process.cpuUsage(cpuBefore);
          s.cpu.push((used.user + used.system) / 1000);
        }
        const delivered = countDeliveries(s.stack, expected);
        if (report.sent !== DUE || delivered.sent !== DUE) throw new Error(`tick beside ${s.size} not-due sent ${report.sent} of ${DUE}`);
      }
    }
  } finally {
    for (const s of stores) await s.stack.close();
  }
  for (const s of stores) {
    out[`tick${label(s.size)}Ms`] = round(median(s.ticks), 1);
    out[`cpu${label(s.size)}Ms`] = round(median(s.cpu), 1);
  }
  // Each round's ticks ran back to back: the ratio is taken within a round, then the median over rounds.
  const paired = (s: (typeof stores)[number]) => median(s.cpu.map((c, i) => c / (stores[0]?.cpu[i] ?? c)));
  out.ratio100kTo10k = round(paired(stores[1] as (typeof stores)[number]), 2);
  out.ratio1mTo10k = round(paired(stores[2] as (typeof stores)[number]), 2);
  out.wallRatio1mTo10k = round((out.tick1mMs ?? 0) / (out.tick10kMs ?? 1), 2);
  checkTargets([{ section: 'due-scan', name: 'tick CPU at 1M ÷ at 10k', value: out.ratio1mTo10k, target: 1.1, floor: 3, better: 'lower', issue: '#16' }]);
  return out;
}

const label = (n: number) => (n >= 1_000_000 ? `${n / 1_000_000}m` : `${n / 1000}k`);

/** A scheduled reminder of some other member, due long after the bench ends. */
function notDue(i: number, dueAtMs: number): Doc {
  return {
    _id: `nd${i}`,
    kind: 'monitoring',
    audience: 'member',
    memberId: `nm${i}`,
    title: { kid: 'k1', iv: '', tag: '', ct: '' },
    recurrence: { type: 'daily', times: ['09:00'] },
    anchorAtMs: dueAtMs,
    occurrenceAtMs: dueAtMs,
    dueAtMs,
    status: 'scheduled',
    priority: 1,
    emergency: false,
    attempts: 0,
    shard: i % 64,
    sentCount: 0,
    source: 'api',
    createdBy: 'bench',
    createdAtMs: dueAtMs,
    updatedAtMs: dueAtMs,
    v: 0,
  };
}
