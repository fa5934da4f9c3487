import { createMainHandler } from '../../shared/runtime/main-handler';
import { loadDeps } from '../../shared/runtime/deps';
import { welcomeRoutes } from './routes';
import { welcomeTimer } from './timer';

/** WeCom customer-contact callback: new external contacts and group joins. */
export const main_handler = createMainHandler({ name: 'welcome', http: welcomeRoutes, timer: welcomeTimer }, loadDeps);
