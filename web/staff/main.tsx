import 'weui/dist/style/weui.css';
import 'uplot/dist/uPlot.min.css';
import './staff.css';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../shared/api';
import { ensureSession, NotStaffError, SignInLoopError } from './auth';
import type { StaffSession } from './api-types';
import { Loading } from './components/Loading';
import { Msg } from './components/Msg';
import { useRoute } from './router';
import { SessionContext } from './session-context';
import { DashboardView } from './views/Dashboard';
import { MemberView } from './views/Member';
import { QueueView } from './views/Queue';
import { ReviewsView } from './views/Reviews';
import { SidebarView } from './views/Sidebar';
import { ContentView } from './views/Content';
import { TicketView } from './views/Ticket';

type Boot = { state: 'signing_in' } | { state: 'ready'; session: StaffSession } | { state: 'not_staff' } | { state: 'failed'; why: keyof typeof SIGN_IN_FAILED };

/** What a failed sign-in says: a loop, too many sign-ins from this address (429), or the network. */
const SIGN_IN_FAILED = {
  loop: '多次登录未成功，请关闭页面后重新打开。',
  busy: '同一网络下登录的人太多，请稍等一分钟再点「重新登录」。',
  network: '暂时无法登录，请检查网络后重试。',
} as const;

function App() {
  const [boot, setBoot] = useState<Boot>({ state: 'signing_in' });
  useEffect(() => {
    ensureSession().then(
      (session) => setBoot({ state: 'ready', session }),
      (err: unknown) =>
        setBoot(
          err instanceof NotStaffError
            ? { state: 'not_staff' }
            : { state: 'failed', why: err instanceof SignInLoopError ? 'loop' : err instanceof ApiError && err.status === 429 ? 'busy' : 'network' },
        ),
    );
  }, []);
  switch (boot.state) {
    case 'signing_in':
      return (
        <main class="page page__main" id="main">
          <h1 class="visually-hidden">健康社群工作台</h1>
          <Loading text="正在登录" />
        </main>
      );
    case 'not_staff':
      return <Msg icon="warn" title="您不在健康社群的服务团队中" desc="工作台只对服务团队成员（家庭医生、健康管家、权益顾问、保险顾问）开放。如需开通，请联系运营管理员把您加入服务团队名册。" />;
    case 'failed':
      return (
        <Msg icon="warn" title="登录失败" desc={SIGN_IN_FAILED[boot.why]}>
          <p class="weui-btn-area">
            <button type="button" class="weui-btn weui-btn_primary" onClick={() => location.reload()}>
              重新登录
            </button>
          </p>
        </Msg>
      );
    case 'ready':
      return (
        <SessionContext.Provider value={boot.session}>
          <Routes />
        </SessionContext.Provider>
      );
  }
}

function Routes() {
  const route = useRoute();
  switch (route.name) {
    case 'queue':
      return <QueueView />;
    case 'ticket':
      return <TicketView ticketId={route.ticketId} />;
    case 'member':
      return <MemberView memberId={route.memberId} readingId={route.readingId} />;
    case 'sidebar':
      return <SidebarView />;
    case 'content':
      return <ContentView />;
    case 'reviews':
      return <ReviewsView />;
    case 'dashboard':
      return <DashboardView />;
    case 'not_found':
      return <Msg icon="info" title="页面不存在" desc="请从工作台首页或消息卡片进入。" />;
  }
}

// Light theme only (dark text on a light background); WeUI would follow the phone's dark mode.
document.body.setAttribute('data-weui-theme', 'light');
render(<App />, document.getElementById('app') as HTMLElement);
