import type { Queryable } from '../pool.ts';

export type StaffNotificationChannel = 'email' | 'slack';
export type StaffNotificationStatus = 'pending' | 'sent' | 'failed';

export interface StaffNotification {
  id: string;
  channel: StaffNotificationChannel;
  target: string;
  status: StaffNotificationStatus;
  error: string | null;
  sentAt: Date | null;
}

function mapNotification(r: Record<string, unknown>): StaffNotification {
  return {
    id: r.id as string,
    channel: r.channel as StaffNotificationChannel,
    target: r.target as string,
    status: r.status as StaffNotificationStatus,
    error: (r.error as string | null) ?? null,
    sentAt: (r.sent_at as Date | null) ?? null,
  };
}

const COLUMNS = 'id, channel, target, status, error, sent_at';

/**
 * Records a notification about to be sent, or returns the one already recorded under the key:
 * the caller sends only when it is not `sent` yet.
 */
export async function beginStaffNotification(
  db: Queryable,
  tenantId: string,
  n: { key: string; channel: StaffNotificationChannel; target: string },
): Promise<StaffNotification> {
  const { rows } = await db.query(
    `INSERT INTO staff_notifications (tenant_id, idempotency_key, channel, target)
     VALUES ($1, $2, $3, $4)
     ON CONFLICT (tenant_id, idempotency_key) DO UPDATE SET idempotency_key = EXCLUDED.idempotency_key
     RETURNING ${COLUMNS}`,
    [tenantId, n.key, n.channel, n.target],
  );
  return mapNotification(rows[0]);
}

export async function finishStaffNotification(
  db: Queryable,
  tenantId: string,
  id: string,
  outcome: { sent: true } | { sent: false; error: string },
): Promise<void> {
  await db.query(
    `UPDATE staff_notifications
        SET status = $3, error = $4, sent_at = CASE WHEN $3 = 'sent' THEN now() ELSE sent_at END
      WHERE tenant_id = $1 AND id = $2 AND status <> 'sent'`,
    [tenantId, id, outcome.sent ? 'sent' : 'failed', outcome.sent ? null : outcome.error],
  );
}

export async function listStaffNotifications(
  db: Queryable,
  tenantId: string,
): Promise<(StaffNotification & { key: string })[]> {
  const { rows } = await db.query(
    `SELECT ${COLUMNS}, idempotency_key FROM staff_notifications WHERE tenant_id = $1
      ORDER BY created_at, id`,
    [tenantId],
  );
  return rows.map((r) => ({ ...mapNotification(r), key: r.idempotency_key as string }));
}
