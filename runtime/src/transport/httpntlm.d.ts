// Type declarations for the part of httpntlm that the NTLM handshake uses. The package ships none.

declare module 'httpntlm/ntlm' {
  /** A decoded Type 2 (challenge) message; only passed back to createType3Message. */
  export interface NtlmType2Message {
    readonly type: number;
    readonly negotiateFlags: number;
  }

  export interface NtlmType1Options {
    domain?: string;
    workstation?: string;
  }

  export interface NtlmType3Options extends NtlmType1Options {
    username?: string;
    password?: string;
  }

  /** Returns the header value "NTLM <base64 Type 1 message>". */
  export function createType1Message(options: NtlmType1Options): string;

  /** Parses "NTLM <base64>" from WWW-Authenticate; on failure calls `onError` and returns null. */
  export function parseType2Message(header: string, onError: (error: Error) => void): NtlmType2Message | null;

  /** Returns the header value "NTLM <base64 Type 3 message>". */
  export function createType3Message(challenge: NtlmType2Message, options: NtlmType3Options): string;
}
