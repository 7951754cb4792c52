// notification-service's live stream. A browser EventSource cannot send a bearer token, so the stream is read with
// fetch and parsed by eventsource-parser; reconnecting and Last-Event-ID are done here, as EventSource would do them.
import { createParser } from 'eventsource-parser';

export type StreamState = 'connecting' | 'live' | 'reconnecting' | 'stopped';

export interface StreamHandlers<T> {
  onEvent(item: T): void;
  onState(state: StreamState): void;
  /** Called each time the stream is (again) registered: what happened meanwhile may need reading again. */
  onConnected?(): void;
}

export interface StreamDeps {
  fetch: typeof fetch;
  /** A current access token (refreshed by the session when it expires). */
  token(): Promise<string>;
  sleep(millis: number): Promise<void>;
}

const FIRST_RETRY_MS = 1000;
const MAX_RETRY_MS = 30000;

export class NotificationStream<T> {
  private lastEventId: string | null = null;
  private abort: AbortController | null = null;
  private running = false;
  private failures = 0;
  private serverRetryMs: number | null = null;

  constructor(
    private readonly url: string,
    private readonly deps: StreamDeps,
    private readonly handlers: StreamHandlers<T>,
  ) {}

  /** The id of the last event received: sent back as Last-Event-ID, so a reconnect misses nothing. */
  get resumeFrom(): string | null {
    return this.lastEventId;
  }

  start(): Promise<void> {
    if (this.running) return Promise.resolve();
    this.running = true;
    return this.loop();
  }

  stop(): void {
    this.running = false;
    this.abort?.abort();
    this.handlers.onState('stopped');
  }

  private async loop(): Promise<void> {
    this.handlers.onState('connecting');
    while (this.running) {
      try {
        await this.readOnce();
        // The server ends a stream after a replay batch (or a proxy cut it cleanly): resume at once.
        this.failures = 0;
      } catch (error) {
        if (!this.running) break;
        this.failures++;
        if (error instanceof StreamRefused && !error.retryable) {
          this.stop();
          break;
        }
      }
      if (!this.running) break;
      this.handlers.onState('reconnecting');
      await this.deps.sleep(this.retryDelay());
    }
  }

  private retryDelay(): number {
    if (this.failures === 0) return this.serverRetryMs ?? 0;
    const backoff = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** (this.failures - 1));
    return Math.max(backoff, this.serverRetryMs ?? 0);
  }

  private async readOnce(): Promise<void> {
    this.abort = new AbortController();
    const headers: Record<string, string> = {
      Accept: 'text/event-stream',
      Authorization: `Bearer ${await this.deps.token()}`,
    };
    if (this.lastEventId !== null) headers['Last-Event-ID'] = this.lastEventId;
    const response = await this.deps.fetch(this.url, { headers, cache: 'no-store', signal: this.abort.signal });
    if (!response.ok || !response.body) {
      // 401: the token expired between refreshes, the next attempt takes a fresh one. 400 would repeat forever.
      throw new StreamRefused(response.status, response.status !== 400);
    }
    const parser = createParser({
      onEvent: (event) => {
        if (event.id !== undefined && event.id !== '') {
          if (this.alreadySeen(event.id)) return;
          this.lastEventId = event.id;
        }
        this.handlers.onEvent(JSON.parse(event.data) as T);
      },
      onComment: (comment) => {
        if (comment.trim() === 'connected') {
          this.failures = 0;
          this.handlers.onState('live');
          this.handlers.onConnected?.();
        }
      },
      onRetry: (millis) => {
        this.serverRetryMs = millis;
      },
    });
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      parser.feed(value);
    }
  }

  /** Ids are notification ids, ever growing: one at or below the last one was delivered already. */
  private alreadySeen(id: string): boolean {
    if (this.lastEventId === null) return false;
    const next = Number(id);
    const last = Number(this.lastEventId);
    return Number.isFinite(next) && Number.isFinite(last) && next <= last;
  }
}

class StreamRefused extends Error {
  constructor(
    readonly status: number,
    readonly retryable: boolean,
  ) {
    super(`stream answered ${status}`);
  }
}
