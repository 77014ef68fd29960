import { generateKeyPairSync, randomBytes, type KeyObject } from "node:crypto";
import type { ServiceAccountKey } from "../settings.js";

/** A service account made for a test server: its JSON key (as the console gives it) and the public key the server verifies with. */
export interface TestServiceAccount {
  readonly key: ServiceAccountKey;
  readonly publicKey: KeyObject;
}

/** A fresh RSA-2048 service account key whose `token_uri` is `tokenUri`. */
export function createTestServiceAccount(tokenUri: string, projectId = "abm-kit-test"): TestServiceAccount {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const key: ServiceAccountKey = {
    type: "service_account",
    project_id: projectId,
    private_key_id: randomBytes(20).toString("hex"),
    private_key: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    client_email: `abm-kit-exporter@${projectId}.iam.gserviceaccount.com`,
    token_uri: tokenUri,
  };
  return { key, publicKey };
}
