/**
 * `@abm-kit/destinations/internal`: building blocks that other abm-kit packages share.
 * This subpath is unstable: names here may change or disappear in any release,
 * including a patch. Do not import it from application code; use `@abm-kit/destinations`
 * (and `@abm-kit/destinations/testing` for tests).
 * @packageDocumentation
 */
export { createRequester, type RequesterDeps } from "../http/http-request.js";
export { objectKey, journalKey, JOURNAL_FOLDER } from "../files/object-store/object-keys.js";
export { ExportMarkerSchema, type ExportMarker } from "../files/object-store/export-journal.js";
