import { describe, expect, it } from 'vitest';
import { Api } from './client';
import { ApiError } from './problems';

const endpoints = { conversationApi: 'https://conv.example', notificationApi: 'https://note.example' };

describe('Api.media', () => {
  it('fetches an attachment from conversation-service with the bearer token, uncached', async () => {
    const calls: { url: string; init: RequestInit }[] = [];
    const api = new Api(endpoints, async () => 'token-1', async (url, init) => {
      calls.push({ url: String(url), init: init ?? {} });
      return new Response(new Uint8Array([1, 2, 3]), { headers: { 'content-type': 'image/png' } });
    });

    const blob = await api.media('/api/conversations/c1/messages/m1/media/0');

    expect(calls[0].url).toBe('https://conv.example/api/conversations/c1/messages/m1/media/0');
    expect((calls[0].init.headers as Record<string, string>).Authorization).toBe('Bearer token-1');
    expect(calls[0].init.cache).toBe('no-store');
    expect(blob.type).toBe('image/png');
    expect(new Uint8Array(await blob.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]));
  });

  it('words the problem when the provider no longer has it', async () => {
    const api = new Api(endpoints, async () => 't', async () =>
      new Response(JSON.stringify({ status: 404, type: 'https://sms-conversations.io/problems/media-not-found' }), {
        status: 404,
        headers: { 'content-type': 'application/problem+json' },
      }),
    );

    const failure = await api.media('/api/conversations/c1/messages/m1/media/0').catch((e) => e);

    expect(failure).toBeInstanceOf(ApiError);
    expect((failure as ApiError).message).toBe('This attachment is no longer available from the provider.');
  });
});
