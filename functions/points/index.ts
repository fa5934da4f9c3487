import { createMainHandler } from '../../shared/runtime/main-handler';
import { loadDeps } from '../../shared/runtime/deps';
import { pointsActions } from './actions';
import { pointsRoutes } from './routes';
import { pointsTimer } from './timer';

/** Points ledger, rights redemption and activities. */
export const main_handler = createMainHandler({ name: 'points', http: pointsRoutes, timer: pointsTimer, actions: pointsActions }, loadDeps);
