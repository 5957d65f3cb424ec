import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export type ReceivedMail = { to: string[]; messageId: string; subject: string; raw: string };

/**
 * A real SMTP server on loopback that keeps what it receives. `stop()` closes it (the mail server is
 * down: connections are refused) and `start()` brings it back on the same port.
 */
export class SmtpSink {
  readonly received: ReceivedMail[] = [];
  private server: SMTPServer | null = null;
  port = 0;

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const message = Buffer.concat(chunks).toString('utf8');
          const end = message.search(/\r?\n\r?\n/);
          // Long headers are folded onto indented continuation lines; unfold them before reading.
          // (Not as soft line breaks: a folded encoded word, `=?UTF-8?Q?…?=`, ends in "=" too.)
          const headers = message.slice(0, end).replace(/\r?\n[ \t]+/g, ' ');
          // Quoted-printable soft line breaks in the body would split words the tests look for.
          const raw = headers + message.slice(end).replace(/=\r?\n/g, '');
          this.received.push({
            to: session.envelope.rcptTo.map((address) => address.address),
            messageId: /^Message-ID:\s*(.+)$/im.exec(headers)?.[1]?.trim() ?? '',
            subject: /^Subject:\s*(.+)$/im.exec(headers)?.[1]?.trim() ?? '',
            raw,
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.server.address() as AddressInfo).port;
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
