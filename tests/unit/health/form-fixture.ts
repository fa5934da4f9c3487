import type { HealthForm } from '../../../shared/domain/health/form';

/** A 30-year-old with nothing to score: BMI 20.8, no readings, active, no history. */
export const baseForm = (overrides: Partial<HealthForm> = {}): HealthForm => ({
  age: 30,
  sex: 'male',
  heightCm: 170,
  weightKg: 60,
  smoking: 'never',
  drinking: 'never',
  exerciseDaysPerWeek: 3,
  familyHistory: [],
  conditions: [],
  ...overrides,
});
