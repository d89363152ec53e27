import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** One mail as the local SMTP server received it, with its text body decoded. */
export interface CaughtMail {
  readonly to: string[];
  readonly subject: string;
  readonly text: string;
}

/**
 * A real SMTP server on 127.0.0.1 (random port) that keeps what it receives, for tests that
 * read the confirmation codes the application mails. Plain SMTP: no STARTTLS, no AUTH.
 */
export class SmtpCatcher {
  readonly mails: CaughtMail[] = [];
  private readonly waiters: { match: (m: CaughtMail) => boolean; resolve: (m: CaughtMail) => void }[] = [];
  private server!: SMTPServer;
  /** When true, every message is refused (to test MAIL_FAILED paths). */
  refuse = false;
  port = 0;

  async start(): Promise<this> {
    this.server = new SMTPServer({
      disabledCommands: ['STARTTLS', 'AUTH'],
      authOptional: true,
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          if (this.refuse) return callback(new Error('Mailbox unavailable'));
          const to = session.envelope.rcptTo.map((r) => r.address);
          this.receive(parseMail(Buffer.concat(chunks).toString('utf8'), to));
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', () => resolve()));
    this.port = (this.server.server.address() as AddressInfo).port;
    return this;
  }

  /** The MAIL_* variables that point the application at this server. */
  env(): Record<string, string> {
    return { MAIL_HOST: '127.0.0.1', MAIL_PORT: String(this.port), MAIL_SECURE: 'false', MAIL_FROM: 'api@example.com' };
  }

  /** The next (or an already received, not yet taken) mail to `address`. */
  async next(address: string, timeoutMs = 5000): Promise<CaughtMail> {
    const match = (m: CaughtMail) => m.to.includes(address);
    const index = this.mails.findIndex(match);
    if (index >= 0) return this.mails.splice(index, 1)[0]!;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`No mail to ${address} within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({ match, resolve: (m) => { clearTimeout(timer); resolve(m); } });
    });
  }

  /** Mails to `address` received and not taken yet. */
  pending(address: string): CaughtMail[] {
    return this.mails.filter((m) => m.to.includes(address));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private receive(mail: CaughtMail): void {
    const waiter = this.waiters.findIndex((w) => w.match(mail));
    if (waiter >= 0) this.waiters.splice(waiter, 1)[0]!.resolve(mail);
    else this.mails.push(mail);
  }
}

/** The code of a confirmation mail: the `code=` of its link. */
export function codeOf(mail: CaughtMail): string {
  const code = /code=([0-9A-Z]{32})/.exec(mail.text)?.[1];
  if (!code) throw new Error(`No code in mail: ${mail.text}`);
  return code;
}

/** Headers + body of a single-part text mail, the body decoded from quoted-printable or base64. */
function parseMail(raw: string, to: string[]): CaughtMail {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const body = raw.slice(split + 4);
  const header = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(head)?.[1]?.trim() ?? '';
  const encoding = header('Content-Transfer-Encoding').toLowerCase();
  const text = encoding === 'base64'
    ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
    : encoding === 'quoted-printable'
      ? Buffer.from(body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8')
      : body;
  return { to, subject: header('Subject'), text: text.replace(/\r\n/g, '\n') };
}
