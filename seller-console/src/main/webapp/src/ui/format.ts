import type { DeliveryStatus, RecordType } from '../api/types';

const TIME = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function when(iso: string | null | undefined): string {
  return iso ? TIME.format(new Date(iso)) : '';
}

export function recordTypeName(type: RecordType | string): string {
  return type.charAt(0) + type.slice(1).toLowerCase();
}

export const STATUS_WORDS: Record<DeliveryStatus, string> = {
  QUEUED: 'Queued',
  SENT: 'Sent',
  DELIVERED: 'Delivered',
  UNDELIVERED: 'Undelivered',
  FAILED: 'Failed',
};

/** The normalised reasons (SPEC §5), in the words notification-service uses too. */
const REASON_WORDS: Record<string, string> = {
  InvalidSendingParameters: 'the number or the message cannot be sent as it is',
  RecipientOptedOut: 'the recipient opted out',
  Unreachable: 'the recipient’s phone could not be reached',
  Blocked: 'a carrier or the provider blocked it',
  Expired: 'it expired before it could be delivered',
  AccountProblem: 'the messaging account cannot send',
  ProviderError: 'the provider reported an error',
};

export function failureInWords(reason: string | null, providerCode: string | null): string {
  const words = reason ? (REASON_WORDS[reason] ?? reason) : 'no reason was given';
  const code = providerCode ? `, provider code ${providerCode}` : '';
  return `Not delivered: ${words} (${reason ?? 'ProviderError'}${code}).`;
}

export function isFinal(status: DeliveryStatus): boolean {
  return status === 'DELIVERED' || status === 'UNDELIVERED' || status === 'FAILED';
}
