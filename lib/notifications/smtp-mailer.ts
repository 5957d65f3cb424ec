import nodemailer from 'nodemailer';
import { type MailMessage, type Mailer, MailerError } from './mailer';

/** SMTP answers in the 5xx range mean "this will not work"; 4xx and broken connections mean "later". */
function isPermanent(error: unknown): boolean {
  const code = (error as { responseCode?: number }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

/** E-mail through nodemailer to the server of SMTP_URL (SPEC §6). */
export function createSmtpMailer(url: string, from: string): Mailer {
  const transport = nodemailer.createTransport(url, { from });
  return {
    async send(message: MailMessage) {
      try {
        await transport.sendMail({ from, ...message });
      } catch (error) {
        const permanent = isPermanent(error);
        const code = (error as { responseCode?: number; code?: string }).responseCode ?? (error as { code?: string }).code;
        throw new MailerError(
          permanent ? `The mail server refused the message (${code}).` : `The mail server could not be reached or deferred the message (${code ?? 'no answer'}).`,
          { retryable: !permanent, cause: error },
        );
      }
    },
  };
}
