/**
 * The workbench's routes (notes/workbench-contract.md "Pages"), parsed from the path; in-app links
 * move with history.pushState so a back gesture inside WeCom returns to the queue.
 */
import { useEffect, useState } from 'preact/hooks';

export type Route =
  | { name: 'queue' }
  | { name: 'ticket'; ticketId: string }
  | { name: 'member'; memberId: string; readingId: string | null }
  | { name: 'sidebar' }
  | { name: 'content' }
  | { name: 'reviews' }
  | { name: 'dashboard' }
  | { name: 'not_found' };

export function parseRoute(pathname: string, search: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  const params = new URLSearchParams(search);
  if (path === '/staff' || path === '/staff/index.html') return { name: 'queue' };
  if (path === '/staff/sidebar') return { name: 'sidebar' };
  if (path === '/staff/content') return { name: 'content' };
  if (path === '/staff/reviews') return { name: 'reviews' };
  if (path === '/staff/dashboard') return { name: 'dashboard' };
  let m = /^\/staff\/tickets\/([^/]+)$/.exec(path);
  if (m) return { name: 'ticket', ticketId: decodeURIComponent(m[1] as string) };
  m = /^\/staff\/members\/([^/]+)$/.exec(path);
  if (m) return { name: 'member', memberId: decodeURIComponent(m[1] as string), readingId: params.get('reading') };
  return { name: 'not_found' };
}

const listeners = new Set<() => void>();

export function navigate(href: string): void {
  history.pushState(null, '', href);
  window.scrollTo(0, 0);
  for (const l of listeners) l();
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.pathname, location.search));
  useEffect(() => {
    const update = () => setRoute(parseRoute(location.pathname, location.search));
    listeners.add(update);
    window.addEventListener('popstate', update);
    return () => {
      listeners.delete(update);
      window.removeEventListener('popstate', update);
    };
  }, []);
  return route;
}

/** A click on an in-app link: stay in the page (a modified click opens a tab as usual). */
export function onLinkClick(e: MouseEvent): void {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const a = (e.currentTarget as HTMLAnchorElement | null)?.closest('a');
  if (!a || a.origin !== location.origin) return;
  e.preventDefault();
  navigate(a.pathname + a.search);
}

export const ticketHref = (id: string) => `/staff/tickets/${encodeURIComponent(id)}`;
export const memberHref = (id: string) => `/staff/members/${encodeURIComponent(id)}`;
export const dashboardHref = '/staff/dashboard';
