import { buildWeb } from '../../scripts/build-web';

/**
 * The web function serves dist/web (functions/web/index.ts); build it once before any test starts a
 * stack, so the pages the browser tests open are the ones this checkout's sources make.
 */
export default async function setup(): Promise<void> {
  await buildWeb();
}
