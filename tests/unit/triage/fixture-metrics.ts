import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { classify, type Disposition, type Intent, type RedFlag } from '../../../shared/domain/triage';
import type { FourRRole } from '../../../shared/domain/team/roles';

/** One labelled message, as the independent authors write them (tests/fixtures/triage/README.md). */
export interface LabelledMessage {
  text: string;
  emergency: boolean;
  disposition: Disposition;
  /** The red-flag kind of an emergency (reference §3), else null. */
  kind: RedFlag | null;
  intent: Intent;
  role: FourRRole;
  /** How it is written: standard, english, pinyin, cantonese… (`seed` for the first session's sets). */
  style: string;
  source: string;
  file?: string;
}

const FIXTURES = fileURLToPath(new URL('../../fixtures/triage/', import.meta.url));

export function loadSet(folder: string): LabelledMessage[] {
  const dir = `${FIXTURES}${folder}/`;
  return readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .flatMap((file) =>
      readFileSync(dir + file, 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => ({ ...(JSON.parse(line) as LabelledMessage), file })),
    );
}

interface Tally {
  n: number;
  emergencies: number;
  caught: number;
  nonEmergencies: number;
  falseAlarms: number;
  roleCorrect: number;
}

const emptyTally = (): Tally => ({ n: 0, emergencies: 0, caught: 0, nonEmergencies: 0, falseAlarms: 0, roleCorrect: 0 });

export interface Metrics {
  total: Tally;
  byKind: Map<string, Tally>;
  byStyle: Map<string, Tally>;
  missed: string[];
  falseAlarms: string[];
  misrouted: string[];
  /** Emergencies whose labelled kind is among the kinds reported. */
  kindAgreement: number;
  /** Urgent labels answered urgent or emergency (never routine). */
  urgentNotRoutine: number;
  urgentLabelled: number;
}

export function measure(rows: readonly LabelledMessage[]): Metrics {
  const total = emptyTally();
  const byKind = new Map<string, Tally>();
  const byStyle = new Map<string, Tally>();
  const m: Metrics = { total, byKind, byStyle, missed: [], falseAlarms: [], misrouted: [], kindAgreement: 0, urgentNotRoutine: 0, urgentLabelled: 0 };
  let kindOk = 0;
  for (const row of rows) {
    const c = classify(row.text);
    const roleOk = c.role === row.role;
    const kindKey = row.emergency ? (row.kind ?? '(none)') : '(not an emergency)';
    for (const t of [total, tallyOf(byKind, kindKey), tallyOf(byStyle, row.style)]) {
      t.n++;
      if (roleOk) t.roleCorrect++;
      if (row.emergency) {
        t.emergencies++;
        if (c.emergency) t.caught++;
      } else {
        t.nonEmergencies++;
        if (c.emergency) t.falseAlarms++;
      }
    }
    if (row.emergency && !c.emergency) m.missed.push(`[${row.kind}/${row.style}] ${row.text}`);
    if (!row.emergency && c.emergency) m.falseAlarms.push(`[${row.disposition}/${row.style}] ${row.text} → ${c.redFlags.join(',')}`);
    if (!roleOk) m.misrouted.push(`[${row.style}] ${row.text} → ${c.role} (want ${row.role})`);
    if (row.emergency && row.kind && c.redFlags.includes(row.kind)) kindOk++;
    if (row.disposition === 'urgent') {
      m.urgentLabelled++;
      if (c.disposition !== 'routine') m.urgentNotRoutine++;
    }
  }
  m.kindAgreement = total.emergencies === 0 ? 1 : kindOk / total.emergencies;
  return m;
}

function tallyOf(map: Map<string, Tally>, key: string): Tally {
  let t = map.get(key);
  if (!t) map.set(key, (t = emptyTally()));
  return t;
}

export const recall = (t: Tally): number => (t.emergencies === 0 ? 1 : t.caught / t.emergencies);
export const falseAlarmRate = (t: Tally): number => (t.nonEmergencies === 0 ? 0 : t.falseAlarms / t.nonEmergencies);
export const roleAccuracy = (t: Tally): number => (t.n === 0 ? 1 : t.roleCorrect / t.n);

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

function table(title: string, map: Map<string, Tally>): string {
  const rows = [...map.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
  const lines = rows.map(
    ([k, t]) =>
      `  ${k.padEnd(20)} ${String(t.n).padStart(4)}  recall ${`${t.caught}/${t.emergencies}`.padStart(7)}  false alarms ${`${t.falseAlarms}/${t.nonEmergencies}`.padStart(7)}  role ${pct(roleAccuracy(t)).padStart(6)}`,
  );
  return [`${title}:`, ...lines].join('\n');
}

/** The tables ops and reviewers read in the test output: by kind and by style. */
export function report(name: string, m: Metrics): string {
  const t = m.total;
  return [
    `── ${name}: ${t.n} messages ──`,
    `emergency recall ${t.caught}/${t.emergencies} (${pct(recall(t))}), false alarms ${t.falseAlarms}/${t.nonEmergencies} (${pct(falseAlarmRate(t))}), role accuracy ${pct(roleAccuracy(t))}, kind agreement ${pct(m.kindAgreement)}, urgent never answered routine ${m.urgentNotRoutine}/${m.urgentLabelled}`,
    table('by kind', m.byKind),
    table('by style', m.byStyle),
    ...(m.missed.length ? ['missed:', ...m.missed.map((x) => `  ${x}`)] : []),
    ...(m.falseAlarms.length ? ['false alarms:', ...m.falseAlarms.map((x) => `  ${x}`)] : []),
  ].join('\n');
}
