import { Logger } from '@nestjs/common';
import { bearer, expectError, login } from '../helpers/accounts';
import { adminToken, createTestApp, type TestApp } from '../helpers/test-app';
import { describeEachEngine } from '../helpers/test-databases';

describeEachEngine('mail without SMTP', (engine) => {
  describe('in development', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await createTestApp({ systemEngine: engine });
    });

    afterAll(async () => {
      await t?.close();
    });

    it('writes the reset mail, code included, to the log, and the code works', async () => {
      const logged: string[] = [];
      const original = Object.getOwnPropertyDescriptor(Logger.prototype, 'log')!;
      // LOG_LEVEL=error hides info lines, so the test listens where MailService writes them.
      Object.defineProperty(Logger.prototype, 'log', { ...original, value: (message: unknown) => void logged.push(String(message)) });
      const auth = bearer(await adminToken(t));
      try {
        await t.http.post('/api/v2/system/user').set(auth).send([{ email: 'logged@example.com', password: 'first-password' }]).expect(201);
        await t.http.post('/api/v2/user/password?reset=true').send({ email: 'logged@example.com' }).expect(200, { success: true });
        await new Promise((resolve) => setTimeout(resolve, 100));
      } finally {
        Object.defineProperty(Logger.prototype, 'log', original);
      }
      const mail = logged.find((line) => line.includes('logged@example.com') && line.includes('Password reset'));
      const code = /Confirmation code: ([0-9A-Z]{32})/.exec(mail ?? '')?.[1];
      expect(code).toMatch(/^[0-9A-Z]{32}$/);
      await t.http.post('/api/v2/user/password').send({ email: 'logged@example.com', code, new_password: 'second-password' }).expect(200, { success: true });
      await login(t, 'logged@example.com', 'second-password');
    });
  });

  describe('in production', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await createTestApp({ systemEngine: engine, env: { NODE_ENV: 'production' } });
    });

    afterAll(async () => {
      await t?.close();
    });

    it('sends nothing: invitations answer 503 and leave no account, reset requests still answer 200', async () => {
      const auth = bearer(await adminToken(t));
      expectError(await t.http.post('/api/v2/system/user?send_invite=true').set(auth).send([{ email: 'invited@example.com' }]), 503, 'MAIL_FAILED');
      await t.http.get('/api/v2/system/user').query({ count_only: 'true' }).set(auth).expect(200, '0');
      await t.http.post('/api/v2/user/password?reset=true').send({ email: 'admin@example.com' }).expect(200, { success: true });
    });
  });
});
