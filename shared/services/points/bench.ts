import { isAppError } from '../../errors';
import { systemClock, type Clock } from '../../ports/clock';
import type { DocumentStore } from '../../ports/document-store';
import { EARNING_RULE_IDS } from '../../domain/points/earning-rules';
import { mulberry32 } from '../../domain/seeded-random';
import { createPointsService } from './points-service';

export interface LedgerBenchOptions {
  store: DocumentStore;
  /** Concurrent clients, each firing one request at a time. Default 50. */
  clients?: number;
  ops: number;
  /** Members the load is spread over. Default 100. */
  members?: number;
  clock?: Clock;
  /** PRNG seed for the op mix (reproducible runs). */
  seed?: number;
  /** Called when the timed load starts and ends (setup and verification fall outside). */
  onLoad?: (phase: 'start' | 'end') => void;
}

export interface LedgerBenchResult {
  ops: number;
  opsPerSecond: number;
  /** Broken invariants found by recomputing every journal after the run (must be 0). */
  invariantViolations: number;
  /** Expected business refusals (409 insufficient_points, out_of_stock…). */
  rejected: number;
  /** Anything else that failed. */
  errors: number;
}

const staff = { kind: 'staff', id: 'bench-consultant', role: 'rights_consultant' } as const;
const machine = { kind: 'machine', id: 'bench-machine' } as const;

/** Enough stock of the rights the bench redeems that stock never runs out before points do. */
async function restockBenchRights(svc: ReturnType<typeof createPointsService>, run: string, ops: number): Promise<void> {
  for (const rightId of ['lecture_seat', 'health_manager_session'] as const) {
    await svc.restock({ rightId, quantity: Math.max(1, ops), idempotencyKey: `bench-${run}-restock-${rightId}`, actor: staff });
  }
}

/**
 * Ledger load: `clients` concurrent clients send earn / adjust / redeem / cancel requests and
 * blind retries of earlier requests over `members` members, then every journal is re-verified.
 */
export async function runLedgerBench(opts: LedgerBenchOptions): Promise<LedgerBenchResult> {
  const clients = opts.clients ?? 50;
  const members = opts.members ?? 100;
  const svc = createPointsService({ store: opts.store, clock: opts.clock ?? systemClock });
  const rand = mulberry32(opts.seed ?? 20_240_601);
  const run = `${Date.now().toString(36)}${Math.floor(rand() * 1e6).toString(36)}`;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const member = () => `bench-${run}-m${Math.floor(rand() * members)}`;

  await restockBenchRights(svc, run, opts.ops);

  const sent: (() => Promise<unknown>)[] = [];
  const redemptionIds: string[] = [];
  let issued = 0;
  let rejected = 0;
  let errors = 0;

  const nextRequest = (n: number): (() => Promise<unknown>) => {
    const r = rand();
    const key = `bench-${run}-${n}`;
    if (r < 0.15 && sent.length > 0) return pick(sent);
    if (r < 0.45) {
      const memberId = member();
      const rule = pick(EARNING_RULE_IDS);
      return () => svc.earn({ memberId, rule, sourceRef: `src-${n}`, idempotencyKey: key, actor: machine });
    }
    if (r < 0.65) {
      const memberId = member();
      const amount = 10 + Math.floor(rand() * 190);
      return () => svc.adjust({ memberId, amount, reason: 'bench credit', idempotencyKey: key, actor: staff });
    }
    if (r < 0.75) {
      const memberId = member();
      const amount = -(1 + Math.floor(rand() * 100));
      return () => svc.adjust({ memberId, amount, reason: 'bench debit', idempotencyKey: key, actor: staff });
    }
    if (r < 0.93) {
      const memberId = member();
      const rightId = pick(['lecture_seat', 'health_manager_session'] as const);
      return async () => {
        const v = await svc.redeem({ memberId, rightId, idempotencyKey: key, actor: { kind: 'member', id: memberId } });
        redemptionIds.push(v.redemptionId);
        return v;
      };
    }
    const redemptionId = redemptionIds.length > 0 ? pick(redemptionIds) : undefined;
    if (!redemptionId) return () => svc.balance(member());
    return () => svc.cancelRedemption({ redemptionId, reason: 'bench cancel', actor: staff });
  };

  const client = async (): Promise<void> => {
    while (issued < opts.ops) {
      const n = issued++;
      const request = nextRequest(n);
      sent.push(request);
      try {
        await request();
      } catch (e) {
        if (isAppError(e) && e.status === 409) rejected += 1;
        else errors += 1;
      }
    }
  };

  opts.onLoad?.('start');
  const started = performance.now();
  await Promise.all(Array.from({ length: clients }, client));
  const elapsedMs = performance.now() - started;
  opts.onLoad?.('end');
  await svc.recover();
  const report = await svc.verifyInvariants();
  return {
    ops: issued,
    opsPerSecond: Math.round((issued / elapsedMs) * 1000),
    invariantViolations: report.violations.length + report.inFlight,
    rejected,
    errors,
  };
}
