import { llmFromConfig } from '../../shared/adapters/hunyuan/llm-from-config';
import { DEFAULT_DUPLICATE_WINDOW_MS, DEFAULT_MEMBER_DAILY_CAP } from '../../shared/domain/reminders/policy';
import { compositionRoot } from '../../shared/runtime/composition';
import type { AppDeps } from '../../shared/runtime/deps';
import { createMemberStateStore } from '../../shared/services/reminders/member-state';
import { createTriageService } from '../../shared/services/triage';

/**
 * The triage function's composition root: its routes, actions and timer read services from here.
 * The model client is built lazily (llmFromConfig). A member writing to us is a response: the
 * reminder capability's follow-up cadence starts over (its member state, not a reminder service).
 */
export const servicesOf = compositionRoot((deps: AppDeps) => {
  const llm = llmFromConfig(deps.config);
  const memberState = createMemberStateStore(deps.store, { dailyCap: DEFAULT_MEMBER_DAILY_CAP, duplicateWindowMs: DEFAULT_DUPLICATE_WINDOW_MS });
  return {
    triage: createTriageService(deps, { ...(llm && { llm }), onCustomerMessage: (memberId, atMs) => memberState.recordResponse(memberId, atMs) }),
  };
});
