export type { ObjectStore, ObjectCheck } from "./object-store.js";
export { objectKey, journalKey, JOURNAL_FOLDER, contentTypeOf } from "./object-keys.js";
export { ExportMarkerSchema, prepareObjectStoreExport, finishObjectStoreExport, type ExportMarker, type ObjectStoreLayout } from "./export-journal.js";
export { deliverToObjectStore } from "./deliver-object.js";
export { objectStoreDelivery, type ObjectStoreDeliveryInput } from "./object-store-delivery.js";
export { sha256Check, sha256OfStream } from "./sha256-check.js";
