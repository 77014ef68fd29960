import { tmpdir } from "node:os";
import { join } from "node:path";
import { FileExportOptionsSchema, secret } from "@abm-kit/destinations";
import ssh2 from "ssh2";
import { z } from "zod";

/** An OpenSSH SHA-256 host key fingerprint, as `ssh-keygen -lf` prints it: `SHA256:` and 43 base64 characters. */
export const HOST_KEY_FINGERPRINT = /^SHA256:[A-Za-z0-9+/]{43}$/;

/** Why `dir` is not a usable remote directory, or undefined. */
function directoryProblem(dir: string): string | undefined {
  if (dir.includes("//")) return "a remote directory has no empty path segment (//)";
  if (dir.split("/").some((segment) => segment === "." || segment === "..")) return "a remote directory has no . or .. segment";
  if (/[\u0000-\u001f\u007f]/.test(dir)) return "a remote directory has no control characters";
  return undefined;
}

/**
 * Settings of the SFTP destination: the server (host, port, pinned host
 * keys), the login (user name and a password or a private key, all secret),
 * the remote directory, how uploads are checked, timeouts, and the file
 * export options (format, compression, rows per file, file-name template).
 */
export const SftpSettingsSchema = z
  .strictObject({
    ...FileExportOptionsSchema.shape,
    /** The server's host name or IP address. */
    host: z.string().min(1),
    /** The server's port (default 22). */
    port: z.number().int().min(1).max(65_535).default(22),
    /** The login name. */
    username: z.string().min(1),
    /** Password authentication (secret). Give this or `privateKey`. */
    password: secret(z.string().min(1)).optional(),
    /** An OpenSSH or PEM private key (secret). Give this or `password`. */
    privateKey: secret(z.string().min(1)).optional(),
    /** The private key's passphrase, if it is encrypted (secret). */
    passphrase: secret(z.string().min(1)).optional(),
    /**
     * The server's host key fingerprints that are accepted (`SHA256:…` as
     * `ssh-keygen -lf` or `ssh-keyscan | ssh-keygen -lf -` print them). Any
     * other key is refused with `HostKeyRejectedError`: there is no
     * trust-on-first-use.
     */
    hostKeys: z.array(z.string().regex(HOST_KEY_FINGERPRINT, "a host key fingerprint looks like SHA256: and 43 base64 characters (ssh-keygen -lf)")).min(1),
    /** Where files go: a folder on the server (absolute, or relative to the login directory; "" is the login directory). Created if missing. */
    remoteDirectory: z.string().default(""),
    /**
     * How an uploaded file is checked: `sha256` reads it back and compares its
     * SHA-256 with the manifest's (default); `size` compares only its size (half
     * the transfer, for very large files).
     */
    verify: z.enum(["sha256", "size"]).default("sha256"),
    /** Writes in flight at once per file (default 8). */
    concurrency: z.number().int().min(1).max(64).default(8),
    /** Bytes per write request (default 32 KiB, what most servers accept). */
    chunkBytes: z
      .number()
      .int()
      .min(1024)
      .max(256 * 1024)
      .default(32 * 1024),
    /** The SSH handshake and login must finish within this (default 20 s). */
    connectTimeoutMs: z.number().int().min(100).max(600_000).default(20_000),
    /** One SFTP operation (a whole upload counts as one) waiting longer than this is abandoned and retried (default 10 min). */
    requestTimeoutMs: z.number().int().min(100).max(86_400_000).default(600_000),
    /** Where files are written before upload (removed from there once uploaded). */
    stagingDirectory: z
      .string()
      .min(1)
      .default(() => join(tmpdir(), "abm-kit-sftp-staging")),
  })
  .superRefine(
    (s, ctx) => {
      const problem = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
      if (s.password === undefined && s.privateKey === undefined) problem("password", "give password or privateKey");
      if (s.password !== undefined && s.privateKey !== undefined) problem("privateKey", "give password or privateKey, not both");
      if (s.passphrase !== undefined && s.privateKey === undefined) problem("passphrase", "passphrase is only used with privateKey");
      if (typeof s.privateKey === "string" && s.privateKey !== "") {
        // the reason ssh2 gives names the key's format or the passphrase, never the key
        const parsed = ssh2.utils.parseKey(s.privateKey, typeof s.passphrase === "string" ? s.passphrase : undefined);
        if (parsed instanceof Error) {
          const encrypted = /encrypted|passphrase/i.test(parsed.message);
          if (encrypted) problem("passphrase", "the private key is encrypted: the passphrase is missing or wrong");
          else problem("privateKey", "the private key is not an OpenSSH, PEM (PKCS#1 / PKCS#8) or PuTTY key ssh2 can read");
        }
      }
      if (typeof s.remoteDirectory === "string") {
        const why = directoryProblem(s.remoteDirectory);
        if (why !== undefined) problem("remoteDirectory", why);
      }
    },
    { when: (payload) => typeof payload.value === "object" && payload.value !== null },
  );

/** SFTP settings as given in a plan. */
export type SftpSettingsInput = z.input<typeof SftpSettingsSchema>;
/** SFTP settings after defaults. */
export type SftpSettings = z.output<typeof SftpSettingsSchema>;

/** The key prefix of the settings' remote directory: "" or the directory with one trailing `/`. */
export function remotePrefix(settings: Pick<SftpSettings, "remoteDirectory">): string {
  const dir = settings.remoteDirectory;
  return dir === "" || dir.endsWith("/") ? dir : `${dir}/`;
}
