import { createMainHandler } from '../../shared/runtime/main-handler';
import { loadDeps } from '../../shared/runtime/deps';
import { gapAnalysisActions } from './actions';
import { gapAnalysisRoutes } from './routes';

/** Protection-gap report and product matching for the insurance consultant. */
export const main_handler = createMainHandler({ name: 'gap-analysis', http: gapAnalysisRoutes, actions: gapAnalysisActions }, loadDeps);
