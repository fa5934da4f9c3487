/**
 * A start-up step (an index, a lazily imported SDK client, a cold start's dependencies) run once and
 * reused, unless it failed: a failure reaches the callers that shared that attempt, and the next call
 * tries again, so one bad moment (the database not yet reachable, a missing variable fixed by a
 * redeploy) does not disable the instance for the rest of its life.
 */
export interface OnceUntilFailure<T> {
  /** The attempt under way or succeeded; a new one when there is none or the last one failed. */
  (): Promise<T>;
  /** Drops the remembered attempt (the next call starts anew) and returns it, if there was one. */
  forget(): Promise<T> | undefined;
}

/**
 * `attempt` is called on the first call and again after a failure. A synchronous throw from it reaches
 * the caller and is not remembered. A remembered attempt that fails after `forget()` (or after a newer
 * attempt started) clears nothing newer.
 */
export function onceUntilFailure<T>(attempt: () => Promise<T>): OnceUntilFailure<T> {
  let current: Promise<T> | undefined;
  const get = (): Promise<T> => {
    if (current) return current;
    const started = attempt();
    current = started;
    // Attached before any caller awaits, so by the time a caller sees the failure the next call retries.
    started.catch(() => {
      if (current === started) current = undefined;
    });
    return started;
  };
  return Object.assign(get, {
    forget(): Promise<T> | undefined {
      const dropped = current;
      current = undefined;
      return dropped;
    },
  });
}
