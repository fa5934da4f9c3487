import { createMainHandler } from '../../shared/runtime/main-handler';
import { loadDeps } from '../../shared/runtime/deps';
import { triageActions } from './actions';
import { triageRoutes } from './routes';
import { triageTimer } from './timer';

/** Customer questions from 微信客服, the mini-program and staff forwards: classify, ticket, route, reply. */
export const main_handler = createMainHandler({ name: 'triage', http: triageRoutes, timer: triageTimer, actions: triageActions }, loadDeps);
