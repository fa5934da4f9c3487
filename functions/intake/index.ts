import { createMainHandler } from '../../shared/adapters/triggers/main-handler';
import { loadDeps } from '../../shared/runtime/deps';
import { intakeActions } from './actions';
import { intakeRoutes } from './routes';

/** Health form, readings and exam reports (HTTP and mini-program callFunction). */
export const main_handler = createMainHandler({ name: 'intake', http: intakeRoutes, actions: intakeActions }, loadDeps);
