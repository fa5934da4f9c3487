import { FOUR_R_ROLES, ROLE_LABELS_ZH, type FourRRole, type Scene } from '../../domain/team/roles';
import type { MessageAttachment } from '../../ports/wecom-api';
import { FORM_LINK_CARD_ZH, SERVICE_BOUNDARY_ZH, TEAM_HEADING_ZH, UNSTAFFED_ZH, WELCOME_TEMPLATES } from './welcome-texts';

export interface WelcomeInput {
  scene: Scene | undefined;
  /** Display names of the member's team by role; a missing role reads "稍后为您安排". */
  teamNames: Partial<Record<FourRRole, string>>;
  formUrl: string;
}

export interface WelcomeContent {
  text: string;
  attachments: MessageAttachment[];
}

export function teamLines(teamNames: WelcomeInput['teamNames']): string {
  const lines = FOUR_R_ROLES.map((role) => `· ${ROLE_LABELS_ZH[role]}：${teamNames[role] ?? UNSTAFFED_ZH}`);
  return [TEAM_HEADING_ZH, ...lines].join('\n');
}

/** The welcome for one member: scene greeting, their 4R team, the service boundary, and the form link card. */
export function composeWelcome(input: WelcomeInput): WelcomeContent {
  const template = WELCOME_TEMPLATES[input.scene ?? 'default'];
  const text = template.replace('{team}', teamLines(input.teamNames)).replace('{boundary}', SERVICE_BOUNDARY_ZH);
  return { text, attachments: [{ msgtype: 'link', link: { title: FORM_LINK_CARD_ZH.title, desc: FORM_LINK_CARD_ZH.desc, url: input.formUrl } }] };
}
