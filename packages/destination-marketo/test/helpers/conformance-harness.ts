import type { Snapshot } from "@abm-kit/core";
import type { ConformanceHarness, FaultSchedule } from "@abm-kit/destinations/testing";
import { listNameOf, marketoDestination, type MarketoSettings } from "@abm-kit/destination-marketo";
import { FAKE_CLIENT_SECRET, startFakeMarketo } from "@abm-kit/destination-marketo/testing";
import { idsOf, MAPPING, memberIdsByKey, RUN_NOW } from "./fixture.js";

/** The fake Marketo behind the fault harness, as the conformance suite wants it. */
export function marketoHarness(audienceType: "account" | "person", snapshot: Snapshot): ConformanceHarness<MarketoSettings> {
  const byKey = memberIdsByKey(snapshot);
  const sorted = (ids: string[]) => ids.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    destination: marketoDestination,
    audienceType,
    mapping: MAPPING[audienceType],
    fixture: { snapshot, memberIds: idsOf(snapshot, audienceType) },
    authPath: /^\/identity\/oauth\/token$/,
    async start(schedule: FaultSchedule) {
      // every person has a lead already, so person runs exercise lookups and list changes; createLeads covers the rest
      const marketo = await startFakeMarketo({ now: RUN_NOW, faults: schedule });
      // One batch at a time: the kit's token-fault schedule refuses every third request whatever its token, so
      // concurrent batches would now and then see a token refused twice in a row right after it was issued,
      // which the runtime rightly treats as refused credentials. Concurrency has its own tests.
      const settings = { ...marketo.settings(), createLeads: true, timeoutMs: 150, maxConcurrency: 1 };
      const name = listNameOf("{audienceName} [{audienceId}]", {
        audienceId: "conformance-audience",
        audienceName: "Conformance audience",
        type: audienceType,
      });
      return {
        settings,
        settingSecrets: [FAKE_CLIENT_SECRET],
        async members() {
          if (audienceType === "person") {
            const list = marketo.fake.staticLists().filter((l) => l.name === name);
            if (list.length === 0) return [];
            const leads = marketo.fake.leads();
            const dupes = leads.filter((l) => leads.some((o) => o.email === l.email && o.id !== l.id));
            if (dupes.length > 0) throw new Error(`${dupes.length} duplicate leads`);
            return sorted(marketo.fake.listMemberEmails(list[0]!.id).map((e) => byKey.get(`email:${e}`) ?? `unknown ${e}`));
          }
          const list = marketo.fake.namedAccountListNamed(name);
          if (list === undefined) return [];
          return sorted(marketo.fake.accountListMemberNames(list.marketoGUID).map((n) => byKey.get(`name:${n}`) ?? `unknown ${n}`));
        },
        redundantAdds: () => marketo.fake.redundantAdds,
        secrets: () => [...marketo.fake.issuedAccessTokens],
        close: () => marketo.close(),
      };
    },
  };
}
