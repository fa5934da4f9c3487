import { describe, expect, it } from 'vitest';
import { gapLines } from '../../../shared/domain/gap/gap-lines';

const line = { age: 30, annualIncome: 100_000, dependants: { children: 0, parents: 0, spouse: false }, socialInsurance: true, riskTier: 'low' };

describe('gapLines', () => {
  it('answers one report per line, in order, carrying on past bad lines', () => {
    const out = gapLines([JSON.stringify(line), JSON.stringify({ ...line, riskTier: undefined }), 'oops', JSON.stringify({ ...line, age: 40 })]).map((l) => JSON.parse(l));
    expect(out).toHaveLength(4);
    expect(out[0].pricingFactor).toBe(0.8);
    expect(out[1].error).toMatchObject({ code: 'invalid_line', fields: [{ field: 'riskTier' }] });
    expect(out[1].error.message).toMatch(/^line 2: riskTier: /);
    expect(out[2].error.message).toBe('line 3: (root): not valid JSON');
    expect(out[3].premiumBudget).toBe(10_000);
  });

  it('outputs exactly the report fields', () => {
    const out = JSON.parse(gapLines([JSON.stringify(line)])[0] ?? '');
    expect(Object.keys(out).sort()).toEqual(['currentPremium', 'dimensions', 'premiumBudget', 'pricingFactor', 'priority', 'recommendations', 'unclosedGaps']);
  });

  it('rejects unknown fields by name', () => {
    const out = JSON.parse(gapLines([JSON.stringify({ ...line, bonus: 1 })])[0] ?? '');
    expect(out.error.fields).toEqual([{ field: 'bonus', message: 'unknown field' }]);
  });
});
