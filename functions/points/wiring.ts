import { compositionRoot } from '../../shared/runtime/composition';
import type { AppDeps } from '../../shared/runtime/deps';
import { createPointsApi } from '../../shared/services/points/gated-api';
import { createMemberPointsService } from '../../shared/services/points/member-points';

/**
 * The points function's composition root: one points service, and the gated API over it that the
 * routes and callFunction actions share; the timer runs recovery and expiry on the same service.
 */
export const servicesOf = compositionRoot((deps: AppDeps) => {
  const points = createMemberPointsService(deps);
  return {
    points,
    api: createPointsApi({ members: deps.members, authorize: deps.authorize, staffSessions: deps.staffSessions, points }),
  };
});
