import type { DestinationsErrorCode } from "../../error-codes.js";
import { rm } from "node:fs/promises";
import type { AdapterContext } from "../../definition/adapter-context.js";
import type { FileDelivery } from "../../definition/destination-definition.js";
import { TerminalError } from "../../errors.js";
import type { FileExportOptionsInput } from "../file-export-options.js";
import { classified, deliverToObjectStore } from "./deliver-object.js";
import { finishObjectStoreExport, prepareObjectStoreExport } from "./export-journal.js";
import { objectKey } from "./object-keys.js";
import type { ObjectStore } from "./object-store.js";

/** What a store package gives {@link objectStoreDelivery}. */
export interface ObjectStoreDeliveryInput<Settings, Receipt> {
  /** The writer options (format, compression, split size, name template) from the settings. */
  readonly options: (settings: Settings) => FileExportOptionsInput;
  /** The local folder where files are written before upload. */
  readonly stagingDirectory: (settings: Settings) => string;
  /** Prepended to each file name to make its key (`""` or a folder ending in `/`). */
  readonly keyPrefix: (settings: Settings) => string;
  /** Larger files stop the run with `OBJECT_TOO_LARGE` before any upload. */
  readonly maxObjectBytes?: (settings: Settings) => number;
  /** Opens the store for one delivery step (closed after it with `close`). */
  readonly openStore: (ctx: AdapterContext<Settings>) => ObjectStore<Receipt> | Promise<ObjectStore<Receipt>>;
}

/** Runs `use` on a store opened for it; a failure that is not already a runtime error is classified by the store's `toDeliveryError`. */
async function withStore<S, R, T>(
  input: ObjectStoreDeliveryInput<S, R>,
  ctx: AdapterContext<S>,
  step: string,
  use: (store: ObjectStore<R>) => Promise<T>,
): Promise<T> {
  const store = await input.openStore(ctx);
  try {
    return await use(store);
  } catch (error) {
    throw classified(store, error, step);
  } finally {
    await store.close?.().catch(() => undefined);
  }
}

/**
 * The `file` part of a destination that uploads exports to an object store:
 * before an export, a marker of it is written and what interrupted exports
 * of the same audience left is cleared; each file is uploaded, checked, and
 * kept if a resumed run finds it already stored; the manifest goes last, then
 * the marker is removed. A store package supplies only the {@link ObjectStore}.
 */
export function objectStoreDelivery<Settings, Receipt>(input: ObjectStoreDeliveryInput<Settings, Receipt>): FileDelivery<Settings> {
  return {
    options: input.options,
    stagingDirectory: input.stagingDirectory,
    prepare: (ctx, staged) =>
      withStore(input, ctx, "prepare the export", (store) =>
        prepareObjectStoreExport(
          store,
          { keyPrefix: input.keyPrefix(ctx.settings), stagingDirectory: input.stagingDirectory(ctx.settings) },
          staged,
          ctx.now,
          ctx.signal,
        ),
      ),
    deliver: async (ctx, file) => {
      const max = input.maxObjectBytes?.(ctx.settings);
      if (max !== undefined && file.bytes > max) {
        throw new TerminalError<DestinationsErrorCode>(
          "OBJECT_TOO_LARGE",
          `${file.name} is ${file.bytes} bytes, more than maxObjectBytes (${max}): lower maxRowsPerFile`,
        );
      }
      const keyPrefix = input.keyPrefix(ctx.settings);
      await withStore(input, ctx, `deliver ${file.name}`, async (store) => {
        await deliverToObjectStore(store, objectKey(keyPrefix, file.name), file, ctx.signal);
        if (file.kind === "manifest") await finishObjectStoreExport(store, keyPrefix, file.name, ctx.signal);
      });
      await rm(file.localPath, { force: true });
    },
  };
}
