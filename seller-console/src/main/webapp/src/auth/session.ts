import { InMemoryWebStorage, UserManager, WebStorageStateStore, type User } from 'oidc-client-ts';

export interface SessionSettings {
  authority: string;
  clientId: string;
}

/**
 * The seller's sign-in: OIDC authorization code flow with PKCE (oidc-client-ts) against Keycloak, a public client.
 * Tokens live only in this page's memory: a reload or a new tab signs in again (silently while Keycloak's own session
 * lasts), and nothing of one seller stays in the browser for the next one.
 */
export class Session {
  private readonly manager: UserManager;
  private user: User | null = null;

  constructor(settings: SessionSettings) {
    const home = `${window.location.origin}/`;
    this.manager = new UserManager({
      authority: settings.authority,
      client_id: settings.clientId,
      redirect_uri: home,
      post_logout_redirect_uri: home,
      response_type: 'code',
      scope: 'openid profile',
      userStore: new WebStorageStateStore({ store: new InMemoryWebStorage() }),
      // Only the sign-in request's state and PKCE verifier, which must survive the redirect; removed on return.
      stateStore: new WebStorageStateStore({ store: window.sessionStorage }),
      automaticSilentRenew: true,
    });
    this.manager.events.addUserLoaded((user) => {
      this.user = user;
    });
  }

  /** Signs in (or finishes signing in) and answers the route the seller was on; never returns while redirecting. */
  async start(): Promise<string> {
    const query = new URLSearchParams(window.location.search);
    if (query.has('code') && query.has('state')) {
      const user = await this.manager.signinRedirectCallback();
      this.user = user;
      const route = typeof user.state === 'string' ? user.state : '';
      window.history.replaceState(null, '', `${window.location.pathname}${route}`);
      return route;
    }
    if (query.has('error')) {
      throw new Error(`Sign-in was refused: ${query.get('error_description') ?? query.get('error')}`);
    }
    await this.manager.signinRedirect({ state: window.location.hash });
    return new Promise<string>(() => {});
  }

  async token(): Promise<string> {
    if (this.user && !this.user.expired) return this.user.access_token;
    const renewed = await this.manager.signinSilent().catch(() => null);
    if (renewed) {
      this.user = renewed;
      return renewed.access_token;
    }
    await this.manager.signinRedirect({ state: window.location.hash });
    return new Promise<string>(() => {});
  }

  get sellerId(): string {
    return this.user?.profile.sub ?? '';
  }

  get displayName(): string {
    const profile = this.user?.profile;
    return profile?.name ?? profile?.preferred_username ?? '';
  }

  async signOut(): Promise<void> {
    const idToken = this.user?.id_token;
    this.user = null;
    await this.manager.removeUser();
    await this.manager.signoutRedirect({ id_token_hint: idToken });
  }
}
