import { createMainHandler } from '../../shared/runtime/main-handler';
import { loadDeps } from '../../shared/runtime/deps';
import { intakeActions } from './actions';
import { intakeRoutes } from './routes';
import { intakeTimer } from './timer';

/** Health form, readings and exam reports (HTTP and mini-program callFunction). */
export const main_handler = createMainHandler({ name: 'intake', http: intakeRoutes, timer: intakeTimer, actions: intakeActions }, loadDeps);
