import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadExports } from "../src/index.js";

const fixture = (name: string) => ({ path: fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url)) });

describe("loadExports with a path and a text key left undefined", () => {
  it("reads the file by its path instead of failing with a raw TypeError", async () => {
    const file = { source: "salesforce", object: "Account", ...fixture("salesforce/Account.csv"), text: undefined } as never;
    const { reports } = await loadExports([file]);
    expect(reports[0]).toMatchObject({ file: "Account.csv", read: 4, loaded: 3, rejected: 1 });
  });
});
