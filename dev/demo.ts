/**
 * `npm run demo`: one customer's journey against a running `npm start`, through the real HTTP routes
 * and encrypted callbacks, printed as a bilingual transcript. Each capability contributes a step in
 * dev/demo/<capability>.ts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DemoContext } from './demo/context';
import type { DevSecrets } from './dev-env';

type Step = { file: string; fn: string; titleZh: string; titleEn: string };

const STEPS: Step[] = [
  { file: 'welcome-intake', fn: 'demoWelcomeIntake', titleZh: '入群与健康建档', titleEn: 'Joining and health intake' },
  { file: 'triage', fn: 'demoTriage', titleZh: '智能分诊', titleEn: 'Triage' },
  { file: 'reminders', fn: 'demoReminders', titleZh: '健康提醒', titleEn: 'Reminders' },
  { file: 'points', fn: 'demoPoints', titleZh: '积分与权益', titleEn: 'Points and rights' },
  { file: 'gap-analysis', fn: 'demoGapAnalysis', titleZh: '保障缺口分析', titleEn: 'Protection-gap analysis' },
];

function printer(labelZh: string, labelEn: string, value: unknown): void {
  const text = typeof value === 'string' ? value : JSON.stringify(value, null, 2);
  const indented = text.includes('\n') ? `\n${text.replace(/^/gm, '      ')}` : ` ${text}`;
  process.stdout.write(`  · ${labelZh} / ${labelEn}:${indented}\n`);
}

async function main(): Promise<void> {
  const baseUrl = process.env.DEMO_BASE_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`;
  const dataDir = process.env.DATA_DIR || '.data';
  const secretsFile = join(dataDir, 'dev-secrets.json');
  let health: { status?: string; sandboxUrl?: string };
  try {
    health = (await (await fetch(`${baseUrl}/healthz`)).json()) as typeof health;
  } catch {
    console.error(`error: no local stack at ${baseUrl}; start it first with: npm start`);
    process.exit(2);
  }
  if (!existsSync(secretsFile)) {
    console.error(`error: ${secretsFile} not found; run the demo from the folder where npm start runs`);
    process.exit(2);
  }
  const ctx: DemoContext = {
    baseUrl,
    sandboxUrl: health.sandboxUrl ?? '',
    secrets: JSON.parse(readFileSync(secretsFile, 'utf8')) as DevSecrets,
    print: printer,
    state: {},
  };
  for (const [i, step] of STEPS.entries()) {
    const path = join(__dirname, 'demo', `${step.file}.ts`);
    if (!existsSync(path)) continue;
    process.stdout.write(`\n${i + 1}. ${step.titleZh} / ${step.titleEn}\n`);
    const mod = (await import(path)) as Record<string, (c: DemoContext) => Promise<void>>;
    const run = mod[step.fn];
    if (!run) throw new Error(`${step.file}.ts does not export ${step.fn}`);
    await run(ctx);
  }
  process.stdout.write('\n完成 / done\n');
}

main().catch((err: unknown) => {
  console.error(`demo failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
