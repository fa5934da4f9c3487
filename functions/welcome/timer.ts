import { eventFromPlaintext } from '../../shared/http/wecom-callback';
import { handleWelcomeEvent } from '../../shared/services/welcome/handle-event';
import type { AppDeps } from '../../shared/runtime/deps';
import { servicesOf } from './wiring';

/** Every 5 minutes: callbacks whose processing failed (or stalled) are run again from the inbox. */
export function welcomeTimer(_event: unknown, deps: AppDeps) {
  return deps.inbox.retryFailed('welcome', (entry) => handleWelcomeEvent(servicesOf(deps).events, eventFromPlaintext(entry.plaintext)));
}
