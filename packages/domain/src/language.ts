/**
 * A conversation's language is always one of the tenant's own BCP 47 tags (first = default), so
 * every channel speaks, listens and texts in a language the business has set up.
 */

/** A tag as the agent or a caller's history may give it ("fr", "FR-ca", "fr-CA"): bounded. */
const MAX_TAG = 16;

/**
 * The tenant's tag for `tag`: the same tag, else the tenant's first tag of the same base language
 * ("fr" or "fr-BE" → "fr-CA" for a Canadian business), else null.
 */
export function matchTenantLanguage(
  languages: readonly string[],
  tag: string | null | undefined,
): string | null {
  if (!tag || tag.length > MAX_TAG) return null;
  const wanted = tag.toLowerCase();
  const exact = languages.find((l) => l.toLowerCase() === wanted);
  if (exact) return exact;
  const base = wanted.split('-')[0];
  return languages.find((l) => l.toLowerCase().split('-')[0] === base) ?? null;
}

/** The language to use: `tag` when the tenant speaks it, otherwise the tenant's default. */
export function resolveLanguage(
  languages: readonly string[],
  tag: string | null | undefined,
): string {
  return matchTenantLanguage(languages, tag) ?? languages[0] ?? 'en-US';
}
