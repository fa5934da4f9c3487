import * as z from 'zod';
import { CONDITIONS } from '../health/form';
import { COVERAGE_TYPES } from './types';

/** Whole CNY; the cap keeps every multiple used by the rules an exact integer. */
const cny = z.int().nonnegative().max(100_000_000_000);

export const PolicySchema = z.strictObject({
  type: z.enum(COVERAGE_TYPES),
  sumAssured: cny,
  annualPremium: cny,
});

export const DependantsSchema = z.strictObject({
  children: z.int().min(0).max(20),
  parents: z.int().min(0).max(4),
  spouse: z.boolean(),
});

/** Amounts are whole CNY. */
export const GapInputSchema = z.strictObject({
  age: z.int().min(18).max(100),
  annualIncome: cny,
  debts: cny.default(0),
  liquidAssets: cny.default(0),
  dependants: DependantsSchema,
  socialInsurance: z.boolean(),
  riskTier: z.enum(['low', 'medium', 'high']).optional(),
  policies: z.array(PolicySchema).default([]),
  /** Diagnosed conditions, when known, so products that exclude them are not offered. */
  conditions: z.array(z.enum(CONDITIONS)).optional(),
});
export type GapInput = z.infer<typeof GapInputSchema>;
export type GapInputRaw = z.input<typeof GapInputSchema>;
