import { describe, expect, it } from 'vitest';
import { addWorkingTime, escalationStep, slaDueAtMs, type SlaTicket } from '../../../shared/domain/reminders';

const sh = (local: string): number => Date.parse(`${local}+08:00`);
const MIN = 60_000;

// 2026-03-10 is a Tuesday; 2026-03-13 a Friday; 2026-03-14 a Saturday.
describe('slaDueAtMs', () => {
  it('emergencies: acknowledged within 5 minutes, day or night', () => {
    expect(slaDueAtMs({ emergency: true, createdAtMs: sh('2026-03-14T03:00'), role: 'family_doctor' })).toBe(sh('2026-03-14T03:05'));
  });

  it('the emergency window is configurable', () => {
    const t: SlaTicket = { emergency: true, createdAtMs: sh('2026-03-10T10:00'), role: 'family_doctor' };
    expect(slaDueAtMs(t, { emergencyAckMinutes: 3 })).toBe(sh('2026-03-10T10:03'));
    expect(() => slaDueAtMs(t, { emergencyAckMinutes: 0 })).toThrow();
  });

  it('urgent (a doctor today): the family doctor within 30 minutes, on a Saturday night too, then escalates on the same clock', () => {
    const t: SlaTicket = { emergency: false, urgent: true, createdAtMs: sh('2026-03-14T22:00'), role: 'family_doctor' };
    expect(slaDueAtMs(t)).toBe(sh('2026-03-14T22:30'));
    expect(escalationStep(t, sh('2026-03-14T22:31'), ['dr-a', 'dr-b'])).toMatchObject({ action: 'escalate', level: 1, to: 'dr-b' });
  });

  it('health butler (7×24 role): 30 minutes around the clock', () => {
    expect(slaDueAtMs({ emergency: false, createdAtMs: sh('2026-03-14T23:50'), role: 'health_butler' })).toBe(sh('2026-03-15T00:20'));
  });

  it.each([
    ['2026-03-10T10:00', '2026-03-10T12:00', 'inside working hours'],
    ['2026-03-10T17:30', '2026-03-11T10:30', 'spills into the next morning'],
    ['2026-03-10T07:00', '2026-03-10T11:00', 'starts counting at 09:00'],
    ['2026-03-10T19:00', '2026-03-11T11:00', 'after hours starts tomorrow'],
    ['2026-03-13T17:00', '2026-03-16T10:00', 'skips the weekend'],
    ['2026-03-14T11:00', '2026-03-16T11:00', 'opened on Saturday'],
  ])('family doctor, 2 working hours: %s → %s (%s)', (created, due) => {
    expect(slaDueAtMs({ emergency: false, createdAtMs: sh(created), role: 'family_doctor' })).toBe(sh(due));
  });

  it('insurance consultant: 4 working hours', () => {
    expect(slaDueAtMs({ emergency: false, createdAtMs: sh('2026-03-09T15:00'), role: 'insurance_consultant' })).toBe(sh('2026-03-10T10:00'));
  });

  it('working days are configurable', () => {
    expect(addWorkingTime(sh('2026-03-14T11:00'), 120 * MIN, { workingDays: [1, 2, 3, 4, 5, 6] })).toBe(sh('2026-03-14T13:00'));
  });
});

describe('escalationStep', () => {
  const created = sh('2026-03-14T02:00');
  const emergency: SlaTicket = { emergency: true, createdAtMs: created, role: 'family_doctor' };
  const onCall = ['dr-wang', 'dr-li', 'dr-zhao'];

  it('waits on the first on-call inside the window', () => {
    expect(escalationStep(emergency, created + 4 * MIN, onCall)).toEqual({ action: 'wait', assignee: 'dr-wang', nextCheckAtMs: created + 5 * MIN });
  });

  it('escalates one step per unacknowledged window', () => {
    expect(escalationStep(emergency, created + 5 * MIN, onCall)).toEqual({ action: 'escalate', level: 1, to: 'dr-li', nextCheckAtMs: created + 10 * MIN });
    expect(escalationStep(emergency, created + 12 * MIN, onCall)).toEqual({ action: 'escalate', level: 2, to: 'dr-zhao', nextCheckAtMs: created + 15 * MIN });
  });

  it('tells the supervisor once the list is exhausted', () => {
    expect(escalationStep(emergency, created + 15 * MIN, onCall)).toEqual({ action: 'exhausted', level: 3, notifyRole: 'supervisor' });
    expect(escalationStep(emergency, created + 6 * 60 * MIN, onCall)).toEqual({ action: 'exhausted', level: 3, notifyRole: 'supervisor' });
  });

  it('stops once acknowledged', () => {
    expect(escalationStep({ ...emergency, acknowledgedAtMs: created + 2 * MIN }, created + 30 * MIN, onCall)).toEqual({ action: 'acknowledged' });
  });

  it('with nobody on call, the supervisor is told when the window ends', () => {
    expect(escalationStep(emergency, created + MIN, [])).toEqual({ action: 'wait', assignee: null, nextCheckAtMs: created + 5 * MIN });
    expect(escalationStep(emergency, created + 5 * MIN, [])).toEqual({ action: 'exhausted', level: 1, notifyRole: 'supervisor' });
  });

  it('routine tickets escalate on working-hour windows', () => {
    const routine: SlaTicket = { emergency: false, createdAtMs: sh('2026-03-13T17:00'), role: 'family_doctor' };
    expect(escalationStep(routine, sh('2026-03-16T09:59'), onCall)).toEqual({ action: 'wait', assignee: 'dr-wang', nextCheckAtMs: sh('2026-03-16T10:00') });
    expect(escalationStep(routine, sh('2026-03-16T10:00'), onCall)).toEqual({ action: 'escalate', level: 1, to: 'dr-li', nextCheckAtMs: sh('2026-03-16T12:00') });
  });
});
