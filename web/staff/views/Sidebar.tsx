import { api, ApiError } from '../api';
import { Loading } from '../components/Loading';
import { Msg } from '../components/Msg';
import { useLoad } from '../hooks';
import { wecom } from '../wecom';
import { MemberView } from './Member';

/** Entries where WeCom knows the customer of the current chat or profile (wecom-sidebar.md §3). */
const CUSTOMER_ENTRIES = new Set(['single_chat_tools', 'contact_profile', 'single_kf_tools']);
/** Entries with a chat that sendChatMessage can put text into. */
const CHAT_ENTRIES = new Set(['single_chat_tools', 'single_kf_tools']);

type Resolved = { kind: 'member'; memberId: string; entry: string } | { kind: 'no_customer'; entry: string } | { kind: 'unknown_customer' } | { kind: 'not_yours' };

/** The chat toolbar: where was I opened → which customer → which member → the member view. */
export function SidebarView() {
  const [load, reload] = useLoad(async (): Promise<Resolved> => {
    const ww = await wecom();
    const { entry } = await ww.getContext();
    if (!CUSTOMER_ENTRIES.has(entry)) return { kind: 'no_customer', entry };
    const { userId } = await ww.getCurExternalContact();
    try {
      const { memberId } = await api.get<{ memberId: string }>(`/api/intake/members/by-external/${encodeURIComponent(userId)}`);
      return { kind: 'member', memberId, entry };
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) return { kind: 'unknown_customer' };
      if (err instanceof ApiError && err.status === 403) return { kind: 'not_yours' };
      throw err;
    }
  }, []);
  if (load.state === 'loading') return <main class="page page__main" id="main"><h1 class="visually-hidden">客户侧边栏</h1><Loading text="正在识别当前客户" /></main>;
  if (load.state === 'error') {
    return (
      <Msg icon="warn" title="无法识别当前客户" desc={load.error instanceof Error ? load.error.message : '企业微信接口调用失败'}>
        <p class="weui-btn-area">
          <button type="button" class="weui-btn weui-btn_primary" onClick={reload}>
            重试
          </button>
        </p>
      </Msg>
    );
  }
  const r = load.data;
  switch (r.kind) {
    case 'no_customer':
      return r.entry === 'normal' ? (
        <Msg icon="info" title="请从与客户的聊天工具栏打开" desc="本页面用于查看当前聊天的客户。请在与客户的单聊中，点击聊天工具栏里的「健康社群」打开。" />
      ) : (
        <Msg icon="info" title="请在与单个客户的聊天中打开" desc="群聊等场景无法确定是哪一位客户。请在与客户的单聊工具栏中打开。" />
      );
    case 'unknown_customer':
      return <Msg icon="info" title="该客户尚未加入健康社群" desc="客户添加服务团队成员为好友并完成登记后，这里会显示客户档案。" />;
    case 'not_yours':
      return <Msg icon="warn" title="您不是这位客户的服务团队成员" desc="只有客户的 4R 服务团队可以查看客户档案。" />;
    case 'member':
      return <MemberView memberId={r.memberId} readingId={null} inChat={CHAT_ENTRIES.has(r.entry)} back={undefined} />;
  }
}
