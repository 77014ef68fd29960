import { z } from "zod";

/** Options of the readers that take only a name for reports (partner and mapped files). */
export const NameOptionsSchema = z.object({ name: z.string().min(1).optional() });
