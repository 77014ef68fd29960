import { describe, expect, it } from "vitest";
import { isFreeMailDomain, registrableDomain } from "@abm-kit/core";
import { registrableDomainsInSql, warehouseDialect } from "../src/index.js";
import { ENGINES } from "./engines.js";

// more distinct values than one round trip carries (5,000), with repeats and NULLs, in an order that is not the values' order
const EMAILS = Array.from({ length: 12_003 }, (_, i) => `p${(i * 7919) % 12_003}@${["gmail.com", "acme.co.uk", "x.example", "sub.corp.example.com"][i % 4]}`);

describe.each(ENGINES)("registrable domains in %s", (name, open) => {
  it("give every distinct value exactly once, across round trips, with its registrable domain and free-mail flag", async () => {
    const engine = await open();
    try {
      await engine.query("CREATE TABLE wh_emails (email VARCHAR)");
      await engine.query(`INSERT INTO wh_emails VALUES ${[...EMAILS, ...EMAILS.slice(0, 100)].map((e) => `('${e}')`).join(", ")}, (NULL)`);
      const count = await registrableDomainsInSql(engine.query, warehouseDialect(name), "SELECT email AS raw FROM wh_emails", "wh_domains");
      const distinct = [...new Set(EMAILS)];
      expect(count).toBe(distinct.length);
      const rows = await engine.query("SELECT raw, domain, free_mail FROM wh_domains");
      expect(rows.length).toBe(distinct.length);
      const got = new Map(rows.map((r) => [r.raw as string, [r.domain, r.free_mail]]));
      for (const email of distinct) {
        const domain = registrableDomain(email) ?? null;
        expect(got.get(email)).toEqual([domain, domain !== null && isFreeMailDomain(domain, new Set())]);
      }
    } finally {
      await engine.close();
    }
  });
});
