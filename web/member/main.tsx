import 'weui/dist/style/weui.css';
import './member.css';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { FormPage } from './form';
import { memberSlot, takeLinkToken } from './link';
import { LinkProblemPage } from './common';
import { PrivacyPage } from './privacy';
import { RemindersPage as ReminderRoute } from './reminders';
import { ReportPage } from './report';

/**
 * The member pages under /m/: the health form, the first health report, 「我的提醒」 and the privacy
 * notice. The welcome link's token is taken from the fragment before anything renders.
 */
takeLinkToken(location, history, memberSlot);

function App() {
  const [path, setPath] = useState(location.pathname);
  const [visit, setVisit] = useState(0);
  useEffect(() => {
    const on = () => setPath(location.pathname);
    // Another link opened in this tab changes only the fragment: take its token and start over.
    const onHash = () => {
      takeLinkToken(location, history, memberSlot);
      setVisit((v) => v + 1);
    };
    addEventListener('popstate', on);
    addEventListener('hashchange', onHash);
    return () => {
      removeEventListener('popstate', on);
      removeEventListener('hashchange', onHash);
    };
  }, []);
  return <Page key={visit} path={path} />;
}

function Page({ path }: { path: string }) {
  if (path.startsWith('/m/privacy')) return <PrivacyPage />;
  if (!memberSlot.get()) return <LinkProblemPage problem="missing" />;
  if (path.startsWith('/m/report')) return <ReportPage />;
  if (path.startsWith('/m/reminders')) return <ReminderRoute />;
  return <FormPage />;
}

render(<App />, document.getElementById('app') as HTMLElement);
