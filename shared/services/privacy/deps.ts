import type { AppDeps } from '../../runtime/deps';
import type { ReminderService } from '../reminders/reminder-service';
import { createRequestStore, type RequestStore } from './requests';

/** What the privacy capability uses of the platform. */
export type PrivacyDeps = Pick<AppDeps, 'config' | 'store' | 'clock' | 'log' | 'cipher' | 'audit' | 'wecom' | 'members' | 'authorize'>;

/** Per-request options: the HTTP request id, stamped on the audit entries. */
export interface CallOptions {
  requestId?: string;
}

export interface PrivacyContext {
  deps: PrivacyDeps;
  requests: RequestStore;
  /** The reminder capability's service (cancelForMember on withdrawal and erasure), from the function's composition root. */
  reminders: Pick<ReminderService, 'cancelForMember'>;
}

export function createPrivacyContext(deps: PrivacyDeps, ports: Pick<PrivacyContext, 'reminders'>): PrivacyContext {
  return {
    deps,
    requests: createRequestStore(deps.store),
    reminders: ports.reminders,
  };
}
