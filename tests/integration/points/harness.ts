import { createEmbeddedStore } from '../../../shared/adapters/store/embedded';
import { ManualClock } from '../../../shared/ports/clock';
import type { NewAuditEntry } from '../../../shared/ports/audit-log';
import type { DocumentStore } from '../../../shared/ports/document-store';
import type { PointsDeps } from '../../../shared/services/points/deps';
import { createPointsService, type PointsService } from '../../../shared/services/points/points-service';

export const T0 = Date.parse('2026-03-10T10:00:00+08:00');
export const staff = { kind: 'staff', id: 'rc-1', role: 'rights_consultant' } as const;
export const machine = { kind: 'machine', id: 'form-service' } as const;
export const member = (id: string) => ({ kind: 'member', id }) as const;

export interface Harness {
  store: DocumentStore;
  clock: ManualClock;
  svc: PointsService;
  audit: NewAuditEntry[];
  /** A second service instance on the same store: another "process". */
  another(extra?: Partial<PointsDeps>): PointsService;
  close(): Promise<void>;
}

export function startHarness(extra: Partial<PointsDeps> = {}): Harness {
  const store = createEmbeddedStore({ inMemory: true });
  const clock = new ManualClock(T0);
  const audit: NewAuditEntry[] = [];
  const sink = { append: async (e: NewAuditEntry) => void audit.push(e) };
  const svc = createPointsService({ store, clock, audit: sink, ...extra });
  return {
    store,
    clock,
    svc,
    audit,
    another: (more = {}) => createPointsService({ store, clock, audit: sink, ...more }),
    close: () => store.close(),
  };
}

let n = 0;
/** A fresh idempotency key. */
export const key = (label = 'k'): string => `${label}-${++n}-${Math.random().toString(36).slice(2, 10)}`;

/** Gives a member points through a staff credit. */
export async function credit(svc: PointsService, memberId: string, amount: number): Promise<void> {
  await svc.adjust({ memberId, amount, reason: 'test credit', idempotencyKey: key('credit'), actor: staff });
}
