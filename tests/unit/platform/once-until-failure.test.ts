import { describe, expect, it } from 'vitest';
import { onceUntilFailure } from '../../../shared/once-until-failure';

/** An attempt the test settles by hand, counting how often it was started. */
function controlled<T>() {
  const pending: { resolve: (v: T) => void; reject: (e: unknown) => void }[] = [];
  const attempt = () =>
    new Promise<T>((resolve, reject) => {
      pending.push({ resolve, reject });
    });
  return { attempt, pending };
}

describe('a start-up step run once unless it failed', () => {
  it('gives concurrent callers one attempt and reuses its success', async () => {
    const c = controlled<string>();
    const ready = onceUntilFailure(c.attempt);
    const first = ready();
    const second = ready();
    expect(c.pending).toHaveLength(1);
    c.pending[0]!.resolve('client');
    await expect(Promise.all([first, second])).resolves.toEqual(['client', 'client']);
    await expect(ready()).resolves.toBe('client');
    expect(c.pending).toHaveLength(1);
  });

  it('passes a failure to every caller of that attempt, and the next call tries again', async () => {
    const c = controlled<string>();
    const ready = onceUntilFailure(c.attempt);
    const callers = [ready(), ready()];
    const boom = new Error('index build refused');
    c.pending[0]!.reject(boom);
    for (const p of callers) await expect(p).rejects.toBe(boom);

    const retry = ready();
    expect(c.pending).toHaveLength(2);
    c.pending[1]!.resolve('client');
    await expect(retry).resolves.toBe('client');
    await expect(ready()).resolves.toBe('client');
    expect(c.pending).toHaveLength(2);
  });

  it('lets a caller retry from its own failure handler', async () => {
    let calls = 0;
    const ready = onceUntilFailure(async () => {
      calls += 1;
      if (calls === 1) throw new Error('first cold start failed');
      return calls;
    });
    const value = await ready().catch(() => ready());
    expect(value).toBe(2);
  });

  it('does not remember a synchronous throw', async () => {
    let calls = 0;
    const ready = onceUntilFailure((): Promise<number> => {
      calls += 1;
      if (calls === 1) throw new Error('no such module');
      return Promise.resolve(calls);
    });
    expect(() => ready()).toThrow('no such module');
    await expect(ready()).resolves.toBe(2);
  });

  it('forget() hands back the remembered attempt, and its later failure leaves a newer one alone', async () => {
    const c = controlled<string>();
    const ready = onceUntilFailure(c.attempt);
    expect(ready.forget()).toBeUndefined();
    const old = ready();
    expect(ready.forget()).toBe(old);
    const newer = ready();
    expect(c.pending).toHaveLength(2);
    c.pending[1]!.resolve('new');
    c.pending[0]!.reject(new Error('late failure of the forgotten attempt'));
    await expect(old).rejects.toThrow('late failure');
    await expect(newer).resolves.toBe('new');
    expect(ready()).toBe(newer);
    expect(c.pending).toHaveLength(2);
  });
});
