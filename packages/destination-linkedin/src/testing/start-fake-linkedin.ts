import { noFaults, startFaultServer, type FaultSchedule, type HarnessLogEntry } from "@abm-kit/destinations/testing";
import type { LinkedInSettingsInput } from "../settings.js";
import { FakeLinkedIn } from "./fake-linkedin.js";
import { FAKE_CLIENT_ID, FAKE_CLIENT_SECRET, FAKE_REFRESH_TOKEN, type FakeLinkedInOptions } from "./fake-options.js";

/** A running fake LinkedIn on 127.0.0.1. */
export interface FakeLinkedInServer {
  /** `http://127.0.0.1:<port>`: both the API host and the OAuth host. */
  readonly url: string;
  /** The fake's state and request log. */
  readonly fake: FakeLinkedIn;
  /** Every request the fault harness saw, with the fault it injected. */
  readonly harnessLog: readonly HarnessLogEntry[];
  /** Replaces the fault schedule. */
  setFaults(schedule: FaultSchedule): void;
  /** Adapter settings that point at this fake (its client, its first refresh token, an ad account it allows). */
  settings(): LinkedInSettingsInput;
  close(): Promise<void>;
}

/**
 * Starts a fake LinkedIn Marketing API (OAuth token endpoint and DMP
 * segments) on 127.0.0.1 with an ephemeral port, behind the fault-injecting
 * harness of `@abm-kit/destinations/testing` (no faults unless `faults` is given).
 *
 * @example
 * const linkedin = await startFakeLinkedIn({ now: "2026-12-01T09:00:00Z", propagationDelayMs: 0 });
 * const settings = { ...linkedin.settings(), segmentReadyDelayMs: 0 };
 * // … activate with linkedInDestination and these settings …
 * console.log(linkedin.fake.segments());
 * await linkedin.close();
 */
export async function startFakeLinkedIn(options: FakeLinkedInOptions = {}): Promise<FakeLinkedInServer> {
  const fake = new FakeLinkedIn(options);
  const server = await startFaultServer(fake.handle, options.faults ?? noFaults);
  const account = options.adAccounts?.[0] ?? "507404993";
  return {
    url: server.url,
    fake,
    harnessLog: server.log,
    setFaults: (schedule) => server.setSchedule(schedule),
    settings: () => ({
      apiBaseUrl: server.url,
      authBaseUrl: server.url,
      clientId: options.clientId ?? FAKE_CLIENT_ID,
      clientSecret: options.clientSecret ?? FAKE_CLIENT_SECRET,
      refreshToken: options.refreshTokens?.[0] ?? FAKE_REFRESH_TOKEN,
      adAccountId: String(account),
    }),
    close: () => server.close(),
  };
}
