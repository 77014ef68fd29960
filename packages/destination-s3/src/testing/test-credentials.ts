import { randomBytes } from "node:crypto";
import type { CredentialLookup, TestCredentials } from "./sigv4.js";

/** Random credentials shaped like AWS's: a 20-character key id (`AKIA…`, or `ASIA…` with a session token) and a 40-character secret. */
export function randomCredentials(temporary: boolean): TestCredentials {
  const id = `${temporary ? "ASIA" : "AKIA"}${randomBytes(8).toString("hex").toUpperCase()}`;
  const secret = randomBytes(30).toString("base64").replace(/[+/=]/g, "x").slice(0, 40);
  return temporary
    ? { accessKeyId: id, secretAccessKey: secret, sessionToken: randomBytes(48).toString("base64") }
    : { accessKeyId: id, secretAccessKey: secret };
}

/** The credentials a test server accepts, and which of them expired. */
export class TestCredentialStore implements CredentialLookup {
  private readonly byId = new Map<string, TestCredentials>();
  private readonly expired = new Set<string>();

  add(credentials: TestCredentials): TestCredentials {
    this.byId.set(credentials.accessKeyId, credentials);
    return credentials;
  }

  find(accessKeyId: string): TestCredentials | undefined {
    return this.byId.get(accessKeyId);
  }

  isExpired(accessKeyId: string): boolean {
    return this.expired.has(accessKeyId);
  }

  /** From now on, requests signed with this key id are answered 400 ExpiredToken. */
  expire(accessKeyId: string): void {
    this.expired.add(accessKeyId);
  }

  /** Every secret value issued (to look for in output that must not hold them). */
  secrets(): string[] {
    return [...this.byId.values()].flatMap((c) => [c.accessKeyId, c.secretAccessKey, ...(c.sessionToken !== undefined ? [c.sessionToken] : [])]);
  }
}
