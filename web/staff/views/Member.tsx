import { api } from '../api';
import type { ProfileSummary } from '../api-types';
import { Cell, RiskFactorList } from '../components/Cells';
import { ErrorView } from '../components/ErrorView';
import { Loading } from '../components/Loading';
import { Page, Section } from '../components/Page';
import { useLoad } from '../hooks';
import { FOUR_R_ORDER, INTAKE_STATUS_ZH, MEMBER_STATUS_ZH, ROLE_ZH, SCENE_ZH, TAG_DIMENSION_ZH, TIER_ZH, label } from '../labels';
import { memberLabel } from '../tickets';
import { useSession } from '../session-context';
import { formatDate } from '../../shared/time';
import { HealthSections } from './HealthSections';
import { InsuranceSection } from './InsuranceSection';
import { RightsSection } from './RightsSection';

/** Roles that read health data (the policy's health.read); others are never offered those sections. */
export const HEALTH_ROLES = new Set(['family_doctor', 'health_butler']);
/**
 * Roles the policy lets read the summary (`?view=summary` needs tier.read: clinicians and the insurance
 * consultant). The rights consultant is not asked for it — the page shows their own sections only.
 */
export const SUMMARY_ROLES = new Set(['family_doctor', 'health_butler', 'insurance_consultant']);

/**
 * A member: who they are, their 4R team, tier and tags for everyone on the team; then what the
 * viewer's role works with — health (doctor, butler), gap analysis (insurance consultant), points and
 * redemptions (rights consultant). `inChat`: opened from a chat toolbar, so text can go into the chat.
 */
export function MemberView(props: { memberId: string; readingId: string | null; inChat?: boolean; back?: { href: string; text: string } | undefined }) {
  const session = useSession();
  const role = session?.role ?? '';
  const [load, reload] = useLoad(
    () => (SUMMARY_ROLES.has(role) ? api.get<ProfileSummary>(`/api/intake/members/${encodeURIComponent(props.memberId)}/profile?view=summary`) : Promise.resolve(null)),
    [props.memberId, role],
  );
  const back = props.back ?? { href: '/staff/', text: '我的工单' };
  if (load.state === 'loading') return <Page title="客户" back={back}><Loading /></Page>;
  if (load.state === 'error') return <ErrorView error={load.error} retry={reload} />;
  if (!load.data) {
    return (
      <Page title={memberLabel(null, props.memberId)} back={back}>
        {role === 'rights_consultant' ? <RightsSection memberId={props.memberId} /> : <p class="empty">您的角色在这里没有可查看的内容。</p>}
      </Page>
    );
  }
  const m = load.data;
  const name = memberLabel(m.name ?? m.displayName, m.memberId);
  const factors = m.tierFactors ?? m.factors ?? [];
  return (
    <Page title={name} back={back}>
      <Section title="基本信息" id="summary">
        <div class="weui-cells">
          <Cell k="服务状态" v={label(MEMBER_STATUS_ZH, m.status)} />
          <Cell k="加入场景" v={label(SCENE_ZH, m.scene)} />
          <Cell k="加入时间" v={formatDate(m.joinedAtMs)} />
          <Cell k="健康表单" v={label(INTAKE_STATUS_ZH, m.intakeStatus)} />
          <div class="weui-cell">
            <div class="weui-cell__bd">风险等级</div>
            <div class="weui-cell__ft">{m.tier ? <span class={`badge badge_tier_${m.tier}`}>{label(TIER_ZH, m.tier)}</span> : '尚未评估'}</div>
          </div>
        </div>
        {factors.length > 0 && (
          <RiskFactorList factors={factors} />
        )}
      </Section>

      <Section title="4R 服务团队" id="team">
        <ul class="weui-cells">
          {FOUR_R_ORDER.map((r) => (
            <li class="weui-cell" key={r}>
              <div class="weui-cell__bd">{label(ROLE_ZH, r)}</div>
              <div class="weui-cell__ft">{m.team[r] ? (m.team[r]?.name ?? m.team[r]?.userId) : '未分配'}</div>
            </li>
          ))}
        </ul>
      </Section>

      <Section title="标签" id="tags">
        {m.tags.length === 0 ? (
          <p class="empty">暂无标签。</p>
        ) : (
          <ul class="tags">
            {m.tags.map((t) => (
              <li key={`${t.dimension}:${t.code}`} class="tag" title={label(TAG_DIMENSION_ZH, t.dimension)}>
                {t.labelZh}
              </li>
            ))}
          </ul>
        )}
      </Section>

      {HEALTH_ROLES.has(role) && <HealthSections memberId={m.memberId} readingId={props.readingId} showFactors={factors.length === 0} />}
      {role === 'insurance_consultant' && <InsuranceSection memberId={m.memberId} inChat={props.inChat ?? false} />}
      {role === 'rights_consultant' && <RightsSection memberId={m.memberId} />}
    </Page>
  );
}
