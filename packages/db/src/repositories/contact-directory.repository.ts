import type { Queryable } from '../pool.ts';
import { mapContact, type Contact } from './contacts.repository.ts';
import { listPage, type Page, type PageRequest } from './pagination.ts';

// The list's columns as they always were: without `language` (mapContact reads it as null).
const CONTACT_LIST_COLUMNS =
  'id, tenant_id, phone, name, email, qualification, lead_score, opted_out, opted_out_at, created_at, updated_at';

export async function listContacts(
  db: Queryable,
  tenantId: string,
  filter: { optedOut?: boolean },
  page: PageRequest,
): Promise<Page<Contact>> {
  return listPage(
    db,
    { table: 'contacts', columns: CONTACT_LIST_COLUMNS, map: mapContact },
    tenantId,
    page,
    {
      opted_out: filter.optedOut,
    },
  );
}
