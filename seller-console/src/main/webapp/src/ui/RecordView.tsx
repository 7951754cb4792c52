import { useEffect, useState } from 'preact/hooks';
import { errorInWords } from '../api/problems';
import type { RecordConversation, RecordConversations, SendingNumber } from '../api/types';
import { useConsole } from './context';
import { recordTypeName, when } from './format';
import { ErrorNotice } from './Notice';
import { go, link } from './router';

/** A record's conversations per phone number; a contact's related opportunities in a drop-down; open or start. */
export function RecordView({ id }: { id: string }) {
  const { api } = useConsole();
  const [data, setData] = useState<RecordConversations | null>(null);
  const [numbers, setNumbers] = useState<SendingNumber[]>([]);
  const [opportunity, setOpportunity] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    Promise.all([api.record(id), api.sendingNumbers()]).then(
      ([record, sending]) => {
        setData(record);
        setNumbers(sending.items);
      },
      (e) => setError(errorInWords(e)),
    );
  }, [id]);

  const start = async (customer: string, business: string) => {
    try {
      const opened = await api.openOrStart(id, customer, business);
      go(link.conversation(opened.id));
    } catch (e) {
      setError(errorInWords(e));
    }
  };

  if (!data) {
    return (
      <section>
        <h1 tabIndex={-1}>Record</h1>
        <ErrorNotice message={error} />
        {!error && <p role="status">Loading…</p>}
      </section>
    );
  }
  const { record } = data;
  const owner = record.owner?.sellerName ?? record.owner?.teamName ?? 'nobody';
  const related = data.relatedOpportunities ?? [];
  const selected = related.find((o) => o.id === opportunity);

  return (
    <section aria-labelledby="record-title">
      <h1 id="record-title" tabIndex={-1}>
        {record.name ?? 'An unnamed record'}
      </h1>
      <p class="sub">
        {recordTypeName(record.type)} · owned by {owner}
        {!record.inDirectory && ' · not in the directory (yet)'}
      </p>
      <ErrorNotice message={error} onDismiss={() => setError(null)} />
      {data.numbers.map((n) => (
        <div class="number" key={n.number}>
          <h2>
            {n.number} <span class="type">{n.kind.toLowerCase()}</span>
          </h2>
          <ConversationLinks items={n.conversations} />
          <StartForm customer={n.number} numbers={numbers} onStart={start} />
        </div>
      ))}
      {data.otherNumbers.length > 0 && (
        <div class="number">
          <h2>Numbers the record no longer lists</h2>
          <ConversationLinks items={data.otherNumbers} />
        </div>
      )}
      {record.type === 'CONTACT' && (
        <div class="related">
          <label>
            Related opportunity{' '}
            <select value={opportunity} onChange={(e) => setOpportunity(e.currentTarget.value)} data-testid="related-opportunity">
              <option value="">{related.length ? 'Choose an opportunity…' : 'None'}</option>
              {related.map((o) => (
                <option value={o.id} key={o.id}>
                  {o.name} ({o.relation === 'CUSTOMER' ? 'customer' : 'related contact'}
                  {o.active ? '' : ', inactive'})
                </option>
              ))}
            </select>
          </label>
          {selected && (
            <div aria-live="polite">
              <h2>
                <a href={link.record(selected.id)}>{selected.name}</a>
              </h2>
              <ConversationLinks items={selected.conversations} />
            </div>
          )}
        </div>
      )}
      {data.activities && (
        <div class="activities">
          <h2>Activities</h2>
          <ConversationLinks items={data.activities} />
        </div>
      )}
    </section>
  );
}

function ConversationLinks({ items }: { items: RecordConversation[] }) {
  if (items.length === 0) return <p class="empty">No conversations you may see.</p>;
  return (
    <ul class="conversations">
      {items.map((c) => (
        <li key={c.id} class={c.unreadCount > 0 ? 'unread' : ''}>
          <a href={link.conversation(c.id)}>
            <span class="numbers">
              {c.customerNumber} ↔ {c.businessNumber}
            </span>
            <span class="last">{c.lastMessage?.text ?? 'No messages yet'}</span>
            <time dateTime={c.lastActivityAt}>{when(c.lastActivityAt)}</time>
            {c.unreadCount > 0 && <span class="badge">{c.unreadCount}</span>}
          </a>
        </li>
      ))}
    </ul>
  );
}

function StartForm(props: { customer: string; numbers: SendingNumber[]; onStart(customer: string, business: string): void }) {
  const [business, setBusiness] = useState(props.numbers[0]?.number ?? '');
  useEffect(() => setBusiness((b) => b || props.numbers[0]?.number || ''), [props.numbers]);
  if (props.numbers.length === 0) return null;
  return (
    <form
      class="start"
      onSubmit={(e) => {
        e.preventDefault();
        props.onStart(props.customer, business);
      }}
    >
      <label>
        From{' '}
        <select value={business} onChange={(e) => setBusiness(e.currentTarget.value)}>
          {props.numbers.map((n) => (
            <option value={n.number} key={n.number}>
              {n.name} ({n.number})
            </option>
          ))}
        </select>
      </label>
      <button type="submit" class="secondary">
        Open or start the conversation
      </button>
    </form>
  );
}
