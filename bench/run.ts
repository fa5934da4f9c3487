/**
 * `npm run bench [-- --only <section>]`: prints a table per section and writes bench/results.json
 * (ignored by git: figures belong to the machine that measured them). Sections: functions (bundle
 * size, cold init), callback, and the capability sections whose modules exist (reminders, due-scan,
 * ledger, triage) and pages (the workbench in Chromium on a throttled phone profile). Figures are wall-clock on this machine: compare the ratios measured in one run rather
 * than absolutes across machines. Sections whose outcome depends on the time of day run on a clock
 * set to Shanghai daytime (bench/daytime-clock.ts). Targets an open issue sets and the code does not
 * reach yet are printed in a closing table, failing the run only below their floor (bench/targets.ts).
 */
import { settleHeap } from './garbage';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SectionFailure } from './section-failure';
import { targetRows } from './targets';

type Section = () => Promise<unknown>;

const SECTIONS: Record<string, Section> = {
  functions: async () => (await import('./functions')).runFunctionsBench(),
  callback: async () => (await import('./callback')).runCallbackBench(),
  triage: async () => (await import('./triage')).runTriageBench(),
  reminders: async () => (await import('./reminders')).runRemindersSection(),
  'due-scan': async () => (await import('./due-scan')).runDueScanBench(),
  ledger: async () => (await import('./ledger')).runLedgerSection(),
  pages: async () => (await import('./pages')).runPagesBench(),
};

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const onlyAt = args.indexOf('--only');
  const only = onlyAt >= 0 ? args[onlyAt + 1] : undefined;
  if (onlyAt >= 0 && (!only || !SECTIONS[only])) {
    console.error(`error: --only needs one of: ${Object.keys(SECTIONS).join(', ')}`);
    process.exit(2);
  }
  const file = join(process.cwd(), 'bench/results.json');
  const results: Record<string, unknown> = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  for (const [name, run] of Object.entries(SECTIONS)) {
    if (only && name !== only) continue;
    // Each section starts on a settled heap: none pays for the garbage of the one before.
    await settleHeap();
    const started = Date.now();
    process.stdout.write(`[bench] ${name} … `);
    try {
      const figures = await run();
      if (name === 'functions') Object.assign(results, figures);
      else results[name] = figures;
      process.stdout.write(`${((Date.now() - started) / 1000).toFixed(1)} s\n`);
      console.table(name === 'functions' ? (figures as { functions: Record<string, unknown> }).functions : figures);
    } catch (err) {
      // A failing section's figures are printed too (bench/section-failure.ts): they show how far off it was.
      if (err instanceof SectionFailure) console.table(err.figures);
      process.stdout.write(`failed: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    }
  }
  const targets = targetRows();
  if (targets.length > 0) {
    console.log('[bench] targets of open issues (reported; a run fails only below a floor):');
    console.table(targets);
  }
  results.measuredAt = new Date().toISOString();
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`written ${file}`);
}

void main();
