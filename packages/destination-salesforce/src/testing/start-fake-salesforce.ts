import { noFaults, startFaultServer, type FaultSchedule, type HarnessLogEntry } from "@abm-kit/destinations/testing";
import type { SalesforceSettingsInput } from "../settings.js";
import { FakeSalesforce, type FakeRequest, type FakeSalesforceOptions } from "./fake-salesforce.js";

/** Options of {@link startFakeSalesforce}. */
export interface StartFakeSalesforceOptions extends FakeSalesforceOptions {
  /** Faults to inject (429, 5xx, timeouts, resets, expired tokens), before or after the org applied a request. */
  readonly faults?: FaultSchedule;
  /** Called before each request is answered (a test can kill a client here). */
  readonly onRequest?: (request: { readonly method: string; readonly path: string }) => void | Promise<void>;
}

/** A running fake Salesforce org on loopback. */
export interface FakeSalesforceServer {
  /** `http://127.0.0.1:<port>`: the login host and the instance URL. */
  readonly url: string;
  readonly fake: FakeSalesforce;
  /** Every request with the fault injected into it. */
  readonly log: readonly HarnessLogEntry[];
  /** Settings that point the adapter at this org, for an auth flow (default client credentials). */
  settings(flow?: "clientCredentials" | "jwtBearer" | "refreshToken"): SalesforceSettingsInput & { loginUrl: string };
  /** The requests the org answered. */
  readonly requests: readonly FakeRequest[];
  close(): Promise<void>;
}

/**
 * Starts a fake Salesforce org (REST API and Bulk API 2.0) on 127.0.0.1 at an
 * ephemeral port, behind the fault-injecting server of `@abm-kit/destinations/testing`.
 */
export async function startFakeSalesforce(options: StartFakeSalesforceOptions = {}): Promise<FakeSalesforceServer> {
  const fake = new FakeSalesforce(options);
  const server = await startFaultServer(async (request) => {
    await options.onRequest?.({ method: request.method, path: request.path });
    return fake.handle(request);
  }, options.faults ?? noFaults);
  fake.url = server.url;
  const c = fake.credentials;
  return {
    url: server.url,
    fake,
    log: server.log,
    requests: fake.requests,
    settings(flow = "clientCredentials") {
      const auth =
        flow === "clientCredentials"
          ? { flow, clientId: c.clientId, clientSecret: c.clientSecret }
          : flow === "jwtBearer"
            ? { flow, clientId: c.clientId, username: c.username, privateKey: c.privateKey, audience: server.url }
            : { flow, clientId: c.clientId, clientSecret: c.clientSecret, refreshToken: c.refreshToken };
      return { auth, loginUrl: server.url, bulkPollIntervalMs: 5, bulkPollMaxIntervalMs: 50 };
    },
    close: () => server.close(),
  };
}
