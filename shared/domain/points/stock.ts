import type { PointsActor } from './types';

/** Stock of one right, serialised per right like a member's points. */
export interface StockState {
  seeded: boolean;
  total: number;
  available: number;
  reserved: number;
}

export type StockOp =
  | { type: 'seed'; quantity: number }
  | { type: 'restock'; quantity: number }
  | { type: 'reserve'; redemptionId: string }
  | { type: 'release'; redemptionId: string };

export interface StockEffect {
  rightId: string;
  kind: StockOp['type'];
  status: 'applied' | 'refused';
  refusedCode?: 'out_of_stock';
  delta: number;
  redemptionId?: string;
  atMs: number;
  actor: PointsActor;
}

export const emptyStockState = (): StockState => ({ seeded: false, total: 0, available: 0, reserved: 0 });

export function applyStock(state: StockState, e: StockEffect): StockState {
  if (e.status === 'refused') return state;
  switch (e.kind) {
    case 'seed':
      return { seeded: true, total: e.delta, available: e.delta, reserved: 0 };
    case 'restock':
      return { ...state, total: state.total + e.delta, available: state.available + e.delta };
    case 'reserve':
      return { ...state, available: state.available - 1, reserved: state.reserved + 1 };
    case 'release':
      return { ...state, available: state.available + 1, reserved: state.reserved - 1 };
  }
}

export type StockPlan = { kind: 'housekeeping' | 'append'; effect: StockEffect; after: StockState };

/**
 * The next stock entry. An unseeded right is seeded first with its catalogue stock. Running out
 * is recorded (the redemption saga needs that decision to be durable and the same on every retry).
 */
export function planStock(
  state: StockState,
  op: StockOp,
  ctx: { rightId: string; initialStock: number; atMs: number; actor: PointsActor },
): StockPlan {
  const base = { rightId: ctx.rightId, atMs: ctx.atMs, actor: ctx.actor };
  const done = (kind: StockPlan['kind'], effect: StockEffect): StockPlan => ({ kind, effect, after: applyStock(state, effect) });
  if (!state.seeded && op.type !== 'seed') {
    return done('housekeeping', { ...base, kind: 'seed', status: 'applied', delta: ctx.initialStock });
  }
  switch (op.type) {
    case 'seed':
      return done('append', { ...base, kind: 'seed', status: 'applied', delta: op.quantity });
    case 'restock':
      return done('append', { ...base, kind: 'restock', status: 'applied', delta: op.quantity });
    case 'reserve':
      if (state.available <= 0) {
        return done('append', { ...base, kind: 'reserve', status: 'refused', refusedCode: 'out_of_stock', delta: 0, redemptionId: op.redemptionId });
      }
      return done('append', { ...base, kind: 'reserve', status: 'applied', delta: -1, redemptionId: op.redemptionId });
    case 'release':
      return done('append', { ...base, kind: 'release', status: 'applied', delta: 1, redemptionId: op.redemptionId });
  }
}
