import { Global, Module } from '@nestjs/common';
import { MailService } from './mail.service';

/** Outgoing mail (SMTP through nodemailer, or the log in development). */
@Global()
@Module({
  providers: [MailService],
  exports: [MailService],
})
export class MailModule {}
