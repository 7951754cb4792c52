import { render } from 'preact';
import { Api } from './api/client';
import { Session } from './auth/session';
import { App } from './ui/App';
import './styles.css';

interface PageSettings {
  conversationApi: string;
  notificationApi: string;
  authority: string;
  clientId: string;
}

async function boot() {
  const root = document.getElementById('app')!;
  try {
    const answer = await fetch('/settings.json', { cache: 'no-store' });
    if (!answer.ok) throw new Error(`the console's settings answered ${answer.status}`);
    const settings = (await answer.json()) as PageSettings;
    const session = new Session(settings);
    await session.start();
    const api = new Api(settings, () => session.token());
    root.textContent = ''; // the static "Loading…" line
    render(<App api={api} session={session} />, root);
  } catch (error) {
    root.textContent = '';
    const p = document.createElement('p');
    p.className = 'notice error';
    p.setAttribute('role', 'alert');
    p.textContent = `The console could not start: ${error instanceof Error ? error.message : 'unknown error'}. Reload the page to try again.`;
    root.append(p);
  }
}

void boot();
