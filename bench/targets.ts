/**
 * Performance targets an open issue sets and the code does not reach yet (docs: README "Bench").
 * They are reported, not failed: a bench that fails on every run stops being read. Each has a floor
 * (today's level with a margin for machine load) that does fail the run, so what was gained cannot be
 * lost silently. A target once met is checked by its section as a plain failure threshold, as cold
 * init and the ledger are.
 */
export interface Target {
  section: string;
  name: string;
  value: number;
  target: number;
  floor: number;
  /** Whether larger values are better (throughput, share) or smaller (latency ratios). */
  better: 'higher' | 'lower';
  issue: string;
}

const recorded: Target[] = [];

const reaches = (t: Target, bound: number) => (t.better === 'higher' ? t.value >= bound : t.value <= bound);
const op = (t: Target) => (t.better === 'higher' ? '≥' : '≤');

/** Records the targets; throws naming each one below its floor. */
export function checkTargets(targets: Target[]): void {
  recorded.push(...targets);
  const broken = targets.filter((t) => !reaches(t, t.floor));
  if (broken.length > 0) throw new Error(broken.map((t) => `${t.name} is ${t.value} (floor ${op(t)} ${t.floor})`).join('; '));
}

/** One row per target recorded in this run, for the closing table. */
export function targetRows(): Array<Record<string, string | number>> {
  return recorded.map((t) => ({
    section: t.section,
    target: `${t.name} ${op(t)} ${t.target}`,
    value: t.value,
    floor: `${op(t)} ${t.floor}`,
    met: reaches(t, t.target) ? 'yes' : `not yet (${t.issue})`,
  }));
}
