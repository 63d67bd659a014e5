// The admin API's zod schemas: what validates requests is what the OpenAPI document describes.
export * from './schema-primitives.ts';
export * from './tenant.schemas.ts';
export * from './activity.schemas.ts';
