/**
 * Redemption lifecycle. `pending`, `failing` and `cancelling` are saga states (work half done,
 * recover() finishes them); the rest are what members and the rights consultant see.
 */
export const REDEMPTION_STATUSES = [
  'pending',
  'failing',
  'failed',
  'reserved',
  'booked',
  'fulfilled',
  'cancelling',
  'cancelled',
] as const;
export type RedemptionStatus = (typeof REDEMPTION_STATUSES)[number];

/** Statuses the rights consultant may set by hand. */
export const FULFILMENT_TARGETS = ['booked', 'fulfilled', 'cancelled'] as const;
export type FulfilmentTarget = (typeof FULFILMENT_TARGETS)[number];

const NEXT: Record<RedemptionStatus, readonly RedemptionStatus[]> = {
  pending: ['reserved', 'failing', 'failed'],
  failing: ['failed'],
  failed: [],
  reserved: ['booked', 'cancelling'],
  booked: ['fulfilled', 'cancelling'],
  fulfilled: [],
  cancelling: ['cancelled'],
  cancelled: [],
};

export const canTransition = (from: RedemptionStatus, to: RedemptionStatus): boolean => NEXT[from].includes(to);

/** Saga states that recover() drives to completion. */
export const IN_FLIGHT_STATUSES = ['pending', 'failing', 'cancelling'] as const satisfies readonly RedemptionStatus[];

/** Statuses in which the member holds the right: points spent and a unit of stock reserved. */
export const HOLDING_STATUSES = ['reserved', 'booked', 'fulfilled'] as const satisfies readonly RedemptionStatus[];
