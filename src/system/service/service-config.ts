import { SecretBox } from '../../common/crypto/secret-box';

export const SECRET_MASK = '**********';
const SECRET_KEYS = ['password'];

/** Service config as stored: JSON text with secrets encrypted (API.md 4.2, 8.1 #14). */
export class ServiceConfigCodec {
  constructor(private readonly box: SecretBox) {}

  encode(config: Record<string, unknown>): string {
    const stored: Record<string, unknown> = { ...config };
    for (const key of SECRET_KEYS) {
      const value = stored[key];
      if (typeof value === 'string' && value !== '') stored[key] = this.box.encrypt(value);
    }
    return JSON.stringify(stored);
  }

  /** The config with secrets in clear text: for connecting, never for responses. */
  decode(text: string | null): Record<string, unknown> {
    if (!text) return {};
    const config = JSON.parse(text) as Record<string, unknown>;
    for (const key of SECRET_KEYS) {
      const value = config[key];
      if (typeof value === 'string' && value !== '') config[key] = this.box.decrypt(value);
    }
    return config;
  }

  /** The config for responses: secrets masked when set, null when unset. */
  mask(text: string | null): Record<string, unknown> {
    const config = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    for (const key of SECRET_KEYS) {
      if (key in config) config[key] = typeof config[key] === 'string' && config[key] !== '' ? SECRET_MASK : null;
    }
    return config;
  }
}
