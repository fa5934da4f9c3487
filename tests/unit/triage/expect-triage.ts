import { expect } from 'vitest';
import { classify } from '../../../shared/domain/triage';

/**
 * The assertions the family tests of the held-out rounds share (rounds-*.test.ts): what a member's
 * message must come out as, named by what the doctor on call would need.
 */
export const emergency = (text: string, flag: string): void => {
  const c = classify(text);
  expect([c.emergency, c.role], text).toEqual([true, 'family_doctor']);
  expect(c.redFlags, text).toContain(flag);
};

export const urgent = (text: string): void => {
  const c = classify(text);
  expect([c.disposition, c.role], text).toEqual(['urgent', 'family_doctor']);
};

export const notEmergency = (text: string): void => {
  expect(classify(text).emergency, text).toBe(false);
};

export const routes = (text: string, role: string): void => {
  const c = classify(text);
  expect([c.emergency, c.role], text).toEqual([false, role]);
};
