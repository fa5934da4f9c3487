import { compositionRoot } from '../../shared/runtime/composition';
import type { AppDeps } from '../../shared/runtime/deps';
import { createGapAnalysisService } from '../../shared/services/gap-analysis/gap-analysis-service';

/** The gap-analysis function's composition root: its routes and callFunction actions read services from here. */
export const servicesOf = compositionRoot((deps: AppDeps) => ({
  gapAnalysis: createGapAnalysisService(deps),
}));
