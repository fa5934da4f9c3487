import { MemberIdSchema } from '../members/member-id';
import { parseInput } from '../../validation';
import { Activities } from './activities';
import { createActivityOperations } from './activity-operations';
import type { PointsDeps } from './deps';
import { IdempotencyKeys } from './idempotency';
import { verifyInvariants, type InvariantReport } from './invariants';
import { PointsLedger } from './ledger';
import { createLedgerOperations } from './ledger-operations';
import { createRedemptionOperations } from './redemption-operations';
import { Redemptions } from './redemptions';
import { RightsStock } from './stock';

export type { EarnResult } from './ledger-operations';
export type { RedemptionView } from './redemption-operations';
export { SIGNUPS_LIMIT } from './activity-operations';

/**
 * The points service: ledger (earn, adjust, balance, history, expiry), rights catalogue and
 * redemption saga, activities. Every input is validated with the exported zod schemas; callers
 * pass the acting person as `actor`, and the journal records it with every entry.
 */
export function createPointsService(deps: PointsDeps) {
  const keys = new IdempotencyKeys(deps.store, () => deps.clock.nowMs());
  const ledger = new PointsLedger(deps);
  const stock = new RightsStock(deps);
  const redemptions = new Redemptions(deps, ledger, stock);
  const activities = new Activities(deps, ledger);

  return {
    ...createLedgerOperations(deps, keys, ledger),
    ...createRedemptionOperations(keys, stock, redemptions),
    ...createActivityOperations(activities),

    /** Recomputes balances, stock, seats and saga states from the stored journals. */
    async verifyInvariants(memberId?: string): Promise<InvariantReport> {
      const id = memberId === undefined ? undefined : parseInput(MemberIdSchema, memberId, 'memberId');
      return verifyInvariants({ ledger, stock, redemptions, activities, nowMs: deps.clock.nowMs() }, id);
    },
  };
}

export type PointsService = ReturnType<typeof createPointsService>;
