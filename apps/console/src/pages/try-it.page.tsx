import { useState } from 'react';
import { api } from '../api.ts';
import { ErrorBox, SubmitForm } from '../ui.tsx';

interface Turn {
  who: 'you' | 'receptionist';
  text: string;
  meta?: string;
}
interface Reply {
  reply: string;
  agent: string;
  latencyMs: number;
  actions: { type: string }[];
  usage: { inputTokens: number; outputTokens: number };
}

/** A text chat with the business's receptionist: the agent service, on a console conversation. */
export function TryItPage({ tenantId, canWrite }: { tenantId: string; canWrite: boolean }) {
  const [conversationId, setConversationId] = useState(() => crypto.randomUUID());
  const [turns, setTurns] = useState<Turn[]>([]);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  if (!canWrite) return <p className="muted">Trying the receptionist needs an admin key.</p>;
  const send = async () => {
    const said = text.trim();
    if (!said) return;
    setBusy(true);
    setError(null);
    setTurns((t) => [...t, { who: 'you', text: said }]);
    setText('');
    try {
      const r = await api.post<Reply>(`/tenants/${tenantId}/try-it/turns`, {
        conversationId,
        text: said,
      });
      const actions = r.actions.map((a) => a.type).join(', ');
      setTurns((t) => [
        ...t,
        {
          who: 'receptionist',
          text: r.reply,
          meta: `${r.agent} · ${r.latencyMs} ms · ${r.usage.inputTokens} in / ${r.usage.outputTokens} out tokens${actions ? ` · ${actions}` : ''}`,
        },
      ]);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section>
      <h1>Try it</h1>
      <p className="muted">
        Text the receptionist as a caller would. Bookings made here are real bookings on the
        calendar, for a fictional caller.
      </p>
      <ol className="transcript" aria-live="polite">
        {turns.map((t, i) => (
          <li key={i} className={`turn ${t.who === 'you' ? 'turn-caller' : 'turn-agent'}`}>
            <div className="who">{t.who}</div>
            <div className="text">{t.text}</div>
            {t.meta && <div className="meta muted">{t.meta}</div>}
          </li>
        ))}
      </ol>
      <ErrorBox error={error} />
      <SubmitForm className="chat" onSubmit={() => send()}>
        <label>
          Message
          <input value={text} maxLength={1000} onChange={(e) => setText(e.target.value)} />
        </label>
        <button type="submit" disabled={busy}>
          Send
        </button>{' '}
        <button
          type="button"
          onClick={() => {
            setConversationId(crypto.randomUUID());
            setTurns([]);
          }}
        >
          New conversation
        </button>
      </SubmitForm>
    </section>
  );
}
