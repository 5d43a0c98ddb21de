import { blocked, error, finish, loggedIn, read, rerun, result, run, status, tagged, targetOrigin, withTimeout } from './lab.js';

const policies = ['allowlist', 'wildcard-credentials', 'reflect-null', 'suffix', 'prefix', 'regex', 'no-vary', 'preflight-only'];

/** The requests each policy answers: credentialed and not, a preflighted POST, and one from the null origin. */
const requests = [
  ['GET, credentials: include', url => fetched(url, { credentials: 'include' })],
  ['GET, credentials: omit', url => fetched(url, { credentials: 'omit' })],
  ['POST JSON, credentials: include (preflighted)', url => fetched(url, { method: 'POST', credentials: 'include', headers: { 'Content-Type': 'application/json' }, body: '{}' })],
  ['GET from a sandboxed frame (Origin: null), credentials: include', url => fromNullOrigin(url)],
];

async function fetched(url, init) {
  try {
    const response = await fetch(url, { cache: 'no-store', ...init });
    const decision = response.headers.get('X-Mix-Cors-Decision');
    const body = (await response.text()).trim();
    return { ...(response.status === 200 ? read(body.slice(0, 40)) : error(`HTTP ${response.status}`)), decision };
  } catch (e) {
    return blocked(`${e.name}: ${e.message}`);
  }
}

/** A fetch from an opaque origin: a sandboxed frame without allow-same-origin sends Origin: null. */
function fromNullOrigin(url) {
  return new Promise(resolve => {
    const frame = document.createElement('iframe');
    frame.className = 'probe';
    frame.sandbox = 'allow-scripts';
    const listener = event => {
      if (event.source === frame.contentWindow) {
        window.removeEventListener('message', listener);
        frame.remove();
        resolve(event.data);
      }
    };
    window.addEventListener('message', listener);
    frame.srcdoc = `<script>
fetch(${JSON.stringify(url)}, { credentials: 'include', cache: 'no-store' })
  .then(async response => parent.postMessage({ outcome: response.status === 200 ? 'read' : 'error',
    detail: response.status === 200 ? (await response.text()).trim().slice(0, 40) : 'HTTP ' + response.status,
    decision: response.headers.get('X-Mix-Cors-Decision') }, '*'))
  .catch(e => parent.postMessage({ outcome: 'blocked', detail: e.name + ': ' + e.message }, '*'));
</` + 'script>';
    document.getElementById('probes').append(frame);
  });
}

/** What the server decided for each probe (preflight and request), from its record; {} when it keeps none. */
async function decisions() {
  try {
    const response = await fetch(tagged('/lab/decisions'), { cache: 'no-store' });
    const byProbe = {};
    for (const decision of response.ok ? await response.json() : []) {
      (byProbe[decision.probe] ??= []).push(`${decision.method === 'OPTIONS' ? 'preflight' : decision.method}: ${decision.rule.replace(/^[a-z-]+: /, '')}`);
    }
    return byProbe;
  } catch {
    return {};
  }
}

async function explore(target) {
  status(`Asking ${target} under each policy (run ${run})…`);
  const table = result('policies', target, requests.map(([name]) => name));
  let probe = 0;
  const cells = await Promise.all(policies.map(policy => Promise.all(requests.map(([, attempt]) => {
    const n = String(++probe);
    return withTimeout(attempt(tagged(`${target}/lab/policy/${policy}/secret?probe=${n}`))).then(cell => ({ ...cell, probe: n }));
  }))));
  const decided = await decisions();
  table.rows = policies.map((policy, i) => ({
    name: policy,
    cells: cells[i].map(({ outcome, detail, decision, probe: n }) => ({
      outcome,
      detail: [detail, ...(decided[n] ?? (decision ? [decision] : []))].join('; ').slice(0, 300),
    })),
  }));
  await finish(table);
}

const target = await targetOrigin();
document.getElementById('about').textContent = `This page: ${location.origin}. Target: ${target}.`;
document.getElementById('rerun').onclick = () => rerun(target);
if (loggedIn(target)) {
  await explore(target);
}
