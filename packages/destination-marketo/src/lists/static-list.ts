import type { MarketoErrorCode } from "../error-codes.js";
import { RetryableError, type AdapterContext, type DestinationAudienceRef, type TargetAudience } from "@abm-kit/destinations";
import { MarketoActionRequiredError } from "../errors.js";
import { envelopeOf } from "../http/envelope.js";
import type { MarketoSettings } from "../settings.js";
import { listNameOf } from "./list-name.js";

type Ctx = Pick<AdapterContext<MarketoSettings>, "settings" | "request">;

const idOf = (raw: unknown): number | undefined => {
  const id = (raw as { id?: unknown } | undefined)?.id;
  return typeof id === "number" && Number.isInteger(id) ? id : undefined;
};

/** The folder `listFolder` names: `{ id, type }`, looked up by name (`GET /rest/asset/v1/folder/byName.json`, folders.md) when a name is given. */
async function folderOf(ctx: Ctx): Promise<{ id: number; type: "Folder" | "Program" }> {
  const { listFolder, listFolderType } = ctx.settings;
  if (typeof listFolder === "number") return { id: listFolder, type: listFolderType };
  const answer = await ctx.request({ method: "GET", path: "/rest/asset/v1/folder/byName.json", query: { name: listFolder, type: listFolderType } });
  const id = idOf(envelopeOf(answer.body).result?.[0]);
  if (id === undefined) {
    throw new MarketoActionRequiredError(
      "MARKETO_FOLDER_NOT_FOUND",
      `Marketo has no ${listFolderType.toLowerCase()} named ${JSON.stringify(listFolder)} for the audiences' static lists; create it or change the listFolder setting`,
      "listFolder",
    );
  }
  return { id, type: listFolderType };
}

/**
 * Finds or creates a person audience's static list (Asset API, static-lists.md):
 * the remembered id is checked first (`GET /rest/asset/v1/staticList/{id}.json`);
 * else the list is looked up by its name (`GET …/staticList/byName.json`, an
 * exact match; names are unique in an instance), so a crash between creating
 * a list and remembering its id does not create a second one; else it is
 * created in the `listFolder` (`POST /rest/asset/v1/staticLists.json`, form-encoded
 * `folder={"id":…,"type":…}&name&description`).
 */
export async function findOrCreateStaticList(ctx: Ctx, audience: TargetAudience, known: string | undefined): Promise<DestinationAudienceRef> {
  if (known !== undefined && /^\d+$/.test(known)) {
    const answer = await ctx.request({ method: "GET", path: `/rest/asset/v1/staticList/${known}.json` });
    if (idOf(envelopeOf(answer.body).result?.[0]) === Number(known)) return { externalId: known };
  }
  const name = listNameOf(ctx.settings.listName, audience);
  const byName = await ctx.request({ method: "GET", path: "/rest/asset/v1/staticList/byName.json", query: { name } });
  const existing = idOf(envelopeOf(byName.body).result?.[0]);
  if (existing !== undefined) return { externalId: String(existing) };
  const folder = await folderOf(ctx);
  const created = await ctx.request({
    method: "POST",
    path: "/rest/asset/v1/staticLists.json",
    form: { folder: JSON.stringify(folder), name, description: `abm-kit audience ${audience.audienceId}` },
  });
  const id = idOf(envelopeOf(created.body).result?.[0]);
  if (id === undefined) throw new RetryableError<MarketoErrorCode>("MALFORMED_RESPONSE", `${created.what} returned no list id`);
  return { externalId: String(id), created: true };
}
