import { Cron } from 'croner';
import { toCroner, type DeployManifest } from './deploy-manifest';

/**
 * Fires timer functions by the cron expressions in serverless.yml. Tencent evaluates timer rules
 * in UTC+8, so the local scheduler does too.
 */
export function startScheduler(manifest: DeployManifest, fire: (fn: string, triggerName: string) => Promise<unknown>, onError: (fn: string, err: unknown) => void): { stop(): void } {
  const jobs = manifest.timers.map(
    (t) =>
      new Cron(toCroner(t.cron7), { timezone: 'Asia/Shanghai', protect: true }, async () => {
        try {
          await fire(t.function, t.name);
        } catch (err) {
          onError(t.function, err);
        }
      }),
  );
  return { stop: () => jobs.forEach((j) => j.stop()) };
}
