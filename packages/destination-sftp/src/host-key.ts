import { createHash } from "node:crypto";
import { ActionRequiredError } from "@abm-kit/destinations";

/** The OpenSSH SHA-256 fingerprint of a host key blob (`SHA256:` + unpadded base64). */
export function hostKeyFingerprint(key: Buffer): string {
  return `SHA256:${createHash("sha256").update(key).digest("base64").replace(/=+$/, "")}`;
}

/**
 * The server presented a host key that is not among the pinned `hostKeys`
 * (an unknown server, a changed key, or someone in between). The connection
 * is closed before any credential is sent; the run stops (status
 * `actionRequired`), it is not retried.
 */
export class HostKeyRejectedError extends ActionRequiredError<"HOST_KEY_REJECTED"> {
  /** The fingerprint the server presented (public, not a secret). */
  readonly presented: string;
  constructor(host: string, presented: string) {
    super(
      "HOST_KEY_REJECTED",
      `${host} presented host key ${presented}, which is not in hostKeys: if the server's key changed on purpose, pin the new fingerprint`,
      { setting: "hostKeys" },
    );
    this.name = "HostKeyRejectedError";
    this.presented = presented;
  }
}
