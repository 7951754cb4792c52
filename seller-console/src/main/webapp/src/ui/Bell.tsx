import { useEffect, useRef, useState } from 'preact/hooks';
import type { AppNotification } from '../api/types';
import { errorInWords } from '../api/problems';
import { useConsole } from './context';
import { when } from './format';
import { ErrorNotice } from './Notice';
import { go, link } from './router';

const KIND_LABEL: Record<string, string> = {
  INBOUND_MESSAGE: 'New SMS',
  MISSING_SELLER_PRIVILEGE: 'Seller privilege missing',
  OUTBOUND_FAILED: 'Not delivered',
  CONVERSATION_MOVED: 'Moved',
};

/** The bell: unread count and the list, kept current by the live stream (and re-read after every reconnect). */
export function Bell({ live, connections }: { live: AppNotification | null; connections: number }) {
  const { api } = useConsole();
  const [open, setOpen] = useState(false);
  const [items, setItems] = useState<AppNotification[]>([]);
  const [unread, setUnread] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const panel = useRef<HTMLDivElement>(null);

  const reload = () =>
    Promise.all([api.notifications(), api.unreadNotifications()])
      .then(([list, count]) => {
        setItems(list.items);
        setUnread(count.unread);
        setError(null);
      })
      .catch((e) => setError(errorInWords(e)));

  // After each (re)connection: what was read elsewhere, or arrived while offline, shows again.
  useEffect(() => {
    if (connections > 0) void reload();
  }, [connections]);

  useEffect(() => {
    if (!live) return;
    setItems((current) => (current.some((n) => n.id === live.id) ? current : [live, ...current]));
    if (!live.readAt) setUnread((n) => n + 1);
    setAnnouncement(`${live.title}. ${live.text}`);
  }, [live]);

  const openNotification = async (notification: AppNotification) => {
    try {
      if (!notification.readAt) {
        const read = await api.markNotificationRead(notification.id);
        setItems((current) => current.map((n) => (n.id === read.id ? read : n)));
        setUnread((n) => Math.max(0, n - 1));
      }
      if (notification.kind !== 'MISSING_SELLER_PRIVILEGE' && notification.link?.conversationId) {
        setOpen(false);
        go(link.conversation(notification.link.conversationId));
      }
    } catch (e) {
      setError(errorInWords(e));
    }
  };

  const markAll = async () => {
    try {
      await api.markAllNotificationsRead();
      await reload();
    } catch (e) {
      setError(errorInWords(e));
    }
  };

  useEffect(() => {
    if (!open) return;
    panel.current?.querySelector<HTMLElement>('button, a')?.focus();
    const close = (event: KeyboardEvent) => event.key === 'Escape' && setOpen(false);
    window.addEventListener('keydown', close);
    return () => window.removeEventListener('keydown', close);
  }, [open]);

  return (
    <div class="bell">
      <button
        type="button"
        class="bell-button"
        aria-expanded={open}
        aria-controls="notifications"
        aria-label={`Notifications, ${unread} unread`}
        onClick={() => setOpen(!open)}
        data-testid="bell"
      >
        <svg aria-hidden="true" viewBox="0 0 24 24" width="18" height="18" fill="currentColor">
          <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1z" />
        </svg>
        {unread > 0 && (
          <span class="badge" data-testid="bell-unread">
            {unread}
          </span>
        )}
      </button>
      <div class="sr-only" aria-live="polite">
        {announcement}
      </div>
      {open && (
        <div id="notifications" class="bell-panel" ref={panel} role="region" aria-label="Notifications">
          <div class="bell-head">
            <h2>Notifications</h2>
            <button type="button" class="link" onClick={() => void markAll()} disabled={unread === 0}>
              Mark all read
            </button>
          </div>
          <ErrorNotice message={error} onDismiss={() => setError(null)} />
          {items.length === 0 && <p class="empty">No notifications yet.</p>}
          <ul>
            {items.map((n) => (
              <li key={n.id} class={`notification ${n.readAt ? 'read' : 'unread'} kind-${n.kind}`}>
                <button type="button" onClick={() => void openNotification(n)} data-testid="notification">
                  <span class="kind">{KIND_LABEL[n.kind] ?? n.kind}</span>
                  <strong>{n.title}</strong>
                  <span class="text">{n.text}</span>
                  {n.kind === 'MISSING_SELLER_PRIVILEGE' && (
                    <span class="privilege">
                      You cannot open SMS conversations without the Seller SMS privilege. Contact your administrator.
                    </span>
                  )}
                  <time dateTime={n.createdAt}>{when(n.createdAt)}</time>
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
