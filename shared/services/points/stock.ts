import { RIGHTS, type RightId } from '../../domain/points/rights-catalogue';
import { emptyStockState, planStock, type StockEffect, type StockOp, type StockState } from '../../domain/points/stock';
import type { PointsActor } from '../../domain/points/types';
import type { PointsDeps } from './deps';
import { SerialStream, type AppendResult } from './serial-stream';

/** Stock per right as a SerialStream: reserve/release are exactly-once per redemption key. */
export class RightsStock {
  readonly stream: SerialStream<StockState, StockEffect>;

  constructor(private readonly deps: PointsDeps) {
    this.stream = new SerialStream(deps.store, 'points_stock', emptyStockState, () => deps.clock.nowMs(), { hooks: deps.hooks });
  }

  apply(rightId: RightId, key: string, fingerprint: string, op: StockOp, actor: PointsActor): Promise<AppendResult<StockState, StockEffect>> {
    const ctx = { rightId, initialStock: RIGHTS[rightId].initialStock, actor };
    return this.stream.append(rightId, key, fingerprint, (state) => planStock(state, op, { ...ctx, atMs: this.deps.clock.nowMs() }));
  }

  async level(rightId: RightId): Promise<{ available: number; reserved: number; total: number }> {
    const { state } = await this.stream.head(rightId);
    if (!state.seeded) return { available: RIGHTS[rightId].initialStock, reserved: 0, total: RIGHTS[rightId].initialStock };
    return { available: state.available, reserved: state.reserved, total: state.total };
  }
}
