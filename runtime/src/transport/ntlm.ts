// NTLM (connection-based) authentication. The message encoding and crypto come from httpntlm; this
// module only runs the handshake: Type 1 -> 401 carrying the Type 2 challenge -> Type 3, all on the
// single connection of a dedicated undici Client, one exchange at a time.

import { createType1Message, createType3Message, parseType2Message } from 'httpntlm/ntlm';
import type { Client } from 'undici';
import { authSchemes } from './headers';

export interface NtlmCredentials {
  username: string;
  password: string;
  domain?: string;
  workstation?: string;
}

/** What the handshake needs to know of a response. */
export interface NtlmResponse {
  status: number;
  /** Names in lower case. */
  headers: Record<string, string>;
}

/**
 * Sends one HTTP request on the session's connection. `authorization` replaces the Authorization
 * header when given; `withBody` false sends an empty body (used for the Type 1 message).
 */
export type NtlmPerform<R extends NtlmResponse> = (authorization: string | undefined, withBody: boolean) => Promise<R>;

export interface NtlmOutcome<R extends NtlmResponse> {
  response: R;
  /** Why the handshake failed, when the final response is still a 401. */
  failure?: string;
}

/** The NTLM token a WWW-Authenticate header carries ("NTLM <base64>"), possibly among other challenges. */
export function ntlmChallenge(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const match = /(?:^|,)\s*NTLM\s+([A-Za-z0-9+/=]+)/i.exec(header);
  return match?.[1];
}

function offersNtlm(header: string | undefined): boolean {
  return authSchemes(header ?? '').some((s) => s.toLowerCase() === 'ntlm');
}

/** "DOMAIN\\user" → { domain, user } when no domain is given separately. */
function splitCredentials(c: NtlmCredentials): { username: string; password: string; domain: string; workstation: string } {
  let { username } = c;
  let domain = c.domain ?? '';
  const slash = username.indexOf('\\');
  if (c.domain === undefined && slash > 0) {
    domain = username.slice(0, slash);
    username = username.slice(slash + 1);
  }
  return { username, password: c.password, domain, workstation: c.workstation ?? '' };
}

export class NtlmSession {
  readonly #client: Client;
  readonly #credentials: NtlmCredentials;
  /** The current connection completed a handshake; later requests on it need no new one. */
  #authenticated = false;
  #connections = 0;
  #lock: Promise<void> = Promise.resolve();

  constructor(client: Client, credentials: NtlmCredentials) {
    this.#client = client;
    this.#credentials = credentials;
    client.on('connect', () => {
      this.#connections += 1;
    });
    client.on('disconnect', () => {
      this.#authenticated = false;
    });
  }

  get client(): Client {
    return this.#client;
  }

  /** Runs `perform` with the handshake around it, holding the session until done; `onTurn` once the session is this run's. */
  async run<R extends NtlmResponse>(perform: NtlmPerform<R>, signal: AbortSignal, onTurn?: () => void): Promise<NtlmOutcome<R>> {
    const release = await this.#acquire(signal);
    try {
      onTurn?.();
      return await this.#handshake(perform);
    } finally {
      release();
    }
  }

  async #handshake<R extends NtlmResponse>(perform: NtlmPerform<R>): Promise<NtlmOutcome<R>> {
    if (this.#authenticated) {
      const response = await perform(undefined, true);
      if (response.status !== 401 || !offersNtlm(response.headers['www-authenticate'])) return { response };
      this.#authenticated = false;
    }
    const creds = splitCredentials(this.#credentials);
    const negotiate = await perform(createType1Message({ domain: creds.domain, workstation: creds.workstation }), false);
    if (negotiate.status !== 401) {
      // The server did not ask for authentication; send the real request as is.
      return { response: await perform(undefined, true) };
    }
    const token = ntlmChallenge(negotiate.headers['www-authenticate']);
    if (token === undefined) return { response: negotiate, failure: 'the server sent no NTLM challenge' };
    let parseError: Error | undefined;
    let type3: string | undefined;
    try {
      // httpntlm reports some malformed challenges through the callback, and throws for a short one.
      const challenge = parseType2Message(`NTLM ${token}`, (e) => {
        parseError = e;
      });
      if (challenge !== null) type3 = createType3Message(challenge, { ...creds });
    } catch (error) {
      parseError = error instanceof Error ? error : new Error(String(error));
    }
    if (type3 === undefined) {
      return { response: negotiate, failure: `the NTLM challenge is malformed${parseError === undefined ? '' : `: ${parseError.message}`}` };
    }
    const connection = this.#connections;
    const response = await perform(type3, true);
    const sameConnection = this.#connections === connection;
    if (response.status === 401) {
      const failure = sameConnection
        ? 'the server rejected the NTLM credentials'
        : 'the server closed the connection during the NTLM handshake';
      return { response, failure };
    }
    if (sameConnection && response.status !== 403) this.#authenticated = true;
    return { response };
  }

  /** Waits for the previous run to finish; rejects with the signal's reason if it aborts first. */
  #acquire(signal: AbortSignal): Promise<() => void> {
    let release: () => void = () => undefined;
    const mine = new Promise<void>((resolve) => {
      release = resolve;
    });
    const previous = this.#lock;
    this.#lock = previous.then(() => mine);
    return new Promise<() => void>((resolve, reject) => {
      const onAbort = (): void => {
        reject(signal.reason);
        // Hand the turn on once it comes, so later runs are not blocked.
        void previous.then(release);
      };
      if (signal.aborted) {
        onAbort();
        return;
      }
      signal.addEventListener('abort', onAbort, { once: true });
      void previous.then(() => {
        if (signal.aborted) return;
        signal.removeEventListener('abort', onAbort);
        resolve(release);
      });
    });
  }
}
