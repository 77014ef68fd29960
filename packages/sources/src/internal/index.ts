/**
 * `@abm-kit/sources/internal`: building blocks that other abm-kit packages share.
 * This subpath is unstable: names here may change or disappear in any release,
 * including a patch. Do not import it from application code; use `@abm-kit/sources`.
 * @packageDocumentation
 */
export { createFileReport } from "../read/file-report.js";
export { mapRows, appendBatch, type MapOptions } from "../read/map-rows.js";
export { PRIMARY_ATTRIBUTE_PROPERTY } from "../marketo/activity-types.js";
