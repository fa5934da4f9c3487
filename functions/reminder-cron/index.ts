import { createMainHandler } from '../../shared/runtime/main-handler';
import { loadDeps } from '../../shared/runtime/deps';
import { reminderActions } from './actions';
import { reminderCronRoutes } from './routes';
import { reminderTimer } from './timer';

/** Every-minute timer delivering due reminders; staff reminder routes; mini-program subscriptions. */
export const main_handler = createMainHandler({ name: 'reminder-cron', http: reminderCronRoutes, timer: reminderTimer, actions: reminderActions }, loadDeps);
