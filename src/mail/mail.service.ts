import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Transporter } from 'nodemailer';
import { APP_CONFIG, type AppConfig } from '../config';
import type { MailMessage } from './mail-templates';

/** Raised when the SMTP server refuses the mail or cannot be reached. */
export class MailFailedError extends Error {
  constructor(override readonly cause: unknown) {
    super('The e-mail could not be sent.');
  }
}

/**
 * Sends mail over SMTP (nodemailer, MAIL_* variables). Without MAIL_HOST: in development the mail,
 * code included, goes to the log; in production nothing is sent and a warning is logged at start.
 */
@Injectable()
export class MailService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(MailService.name);
  private transport: Transporter | undefined;
  private readonly pending = new Set<Promise<unknown>>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async onModuleInit(): Promise<void> {
    const { host, port, secure, user, password } = this.config.mail;
    if (host) {
      // Loaded only where SMTP is configured: nodemailer holds over 1 MiB of heap.
      const { createTransport } = await import('nodemailer');
      this.transport = createTransport({
        host, port, secure, auth: user ? { user, pass: password ?? '' } : undefined,
        connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000,
      });
    } else if (this.config.isProduction) {
      this.logger.warn('MAIL_HOST is not set: e-mails (password resets, registrations, invitations) are not sent.');
    }
  }

  /** Sends one mail; throws MailFailedError when it could not be delivered to the SMTP server. */
  async send(message: MailMessage): Promise<void> {
    if (!this.transport) {
      // Production without SMTP cannot deliver: registrations and invitations answer 503 instead of waiting for a mail that never comes.
      if (this.config.isProduction) throw new MailFailedError(new Error('MAIL_HOST is not set.'));
      this.logger.log(`Mail (MAIL_HOST unset, not sent) to ${message.to}: ${message.subject}\n${message.text}`);
      return;
    }
    try {
      await this.transport.sendMail({ from: this.config.mail.from, to: message.to, subject: message.subject, text: message.text });
    } catch (error) {
      throw new MailFailedError(error);
    }
  }

  /** Sends without making the request wait (reset requests must answer alike either way); failures are logged. */
  sendInBackground(message: MailMessage): void {
    const task = this.send(message).catch((error: unknown) => {
      this.logger.warn({ err: error instanceof MailFailedError ? error.cause : error }, 'A mail could not be sent.');
    });
    this.pending.add(task);
    void task.finally(() => this.pending.delete(task));
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.pending]);
    this.transport?.close();
  }
}
