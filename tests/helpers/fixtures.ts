import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const fixturePath = (...parts: string[]) => join(__dirname, '..', 'fixtures', ...parts);
export const readFixture = (...parts: string[]) => readFileSync(fixturePath(...parts), 'utf8');
export const jsonFixture = <T = unknown>(...parts: string[]) => JSON.parse(readFixture(...parts)) as T;
