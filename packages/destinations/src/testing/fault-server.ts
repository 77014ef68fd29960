import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { describeFault, noFaults, type Fault, type FaultSchedule } from "./fault.js";
import { listenOnLoopback, type LoopbackListener } from "./loopback-listener.js";

/** A request as the service handler sees it. */
export interface ServiceRequest {
  readonly method: string;
  /** Path without the query string. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** The parsed JSON body, or the raw text when it is not JSON (undefined when empty). */
  readonly body: unknown;
}

/** What the service answers. */
export interface ServiceResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: unknown;
  /** A raw body sent as is (a CSV download) instead of `body` as JSON; give its `content-type` in `headers`. */
  readonly text?: string;
}

/** The service's logic (a contract-faithful fake of the real API). */
export type ServiceHandler = (request: ServiceRequest) => ServiceResponse | Promise<ServiceResponse>;

/** One request the harness saw, with the fault it injected. */
export interface HarnessLogEntry {
  readonly index: number;
  readonly method: string;
  readonly path: string;
  readonly fault: string | undefined;
  readonly status: number | undefined;
}

/** A running fault-injecting server. */
export interface FaultServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly log: readonly HarnessLogEntry[];
  /** Replaces the fault schedule (request numbering continues). */
  setSchedule(schedule: FaultSchedule): void;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * Starts a local HTTP server (127.0.0.1, ephemeral port) that runs `handler`
 * and injects faults by `schedule`: 429 with Retry-After, 5xx, timeouts (the
 * response never comes), connection resets, malformed JSON bodies and
 * expired-token 401s — before or after the service applied the request.
 */
export async function startFaultServer(handler: ServiceHandler, schedule: FaultSchedule = noFaults): Promise<FaultServer> {
  let current = schedule;
  let counter = 0;
  const log: HarnessLogEntry[] = [];
  let listener: LoopbackListener | undefined;

  const server = createServer(async (req, res) => {
    const index = counter++;
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const entry = { index, method: req.method ?? "GET", path: url.pathname, fault: undefined as string | undefined, status: undefined as number | undefined };
    log.push(entry);
    let fault: Fault | undefined;
    try {
      const body = await readBody(req);
      fault = current(index, { method: entry.method, path: entry.path });
      entry.fault = fault === undefined ? undefined : describeFault(fault);
      const request: ServiceRequest = {
        method: entry.method,
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers as Record<string, string | undefined>,
        body,
      };
      if (fault?.kind === "rateLimit")
        return send(res, entry, { status: 429, headers: { "retry-after": String(fault.retryAfterSeconds) }, body: { error: "rate limited" } });
      if (fault?.kind === "expiredToken") return send(res, entry, { status: 401, body: { error: "token expired" } });
      const applies = fault === undefined || fault.apply;
      const response = applies ? await handler(request) : undefined;
      if (fault === undefined) return send(res, entry, response!);
      switch (fault.kind) {
        case "serverError":
          return send(res, entry, { status: fault.status, body: { error: "internal error" } });
        case "timeout":
          listener!.hang(res); // never answered; the client gives up
          return;
        case "reset":
          req.socket.destroy();
          return;
        case "malformed":
          entry.status = 200;
          res.writeHead(200, { "content-type": "application/json" });
          res.end('{"results": [ {"id": ');
          return;
      }
    } catch (error) {
      send(res, entry, { status: 500, body: { error: error instanceof Error ? error.message : "error" } });
    }
  });
  listener = await listenOnLoopback(server);

  return {
    url: listener.url,
    log,
    setSchedule(next) {
      current = next;
    },
    close: listener.close,
  };
}

function send(res: ServerResponse, entry: { status: number | undefined }, response: ServiceResponse): void {
  entry.status = response.status;
  const body = response.text ?? (response.body === undefined ? "" : JSON.stringify(response.body));
  res.writeHead(response.status, { "content-type": "application/json", ...response.headers });
  res.end(body);
}
