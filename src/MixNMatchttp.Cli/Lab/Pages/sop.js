import { blocked, error, finish, loggedIn, read, rerun, result, run, status, tagged, targetOrigin, withTimeout } from './lab.js';

/** The CORS answers the target is asked for, through its per-request origin and creds parameters. */
const answers = [
  ['echo + creds', { origin: '{ECHO}', creds: '1' }],
  ['echo', { origin: '{ECHO}', creds: '0' }],
  ['* + creds', { origin: '*', creds: '1' }],
  ['*', { origin: '*', creds: '0' }],
  ['none', { origin: '', creds: '0' }],
];

/** The target's two secrets: every method tries both. */
const secrets = [
  { path: '/secret/secret.txt', type: 'text/plain' },
  { path: '/secret/secret.png', type: 'image/png' },
];

/** Every way to read, each given the URL of a secret for this cell and the secret's media type. */
const methods = [
  ['XHR GET (withCredentials)', url => xhr('GET', url)],
  ['XHR POST JSON (withCredentials, preflighted)', url => xhr('POST', url, '{}')],
  ['fetch GET, credentials: include', url => fetched(url, 'include')],
  ['fetch GET, credentials: same-origin', url => fetched(url, 'same-origin')],
  ['fetch GET, credentials: omit', url => fetched(url, 'omit')],
  ['iframe', url => frame('iframe', url)],
  ['object', (url, type) => frame('object', url, type)],
  ['img → canvas', url => picture(url, null, false)],
  ['img crossorigin=use-credentials → canvas', url => picture(url, 'use-credentials', false)],
  ['img → ImageBitmap → canvas', url => picture(url, null, true)],
  ['img crossorigin=use-credentials → ImageBitmap → canvas', url => picture(url, 'use-credentials', true)],
];

/** What a 200 answer gave the page: the start of its text, or the size and type of anything else. */
function answered(status, type, body) {
  if (status !== 200) {
    return error(`HTTP ${status}`);
  }
  return type?.startsWith('text/') ? read(new TextDecoder().decode(body).trim().slice(0, 60)) : read(`${body.byteLength} bytes of ${type}`);
}

function xhr(method, url, body) {
  return new Promise(resolve => {
    const request = new XMLHttpRequest();
    request.open(method, url);
    request.withCredentials = true;
    request.responseType = 'arraybuffer';
    if (body) {
      request.setRequestHeader('Content-Type', 'application/json');
    }
    request.onload = () => resolve(answered(request.status, request.getResponseHeader('Content-Type'), request.response));
    request.onerror = () => resolve(blocked('XHR error event: no readable answer (CORS refused)'));
    request.send(body ?? null);
  });
}

async function fetched(url, credentials) {
  try {
    const response = await fetch(url, { credentials, cache: 'no-store' });
    return answered(response.status, response.headers.get('Content-Type'), await response.arrayBuffer());
  } catch (e) {
    return blocked(`${e.name}: ${e.message}`);
  }
}

function frame(tag, url, type) {
  return new Promise(resolve => {
    const element = document.createElement(tag);
    element.className = 'probe';
    const done = outcome => {
      element.remove();
      resolve(outcome);
    };
    element.addEventListener('load', () => {
      try {
        const page = element.contentDocument;
        done(page ? read(page.body?.textContent.trim().slice(0, 60) || `a ${page.contentType} document`) : blocked('contentDocument is null: another origin'));
      } catch (e) {
        done(blocked(`${e.name}: ${e.message}`));
      }
    });
    element.addEventListener('error', () => done(error('did not load')));
    if (tag === 'iframe') {
      element.src = url;
    } else {
      element.type = type;
      element.data = url;
    }
    document.getElementById('probes').append(element);
  });
}

/** Why an image did not load, as far as the browser says: the HTTP status where Resource Timing exposes it (an answer
 * CORS let through), else only the error event. */
function imageError(url) {
  const status = performance.getEntriesByName(url).at(-1)?.responseStatus ?? 0;
  return error(status === 200 ? 'HTTP 200, but not an image (error event)'
    : status > 0 ? `HTTP ${status} (error event)`
    : 'error event, no reason given (refused, 401, or not an image)');
}

function picture(url, crossOrigin, bitmap) {
  return new Promise(resolve => {
    const img = new Image();
    if (crossOrigin) {
      img.crossOrigin = crossOrigin;
    }
    img.onload = async () => {
      try {
        const canvas = document.createElement('canvas');
        canvas.width = img.naturalWidth;
        canvas.height = img.naturalHeight;
        const context = canvas.getContext('2d');
        context.drawImage(bitmap ? await createImageBitmap(img) : img, 0, 0);
        const [r, g, b, a] = context.getImageData(0, 0, 1, 1).data;
        resolve(read(`${img.naturalWidth}x${img.naturalHeight}, first pixel rgba(${r}, ${g}, ${b}, ${a})`));
      } catch (e) {
        resolve(blocked(`${e.name}: ${e.message}`));
      }
    };
    img.onerror = () => resolve(imageError(url));
    img.src = url;
  });
}

/** The URL of a secret for one cell: the CORS answer asked for, the probe's number (no two URLs alike), the run. */
function cellUrl(target, path, answer, n) {
  const url = new URL(path, target);
  url.searchParams.set('origin', answer.origin);
  url.searchParams.set('creds', answer.creds);
  url.searchParams.set('n', String(n));
  return tagged(url);
}

async function matrix(target) {
  status(`Reading ${target}'s secrets (run ${run})…`);
  const table = result('sop', target, answers.map(([name]) => name));
  let probe = 0;
  table.rows = await Promise.all(secrets.flatMap(({ path, type }) => methods.map(async ([name, attempt]) => ({
    name: `${path.split('/').pop()}: ${name}`,
    cells: await Promise.all(answers.map(([, answer]) => withTimeout(attempt(cellUrl(target, path, answer, ++probe), type)))),
  }))));
  await finish(table);
}

const target = await targetOrigin();
document.getElementById('about').textContent = `This page: ${location.origin}. Target: ${target}.`;
document.getElementById('rerun').onclick = () => rerun(target);
if (loggedIn(target)) {
  await matrix(target);
}
