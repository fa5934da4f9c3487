import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEmbeddedStore } from '../shared/adapters/store/embedded';
import { runLedgerBench } from '../shared/services/points/bench';
import { countingStore } from './counting-store';
import { round } from './stats';

const OPS = 5000;
const MAX_CALLS_PER_OP = 5;
const MIN_OPS_PER_SECOND = 2000;

/**
 * Ledger operations with 50 concurrent clients on the embedded store (file-backed, as `npm start`
 * runs it), invariants recomputed from the stored journal afterwards. Every store call of the timed
 * load is counted through a proxy of the store port: on MongoDB or CloudBase each one is a round
 * trip, which the embedded store's speed hides. Fails above MAX_CALLS_PER_OP, below
 * MIN_OPS_PER_SECOND, or on any invariant violation. Beside it, in the same run, the same load on
 * an in-memory embedded store: the service's own ceiling, without the cost of writing files.
 */
export async function runLedgerSection(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-bench-'));
  const inner = createEmbeddedStore({ dir });
  const counter = countingStore(inner);
  let load = { calls: 0, writes: 0, byMethod: {} as Record<string, number> };
  try {
    const r = await runLedgerBench({
      store: counter.store,
      clients: 50,
      ops: OPS,
      onLoad: (phase) => {
        if (phase === 'start') counter.reset();
        else load = { ...counter.counts, byMethod: { ...counter.counts.byMethod } };
      },
    });
    const memory = createEmbeddedStore({ inMemory: true });
    const inMemory = await runLedgerBench({ store: memory, clients: 50, ops: OPS }).finally(() => memory.close());
    const storeCallsPerOp = round(load.calls / r.ops);
    const figures = {
      ...r,
      storeCallsPerOp,
      storeWritesPerOp: round(load.writes / r.ops),
      inMemoryOpsPerSecond: inMemory.opsPerSecond,
      fileToMemoryRatio: round(r.opsPerSecond / inMemory.opsPerSecond),
    };
    const top = Object.entries(load.byMethod).sort((a, b) => b[1] - a[1]);
    console.log(`[bench] ledger store calls per op by method: ${top.map(([k, n]) => `${k} ${round(n / r.ops)}`).join(', ')}`);
    const failures = [
      r.invariantViolations > 0 ? `${r.invariantViolations} invariant violations` : '',
      r.errors > 0 ? `${r.errors} errors` : '',
      storeCallsPerOp > MAX_CALLS_PER_OP ? `${storeCallsPerOp} store calls per op (max ${MAX_CALLS_PER_OP})` : '',
      r.opsPerSecond < MIN_OPS_PER_SECOND ? `${r.opsPerSecond} ops/s (min ${MIN_OPS_PER_SECOND})` : '',
    ].filter(Boolean);
    if (failures.length > 0) throw new Error(`${failures.join('; ')} — ${JSON.stringify(figures)}`);
    return figures;
  } finally {
    await inner.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
