import { createMainHandler } from '../../shared/adapters/triggers/main-handler';
import { loadDeps } from '../../shared/runtime/deps';
import { intakeRoutes } from './routes';

/** Health form, readings and exam reports (HTTP and mini-program callFunction). */
export const main_handler = createMainHandler({ name: 'intake', http: intakeRoutes }, loadDeps);
