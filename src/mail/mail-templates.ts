/** The e-mails the server sends (API.md 4.6, 5.3, 5.4). Plain text; the link carries the code and the e-mail. */
export interface MailMessage {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
}

export type CodeMailKind = 'reset' | 'register' | 'invite';

const SUBJECTS: Record<CodeMailKind, string> = {
  reset: 'Password reset',
  register: 'Confirm your registration',
  invite: 'You have been invited',
};

const INTROS: Record<CodeMailKind, string> = {
  reset: 'A password reset was requested for your account. If it was not you, ignore this e-mail.',
  register: 'Thank you for registering. Confirm your e-mail address and choose a password to finish.',
  invite: 'An account has been created for you. Choose a password to start using it.',
};

/** `{url}?code={code}&email={email}` (API.md 1.2). */
export function codeLink(baseUrl: string, code: string, email: string): string {
  const separator = baseUrl.includes('?') ? '&' : '?';
  return `${baseUrl}${separator}code=${encodeURIComponent(code)}&email=${encodeURIComponent(email)}`;
}

export function codeMail(kind: CodeMailKind, to: string, code: string, baseUrl: string, validMinutes: number): MailMessage {
  const hours = validMinutes % 60 === 0 ? `${validMinutes / 60} hour(s)` : `${validMinutes} minute(s)`;
  return {
    to,
    subject: SUBJECTS[kind],
    text: [INTROS[kind], '', codeLink(baseUrl, code, to), '', `Confirmation code: ${code}`, '', `The code is valid for ${hours} and can be used once.`].join('\n'),
  };
}
