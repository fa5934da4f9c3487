import * as z from 'zod';
import { SHARD_SLOTS } from './reminder-doc';
import type { SendWindow } from './send-window';

/** What a fan-out worker is told: the shard slots it owns in this round. */
export interface ShardPayload {
  shards: number[];
  /** The coordinator's run, for logs. */
  parentRunId?: string;
  /** The coordinator's tick window: every run of a tick sends inside the same one (send-window.ts). */
  sendWindow?: SendWindow;
}

/**
 * Starts a worker over some shards without waiting for it to finish its work: on SCF an
 * asynchronous Invoke of this same function (InvocationType Event); locally an in-process run.
 * The returned promise settles when the worker was started (SCF) or has finished (in-process).
 */
export interface ShardInvoker {
  readonly mode: 'in_process' | 'scf';
  invoke(payload: ShardPayload): Promise<void>;
}

/** The trigger name a worker invocation carries in its timer-shaped event. */
export const SHARD_TRIGGER_NAME = 'reminder-shard';

const PayloadSchema = z.object({
  shards: z.array(z.number().int().min(0).max(SHARD_SLOTS - 1)).min(1).max(SHARD_SLOTS),
  parentRunId: z.string().max(100).optional(),
  sendWindow: z.object({ fromMs: z.number().int().nonnegative(), toMs: z.number().int().nonnegative() }).optional(),
});

/** Disjoint slot sets, one per worker: slot s goes to worker s mod workers. */
export function partitionShards(workers: number): number[][] {
  const n = Math.max(1, Math.min(workers, SHARD_SLOTS));
  const groups: number[][] = Array.from({ length: n }, () => []);
  for (let s = 0; s < SHARD_SLOTS; s += 1) groups[s % n]?.push(s);
  return groups;
}

/**
 * The event an SCF worker receives: timer-shaped (the platform's timer trigger passes its argument
 * in `Message`), so the function's timer entry handles both the minute tick and worker runs.
 */
export function shardEvent(payload: ShardPayload, nowMs: number): { Type: 'Timer'; TriggerName: string; Time: string; Message: string } {
  return { Type: 'Timer', TriggerName: SHARD_TRIGGER_NAME, Time: new Date(nowMs).toISOString().replace(/\.\d{3}Z$/, 'Z'), Message: JSON.stringify(payload) };
}

/** Reads a timer event's Message: a worker payload, or undefined for the plain minute tick. */
export function shardPayloadOf(message: string | undefined): ShardPayload | undefined {
  if (!message) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(message);
  } catch {
    return undefined;
  }
  const parsed = PayloadSchema.safeParse(raw);
  if (!parsed.success) return undefined;
  const { parentRunId, sendWindow } = parsed.data;
  return { shards: [...new Set(parsed.data.shards)], ...(parentRunId && { parentRunId }), ...(sendWindow && { sendWindow }) };
}

/** Local stand-in: each "invocation" is a run in this process over its shards. */
export function createInProcessInvoker(runShards: (payload: ShardPayload) => Promise<unknown>): ShardInvoker {
  return {
    mode: 'in_process',
    async invoke(payload) {
      await runShards(payload);
    },
  };
}
