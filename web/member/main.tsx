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
  useEffect(() => {
    const on = () => setPath(location.pathname);
    addEventListener('popstate', on);
    return () => removeEventListener('popstate', on);
  }, []);
  if (path.startsWith('/m/privacy')) return <PrivacyPage />;
  if (!memberSlot.get()) return <LinkProblemPage problem="missing" />;
  if (path.startsWith('/m/report')) return <ReportPage />;
  if (path.startsWith('/m/reminders')) return <ReminderRoute />;
  return <FormPage />;
}

render(<App />, document.getElementById('app') as HTMLElement);
