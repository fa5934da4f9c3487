import { startLocalStack } from '../dev/local-stack';
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
 * for later (other members' future occurrences). Each size gets a fresh in-memory store; the
 * not-due reminders are inserted as bare documents (the tick only has to not read them), then a
 * warm-up round and seven counted rounds of 100 due reminders are dispatched, each after a full garbage
 * collection and half a second for V8's concurrent sweeping (so a tick does not pay for the seeding's
 * garbage: with 1M documents inserted seconds before, that housekeeping was 2.5× the tick's own CPU);
 * the median is kept. Target (issue #16):
 * the tick's CPU time at 1M within 10 % of 10k (`ratio1mTo10k` ≤ 1.10), reported by bench/targets.ts;
 * the run fails above 3 (a scan that reads the not-due reminders measured 14.6 here). CPU time, not wall
 * time, decides: the tick's wall time on a shared machine moved 0.15–1.54 between back-to-back runs of the
 * same code, while its CPU time is the work the tick does (`wallRatio1mTo10k` is printed beside it).
 * What a tick does that grows with the collection on the embedded store is O(log n) index work (about
 * 3 ms per 100 reminders from 10k to 1M, measured on the store alone); process.cpuUsage also counts
 * V8's concurrent sweeping of a heap holding a million documents, which is why runs of the same code
 * spread (0.92–1.08 within an hour at a load average of 2–7 on 2 cores).
 */
export async function runDueScanBench(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const size of SIZES) {
    const clock = new DaytimeClock();
    const stack = await startLocalStack({ clock, env: { LOG_LEVEL: 'error' }, sandboxLimits: { perApiPerMinute: 1_000_000_000 } });
    try {
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
      const service = createReminderService({ ...stack.deps });
      const ticks: number[] = [];
      const cpu: number[] = [];
      // Round 0 warms the process up (JIT, the sandbox's connections) and is not counted.
      for (let round = 0; round <= ROUNDS; round += 1) {
        const expected = await seedDueReminders(stack, service, DUE, clock.nowMs(), round * DUE);
        // A tick does not pay for the seeding's garbage.
        await settleHeap();
        const cpuBefore = process.cpuUsage();
        const started = performance.now();
        const report = await service.dispatch({ budgetMs: 50_000 });
        if (round > 0) {
          ticks.push(performance.now() - started);
          const used = process.cpuUsage(cpuBefore);
          cpu.push((used.user + used.system) / 1000);
        }
        const delivered = countDeliveries(stack, expected);
        if (report.sent !== DUE || delivered.sent !== DUE) throw new Error(`tick beside ${size} not-due sent ${report.sent} of ${DUE}`);
      }
      out[`tick${label(size)}Ms`] = round(median(ticks), 1);
      out[`cpu${label(size)}Ms`] = round(median(cpu), 1);
    } finally {
      await stack.close();
    }
  }
  out.ratio100kTo10k = round((out.cpu100kMs ?? 0) / (out.cpu10kMs ?? 1), 2);
  out.ratio1mTo10k = round((out.cpu1mMs ?? 0) / (out.cpu10kMs ?? 1), 2);
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
