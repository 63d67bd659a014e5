// A local Cal.com API v2 for tests: the endpoints our Cal.com calendar uses, with the same
// headers, versions and response envelopes, keeping its bookings in memory.
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { startStandIn, type StandIn } from './stand-in.ts';

export interface CalcomStandInBooking {
  uid: string;
  start: string;
  end: string;
  status: 'accepted' | 'cancelled';
  eventTypeId: number;
  attendee: Record<string, unknown>;
  metadata: Record<string, unknown>;
  rescheduledFrom?: string;
}

export interface CalcomStandIn extends StandIn {
  apiKey: string;
  eventTypeId: number;
  bookings: Map<string, CalcomStandInBooking>;
  reservations: Map<string, { slotStart: string; released: boolean }>;
  /** Slot starts (ISO) the event type offers. */
  offered: string[];
  /**
   * How many of the next POST /bookings create the booking and then answer 500, as when the
   * answer is lost after Cal.com wrote it.
   */
  faults: { loseCreateAnswers: number };
}

const VERSIONS: Record<string, string> = { slots: '2024-09-04', bookings: '2024-08-13' };

export async function startCalcomStandIn(opts: {
  apiKey?: string;
  eventTypeId?: number;
  lengthMinutes?: number;
  offered?: string[];
}): Promise<CalcomStandIn> {
  const apiKey = opts.apiKey ?? 'cal_test_key';
  const eventTypeId = opts.eventTypeId ?? 1001;
  const lengthMs = (opts.lengthMinutes ?? 30) * 60_000;
  const bookings = new Map<string, CalcomStandInBooking>();
  const reservations = new Map<string, { slotStart: string; released: boolean }>();
  const offered = [...(opts.offered ?? [])];
  const faults = { loseCreateAnswers: 0 };

  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const fail = (res: ServerResponse, status: number, message: string) =>
    send(res, status, { status: 'error', error: { code: String(status), message } });
  const taken = (start: string) =>
    [...bookings.values()].some(
      (b) => b.status === 'accepted' && new Date(b.start).getTime() === new Date(start).getTime(),
    );

  const standIn = await startStandIn((req, res) => {
    const url = new URL(req.path, 'http://x');
    const resource = url.pathname.split('/')[1] ?? '';
    if (req.headers.authorization !== `Bearer ${apiKey}`) return fail(res, 401, 'invalid api key');
    const expected = VERSIONS[resource];
    if (expected && req.headers['cal-api-version'] !== expected)
      return fail(res, 400, `cal-api-version ${expected} required`);
    const body = req.body ? (JSON.parse(req.body) as Record<string, unknown>) : {};
    const parts = url.pathname.split('/').filter(Boolean);

    if (req.method === 'GET' && url.pathname === '/slots') {
      const from = new Date(url.searchParams.get('start')!).getTime();
      const to = new Date(url.searchParams.get('end')!).getTime();
      const data: Record<string, { start: string }[]> = {};
      for (const s of offered) {
        const t = new Date(s).getTime();
        if (t < from || t >= to || taken(s)) continue;
        (data[s.slice(0, 10)] ??= []).push({ start: new Date(t).toISOString() });
      }
      return send(res, 200, { status: 'success', data });
    }
    if (req.method === 'POST' && url.pathname === '/slots/reservations') {
      if (taken(String(body.slotStart))) return fail(res, 409, 'slot is booked');
      const reservationUid = randomUUID();
      reservations.set(reservationUid, { slotStart: String(body.slotStart), released: false });
      return send(res, 201, { status: 'success', data: { reservationUid, ...body } });
    }
    if (req.method === 'DELETE' && parts[0] === 'slots' && parts[1] === 'reservations') {
      const r = reservations.get(parts[2]!);
      if (!r) return fail(res, 404, 'no such reservation');
      r.released = true;
      return send(res, 200, { status: 'success' });
    }
    if (req.method === 'GET' && url.pathname === '/bookings') {
      const q = url.searchParams;
      const type = q.get('eventTypeId');
      const after = q.get('afterStart') ? new Date(q.get('afterStart')!).getTime() : -Infinity;
      const before = q.get('beforeEnd') ? new Date(q.get('beforeEnd')!).getTime() : Infinity;
      const data = [...bookings.values()].filter(
        (b) =>
          (!type || b.eventTypeId === Number(type)) &&
          new Date(b.start).getTime() >= after &&
          new Date(b.end).getTime() <= before,
      );
      return send(res, 200, { status: 'success', data });
    }
    if (req.method === 'POST' && url.pathname === '/bookings') {
      const start = String(body.start);
      if (taken(start)) return fail(res, 409, 'slot is booked');
      const b: CalcomStandInBooking = {
        uid: randomUUID(),
        start: new Date(start).toISOString(),
        end: new Date(new Date(start).getTime() + lengthMs).toISOString(),
        status: 'accepted',
        eventTypeId: Number(body.eventTypeId),
        attendee: (body.attendee as Record<string, unknown>) ?? {},
        metadata: (body.metadata as Record<string, unknown>) ?? {},
      };
      bookings.set(b.uid, b);
      if (faults.loseCreateAnswers > 0) {
        faults.loseCreateAnswers--;
        return fail(res, 500, 'internal error');
      }
      return send(res, 201, { status: 'success', data: b });
    }
    if (req.method === 'POST' && parts[0] === 'bookings' && parts[2] === 'cancel') {
      const b = bookings.get(parts[1]!);
      if (!b) return fail(res, 404, 'no such booking');
      b.status = 'cancelled';
      return send(res, 200, { status: 'success', data: b });
    }
    if (req.method === 'POST' && parts[0] === 'bookings' && parts[2] === 'reschedule') {
      const old = bookings.get(parts[1]!);
      if (!old || old.status !== 'accepted') return fail(res, 404, 'no such booking');
      const start = String(body.start);
      if (taken(start)) return fail(res, 409, 'slot is booked');
      old.status = 'cancelled';
      const b: CalcomStandInBooking = {
        ...old,
        uid: randomUUID(),
        start: new Date(start).toISOString(),
        end: new Date(new Date(start).getTime() + lengthMs).toISOString(),
        status: 'accepted',
        rescheduledFrom: old.uid,
      };
      bookings.set(b.uid, b);
      return send(res, 201, { status: 'success', data: b });
    }
    return fail(res, 404, `no route ${req.method} ${url.pathname}`);
  });
  return { ...standIn, apiKey, eventTypeId, bookings, reservations, offered, faults };
}
