import { noFaults, startFaultServer, type FaultSchedule, type HarnessLogEntry } from "@abm-kit/destinations/testing";
import type { MarketoSettingsInput } from "../settings.js";
import { FakeMarketo } from "./fake-marketo.js";
import { FAKE_CLIENT_ID, FAKE_CLIENT_SECRET, FAKE_MUNCHKIN_ID, type FakeMarketoOptions } from "./fake-options.js";

/** A running fake Marketo on 127.0.0.1. */
export interface FakeMarketoServer {
  /** `http://127.0.0.1:<port>`: both the REST host and the identity host. */
  readonly url: string;
  /** The fake's state and request log. */
  readonly fake: FakeMarketo;
  /** Every request the fault harness saw, with the fault it injected. */
  readonly harnessLog: readonly HarnessLogEntry[];
  /** Replaces the fault schedule. */
  setFaults(schedule: FaultSchedule): void;
  /** Adapter settings that point at this fake (its instance, its client, its first folder). */
  settings(): MarketoSettingsInput;
  close(): Promise<void>;
}

/**
 * Starts a fake Marketo Engage REST API (identity, leads, static lists,
 * folders, named accounts and named account lists) on 127.0.0.1 with an
 * ephemeral port, behind the fault-injecting harness of
 * `@abm-kit/destinations/testing` (no faults unless `faults` is given).
 *
 * @example
 * const marketo = await startFakeMarketo({ now: "2026-12-01T09:00:00Z" });
 * // … activate with marketoDestination and marketo.settings() …
 * console.log(marketo.fake.staticLists(), marketo.fake.callsToday());
 * await marketo.close();
 */
export async function startFakeMarketo(options: FakeMarketoOptions = {}): Promise<FakeMarketoServer> {
  const fake = new FakeMarketo(options);
  const server = await startFaultServer(fake.handle, options.faults ?? noFaults);
  const folder = options.folders?.[0] ?? { id: 41, name: "abm-kit", type: "Folder" as const };
  return {
    url: server.url,
    fake,
    harnessLog: server.log,
    setFaults: (schedule) => server.setSchedule(schedule),
    settings: () => ({
      munchkinId: options.munchkinId ?? FAKE_MUNCHKIN_ID,
      clientId: options.clientId ?? FAKE_CLIENT_ID,
      clientSecret: options.clientSecret ?? FAKE_CLIENT_SECRET,
      restBaseUrl: server.url,
      identityBaseUrl: server.url,
      listFolder: folder.id,
      listFolderType: folder.type,
    }),
    close: () => server.close(),
  };
}
