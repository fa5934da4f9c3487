import { describe, expect, it } from 'vitest';
import { riskLines } from '../../../shared/domain/health/risk-lines';
import { baseForm } from './form-fixture';

describe('riskLines', () => {
  it('answers one line per input in order, and carries on past bad lines', () => {
    const lines = [
      JSON.stringify(baseForm()),
      '{not json',
      JSON.stringify({ ...baseForm(), age: 12, foo: 1 }),
      JSON.stringify(baseForm({ conditions: ['diabetes'] })),
    ];
    const out = riskLines(lines).map((l) => JSON.parse(l));
    expect(out).toHaveLength(4);
    expect(out[0]).toEqual({ tier: 'low', score: 0, factors: [] });
    expect(out[1].error).toMatchObject({ code: 'invalid_line', message: 'line 2: (root): not valid JSON' });
    expect(out[2].error.code).toBe('invalid_line');
    expect(out[2].error.message).toMatch(/^line 3: /);
    expect(out[2].error.fields.map((f: { field: string }) => f.field).sort()).toEqual(['age', 'foo']);
    expect(out[3]).toMatchObject({ tier: 'high', score: 0 });
  });

  it('skips blank lines but keeps their numbers', () => {
    const out = riskLines(['', JSON.stringify({ ...baseForm(), sex: 'x' }), '  ']);
    expect(out).toHaveLength(1);
    expect(JSON.parse(out[0] ?? '').error.message).toMatch(/^line 2: sex: /);
  });

  it('does not need consent but accepts a saved submission', () => {
    const out = riskLines([JSON.stringify({ ...baseForm({ age: 60 }), consent: { healthDataProcessing: true, textVersion: 'v1' } })]);
    expect(JSON.parse(out[0] ?? '')).toMatchObject({ tier: 'low', score: 2 });
  });

  it('outputs exactly tier, score and factors', () => {
    const out = JSON.parse(riskLines([JSON.stringify(baseForm({ age: 50 }))])[0] ?? '');
    expect(Object.keys(out).sort()).toEqual(['factors', 'score', 'tier']);
  });
});
