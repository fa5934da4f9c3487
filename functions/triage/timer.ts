import { eventFromPlaintext } from '../../shared/http/wecom-callback';
import type { AppDeps } from '../../shared/runtime/deps';
import { servicesOf } from './wiring';

/**
 * Every 5 minutes: callbacks whose processing failed are run again from the inbox, and customer
 * messages left half-handled (a crash between steps) are resumed, so a quiet period between
 * customer messages does not leave anyone waiting.
 */
export async function triageTimer(_event: unknown, deps: AppDeps) {
  const service = servicesOf(deps).triage;
  const inbox = await deps.inbox.retryFailed('triage', (entry) => service.handleCallback(eventFromPlaintext(entry.plaintext)));
  const resumed = await service.resumePending();
  return { inbox, resumed };
}
