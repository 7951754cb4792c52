import { useEffect, useState } from 'preact/hooks';
import { errorInWords } from '../api/problems';
import { useConsole } from './context';
import { ErrorNotice } from './Notice';
import { go, link } from './router';

/** The work-list way in: #/records/{id}/open?customer=…&business=… opens or starts the conversation, then shows it. */
export function OpenConversation(props: { recordId: string; customer: string; business: string }) {
  const { api } = useConsole();
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.openOrStart(props.recordId, props.customer, props.business).then(
      (conversation) => go(link.conversation(conversation.id)),
      (e) => setError(errorInWords(e)),
    );
  }, [props.recordId, props.customer, props.business]);
  return (
    <section>
      <h1 tabIndex={-1}>Opening the conversation…</h1>
      <ErrorNotice message={error} />
      {error && <a href={link.record(props.recordId)}>Back to the record</a>}
    </section>
  );
}
