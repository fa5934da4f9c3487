import { describe, expect, it } from 'vitest';
import { SCENES } from '../../../shared/domain/team/roles';
import { composeWelcome } from '../../../shared/services/welcome/welcome-message';
import { WELCOME_TEMPLATES } from '../../../shared/services/welcome/welcome-texts';

const team = { family_doctor: '李医生', health_butler: '徐管家', rights_consultant: '何顾问', insurance_consultant: '王顾问' };
const url = 'https://health.example.test/api/intake/form#t=abc.def';

describe('welcome message', () => {
  it('names the whole 4R team, states the service boundary and links the form, for every scene', () => {
    for (const scene of [...SCENES, undefined]) {
      const { text, attachments } = composeWelcome({ scene, teamNames: team, formUrl: url });
      expect(text).toContain('家庭医生：李医生');
      expect(text).toContain('健康管家：徐管家');
      expect(text).toContain('权益顾问：何顾问');
      expect(text).toContain('保险顾问：王顾问');
      expect(text).toContain('不做疾病诊断');
      expect(text).toContain('120');
      expect(text).not.toMatch(/\{\w+\}/);
      expect(attachments).toEqual([{ msgtype: 'link', link: expect.objectContaining({ title: '健康信息采集表', url }) }]);
    }
  });

  it('greets each scene differently', () => {
    const openings = [...SCENES, undefined].map((scene) => composeWelcome({ scene, teamNames: team, formUrl: url }).text.split('\n')[0]);
    expect(new Set(openings).size).toBe(4);
    expect(openings[0]).toContain('保单');
    expect(openings[1]).toContain('理赔');
  });

  it('says a role will be arranged when nobody could take it yet', () => {
    const { text } = composeWelcome({ scene: 'claims_service', teamNames: { family_doctor: '赵医生' }, formUrl: url });
    expect(text).toContain('保险顾问：稍后为您安排');
    expect(text).toContain('家庭医生：赵医生');
  });

  it('stays within send_welcome_msg’s 4000 bytes with long names', () => {
    const long = '名'.repeat(32);
    for (const scene of Object.keys(WELCOME_TEMPLATES)) {
      const { text } = composeWelcome({ scene: scene === 'default' ? undefined : (scene as (typeof SCENES)[number]), teamNames: { family_doctor: long, health_butler: long, rights_consultant: long, insurance_consultant: long }, formUrl: url });
      expect(Buffer.byteLength(text, 'utf8')).toBeLessThanOrEqual(4000);
    }
  });
});
