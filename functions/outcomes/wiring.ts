import { compositionRoot } from '../../shared/runtime/composition';
import { createPartnerReports } from '../../shared/services/outcomes/partner';
import type { OutcomesDeps } from './deps';

/**
 * The outcomes function's composition root, over its own narrower dependencies (deps.ts: no WeCom
 * client, no cipher). The dashboard and the daily aggregation are use cases over those dependencies
 * and need no service object.
 */
export const servicesOf = compositionRoot((deps: OutcomesDeps) => ({
  partner: createPartnerReports({ store: deps.store, authorize: deps.authorize, clock: deps.clock, corpId: deps.config.WECOM_CORP_ID }),
}));
