export { createPointsService, type PointsService, type EarnResult, type RedemptionView } from './points-service';
export type { PointsDeps, PointsAuditSink, PointsHooks, RedemptionStep } from './deps';
export type { BalanceView } from './ledger';
export type { LedgerEntryView } from './views';
export type { InvariantReport, Violation } from './invariants';
export { runLedgerBench, type LedgerBenchOptions, type LedgerBenchResult } from './bench';
export * from './schemas';
