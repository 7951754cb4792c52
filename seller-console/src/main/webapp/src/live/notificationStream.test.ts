import { describe, expect, it } from 'vitest';
import { NotificationStream, type StreamState } from './notificationStream';

/** One scripted answer of the stream endpoint: its status and the chunks it sends before it ends or breaks. */
interface Answer {
  status?: number;
  chunks?: string[];
  breakAfter?: boolean;
}

function scriptedServer(answers: Answer[]) {
  const requests: Record<string, string>[] = [];
  const fetchStub = (async (_url: RequestInfo | URL, init?: RequestInit) => {
    requests.push({ ...(init?.headers as Record<string, string>) });
    const answer = answers.shift();
    if (!answer) return new Promise<Response>(() => {}); // no more: hang like an idle stream
    const encoder = new TextEncoder();
    const chunks = [...(answer.chunks ?? [])];
    // Pulled one chunk at a time, so the break comes after the client has read everything sent before it.
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        const chunk = chunks.shift();
        if (chunk !== undefined) controller.enqueue(encoder.encode(chunk));
        else if (answer.breakAfter) controller.error(new TypeError('network error'));
        else controller.close();
      },
    });
    return new Response(body, { status: answer.status ?? 200, headers: { 'content-type': 'text/event-stream' } });
  }) as typeof fetch;
  return { requests, fetchStub };
}

function harness(answers: Answer[]) {
  const server = scriptedServer(answers);
  const events: { id: number }[] = [];
  const states: StreamState[] = [];
  const sleeps: number[] = [];
  let connected = 0;
  let tokens = 0;
  let stream!: NotificationStream<{ id: number }>;
  const allDone = new Promise<void>((resolve) => {
    stream = new NotificationStream<{ id: number }>(
      '/api/notifications/stream',
      {
        fetch: server.fetchStub,
        token: async () => `token-${++tokens}`,
        sleep: async (millis) => {
          sleeps.push(millis);
          if (sleeps.length >= 10) stream.stop();
          if (server.requests.length >= answersCount) resolve();
        },
      },
      { onEvent: (e) => events.push(e), onState: (s) => states.push(s), onConnected: () => connected++ },
    );
  });
  const answersCount = answers.length;
  return { stream, events, states, sleeps, requests: server.requests, allDone, connected: () => connected };
}

const event = (id: number) => `id:${id}\ndata:{"id":${id}}\n\n`;

describe('NotificationStream', () => {
  it('resumes with Last-Event-ID after a network drop and receives what it missed', async () => {
    const h = harness([
      { chunks: [':connected\n\n', event(5), event(6)], breakAfter: true },
      { chunks: [':connected\n\n', event(7)] },
    ]);
    void h.stream.start();
    await h.allDone;
    await waitFor(() => h.events.length === 3);
    h.stream.stop();

    expect(h.events.map((e) => e.id)).toEqual([5, 6, 7]);
    expect(h.requests[0]['Last-Event-ID']).toBeUndefined();
    expect(h.requests[1]['Last-Event-ID']).toBe('6');
    expect(h.requests[1].Authorization).toBe('Bearer token-2');
    expect(h.stream.resumeFrom).toBe('7');
    expect(h.states).toContain('live');
    expect(h.states).toContain('reconnecting');
    expect(h.connected()).toBe(2);
    expect(h.sleeps[0]).toBe(1000); // a failure waits before it retries
  });

  it('drops an event it already has (a replay overlapping what arrived live)', async () => {
    const h = harness([
      { chunks: [':connected\n\n', event(8)], breakAfter: true },
      { chunks: [':connected\n\n', event(8), event(9)] },
    ]);
    void h.stream.start();
    await h.allDone;
    await waitFor(() => h.events.length === 2);
    h.stream.stop();
    expect(h.events.map((e) => e.id)).toEqual([8, 9]);
  });

  it('resumes at once when the server ends a replay batch, and backs off on repeated failures', async () => {
    const h = harness([
      { chunks: [':connected\n\n', event(1), event(2)] },
      { status: 503 },
      { status: 401 },
      { chunks: [':connected\n\n', ':heartbeat\n\n', event(3)] },
    ]);
    void h.stream.start();
    await h.allDone;
    await waitFor(() => h.events.length === 3);
    h.stream.stop();
    expect(h.sleeps.slice(0, 3)).toEqual([0, 1000, 2000]);
    expect(h.requests.map((r) => r['Last-Event-ID'])).toEqual([undefined, '2', '2', '2']);
    expect(h.events.map((e) => e.id)).toEqual([1, 2, 3]);
  });

  it('follows the retry interval the server asks for', async () => {
    const h = harness([{ chunks: ['retry:5000\n\n', ':connected\n\n', event(4)] }, { chunks: [':connected\n\n'] }]);
    void h.stream.start();
    await h.allDone;
    h.stream.stop();
    expect(h.sleeps[0]).toBe(5000);
  });

  it('gives up on a refusal that would repeat (400) and says it stopped', async () => {
    const h = harness([{ status: 400 }]);
    await h.stream.start();
    expect(h.states.at(-1)).toBe('stopped');
    expect(h.requests).toHaveLength(1);
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(condition()).toBe(true);
}
