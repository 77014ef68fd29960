/**
 * CRC32C (Castagnoli), as GCS computes it for every object: a table-driven
 * implementation of its own, so the test server does not check the client
 * with the client's code. GCS reports it base64-encoded, big-endian
 * (JSON API, Objects resource, `crc32c`).
 */
const TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** The CRC32C of `bytes` as GCS reports it (base64 of the big-endian 32-bit value). */
export function crc32cBase64(bytes: Uint8Array): string {
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) crc = TABLE[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
  const out = Buffer.alloc(4);
  out.writeUInt32BE((crc ^ 0xffffffff) >>> 0);
  return out.toString("base64");
}
