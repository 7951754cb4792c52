import { useEffect, useRef, useState } from 'preact/hooks';
import { errorInWords } from '../api/problems';
import type { ConversationItem, Message, OptOut, SendingNumber } from '../api/types';
import { Composer } from './Composer';
import { useConsole } from './context';
import { isFinal, recordTypeName, when } from './format';
import { Messages } from './Messages';
import { MoveDialog } from './MoveDialog';
import { ErrorNotice } from './Notice';
import { go, link } from './router';

const MAX_PAGES = 20;
const FOLLOW_MS = 1000;

/** The conversation pane: history, delivery status followed live, opt-out state, sending and moving. */
export function ConversationPane({ id }: { id: string }) {
  const { api, onLive } = useConsole();
  const [conversation, setConversation] = useState<ConversationItem | null>(null);
  const [messages, setMessages] = useState<Message[]>([]);
  const [optOut, setOptOut] = useState<OptOut | null>(null);
  const [numbers, setNumbers] = useState<SendingNumber[]>([]);
  const [customerNumbers, setCustomerNumbers] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [moving, setMoving] = useState(false);
  const messagesRef = useRef<Message[]>([]);
  messagesRef.current = messages;

  const loadHistory = async () => {
    const all: Message[] = [];
    let after: string | null = null;
    for (let page = 0; page < MAX_PAGES; page++) {
      const result = await api.messages(id, after);
      all.push(...result.items);
      after = result.nextCursor;
      if (!after) break;
    }
    setMessages(all);
    await api.markRead(id).catch(() => undefined);
  };

  const loadAll = async () => {
    try {
      const found = await api.conversation(id);
      setConversation(found);
      const [, state, sending] = await Promise.all([loadHistory(), api.optOut(id), api.sendingNumbers()]);
      setOptOut(state);
      setNumbers(sending.items);
      // The record's numbers for "To"; a seller who sees the conversation only through its number may not see them.
      api.record(found.record.id).then(
        (record) => setCustomerNumbers(record.numbers.map((n) => n.number)),
        () => setCustomerNumbers([found.customerNumber]),
      );
      setError(null);
    } catch (e) {
      setError(errorInWords(e));
    }
  };

  useEffect(() => {
    void loadAll();
  }, [id]);

  // A reply or a failure report on this conversation arrives through the bell's stream: read the pane again.
  useEffect(
    () =>
      onLive((n) => {
        if (n.link?.conversationId === id) {
          void loadHistory().catch((e) => setError(errorInWords(e)));
          void api.optOut(id).then(setOptOut, () => undefined);
        }
      }),
    [id],
  );

  // Follow the outbound messages still on their way until the provider's reports make them final.
  useEffect(() => {
    const timer = window.setInterval(async () => {
      const pending = messagesRef.current.filter((m) => m.direction === 'OUTBOUND' && !isFinal(m.delivery?.status ?? 'QUEUED'));
      for (const m of pending) {
        try {
          const fresh = await api.message(id, m.id);
          if (fresh.delivery?.status !== m.delivery?.status) {
            setMessages((current) => current.map((c) => (c.id === fresh.id ? fresh : c)));
          }
        } catch {
          // the next tick tries again; a lasting problem shows on the next action
        }
      }
    }, FOLLOW_MS);
    return () => window.clearInterval(timer);
  }, [id]);

  if (!conversation) {
    return (
      <section>
        <h1 tabIndex={-1}>Conversation</h1>
        <ErrorNotice message={error} />
        {!error && <p role="status">Loading…</p>}
      </section>
    );
  }

  const blockedReason = optOut?.optedOut
    ? `${conversation.customerNumber} opted out of messages from ${conversation.businessNumber}${
        optOut.changedAt ? ` on ${when(optOut.changedAt)}` : ''
      }: sending is disabled until they text START.`
    : null;

  return (
    <section class="pane" aria-labelledby="pane-title">
      <div class="pane-head">
        <h1 id="pane-title" tabIndex={-1}>
          {conversation.record.name ?? 'An unnamed record'}
        </h1>
        <p class="sub">
          <a href={link.record(conversation.record.id)}>{recordTypeName(conversation.record.type)} record</a> ·{' '}
          <span data-testid="pane-customer">{conversation.customerNumber}</span> ↔ {conversation.businessNumber}
        </p>
        <button type="button" class="secondary" onClick={() => setMoving(true)} data-testid="move">
          Move to another record…
        </button>
      </div>
      {optOut?.optedOut && (
        <p class="notice opted-out" role="status" data-testid="opted-out">
          Opted out: {blockedReason}
        </p>
      )}
      <ErrorNotice message={error} onDismiss={() => setError(null)} />
      <Messages messages={messages} />
      <Composer
        conversation={conversation}
        sendingNumbers={numbers}
        customerNumbers={customerNumbers}
        blockedReason={blockedReason}
        onSent={(target, message) => {
          if (target === id) setMessages((current) => [...current, message]);
          else go(link.conversation(target));
        }}
      />
      {moving && (
        <MoveDialog
          conversation={conversation}
          onClose={() => setMoving(false)}
          onMoved={(survivor) => {
            setMoving(false);
            if (survivor === id) void loadAll();
            else go(link.conversation(survivor));
          }}
        />
      )}
    </section>
  );
}
