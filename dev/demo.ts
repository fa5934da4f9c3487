/**
 * `npm run demo`: one customer's journey against a running `npm start`, through the real HTTP routes
 * and encrypted callbacks, printed as a bilingual transcript. Each capability contributes a step in
 * dev/demo/<capability>.ts.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { findRunningStack, stackFilePath } from './stack-file';
import type { DemoContext } from './demo/context';

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
  // The stack says where it is and what it runs with: same DATA_DIR as npm start, nothing to copy.
  const dataDir = process.env.DATA_DIR || '.data';
  const stack = await findRunningStack(dataDir);
  if (!stack) {
    console.error(`error: no running local stack found through ${stackFilePath(dataDir)}; start one with npm start (the demo uses the same DATA_DIR, default .data)`);
    process.exit(2);
  }
  if (stack.wecom !== 'sandbox' || !stack.sandboxUrl || !stack.credentials.callbacks) {
    console.error('error: this stack talks to WeCom itself (WECOM_API_BASE is set); the demo plays its made-up customer against the local WeCom sandbox only');
    process.exit(2);
  }
  const ctx: DemoContext = {
    baseUrl: stack.url,
    sandboxUrl: stack.sandboxUrl,
    secrets: { ...stack.credentials, callbacks: stack.credentials.callbacks },
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
  // The journey's tickets and readings are waiting for the team in the workbench.
  process.stdout.write(`工作台 / staff workbench: ${stack.url}/staff/ — 在沙箱登录页点选上面的团队成员 / pick one of the team above on the sandbox sign-in page\n`);
}

main().catch((err: unknown) => {
  console.error(`demo failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
