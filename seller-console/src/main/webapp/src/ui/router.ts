import { useEffect, useState } from 'preact/hooks';

export type Route =
  | { page: 'conversations' }
  | { page: 'conversation'; id: string }
  | { page: 'record'; id: string }
  | { page: 'open'; recordId: string; customer: string; business: string };

/** Hash routes, so the console needs no server-side fallback and the sign-in redirect keeps the seller's place. */
export function parseRoute(hash: string): Route {
  const [path, queryString] = hash.replace(/^#/, '').split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const query = new URLSearchParams(queryString ?? '');
  if (parts[0] === 'conversations' && parts[1]) return { page: 'conversation', id: parts[1] };
  if (parts[0] === 'records' && parts[1] && parts[2] === 'open') {
    return { page: 'open', recordId: parts[1], customer: query.get('customer') ?? '', business: query.get('business') ?? '' };
  }
  if (parts[0] === 'records' && parts[1]) return { page: 'record', id: parts[1] };
  return { page: 'conversations' };
}

export const link = {
  conversations: () => '#/conversations',
  conversation: (id: string) => `#/conversations/${encodeURIComponent(id)}`,
  record: (id: string) => `#/records/${encodeURIComponent(id)}`,
};

export function go(hash: string): void {
  window.location.hash = hash;
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const follow = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  return route;
}
