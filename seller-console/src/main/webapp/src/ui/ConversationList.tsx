import { useEffect, useState } from 'preact/hooks';
import { errorInWords } from '../api/problems';
import type { ConversationItem, RecordType } from '../api/types';
import { useConsole } from './context';
import { recordTypeName, when } from './format';
import { ErrorNotice } from './Notice';
import { link } from './router';

const TYPES: RecordType[] = ['CONTACT', 'ACCOUNT', 'OPPORTUNITY', 'LEAD'];

/** "My SMS conversations": most recent activity first, unread counts, filters, and a page at a time. */
export function ConversationList() {
  const { api, onLive } = useConsole();
  const [recordType, setRecordType] = useState<RecordType | ''>('');
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [items, setItems] = useState<ConversationItem[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);

  const load = async (before: string | null) => {
    setLoading(true);
    try {
      const page = await api.conversations({ recordType, unread: unreadOnly, before });
      setItems((current) => (before ? [...current, ...page.items] : page.items));
      setNext(page.nextCursor);
      setError(null);
    } catch (e) {
      setError(errorInWords(e));
    } finally {
      setLoading(false);
    }
  };

  useEffect(() => {
    void load(null);
  }, [recordType, unreadOnly]);

  // A new reply moves its conversation to the top: read the first page again.
  useEffect(() => onLive((n) => n.kind !== 'MISSING_SELLER_PRIVILEGE' && void load(null)), [recordType, unreadOnly]);

  return (
    <section aria-labelledby="list-title">
      <h1 id="list-title" tabIndex={-1}>
        My SMS conversations
      </h1>
      <form class="filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          Record type{' '}
          <select value={recordType} onChange={(e) => setRecordType(e.currentTarget.value as RecordType | '')}>
            <option value="">All</option>
            {TYPES.map((type) => (
              <option value={type} key={type}>
                {recordTypeName(type)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <input type="checkbox" checked={unreadOnly} onChange={(e) => setUnreadOnly(e.currentTarget.checked)} /> Unread only
        </label>
      </form>
      <ErrorNotice message={error} />
      {!loading && items.length === 0 && !error && <p class="empty">No conversations here yet.</p>}
      <ul class="conversations" data-testid="conversation-list">
        {items.map((c) => (
          <li key={c.id} class={c.unreadCount > 0 ? 'unread' : ''}>
            <a href={link.conversation(c.id)} data-testid="conversation" data-customer={c.customerNumber}>
              <span class="record">
                {c.record.name ?? 'An unnamed record'} <span class="type">{recordTypeName(c.record.type)}</span>
              </span>
              <span class="numbers">
                {c.customerNumber} ↔ {c.businessNumber}
              </span>
              <span class="last">
                {c.lastMessage ? `${c.lastMessage.direction === 'OUTBOUND' ? 'You: ' : ''}${c.lastMessage.text}` : 'No messages yet'}
              </span>
              <time dateTime={c.lastActivityAt}>{when(c.lastActivityAt)}</time>
              {c.unreadCount > 0 && (
                <span class="badge" aria-label={`${c.unreadCount} unread`}>
                  {c.unreadCount}
                </span>
              )}
            </a>
          </li>
        ))}
      </ul>
      {loading && <p role="status">Loading…</p>}
      {next && !loading && (
        <button type="button" class="secondary" onClick={() => void load(next)}>
          Show older conversations
        </button>
      )}
    </section>
  );
}
