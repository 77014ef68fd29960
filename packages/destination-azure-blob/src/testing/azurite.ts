import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { BlobServiceClient, ContainerSASPermissions } from "@azure/storage-blob";

/** Azurite's well-known development account (published in Azurite's README; not a secret of anyone's). */
export const AZURITE_ACCOUNT = "devstoreaccount1";
/** The key of {@link AZURITE_ACCOUNT}. */
export const AZURITE_KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

/** A running Azurite blob service on loopback. */
export interface AzuriteServer {
  /** `http://127.0.0.1:<port>/devstoreaccount1` (`https://` when started with `https`) */
  readonly blobEndpoint: string;
  readonly port: number;
  /** A connection string for the development account at `endpoint` (default this server's blob endpoint). */
  connectionString(endpoint?: string): string;
  /** Creates a container (if it is not there yet). */
  createContainer(name: string): Promise<void>;
  /** A SAS URL for a container, signed with the development account's key (`permissions` default `racwdl`). */
  containerSasUrl(name: string, options: { readonly expiresOn: Date; readonly permissions?: string }): Promise<string>;
  /** The blobs of a container whose names start with `prefix`, sorted by name, with their sizes. */
  blobs(container: string, prefix?: string): Promise<{ name: string; bytes: number }[]>;
  /** The bytes of a blob. */
  read(container: string, name: string): Promise<Buffer>;
  close(): Promise<void>;
}

/** Options of {@link startAzurite}. */
export interface AzuriteOptions {
  /** Azurite's blob entry script; default the one of the `azurite` package installed beside this one (a devDependency: install `azurite`). */
  readonly script?: string;
  /** Give up waiting for Azurite after this (default 30 s). */
  readonly startTimeoutMs?: number;
  /**
   * Serve HTTPS with this certificate and key (PEM files), and accept
   * Microsoft Entra ID bearer tokens (`--oauth basic`: Azurite checks a
   * token's issuer, audience and lifetime, not its signature). A client
   * must trust the certificate (for Node, `NODE_EXTRA_CA_CERTS`).
   */
  readonly https?: { readonly certPath: string; readonly keyPath: string };
}

function azuriteBlobScript(): string {
  const require = createRequire(join(process.cwd(), "package.json"));
  const fromHere = createRequire(typeof __filename === "string" ? __filename : new URL(import.meta.url).pathname);
  for (const r of [fromHere, require]) {
    try {
      return join(dirname(r.resolve("azurite/package.json")), "dist", "src", "blob", "main.js");
    } catch {
      // try the next place
    }
  }
  throw new Error("azurite is not installed: add it as a devDependency (azurite@3.35.0 runs on Node 20)");
}

/**
 * Starts Azurite's blob service in a child process: on 127.0.0.1 with a port
 * the system picks, in memory, without telemetry, accepting any API version
 * the SDK sends. `close()` stops it (its data goes with it).
 */
export async function startAzurite(options: AzuriteOptions = {}): Promise<AzuriteServer> {
  const script = options.script ?? azuriteBlobScript();
  const child: ChildProcess = spawn(
    process.execPath,
    [
      script,
      "--blobHost",
      "127.0.0.1",
      "--blobPort",
      "0",
      "--inMemoryPersistence",
      "--skipApiVersionCheck",
      "--disableTelemetry",
      "--loose",
      ...(options.https ? ["--cert", options.https.certPath, "--key", options.https.keyPath, "--oauth", "basic"] : []),
    ],
    {
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const port = await new Promise<number>((resolve, reject) => {
    let output = "";
    const timer = setTimeout(
      () => fail(new Error(`Azurite did not start within ${options.startTimeoutMs ?? 30_000} ms: ${output.slice(-500)}`)),
      options.startTimeoutMs ?? 30_000,
    );
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill("SIGKILL");
      reject(error);
    };
    const onData = (data: Buffer) => {
      output += data.toString("utf8");
      const match = /listens on https?:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) => fail(new Error(`Azurite exited (${code}) before it listened: ${output.slice(-500)}`)));
  });
  const protocol = options.https ? "https" : "http";
  const blobEndpoint = `${protocol}://127.0.0.1:${port}/${AZURITE_ACCOUNT}`;
  const connectionString = (endpoint = blobEndpoint) =>
    `DefaultEndpointsProtocol=${protocol};AccountName=${AZURITE_ACCOUNT};AccountKey=${AZURITE_KEY};BlobEndpoint=${endpoint};`;
  const containerOf = (name: string) => BlobServiceClient.fromConnectionString(connectionString()).getContainerClient(name);
  return {
    blobEndpoint,
    port,
    connectionString,
    createContainer: async (name) => void (await containerOf(name).createIfNotExists()),
    containerSasUrl: (name, { expiresOn, permissions = "racwdl" }) =>
      containerOf(name).generateSasUrl({ permissions: ContainerSASPermissions.parse(permissions), expiresOn }),
    async blobs(container, prefix = "") {
      const found: { name: string; bytes: number }[] = [];
      for await (const item of containerOf(container).listBlobsFlat({ prefix })) found.push({ name: item.name, bytes: item.properties.contentLength ?? 0 });
      return found.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    },
    read: (container, name) => containerOf(container).getBlobClient(name).downloadToBuffer(),
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
