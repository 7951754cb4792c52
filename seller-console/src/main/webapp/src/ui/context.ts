import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Api } from '../api/client';
import type { AppNotification } from '../api/types';

export interface Console {
  api: Api;
  sellerId: string;
  /** Subscribes to notifications as they arrive live; answers the unsubscribe. */
  onLive(listener: (notification: AppNotification) => void): () => void;
}

export const ConsoleContext = createContext<Console | null>(null);

export function useConsole(): Console {
  const value = useContext(ConsoleContext);
  if (!value) throw new Error('ConsoleContext missing');
  return value;
}
