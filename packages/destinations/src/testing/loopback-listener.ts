import type { Server, ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

/** A test server listening on 127.0.0.1 at an ephemeral port. */
export interface LoopbackListener {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** Leaves a request unanswered (a timeout fault); `close` ends it. */
  hang(res: ServerResponse): void;
  /** Ends hanging requests and open connections, then stops listening. */
  close(): Promise<void>;
}

/** Starts `server` on loopback, keeping track of its connections so `close` never waits on a keep-alive socket. */
export async function listenOnLoopback(server: Server): Promise<LoopbackListener> {
  const sockets = new Set<Socket>();
  const hanging = new Set<ServerResponse>();
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hang: (res) => void hanging.add(res),
    async close() {
      for (const res of hanging) res.destroy();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
