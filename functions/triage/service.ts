import { llmFromConfig } from '../../shared/adapters/hunyuan/llm-from-config';
import { DEFAULT_DUPLICATE_WINDOW_MS, DEFAULT_MEMBER_DAILY_CAP } from '../../shared/domain/reminders/policy';
import type { AppDeps } from '../../shared/runtime/deps';
import { createMemberStateStore } from '../../shared/services/reminders/member-state';
import { createTriageService, type TriageService } from '../../shared/services/triage';

const services = new WeakMap<AppDeps, TriageService>();

/** One service per deps object (warm invocations share it; tests swap deps). The model client is built lazily. */
export function triageServiceFor(deps: AppDeps): TriageService {
  let service = services.get(deps);
  if (!service) {
    const llm = llmFromConfig(deps.config);
    // A member writing to us is a response: the reminder capability's follow-up cadence starts over.
    const memberState = createMemberStateStore(deps.store, { dailyCap: DEFAULT_MEMBER_DAILY_CAP, duplicateWindowMs: DEFAULT_DUPLICATE_WINDOW_MS });
    service = createTriageService(deps, { ...(llm && { llm }), onCustomerMessage: (memberId, atMs) => memberState.recordResponse(memberId, atMs) });
    services.set(deps, service);
  }
  return service;
}
