import { describe, expect, it } from 'vitest';
import { SCENES } from '../../../shared/domain/team/roles';
import { CAMPAIGN_MAX_CHARS, decodeSceneState, encodeSceneState, STATE_MAX_CHARS } from '../../../shared/services/welcome/scene-state';
import { ValidationError } from '../../../shared/errors';

describe('contact-way state', () => {
  it('round-trips every scene, with and without a campaign', () => {
    for (const scene of SCENES) {
      const plain = encodeSceneState({ scene });
      expect(decodeSceneState(plain)).toEqual({ scene, ref: plain.split('.')[2] });
      const withCampaign = encodeSceneState({ scene, campaign: 'spring_25-A' });
      expect(decodeSceneState(withCampaign)).toMatchObject({ scene, campaign: 'spring_25-A' });
    }
  });

  it("fits WeCom's 30-character limit even with the longest campaign", () => {
    const campaign = 'c'.repeat(CAMPAIGN_MAX_CHARS);
    const state = encodeSceneState({ scene: 'reactivation', campaign });
    expect(state.length).toBe(STATE_MAX_CHARS);
    expect(decodeSceneState(state)).toMatchObject({ scene: 'reactivation', campaign });
  });

  it('refuses a campaign that would not fit or carries other characters, naming the field', () => {
    for (const campaign of ['c'.repeat(CAMPAIGN_MAX_CHARS + 1), 'has space', 'dot.ted', '']) {
      const err = (() => {
        try {
          encodeSceneState({ scene: 'policy_delivery', campaign });
        } catch (e) {
          return e;
        }
      })();
      expect(err).toBeInstanceOf(ValidationError);
      expect((err as ValidationError).details?.fields?.[0]?.field).toBe('campaign');
    }
  });

  it('gives each code its own state', () => {
    const states = new Set(Array.from({ length: 200 }, () => encodeSceneState({ scene: 'policy_delivery' })));
    expect(states.size).toBeGreaterThan(195);
  });

  it('reads foreign or broken states as "scene unknown" rather than guessing', () => {
    for (const state of [undefined, '', 'teststate', 'YTxj4yDKAE_NFbc_', 'h1.xx.ab12', 'h2.pd.ab12', 'h1.pd.AB12', 'h1.pd', 'h1.pd.ab12.ok.extra', `h1.pd.ab12.${'c'.repeat(20)}`]) {
      expect(decodeSceneState(state), String(state)).toBeUndefined();
    }
  });
});
