import { createMainHandler } from '../../shared/runtime/main-handler';
import { loadOutcomesDeps } from './deps';
import { outcomesRoutes } from './routes';
import { outcomesTimer } from './timer';

/** Outcome metrics: daily aggregates (timer), the ops dashboard, and the policy system's reports. */
export const main_handler = createMainHandler({ name: 'outcomes', http: outcomesRoutes, timer: outcomesTimer }, loadOutcomesDeps);
