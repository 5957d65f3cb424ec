export type MailMessage = { to: string; subject: string; text: string; html: string; messageId: string };

/** Sends one e-mail; SMTP in production, a real SMTP server on loopback in tests. */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

/** A failure to send; `retryable` false means trying again cannot help (a refused address). */
export class MailerError extends Error {
  readonly retryable: boolean;
  constructor(message: string, options: { retryable: boolean; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.name = 'MailerError';
    this.retryable = options.retryable;
  }
}
