import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../shared/errors';
import { batchMassTasks, chooseChannel, type ChannelInput } from '../../../shared/domain/reminders';

const HOUR = 3_600_000;
const now = Date.parse('2026-03-10T10:00:00+08:00');

const input = (over: Partial<ChannelInput> = {}): ChannelInput => ({
  audience: 'member',
  kfWindow: { lastCustomerMsgAtMs: null, sentSinceThen: 0 },
  subscription: null,
  nowMs: now,
  ...over,
});

const kfWindow = (ageMs: number, sentSinceThen: number) => ({ lastCustomerMsgAtMs: now - ageMs, sentSinceThen });
const sub = { templateId: 'tmpl-bp', remaining: 1 };

describe('chooseChannel', () => {
  it('reaches staff by app message whatever the kf window says', () => {
    const choice = chooseChannel(input({ audience: 'staff', kfWindow: kfWindow(HOUR, 0), subscription: sub }));
    expect(choice).toMatchObject({ channel: 'app_message', code: 'staff_app_message' });
  });

  it('uses kf/send_msg inside the 48 h window', () => {
    const choice = chooseChannel(input({ kfWindow: kfWindow(3 * HOUR, 2), subscription: sub }));
    expect(choice.channel).toBe('kf');
    expect(choice.code).toBe('kf_window_open');
    expect(choice.reason).toMatch(/^kf_window_open: .*3h ago, 2\/5/);
  });

  it('allows the 5th message and refuses the 6th', () => {
    expect(chooseChannel(input({ kfWindow: kfWindow(HOUR, 4) })).channel).toBe('kf');
    expect(chooseChannel(input({ kfWindow: kfWindow(HOUR, 5) })).channel).not.toBe('kf');
  });

  it('closes the window at exactly 48 h', () => {
    expect(chooseChannel(input({ kfWindow: kfWindow(48 * HOUR - 1, 0) })).channel).toBe('kf');
    expect(chooseChannel(input({ kfWindow: kfWindow(48 * HOUR, 0) })).channel).toBe('mass_task');
  });

  it('falls back to a remaining one-time subscription', () => {
    const choice = chooseChannel(input({ kfWindow: kfWindow(49 * HOUR, 0), subscription: sub }));
    expect(choice).toMatchObject({ channel: 'subscribe_message', code: 'subscription_available' });
    expect(choice.reason).toContain('tmpl-bp');
  });

  it('uses the subscription when the kf quota is spent inside the window', () => {
    expect(chooseChannel(input({ kfWindow: kfWindow(HOUR, 5), subscription: sub })).channel).toBe('subscribe_message');
  });

  it('falls back to a butler-confirmed mass task without window or subscription', () => {
    expect(chooseChannel(input())).toMatchObject({ channel: 'mass_task', code: 'mass_task_fallback' });
    expect(chooseChannel(input({ subscription: { templateId: 'tmpl-bp', remaining: 0 } })).channel).toBe('mass_task');
  });

  it('rejects a negative sent counter', () => {
    expect(() => chooseChannel(input({ kfWindow: { lastCustomerMsgAtMs: now, sentSinceThen: -1 } }))).toThrow(ValidationError);
  });
});

describe('batchMassTasks', () => {
  it('makes one confirm task per butler and content, de-duplicating recipients', () => {
    const batches = batchMassTasks([
      { senderUserId: 'butler-a', externalUserId: 'wm1', contentKey: 'bp' },
      { senderUserId: 'butler-b', externalUserId: 'wm2', contentKey: 'bp' },
      { senderUserId: 'butler-a', externalUserId: 'wm3', contentKey: 'bp' },
      { senderUserId: 'butler-a', externalUserId: 'wm1', contentKey: 'bp' },
      { senderUserId: 'butler-a', externalUserId: 'wm1', contentKey: 'med' },
    ]);
    expect(batches).toEqual([
      { senderUserId: 'butler-a', contentKey: 'bp', externalUserIds: ['wm1', 'wm3'] },
      { senderUserId: 'butler-b', contentKey: 'bp', externalUserIds: ['wm2'] },
      { senderUserId: 'butler-a', contentKey: 'med', externalUserIds: ['wm1'] },
    ]);
  });

  it('splits a batch at the recipient limit', () => {
    const items = ['wm1', 'wm2', 'wm3', 'wm4', 'wm5'].map((externalUserId) => ({ senderUserId: 'butler-a', externalUserId, contentKey: 'bp' }));
    expect(batchMassTasks(items, 2).map((b) => b.externalUserIds)).toEqual([['wm1', 'wm2'], ['wm3', 'wm4'], ['wm5']]);
  });
});
