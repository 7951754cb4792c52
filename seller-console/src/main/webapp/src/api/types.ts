// The shapes of conversation-service's and notification-service's answers that the console reads.

export type RecordType = 'CONTACT' | 'ACCOUNT' | 'OPPORTUNITY' | 'LEAD';
export type Direction = 'INBOUND' | 'OUTBOUND';
export type DeliveryStatus = 'QUEUED' | 'SENT' | 'DELIVERED' | 'UNDELIVERED' | 'FAILED';

export interface RecordRef {
  id: string;
  type: RecordType;
  name: string | null;
}

export interface LastMessage {
  id: string;
  direction: Direction;
  text: string;
  occurredAt: string;
}

export interface ConversationItem {
  id: string;
  record: RecordRef;
  customerNumber: string;
  businessNumber: string;
  lastActivityAt: string;
  lastMessage: LastMessage | null;
  unreadCount: number;
}

export interface ConversationPage {
  items: ConversationItem[];
  nextCursor: string | null;
}

export interface Delivery {
  status: DeliveryStatus;
  reason: string | null;
  providerCode: string | null;
  providerText: string | null;
  updatedAt: string | null;
}

/** An MMS attachment: its bytes come from conversation-service's own endpoint (href), never from the provider. */
export interface MessageMedia {
  index: number;
  contentType: string;
  /** Null for an item received before the gateway kept media: it cannot be shown. */
  href: string | null;
}

export interface Message {
  id: string;
  conversationId: string;
  direction: Direction;
  body: string;
  from: string;
  to: string;
  occurredAt: string;
  segments: number;
  media?: MessageMedia[];
  delivery: Delivery | null;
}

export interface MessagePage {
  items: Message[];
  nextCursor: string | null;
}

export interface OptOut {
  optedOut: boolean;
  changedAt: string | null;
}

export interface SendingNumber {
  number: string;
  name: string;
  type: string;
  provider: string;
}

export interface RecordConversation {
  id: string;
  customerNumber: string;
  businessNumber: string;
  lastActivityAt: string;
  unreadCount: number;
  lastMessage: LastMessage | null;
}

export interface Owner {
  sellerId: string | null;
  sellerName: string | null;
  teamId: string | null;
  teamName: string | null;
}

export interface RecordConversations {
  record: RecordRef & { owner: Owner | null; inDirectory: boolean };
  numbers: { number: string; kind: string; conversations: RecordConversation[] }[];
  otherNumbers: RecordConversation[];
  relatedOpportunities?: {
    id: string;
    name: string;
    owner: Owner | null;
    active: boolean;
    relation: 'CUSTOMER' | 'RELATED_CONTACT';
    conversations: RecordConversation[];
  }[];
  activities?: RecordConversation[];
}

export interface Template {
  id: string;
  name: string;
  category: RecordType;
  language: string;
  body: string;
  scope: 'PERSONAL' | 'ORGANISATION';
  placeholders: string[];
}

export interface TemplatePreview {
  templateId: string;
  text: string;
  segments: { encoding: 'GSM_7' | 'UCS_2'; segments: number; characters: number };
  defaulted: string[];
  empty: string[];
  withinMaxLength: boolean;
}

export interface MoveResult {
  moved: boolean;
  conversationId: string;
  move: { id: string; from: RecordRef; to: RecordRef; movedBy: string; movedAt: string; merged: boolean } | null;
}

export interface RecordMatch {
  id: string;
  type: RecordType;
  name: string;
}

export type NotificationKind = 'INBOUND_MESSAGE' | 'MISSING_SELLER_PRIVILEGE' | 'OUTBOUND_FAILED' | 'CONVERSATION_MOVED';

export interface AppNotification {
  id: number;
  kind: NotificationKind | string;
  title: string;
  text: string;
  link: { conversationId: string | null; recordId: string | null; recordType: string | null } | null;
  createdAt: string;
  readAt: string | null;
}
