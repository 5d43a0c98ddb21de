// What every lab page shares: its parameters, the run id that tags its requests, the target origin, logging in,
// the result table, and sending that table to the server's /lab/results.

export const params = new URLSearchParams(location.search);

/** The query parameter that tags every request of a run, as the request log records it (LabModule.RunParameter). */
const runParameter = 'lab-run';

const newRun = () => Math.random().toString(36).slice(2, 10);

/** The run's id: given as ?lab-run= (so the page's own address is tagged too), else a new one. */
export const run = /^[A-Za-z0-9_-]{1,64}$/.test(params.get(runParameter) ?? '') ? params.get(runParameter) : newRun();

/** The lab server's origins (the target and the attackers'), as /lab/origins on this page's server gives them. */
export async function origins() {
  try {
    const response = await fetch(tagged('/lab/origins'));
    if (response.ok) {
      return await response.json();
    }
  } catch {
    // not served by mixnmatchttp lab: only ?target= can say
  }
  return { target: location.origin, attackers: [] };
}

/** The target origin: ?target=, else the lab server's. */
export async function targetOrigin() {
  return params.get('target') ?? (await origins()).target;
}

/** The URL with the run's lab-run parameter added (this run's unless another id is given). */
export function tagged(url, id = run) {
  const address = new URL(url, location.href);
  address.searchParams.set(runParameter, id);
  return address.href;
}

/**
 * Logs in to the target through a top-level navigation to its /login, which sends the browser back here with
 * login=done: a session cookie set by a cross-site fetch would be refused, one set by a navigation is kept.
 * Returns true once logged in; false when the page is leaving for the login.
 */
export function loggedIn(target) {
  if (params.get('login') === 'done') {
    return true;
  }
  logIn(target, run);
  return false;
}

/** Starts a new run of this page: logs in again, and comes back here with a new run id. */
export function rerun(target) {
  status('Logging in again for a new run…');
  logIn(target, newRun());
}

/** Leaves for the target's login, which sends the browser back here; both addresses tagged with the run id given. */
function logIn(target, id) {
  const back = new URL(location.href);
  back.searchParams.set('login', 'done');
  back.searchParams.set('target', target);
  const login = new URL('/login', target);
  login.searchParams.set('username', params.get('user') ?? 'lab');
  login.searchParams.set('password', params.get('password') ?? 'lab');
  login.searchParams.set('goto', tagged(back, id));
  location.replace(tagged(login, id));
}

function cell(outcome, detail) {
  return { outcome, detail: String(detail ?? '').replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').trim().slice(0, 300) };
}

/** The page read the protected data. */
export const read = detail => cell('read', detail);
/** The browser refused to let the page read it. */
export const blocked = detail => cell('blocked', detail);
/** The request failed or was answered with an error (nothing to read). */
export const error = detail => cell('error', detail);
/** A step that worked, or did not (CSRF and evil-proxy labs). */
export const ok = detail => cell('ok', detail);
export const failed = detail => cell('failed', detail);

export const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

/** The probe's outcome, or an error when it takes longer than ms. */
export function withTimeout(probe, ms = 4000) {
  return Promise.race([probe, sleep(ms).then(() => error(`no answer within ${ms} ms`))]);
}

/** Sets the status line; the state (running, done) is in body[data-state] for scripts and tests. */
export function status(text, state = 'running') {
  document.getElementById('status').textContent = text;
  document.body.dataset.state = state;
}

/** Shows the table. */
export function render(result) {
  const table = document.getElementById('table');
  table.replaceChildren();
  const head = table.insertRow();
  head.append(document.createElement('th'));
  for (const column of result.columns) {
    const th = document.createElement('th');
    th.textContent = column;
    head.append(th);
  }
  for (const row of result.rows) {
    const tr = table.insertRow();
    const th = document.createElement('th');
    th.textContent = row.name;
    tr.append(th);
    for (const { outcome, detail } of row.cells) {
      const td = tr.insertCell();
      td.className = outcome;
      const word = document.createElement('b');
      word.textContent = outcome;
      td.append(word, detail);
    }
  }
}

/** Shows the result, sends it to this page's server (/lab/results) and marks the page done. */
export async function finish(result) {
  window.labResult = result;
  render(result);
  let sent;
  try {
    const response = await fetch(tagged('/lab/results'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(result),
    });
    sent = response.ok ? `sent as result ${(await response.json()).id} to /lab/results` : `not sent: /lab/results answered ${response.status}`;
  } catch (e) {
    sent = `not sent: ${e.message}`;
  }
  status(`Done (run ${run}); ${sent}.`, 'done');
}

/** A new result of this page's lab. */
export function result(lab, target, columns) {
  return { lab, run, page: location.origin, target, columns, rows: [] };
}
