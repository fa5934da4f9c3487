import { compositionRoot } from '../../shared/runtime/composition';
import type { AppDeps } from '../../shared/runtime/deps';
import { createOutboundReview } from '../../shared/services/review/review-step';
import type { JoinDeps } from '../../shared/services/welcome/join';

/**
 * The welcome function's composition root: the callback route and the inbox retry timer handle
 * customer-contact events with the same dependencies, including the one outbound review step every
 * welcome text passes (rules only, no model: the welcome code's 20 s leave no room for one;
 * shared/services/review/review-step.ts asks the model about texts people write only); the member
 * repository the handlers read and write through is AppDeps' own (`members`). The team and
 * sign-in routes are use cases over AppDeps and need no service object.
 */
export const servicesOf = compositionRoot((deps: AppDeps) => ({
  events: { ...deps, review: createOutboundReview({ ...deps, llmTimeoutMs: 0 }) } satisfies JoinDeps,
}));
