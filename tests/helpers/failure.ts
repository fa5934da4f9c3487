import type { AppError } from '../../shared/errors';

/** The error `p` rejects with, for asserting its code and fields; fails the test if `p` resolves. */
export async function failure(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    return err as AppError;
  }
  throw new Error('expected a failure');
}
