import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** A full collection on demand (as `--expose-gc` gives). */
export const collectGarbage = (() => {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
})();

/**
 * A full collection, then time for V8's concurrent, lazy sweeping to finish: what comes next does not
 * pay for the garbage of what came before (a section after the due scan's million documents).
 */
export async function settleHeap(): Promise<void> {
  collectGarbage();
  await new Promise((resolve) => setTimeout(resolve, 500));
}
