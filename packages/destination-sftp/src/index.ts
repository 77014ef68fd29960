/**
 * `@abm-kit/destination-sftp`: audience exports to a folder on an SFTP
 * server — files written by the runtime's writers, uploaded under a
 * temporary name and renamed into place, read back against the manifest's
 * SHA-256, the manifest last; password or private-key login, pinned host
 * keys. An SFTP server for tests is under `@abm-kit/destination-sftp/testing`.
 * @packageDocumentation
 */
export { sftpDestination } from "./sftp-destination.js";
export { SftpSettingsSchema, HOST_KEY_FINGERPRINT, remotePrefix, type SftpSettings, type SftpSettingsInput } from "./settings.js";
export * from "./error-codes.js";
export { HostKeyRejectedError, hostKeyFingerprint } from "./host-key.js";
export { sftpObjectStore, partialPath } from "./sftp-object-store.js";
export { toDeliveryError, SFTP_STATUS } from "./sftp-error.js";
