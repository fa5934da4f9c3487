import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { classify, INTENTS, ROLE_FOR_INTENT, type Classification, type Intent, type RedFlag } from '../../../shared/domain/triage';

export interface LabelledMessage {
  text: string;
  intent: Intent;
  role: (typeof ROLE_FOR_INTENT)[Intent];
  emergency: boolean;
  /** Expected red-flag category, on emergencies. */
  redFlag?: RedFlag;
  /** `harmless_mention`: scary words that are not an emergency. */
  tag?: string;
}

export function loadFixture(name: string): LabelledMessage[] {
  const path = fileURLToPath(new URL(`../../fixtures/triage/${name}`, import.meta.url));
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as LabelledMessage);
}

export interface Metrics {
  total: number;
  emergencies: number;
  missedEmergencies: string[];
  emergencyRecall: number;
  nonEmergencies: number;
  falseAlarms: string[];
  falseAlarmRate: number;
  harmlessMentions: number;
  harmlessFlagged: number;
  roleAccuracy: number;
  intentAccuracy: number;
  perIntent: Record<Intent, { n: number; intentCorrect: number; roleCorrect: number }>;
  misrouted: string[];
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

export function measure(rows: readonly LabelledMessage[]): Metrics {
  const perIntent = Object.fromEntries(INTENTS.map((i) => [i, { n: 0, intentCorrect: 0, roleCorrect: 0 }])) as Metrics['perIntent'];
  const missed: string[] = [];
  const falseAlarms: string[] = [];
  const misrouted: string[] = [];
  let roleOk = 0;
  let intentOk = 0;
  let harmlessFlagged = 0;
  for (const row of rows) {
    const c: Classification = classify(row.text);
    const bucket = perIntent[row.intent];
    bucket.n++;
    if (c.intent === row.intent) {
      intentOk++;
      bucket.intentCorrect++;
    }
    if (c.role === row.role) {
      roleOk++;
      bucket.roleCorrect++;
    } else {
      misrouted.push(`${row.text} → ${c.role} (want ${row.role})`);
    }
    if (row.emergency && !c.emergency) missed.push(row.text);
    if (!row.emergency && c.emergency) falseAlarms.push(`${row.text} → ${c.redFlags.join(',')}`);
    if (row.tag === 'harmless_mention' && c.emergency) harmlessFlagged++;
  }
  const emergencies = rows.filter((r) => r.emergency).length;
  const nonEmergencies = rows.length - emergencies;
  return {
    total: rows.length,
    emergencies,
    missedEmergencies: missed,
    emergencyRecall: emergencies === 0 ? 1 : (emergencies - missed.length) / emergencies,
    nonEmergencies,
    falseAlarms,
    falseAlarmRate: nonEmergencies === 0 ? 0 : falseAlarms.length / nonEmergencies,
    harmlessMentions: rows.filter((r) => r.tag === 'harmless_mention').length,
    harmlessFlagged,
    roleAccuracy: rows.length === 0 ? 0 : roleOk / rows.length,
    intentAccuracy: rows.length === 0 ? 0 : intentOk / rows.length,
    perIntent,
    misrouted,
  };
}

/** Prints the metrics as tables (counts only: no message text, which may hold health details). */
export function printMetrics(title: string, m: Metrics): void {
  console.log(`\n=== triage accuracy: ${title} (${m.total} messages) ===`);
  console.table(
    Object.fromEntries(
      INTENTS.map((i) => {
        const b = m.perIntent[i];
        return [i, { n: b.n, 'intent acc': b.n ? pct(b.intentCorrect / b.n) : '-', 'role acc': b.n ? pct(b.roleCorrect / b.n) : '-' }];
      }),
    ),
  );
  console.table({
    'emergency recall': `${pct(m.emergencyRecall)} (${m.emergencies - m.missedEmergencies.length}/${m.emergencies})`,
    'false-alarm rate': `${pct(m.falseAlarmRate)} (${m.falseAlarms.length}/${m.nonEmergencies})`,
    'harmless mentions flagged': `${m.harmlessFlagged}/${m.harmlessMentions}`,
    'intent accuracy': pct(m.intentAccuracy),
    'role accuracy': pct(m.roleAccuracy),
  });
}
