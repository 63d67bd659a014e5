import type { Queryable } from '../pool.ts';
import { mapContact, type Contact } from './contacts.repository.ts';
import {
  exactCursorColumn,
  keysetTail,
  toExactPage,
  type Page,
  type PageRequest,
} from './pagination.ts';

export async function listContacts(
  db: Queryable,
  tenantId: string,
  filter: { optedOut?: boolean },
  page: PageRequest,
): Promise<Page<Contact>> {
  const params: unknown[] = [tenantId];
  let where = 'tenant_id = $1';
  if (filter.optedOut !== undefined) {
    params.push(filter.optedOut);
    where += ' AND opted_out = $2';
  }
  const tail = keysetTail(page, params);
  const { rows } = await db.query(
    `SELECT id, tenant_id, phone, name, email, qualification, lead_score, opted_out, opted_out_at, created_at, updated_at,
            ${exactCursorColumn()}
       FROM contacts WHERE ${where}${tail.sql}`,
    tail.params,
  );
  return toExactPage(rows, mapContact, page.limit);
}
