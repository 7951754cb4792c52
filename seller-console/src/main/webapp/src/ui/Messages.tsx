import { useState } from 'preact/hooks';
import type { Message } from '../api/types';
import { failureInWords, STATUS_WORDS, when } from './format';

/** The history, oldest first; each outbound message with its delivery status. */
export function Messages({ messages }: { messages: Message[] }) {
  if (messages.length === 0) return <p class="empty">No messages yet: write the first one below.</p>;
  return (
    <ol class="messages" aria-label="Messages, oldest first" data-testid="messages">
      {messages.map((m) => (
        <li key={m.id} class={`message ${m.direction.toLowerCase()}`} data-testid="message" data-direction={m.direction}>
          <p class="body">{m.body}</p>
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
