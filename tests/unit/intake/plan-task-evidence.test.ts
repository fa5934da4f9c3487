import { describe, expect, it } from 'vitest';
import type { LogFields, Logger } from '../../../shared/ports/logger';
import type { IntakeDeps } from '../../../shared/services/intake/deps';
import { answerPlanTask } from '../../../shared/services/intake/plan-task-evidence';

function capturingLog(): Logger & { lines: { level: string; msg: string; fields?: LogFields }[] } {
  const lines: { level: string; msg: string; fields?: LogFields }[] = [];
  const at = (level: string) => (msg: string, fields?: LogFields) => void lines.push({ level, msg, ...(fields && { fields }) });
  const log = { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error'), child: () => log };
  return log;
}

describe('answerPlanTask', () => {
  it('a failed completion is logged without what the member measures', async () => {
    const log = capturingLog();
    const deps = {
      log,
      completePlanTask: async () => {
        throw new Error('store unavailable');
      },
    } as unknown as IntakeDeps;
    await answerPlanTask(deps, 'm_1', 'glucose', 1_700_000_000_000);
    expect(log.lines).toHaveLength(1);
    expect(log.lines[0]?.fields).toEqual({ memberId: 'm_1', error: 'store unavailable' });
    // What a monitoring task measures says something about the member's health (shared/domain/health/plan-tasks.ts).
    expect(JSON.stringify(log.lines)).not.toContain('glucose');
  });
});
