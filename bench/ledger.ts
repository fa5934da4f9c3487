import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEmbeddedStore } from '../shared/adapters/store/embedded';
import { runLedgerBench } from '../shared/services/points/bench';

/**
 * Ledger operations with 50 concurrent clients on the embedded store (file-backed, as `npm start`
 * runs it), invariants recomputed from the stored journal afterwards.
 */
export async function runLedgerSection(): Promise<{ ops: number; opsPerSecond: number; invariantViolations: number; rejected: number; errors: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-bench-'));
  const store = createEmbeddedStore({ dir });
  try {
    return await runLedgerBench({ store, clients: 50, ops: 5000 });
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
