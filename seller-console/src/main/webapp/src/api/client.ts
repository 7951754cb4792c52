import { ApiError, errorOf, problemInWords } from './problems';
import type {
  AppNotification,
  ConversationItem,
  ConversationPage,
  Message,
  MessagePage,
  MoveResult,
  OptOut,
  RecordConversations,
  RecordMatch,
  RecordType,
  SendingNumber,
  Template,
  TemplatePreview,
} from './types';

export interface Endpoints {
  conversationApi: string;
  notificationApi: string;
}

/** Every call of the console: bearer token on each, nothing cached by the browser (a seller's data never outlives the page). */
export class Api {
  constructor(
    private readonly endpoints: Endpoints,
    private readonly token: () => Promise<string>,
    private readonly fetcher: typeof fetch = (...args) => fetch(...args),
  ) {}

  // --- conversation-service

  conversations(filter: { recordType?: RecordType | ''; unread?: boolean; before?: string | null; limit?: number }) {
    const query = new URLSearchParams({ limit: String(filter.limit ?? 25) });
    if (filter.recordType) query.set('recordType', filter.recordType);
    if (filter.unread) query.set('unread', 'true');
    if (filter.before) query.set('before', filter.before);
    return this.get<ConversationPage>(this.conv(`/api/conversations?${query}`));
  }

  conversation(id: string) {
    return this.get<ConversationItem>(this.conv(`/api/conversations/${enc(id)}`));
  }

  messages(id: string, after: string | null) {
    const query = new URLSearchParams({ limit: '100' });
    if (after) query.set('after', after);
    return this.get<MessagePage>(this.conv(`/api/conversations/${enc(id)}/messages?${query}`));
  }

  message(conversationId: string, messageId: string) {
    return this.get<Message>(this.conv(`/api/conversations/${enc(conversationId)}/messages/${enc(messageId)}`));
  }

  /**
   * An attachment's bytes (a message's media[].href), with the bearer token an <img src> could not send; shown
   * through an object URL, so nothing is cached beyond the page.
   */
  async media(href: string): Promise<Blob> {
    let response: Response;
    try {
      response = await this.fetcher(this.conv(href), {
        method: 'GET',
        headers: { Authorization: `Bearer ${await this.token()}` },
        cache: 'no-store',
      });
    } catch {
      throw new ApiError(0, null, problemInWords(0, null));
    }
    if (!response.ok) throw await errorOf(response);
    return response.blob();
  }

  markRead(id: string) {
    return this.send<unknown>('POST', this.conv(`/api/conversations/${enc(id)}/read`));
  }

  optOut(id: string) {
    return this.get<OptOut>(this.conv(`/api/conversations/${enc(id)}/opt-out`));
  }

  sendingNumbers() {
    return this.get<{ items: SendingNumber[] }>(this.conv('/api/sending-numbers'));
  }

  sendMessage(id: string, content: { body: string } | { templateId: string }, idempotencyKey: string) {
    return this.send<Message>('POST', this.conv(`/api/conversations/${enc(id)}/messages`), content, {
      'Idempotency-Key': idempotencyKey,
    });
  }

  record(recordId: string) {
    return this.get<RecordConversations>(this.conv(`/api/records/${enc(recordId)}/conversations`));
  }

  openOrStart(recordId: string, customerNumber: string, businessNumber: string) {
    return this.send<ConversationItem>('PUT', this.conv(`/api/records/${enc(recordId)}/conversations`), {
      customerNumber,
      businessNumber,
    });
  }

  searchRecords(name: string) {
    const query = new URLSearchParams({ name, limit: '10' });
    return this.get<{ items: RecordMatch[] }>(this.conv(`/api/records?${query}`));
  }

  move(id: string, recordId: string) {
    return this.send<MoveResult>('POST', this.conv(`/api/conversations/${enc(id)}/move`), { recordId });
  }

  templates(category: RecordType) {
    return this.get<{ items: Template[] }>(this.conv(`/api/templates?category=${enc(category)}`));
  }

  previewTemplate(templateId: string, recordId: string, businessNumber: string) {
    return this.send<TemplatePreview>('POST', this.conv(`/api/templates/${enc(templateId)}/preview`), {
      recordId,
      businessNumber,
    });
  }

  // --- notification-service

  notifications() {
    return this.get<{ items: AppNotification[] }>(this.note('/api/notifications?order=unread-first&limit=30'));
  }

  unreadNotifications() {
    return this.get<{ unread: number }>(this.note('/api/notifications/unread-count'));
  }

  markNotificationRead(id: number) {
    return this.send<AppNotification>('POST', this.note(`/api/notifications/${id}/read`));
  }

  markAllNotificationsRead() {
    return this.send<{ marked: number }>('POST', this.note('/api/notifications/read-all'));
  }

  streamUrl() {
    return this.note('/api/notifications/stream');
  }

  // --- plumbing

  private conv(path: string) {
    return this.endpoints.conversationApi + path;
  }

  private note(path: string) {
    return this.endpoints.notificationApi + path;
  }

  private get<T>(url: string): Promise<T> {
    return this.send<T>('GET', url);
  }

  private async send<T>(method: string, url: string, body?: unknown, extra: Record<string, string> = {}): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json', Authorization: `Bearer ${await this.token()}`, ...extra };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response: Response;
    try {
      response = await this.fetcher(url, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        cache: 'no-store',
      });
    } catch {
      throw new ApiError(0, null, problemInWords(0, null));
    }
    if (!response.ok) throw await errorOf(response);
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }
}

function enc(segment: string): string {
  return encodeURIComponent(segment);
}
