import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

// Adds .openapi() to zod schemas so the document is generated from the very schemas that validate.
extendZodWithOpenApi(z);

export { z };

export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z.unknown(),
    }),
  })
  .openapi('Error');

export const timestamp = z.iso.datetime({ offset: true });
export const uuid = z.uuid();
export const e164 = z
  .string()
  .regex(/^\+[1-9][0-9]{6,14}$/, 'expected an E.164 number like +14155550100');

export const pageQuery = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(200)
    .default(50)
    .openapi({ type: 'integer', description: 'Page size (default 50, at most 200)' }),
  cursor: z
    .string()
    .min(1)
    .max(512)
    .optional()
    .openapi({ description: 'The nextCursor of the previous page; opaque' }),
});

export const pageOf = <T extends z.ZodType>(name: string, item: T) =>
  z
    .object({
      items: z.array(item),
      nextCursor: z.string().nullable().openapi({ description: 'null on the last page' }),
    })
    .openapi(`${name}Page`);

export const tenantParams = z.object({ tenantId: uuid });
export const withTenant = <S extends z.ZodRawShape>(shape: S) =>
  z.object({ tenantId: uuid, ...shape });
/** The path of one row of a business: its tenant and the row's own id, e.g. tenantItem('callId'). */
export const tenantItem = <K extends string>(key: K) =>
  withTenant({ [key]: uuid } as { [P in K]: typeof uuid });
