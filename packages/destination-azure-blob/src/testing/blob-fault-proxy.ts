import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import type { Fault, FaultSchedule } from "@abm-kit/destinations/testing";

/** A request as the proxy's fault schedule and hooks see it. */
export interface BlobRequestInfo {
  readonly method: string;
  /** Path without the query string: `/<account>/<container>/<blob>`. */
  readonly path: string;
  /** The `comp` query parameter (`block`, `blocklist`, `list`, …), if any. */
  readonly comp?: string;
}

/** Options of {@link startBlobFaultProxy}. */
export interface BlobFaultProxyOptions {
  /** Picks the fault (if any) for the `index`-th request (0-based). */
  readonly faults?: (index: number, request: BlobRequestInfo) => Fault | undefined;
  /** Called (and awaited) once Azurite has stored a blob (a Put Blob or a committed block list answered 2xx), before the client hears back. */
  readonly onStored?: (path: string) => Promise<void> | void;
}

/** A running fault proxy. */
export interface BlobFaultProxy {
  /** `http://127.0.0.1:<port>/<account>`: the blob endpoint to give the client. */
  readonly blobEndpoint: string;
  /** Every request seen, with the fault injected. */
  readonly log: readonly { index: number; method: string; path: string; fault?: string }[];
  close(): Promise<void>;
}

const errorBody = (code: string) => `<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>${code} (injected)</Message></Error>`;

/**
 * Starts an HTTP proxy on 127.0.0.1 (ephemeral port) in front of an Azurite
 * blob endpoint that injects the conformance kit's faults: 503 ServerBusy
 * with Retry-After, 5xx, unanswered requests, connection resets, unreadable
 * answers and 403 AuthenticationFailed — before Azurite saw the request or
 * after it carried it out (the client never hears that it did).
 */
export async function startBlobFaultProxy(upstream: string, options: BlobFaultProxyOptions = {}): Promise<BlobFaultProxy> {
  const target = new URL(upstream);
  const account = target.pathname.replace(/\/+$/, "");
  const log: { index: number; method: string; path: string; fault?: string }[] = [];
  const sockets = new Set<Socket>();
  let counter = 0;

  /** Sends the request on to Azurite; resolves with its answer, fully read. */
  const forward = (req: IncomingMessage, body: Buffer) =>
    new Promise<{ status: number; headers: IncomingMessage["headers"]; body: Buffer }>((resolve, reject) => {
      const up = httpRequest(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }));
          res.on("error", reject);
        },
      );
      up.on("error", reject);
      up.end(body);
    });

  const reply = (res: ServerResponse, status: number, code: string, extra: Record<string, string> = {}) => {
    const body = errorBody(code);
    res.writeHead(status, { "content-type": "application/xml", "x-ms-error-code": code, "content-length": String(Buffer.byteLength(body)), ...extra });
    res.end(body);
  };

  const server = createServer(async (req, res) => {
    const index = counter++;
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const info: BlobRequestInfo = {
      method: req.method ?? "GET",
      path: url.pathname,
      ...(url.searchParams.get("comp") ? { comp: url.searchParams.get("comp")! } : {}),
    };
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const fault = options.faults?.(index, info);
    log.push({
      index,
      method: info.method,
      path: info.path,
      ...(fault ? { fault: `${fault.kind}${"apply" in fault ? (fault.apply ? " after apply" : " before apply") : ""}` } : {}),
    });
    try {
      const apply = fault === undefined || ("apply" in fault && fault.apply);
      const answer = apply ? await forward(req, Buffer.concat(chunks)) : undefined;
      const stored = answer !== undefined && answer.status < 300 && info.method === "PUT" && (info.comp === undefined || info.comp === "blocklist");
      if (stored) await options.onStored?.(decodeURIComponent(info.path.slice(account.length + 1)));
      if (fault === undefined) {
        const headers = { ...answer!.headers };
        delete headers["transfer-encoding"];
        // a HEAD answer's content-length is the blob's size, not the (empty) body's
        res.writeHead(answer!.status, info.method === "HEAD" ? headers : { ...headers, "content-length": String(answer!.body.length) });
        return void res.end(answer!.body);
      }
      switch (fault.kind) {
        case "rateLimit":
          return reply(res, 503, "ServerBusy", { "retry-after": String(fault.retryAfterSeconds) });
        case "serverError":
          return reply(res, fault.status, fault.status === 500 ? "InternalError" : "ServerBusy");
        case "expiredToken":
          return reply(res, 403, "AuthenticationFailed");
        case "timeout":
          return; // never answered: the client's timeout gives up
        case "reset":
          return void req.socket.destroy();
        case "malformed":
          res.writeHead(200, { "content-type": "application/xml", "content-length": "9" });
          return void res.end("<not xml ");
      }
    } catch {
      if (!res.headersSent) reply(res, 502, "ProxyUpstreamFailed");
    }
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : 0;
  return {
    blobEndpoint: `http://127.0.0.1:${port}${account}`,
    log,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A harness fault schedule (conformance kit) as a proxy one. */
export function blobFaultsFrom(schedule: FaultSchedule): (index: number, request: BlobRequestInfo) => Fault | undefined {
  return (index, request) => schedule(index, request);
}
