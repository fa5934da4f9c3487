import 'weui/dist/style/weui.css';
import './member.css';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { FunctionComponent } from 'preact';
import { FormPage } from './form';
import { memberSlot, takeLinkToken } from './link';
import { LinkProblemPage, Loading } from './common';

/**
 * The member pages under /m/: the health form, the first health report, 「我的提醒」, 「我的授权」 and the
 * privacy notice. The welcome link's token is taken from the fragment before anything renders.
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

/**
 * The form comes with the first load (the welcome link opens it); the other pages are fetched when
 * first opened, so the form is usable sooner on a slow phone (bench/pages.ts).
 */
const LATER: Record<string, () => Promise<FunctionComponent>> = {
  '/m/privacy': () => import('./privacy').then((m) => m.PrivacyPage),
  '/m/report': () => import('./report').then((m) => m.ReportPage),
  '/m/reminders': () => import('./reminders').then((m) => m.RemindersPage),
  '/m/consents': () => import('./consents').then((m) => m.ConsentsPage),
  '/m/score': () => import('./score').then((m) => m.ScorePage),
};

function Later({ load }: { load: () => Promise<FunctionComponent> }) {
  const [Comp, setComp] = useState<FunctionComponent | null>(null);
  useEffect(() => {
    let gone = false;
    void load().then((c) => {
      if (!gone) setComp(() => c);
    });
    return () => {
      gone = true;
    };
  }, [load]);
  return Comp ? <Comp /> : <Loading />;
}

function Page({ path }: { path: string }) {
  const later = Object.entries(LATER).find(([prefix]) => path.startsWith(prefix))?.[1];
  if (path.startsWith('/m/privacy') && later) return <Later load={later} />;
  if (!memberSlot.get()) return <LinkProblemPage problem="missing" />;
  if (later) return <Later load={later} />;
  return <FormPage />;
}

render(<App />, document.getElementById('app') as HTMLElement);
