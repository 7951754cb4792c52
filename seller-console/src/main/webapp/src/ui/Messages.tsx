import { useEffect, useState } from 'preact/hooks';
import { errorInWords } from '../api/problems';
import type { Message, MessageMedia } from '../api/types';
import { useConsole } from './context';
import { failureInWords, STATUS_WORDS, when } from './format';

/** The history, oldest first; each outbound message with its delivery status. */
export function Messages({ messages }: { messages: Message[] }) {
  if (messages.length === 0) return <p class="empty">No messages yet: write the first one below.</p>;
  return (
    <ol class="messages" aria-label="Messages, oldest first" data-testid="messages">
      {messages.map((m) => (
        <li key={m.id} class={`message ${m.direction.toLowerCase()}`} data-testid="message" data-direction={m.direction}>
          {m.body && <p class="body">{m.body}</p>}
          {m.media && m.media.length > 0 && <Attachments media={m.media} />}
          <div class="meta">
            <time dateTime={m.occurredAt}>{when(m.occurredAt)}</time>
            {m.direction === 'OUTBOUND' && <Status message={m} />}
          </div>
        </li>
      ))}
    </ol>
  );
}

/** The status; a failure shows its reason on hover (title) and on tap or Enter (the button toggles it). */
function Status({ message }: { message: Message }) {
  const [shown, setShown] = useState(false);
  const delivery = message.delivery;
  const status = delivery?.status ?? 'QUEUED';
  const failed = status === 'FAILED' || status === 'UNDELIVERED';
  if (!failed) {
    return (
      <span class={`status ${status.toLowerCase()}`} data-testid="delivery-status" data-status={status}>
        {STATUS_WORDS[status]}
      </span>
    );
  }
  const reason = failureInWords(delivery?.reason ?? null, delivery?.providerCode ?? null);
  const id = `reason-${message.id}`;
  return (
    <span class="status-wrap">
      <button
        type="button"
        class={`status ${status.toLowerCase()}`}
        title={reason}
        aria-expanded={shown}
        aria-controls={id}
        onClick={() => setShown(!shown)}
        data-testid="delivery-status"
        data-status={status}
      >
        {STATUS_WORDS[status]} ⓘ
      </button>
      {shown && (
        <span id={id} class="reason" role="note" data-testid="failure-reason">
          {reason}
        </span>
      )}
    </span>
  );
}

/** A message's MMS attachments: pictures inline, anything else as a link that opens it. */
function Attachments({ media }: { media: MessageMedia[] }) {
  return (
    <ul class="attachments" data-testid="attachments">
      {media.map((item) => (
        <li key={item.index}>
          {item.href === null ? (
            <span class="attachment unavailable">Attachment ({item.contentType}) not available</span>
          ) : item.contentType.startsWith('image/') ? (
            <InlineImage href={item.href} />
          ) : (
            <AttachmentLink href={item.href} contentType={item.contentType} />
          )}
        </li>
      ))}
    </ul>
  );
}

function InlineImage({ href }: { href: string }) {
  const { api } = useConsole();
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let objectUrl: string | null = null;
    let gone = false;
    api.media(href).then(
      (blob) => {
        if (gone) return;
        objectUrl = URL.createObjectURL(blob);
        setUrl(objectUrl);
      },
      (e) => !gone && setError(errorInWords(e)),
    );
    return () => {
      gone = true;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [href]);
  if (error) return <span class="attachment unavailable">{error}</span>;
  return url ? <img class="attachment" src={url} alt="Picture the customer sent" /> : <span class="attachment">Loading picture…</span>;
}

function AttachmentLink({ href, contentType }: { href: string; contentType: string }) {
  const { api } = useConsole();
  const [error, setError] = useState<string | null>(null);
  const open = () =>
    api.media(href).then(
      (blob) => window.open(URL.createObjectURL(blob), '_blank', 'noopener'),
      (e) => setError(errorInWords(e)),
    );
  return (
    <span>
      <button type="button" class="attachment link" onClick={open}>
        Open attachment ({contentType})
      </button>
      {error && <span class="attachment unavailable">{error}</span>}
    </span>
  );
}
