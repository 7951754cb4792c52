import { describe, expect, it } from 'vitest';
import { ApiError, errorInWords, errorOf, problemInWords } from './problems';

const problem = (status: number, fields: Record<string, unknown>) =>
  new Response(JSON.stringify({ status, ...fields }), {
    status,
    headers: { 'content-type': 'application/problem+json' },
  });

describe('problemInWords', () => {
  it('words a known problem type by its name, whatever the detail says', () => {
    expect(problemInWords(409, { type: 'https://sms-conversations.io/problems/recipient-opted-out', detail: 'x' })).toMatch(
      /opted out.*Nothing was sent/,
    );
    expect(problemInWords(403, { type: 'https://sms-conversations.io/problems/sending-number-not-yours' })).toMatch(
      /may not send from this business number/,
    );
  });

  it('words a known reason (the templates answer with one)', () => {
    expect(problemInWords(412, { type: 'about:blank', reason: 'stale-version', currentVersion: 3 })).toBe(
      'Someone changed this meanwhile. Reload it and try again.',
    );
  });

  it('shows the service’s detail for a refusal it does not know, as a sentence', () => {
    expect(problemInWords(422, { title: 'Unprocessable Entity', detail: 'customerNumber is not a valid phone number' })).toBe(
      'customerNumber is not a valid phone number.',
    );
    expect(problemInWords(400, { title: 'Bad Request' })).toBe('Bad Request.');
    expect(problemInWords(400, null)).toBe('The request was refused (HTTP 400).');
  });

  it('never shows a server error’s own text', () => {
    const words = problemInWords(500, { detail: 'org.postgresql.util.PSQLException: connection refused' });
    expect(words).toBe('The service had a problem and could not do this. Try again in a moment.');
    expect(problemInWords(503, null)).toContain('Try again');
  });

  it('asks to sign in again on 401 and explains 403, 404 and 429', () => {
    expect(problemInWords(401, { title: 'Unauthorized' })).toBe('Your session has ended. Sign in again.');
    expect(problemInWords(403, { detail: 'The caller holds neither role' })).toBe(
      'You are not allowed to do this: the caller holds neither role.',
    );
    expect(problemInWords(403, null)).toBe('You are not allowed to do this.');
    expect(problemInWords(404, { detail: 'Conversation 1 not found' })).toBe('This does not exist, or you may not see it.');
    expect(problemInWords(429, null)).toMatch(/Too many requests/);
  });

  it('says the service cannot be reached when there was no answer', () => {
    expect(problemInWords(0, null)).toMatch(/cannot be reached/);
    expect(errorInWords(new TypeError('Failed to fetch'))).toMatch(/cannot be reached/);
  });
});

describe('errorOf', () => {
  it('reads a problem+json body', async () => {
    const error = await errorOf(problem(422, { detail: 'customerNumber is not one of the record’s phone numbers' }));
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(422);
    expect(error.problem?.detail).toContain('record’s phone numbers');
    expect(errorInWords(error)).toBe('customerNumber is not one of the record’s phone numbers.');
  });

  it('ignores a body that is not JSON, or broken JSON', async () => {
    const html = await errorOf(new Response('<html>proxy error</html>', { status: 502, headers: { 'content-type': 'text/html' } }));
    expect(html.problem).toBeNull();
    expect(html.message).not.toContain('proxy');
    const broken = await errorOf(new Response('{"detail":', { status: 400, headers: { 'content-type': 'application/json' } }));
    expect(broken.problem).toBeNull();
    expect(broken.message).toBe('The request was refused (HTTP 400).');
  });
});
