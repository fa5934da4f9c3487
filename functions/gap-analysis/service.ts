import type { AppDeps } from '../../shared/runtime/deps';
import { createGapAnalysisService, type GapAnalysisService } from '../../shared/services/gap-analysis/gap-analysis-service';

const services = new WeakMap<AppDeps, GapAnalysisService>();

/** One service per deps object (warm invocations share it; tests swap deps). */
export function gapServiceFor(deps: AppDeps): GapAnalysisService {
  let service = services.get(deps);
  if (!service) services.set(deps, (service = createGapAnalysisService(deps)));
  return service;
}
