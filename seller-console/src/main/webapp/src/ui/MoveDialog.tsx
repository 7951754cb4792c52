import { useEffect, useRef, useState } from 'preact/hooks';
import { errorInWords } from '../api/problems';
import type { ConversationItem, RecordMatch } from '../api/types';
import { useConsole } from './context';
import { recordTypeName } from './format';
import { ErrorNotice } from './Notice';

/** Move a conversation to another record: search by name, choose, confirm. A modal dialog (Escape closes it). */
export function MoveDialog(props: { conversation: ConversationItem; onClose(): void; onMoved(conversationId: string): void }) {
  const { api } = useConsole();
  const dialog = useRef<HTMLDialogElement>(null);
  const [query, setQuery] = useState('');
  const [matches, setMatches] = useState<RecordMatch[]>([]);
  const [chosen, setChosen] = useState<RecordMatch | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    dialog.current?.showModal();
  }, []);

  useEffect(() => {
    setChosen(null);
    if (query.trim().length < 2) {
      setMatches([]);
      return;
    }
    const timer = window.setTimeout(() => {
      api.searchRecords(query.trim()).then(
        (found) => {
          setMatches(found.items.filter((r) => r.id !== props.conversation.record.id));
          setError(null);
        },
        (e) => setError(errorInWords(e)),
      );
    }, 250);
    return () => window.clearTimeout(timer);
  }, [query]);

  const move = async () => {
    if (!chosen) return;
    setBusy(true);
    try {
      const result = await api.move(props.conversation.id, chosen.id);
      props.onMoved(result.conversationId);
    } catch (e) {
      setError(errorInWords(e));
      setConfirming(false);
    } finally {
      setBusy(false);
    }
  };

  const from = props.conversation.record.name ?? 'an unnamed record';
  return (
    <dialog ref={dialog} class="move" onClose={props.onClose} aria-labelledby="move-title" data-testid="move-dialog">
      <h2 id="move-title">Move this conversation</h2>
      {!confirming ? (
        <>
          <label>
            Find the record by name{' '}
            <input type="search" value={query} onInput={(e) => setQuery(e.currentTarget.value)} autoFocus data-testid="move-search" />
          </label>
          <ErrorNotice message={error} />
          {query.trim().length >= 2 && matches.length === 0 && !error && <p class="empty">No record of yours has that name.</p>}
          <fieldset class="matches">
            <legend class="sr-only">Records</legend>
            {matches.map((r) => (
              <label key={r.id}>
                <input type="radio" name="target" checked={chosen?.id === r.id} onChange={() => setChosen(r)} /> {r.name}{' '}
                <span class="type">{recordTypeName(r.type)}</span>
              </label>
            ))}
          </fieldset>
          <div class="actions">
            <button type="button" class="secondary" onClick={() => dialog.current?.close()}>
              Cancel
            </button>
            <button type="button" disabled={!chosen} onClick={() => setConfirming(true)} data-testid="move-next">
              Move…
            </button>
          </div>
        </>
      ) : (
        <>
          <p>
            Move the conversation with {props.conversation.customerNumber} from <strong>{from}</strong> to{' '}
            <strong>{chosen?.name}</strong>? All its messages move with it, and later replies go to {chosen?.name}.
          </p>
          <ErrorNotice message={error} />
          <div class="actions">
            <button type="button" class="secondary" onClick={() => setConfirming(false)}>
              Back
            </button>
            <button type="button" disabled={busy} onClick={() => void move()} data-testid="move-confirm">
              Yes, move it
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}
