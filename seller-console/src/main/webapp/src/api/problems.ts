// RFC 9457 problem details from the suite's APIs, turned into a sentence a seller can act on. The services write their
// `detail` for people, so it is shown when no better wording is known; server errors never show the server's text.

export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  reason?: string;
  [extension: string]: unknown;
}

/** A failed call: the HTTP status (0 when the service could not be reached), the problem, and the words to show. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem | null,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Words for the problems the console knows by their type name or reason. */
const KNOWN: Record<string, string> = {
  'recipient-opted-out':
    'The customer opted out of messages from this number (they texted STOP). Nothing was sent; they can text START to opt back in.',
  'sending-number-not-yours': 'You may not send from this business number: it is not assigned to you or your team. Nothing was sent.',
  'business-number-not-yours': 'You may not use this business number: it is not assigned to you or your team.',
  'invalid-customer-number': 'The customer number is not a valid phone number, so nothing was sent.',
  'not-a-record-number': 'This number is no longer one of the record’s phone numbers, so nothing was sent.',
  'empty-body': 'Write a message first: an empty message cannot be sent.',
  'body-too-long': 'The message is too long: at most 1600 characters.',
  'template-not-found': 'This template no longer exists, or it is not yours.',
  'record-not-found': 'This record does not exist, or you may not see it.',
  'stale-version': 'Someone changed this meanwhile. Reload it and try again.',
  'concurrent-change': 'The conversation changed while you moved it. Try the move again.',
  'unknown-record': 'The directory does not know this record (yet), so the conversation was not moved.',
  'organisation-template-admin-only': 'Only an administrator may change organisation templates.',
  'idempotency-key-reused': 'This message was already sent in another conversation.',
  'media-not-found': 'This attachment is no longer available from the provider.',
  'media-unavailable': 'This attachment could not be fetched from the provider (too large, or of a type the console does not show).',
  'media-gateway-unavailable': 'Attachments cannot be loaded right now. Try again in a moment.',
};

function typeName(type: string | undefined): string | undefined {
  if (!type || type === 'about:blank') return undefined;
  return type.substring(type.lastIndexOf('/') + 1);
}

export function problemInWords(status: number, problem: Problem | null): string {
  const known = (problem?.reason && KNOWN[problem.reason]) || KNOWN[typeName(problem?.type) ?? ''];
  if (known) return known;
  if (status === 0) return 'The service cannot be reached. Check your connection; the console retries by itself where it can.';
  if (status === 401) return 'Your session has ended. Sign in again.';
  if (status >= 500) return 'The service had a problem and could not do this. Try again in a moment.';
  if (status === 429) return 'Too many requests at once. Wait a moment and try again.';
  const detail = problem?.detail?.trim() || problem?.title?.trim();
  if (status === 403) return detail ? `You are not allowed to do this: ${lowerFirst(detail)}` : 'You are not allowed to do this.';
  if (status === 404) return 'This does not exist, or you may not see it.';
  if (detail) return endWithPeriod(detail);
  return `The request was refused (HTTP ${status}).`;
}

/** Reads a failed answer into an ApiError; a body that is not JSON is ignored (never shown). */
export async function errorOf(response: Response): Promise<ApiError> {
  let problem: Problem | null = null;
  if ((response.headers.get('content-type') ?? '').includes('json')) {
    try {
      problem = (await response.json()) as Problem;
    } catch {
      problem = null;
    }
  }
  return new ApiError(response.status, problem, problemInWords(response.status, problem));
}

/** What to show for anything a call threw. */
export function errorInWords(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return problemInWords(0, null);
}

function lowerFirst(text: string): string {
  return endWithPeriod(text.charAt(0).toLowerCase() + text.slice(1));
}

function endWithPeriod(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
