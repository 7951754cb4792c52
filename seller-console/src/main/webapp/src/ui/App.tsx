import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Api } from '../api/client';
import type { AppNotification } from '../api/types';
import type { Session } from '../auth/session';
import { NotificationStream, type StreamState } from '../live/notificationStream';
import { Bell } from './Bell';
import { ConversationList } from './ConversationList';
import { ConversationPane } from './ConversationPane';
import { ConsoleContext, type Console } from './context';
import { OpenConversation } from './OpenConversation';
import { RecordView } from './RecordView';
import { link, useRoute } from './router';

export function App({ api, session }: { api: Api; session: Session }) {
  const route = useRoute();
  const listeners = useRef(new Set<(n: AppNotification) => void>());
  const [streamState, setStreamState] = useState<StreamState>('connecting');
  const [live, setLive] = useState<AppNotification | null>(null);
  const [connections, setConnections] = useState(0);

  const value = useMemo<Console>(
    () => ({
      api,
      sellerId: session.sellerId,
      onLive: (listener) => {
        listeners.current.add(listener);
        return () => listeners.current.delete(listener);
      },
    }),
    [api, session],
  );

  useEffect(() => {
    const stream = new NotificationStream<AppNotification>(
      api.streamUrl(),
      { fetch: (...args) => fetch(...args), token: () => session.token(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) },
      {
        onEvent: (notification) => {
          setLive(notification);
          listeners.current.forEach((listener) => listener(notification));
        },
        onState: setStreamState,
        onConnected: () => setConnections((n) => n + 1),
      },
    );
    void stream.start();
    return () => stream.stop();
  }, [api, session]);

  // Moving focus to the new page's heading tells keyboard and screen-reader users where they are.
  const main = useRef<HTMLElement>(null);
  useEffect(() => {
    main.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [route]);

  return (
    <ConsoleContext.Provider value={value}>
      <a class="skip" href="#main" onClick={(e) => { e.preventDefault(); main.current?.focus(); }}>
        Skip to content
      </a>
      <header class="top">
        <a class="brand" href={link.conversations()}>
          SMS conversations
        </a>
        <nav aria-label="Main">
          <a href={link.conversations()} aria-current={route.page === 'conversations' ? 'page' : undefined}>
            My SMS conversations
          </a>
        </nav>
        <span class={`live-state ${streamState}`} role="status" data-state={streamState}>
          {streamState === 'live' ? 'Live' : streamState === 'stopped' ? 'Offline' : 'Connecting…'}
        </span>
        <Bell live={live} connections={connections} />
        <span class="who" data-testid="signed-in-as">{session.displayName}</span>
        <button type="button" class="secondary" onClick={() => void session.signOut()}>
          Sign out
        </button>
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        {route.page === 'conversations' && <ConversationList />}
        {route.page === 'conversation' && <ConversationPane key={route.id} id={route.id} />}
        {route.page === 'record' && <RecordView key={route.id} id={route.id} />}
        {route.page === 'open' && <OpenConversation {...route} />}
      </main>
    </ConsoleContext.Provider>
  );
}
