import { useMemo, useState } from 'preact/hooks';
import { errorInWords } from '../api/problems';
import type { ConversationItem, Message, SendingNumber } from '../api/types';
import { countSegments, describeCount, ucs2Warning } from '../compose/encoding';
import { useConsole } from './context';
import { ErrorNotice } from './Notice';
import { TemplatePicker } from './TemplatePicker';

/**
 * Writing and sending. The seller picks the business number (one of theirs) and the customer number (one of the
 * record's); another pair than the open conversation's is opened or started first. A refused send keeps the text.
 */
export function Composer(props: {
  conversation: ConversationItem;
  sendingNumbers: SendingNumber[];
  customerNumbers: string[];
  blockedReason: string | null;
  onSent(conversationId: string, message: Message): void;
}) {
  const { api } = useConsole();
  const { conversation } = props;
  const [from, setFrom] = useState(conversation.businessNumber);
  const [to, setTo] = useState(conversation.customerNumber);
  const [text, setText] = useState('');
  const [template, setTemplate] = useState<{ id: string; text: string } | null>(null);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(() => crypto.randomUUID());

  const count = useMemo(() => countSegments(text), [text]);
  const warning = ucs2Warning(count);
  const samePair = from === conversation.businessNumber && to === conversation.customerNumber;
  const blocked = samePair ? props.blockedReason : null;
  const fromChoices = withCurrent(props.sendingNumbers.map((n) => ({ value: n.number, label: `${n.name} (${n.number})` })), conversation.businessNumber);
  const toChoices = withCurrent(props.customerNumbers.map((n) => ({ value: n, label: n })), conversation.customerNumber);

  const send = async (event: Event) => {
    event.preventDefault();
    if (blocked || sending) return;
    setSending(true);
    setError(null);
    try {
      const target = samePair ? conversation.id : (await api.openOrStart(conversation.record.id, to, from)).id;
      const content = template && template.text === text ? { templateId: template.id } : { body: text };
      const message = await api.sendMessage(target, content, attempt);
      setText('');
      setTemplate(null);
      setAttempt(crypto.randomUUID());
      props.onSent(target, message);
    } catch (e) {
      setError(errorInWords(e));
    } finally {
      setSending(false);
    }
  };

  return (
    <form class="composer" onSubmit={send} aria-label="Send a message">
      <div class="pair">
        <label>
          From{' '}
          <select value={from} onChange={(e) => setFrom(e.currentTarget.value)} data-testid="from-number">
            {fromChoices.map((c) => (
              <option value={c.value} key={c.value}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          To{' '}
          <select value={to} onChange={(e) => setTo(e.currentTarget.value)} data-testid="to-number">
            {toChoices.map((c) => (
              <option value={c.value} key={c.value}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <TemplatePicker
        key={attempt}
        recordId={conversation.record.id}
        recordType={conversation.record.type}
        businessNumber={from}
        onUse={(id, filled) => {
          setTemplate({ id, text: filled });
          setText(filled);
        }}
      />
      <label class="message-label" for="message-text">
        Message
      </label>
      <textarea
        id="message-text"
        value={text}
        rows={4}
        maxLength={1600}
        onInput={(e) => setText(e.currentTarget.value)}
        disabled={!!blocked}
        aria-describedby="counter encoding-warning blocked-reason"
        data-testid="message-text"
      />
      <p id="counter" class="counter" aria-live="polite" data-testid="segment-counter" data-encoding={count.encoding}>
        {describeCount(count)}
      </p>
      {warning && (
        <p id="encoding-warning" class="warning" data-testid="encoding-warning">
          {warning}
        </p>
      )}
      {blocked && (
        <p id="blocked-reason" class="notice blocked" data-testid="send-blocked">
          {blocked}
        </p>
      )}
      <ErrorNotice message={error} onDismiss={() => setError(null)} />
      <button type="submit" disabled={!!blocked || sending || text.trim() === ''} data-testid="send">
        {sending ? 'Sending…' : 'Send'}
      </button>
    </form>
  );
}

function withCurrent(choices: { value: string; label: string }[], current: string) {
  return choices.some((c) => c.value === current) ? choices : [{ value: current, label: current }, ...choices];
}
