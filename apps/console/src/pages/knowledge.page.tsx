import { useState } from 'react';
import { api, collect } from '../api.ts';
import type { KnowledgeEntry } from '../types.ts';
import { ErrorBox, Loading, useLoad } from '../ui.tsx';

function Entry({
  tenantId,
  entry,
  canWrite,
  done,
}: {
  tenantId: string;
  entry: KnowledgeEntry;
  canWrite: boolean;
  done: () => void;
}) {
  const [editing, setEditing] = useState(false);
  const [question, setQuestion] = useState(entry.question);
  const [answer, setAnswer] = useState(entry.answer);
  const [error, setError] = useState<unknown>(null);
  const path = `/tenants/${tenantId}/knowledge/${entry.id}`;
  if (!editing) {
    return (
      <li>
        <strong>{entry.question}</strong>
        <p>{entry.answer}</p>
        {entry.tags.length > 0 && <span className="tag">{entry.tags.join(', ')}</span>}
        {canWrite && (
          <button type="button" onClick={() => setEditing(true)}>
            Edit
          </button>
        )}
      </li>
    );
  }
  return (
    <li>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          try {
            await api.patch(path, { question, answer });
            setEditing(false);
            done();
          } catch (err) {
            setError(err);
          }
        }}
      >
        <label>
          Question
          <input value={question} onChange={(e) => setQuestion(e.target.value)} />
        </label>
        <label>
          Answer
          <textarea rows={3} value={answer} onChange={(e) => setAnswer(e.target.value)} />
        </label>
        <ErrorBox error={error} />
        <button type="submit">Save</button>{' '}
        <button
          type="button"
          onClick={async () => {
            try {
              await api.del(path);
              done();
            } catch (err) {
              setError(err);
            }
          }}
        >
          Delete
        </button>{' '}
        <button type="button" onClick={() => setEditing(false)}>
          Cancel
        </button>
      </form>
    </li>
  );
}

function Import({ tenantId, done }: { tenantId: string; done: () => void }) {
  const [format, setFormat] = useState<'markdown' | 'csv'>('markdown');
  const [content, setContent] = useState('');
  const [result, setResult] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  return (
    <form
      onSubmit={async (e) => {
        e.preventDefault();
        setError(null);
        try {
          const r = await api.post<{ imported: number }>(`/tenants/${tenantId}/knowledge/import`, {
            format,
            content,
          });
          setResult(`Imported ${r.imported} entries.`);
          setContent('');
          done();
        } catch (err) {
          setError(err);
        }
      }}
    >
      <h2>Import</h2>
      <label>
        Format
        <select value={format} onChange={(e) => setFormat(e.target.value as 'markdown' | 'csv')}>
          <option value="markdown">Markdown (## question, then the answer)</option>
          <option value="csv">CSV (question,answer)</option>
        </select>
      </label>
      <label>
        Content
        <textarea rows={5} value={content} onChange={(e) => setContent(e.target.value)} />
      </label>
      <ErrorBox error={error} />
      {result && <p role="status">{result}</p>}
      <button type="submit">Import</button>
    </form>
  );
}

interface Answer {
  reply: string;
  agent: string;
  sources: { id: string; question: string }[];
}

/**
 * "Ask the receptionist": one question, each on a fresh conversation of its own so an earlier
 * question does not colour the answer, and the entries the answer came from.
 */
function Ask({ tenantId }: { tenantId: string }) {
  const [question, setQuestion] = useState('');
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  return (
    <form
      aria-label="Ask the receptionist"
      onSubmit={async (e) => {
        e.preventDefault();
        const text = question.trim();
        if (!text) return;
        setBusy(true);
        setError(null);
        setAnswer(null);
        try {
          setAnswer(
            await api.post<Answer>(`/tenants/${tenantId}/try-it/turns`, {
              conversationId: crypto.randomUUID(),
              text,
            }),
          );
        } catch (err) {
          setError(err);
        } finally {
          setBusy(false);
        }
      }}
    >
      <h2>Ask the receptionist</h2>
      <label>
        Question
        <input value={question} maxLength={1000} onChange={(e) => setQuestion(e.target.value)} />
      </label>
      <button type="submit" disabled={busy}>
        Ask
      </button>
      <ErrorBox error={error} />
      {answer && (
        <div className="answer" role="status">
          <p>{answer.reply}</p>
          {answer.sources.length > 0 ? (
            <>
              <h3>From these entries</h3>
              <ul className="sources">
                {answer.sources.map((s) => (
                  <li key={s.id}>{s.question}</li>
                ))}
              </ul>
            </>
          ) : (
            <p className="muted">Not from a knowledge entry ({answer.agent}).</p>
          )}
        </div>
      )}
    </form>
  );
}

export function KnowledgePage({ tenantId, canWrite }: { tenantId: string; canWrite: boolean }) {
  const { data, error, reload } = useLoad(
    () => collect<KnowledgeEntry>(`/tenants/${tenantId}/knowledge`, {}, 5),
    [tenantId],
  );
  return (
    <section>
      <h1>Knowledge</h1>
      {canWrite && <Ask tenantId={tenantId} />}
      {!data ? (
        <Loading error={error} />
      ) : (
        <ul className="rows">
          {data.map((e) => (
            <Entry key={e.id} tenantId={tenantId} entry={e} canWrite={canWrite} done={reload} />
          ))}
        </ul>
      )}
      {canWrite && <Import tenantId={tenantId} done={reload} />}
    </section>
  );
}
