import { randomBytes } from 'node:crypto';

/** Collection-name prefix unique to this test run, so runs against a shared database never collide. */
export const runPrefix = (): string => `ct${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
